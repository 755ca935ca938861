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

from xml.etree import ElementTree as etree

from markdown.util import AtomicString

from medref.data import references
from medref.data.trials import (FILENAME, RANDOMISED_ARG, TABLE_ARGS, THRESHOLD, THRESHOLD_SOURCE, Trial,
                                fact_markdown, keys_for, select)
from medref.render import tables
from medref.render.directives import (Argument, BlockDirective, DirectiveError, InlineDirective, OneOf, stash,
                                      use_one_of)
from medref.render.tables import Column, Inline
from medref.render.text import inline, words
from medref.render.trial_chart import chart_svg, number

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


def trial_cell(trial: Trial) -> tuple[str, ...]:
    """'VERTOS IV 2018 [@firanescu2018]': the trial's name and year, citing its main report."""
    return trial.label, " ", tables.citation([trial.source])


def chart_label(groups: list[tuple[str, list[Trial]]]) -> str:
    parts = []
    for heading, members in groups:
        rows = "; ".join(f"{t.label} at {t.effect.time}: {number(t.effect.estimate)}, 95% interval "
                         f"{number(t.effect.low)} to {number(t.effect.high)}" for t in members)
        parts.append(f"{heading}: {rows or 'none with a comparable measure'}.")
    return ("Chart of the difference in pain between groups, in points on a 0 to 10 scale, with 95% intervals. "
            + " ".join(parts) + f" A line marks no difference; a shaded band marks differences smaller than "
            f"{number(THRESHOLD)} points either way.")


class TrialFactArgument(Argument):
    """`TRIAL.FACT`: a trial id in data/trials.yml and the id of one of its facts."""

    def read(self, name, text, data):
        trial_id, dot, fact_id = text.partition(".")
        if not dot or not trial_id or not fact_id:
            raise DirectiveError(f"[[{name}:{text}]] names a trial and one of its facts: write "
                                 f"[[{name}:TRIAL.FACT]], e.g. [[{name}:vapour.pain-2-weeks]]")
        trials = data.trials
        if trial_id not in trials:
            raise use_one_of("trial", text, name, [f"{t}.FACT" for t in trials], source=str(data.dir / FILENAME))
        try:
            fact_markdown(trials, trial_id, fact_id)
        except KeyError as exc:
            raise DirectiveError(exc.args[0]) from None
        return trial_id, fact_id

    def describe(self, data=None):
        return "a trial id and the id of one of its `facts:` in data/trials.yml"


class TrialFact(InlineDirective):
    """`[[trial-fact:TRIAL.FACT]]` anywhere in a line (a sentence, a table cell) becomes the fact's
    plain words and its citation, before any other parsing, so the number comes from data/trials.yml."""

    NAMES = ("trial-fact",)
    ARGUMENT = TrialFactArgument()
    DOCS = (("[[trial-fact:TRIAL.FACT]]", "inline, in a sentence or table cell: a finding in plain words from "
                                          "`facts:` in data/trials.yml, with its citation"),)

    @classmethod
    def expand(cls, data, name, value):
        return fact_markdown(data.trials, *value, inline)


def trial_keys(data, name, value) -> list[str]:
    return keys_for(data.trials, name, value)


class TrialTable(BlockDirective):
    """`[[trial-table]]`: the clinician table of trials and reviews, all or one design."""

    NAMES = ("trial-table",)
    ARGUMENT = OneOf("design", tuple(TABLE_ARGS), without="for every trial in data/trials.yml")
    DOCS = (("[[trial-table]]", "every trial and review: design, country, size, population, outcome, result, "
                                "funding"),
            ("[[trial-table:DESIGN]]", "the trials of one design"))

    @classmethod
    def cites(cls, data, name, value):
        """Each trial's main report."""
        return trial_keys(data, name, value)

    def render(self, parent, name, value):
        refs = self.data.references
        columns = (
            Column("Trial", trial_cell),
            Column("Design", lambda t: f"{design_text(t)}: {t.comparison}"),
            Column("Country", lambda t: t.country),
            Column("n randomised", lambda t: t.size_text()),
            Column("Population", lambda t: Inline(t.population)),
            Column("Primary outcome", lambda t: t.primary_outcome),
            Column("Result as reported", lambda t: Inline(t.result)),
            Column("Funding", lambda t: funding_text(t, refs)),
        )
        # Eight columns: inside the theme's own sideways scroller (it wraps only tables without a
        # class), so at 200% zoom or on a phone the table scrolls, not the page, and Tab scrolls it to
        # each link (issue 25).
        wrap = etree.SubElement(parent, "div", {"class": "md-typeset__scrollwrap"})
        parent = etree.SubElement(wrap, "div", {"class": "md-typeset__table"})
        tables.data_table(parent, columns, select(self.data.trials, name, value), css="medref-trial-table",
                          row_attrs=lambda t: {"id": f"trial-{t.id}"})


class TrialSummary(BlockDirective):
    """`[[trial-summary]]`: a compact trial / finding table for the quick reference."""

    NAMES = ("trial-summary",)
    ARGUMENT = OneOf("selection", RANDOMISED_ARG, without="for every trial and review")
    DOCS = (("[[trial-summary]]", "a compact trial / finding table (trial, one-line finding, design and size)"),
            ("[[trial-summary:randomised]]", "the same, leaving out single-arm studies and reviews"))

    @classmethod
    def cites(cls, data, name, value):
        """Each trial's main report."""
        return trial_keys(data, name, value)

    def render(self, parent, name, value):
        # Two columns, so the quick reference keeps to two printed sides. A company that paid for a
        # trial is named in its row, beside its citation (medref.render.funding_disclosure).
        refs = self.data.references

        def paid(t: Trial) -> str:
            names = getattr(refs.get(t.source), "company", ())
            return f"; paid for by {names[0]}" if names else ""

        columns = (
            Column("Trial", trial_cell),
            Column("Main finding (design; n)",
                   lambda t: (Inline(t.summary), f" ({t.design}; {t.size_text()}{paid(t)})")),
        )
        tables.data_table(parent, columns, select(self.data.trials, name, value), css="medref-trial-summary")


class TrialChart(BlockDirective):
    """`[[trial-chart]]`: the chart of pain differences with intervals, its reading, its table and what
    is left off."""

    NAMES = ("trial-chart",)
    DOCS = (("[[trial-chart]]", "the chart of pain differences with intervals, its plain reading, its table, "
                                "and what is left off"),)

    @classmethod
    def cites(cls, data, name, value):
        """Each trial's main report, and the source of the chart's threshold band."""
        return trial_keys(data, name, value)

    COLUMNS = (  # the chart's numbers, as a table
        Column("Trial", trial_cell),
        Column("Design", design_text),
        Column("Time point", lambda t: t.effect.time),
        Column("Difference (interval)", effect_text),
        Column("As reported", lambda t: t.effect.note),
    )

    def render(self, parent, name, value):
        trials = select(self.data.trials, name, value)
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
        tables.data_table(parent, self.COLUMNS, drawn, css="medref-tc-table", caption="The numbers in the chart")
        off = [t for t in trials if not t.effect]
        if off:
            intro = etree.SubElement(parent, "p")
            intro.text = "Not on the chart, and why:"
            ul = etree.SubElement(parent, "ul", {"class": "medref-tc-off"})
            for t in off:
                etree.SubElement(ul, "li").text = f"**{words(t.label)}**: {inline(t.off_chart)} {cite(t)}."

