"""`[[option-grid]]`: the decision aid's option grid, built from data/option-grid.yml at build time.

Each figure cell says "About N in PER" (worked out here from the figure's numerator and denominator in
data/risks.yml, never typed), what kind of evidence it rests on (the trial's design in data/trials.yml,
else the figure's `evidence`), its citation, and "Funding: ..." for every trial or review it cites
whose `funding` in data/references.yml names a payer. Before a cell goes on the page, funding_problems()
checks that line is there, so a cell can never cite a funded study without saying who paid.

The table reads as cards on a phone: each cell carries its option's name (data-option, shown by CSS).
"""

from __future__ import annotations

import math
import re
from xml.etree import ElementTree as etree

from medref.data import option_grid, references, risks, trials
from medref.render.directives import BlockDirective, MedrefBuildError
from medref.render.funding import payer, sponsor_of  # noqa: F401 (payer: part of this module's tested API)
from medref.render.text import words

NOTHING = {"benefit": "No trial has measured this.", "harm": "No study we found has measured this."}
# The kind of evidence, in plain words: a trial's design first, else the figure's `evidence`.
DESIGN_WORDS = {
    "sham-controlled": "Trial against a pretend procedure",
    "open": "Open trial: people knew which treatment they had",
    "observational": "Study with no comparison group",
    "systematic review": "Review of trials",
}
EVIDENCE_WORDS = {
    "randomised trial": "Randomised trial",
    "cohort": "Study of one group of patients",
    "case series": "Records of treated patients",
    "registry": "Registry of treated patients",
    "passive reports": "Reports to a regulator: not every problem is reported",
    "systematic review": "Review of studies",
}
CITE_RE = re.compile(r"\[@([^\]]+)\]")


def half_up(value: float) -> int:
    """Round as people expect (4.5 -> 5), not as Python does (round(4.5) == 4)."""
    return math.floor(value + 0.5)


def count_words(low: float, high: float, per: int) -> str:
    """'About 44 in 100', 'About 3 to 5 in 1,000', 'Fewer than 1 in 1,000' for rates 0-1."""
    lo, hi = half_up(low * per), half_up(high * per)
    if hi < 1:
        return f"Fewer than 1 in {per:,}"
    if lo < 1:
        return f"Up to {hi:,} in {per:,}"
    if lo == hi:
        return f"About {lo:,} in {per:,}"
    return f"About {lo:,} to {hi:,} in {per:,}"


def cell_rates(figure: risks.Risk, arm: str) -> tuple[float, float]:
    """Low and high rate a cell shows: the arm's reported rate (else its count over its denominator),
    or the range across the figure's studies."""
    if figure.is_comparison:
        chosen = next(a for a in figure.arms if a.label == arm)
        rate = chosen.rate if chosen.rate is not None else chosen.point()
        return rate, rate
    return figure.bounds()


def trial_for(figure: risks.Risk, all_trials: dict) -> trials.Trial | None:
    """The trial a figure comes from: one whose main report or one of whose facts cites the figure's source."""
    for trial in all_trials.values():
        cited = {trial.source, *(fact.source for fact in trial.facts)}
        if cited & set(figure.sources):
            return trial
    return None


def evidence_words(figure: risks.Risk, all_trials: dict) -> str:
    trial = trial_for(figure, all_trials)
    if trial is not None and trial.design in DESIGN_WORDS:
        return DESIGN_WORDS[trial.design]
    return EVIDENCE_WORDS.get(figure.evidence, figure.evidence[:1].upper() + figure.evidence[1:])


def funding_problems(where_text: str, cell_markdown: str, refs: dict) -> list[str]:
    """A cell that cites a sponsored trial or review must say who paid for it, in the cell itself."""
    problems = []
    for match in CITE_RE.finditer(cell_markdown):
        for key in (k.strip().lstrip("@") for k in match.group(1).split(";")):
            sponsor = sponsor_of(key, refs)
            if sponsor and f"Funding: {sponsor}" not in cell_markdown:
                problems.append(f"{where_text}: cites {key} (funding: {sponsor}) but the cell does not "
                                f"say who paid; every cell citing it must show 'Funding: {sponsor}' "
                                "(medref/render/option_grid.py adds it from data/references.yml)")
    return problems


def cite(keys) -> str:
    keys = list(dict.fromkeys(keys))
    return "[" + "; ".join("@" + k for k in keys) + "]" if keys else ""


def funding_lines(keys, refs: dict) -> list[str]:
    lines = []
    for key in dict.fromkeys(keys):
        sponsor = sponsor_of(key, refs)
        if sponsor and f"Funding: {sponsor}" not in lines:
            lines.append(f"Funding: {sponsor}")
    return lines


def cell_parts(row: option_grid.Row, cell: option_grid.Cell, figures: dict, all_trials: dict,
               refs: dict) -> list[tuple[str, str]]:
    """(css class, Markdown) for each line of a cell, in order."""
    if cell.none:
        return [("og-none", NOTHING[row.kind])]
    if not cell.is_figure:
        return [("og-words", f"{words(cell.text)} {cite(cell.sources)}".strip())] + [
            ("og-funding", words(line)) for line in funding_lines(cell.sources, refs)]
    figure = figures[cell.figure]
    low, high = cell_rates(figure, cell.arm)
    keys = list(figure.sources) + list(cell.sources)
    count = count_words(low, high, row.per)
    parts = [("og-count", f"**{count}**" + (f" {words(cell.with_words)}" if cell.with_words else ""))]
    parts.append(("og-evidence", f"{words(evidence_words(figure, all_trials))} {cite(keys)}"))
    parts += [("og-funding", words(line)) for line in funding_lines(keys, refs)]
    return parts


def when_words(row: option_grid.Row) -> str:
    """'At 2 weeks', 'Within about 1 year', 'After the procedure'."""
    time = row.time
    if re.match(r"^(about )?\d", time):
        return ("At " if row.kind == "benefit" else "Within ") + time
    return time[:1].upper() + time[1:]


def unit_of(row: option_grid.Row, figures: dict) -> str:
    """What the row counts: 'people', or, in a row that says it mixes them, 'people or procedures'."""
    units = list(dict.fromkeys(figures[c.figure].unit for c in row.cells if c.is_figure))
    return " or ".join(units)


class OptionGrid(BlockDirective):
    """`[[option-grid]]`: the decision aid's grid, built from data/option-grid.yml."""

    NAMES = ("option-grid",)
    DOCS = (("[[option-grid]]", "the decision aid's grid (data/option-grid.yml): one outcome, time point and "
                                "denominator per row, each cell's kind of evidence and funding"),)

    @classmethod
    def cites(cls, data, name, value):
        """Every figure's sources and the words' sources, row by row."""
        return option_grid.keys_for(data.get(option_grid.load_grid), data.risks)

    def render(self, parent, name, value):
        grid = self.data.get(option_grid.load_grid)
        figures, all_trials, refs = self.data.risks, self.data.trials, self.data.references
        table = etree.SubElement(parent, "table", {"class": "medref-option-grid", "id": "option-grid-table"})
        head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
        etree.SubElement(head, "th", {"scope": "col"}).text = "What is counted"
        for option in grid.options:
            etree.SubElement(head, "th", {"scope": "col"}).text = words(option.label)
        body = etree.SubElement(table, "tbody")
        problems = []
        for row in grid.rows:
            tr = etree.SubElement(body, "tr", {"id": f"option-grid-{row.id}"})
            self._row_heading(tr, row, figures, refs)
            for option, cell in zip(grid.options, row.cells):
                td = etree.SubElement(tr, "td", {"data-option": option.label})
                parts = cell_parts(row, cell, figures, all_trials, refs)
                problems += funding_problems(f"{option_grid.FILENAME}: row '{row.id}', {option.label}",
                                             "\n".join(text for _, text in parts), refs)
                for css, text in parts:
                    etree.SubElement(td, "span", {"class": css}).text = text
        if problems:
            raise MedrefBuildError("\n".join(problems))

    @staticmethod
    def _row_heading(tr, row: option_grid.Row, figures: dict, refs: dict) -> None:
        th = etree.SubElement(tr, "th", {"scope": "row"})
        etree.SubElement(th, "span", {"class": "og-outcome"}).text = words(row.outcome)
        unit = unit_of(row, figures)
        basis = f"{when_words(row)}" + (f", out of {row.per:,} {unit}" if unit else "")
        etree.SubElement(th, "span", {"class": "og-basis"}).text = words(basis)
        # Once, after the first of the row's notes; a company that paid for one of them is named
        # beside it (medref.render.funding_disclosure), as every cell names its own funders.
        paid = [key for key in row.sources if getattr(refs.get(key), "company", ())]
        sources = " ".join([cite(row.sources)] + [words(line) + "." for line in funding_lines(paid, refs)])
        if row.mixed:
            etree.SubElement(th, "span", {"class": "og-mixed"}).text = (
                f"**Not comparable:** {words(row.mixed)} {sources}".strip())
            sources = ""
        if row.note:
            etree.SubElement(th, "span", {"class": "og-note"}).text = f"{words(row.note)} {sources}".strip()
