"""The decision aid's option grid: load and check data/option-grid.yml against data/risks.yml.

A row is one outcome at one time point; every cell in it is a figure from data/risks.yml (turned into
"about N in PER" by medref.render.option_grid), words, or "nothing measured". The grid is balanced by
construction: a row whose figures were counted at different times, in different units or in different
studies is refused unless the row says so to readers (`mixed:`), and words may hold no figure that
does not carry its source.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

# The modules, not their names: attributes are read at call time (tests may stand in a fake module).
from medref.data import datafile, plaintext, references, risks
from medref.data.errors import MedrefDataError

FILENAME = "option-grid.yml"
KINDS = ("benefit", "harm")
PERS = (100, 1000, 10000)
TOP_FIELDS = ("options", "rows")
OPTION_FIELDS = ("id", "label")
ROW_FIELDS = ("id", "kind", "outcome", "time", "per", "note", "mixed", "sources", "cells")
CELL_FIELDS = ("figure", "arm", "with", "none", "text", "sources")
DIGIT = re.compile(r"\d")
MARKUP = re.compile(r"\[@|\[\[")  # citations go in `sources`, never typed in the words
# Longest words per field (plaintext refuses markup in every field and anything longer than this).
LIMITS = {"outcome": 160, "time": 60, "note": 400, "mixed": 400, "text": 300, "with": 120, "label": 40}


class OptionGridDataError(MedrefDataError):
    """data/option-grid.yml is malformed or unbalanced; the message lists every problem and the fix."""


@dataclasses.dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclasses.dataclass(frozen=True)
class Cell:
    option: str
    figure: str = ""        # a figure id in data/risks.yml
    arm: str = ""           # which arm of a comparison
    with_words: str = ""    # words after the number ("after a pretend procedure")
    none: bool = False      # nothing measured
    text: str = ""          # words only
    sources: tuple[str, ...] = ()

    @property
    def is_figure(self) -> bool:
        return bool(self.figure)


@dataclasses.dataclass(frozen=True)
class Row:
    id: str
    kind: str
    outcome: str
    time: str
    per: int
    cells: tuple[Cell, ...]
    note: str = ""
    mixed: str = ""
    sources: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Grid:
    options: tuple[Option, ...]
    rows: tuple[Row, ...]


def _words(value) -> str:
    return " ".join(str(value or "").split())


def _text_problems(where: str, field: str, value, sources) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, str) or not value.strip():
        return [f"{where}: '{field}' must be words"]
    problems = [f"{where}: '{field}' {p}" for p in plaintext.text_problems(value, field, LIMITS.get(field))]
    if MARKUP.search(value):
        problems.append(f"{where}: '{field}' holds markup or a citation; write plain words and put "
                        "citation keys in 'sources:'")
    if DIGIT.search(value) and not sources:
        problems.append(f"{where}: '{field}' has a figure ({value!r}) but no 'sources:'; give the keys "
                        "that support it, or take the figure from data/risks.yml in a figure cell")
    return problems


def _sources_problems(where: str, sources, known: set[str]) -> list[str]:
    return references.sources_problems(where, sources, known, "aomrc-ebi")


def _cell_problems(where: str, cell, figures: dict, known: set[str]) -> list[str]:
    if not isinstance(cell, dict):
        return [f"{where}: must be a mapping: {{figure: ID}}, {{none: true}} or {{text: WORDS}}"]
    problems = datafile.unknown_fields(where, cell, CELL_FIELDS)
    kinds = [k for k in ("figure", "none", "text") if k in cell]
    if len(kinds) != 1:
        return problems + [f"{where}: give exactly one of 'figure' (an id in data/{risks.FILENAME}), "
                           "'none: true' (nothing measured) or 'text' (words)"]
    problems += _sources_problems(where, cell.get("sources"), known)
    if kinds == ["none"]:
        if cell["none"] is not True:
            problems.append(f"{where}: 'none' must be true")
        return problems
    if kinds == ["text"]:
        return problems + _text_problems(where, "text", cell["text"], cell.get("sources"))
    figure = figures.get(cell["figure"])
    if figure is None:
        return problems + [f"{where}: unknown figure '{cell['figure']}'; use an id from data/{risks.FILENAME}"]
    if not figure.time:
        problems.append(f"{where}: figure '{figure.id}' has no 'time' in data/{risks.FILENAME}; add when it "
                        "was counted (e.g. time: 2 weeks) so the grid can check its row")
    labels = [arm.label for arm in figure.arms]
    if figure.is_comparison and cell.get("arm") not in labels:
        problems.append(f"{where}: figure '{figure.id}' compares groups; add arm: one of {', '.join(labels)}")
    if not figure.is_comparison and "arm" in cell:
        problems.append(f"{where}: figure '{figure.id}' has no arms; remove 'arm'")
    problems += _text_problems(where, "with", cell.get("with"), cell.get("sources"))
    return problems


def _balance_problems(where: str, row: dict, figures: dict) -> list[str]:
    """A row compares like with like: one time point, one unit, one study; or it says why not."""
    cells = [(option, figures[c["figure"]]) for option, c in row["cells"].items()
             if isinstance(c, dict) and c.get("figure") in figures]
    differences = []
    times = {option: f.time for option, f in cells}
    if len(set(times.values()) | {row["time"]}) > 1:
        differences.append("were counted at different times (" + "; ".join(
            f"{o}: {t or 'no time'}" for o, t in times.items()) + f"; the row says {row['time']!r})")
    units = {option: f.unit for option, f in cells}
    if len(set(units.values())) > 1:
        differences.append("count different things (" + "; ".join(f"{o}: {u}" for o, u in units.items()) + ")")
    studies = {option: f.id for option, f in cells}
    if len(set(studies.values())) > 1:
        differences.append("come from different studies (" + "; ".join(
            f"{o}: {i}" for o, i in studies.items()) + ")")
    mixed = row.get("mixed")
    if differences and not mixed:
        return [f"{where}: its figures " + " and ".join(differences) + ", so readers would compare unlike "
                "numbers; split it into rows that match, or say why they share a row and that they must "
                "not be compared in 'mixed:' (shown to readers)"]
    if mixed and not differences:
        return [f"{where}: 'mixed' says the figures differ, but they match in time, unit and study; remove it"]
    return []


def _row_problems(where: str, row: dict, option_ids: list[str], figures: dict, known: set[str]) -> list[str]:
    problems = datafile.unknown_fields(where, row, ROW_FIELDS)
    if isinstance(row.get("time"), str):
        problems += [f"{where}: 'time' {p}" for p in plaintext.text_problems(row["time"], "time", LIMITS["time"])]
    if not isinstance(row.get("id"), str) or not datafile.ID_RE.match(row["id"]):
        problems.append(f"{where}: 'id' {row.get('id')!r} must be lower-case letters, digits and hyphens")
    if row.get("kind") not in KINDS:
        problems.append(f"{where}: 'kind' {row.get('kind')!r} must be one of: {', '.join(KINDS)}")
    for field in ("outcome", "time"):
        if not isinstance(row.get(field), str) or not row[field].strip():
            problems.append(f"{where}: missing '{field}' (see the comments at the top of data/{FILENAME})")
    if row.get("per") not in PERS:
        problems.append(f"{where}: 'per' {row.get('per')!r} must be one of {', '.join(map(str, PERS))}: "
                        "the denominator every cell in the row uses")
    problems += _sources_problems(where, row.get("sources"), known)
    # The outcome may define a scale ("below 4 out of 10"); notes are where a stray figure could hide.
    problems += _text_problems(where, "outcome", row.get("outcome"), ["definition"])
    for field in ("note", "mixed"):
        problems += _text_problems(where, field, row.get(field), row.get("sources"))
    cells = row.get("cells")
    if not isinstance(cells, dict):
        return problems + [f"{where}: 'cells' must map each option ({', '.join(option_ids)}) to a cell"]
    missing = [o for o in option_ids if o not in cells]
    extra = [o for o in cells if o not in option_ids]
    if missing:
        problems.append(f"{where}: no cell for {', '.join(missing)}; every option needs one "
                        "({none: true} when nothing was measured)")
    if extra:
        problems.append(f"{where}: cells for unknown options {', '.join(map(str, extra))}; use {', '.join(option_ids)}")
    for option in option_ids:
        if option in cells:
            problems += _cell_problems(f"{where}, {option}", cells[option], figures, known)
    if not problems:
        problems += _balance_problems(where, row, figures)
    return problems


def _option_problems(where: str, option: dict) -> list[str]:
    if not isinstance(option.get("id"), str) or not option.get("label"):
        return [f"{where}: needs 'id' and 'label'"]
    return datafile.unknown_fields(where, option, OPTION_FIELDS) + plaintext.entry_problems(where, option, LIMITS)


def _make_option(option: dict) -> Option:
    return Option(id=option["id"], label=_words(option["label"]))


def _make_cell(option: str, cell: dict) -> Cell:
    return Cell(option=option, figure=str(cell.get("figure") or ""), arm=str(cell.get("arm") or ""),
                with_words=_words(cell.get("with")), none=cell.get("none") is True, text=_words(cell.get("text")),
                sources=tuple(cell.get("sources") or ()))


def _make_row(row: dict, option_ids: list[str]) -> Row:
    return Row(id=row["id"], kind=row["kind"], outcome=_words(row["outcome"]), time=_words(row["time"]),
               per=row["per"], note=_words(row.get("note")), mixed=_words(row.get("mixed")),
               sources=tuple(row.get("sources") or ()),
               cells=tuple(_make_cell(o, row["cells"][o]) for o in option_ids))


def parse_grid(data, source: str, figures: dict, known: set[str]) -> Grid:
    """Check parsed YAML against the figures (data/risks.yml) and reference keys; every problem at once."""
    if not isinstance(data, dict):
        raise OptionGridDataError(f"{source}: must be a mapping with 'options' and 'rows'")
    problems = datafile.unknown_fields(source, data, TOP_FIELDS)
    options = data.get("options")
    if not isinstance(options, list) or not options:
        problems.append(f"{source}: 'options' must list the columns, e.g. - {{id: usual-care, label: Usual care}}")
        options = []
    options = datafile.checked(options, source, problems, noun="option", check=_option_problems,
                               build=_make_option, duplicate="each option needs its own id")
    option_ids = [option.id for _, option in options]
    rows = data.get("rows")
    if not isinstance(rows, list) or not rows:
        problems.append(f"{source}: 'rows' must be a list of rows (see the comments at the top of the file)")
        rows = []
    rows = datafile.checked(rows, source, problems, noun="row", duplicate="each row needs its own id",
                            check=lambda where, row: _row_problems(where, row, option_ids, figures, known),
                            build=lambda row: _make_row(row, option_ids))
    if problems:
        raise OptionGridDataError("\n".join(problems))
    return Grid(options=tuple(option for _, option in options), rows=tuple(row for _, row in rows))


def load_grid(data_dir: str | Path, refs: dict | None = None) -> Grid:
    """The grid, checked against data/risks.yml and data/references.yml (`refs`: the references already
    read, as medref.data.dataset.DataSet.get passes them)."""
    path = datafile.require(Path(data_dir) / FILENAME, OptionGridDataError, "The decision aid's grid and worksheet")
    refs = references.load_references(data_dir) if refs is None else refs
    figures = risks.load_risks(data_dir, refs)
    return datafile.load_yaml(path, lambda data: parse_grid(data, str(path), figures, set(refs)), OptionGridDataError)


def keys_for(grid: Grid, figures: dict) -> list[str]:
    """Reference keys the grid cites, in order (for the page's Sources list and the citation scan)."""
    keys: list[str] = []
    for row in grid.rows:
        for key in row.sources:
            keys.append(key)
        for cell in row.cells:
            if cell.is_figure:
                keys += list(figures[cell.figure].sources)
            keys += list(cell.sources)
    return list(dict.fromkeys(keys))
