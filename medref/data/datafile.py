"""Reading the YAML files in data/: one place for parse errors, and the shared checks of keyed lists.

Each file is read once per build by medref.data.dataset.DataSet, which keeps what it read; nothing
here caches.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

import yaml

T = TypeVar("T")
# libyaml's parser with the safe constructor: the same data as yaml.safe_load, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def entries(data: list, source: str, problems: list[str], id_field: str = "id"):
    """(where, entry) for each mapping in a YAML list, `where` naming the file, the entry's number and
    its id for messages; an entry that is not a mapping is added to `problems` and skipped."""
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            problems.append(f"{source}: entry {number} is not a mapping of 'field: value' lines")
            continue
        yield f"{source}: entry {number} ({id_field} '{entry.get(id_field)}')", entry


def parse_keyed(data, source: str, error: type[Exception], *, noun: str, check: Callable[[str, dict], list[str]],
                build: Callable[[dict], T], id_field: str = "id", duplicate: str = "",
                recheck: Callable[[str, T], list[str]] | None = None) -> dict[str, T]:
    """A YAML list of entries -> {id: built value}, in file order (references, risks, trials).

    Each entry is checked (`check(where, entry)` returns its problems; a repeated id is one more);
    entries without problems are built, and `recheck(where, value)` may find problems that need the
    built value. Every problem in the file is raised at once, as `error`, so one build shows them all.
    """
    if not isinstance(data, list):
        raise error(f"{source}: must be a list of {noun}s ('- {id_field}: ...' entries)")
    duplicate = duplicate or f"each {noun} needs its own {id_field}"
    problems: list[str] = []
    built: dict[str, T] = {}
    for where, entry in entries(data, source, problems, id_field):
        entry_problems = check(where, entry)
        ident = entry.get(id_field)
        if isinstance(ident, str) and ident in built:
            entry_problems.append(f"{where}: duplicate {id_field} '{ident}'; {duplicate}")
        problems += entry_problems
        if entry_problems:
            continue
        value = build(entry)
        later = recheck(where, value) if recheck else []
        problems += later
        if not later:
            built[ident] = value
    if problems:
        raise error("\n".join(problems))
    return built
