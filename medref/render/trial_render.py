"""Render data/trials.yml at build time (both engines), as block directives on their own line:

- `[[trial-table]]`          the clinician table of every trial and review; `[[trial-table:sham-controlled]]`,
                             `[[trial-table:open]]`, `[[trial-table:observational]]`, `[[trial-table:reviews]]`
                             show one design;
- `[[trial-summary]]`        a compact table (trial, one-line finding, design and size) for the quick reference;
                             `[[trial-summary:randomised]]` leaves out single-arm studies and reviews;
- `[[trial-chart]]`          the chart of differences in pain with their intervals (medref.render.trial_chart), a
                             plain one-line reading above it, the same numbers as a table, and the trials
                             left off the chart with the reason.

Funding comes from the trial's reference (`funding` in data/references.yml); "not confirmed" while it
has none. Citations are emitted as `[@key]`, so they are numbered with the rest of the page.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as etree

from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

from medref.data import references
from medref.render.directives import DirectiveProcessor, MedrefBuildError, stash, where
from medref.render.trial_chart import chart_svg, number
from medref.data.trials import (FACT_RE, FILENAME, TABLE_ARGS, THRESHOLD, THRESHOLD_SOURCE, Trial, expand_facts,
                           load_trials, select)

CHART_GROUPS = (("sham-controlled", "Sham-controlled trials"), ("open", "Open trials (no sham)"))
NO_FUNDING = "Not confirmed in our sources"


def cite(trial: Trial) -> str:
    return f"[@{trial.source}]"


def design_text(trial: Trial) -> str:
    return trial.design[:1].upper() + trial.design[1:]


def funding_text(trial: Trial, refs: dict) -> str:
    ref = refs.get(trial.source)
    funding = (getattr(ref, "funding", "") or NO_FUNDING) if ref else NO_FUNDING
    return references.UNKNOWN_FUNDING.get(funding, funding)


def effect_text(trial: Trial) -> str:
    e = trial.effect
    return f"{number(e.estimate)} (95% CI {number(e.low)} to {number(e.high)})"


def chart_groups(trials: list[Trial]) -> list[tuple[str, list[Trial]]]:
    return [(heading, [t for t in trials if t.design == design and t.effect]) for design, heading in CHART_GROUPS]


def plain_reading(groups: list[tuple[str, list[Trial]]]) -> str:
    """One plain sentence saying what the picture shows, worked out from the figures."""
    sham = dict(zip([d for d, _ in CHART_GROUPS], [m for _, m in groups]))["sham-controlled"]
    keys = "; ".join(f"@{t.source}" for _, members in groups for t in members)
    if not sham:
        return f"No trial with a pretend treatment reports a comparable measure, so the chart shows none [{keys}]."
    crossing = [t for t in sham if t.effect.low <= 0 <= t.effect.high]
    small = [t for t in sham if abs(t.effect.estimate) < THRESHOLD]
    if len(crossing) == len(sham) and len(small) == len(sham):
        return (f"In each trial on the chart that used a pretend treatment, the line crosses \"no difference\": "
                f"pain was about the same with and without the cement [{keys}].")
    return (f"In {len(crossing)} of the {len(sham)} trials on the chart that used a pretend treatment, the line "
            f"crosses \"no difference\" [{keys}].")


def chart_label(groups: list[tuple[str, list[Trial]]]) -> str:
    parts = []
    for heading, members in groups:
        rows = "; ".join(f"{t.label} at {t.effect.time}: {number(t.effect.estimate)}, 95% interval "
                         f"{number(t.effect.low)} to {number(t.effect.high)}" for t in members)
        parts.append(f"{heading}: {rows or 'none with a comparable measure'}.")
    return ("Chart of the difference in pain between groups, in points on a 0 to 10 scale, with 95% intervals. "
            + " ".join(parts) + f" A line marks no difference; a shaded band marks differences smaller than "
            f"{number(THRESHOLD)} points either way.")


class TrialFacts(Preprocessor):
    """`[[trial-fact:TRIAL.FACT]]` anywhere in a line (a sentence, a table cell) becomes the fact's
    plain words and its citation, before any other parsing, so the number comes from data/trials.yml."""

    def __init__(self, ext):
        super().__init__(ext.md)
        self.ext = ext

    def run(self, lines):
        text = "\n".join(lines)
        match = FACT_RE.search(text)
        if not match:
            return lines
        try:
            return expand_facts(text, load_trials(self.ext.getConfig("data_dir"))).split("\n")
        except KeyError as exc:
            raise MedrefBuildError(f"{where(self.ext.page, match.group(0))}: {exc.args[0]}") from None


class TrialDirective(DirectiveProcessor):
    NAMES = ("trial-table", "trial-summary", "trial-chart")


    def render(self, parent, name, arg, line_text):
        trials = select(load_trials(self.data_dir), name, arg)
        if name == "trial-table":
            if arg and arg not in TABLE_ARGS:
                raise MedrefBuildError(
                    f"{where(self.ext.page, line_text)}: [[trial-table:{arg}]] shows one design; use one of "
                    f"{', '.join(TABLE_ARGS)}, or [[trial-table]] for every trial in {Path(self.data_dir) / FILENAME}")
            self.render_table(parent, trials)
            return
        if name == "trial-summary" and arg in ("", "randomised"):
            # `randomised`: the sham-controlled and open trials only (the quick reference, two printed sides).
            self.render_summary(parent, trials)
        elif arg:
            raise MedrefBuildError(f"{where(self.ext.page, line_text)}: [[{name}]] takes no argument"
                                   + (" other than :randomised" if name == "trial-summary" else ""))
        else:
            self.render_chart(parent, trials)

    @staticmethod
    def _table(parent, css: str, titles: tuple[str, ...], rows: list[tuple[str, tuple[str, ...]]]):
        table = etree.SubElement(parent, "table", {"class": css})
        head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
        for title in titles:
            etree.SubElement(head, "th").text = title
        body = etree.SubElement(table, "tbody")
        for row_id, cells in rows:
            row = etree.SubElement(body, "tr", {"id": row_id} if row_id else {})
            for text in cells:
                etree.SubElement(row, "td").text = text
        return table

    def render_table(self, parent, trials: list[Trial]):
        refs = references.load_references(self.data_dir)
        rows = [(f"trial-{t.id}", (f"{t.label} {cite(t)}", f"{design_text(t)}: {t.comparison}", t.country,
                                   t.size_text(), t.population, t.primary_outcome, t.result,
                                   funding_text(t, refs)))
                for t in trials]
        self._table(parent, "medref-trial-table",
                    ("Trial", "Design", "Country", "n randomised", "Population", "Primary outcome",
                     "Result as reported", "Funding"), rows)

    def render_summary(self, parent, trials: list[Trial]):
        # Two columns, so the quick reference keeps to two printed sides. A company that paid for a
        # trial is named in its row, beside its citation (medref.render.funding_disclosure).
        refs = references.load_references(self.data_dir)

        def paid(t: Trial) -> str:
            names = getattr(refs.get(t.source), "company", ())
            return f"; paid for by {names[0]}" if names else ""

        rows = [("", (f"{t.label} {cite(t)}", f"{t.summary} ({t.design}; {t.size_text()}{paid(t)})"))
                for t in trials]
        self._table(parent, "medref-trial-summary", ("Trial", "Main finding (design; n)"), rows)

    def render_chart(self, parent, trials: list[Trial]):
        groups = chart_groups(trials)
        reading = etree.SubElement(parent, "p", {"class": "medref-tc-reading"})
        reading.text = plain_reading(groups)
        figure = etree.SubElement(parent, "figure", {"class": "medref-trial-chart", "id": "trial-chart"})
        body = etree.SubElement(figure, "div", {"class": "medref-tc-body"})
        body.text = AtomicString(stash(self.md, chart_svg(groups, THRESHOLD, chart_label(groups))))
        caption = etree.SubElement(figure, "figcaption")
        caption.text = (
            "Each row is one trial: the square is the difference in pain between the groups at the time "
            "shown, and the line is its 95% interval, as each paper reports it. The solid line is no "
            f"difference. The shaded band covers differences smaller than {number(THRESHOLD)} points either "
            f"way: VERTOS IV counted a fall of {number(THRESHOLD)} points as clinically significant pain relief "
            f"for one person [@{THRESHOLD_SOURCE}], so we use it as a guide to what patients notice. "
            "Right of the solid line, pain fell more with the cement: that is how Buchbinder, INVEST and "
            "VERTOS V report their differences. The VERTOS IV paper does not say which way its difference "
            "runs, so read its row only as close to no difference.")
        drawn = [t for _, members in groups for t in members]
        rows = [("", (f"{t.label} {cite(t)}", design_text(t), t.effect.time, effect_text(t), t.effect.note))
                for t in drawn]
        table = self._table(parent, "medref-tc-table",
                            ("Trial", "Design", "Time point", "Difference (interval)", "As reported"), rows)
        caption = etree.Element("caption")
        caption.text = "The numbers in the chart"
        table.insert(0, caption)  # first, as HTML requires (insert, not append-then-move: that copies)
        off = [t for t in trials if not t.effect]
        if off:
            intro = etree.SubElement(parent, "p")
            intro.text = "Not on the chart, and why:"
            ul = etree.SubElement(parent, "ul", {"class": "medref-tc-off"})
            for t in off:
                etree.SubElement(ul, "li").text = f"**{t.label}**: {t.off_chart} {cite(t)}."

