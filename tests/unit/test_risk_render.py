"""medref.render.risk_render: figures from data/risks.yml as sentences, icon arrays and the clinician table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medref.render.directives import MedrefBuildError
from medref.extension import medref_of
from medref.render.risk_render import figure_text
from medref.data.risks import load_risks
from tests.unit.fixtures.evidence import DATA, render

ROOT = Path(__file__).resolve().parents[2]


def test_figure_text_forms():
    risks = load_risks(DATA)
    assert figure_text(risks["single"].figures[0]) == "4 of 3,175 (0.13%)"
    # A reported rate on another denominator is never shown as "24 of 61 (44%)" (24/61 is 39%).
    assert figure_text(risks["compared"].arms[0]) == "Vertebroplasty: 24 (44%) as reported; 61 randomised"
    assert figure_text(risks["compared"].arms[1]) == "Placebo procedure: 12 (21%) as reported; 59 in the group"
    assert figure_text(risks["kp-only"].figures[0]) == "18 of about 40,000–60,000 (0.03%–0.045%)"


def test_sentence_directive(tmp_path):
    md, html = render(tmp_path, "Intro.\n\n[[sentence:ranged]]\n")
    sentence = re.search(r'<p class="medref-sentence"[^>]*>(.*?)</p>', html).group(1)
    assert sentence.startswith("About 3 to 5 in every 1,000 people get an infection<sup")
    assert sentence.endswith("</sup>.")
    assert "%" not in sentence
    assert medref_of(md).cited == ["series-one", "review-one"]


def test_sentence_directive_in_a_list_and_after_text(tmp_path):
    md, html = render(tmp_path, "- [[sentence:single]]\n\nSome text\n[[sentence:compared]]\n")
    assert html.count('class="medref-sentence"') == 2
    assert "<p>Some text</p>" in html


def test_unknown_figure_id_names_file_and_line(tmp_path):
    with pytest.raises(MedrefBuildError) as info:
        render(tmp_path, "# T\n\n[[sentence:infektion]]\n", rel="treatment/risks.md")
    message = str(info.value)
    assert message.startswith("treatment/risks.md, line 3: unknown figure id 'infektion' in [[sentence:infektion]]; "
                              "use one of: single, ranged, compared, kp-only; or add it to ")
    assert message.endswith("risks.yml")


def test_risk_table_all_and_filtered(tmp_path):
    md, html = render(tmp_path, "[[risk-table]]\n")
    assert html.count("<tr id=\"figure-") == 4
    assert "<th>How measured</th>" in html and "<td>4 of 3,175 (0.13%)</td>" in html
    md, html = render(tmp_path, "[[risk-table:kyphoplasty]]\n")
    rows = re.findall(r'<tr id="figure-([a-z-]+)"', html)
    assert rows == ["ranged", "kp-only"]      # both + kyphoplasty only
    md, html = render(tmp_path, "[[risk-table:benefit]]\n")
    assert re.findall(r'<tr id="figure-([a-z-]+)"', html) == ["compared"]


def table_of(html: str) -> str:
    return re.search(r"<table.*?</table>", html, re.S).group(0)


def test_risk_table_is_rendered_whole(tmp_path):
    """The whole table, as Python-Markdown's own tests assert whole HTML: columns, one line per study,
    citations numbered with the page."""
    _, html = render(tmp_path, "[[risk-table:kyphoplasty]]\n")
    assert table_of(html) == """<table class="medref-risk-table">
<thead>
<tr>
<th>What</th>
<th>Procedure</th>
<th>Figure</th>
<th>How measured</th>
<th>Evidence</th>
<th>Source</th>
</tr>
</thead>
<tbody>
<tr id="figure-ranged">
<td>Infection</td>
<td>Both</td>
<td>6 of 1,307 (0.46%)<br />
18 of 5,749 (0.31%)</td>
<td>needing treatment</td>
<td>Case series</td>
<td><sup class="medref-cite"><a href="#source-series-one" id="cite-series-one" title="Case 2019">1</a>,\
<a href="#source-review-one" id="cite-review-one" title="Reviewer 2018">2</a></sup></td>
</tr>
<tr id="figure-kp-only">
<td>Reported harm after kyphoplasty</td>
<td>Kyphoplasty</td>
<td>18 of about 40,000–60,000 (0.03%–0.045%)</td>
<td>passive reports</td>
<td>Passive reports</td>
<td><sup class="medref-cite"><a href="#source-guide-one" id="cite-guide-one" \
title="National Institute for Health and Care Excellence 2013">3</a></sup></td>
</tr>
</tbody>
</table>"""


def test_risk_table_bad_filter(tmp_path):
    with pytest.raises(MedrefBuildError, match=r"page\.md, line 1: unknown filter 'stent' in \[\[risk-table:stent\]\]; "
                                               r"use one of: vertebroplasty, kyphoplasty, both, harm, benefit, "
                                               r"or \[\[risk-table\]\] for every figure$"):
        render(tmp_path, "[[risk-table:stent]]\n")
