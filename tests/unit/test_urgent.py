"""data/urgent-care.yml: validation (each error path), the real data, and the [[urgent-care]] renderings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medref.directives import MedrefBuildError
from medref.urgent import UrgentCareDataError, load_urgent_care
from tests.unit.fixtures.evidence import render, write_data

ROOT = Path(__file__).resolve().parents[2]
GOOD = """
tiers:
  - {id: "999", title: "Call 999 or go to A&E now", action: "Call 999 or go to A&E now", style: danger}
  - {id: same-day, title: "Contact your team the same day", action: "Contact your team the same day", style: warning}
situations:
  - {id: after-procedure, title: "After the procedure", short: "after the procedure"}
  - {id: cancer, title: "If you have had cancer", short: "if you have had cancer"}
signs:
  - id: legs
    tier: "999"
    label: "weak legs"
    text: "your legs go weak"
    clinical: "Leg weakness"
    situations: [after-procedure, cancer]
    sources: [guide-one]
  - id: breath
    tier: "999"
    label: "short of breath"
    text: "you are suddenly short of breath"
    clinical: "Sudden breathlessness"
    situations: [after-procedure]
    consensus: true
  - id: fever
    tier: same-day
    label: "a fever"
    text: "you have a fever"
    clinical: "Fever"
    situations: [after-procedure]
    consensus: true
"""


def data_with(tmp_path, text=GOOD):
    return write_data(tmp_path, **{"urgent-care": text})


def load_bad(tmp_path, text):
    data = data_with(tmp_path, text)
    with pytest.raises(UrgentCareDataError) as info:
        load_urgent_care(data)
    message = str(info.value)
    assert str(data / "urgent-care.yml") in message, message
    return message


def test_good_data_loads_in_tier_order(tmp_path):
    care = load_urgent_care(data_with(tmp_path))
    assert [s.id for s in care.signs] == ["legs", "breath", "fever"]
    assert care.keys() == ["guide-one"]


def test_unknown_tier(tmp_path):
    message = load_bad(tmp_path, GOOD.replace('tier: same-day', 'tier: tomorrow'))
    assert "signs entry 3 (id 'fever'): unknown tier 'tomorrow'; use one of: 999, same-day" in message


def test_unknown_situation(tmp_path):
    message = load_bad(tmp_path, GOOD.replace("[after-procedure, cancer]", "[after-procedure, holiday]"))
    assert "signs entry 1 (id 'legs'): unknown situation 'holiday'" in message


def test_line_without_source_or_consensus(tmp_path):
    message = load_bad(tmp_path, GOOD.replace("    sources: [guide-one]\n", ""))
    assert "signs entry 1 (id 'legs'): no 'sources'; add sources: [key]" in message
    assert "consensus: true" in message


def test_source_and_consensus_together(tmp_path):
    message = load_bad(tmp_path, GOOD.replace("    sources: [guide-one]\n", "    sources: [guide-one]\n    consensus: true\n"))
    assert "give 'sources' or 'consensus: true', not both" in message


def test_unknown_reference_key(tmp_path):
    message = load_bad(tmp_path, GOOD.replace("[guide-one]", "[nice-ng999]"))
    assert "source 'nice-ng999' is not in references.yml; add it there or fix the key" in message


def test_duplicate_sign_and_unknown_field(tmp_path):
    message = load_bad(tmp_path, GOOD.replace("id: fever", "id: breath").replace('clinical: "Fever"', 'clinical: "Fever"\n    urgency: high'))
    assert "duplicate id 'breath'; each symptom is listed once" in message
    assert "unknown field 'urgency'" in message


def test_bad_style(tmp_path):
    message = load_bad(tmp_path, GOOD.replace("style: warning", "style: orange"))
    assert "'style' 'orange' must be one of: danger, warning, note" in message


def test_real_data_loads_and_every_999_sign_is_sourced_or_marked():
    care = load_urgent_care(ROOT / "data")
    assert [t.id for t in care.tiers] == ["999", "same-day", "gp"]
    assert {"leg-weakness", "saddle-numbness", "bladder-bowel", "breathless"} <= {s.id for s in care.signs if s.tier == "999"}
    assert all(s.sources or s.consensus for s in care.signs)


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


def test_unknown_argument_names_the_page_and_the_choices(tmp_path):
    with pytest.raises(MedrefBuildError) as info:
        render(tmp_path, "Intro.\n\n[[urgent-care:tomorrow]]\n", data=data_with(tmp_path))
    message = str(info.value)
    assert "treatment/page.md, line 3: unknown argument 'tomorrow'" in message
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


def test_a_sign_without_everyday_words(tmp_path):
    message = load_bad(tmp_path, GOOD.replace('    label: "a fever"\n', ""))
    assert "label" in message
