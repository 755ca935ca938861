"""Icon arrays: the SVG itself (counts, text alternative, scaling) and the rendered figure."""

from __future__ import annotations

import re

import pytest

from medref.directives import MedrefBuildError
from medref.icon_array import icon_array_svg
from tests.unit.fixtures.evidence import render


def count(svg: str, cls: str) -> int:
    match = re.search(rf'class="{cls}"[^>]* d="([^"]*)"', svg)
    return match.group(1).count("z") if match else 0


def dot_cells(svg: str) -> int:
    """People drawn as dots: cells covered by the rectangles the dot pattern fills (10 units a cell)."""
    return sum(int(w) * int(h) // 100 for w, h in re.findall(r'<rect x="\d+" y="\d+" width="(\d+)" height="(\d+)"/>', svg))


@pytest.mark.parametrize("per, marked, uncertain", [(1000, 3, 2), (1000, 0, 17), (100, 44, 0), (100, 7, 5), (100, 0, 0)])
def test_counts_by_shape(per, marked, uncertain):
    svg = icon_array_svg(per, marked, "Some marked.", uncertain=uncertain)
    assert count(svg, "medref-ia-marked") == marked
    assert count(svg, "medref-ia-range") == uncertain
    assert dot_cells(svg) == per - marked - uncertain
    # marked are squares (h/v path), the rest are circles: shape, not only colour
    if marked:
        assert "a" not in re.search(r'class="medref-ia-marked"[^>]* d="([^"]*)"', svg).group(1)
    assert '<circle class="medref-ia-others"' in svg


def test_a_thousand_people_stay_small():
    """The dots are one tiled pattern, so 1,000 people cost about as much as 100 (page-weight budget)."""
    assert len(icon_array_svg(1000, 4, "Four marked.")) < 3000


def test_accessible_and_scalable():
    svg = icon_array_svg(100, 44, 'Vertebroplasty: 44 in 100 people had "much" less pain.')
    assert 'role="img"' in svg
    label = re.search(r'aria-label="([^"]*)"', svg).group(1)
    title = re.search(r"<title>(.*?)</title>", svg).group(1)
    assert label == title == "Vertebroplasty: 44 in 100 people had &quot;much&quot; less pain."
    assert re.search(r'viewBox="0 0 [\d.]+ [\d.]+"', svg) and 'width="100%"' in svg
    assert "<script" not in svg and "onclick" not in svg
    assert 'fill="currentColor"' in svg   # readable even without the stylesheet


def test_thousand_is_ten_blocks_five_across():
    svg = icon_array_svg(1000, 1, "One.")
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    assert width > 2 * height  # wide blocks, short enough for a phone screen


@pytest.mark.parametrize("per, marked", [(10, 1), (100, 101), (100, -1)])
def test_bad_arguments(per, marked):
    with pytest.raises(ValueError):
        icon_array_svg(per, marked, "x")


def test_single_figure_with_range(tmp_path):
    md, html = render(tmp_path, "[[icon-array:ranged]]\n")
    figure = re.search(r'<figure class="medref-icon-array medref-ia-harm" id="icon-array-ranged">.*?</figure>',
                       html, re.S).group(0)
    assert figure.count("<svg class=\"medref-ia-grid") == 1
    label = re.search(r'role="img" aria-label="([^"]*)"', figure).group(1)
    assert label.startswith("About 3 to 5 in every 1,000 people get an infection.")
    assert "3 marked as got an infection, and 2 more outlined" in label
    assert "the range between studies" in figure  # legend entry for outlined squares
    caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, re.S).group(1)
    assert caption.startswith("About 3 to 5 in every 1,000 people get an infection<sup")  # standalone: full sentence


def test_comparison_side_by_side(tmp_path):
    md, html = render(tmp_path, "[[sentence:compared]]\n\n[[icon-array:compared]]\n")
    figure = re.search(r"<figure.*?</figure>", html, re.S).group(0)
    assert "medref-ia-compare" in figure and figure.count('role="img"') == 2
    labels = re.findall(r'aria-label="([^"]*)"', figure)
    assert labels == ["Vertebroplasty: 44 in 100 people had much less pain; the rest did not.",
                      "Placebo procedure: 21 in 100 people had much less pain; the rest did not."]
    assert "<strong>Vertebroplasty</strong>: 44 in 100" in figure
    caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, re.S).group(1)
    # the sentence is just above, so the caption says what the picture counts instead of repeating it
    assert caption.startswith("Vertebroplasty: about 44 in every 100 people had much less pain. Placebo procedure: about 21 in every 100")
    assert "medref-cite" in caption


def test_icon_array_for_figure_without_array(tmp_path):
    with pytest.raises(MedrefBuildError) as info:
        render(tmp_path, "Text.\n\n[[icon-array:kp-only]]\n")
    message = str(info.value)
    assert "treatment/page.md, line 3: 'kp-only' has no icon array" in message
    assert "use [[sentence:kp-only]] instead" in message
