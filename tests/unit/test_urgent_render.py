"""medref.render.urgent_render: the [[urgent-care]] directive, full list, short forms and clinician table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medref.render.directives import MedrefBuildError
from tests.unit.test_urgent import data_with
from tests.unit.fixtures.evidence import render

ROOT = Path(__file__).resolve().parents[2]


def test_full_list_groups_by_tier_and_starts_each_item_with_the_action(tmp_path):
    _, html = render(tmp_path, "[[urgent-care]]\n", data=data_with(tmp_path), rel="urgent-help.md")
    assert 'class="medref-urgent" data-urgent="full"' in html
    assert html.index("admonition danger") < html.index("admonition warning")
    items = re.findall(r"<li data-sign=\"(\w+)\">(.*?)</li>", html)
    assert [i[0] for i in items] == ["legs", "breath", "fever"]
    assert items[0][1].startswith("<strong>Call 999 or go to A&amp;E now</strong> if your legs go weak")  # GOOD's action
    assert "(after the procedure)" in items[1][1]  # applies to one situation only: says which
    assert 'href="#source-guide-one"' in html      # sources go through the citation machinery
    assert 'href="urgent-help.md"' not in html      # the full list does not link to itself


def test_short_forms_filter_and_link_to_the_full_list(tmp_path):
    data = data_with(tmp_path)
    _, html = render(tmp_path, "[[urgent-care:999]]\n", data=data, rel="treatment/risks.md")
    assert re.findall(r'data-sign="(\w+)"', html) == ["legs", "breath"]
    assert '<a href="../urgent-help.md">' in html
    _, html = render(tmp_path, "[[urgent-care:cancer]]\n", data=data, rel="index.md")
    assert re.findall(r'data-sign="(\w+)"', html) == ["legs"]
    assert '<a href="urgent-help.md">' in html
    _, html = render(tmp_path, "[[urgent-care:table]]\n", data=data, rel="clinicians/index.md")
    assert 'data-signs="legs breath"' in html and "Leg weakness<sup" in html
    assert "Sudden breathlessness (after the procedure)</td>" in html and "not tested in a study" in html
    _, html = render(tmp_path, "[[urgent-care:table cancer]]\n", data=data, rel="clinicians/index.md")
    assert 'data-signs="legs"' in html and "Fever" not in html


def test_clinician_table_is_rendered_whole(tmp_path):
    _, html = render(tmp_path, "[[urgent-care:table]]\n", data=data_with(tmp_path), rel="clinicians/index.md")
    assert re.search(r"<table>.*?</table>", html, re.S).group(0) == """<table>
<thead>
<tr>
<th>Urgency</th>
<th>Signs</th>
</tr>
</thead>
<tbody>
<tr data-signs="legs breath" data-tier="999">
<td>Call 999 or go to A&amp;E now</td>
<td>Leg weakness<sup class="medref-cite"><a href="#source-guide-one" id="cite-guide-one" \
title="National Institute for Health and Care Excellence 2013">1</a></sup>; Sudden breathlessness (after the procedure)</td>
</tr>
<tr data-signs="fever" data-tier="same-day">
<td>Contact your team the same day</td>
<td>Fever (after the procedure)</td>
</tr>
</tbody>
</table>"""


def test_unknown_argument_names_the_page_and_the_choices(tmp_path):
    with pytest.raises(MedrefBuildError) as info:
        render(tmp_path, "Intro.\n\n[[urgent-care:tomorrow]]\n", data=data_with(tmp_path))
    message = str(info.value)
    assert "treatment/page.md, line 3: unknown tier or situation 'tomorrow' in [[urgent-care:tomorrow]]" in message
    assert "999, same-day, after-procedure, cancer, table" in message


def test_uncited_short_form_for_leaflets_keeps_the_link_to_the_sources(tmp_path):
    data = data_with(tmp_path)
    _, html = render(tmp_path, "[[urgent-care:999 uncited]]\n", data=data, rel="handouts/sheet.md")
    assert re.findall(r'data-sign="(\w+)"', html) == ["legs", "breath"]
    assert "#source-" not in html and 'id="sources"' not in html   # no numbers, no Sources list
    assert '<a href="../urgent-help.md">' in html and "with the source of each sign" in html
    _, cited = render(tmp_path, "[[urgent-care:999]]\n", data=data, rel="handouts/sheet.md")
    assert "#source-guide-one" in cited                           # the same short form, cited


@pytest.mark.parametrize("arg", ["table uncited", "999 uncited extra"])
def test_uncited_goes_after_one_tier_or_situation(tmp_path, arg):
    with pytest.raises(MedrefBuildError, match="'uncited' goes after one tier or situation"):
        render(tmp_path, f"[[urgent-care:{arg}]]\n", data=data_with(tmp_path))


def test_full_list_heads_each_tier_with_what_to_do_and_the_signs_in_everyday_words(tmp_path):
    _, html = render(tmp_path, "[[urgent-care]]\n", data=data_with(tmp_path), rel="urgent-help.md")
    headings = re.findall(r'<h3 id="([\w-]+)">(.*?)</h3>', html)
    assert headings == [("get-help-999", "Call 999 or go to A&amp;E now: weak legs, short of breath"),
                        ("get-help-same-day", "Contact your team the same day: a fever")]
    _, short = render(tmp_path, "[[urgent-care:999]]\n", data=data_with(tmp_path), rel="index.md")
    assert "<h3" not in short  # short forms sit under the page's own heading
