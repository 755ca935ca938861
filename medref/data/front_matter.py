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
# Optional `page_script`: the named set of scripts overrides/main.html loads on that page only. The
# template holds the file names; front matter only picks one of these.
PAGE_SCRIPTS = ("discharge-form", "discharge-handout")
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
    script = meta.get("page_script")
    if script is not None and script not in PAGE_SCRIPTS:
        problems.append(f"{rel}: page_script '{script}' is not one of {', '.join(PAGE_SCRIPTS)}; "
                        "add the new set to PAGE_SCRIPTS and its files to overrides/main.html, or remove the key")
    last, nxt = meta.get("last_reviewed"), meta.get("next_review")
    last_d, next_d = as_date(last), as_date(nxt)
    if last not in (None, "") and last_d is None:
        problems.append(f"{rel}: last_reviewed '{last}' is not an ISO date (YYYY-MM-DD)")
    if nxt not in (None, "") and next_d is None:
        problems.append(f"{rel}: next_review '{nxt}' is not an ISO date (YYYY-MM-DD)")
    if last_d and next_d and next_d <= last_d:
        problems.append(f"{rel}: next_review {next_d} is not after last_reviewed {last_d}; set it 12 months later")
    if last_d and last_d > today:
        problems.append(f"{rel}: last_reviewed {last_d} is in the future; use the date the review happened")
    if next_d and next_d < today:
        problems.append(
            f"{rel}: review overdue since {next_d}; re-check the page against its sources, "
            "then update last_reviewed and next_review"
        )
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
