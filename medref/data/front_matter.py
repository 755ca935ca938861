"""Front-matter rules every page must meet, checked before either engine builds.

Run as `python -m medref front-matter docs`. Each problem names the file and says what to do,
so stale or unlabelled medical content cannot ship silently.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

REQUIRED = ("title", "description", "audience", "last_reviewed", "next_review", "review")
AUDIENCES = ("public", "clinician", "both")
MAX_DESCRIPTION = 160
# `search:` is Material's per-page search setting (its search plugin reads `boost` and `exclude`).
# A word list such as the glossary takes a boost below 1, so the pages that answer a question rank
# first (issue 24). The boost multiplies every score on the page in the reader's browser: a string
# or a huge number would quietly reorder or blank the results, so only a number in range passes.
SEARCH_KEYS = ("boost", "exclude")
MAX_BOOST = 10
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
    """Return the YAML block between the opening and closing `---` lines ({} if none)."""
    text = path.read_text(encoding="utf-8")
    block, _ = split_front_matter(text)
    if block is None and text.startswith("---\n"):
        raise ValueError("front matter opens with '---' but never closes; add a closing '---' line")
    if block is None:
        return {}
    data = yaml.load(block, Loader=_LOADER) or {}
    if not isinstance(data, dict):
        raise ValueError("front matter must be a mapping of 'key: value' lines")
    return data


def as_date(value) -> dt.date | None:
    """A review date from front matter: a YAML date or an ISO string; None for anything else
    (a date with a time is refused: review dates are days)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def page_problems(path: Path, rel: str, today: dt.date) -> list[str]:
    try:
        meta = read_front_matter(path)
    except (ValueError, yaml.YAMLError) as exc:
        return [f"{rel}: front matter is not valid YAML ({exc}); quote values that contain ': '"]
    problems = []
    for key in REQUIRED:
        if meta.get(key) in (None, ""):
            problems.append(f"{rel}: missing '{key}' in front matter; add it (see README, 'Adding a page')")
    desc = meta.get("description")
    if isinstance(desc, str) and len(desc) > MAX_DESCRIPTION:
        problems.append(f"{rel}: description is {len(desc)} characters; shorten it to {MAX_DESCRIPTION} or fewer")
    aud = meta.get("audience")
    if aud not in (None, "") and aud not in AUDIENCES:
        problems.append(f"{rel}: audience '{aud}' is not one of {', '.join(AUDIENCES)}")
    last, nxt = meta.get("last_reviewed"), meta.get("next_review")
    last_d, next_d = as_date(last), as_date(nxt)
    if last not in (None, "") and last_d is None:
        problems.append(f"{rel}: last_reviewed '{last}' is not an ISO date (YYYY-MM-DD)")
    if nxt not in (None, "") and next_d is None:
        problems.append(f"{rel}: next_review '{nxt}' is not an ISO date (YYYY-MM-DD)")
    if last_d and next_d and next_d <= last_d:
        problems.append(f"{rel}: next_review {next_d} is not after last_reviewed {last_d}; set it 12 months later")
    problems += search_problems(rel, meta.get("search"))
    if last_d and last_d > today:
        problems.append(f"{rel}: last_reviewed {last_d} is in the future; use the date the review happened")
    if next_d and next_d < today:
        problems.append(
            f"{rel}: review overdue since {next_d}; re-check the page against its sources, "
            "then update last_reviewed and next_review"
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
        except (ValueError, yaml.YAMLError):
            continue
        if isinstance(desc, str) and desc:
            if desc in seen:
                problems.append(f"{rel}: description is the same as {seen[desc]}'s; each page needs its own")
            else:
                seen[desc] = rel
    return problems
