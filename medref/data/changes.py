"""What changed at each page's review: data/changes.yml, shown on every page (issue 22).

A clinician who bookmarked a page should see what is new without reading it all again. Each entry
says, in a sentence or two of plain words, what changed on one page at one review and why (a new
trial, a corrected figure, new guidance). The page furniture (medref.render.furniture) shows the
entries dated on the page's `last_reviewed` day, and stops the build when a page was reviewed but
nothing says what the review changed.

Schema: a list of {page (docs-relative path of the Markdown file), date (YYYY-MM-DD), what, why}.
Several entries may share a page and a date; they are shown in file order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from medref.data import datafile, plaintext
from medref.data.errors import MedrefDataError

FILENAME = "changes.yml"
FIELDS = ("page", "date", "what", "why")
MAX_WHAT = 240   # "short": one or two sentences a reader takes in at a glance
MAX_WHY = 120


class ChangesDataError(MedrefDataError):
    """data/changes.yml is malformed; the message lists every problem and how to fix it."""


@dataclasses.dataclass(frozen=True)
class Change:
    page: str
    date: dt.date
    what: str
    why: str


def _text_problems(where: str, field: str, value, limit: int) -> list[str]:
    if not isinstance(value, str) or not value.strip():
        return [f"{where}: '{field}' is missing; say in plain words {'what changed' if field == 'what' else 'why'}"]
    # Words, not markup: nothing here may reach a page as HTML (medref.data.plaintext).
    return [f"{where}: '{field}' {problem}" for problem in plaintext.text_problems(value, field, limit)]


def _entry_problems(where: str, entry: dict) -> list[str]:
    problems = datafile.unknown_fields(where, entry, FIELDS)
    page = entry.get("page")
    if not isinstance(page, str) or not page.endswith(".md"):
        problems.append(f"{where}: 'page' must be the page's file under docs/, e.g. evidence/index.md")
    if datafile.as_date(entry.get("date")) is None:
        problems.append(f"{where}: 'date' must be the review's date as YYYY-MM-DD")
    problems += _text_problems(where, "what", entry.get("what"), MAX_WHAT)
    problems += _text_problems(where, "why", entry.get("why"), MAX_WHY)
    return problems


def _make_change(entry: dict) -> Change:
    return Change(page=entry["page"], date=datafile.as_date(entry["date"]), what=entry["what"].strip(),
                  why=entry["why"].strip())


def parse_changes(data, source: str) -> list[Change]:
    if data is None:
        data = []
    if not isinstance(data, list):
        raise ChangesDataError(f"{source}: must be a list of changes ('- page: ...' entries)")
    problems: list[str] = []
    # Several entries may share a page: no `duplicate`.
    changes = datafile.checked(data, source, problems, check=_entry_problems, build=_make_change, id_field="page")
    if problems:
        raise ChangesDataError("\n".join(problems))
    return [change for _, change in changes]


def load_changes(data_dir: str | Path) -> list[Change] | None:
    """Every change in data/changes.yml, or None when the file does not exist (a bare test project)."""
    path = Path(data_dir) / FILENAME
    if not path.is_file():
        return None
    return datafile.load_yaml(path, lambda data: parse_changes(data, str(path)), ChangesDataError)


def changes_for(changes: list[Change], page: str, day: dt.date | None) -> list[Change]:
    """The changes recorded for `page` on `day` (its last review), in file order."""
    return [c for c in changes if c.page == page and c.date == day]


def missing_message(page: str, day: dt.date | None) -> str:
    when = day.isoformat() if day else "its last_reviewed date"
    return (f"docs/{page}: last reviewed on {when}, but {FILENAME} says nothing about what that review "
            f"changed; add an entry to data/{FILENAME} with page: {page}, date: {when}, what and why "
            "(if nothing changed, say what was checked)")
