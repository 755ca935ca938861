"""Front-matter rules every page must meet: checked once per build from inside the medref extension
(so `mkdocs build`, `mkdocs serve`, `zensical build` and `make build` all stop on the same problems),
and by `python -m medref front-matter docs` (the weekly review-date run).

Each problem names the file and says what to do, so stale or unlabelled medical content cannot ship
silently. A page's `title` and `description` reach the theme's templates (the navigation of every
page, `<title>`, `<meta name="description">`), so they are words, not markup (medref.data.plaintext).

A page past its `next_review` stops the build. The one way to publish while it is overdue (so an
urgent correction to another page can still go out) is a logged, visible extension in that page's
front matter: `review_extended_to` (at most EXTENSION_DAYS after `next_review`) and
`review_extended_because`. The page then shows a notice that its review is overdue (README,
"Publishing while a page is overdue").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from medref.data import datafile, plaintext

REQUIRED = ("title", "description", "audience", "last_reviewed", "next_review", "review")
EXTENDED_TO, EXTENDED_BECAUSE = "review_extended_to", "review_extended_because"
EXTENSION_DAYS = 28
AUDIENCES = ("public", "clinician", "both")
MAX_DESCRIPTION = 160
# Characters per field: `title` is the page's name in the navigation and the browser tab.
LIMITS = {"title": 80, "description": MAX_DESCRIPTION, "review": 1000, EXTENDED_BECAUSE: 300}
WORDS_FIELDS = ("title", "description", "review", EXTENDED_BECAUSE)
# `search:` is Material's per-page search setting (its search plugin reads `boost` and `exclude`).
# A word list such as the glossary takes a boost below 1, so the pages that answer a question rank
# first (issue 24). The boost multiplies every score on the page in the reader's browser: a string
# or a huge number would quietly reorder or blank the results, so only a number in range passes.
SEARCH_KEYS = ("boost", "exclude")
MAX_BOOST = 10
# Optional `page_script`: the named set of scripts overrides/main.html loads on that page only. The
# template holds the file names; front matter only picks one of these.
PAGE_SCRIPTS = ("discharge-form", "discharge-handout", "decision-aid")
# libyaml's parser with the safe constructor: the same data as yaml.safe_load, several times faster
# (read for every page at every build; as in medref/data/datafile.py).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(YAML between the opening and closing `---` lines, the Markdown after them); the YAML is None
    when the page has no front matter, or when it opens with `---` and never closes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[4:end], text[end + 5:]
    return None, text


def read_front_matter(path: Path) -> dict:
    """Return the YAML block between the opening and closing `---` lines ({} if none).

    Raises ValueError naming the line for a file that is not UTF-8 or front matter that is not YAML."""
    text = datafile.read_text(path, ValueError)
    block, _ = split_front_matter(text)
    if block is None and text.startswith("---\n"):
        raise ValueError("front matter opens with '---' but never closes; add a closing '---' line")
    if block is None:
        return {}
    try:
        data = yaml.load(block, Loader=_LOADER) or {}
    except yaml.YAMLError as exc:  # line numbers of the file: the block starts on its line 2
        raise ValueError(datafile.yaml_problem(exc, first_line=2)) from None
    if not isinstance(data, dict):
        raise ValueError("front matter must be a mapping of 'key: value' lines")
    return data


def overdue_since(meta: dict, today: dt.date) -> dt.date | None:
    """The page's `next_review` when it has passed (the page is overdue), else None."""
    due = datafile.as_date(meta.get("next_review"))
    return due if due and due < today else None


def _words_problems(rel: str, meta: dict) -> list[str]:
    problems = []
    for field in WORDS_FIELDS:
        value = meta.get(field)
        if isinstance(value, str):
            problems += [f"{rel}: '{field}' {problem}"
                         for problem in plaintext.text_problems(value, field, LIMITS.get(field))
                         if not (field == "description" and problem.startswith("is "))]  # length: below
    return problems


def _extension_problems(rel: str, meta: dict, next_d: dt.date | None, today: dt.date) -> tuple[list[str], bool]:
    """(problems, whether a valid extension lets the overdue page build)."""
    until_raw, because = meta.get(EXTENDED_TO), meta.get(EXTENDED_BECAUSE)
    if until_raw in (None, "") and because in (None, ""):
        return [], False
    until = datafile.as_date(until_raw)
    problems = []
    if until is None:
        problems.append(f"{rel}: {EXTENDED_TO} '{until_raw}' is not an ISO date (YYYY-MM-DD)")
    elif next_d and until <= next_d:
        problems.append(f"{rel}: {EXTENDED_TO} {until} is not after next_review {next_d}; the page was "
                        f"re-reviewed, so remove {EXTENDED_TO} and {EXTENDED_BECAUSE}")
    elif next_d and until > next_d + dt.timedelta(days=EXTENSION_DAYS):
        problems.append(f"{rel}: {EXTENDED_TO} {until} is more than {EXTENSION_DAYS} days after next_review "
                        f"{next_d}; re-check the page against its sources instead")
    if not isinstance(because, str) or not because.strip():
        problems.append(f"{rel}: {EXTENDED_TO} needs {EXTENDED_BECAUSE}: say why the page must stay online "
                        "unreviewed (e.g. \"urgent correction to urgent-help.md; re-review booked\")")
    active = not problems and until is not None and today <= until
    return problems, active


def page_problems(path: Path, rel: str, today: dt.date) -> list[str]:
    try:
        meta = read_front_matter(path)
    except (ValueError, yaml.YAMLError) as exc:
        return [f"{rel}: front matter: {exc}"]
    problems = []
    for key in REQUIRED:
        if meta.get(key) in (None, ""):
            problems.append(f"{rel}: missing '{key}' in front matter; add it (see README, 'Adding a page')")
    problems += _words_problems(rel, meta)
    desc = meta.get("description")
    if isinstance(desc, str) and len(desc) > MAX_DESCRIPTION:
        problems.append(f"{rel}: description is {len(desc)} characters; shorten it to {MAX_DESCRIPTION} or fewer")
    aud = meta.get("audience")
    if aud not in (None, "") and aud not in AUDIENCES:
        problems.append(f"{rel}: audience '{aud}' is not one of {', '.join(AUDIENCES)}")
    script = meta.get("page_script")
    if script is not None and script not in PAGE_SCRIPTS:
        problems.append(f"{rel}: page_script '{script}' is not one of {', '.join(PAGE_SCRIPTS)}; "
                        "add the new set to PAGE_SCRIPTS and its files to overrides/main.html, or remove the key")
    last, nxt = meta.get("last_reviewed"), meta.get("next_review")
    last_d, next_d = datafile.as_date(last), datafile.as_date(nxt)
    if last not in (None, "") and last_d is None:
        problems.append(f"{rel}: last_reviewed '{last}' is not an ISO date (YYYY-MM-DD)")
    if nxt not in (None, "") and next_d is None:
        problems.append(f"{rel}: next_review '{nxt}' is not an ISO date (YYYY-MM-DD)")
    if last_d and next_d and next_d <= last_d:
        problems.append(f"{rel}: next_review {next_d} is not after last_reviewed {last_d}; set it 12 months later")
    problems += search_problems(rel, meta.get("search"))
    if last_d and last_d > today:
        problems.append(f"{rel}: last_reviewed {last_d} is in the future; use the date the review happened")
    extension_problems, extended = _extension_problems(rel, meta, next_d, today)
    problems += extension_problems
    if next_d and next_d < today and not extended:
        problems.append(
            f"{rel}: review overdue since {next_d}; re-check the page against its sources, "
            "then update last_reviewed and next_review (to publish an urgent fix elsewhere first, see "
            "README, 'Publishing while a page is overdue')"
        )
    return problems


def search_problems(rel: str, search) -> list[str]:
    """Problems with a page's `search:` setting (absent is fine)."""
    if search is None:
        return []
    example = "search: {boost: 0.2}"
    if not isinstance(search, dict):
        return [f"{rel}: 'search' in front matter must be a mapping, such as '{example}'"]
    problems = [f"{rel}: 'search.{key}' is not a search setting; use {' or '.join(SEARCH_KEYS)}"
                for key in search if key not in SEARCH_KEYS]
    boost = search.get("boost")
    if "boost" in search and (isinstance(boost, bool) or not isinstance(boost, (int, float))
                              or not 0 < boost <= MAX_BOOST):
        problems.append(f"{rel}: search.boost {boost!r} must be a number above 0 and at most {MAX_BOOST} "
                        f"(below 1 ranks the page after pages that answer, e.g. '{example}')")
    if "exclude" in search and not isinstance(search.get("exclude"), bool):
        problems.append(f"{rel}: search.exclude {search.get('exclude')!r} must be true or false")
    return problems


def check_docs(docs_dir: Path, today: dt.date | None = None) -> list[str]:
    """All front-matter problems under docs_dir, including duplicate descriptions."""
    today = today or dt.date.today()
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.as_posix()
        problems += page_problems(path, rel, today)
        try:
            desc = read_front_matter(path).get("description")
        except ValueError:
            continue
        if isinstance(desc, str) and desc:
            if desc in seen:
                problems.append(f"{rel}: description is the same as {seen[desc]}'s; each page needs its own")
            else:
                seen[desc] = rel
    return problems


def report(problems: list[str]) -> list[str]:
    """The lines a build or `python -m medref front-matter` prints for these problems."""
    return [f"front matter: {line}" for line in problems] + [
        f"front matter: {len(problems)} problem(s); the build stops here."]


def overdue_pages(docs_dir: Path, today: dt.date | None = None) -> list[tuple[str, dt.date, dt.date | None]]:
    """(page, next_review, review_extended_to or None) for every page past its next_review, oldest first
    (the weekly run lists them in a repository issue)."""
    today = today or dt.date.today()
    found = []
    for path in sorted(docs_dir.rglob("*.md")):
        try:
            meta = read_front_matter(path)
        except ValueError:
            continue
        due = overdue_since(meta, today)
        if due:
            found.append((path.as_posix(), due, datafile.as_date(meta.get(EXTENDED_TO))))
    return sorted(found, key=lambda item: item[1])


# One check per build: every page conversion asks, the docs are read again only when a file changes
# (mkdocs serve and zensical serve rebuild after an edit) or the day does.
_checked: dict[Path, tuple[tuple, list[str]]] = {}


def check_docs_once(docs_dir: Path, today: dt.date | None = None) -> list[str]:
    """check_docs(docs_dir), cached until a page under docs_dir changes, is added or removed, or the date
    changes."""
    today = today or dt.date.today()
    docs_dir = Path(docs_dir)
    files = sorted(docs_dir.rglob("*.md")) if docs_dir.is_dir() else []
    stamp = (today, tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))
    hit = _checked.get(docs_dir)
    if hit and hit[0] == stamp:
        return hit[1]
    problems = check_docs(docs_dir, today)
    _checked[docs_dir] = (stamp, problems)
    return problems
