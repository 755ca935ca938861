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
title="National Institute for Health and Care Excellence 2013">1</a>,<a href="#source-trial-one" id="cite-trial-one" title="Smith et al. 2009">2</a></sup>; Sudden breathlessness (after the procedure)</td>
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
    assert '<a href="../urgent-help.md">' in html and "(full wording, sources)" in html
    assert "<li data-sign=\"legs\">Weak legs.</li>" in html   # a leaflet lists each sign in everyday words
    _, cited = render(tmp_path, "[[urgent-care:999]]\n", data=data, rel="handouts/sheet.md")
    assert "#source-guide-one" in cited                           # the same short form, cited


@pytest.mark.parametrize("arg", ["table uncited", "999 uncited extra"])
def test_uncited_goes_after_one_tier_or_situation(tmp_path, arg):
    with pytest.raises(MedrefBuildError, match="'uncited' goes after one tier, situation, sign or situation's table"):
        render(tmp_path, f"[[urgent-care:{arg}]]\n", data=data_with(tmp_path))


def test_full_list_heads_each_tier_with_what_to_do_and_the_signs_in_everyday_words(tmp_path):
    _, html = render(tmp_path, "[[urgent-care]]\n", data=data_with(tmp_path), rel="urgent-help.md")
    headings = re.findall(r'<h3 id="([\w-]+)">(.*?)</h3>', html)
    assert headings == [("get-help-999", "Call 999 or go to A&amp;E now: weak legs, short of breath"),
                        ("get-help-same-day", "Contact your team the same day: a fever")]
    _, short = render(tmp_path, "[[urgent-care:999]]\n", data=data_with(tmp_path), rel="index.md")
    assert "<h3" not in short  # short forms sit under the page's own heading


NIGHT = '\nnight:\n  title: "At night"\n  text: "call NHS 111"\n  source: review-one\n'


def test_every_list_says_what_to_do_at_night_and_that_it_lists_the_main_signs(tmp_path):
    """Issue 20: "the same day" means little at 2 a.m.; and no list claims to be every sign."""
    from tests.unit.test_urgent import GOOD
    data = data_with(tmp_path, GOOD + NIGHT)
    for arg, rel in (("", "urgent-help.md"), (":999", "index.md"), (":after-procedure", "treatment/recovery.md")):
        _, html = render(tmp_path, f"[[urgent-care{arg}]]\n", data=data, rel=rel)
        assert '<p class="medref-urgent-night"><strong>At night:</strong> call NHS 111' in html, arg
        assert "#source-review-one" in html, arg          # the night line is cited like any other
        assert "These are the main warning signs, not all of them." in html, arg
    _, table = render(tmp_path, "[[urgent-care:table]]\n", data=data, rel="clinicians/index.md")
    assert "medref-urgent-night" not in table            # the clinician table is not a reader's list


def test_boxes_and_rows_say_their_tier_for_the_site_check(tmp_path):
    _, html = render(tmp_path, "[[urgent-care:after-procedure]]\n", data=data_with(tmp_path), rel="index.md")
    assert 'class="admonition danger" data-tier="999"' in html
    assert 'class="admonition warning" data-tier="same-day"' in html


def test_one_sign_beside_the_text_it_belongs_to(tmp_path):
    data = data_with(tmp_path)
    _, html = render(tmp_path, "[[urgent-care:sign fever]]\n", data=data, rel="treatment/preparing.md")
    assert re.findall(r'data-sign="(\w+)"', html) == ["fever"]
    assert 'data-urgent="sign fever"' in html and '<a href="../urgent-help.md">' in html
    assert "main warning signs" not in html              # one sign is not a list of signs
    _, uncited = render(tmp_path, "[[urgent-care:sign fever uncited]]\n", data=data, rel="handouts/sheet.md")
    assert re.findall(r'data-sign="(\w+)"', uncited) == ["fever"] and "(full wording, sources)" in uncited
    with pytest.raises(MedrefBuildError, match="unknown sign 'cough'.*use one of: legs, breath, fever"):
        render(tmp_path, "[[urgent-care:sign cough]]\n", data=data)


def test_a_line_cites_its_wording_source_then_its_evidence(tmp_path):
    _, html = render(tmp_path, "[[urgent-care:999]]\n", data=data_with(tmp_path), rel="index.md")
    legs = re.search(r'<li data-sign="legs">(.*?)</li>', html).group(1)
    assert legs.index("#source-guide-one") < legs.index("#source-trial-one")


def test_a_printed_clinician_table_can_leave_its_numbers_to_the_full_list(tmp_path):
    """The two-sided quick reference: the table for one situation, no citation numbers, a link to
    the full list that carries every source."""
    data = data_with(tmp_path)
    _, html = render(tmp_path, "[[urgent-care:table cancer uncited]]\n", data=data, rel="clinicians/quick-reference.md")
    assert 'data-signs="legs"' in html and "#source-" not in html and "not tested in a study" not in html
    assert '<a href="../urgent-help.md">' in html and "(full wording, sources)" in html


def test_a_separate_situations_list_keeps_the_signs_for_everyone_without_tags(tmp_path):
    from tests.unit.test_urgent import SEPARATE
    data = data_with(tmp_path, SEPARATE)
    _, html = render(tmp_path, "[[urgent-care:crisis]]\n", data=data, rel="understanding/living.md")
    assert re.findall(r'data-sign="(\w+)"', html) == ["legs", "unsafe"]
    assert "(for your mental health)" not in html and "(after the procedure" not in html
    _, html = render(tmp_path, "[[urgent-care:999]]\n", data=data, rel="index.md")
    assert "weak</strong>" not in html and "(after the procedure or" not in html   # legs: for everyone still
