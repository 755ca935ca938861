"""Icon arrays: pictures of 100 to 1,000 people (or treated bones) with the affected ones marked.

A picture is made of blocks of 100 (10 x 10, split into quarters by small gaps to help counting).
One block is one SVG. Larger pictures are several block SVGs in a CSS grid that reflows: five blocks
across on a wide screen, two across on a phone, so each person stays big enough to see (at 390 px a
person is about 16 px; site.css, "icon arrays"). The grid carries the text alternative; the blocks
inside it are decorative.

Marked people differ from the rest by shape (a square, not a dot) as well as colour, so the picture
reads in greyscale print and for colour-blind readers. Colours come from CSS variables (site.css),
with currentColor fallbacks in the SVG itself. No JavaScript.
"""

from __future__ import annotations

import hashlib
import html

CELL = 10          # user units per person
BLOCK_GAP = 6      # gap between the quarters of a block of 100, to make counting easier
DOT_R = 2.6
SQUARE = 7.6
OUTLINE_W = 1.4
BLOCK = 100
MAX_PER = 1000


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _positions() -> list[tuple[float, float]]:
    """Centre of each icon of one block, in fill order (row by row across the block)."""
    points = []
    for row in range(10):
        for col in range(10):
            x = col * CELL + (BLOCK_GAP / 2 if col >= 5 else 0) + CELL / 2
            y = row * CELL + (BLOCK_GAP / 2 if row >= 5 else 0) + CELL / 2
            points.append((x, y))
    return points


SIDE = 10 * CELL + BLOCK_GAP / 2
HALF = 5 * CELL + BLOCK_GAP / 2
QUARTERS = [(qc * HALF, qr * HALF) for qr in range(2) for qc in range(2)]


def _index(quarter: int, row: int, col: int) -> int:
    """Fill-order index of a cell (row by row across the whole block)."""
    qr, qc = divmod(quarter, 2)
    return (qr * 5 + row) * 10 + qc * 5 + col


def _dot_rects(first: int) -> str:
    """Rectangles (in each quarter's own coordinates) covering every cell from index `first` on.

    Within a row, later cells have higher indices, so the dots in a row are one run to its end;
    rows with the same run merge into one rectangle. The dots are one tiled pattern inside them.
    """
    out = []
    for q, (qx, qy) in enumerate(QUARTERS):
        runs = []  # (start_col, start_row, n_rows)
        for row in range(5):
            start = next((c for c in range(5) if _index(q, row, c) >= first), None)
            if start is None:
                continue
            if runs and runs[-1][0] == start and runs[-1][1] + runs[-1][2] == row:
                runs[-1] = (start, runs[-1][1], runs[-1][2] + 1)
            else:
                runs.append((start, row, 1))
        if runs:
            rects = "".join(f'<rect x="{c * CELL}" y="{r * CELL}" width="{(5 - c) * CELL}" height="{n * CELL}"/>'
                            for c, r, n in runs)
            out.append(f'<g transform="translate({_fmt(qx)} {_fmt(qy)})">{rects}</g>')
    return "".join(out)


def _squares(points, side: float) -> str:
    h = side / 2
    return "".join(f"M{_fmt(x - h)} {_fmt(y - h)}h{_fmt(side)}v{_fmt(side)}h{_fmt(-side)}z" for x, y in points)


def _block_svg(marked: int, uncertain: int, label: str | None, key: str, define: bool = True) -> str:
    """One block of 100: `marked` filled squares, then `uncertain` outlined squares, then dots.

    With a label the SVG is the picture (role img); without one it is part of a larger picture.
    The dot pattern is defined once per picture (`define`) and used by every block: url(#id) finds
    it anywhere in the document.
    """
    points = _positions()
    side = _fmt(SIDE)
    if label is None:
        opening = (f'<svg class="medref-ia-block" viewBox="0 0 {side} {side}" aria-hidden="true" '
                   f'focusable="false" width="100%" xmlns="http://www.w3.org/2000/svg">')
        title = ""
    else:
        text = html.escape(label, quote=True)
        opening = (f'<svg class="medref-ia-grid medref-ia-100" viewBox="0 0 {side} {side}" role="img" '
                   f'aria-label="{text}" focusable="false" width="100%" '
                   f'preserveAspectRatio="xMidYMin meet" xmlns="http://www.w3.org/2000/svg">')
        title = f"<title>{text}</title>"
    parts = [opening, title]
    if marked + uncertain < BLOCK:
        # One dot per cell, tiled: the pattern's user space follows each quarter's translate().
        pid = f"medref-dots-{hashlib.sha1(key.encode()).hexdigest()[:10]}"
        c = _fmt(CELL / 2)
        if define:
            parts.append(f'<defs><pattern id="{pid}" width="{CELL}" height="{CELL}" patternUnits="userSpaceOnUse">'
                         f'<circle class="medref-ia-others" fill="currentColor" cx="{c}" cy="{c}" r="{_fmt(DOT_R)}"/>'
                         f'</pattern></defs>')
        parts.append(f'<g fill="url(#{pid})">{_dot_rects(marked + uncertain)}</g>')
    if marked:
        parts.append(f'<path class="medref-ia-marked" fill="currentColor" d="{_squares(points[:marked], SQUARE)}"/>')
    if uncertain:
        inset = SQUARE - OUTLINE_W  # keep the outline's outer edge the same size as a filled square
        parts.append(f'<path class="medref-ia-range" fill="none" stroke="currentColor" '
                     f'stroke-width="{_fmt(OUTLINE_W)}" d="{_squares(points[marked:marked + uncertain], inset)}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _check(per: int, marked: int, uncertain: int) -> None:
    if per % BLOCK or not BLOCK <= per <= MAX_PER:
        raise ValueError(f"icon arrays show whole blocks of 100 people, 100 to 1,000; not {per}")
    if marked < 0 or uncertain < 0 or marked + uncertain > per:
        raise ValueError(f"cannot mark {marked} + {uncertain} of {per}")


def icon_array_svg(per: int, marked: int, label: str, uncertain: int = 0) -> str:
    """The picture of `per` icons: `marked` filled squares, then `uncertain` outlined squares, then dots.

    `label` is the text alternative; it should say what the sentence says. 100 icons are one SVG
    (role img); more are a grid element (role img) holding one decorative SVG per block of 100.
    """
    _check(per, marked, uncertain)
    key = f"{per}:{marked}:{uncertain}:{label}"
    if per == BLOCK:
        return _block_svg(marked, uncertain, label, key)
    text = html.escape(label, quote=True)
    blocks = []
    defined = False
    for b in range(per // BLOCK):
        m = min(max(marked - b * BLOCK, 0), BLOCK)
        u = min(max(marked + uncertain - b * BLOCK, 0), BLOCK) - m
        blocks.append(_block_svg(m, u, None, key, define=not defined))
        defined = defined or m + u < BLOCK
    return (f'<div class="medref-ia-grid medref-ia-blocks medref-ia-{per}" role="img" aria-label="{text}">'
            + "".join(blocks) + "</div>")


def legend_swatch(kind: str) -> str:
    """A small decorative symbol for the legend, matching the grid's shapes ('marked', 'range', 'others')."""
    shapes = {
        "marked": '<path class="medref-ia-marked" fill="currentColor" d="M1.2 1.2h7.6v7.6h-7.6z"/>',
        "range": '<path class="medref-ia-range" fill="none" stroke="currentColor" stroke-width="1.4" '
                 'd="M1.9 1.9h6.2v6.2h-6.2z"/>',
        "others": '<path class="medref-ia-others" fill="currentColor" d="M2.4 5a2.6 2.6 0 1 0 5.2 0a2.6 2.6 0 1 0 -5.2 0z"/>',
    }
    return (f'<svg class="medref-ia-swatch" viewBox="0 0 10 10" width="16" height="16" aria-hidden="true" '
            f'focusable="false" xmlns="http://www.w3.org/2000/svg">{shapes[kind]}</svg>')
