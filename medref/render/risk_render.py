"""Render figures from data/risks.yml three ways, at build time:

- `[[sentence:ID]]`   a plain-language natural-frequency sentence with its citation;
- `[[icon-array:ID]]` the sentence (unless `[[sentence:ID]]` is just above), then a picture of 100 to
                      1,000 people (two side by side for a comparison) with a visible label ("800
                      people. Each dot or square is one person."), a legend, and a caption that
                      counts in the picture's own denominator;
- `[[risk-table]]`    the clinician table (what, procedure, figure with denominator and %, how measured,
                      kind of evidence, source); `[[risk-table:kyphoplasty]]` or `[[risk-table:harm]]`
                      filters by procedure or kind.

Citations are emitted as `[@key]` Markdown, so they are numbered with the rest of the page.
"""

from __future__ import annotations

import html
from xml.etree import ElementTree as etree

from markdown.util import AtomicString

from medref.render import tables
from medref.render.directives import BlockDirective, DirectiveError, OneOf, stash
from medref.render.tables import Column
from medref.render.icon_array import icon_array_svg, legend_swatch
from medref.render.text import inline, words
from medref.data.risks import FILENAME, TABLE_FILTERS, Figure, Risk, select


def citation(risk: Risk) -> str:
    return "[" + "; ".join("@" + key for key in risk.sources) + "]"


def sentence_markdown(risk: Risk) -> str:
    """The public sentence with its citation before the closing full stop."""
    text = risk.sentence
    end = ""
    if text.endswith((".", "!", "?")):
        text, end = text[:-1], text[-1]
    return f"{inline(text)}{citation(risk)}{end}"


# ---- numbers for clinicians ------------------------------------------------------------------------

def percent(rate: float) -> str:
    pct = rate * 100
    if pct >= 10:
        return f"{pct:.0f}%"
    if pct >= 1:
        return f"{pct:.1f}%"
    return f"{pct:.2g}%"


def reported(rate: float) -> str:
    """A rate as the study reported it (19.2%, 44%), keeping its precision."""
    return f"{round(rate * 100, 4):g}%"


def denominator_text(fig: Figure) -> str:
    low, high = fig.denominator_range
    return f"{low:,}" if low == high else f"about {low:,}–{high:,}"


def figure_text(fig: Figure) -> str:
    """'4 of 3,175 (0.13%)', '19.2% of 381', 'Vertebroplasty: 24 (44%) as reported; 61 randomised'."""
    den = denominator_text(fig)
    if fig.numerator is not None and fig.rate is not None:
        # The study's rate uses a denominator other than ours (e.g. those analysed), so never print
        # "24 of 61 (44%)": give count and rate as reported, then our denominator and what it counts.
        text = f"{fig.numerator:,} ({reported(fig.rate)}) as reported; {den} {fig.note or 'in the group'}"
    elif fig.numerator is not None:
        text = f"{fig.numerator:,} of {den}"
        low, high = fig.bounds()
        text += f" ({percent(low)})" if low == high else f" ({percent(low)}–{percent(high)})"
    elif fig.rate is not None:
        text = f"{reported(fig.rate)} of {den}"
    else:
        text = f"{reported(fig.low)}–{reported(fig.high)} of {den}"
    return f"{fig.label}: {text}" if fig.label else text


def figure_lines(risk: Risk) -> tuple[str, ...]:
    """The table's figure cell: one line per study or arm."""
    lines: list[str] = []
    for fig in risk.arms or risk.figures:
        lines += [tables.LINE_BREAK, figure_text(fig)] if lines else [figure_text(fig)]
    return tuple(lines)


def risk_figure_text(risk: Risk) -> str:
    return "; ".join(figure_text(f) for f in (risk.arms or risk.figures))


# ---- icon arrays -------------------------------------------------------------------------------------

# Outlined icons: how far apart the studies were, in words a reader can follow.
DEFAULT_RANGE_LEGEND = "extra people in the study that found more"


def array_counts(risk: Risk) -> list[tuple[str, int, int]]:
    """(arm label, marked, outlined) per panel; outlined icons show how far the studies differ."""
    per = risk.array.per
    if risk.arms:
        return [(arm.label, round(arm.point() * per), 0) for arm in risk.arms]
    low, high = risk.bounds()
    marked = round(low * per)
    return [("", marked, max(round(high * per) - marked, 0))]


def singular(unit: str) -> str:
    """'people' -> 'person', 'treated bones' -> 'treated bone' (what one icon stands for)."""
    if unit == "people":
        return "person"
    return unit[:-1] if unit.endswith("s") else unit


def picture_caption(risk: Risk) -> str:
    """What the picture counts, with the picture's own denominator and the citation."""
    spec = risk.array
    counts = array_counts(risk)
    if risk.arms:
        # "Kyphoplasty: about 73 in every 100 treated bones had ... Vertebroplasty: about 82 in every 100"
        (first_label, first, _), *rest = counts
        parts = [f"{first_label}: about {first:,} in every {spec.per:,} {risk.unit} {spec.marked}"]
        parts += [f"{label}: about {marked:,} in every {spec.per:,}" for label, marked, _ in rest]
        text = ". ".join(parts)
    else:
        _, marked, outlined = counts[0]
        number = f"{marked:,} to {marked + outlined:,}" if outlined else f"{marked:,}"
        text = f"In this picture of {spec.per:,} {risk.unit}, {number} {spec.marked}"
    return f"{words(text)}{citation(risk)}."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def picture_title(risk: Risk) -> str:
    """The visible label on the picture: how many it shows and what one mark is."""
    spec = risk.array
    one = singular(risk.unit)
    whole = "" if risk.arms else f"<strong>{spec.per:,} {html.escape(risk.unit)}.</strong> "
    return f'<p class="medref-ia-title">{whole}Each dot or square is one {html.escape(one)}.</p>'


def icon_array_html(risk: Risk) -> tuple[str, str]:
    """(panels HTML, legend HTML) for a risk that has an `array:` spec."""
    spec = risk.array
    per_text = f"{spec.per:,}"
    panels = []
    uses_range = False
    for label, marked, outlined in array_counts(risk):
        uses_range = uses_range or outlined > 0
        if label:
            alt = f"{label}: {marked:,} in {per_text} {risk.unit} {spec.marked}; the rest {spec.others}."
            heading = (f'<p class="medref-ia-heading" aria-hidden="true"><strong>{html.escape(label)}</strong>: '
                       f'{marked:,} in {per_text} {html.escape(risk.unit)}</p>')
        else:
            extra = (f", and {outlined:,} more outlined: {spec.range or DEFAULT_RANGE_LEGEND}"
                     if outlined else "")
            alt = (f"{risk.sentence} Picture of {per_text} {risk.unit}: {marked:,} marked as "
                   f"{spec.marked}{extra}; the rest {spec.others}.")
            heading = ""
        panels.append(f'<div class="medref-ia-panel">{heading}{icon_array_svg(spec.per, marked, alt, outlined)}</div>')
    legend = [("marked", spec.marked)]
    if uses_range:
        legend.append(("range", spec.range or DEFAULT_RANGE_LEGEND))
    legend.append(("others", spec.others))
    legend_html = "".join(f"<li>{legend_swatch(kind)} {html.escape(_capital(text))}</li>" for kind, text in legend)
    return "".join(panels), f'<ul class="medref-ia-legend">{legend_html}</ul>'


# ---- the directives ----------------------------------------------------------------------------------

FIGURE_ID = OneOf("figure id", lambda data: data.risks, source=FILENAME)


class RiskFigure(BlockDirective):
    """`[[sentence:ID]]` and `[[icon-array:ID]]`: one figure of data/risks.yml for the public."""

    NAMES = ("sentence", "icon-array")
    ARGUMENT = FIGURE_ID
    DOCS = (("[[sentence:ID]]", "a plain-language sentence with its citation"),
            ("[[icon-array:ID]]", "a picture of 100 to 1,000 people (blocks of 100), with the sentence above it "
                                  "unless `[[sentence:ID]]` is just above"))

    @classmethod
    def cites(cls, data, name, value):
        """The figure's sources."""
        return list(data.risks[value].sources)

    def render(self, parent, name, value):
        risk = self.data.risks[value]
        if name == "sentence":
            p = etree.SubElement(parent, "p", {"class": "medref-sentence", "data-risk": risk.id})
            p.text = sentence_markdown(risk)
            return
        if risk.array is None:
            raise DirectiveError(
                f"'{risk.id}' has no icon array (it is too rare to show in "
                f"1,000 people); use [[sentence:{risk.id}]] instead, or add 'array:' to its entry in "
                f"{self.data.dir / FILENAME}")
        if not self._follows_own_sentence(parent, risk):
            # The sentence goes above the picture, so the caption can give the picture's own count
            # ("In this picture of 800 people, 1 ...") without repeating it.
            p = etree.SubElement(parent, "p", {"class": "medref-sentence", "data-risk": risk.id})
            p.text = sentence_markdown(risk)
        panels, legend = icon_array_html(risk)
        compare = " medref-ia-compare" if risk.is_comparison else ""
        tone = " medref-ia-neutral" if risk.array.tone == "neutral" else ""
        figure = etree.SubElement(parent, "figure", {
            "class": f"medref-icon-array medref-ia-{risk.kind}{tone}", "id": f"icon-array-{risk.id}"})
        title = etree.SubElement(figure, "div", {"class": "medref-ia-label"})
        title.text = AtomicString(stash(self.md, picture_title(risk)))
        body = etree.SubElement(figure, "div", {"class": f"medref-ia-panels{compare}"})
        body.text = AtomicString(stash(self.md, panels))
        legend_div = etree.SubElement(figure, "div", {"class": "medref-ia-key"})
        legend_div.text = AtomicString(stash(self.md, legend))
        caption = etree.SubElement(figure, "figcaption")
        caption.text = picture_caption(risk)

    @staticmethod
    def _follows_own_sentence(parent, risk: Risk) -> bool:
        """True when [[sentence:ID]] for the same figure is the last element so far (just above the picture)."""
        siblings = list(parent)
        return bool(siblings) and siblings[-1].get("data-risk") == risk.id



class RiskTable(BlockDirective):
    """`[[risk-table]]`: the clinician table of figures, all or filtered by procedure or kind."""

    NAMES = ("risk-table",)
    ARGUMENT = OneOf("filter", TABLE_FILTERS, without="for every figure")
    DOCS = (("[[risk-table]]", "the clinician table of every figure in data/risks.yml (what, procedure, figure "
                               "with denominator and %, how measured, evidence, source)"),
            ("[[risk-table:FILTER]]", "the figures for one procedure (with those for both) or of one kind"))

    @classmethod
    def cites(cls, data, name, value):
        """The sources of each figure in the table."""
        keys: list[str] = []
        for risk in select(data.risks, value):
            keys += [k for k in risk.sources if k not in keys]
        return keys

    COLUMNS = (
        Column("What", lambda risk: risk.label),
        Column("Procedure", lambda risk: _capital(risk.procedure)),
        Column("Figure", lambda risk: figure_lines(risk)),
        Column("How measured", lambda risk: risk.measured),
        Column("Evidence", lambda risk: _capital(risk.evidence)),
    )

    def render(self, parent, name, value):
        refs = self.data.references

        def source(risk):  # a company that paid for a source is named in its row (funding_disclosure)
            paid = [name for key in risk.sources for name in getattr(refs.get(key), "company", ())[:1]]
            return (tables.citation(risk.sources),) + ((f" (paid for by {', '.join(dict.fromkeys(paid))})",) if paid else ())

        columns = self.COLUMNS + (Column("Source", source),)
        tables.data_table(parent, columns, select(self.data.risks, value), css="medref-risk-table",
                          row_attrs=lambda risk: {"id": f"figure-{risk.id}"})

