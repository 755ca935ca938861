"""The literature watch: data/literature-watch.yml, one entry per clinical question the site answers.

Pages go stale when new trials, reviews or guidance appear, not only when a year passes. So each
question records when it was last searched for, where, with what terms, what was found since the
search before, and what changed on the site as a result. Like a page's review date, a search goes
stale: every build (the extension, like a page's review date), `python -m medref literature-watch`
and the weekly review-date workflow fail when any question's last search is more than 12 months old.

Schema: a list of {id, question, pages (docs-relative paths), last_searched (YYYY-MM-DD),
previous_search (YYYY-MM-DD, optional), where (list of places searched), terms, found, site_changes,
sources (citation keys for the figures in `found`, optional)}.
The evidence page and the literature-watch page render it with `[[literature-watch]]`
(medref.render.literature_watch_render).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from medref.data import datafile, plaintext, references
from medref.data.errors import MedrefDataError

FILENAME = "literature-watch.yml"
FIELDS = ("id", "question", "pages", "last_searched", "previous_search", "where", "terms", "found",
          "site_changes", "sources")
TEXT_FIELDS = ("question", "terms", "found", "site_changes")
MAX_AGE_MONTHS = 12
# Characters per field: a few sentences of what was searched, found and changed.
LIMITS = {"question": 200, "terms": 1200, "found": 1500, "site_changes": 1500}


class LiteratureWatchDataError(MedrefDataError):
    """data/literature-watch.yml is malformed; the message lists every problem and how to fix it."""


@dataclasses.dataclass(frozen=True)
class Question:
    id: str
    question: str
    pages: tuple[str, ...]
    last_searched: dt.date
    where: tuple[str, ...]
    terms: str
    found: str
    site_changes: str
    previous_search: dt.date | None = None
    sources: tuple[str, ...] = ()   # reference keys for the figures in `found`, cited where it is shown

    @property
    def due(self) -> dt.date:
        """The day the search goes stale: 12 months after it was run."""
        return add_months(self.last_searched, MAX_AGE_MONTHS)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months (a day the month lacks, such as 29 February, falls back to its last day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in range(day.day, 0, -1):
        try:
            return dt.date(year, month, last)
        except ValueError:
            continue
    raise ValueError(f"no valid day for {day} plus {months} months")  # unreachable


def _strings(value) -> tuple[str, ...] | None:
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    return None


def _check(where: str, entry: dict, docs_dir: Path | None, known: set[str] | None = None) -> list[str]:
    problems = datafile.unknown_fields(where, entry, FIELDS)
    if not isinstance(entry.get("id"), str) or not datafile.ID_RE.match(entry["id"]):
        problems.append(f"{where}: 'id' must be lower-case letters, digits and hyphens")
    for field in TEXT_FIELDS:
        value = entry.get(field)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{where}: '{field}' is missing; write it in plain words")
    for field in ("pages", "where"):
        if _strings(entry.get(field)) is None:
            problems.append(f"{where}: '{field}' must be a list of one or more names")
    # Words, not markup, in every field (medref.data.plaintext), dates and lists included.
    problems += plaintext.entry_problems(where, entry, LIMITS)
    for page in _strings(entry.get("pages")) or ():
        if docs_dir is not None and not (Path(docs_dir) / page).is_file():
            problems.append(f"{where}: no page docs/{page}; list pages by their file under docs/")
    if "sources" in entry:
        keys = _strings(entry.get("sources"))
        if keys is None:
            problems.append(f"{where}: 'sources' must be a list of citation keys from {references.FILENAME}")
        elif known is not None:
            problems += references.unknown_keys(where, keys, known)
    last = datafile.as_date(entry.get("last_searched"))
    if last is None:
        problems.append(f"{where}: 'last_searched' must be the day of the search as YYYY-MM-DD")
    if "previous_search" in entry:
        previous = datafile.as_date(entry.get("previous_search"))
        if previous is None:
            problems.append(f"{where}: 'previous_search' must be YYYY-MM-DD (or leave it out)")
        elif last is not None and previous >= last:
            problems.append(f"{where}: 'previous_search' ({previous}) must be before 'last_searched' ({last})")
    return problems


def _build(entry: dict) -> Question:
    return Question(
        id=entry["id"], question=entry["question"].strip(), pages=_strings(entry["pages"]),
        last_searched=datafile.as_date(entry["last_searched"]), where=_strings(entry["where"]),
        terms=entry["terms"].strip(), found=entry["found"].strip(), site_changes=entry["site_changes"].strip(),
        previous_search=datafile.as_date(entry.get("previous_search")),
        sources=_strings(entry.get("sources")) or (),
    )


def parse_watch(data, source: str, docs_dir: Path | None = None, known: set[str] | None = None) -> dict[str, Question]:
    return datafile.parse_keyed(data, source, LiteratureWatchDataError, noun="question",
                                check=lambda where, entry: _check(where, entry, docs_dir, known), build=_build)


def load_watch(data_dir: str | Path, refs: dict | None = None,
               docs_dir: str | Path | None = None) -> dict[str, Question]:
    """Every question, checked against the references (read here when not given) and, with docs_dir,
    against the pages it lists. DataSet.get(load_watch) passes the build's references."""
    path = datafile.require(Path(data_dir) / FILENAME, LiteratureWatchDataError, "The literature watch")
    docs = Path(docs_dir) if docs_dir is not None else None
    known = set(refs if refs is not None else references.load_references(data_dir))
    return datafile.load_yaml(path, lambda data: parse_watch(data, str(path), docs, known),
                              LiteratureWatchDataError)


def stale(questions: dict[str, Question], today: dt.date) -> list[str]:
    """One message per question whose last search is more than 12 months old on `today`."""
    return [f"data/{FILENAME}: question '{q.id}' was last searched on {q.last_searched}, more than "
            f"{MAX_AGE_MONTHS} months ago (due by {q.due}); search again (PubMed, Cochrane, NICE and the "
            "other places listed), record what you found and what changed, and set last_searched"
            for q in questions.values() if today > q.due]


def searched_between(questions: dict[str, Question]) -> tuple[dt.date, dt.date]:
    """(oldest, newest) last search across all questions."""
    days = [q.last_searched for q in questions.values()]
    return min(days), max(days)
