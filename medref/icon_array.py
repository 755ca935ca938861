"""Icon arrays: an inline SVG of 100 or 1,000 people with the affected ones marked.

Marked people differ from the rest by shape (a square, not a dot) as well as colour, so the picture
reads in greyscale print and for colour-blind readers. Colours come from CSS variables (site.css,
"medref: citations, risks, icon arrays, glossary"), with currentColor fallbacks in the SVG itself.
The SVG scales with its container (viewBox, width 100%) and needs no JavaScript.
"""

from __future__ import annotations

import hashlib
import html

CELL = 10          # user units per person
BLOCK_GAP = 6      # extra space between blocks of 10 x 10, to make counting easier
DOT_R = {100: 2.6, 1000: 2.3}
SQUARE = {100: 7.6, 1000: 9.0}  # 1,000 icons are small on a phone: marked squares fill their cell
OUTLINE_W = {100: 1.4, 1000: 1.8}


def _positions(per: int) -> list[tuple[float, float]]:
    """Centre of each icon in fill order: block by block (10 x 10), row by row inside a block.

    100 people are one block split into quarters by small gaps; 1,000 are ten blocks, five across.
    """
    points = []
    if per == 100:
        for row in range(10):
            for col in range(10):
                x = col * CELL + (BLOCK_GAP / 2 if col >= 5 else 0) + CELL / 2
                y = row * CELL + (BLOCK_GAP / 2 if row >= 5 else 0) + CELL / 2
                points.append((x, y))
        return points
    for block in range(per // 100):
        bx, by = block % 5, block // 5
        for row in range(10):
            for col in range(10):
                x = bx * (10 * CELL + BLOCK_GAP) + col * CELL + CELL / 2
                y = by * (10 * CELL + BLOCK_GAP) + row * CELL + CELL / 2
                points.append((x, y))
    return points


def _size(per: int) -> tuple[float, float]:
    if per == 100:
        side = 10 * CELL + BLOCK_GAP / 2
        return side, side
    blocks_across, blocks_down = 5, per // 500
    return (blocks_across * 10 * CELL + (blocks_across - 1) * BLOCK_GAP,
            blocks_down * 10 * CELL + (blocks_down - 1) * BLOCK_GAP)


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _groups(per: int) -> list[tuple[float, float, int, int]]:
    """(x, y, rows, cols) of each gap-free group of cells, in cells of CELL units.

    100 people are four 5 x 5 quarters; 1,000 are ten 10 x 10 blocks. Inside a group the dots can be
    one tiled pattern, which keeps a 1,000-person array about as small as a 100-person one.
    """
    if per == 100:
        half = 5 * CELL + BLOCK_GAP / 2
        return [(qc * half, qr * half, 5, 5) for qr in range(2) for qc in range(2)]
    return [((b % 5) * (10 * CELL + BLOCK_GAP), (b // 5) * (10 * CELL + BLOCK_GAP), 10, 10) for b in range(per // 100)]


def _index(per: int, group: int, row: int, col: int) -> int:
    """Fill-order index of a cell (block by block; row by row across the whole block)."""
    if per == 100:
        qr, qc = divmod(group, 2)
        return (qr * 5 + row) * 10 + qc * 5 + col
    return group * 100 + row * 10 + col


def _dot_rects(per: int, first: int) -> str:
    """Rectangles (in each group's own coordinates) covering every cell from index `first` on.

    Within a row, later cells have higher indices, so the dots in a row are one run to its end;
    rows with the same run merge into one rectangle.
    """
    out = []
    for g, (gx, gy, rows, cols) in enumerate(_groups(per)):
        runs = []  # (start_col, start_row, n_rows)
        for row in range(rows):
            start = next((c for c in range(cols) if _index(per, g, row, c) >= first), None)
            if start is None:
                continue
            if runs and runs[-1][0] == start and runs[-1][1] + runs[-1][2] == row:
                runs[-1] = (start, runs[-1][1], runs[-1][2] + 1)
            else:
                runs.append((start, row, 1))
        if runs:
            rects = "".join(f'<rect x="{c * CELL}" y="{r * CELL}" width="{(cols - c) * CELL}" height="{n * CELL}"/>'
                            for c, r, n in runs)
            out.append(f'<g transform="translate({_fmt(gx)} {_fmt(gy)})">{rects}</g>')
    return "".join(out)


def _squares(points, side: float) -> str:
    h = side / 2
    return "".join(f"M{_fmt(x - h)} {_fmt(y - h)}h{_fmt(side)}v{_fmt(side)}h{_fmt(-side)}z" for x, y in points)


def icon_array_svg(per: int, marked: int, label: str, uncertain: int = 0) -> str:
    """SVG of `per` icons: `marked` filled squares, then `uncertain` outlined squares, then dots.

    `label` is the text alternative (aria-label and <title>); it should say what the sentence says.
    """
    if per not in (100, 1000):
        raise ValueError(f"icon arrays show 100 or 1000 people, not {per}")
    if marked < 0 or uncertain < 0 or marked + uncertain > per:
        raise ValueError(f"cannot mark {marked} + {uncertain} of {per}")
    points = _positions(per)
    width, height = _size(per)
    side, outline = SQUARE[per], OUTLINE_W[per]
    marked_pts = points[:marked]
    uncertain_pts = points[marked:marked + uncertain]
    other_pts = points[marked + uncertain:]
    text = html.escape(label, quote=True)
    parts = [
        f'<svg class="medref-ia-grid medref-ia-{per}" viewBox="0 0 {_fmt(width)} {_fmt(height)}" '
        f'role="img" aria-label="{text}" focusable="false" width="100%" '
        f'preserveAspectRatio="xMidYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{text}</title>",
    ]
    if other_pts:
        # One dot per cell, tiled: the pattern's user space follows each group's translate().
        pid = f"medref-dots-{hashlib.sha1(f'{per}:{marked}:{uncertain}:{label}'.encode()).hexdigest()[:10]}"
        r, c = _fmt(DOT_R[per]), _fmt(CELL / 2)
        parts.append(f'<defs><pattern id="{pid}" width="{CELL}" height="{CELL}" patternUnits="userSpaceOnUse">'
                     f'<circle class="medref-ia-others" fill="currentColor" cx="{c}" cy="{c}" r="{r}"/></pattern></defs>'
                     f'<g fill="url(#{pid})">{_dot_rects(per, marked + uncertain)}</g>')
    if marked_pts:
        parts.append(f'<path class="medref-ia-marked" fill="currentColor" d="{_squares(marked_pts, side)}"/>')
    if uncertain_pts:
        inset = side - outline  # keep the outline's outer edge the same size as a filled square
        parts.append(f'<path class="medref-ia-range" fill="none" stroke="currentColor" '
                     f'stroke-width="{_fmt(outline)}" d="{_squares(uncertain_pts, inset)}"/>')
    parts.append("</svg>")
    return "".join(parts)


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
