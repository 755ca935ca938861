"""data/risks.yml: validation (each error path), the real data, and the sentence and table renderings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medref.render.risk_render import risk_figure_text
from medref.data.risks import RiskDataError, load_risks, parse_risks
from tests.unit.fixtures.evidence import DATA, assert_says, broken_cases, edited, load_error, write_data

ROOT = Path(__file__).resolve().parents[2]
ENTRY = """
- id: thing
  kind: harm
  label: A thing
  procedure: both
  measured: on CT
  evidence: cohort
  sources: [series-one]
  figures:
    - {numerator: 4, denominator: 3175}
  plain: about 1 in 800 people
  sentence: About 1 in 800 people had a thing.
"""


def load_bad(tmp_path, text):
    message = load_error(tmp_path, "risks", text, load_risks, RiskDataError)
    assert "entry 1 (id 'thing')" in message, message
    return message


def test_fixture_loads():
    risks = load_risks(DATA)
    assert set(risks) == {"single", "ranged", "compared", "kp-only"}
    assert risks["ranged"].bounds() == pytest.approx((18 / 5749, 6 / 1307))
    assert risks["compared"].is_comparison


BROKEN = {
    "no-source": ((("  sources: [series-one]\n", ""),), ["no 'sources'; add sources: [key]"]),
    "unknown-source-key": ((("[series-one]", "[hsieh2099]"),),
                           ["source 'hsieh2099' is not in references.yml; add it there or fix the key"]),
    "rate-outside-0-1": ((("{numerator: 4, denominator: 3175}", "{rate: 19.2, denominator: 381}"),),
                         ["'rate' 19.2 is outside 0-1; write a rate as a proportion (19.2% is 0.192)"]),
    "numerator-over-denominator": ((("numerator: 4,", "numerator: 3176,"),),
                                   ["numerator 3176 is larger than its denominator 3175; check the figures against the source"]),
    "missing-denominator": (((", denominator: 3175", ""),), ["missing 'denominator'; give the number of people"]),
    "percentage-in-public-wording": ((("About 1 in 800 people had", "About 0.13% (about 1 in 800 people) had"),),
                                     ["'sentence' uses a percentage; public wording must be a natural frequency"]),
    "sentence-without-plain": ((("About 1 in 800 people had", "Very few people had"),),
                               ["'sentence' must contain the 'plain' wording"]),
    "no-figures-or-arms": ((("  figures:\n    - {numerator: 4, denominator: 3175}\n", ""),), ["give either 'figures'"]),
    "array-showing-nobody": ((("had a thing.\n", "had a thing.\n  array: {per: 100, marked: had it, others: did not}\n"),),
                             ["the icon array would mark 0 of 100; use per: 1000"]),
    "bad-enumerations": ((("kind: harm", "kind: risk"), ("evidence: cohort", "evidence: RCT")),
                         ["'kind' 'risk' must be one of: harm, benefit", "'evidence' 'RCT' must be one of: randomised trial"]),
}


@broken_cases(BROKEN)
def test_a_broken_entry_fails_naming_it_and_the_fix(tmp_path, edits, expected):
    assert_says(load_bad(tmp_path, edited(ENTRY, edits)), expected)


def test_duplicate_id(tmp_path):
    data = write_data(tmp_path, risks=ENTRY + ENTRY)
    with pytest.raises(RiskDataError, match=r"entry 2 \(id 'thing'\): duplicate id 'thing'"):
        load_risks(data)


# ---- the real data ----------------------------------------------------------------------------------

def test_real_data_has_every_authoring_id():
    risks = load_risks(ROOT / "data")
    authoring = (ROOT / "AUTHORING.md").read_text(encoding="utf-8")
    section = authoring.split("## Figure ids", 1)[1].split("\n## ", 1)[0]
    ids = set(re.findall(r"`([a-z0-9-]+)`", section))
    assert ids, "AUTHORING.md lists no figure ids"
    missing = sorted(ids - set(risks))
    assert not missing, f"AUTHORING.md lists figure ids that data/risks.yml lacks: {missing}; add them"


def test_real_data_key_figures():
    """The numbers the issue names, as the data holds them (guards against an edit that changes one)."""
    risks = load_risks(ROOT / "data")
    assert risk_figure_text(risks["cement-nerve-surgery"]) == "4 of 3,175 (0.13%)"
    assert risks["cement-nerve-surgery"].plain == "about 1 in 800 people"
    assert risk_figure_text(risks["infection"]) == "6 of 1,307 (0.46%); 18 of 5,749 (0.31%)"
    assert "3 to 5 in every 1,000" in risks["infection"].plain
    assert risk_figure_text(risks["lung-cement-symptoms"]) == "1 of 244 (0.41%)"
    assert risk_figure_text(risks["better-while-waiting-vertos2"]) == "229 of 431 (53%)"
    assert risk_figure_text(risks["new-fracture-background"]) == "19.2% of 381"
    assert "44 in 100" in risks["pain-relief-vapour"].plain and "21 in 100" in risks["pain-relief-vapour"].plain
    assert risk_figure_text(risks["pain-relief-vapour"]) == (
        "Vertebroplasty: 24 (44%) as reported; 61 randomised; "
        "Pretend procedure: 12 (21%) as reported; 59 randomised")
    assert risk_figure_text(risks["new-fracture-vertos2"]) == "Vertebroplasty: 15 of 91 (16%); Usual care: 21 of 85 (25%)"
    assert risk_figure_text(risks["new-fracture-kaviar"]) == "Kyphoplasty: 50 of 140 (36%); Vertebroplasty: 57 of 131 (44%)"
    assert risk_figure_text(risks["cement-leak-ct"]) == "Kyphoplasty: 157 of 214 (73%); Vertebroplasty: 164 of 201 (82%)"


# ---- rendering ----------------------------------------------------------------------------------------


def test_array_size_and_tone_are_checked(tmp_path):
    message = load_bad(tmp_path, ENTRY + "  array: {per: 250, marked: had it, others: did not, tone: scary}\n")
    assert "array 'per' 250 must be 100, 200, ... or 1000" in message
    assert "array 'tone' 'scary' must be one of: alarm, neutral" in message


def test_time_is_read_and_must_be_words():
    risks = load_risks(ROOT / "data")
    assert risks["pain-relief-vapour"].time == "2 weeks"
    assert risks["new-fracture-kaviar"].time == "1 year"
    entry = {"id": "x", "kind": "harm", "label": "X", "procedure": "both", "measured": "m", "evidence": "cohort",
             "sources": ["hsieh2019"], "figures": [{"numerator": 1, "denominator": 10}], "plain": "about 1 in 10",
             "sentence": "About 1 in 10.", "time": 12}
    with pytest.raises(RiskDataError, match="'time' must be words"):
        parse_risks([entry], "risks.yml", {"hsieh2019"})
