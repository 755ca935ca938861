"""Where Pyphen would hyphenate a word (en_US), reading its patterns only as far as a word needs them.

`pyphen.Pyphen(lang="en_US")` parses all 11,000 patterns as it loads, a tenth of a second of every
build, when the reading age asks about the few hundred words the CMU dictionary lacks. This keeps
Pyphen's file, algorithm (Liang's, as pyphen.HyphDict.positions) and margins (two letters each side,
Pyphen's defaults, which textstat uses), but indexes each pattern by its letters and reads its digits
on first use. tests/unit/test_hyphenation.py checks the points equal Pyphen's.
"""

from __future__ import annotations

import functools
import re

import pyphen

LANGUAGE = "en_US"
LEFT = RIGHT = 2
IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
DIGITS = re.compile(r"\d")
NONZERO = re.compile(r"[1-9]")
DIGIT_THEN_LETTER = re.compile(r"(\d?)(\D?)")  # pyphen's parser


def positions(word: str) -> list[int]:
    """Pyphen(lang="en_US").positions(word), as plain ints."""
    patterns, longest = _patterns()
    if patterns is None:  # a patterns file this reader does not cover: let Pyphen read it
        return [int(i) for i in _pyphen().positions(word)]
    pointed = f".{word.lower()}."
    references = [0] * (len(pointed) + 1)
    for i in range(len(pointed) - 1):
        for j in range(i + 1, min(i + longest, len(pointed)) + 1):
            raw = patterns.get(pointed[i:j])
            if raw is None:
                continue
            offset, values = _values(raw)
            for k, value in enumerate(values, i + offset):
                if k < len(references) and value > references[k]:
                    references[k] = value
    right = len(word) - RIGHT
    return [i - 1 for i, value in enumerate(references) if value % 2 and LEFT <= i - 1 <= right]


@functools.cache
def _patterns() -> tuple[dict[str, str] | None, int]:
    """{letters of a pattern: the pattern}, for patterns with a hyphenation value; and the longest key.

    (None, 0) if the file uses pyphen's rarer syntax (^^hh characters, non-standard hyphens)."""
    path = pyphen.LANGUAGES[LANGUAGE]
    with path.open("rb") as fd:
        encoding = fd.readline().decode().strip()
    patterns = {}
    for line in path.read_text(encoding).split("\n")[1:]:
        line = line.strip()
        if not line or line.startswith(IGNORED) or not NONZERO.search(line):
            continue  # pyphen skips these too (a pattern of zeros changes nothing)
        if "^^" in line or "/" in line:
            return None, 0
        patterns[DIGITS.sub("", line)] = line  # a later duplicate wins, as in pyphen
    return patterns, max(map(len, patterns))


@functools.cache
def _values(raw: str) -> tuple[int, list[int]]:
    """".a2ch4" -> (2, [2, 0, 4]): the first non-zero value's offset and the values from there."""
    values = [int(digit or "0") for digit, _ in DIGIT_THEN_LETTER.findall(raw)]
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, values[start:end]


@functools.cache
def _pyphen():
    return pyphen.Pyphen(lang=LANGUAGE)
