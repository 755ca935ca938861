"""Reading the YAML files in data/: one place for parse errors, and the shared checks of keyed lists.

Each file is read once per build by medref.data.dataset.DataSet, which keeps what it read; nothing
here caches.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Callable, Iterator, TypeVar

import yaml

T = TypeVar("T")
# libyaml's parser with the safe constructor: the same data as yaml.safe_load, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ID_RE = re.compile(r"^[a-z0-9-]+$")  # ids that go into anchors and directive arguments


def load_yaml(path: Path, parse: Callable[[object], T], error: type[Exception]) -> T:
    """`parse(data)` for the YAML in `path`; a YAML syntax error raises `error` naming the file, the
    line and the usual fix."""
    text = read_text(path, error)
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise error(f"{path}, {yaml_problem(exc)}") from None
    return parse(data)


def require(path: Path, error: type[Exception], section: str) -> Path:
    """`path`, or `error` saying the file is missing and which AUTHORING.md section explains it."""
    if not path.is_file():
        raise error(f"{path}: file not found; create it (see AUTHORING.md, '{section}')")
    return path


def read_text(path: Path, error: type[Exception]) -> str:
    """The file as text; a file that is not UTF-8 raises `error` naming the file, line and column of the
    first bad byte and the fix (Python's own message gives a character offset and no file)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise error(f"{path}, line {line}, column {column}: byte 0x{raw[exc.start]:02x} is not UTF-8 text; "
                    "save the file as UTF-8 (retype the character around there)") from None


def yaml_problem(exc: Exception, first_line: int = 1) -> str:
    """'line 33, column 8: not valid YAML (did not find expected ',' or ']' while parsing a flow sequence)'
    with the fix for the common case; `first_line` is the file's line of the YAML's first line."""
    mark = getattr(exc, "problem_mark", None)
    where = f"line {mark.line + first_line}, column {mark.column + 1}: " if mark is not None else ""
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    detail = f"{problem} {context}" if context else problem
    hint = ""
    if "mapping values are not allowed" in detail:
        hint = "; quote values that contain ': ' (e.g. description: \"Recovery: the first weeks\")"
    elif "flow" in detail:
        hint = "; close every '[' with ']' and every '{' with '}', or quote the value"
    return f"{where}not valid YAML ({detail}){hint}"


def unknown_fields(where: str, entry: dict, allowed: tuple[str, ...]) -> list[str]:
    """One problem per field of `entry` not in `allowed` (a typo would otherwise be silently ignored)."""
    return [f"{where}: unknown field '{f}'; use only {', '.join(allowed)}" for f in entry if f not in allowed]


def as_date(value) -> dt.date | None:
    """A day from YAML: a date or an ISO string (YYYY-MM-DD); None for anything else (a date with a
    time is refused: review and search dates are days)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def entries(data: list, source: str, problems: list[str], id_field: str = "id", noun: str = "entry"):
    """(where, entry) for each mapping in a YAML list, `where` naming the file, the entry's number and
    its id for messages; an entry that is not a mapping is added to `problems` and skipped."""
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            problems.append(f"{source}: {noun} {number} is not a mapping of 'field: value' lines")
            continue
        yield f"{source}: {noun} {number} ({id_field} '{entry.get(id_field)}')", entry


def items(data: list, source: str, problems: list[str], *, noun: str, fields: tuple[str, ...]) -> Iterator[tuple[str, dict]]:
    """`entries` for a short list inside a file (a trial's facts, a worksheet's questions): also adds to
    `problems` each field not in `fields` and each id that is repeated or not lower-case letters,
    digits and hyphens."""
    seen: set = set()
    for where, item in entries(data, source, problems, noun=noun):
        problems += unknown_fields(where, item, fields)
        ident = item.get("id")
        if not isinstance(ident, str) or not ID_RE.match(ident) or ident in seen:
            problems.append(f"{where}: 'id' {ident!r} must be unique, lower-case letters, digits and hyphens")
        seen.add(ident if isinstance(ident, str) else None)
        yield where, item


def checked(data: list, source: str, problems: list[str], *, check: Callable[[str, dict], list[str]],
            build: Callable[[dict], T], id_field: str = "id", noun: str = "entry", duplicate: str = "",
            recheck: Callable[[str, T], list[str]] | None = None) -> list[tuple[object, T]]:
    """(id, built value) for each entry of a YAML list without problems, in file order.

    Each entry is checked (`check(where, entry)` returns its problems; with `duplicate`, the reason ids
    must differ, a repeated id is one more); entries without problems are built, and
    `recheck(where, value)` may find problems that need the built value. Problems are added to
    `problems`, not raised, so the caller can report them with the rest of its file's.
    """
    built: list[tuple[object, T]] = []
    ids: set = set()  # of the entries built: a repeat of a refused entry is not reported twice
    for where, entry in entries(data, source, problems, id_field, noun):
        entry_problems = check(where, entry)
        ident = entry.get(id_field)
        if duplicate and isinstance(ident, str) and ident in ids:
            entry_problems.append(f"{where}: duplicate {id_field} '{ident}'; {duplicate}")
        problems += entry_problems
        if entry_problems:
            continue
        value = build(entry)
        later = recheck(where, value) if recheck else []
        problems += later
        if not later:
            built.append((ident, value))
            ids.add(ident)
    return built


def parse_keyed(data, source: str, error: type[Exception], *, noun: str, check: Callable[[str, dict], list[str]],
                build: Callable[[dict], T], id_field: str = "id", duplicate: str = "",
                recheck: Callable[[str, T], list[str]] | None = None) -> dict[str, T]:
    """A YAML list of entries -> {id: built value}, in file order (references, risks, trials): the
    entries `checked`, each id once. Every problem in the file is raised at once, as `error`, so one
    build shows them all.
    """
    if not isinstance(data, list):
        raise error(f"{source}: must be a list of {noun}s ('- {id_field}: ...' entries)")
    problems: list[str] = []
    built = checked(data, source, problems, check=check, build=build, id_field=id_field, recheck=recheck,
                    duplicate=duplicate or f"each {noun} needs its own {id_field}")
    if problems:
        raise error("\n".join(problems))
    return dict(built)
