"""The trials chart: one row per trial, its difference in pain between groups with its 95% interval.

Inline SVG, drawn at build time from data/trials.yml (medref.data.trials). Sham-controlled and open trials
are grouped apart; a vertical line marks no difference and a shaded band marks differences smaller
than the threshold for a clinically important change. Colours come from CSS classes (site.css,
"medref: trials chart") with currentColor fallbacks, so the chart follows the light and dark schemes
and prints in black and grey. The viewBox is phone-sized (360 units wide), so text stays readable at
390 px and the chart scales up, within a maximum width, on wider screens.
"""

from __future__ import annotations

import html
import math

from medref.data.trials import Trial

WIDTH = 360
LABEL_W = 112          # trial names on the left
PLOT_L, PLOT_R = LABEL_W + 8, WIDTH - 10
ROW_H = 30
GROUP_H = 24
AXIS_H = 58            # ticks, the axis title, and which side favours which group
FONT = 12
SMALL = 10.5


def axis_range(trials: list[Trial], threshold: float) -> tuple[float, float]:
    """Whole-number limits that hold every interval and the threshold band on both sides."""
    lows = [t.effect.low for t in trials] + [-threshold]
    highs = [t.effect.high for t in trials] + [threshold]
    return float(math.floor(min(lows) - 0.25)), float(math.ceil(max(highs) + 0.25))


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def number(value: float) -> str:
    """A figure as the paper gives it, with a true minus sign."""
    return f"{value:g}".replace("-", "−")


def _guides(x, threshold: float, top: float, bottom: float) -> str:
    """The band (differences smaller than the threshold either way, dashed edges for print) and the
    no-difference line, behind one group's rows only, so group headings stay clear."""
    height = _fmt(bottom - top)
    parts = [f'<rect class="medref-tc-band" x="{_fmt(x(-threshold))}" y="{_fmt(top)}" '
             f'width="{_fmt(x(threshold) - x(-threshold))}" height="{height}" fill="currentColor" fill-opacity="0.12"/>']
    for edge in (-threshold, threshold):
        parts.append(f'<line x1="{_fmt(x(edge))}" x2="{_fmt(x(edge))}" y1="{_fmt(top)}" y2="{_fmt(bottom)}" '
                     'stroke="currentColor" stroke-dasharray="3 3" stroke-width="1"/>')
    parts.append(f'<line class="medref-tc-zero" x1="{_fmt(x(0))}" x2="{_fmt(x(0))}" y1="{_fmt(top)}" '
                 f'y2="{_fmt(bottom)}" stroke="currentColor" stroke-width="1.5"/>')
    return "".join(parts)


def chart_svg(groups: list[tuple[str, list[Trial]]], threshold: float, label: str) -> str:
    """SVG for (group heading, trials with an effect) pairs; `label` is the text alternative."""
    drawn = [t for _, members in groups for t in members]
    lo, hi = axis_range(drawn, threshold)

    def x(value: float) -> float:
        return PLOT_L + (value - lo) / (hi - lo) * (PLOT_R - PLOT_L)

    rows = sum(max(len(members), 1) for _, members in groups)
    height = len(groups) * GROUP_H + rows * ROW_H + AXIS_H
    plot_bottom = height - AXIS_H
    text = html.escape(label, quote=True)
    out = [
        f'<svg class="medref-tc-svg" viewBox="0 0 {WIDTH} {_fmt(height)}" role="img" aria-label="{text}" '
        f'width="100%" preserveAspectRatio="xMidYMin meet" xmlns="http://www.w3.org/2000/svg" '
        f'font-size="{FONT}" fill="currentColor">',
        f"<title>{text}</title>",
    ]
    y = 0.0
    for heading, members in groups:
        out.append(f'<text class="medref-tc-group" x="0" y="{_fmt(y + GROUP_H - 7)}" font-weight="bold">'
                   f"{html.escape(heading)}</text>")
        y += GROUP_H
        if not members:
            out.append(f'<text x="0" y="{_fmt(y + ROW_H / 2 + 4)}" font-size="{SMALL}">'
                       "None with a comparable measure: see the list below</text>")
            y += ROW_H
            continue
        out.append(_guides(x, threshold, y, y + len(members) * ROW_H))
        for trial in members:
            mid = y + ROW_H / 2
            e = trial.effect
            out.append(f'<text x="0" y="{_fmt(mid - 1)}">{html.escape(trial.label)}</text>'
                       f'<text x="0" y="{_fmt(mid + 11)}" font-size="{SMALL}" class="medref-tc-muted">'
                       f"at {html.escape(e.time)}</text>")
            out.append(f'<line class="medref-tc-ci" x1="{_fmt(x(e.low))}" x2="{_fmt(x(e.high))}" y1="{_fmt(mid)}" '
                       f'y2="{_fmt(mid)}" stroke="currentColor" stroke-width="2.5"/>')
            for end in (e.low, e.high):
                out.append(f'<line class="medref-tc-ci" x1="{_fmt(x(end))}" x2="{_fmt(x(end))}" y1="{_fmt(mid - 5)}" '
                           f'y2="{_fmt(mid + 5)}" stroke="currentColor" stroke-width="2"/>')
            out.append(f'<rect class="medref-tc-point" x="{_fmt(x(e.estimate) - 5)}" y="{_fmt(mid - 5)}" '
                       'width="10" height="10" fill="currentColor"/>')
            y += ROW_H
    out.append(_guides(x, threshold, plot_bottom - 6, plot_bottom))
    # Axis: ticks at whole points, and what the numbers mean.
    out.append(f'<line x1="{PLOT_L}" x2="{PLOT_R}" y1="{_fmt(plot_bottom)}" y2="{_fmt(plot_bottom)}" '
               'stroke="currentColor" stroke-width="1"/>')
    for tick in range(int(lo), int(hi) + 1):
        tx = _fmt(x(tick))
        out.append(f'<line x1="{tx}" x2="{tx}" y1="{_fmt(plot_bottom)}" y2="{_fmt(plot_bottom + 4)}" '
                   f'stroke="currentColor"/><text x="{tx}" y="{_fmt(plot_bottom + 16)}" text-anchor="middle" '
                   f'font-size="{SMALL}">{number(tick)}</text>')
    out.append(f'<text x="{_fmt((PLOT_L + PLOT_R) / 2)}" y="{_fmt(plot_bottom + 34)}" text-anchor="middle" '
               f'font-size="{SMALL}">Difference in pain (points on a 0-10 scale)</text>')
    # Which side is which: a chart without "favours" labels leaves the reader to guess (review 3c).
    out.append(f'<text class="medref-tc-favours" x="{PLOT_L}" y="{_fmt(plot_bottom + 50)}" font-size="{SMALL}">'
               "\u2190 favours control</text>"
               f'<text class="medref-tc-favours" x="{PLOT_R}" y="{_fmt(plot_bottom + 50)}" text-anchor="end" '
               f'font-size="{SMALL}">favours cement \u2192</text>')
    out.append("</svg>")
    return "".join(out)
