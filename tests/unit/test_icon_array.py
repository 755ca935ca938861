"""Icon arrays: the SVG itself (counts, text alternative, scaling) and the rendered figure."""

from __future__ import annotations

import re

import pytest

from medref.render.directives import MedrefBuildError
from medref.render.icon_array import icon_array_svg
from tests.unit.fixtures.evidence import DATA, render, write_data


def count(svg: str, cls: str) -> int:
    return sum(d.count("z") for d in re.findall(rf'class="{cls}"[^>]* d="([^"]*)"', svg))


def dot_cells(svg: str) -> int:
    """People drawn as dots: cells covered by the rectangles the dot pattern fills (10 units a cell)."""
    return sum(int(w) * int(h) // 100 for w, h in re.findall(r'<rect x="\d+" y="\d+" width="(\d+)" height="(\d+)"/>', svg))


@pytest.mark.parametrize("per, marked, uncertain", [(1000, 3, 2), (1000, 0, 17), (800, 1, 0), (300, 120, 90),
                                                     (100, 44, 0), (100, 7, 5), (100, 0, 0)])
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
    """The dots are one tiled pattern shared by the ten blocks, so 1,000 people cost little more than
    100 once compressed (page-weight budget)."""
    import gzip

    svg = icon_array_svg(1000, 4, "Four marked.")
    assert svg.count("<pattern") == 1
    assert len(gzip.compress(icon_array_svg(1000, 4, "Four marked.").encode())) < 1000


def test_accessible_and_scalable():
    svg = icon_array_svg(100, 44, 'Vertebroplasty: 44 in 100 people had "much" less pain.')
    assert 'role="img"' in svg
    label = re.search(r'aria-label="([^"]*)"', svg).group(1)
    title = re.search(r"<title>(.*?)</title>", svg).group(1)
    assert label == title == "Vertebroplasty: 44 in 100 people had &quot;much&quot; less pain."
    assert re.search(r'viewBox="0 0 [\d.]+ [\d.]+"', svg) and 'width="100%"' in svg
    assert "<script" not in svg and "onclick" not in svg
    assert 'fill="currentColor"' in svg   # readable even without the stylesheet


@pytest.mark.parametrize("per", [200, 800, 1000])
def test_larger_pictures_are_blocks_of_100_in_one_picture(per):
    """Blocks reflow (two across on a phone), so each is its own SVG; the grid is the one image."""
    svg = icon_array_svg(per, 150 if per > 100 else 1, "Label.")
    assert svg.startswith('<div class="medref-ia-grid medref-ia-blocks') and svg.count('role="img"') == 1
    assert svg.count('<svg class="medref-ia-block"') == per // 100
    assert svg.count('aria-hidden="true"') == per // 100
    # marked people fill the first block, then run on into the second
    first, second = re.findall(r'class="medref-ia-marked"[^>]* d="([^"]*)"', svg)[:2]
    assert first.count("z") == 100 and second.count("z") == 50


@pytest.mark.parametrize("per, marked", [(10, 1), (250, 1), (1100, 1), (100, 101), (100, -1)])
def test_bad_arguments(per, marked):
    with pytest.raises(ValueError):
        icon_array_svg(per, marked, "x")


def test_single_figure_with_range(tmp_path):
    md, html = render(tmp_path, "[[icon-array:ranged]]\n")
    figure = re.search(r'<figure class="medref-icon-array medref-ia-harm" id="icon-array-ranged">.*?</figure>',
                       html, re.S).group(0)
    assert figure.count('class="medref-ia-grid') == 1
    label = re.search(r'role="img" aria-label="([^"]*)"', figure).group(1)
    assert label.startswith("About 3 to 5 in every 1,000 people get an infection.")
    assert "3 marked as got an infection, and 2 more outlined" in label
    assert "extra people in the study that found more" in figure.lower()  # plain legend for outlined squares
    # a visible label says how many the picture shows and what one mark is
    assert "<strong>1,000 people.</strong> Each dot or square is one person." in figure
    # standalone: the sentence goes above the picture, and the caption counts in the picture's denominator
    before = html[:html.index("<figure")]
    assert re.search(r'<p class="medref-sentence" data-risk="ranged">About 3 to 5 in every 1,000 people get an infection<sup',
                     before)
    caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, re.S).group(1)
    assert caption.startswith("In this picture of 1,000 people, 3 to 5 got an infection<sup")


EXTRA_FIGURES = """
- id: eight-hundred
  kind: harm
  label: Cement on a nerve needing an operation
  procedure: vertebroplasty
  measured: needing surgery
  evidence: cohort
  sources: [series-one]
  figures:
    - {numerator: 4, denominator: 3175}
  plain: about 1 in 800 people
  sentence: About 1 in 800 people needed an operation.
  array: {per: 800, marked: needed an operation, others: did not}

- id: harmless
  kind: harm
  label: Cement outside the bone on CT
  procedure: both
  measured: on CT
  evidence: cohort
  sources: [series-one]
  figures:
    - {numerator: 40, denominator: 100}
  plain: about 40 in 100 people
  sentence: About 40 in 100 people had a little cement outside the bone. It did no harm.
  array: {per: 100, marked: had cement outside the bone, others: did not, tone: neutral}
"""


def extra_data(tmp_path):
    return write_data(tmp_path, risks=(DATA / "risks.yml").read_text(encoding="utf-8") + EXTRA_FIGURES)


def test_caption_and_picture_share_a_denominator(tmp_path):
    """'About 1 in 800' is drawn as 800 people, and the caption says 800, not 1,000."""
    md, html = render(tmp_path, "[[icon-array:eight-hundred]]\n", data=extra_data(tmp_path))
    figure = re.search(r"<figure.*?</figure>", html, re.S).group(0)
    assert figure.count('<svg class="medref-ia-block"') == 8
    assert "<strong>800 people.</strong>" in figure
    caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, re.S).group(1)
    assert caption.startswith("In this picture of 800 people, 1 needed an operation<sup")


def test_harmless_findings_are_neutral(tmp_path):
    md, html = render(tmp_path, "[[icon-array:harmless]]\n", data=extra_data(tmp_path))
    assert re.search(r'<figure class="medref-icon-array medref-ia-harm medref-ia-neutral"', html)


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
