"""The glossary: data/glossary.yml -> includes/abbreviations.md, and the terms the Glossary page
(`[[glossary]]`, medref.render.glossary_render) lists.

includes/abbreviations.md is appended to every page by pymdownx.snippets, so each abbreviation gets a
tooltip. It is generated: run `python -m medref glossary` after editing data/glossary.yml (a unit test
fails while the two disagree).

Schema: a list of {term (UK spelling, required), us (US spelling or word), abbr, meaning (required,
plain words), see (list of other terms)}.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from pathlib import Path

from medref.data import datafile, plaintext
from medref.data.errors import MedrefDataError

FILENAME = "glossary.yml"
ABBREVIATIONS = Path("includes") / "abbreviations.md"
FIELDS = ("term", "us", "abbr", "meaning", "see")
SHORT_MEANING = 90  # characters of meaning kept in a tooltip
# Characters per field (medref.data.plaintext): a meaning is one or two short sentences; every page that
# searches downloads them all in the search index.
LIMITS = {"term": 80, "us": 80, "abbr": 12, "meaning": 400, "see": 80}


class GlossaryDataError(MedrefDataError):
    """data/glossary.yml is malformed; the message lists every problem and how to fix it."""


@dataclasses.dataclass(frozen=True)
class Term:
    term: str
    meaning: str
    us: str = ""
    abbr: str = ""
    see: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return slugify(self.term)


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def parse_glossary(data, source: str) -> list[Term]:
    if not isinstance(data, list):
        raise GlossaryDataError(f"{source}: must be a list of terms ('- term: ...' entries)")
    problems: list[str] = []
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(data, start=1):
        where_ = f"{source}: entry {number} (term '{entry.get('term') if isinstance(entry, dict) else entry}')"
        if not isinstance(entry, dict):
            problems.append(f"{where_}: not a mapping of 'field: value' lines")
            continue
        entry_problems = datafile.unknown_fields(where_, entry, FIELDS) + plaintext.entry_problems(where_, entry, LIMITS)
        for field in ("term", "meaning"):
            if not isinstance(entry.get(field), str) or not entry[field].strip():
                entry_problems.append(f"{where_}: missing '{field}'; every entry needs a term and a plain meaning")
        for field in ("us", "abbr"):
            if entry.get(field) is not None and not isinstance(entry[field], str):
                entry_problems.append(f"{where_}: '{field}' must be text (quote it)")
        see = entry.get("see") or []
        if not isinstance(see, list) or not all(isinstance(s, str) for s in see):
            entry_problems.append(f"{where_}: 'see' must be a list of other terms, e.g. [Kyphoplasty]")
            see = []
        if isinstance(entry.get("term"), str):
            slug = slugify(entry["term"])
            if slug in seen:
                entry_problems.append(f"{where_}: duplicate term (also entry {seen[slug]}); merge the two entries")
            seen.setdefault(slug, number)
        problems += entry_problems
        if not entry_problems:
            terms.append(Term(term=entry["term"].strip(), meaning=entry["meaning"].strip(),
                              us=(entry.get("us") or "").strip(), abbr=(entry.get("abbr") or "").strip(),
                              see=tuple(s.strip() for s in see)))
    slugs = {t.slug for t in terms}
    for term in terms:
        for target in term.see:
            if slugify(target) not in slugs:
                problems.append(f"{source}: term '{term.term}' has see: '{target}', which is not a term; "
                                "add that term or fix the spelling")
    if problems:
        raise GlossaryDataError("\n".join(problems))
    return sorted(terms, key=lambda t: t.term.lower())


def load_glossary(data_dir: str | Path) -> list[Term]:
    path = Path(data_dir) / FILENAME
    if not path.is_file():
        return []
    return datafile.load_yaml(path, lambda data: parse_glossary(data or [], str(path)), GlossaryDataError)


def short_meaning(meaning: str) -> str:
    """The first sentence, without Markdown, cut to fit a tooltip."""
    text = re.sub(r"\[@[^\]]*\]", "", meaning)            # citations
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)   # links -> their text
    text = re.sub(r"[*_`]", "", text).strip()
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].rstrip(".")
    if len(first) > SHORT_MEANING:
        first = first[:SHORT_MEANING].rsplit(" ", 1)[0] + "…"
    return first


def abbreviations_text(terms: list[Term]) -> str:
    """The generated includes/abbreviations.md: `*[ABBR]: Term: short meaning` per abbreviation.

    A blank line between definitions makes each its own block: as one block, Python-Markdown's block
    processors re-read all that is left of it for each definition taken off (quadratic), which cost a
    seventh of the whole build, as this file is appended to every page (issue 13). Same HTML either way."""
    lines = []
    for term in sorted((t for t in terms if t.abbr), key=lambda t: t.abbr.lower()):
        meaning = short_meaning(term.meaning)
        same = term.term.lower() == term.abbr.lower()
        expansion = meaning if same else f"{term.term}: {meaning}"
        lines.append(f"*[{term.abbr}]: {expansion}")
    return "\n\n".join(lines) + ("\n" if lines else "")
