"""medref.render.trial_render: the trial tables, the chart and its plain reading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medref.render.directives import MedrefBuildError
from medref.render.trial_render import plain_reading, chart_groups
from medref.data.trials import load_trials
from tests.unit.test_trials import ENTRY, OPEN, THRESHOLD_REF
from tests.unit.fixtures.evidence import DATA, render, write_data

ROOT = Path(__file__).resolve().parents[2]


def table_of(html: str, css: str) -> str:
    return re.search(rf'<table class="{css}">.*?</table>', html, re.S).group(0)


def test_trial_table_is_rendered_whole_with_funding_from_the_reference(tmp_path):
    """The whole table: every column, the citation numbered with the page, funding from the trial's
    reference, and "Not confirmed" for a reference that gives none."""
    data = write_data(tmp_path, trials=ENTRY + OPEN.replace("source: trial-one", "source: series-one"))
    _, html = render(tmp_path, "[[trial-table]]\n", data=data)
    assert table_of(html, "medref-trial-table") == """<table class="medref-trial-table">
<thead>
<tr>
<th>Trial</th>
<th>Design</th>
<th>Country</th>
<th>n randomised</th>
<th>Population</th>
<th>Primary outcome</th>
<th>Result as reported</th>
<th>Funding</th>
</tr>
</thead>
<tbody>
<tr id="trial-thing">
<td>Thing 2009<sup class="medref-cite"><a href="#source-trial-one" id="cite-trial-one" title="Smith et al. 2009">1</a>\
</sup></td>
<td>Sham-controlled: VP vs sham</td>
<td>Australia</td>
<td>78 (38/40); analysed 35/?</td>
<td>Painful fractures</td>
<td>Pain at 3 months</td>
<td>Difference 0.6 (95% CI -0.7 to 1.8)</td>
<td>Device maker</td>
</tr>
<tr id="trial-other">
<td>Other 2010<sup class="medref-cite"><a href="#source-series-one" id="cite-series-one" title="Case 2019">2</a></sup></td>
<td>Open: VP vs usual care</td>
<td>Netherlands</td>
<td>202 (101/101)</td>
<td>Painful fractures</td>
<td>Quality of life</td>
<td>Better</td>
<td>Not confirmed in our sources</td>
</tr>
</tbody>
</table>"""


def test_trial_summary_is_rendered_whole(tmp_path):
    data = write_data(tmp_path, trials=ENTRY + OPEN)
    _, html = render(tmp_path, "[[trial-summary:randomised]]\n", data=data)
    assert table_of(html, "medref-trial-summary") == """<table class="medref-trial-summary">
<thead>
<tr>
<th>Trial</th>
<th>Main finding (design; n)</th>
</tr>
</thead>
<tbody>
<tr>
<td>Thing 2009<sup class="medref-cite"><a href="#source-trial-one" id="cite-trial-one" title="Smith et al. 2009">1</a>\
</sup></td>
<td>No benefit (sham-controlled; 78 (38/40); analysed 35/?)</td>
</tr>
<tr>
<td>Other 2010<sup class="medref-cite"><a href="#source-trial-one" title="Smith et al. 2009">1</a></sup></td>
<td>Better (open; 202 (101/101))</td>
</tr>
</tbody>
</table>"""


def test_table_filter_and_unknown_filter(tmp_path):
    data = write_data(tmp_path, trials=ENTRY + OPEN)
    _, html = render(tmp_path, "[[trial-table:open]]\n", data=data)
    assert "trial-other" in html and "trial-thing" not in html
    with pytest.raises(MedrefBuildError, match=r"line 1: unknown design 'blinded' in \[\[trial-table:blinded\]\]; use one of: "
                                               r"sham-controlled, open, observational, reviews, or \[\[trial-table\]\]"):
        render(tmp_path, "[[trial-table:blinded]]\n", data=data)


def test_chart_draws_only_trials_with_an_effect_and_lists_the_rest(tmp_path):
    # The band's threshold cites VERTOS IV, so the fixture references need that key too.
    refs = (DATA / "references.yml").read_text(encoding="utf-8") + THRESHOLD_REF
    data = write_data(tmp_path, trials=ENTRY + OPEN, references=refs)
    _, html = render(tmp_path, "[[trial-chart]]\n", data=data)
    svg = re.search(r"<svg[^>]*medref-tc-svg.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "Thing 2009 at 3 months: 0.6, 95% interval −0.7 to 1.8" in svg
    assert "Other 2010" not in svg and "None with a comparable measure" in svg
    assert "Its primary outcome is not pain" in html          # listed under the chart, with why
    assert "0.6 (95% CI −0.7 to 1.8)" in html                  # the same numbers as a table


def test_plain_reading_follows_the_figures(tmp_path):
    trials = list(load_trials(write_data(tmp_path, trials=ENTRY + OPEN)).values())
    assert "about the same" in plain_reading(chart_groups(trials))
    shifted = ENTRY.replace("estimate: 0.6, low: -0.7, high: 1.8", "estimate: 2.6, low: 1.7, high: 3.4")
    trials = list(load_trials(write_data(tmp_path, trials=shifted)).values())
    assert "In 0 of the 1 trials" in plain_reading(chart_groups(trials))


def test_chart_table_is_rendered_whole_with_its_caption_first(tmp_path):
    refs = (DATA / "references.yml").read_text(encoding="utf-8") + THRESHOLD_REF
    data = write_data(tmp_path, trials=ENTRY + OPEN, references=refs)
    _, html = render(tmp_path, "[[trial-chart]]\n", data=data)
    assert table_of(html, "medref-tc-table") == """<table class="medref-tc-table"><caption>The numbers in the chart</caption>\
<thead>
<tr>
<th>Trial</th>
<th>Design</th>
<th>Time point</th>
<th>Difference (interval)</th>
<th>As reported</th>
</tr>
</thead>
<tbody>
<tr>
<td>Thing 2009<sup class="medref-cite"><a href="#source-trial-one" title="Smith et al. 2009">1</a></sup></td>
<td>Sham-controlled</td>
<td>3 months</td>
<td>0.6 (95% CI −0.7 to 1.8)</td>
<td></td>
</tr>
</tbody>
</table>"""


def test_a_trial_fact_in_a_table_cell_brings_its_words_and_citation(tmp_path):
    from tests.unit.test_trials import FACTS

    data = write_data(tmp_path, trials=ENTRY + FACTS)
    md, html = render(tmp_path, "| Option | Pain |\n| --- | --- |\n| A | In one trial, [[trial-fact:thing.later]]. |\n",
                      data=data)
    assert "In one trial, 3 in 100 broke again<sup" in html and 'href="#source-guide-one"' in html
    with pytest.raises(MedrefBuildError, match=r"trial 'thing' has no fact 'gone' \(it has: pain, later\)"):
        render(tmp_path, "Text [[trial-fact:thing.gone]].\n", data=data)
