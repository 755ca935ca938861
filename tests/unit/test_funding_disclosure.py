"""A page that cites company-funded work names the company beside a citation of it
(medref/render/funding_disclosure.py); the Sources list alone is not enough."""

from __future__ import annotations

import pytest

from medref.data.references import ReferenceDataError, load_references
from medref.render.directives import MedrefBuildError
from tests.unit.fixtures.evidence import DATA, load_error, render, write_data

FUNDED = (DATA / "references.yml").read_text(encoding="utf-8") + """
- key: kaviar
  group: trials
  year: 2014
  title: A trial of two procedures
  journal: AJNR Am J Neuroradiol
  url: https://www.ajnr.org/content/35/12/2227
  funding: Medtronic Spine LLC (trial sponsor)
  company: Medtronic
"""


def test_citing_kaviar_without_its_sponsor_stops_the_build(tmp_path):
    data = write_data(tmp_path, references=FUNDED)
    with pytest.raises(MedrefBuildError, match=r"treatment/page.md: cites work paid for by a company without "
                                               r"naming the company next to it: kaviar \(paid for by Medtronic\)"):
        render(tmp_path, "Both procedures helped about the same [@kaviar].\n", data=data)


def test_the_sponsor_named_elsewhere_on_the_page_is_not_enough(tmp_path):
    data = write_data(tmp_path, references=FUNDED)
    body = "Both helped about the same [@kaviar].\n\nMedtronic makes kits.\n"
    with pytest.raises(MedrefBuildError, match="kaviar"):
        render(tmp_path, body, data=data)


@pytest.mark.parametrize("body", [
    "Both helped about the same. Medtronic paid for the trial [@kaviar].\n",
    "- One item [@kaviar], paid for by Medtronic.\n",
    "| Trial | Funder |\n| --- | --- |\n| KAVIAR [@kaviar] | Medtronic |\n",
    "Intro [@kaviar].\n\nLater: Medtronic paid for it [@kaviar].\n",
    # the funder on the list item's own next line (the fair-tests picture's layout)
    "- A finding [@kaviar].\n\n    Funding: Medtronic\n",
])
def test_naming_the_sponsor_beside_one_citation_passes(tmp_path, body):
    data = write_data(tmp_path, references=FUNDED)
    _, html = render(tmp_path, body, data=data)
    assert "Medtronic" in html


def test_a_funder_in_the_next_list_item_is_not_enough(tmp_path):
    data = write_data(tmp_path, references=FUNDED)
    with pytest.raises(MedrefBuildError, match="kaviar"):
        render(tmp_path, "- A finding [@kaviar].\n- Medtronic makes kits.\n", data=data)


def test_work_without_a_company_needs_nothing(tmp_path):
    _, html = render(tmp_path, "A trial [@trial-one].\n")
    assert "medref-cite" in html


def test_company_must_be_named_in_the_funding_line(tmp_path):
    text = FUNDED.replace("company: Medtronic", "company: Stryker")
    message = load_error(tmp_path, "references", text, load_references, ReferenceDataError)
    assert "'company' ['Stryker'] is not named in 'funding'" in message
