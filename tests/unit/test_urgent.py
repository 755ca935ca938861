"""data/urgent-care.yml: validation (each error path), the real data, and the [[urgent-care]] renderings."""

from __future__ import annotations

from pathlib import Path


import pytest

from medref.data.errors import MedrefDataError
from medref.data.urgent import UrgentCareDataError, load_urgent_care
from tests.unit.fixtures.evidence import DATA as FIXTURE_DATA, assert_says, broken_cases, edited, load_error, write_data

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
    source: guide-one
    sources: [trial-one]
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
    return load_error(tmp_path, "urgent-care", text, load_urgent_care, UrgentCareDataError)


def test_good_data_loads_in_tier_order(tmp_path):
    care = load_urgent_care(data_with(tmp_path))
    assert [s.id for s in care.signs] == ["legs", "breath", "fever"]
    assert care.keys() == ["guide-one", "trial-one"]   # the wording source first, then the evidence


BROKEN = {
    "unknown-tier": ((("tier: same-day", "tier: tomorrow"),),
                     ["signs entry 3 (id 'fever'): unknown tier 'tomorrow'; use one of: 999, same-day"]),
    "unknown-situation": ((("[after-procedure, cancer]", "[after-procedure, holiday]"),),
                          ["signs entry 1 (id 'legs'): unknown situation 'holiday'"]),
    # evidence under `sources` alone is not a wording source
    "no-source-or-consensus": ((("    source: guide-one\n", ""),),
                               ["signs entry 1 (id 'legs'): no 'source'; add source: key, the public page whose wording",
                                "consensus: true"]),
    "source-and-consensus": ((("    sources: [trial-one]\n", "    sources: [trial-one]\n    consensus: true\n"),),
                             ["give 'source' or 'consensus: true', not both"]),
    # issue 20: every sign names the page whose wording it follows; a key with no reference fails
    "source-not-in-references": ((("source: guide-one", "source: nhs-sepsis-typo"),),
                                 ["signs entry 1 (id 'legs'): source 'nhs-sepsis-typo' is not in references.yml; add it there"]),
    "evidence-not-in-references": ((("[trial-one]", "[nice-ng999]"),),
                                   ["source 'nice-ng999' is not in references.yml; add it there or fix the key"]),
    "source-as-a-list": ((("source: guide-one", "source: [guide-one]"),), ["'source' is one citation key"]),
    "duplicate-sign-and-unknown-field": ((("id: fever", "id: breath"), ('clinical: "Fever"', 'clinical: "Fever"\n    urgency: high')),
                                         ["duplicate id 'breath'; each symptom is listed once", "unknown field 'urgency'"]),
    "bad-style": ((("style: warning", "style: orange"),), ["'style' 'orange' must be one of: danger, warning, note"]),
}


@broken_cases(BROKEN)
def test_broken_advice_fails_naming_the_sign_and_the_fix(tmp_path, edits, expected):
    assert_says(load_bad(tmp_path, edited(GOOD, edits)), expected)


def test_a_wording_source_must_be_a_page_a_reviewer_can_open(tmp_path):
    """A wording source needs an https address: an http one is refused where the references load
    (medref.data.plaintext, issue 21), before the urgent-care check would see it."""
    refs = (FIXTURE_DATA / "references.yml").read_text(encoding="utf-8") + (
        "\n- key: leaflet-one\n  group: other\n  authors: [A Trust]\n  year: 2020\n  title: A leaflet\n"
        "  url: http://example.org/leaflet\n")
    data = write_data(tmp_path, references=refs, **{"urgent-care": GOOD.replace("source: guide-one", "source: leaflet-one")})
    with pytest.raises(MedrefDataError) as info:
        load_urgent_care(data)
    assert "'url' must be a web address starting with https://" in str(info.value)


def test_night_line_needs_its_source(tmp_path):
    night = '\nnight:\n  title: "At night"\n  text: "call 111"\n  source: not-a-key\n'
    message = load_bad(tmp_path, GOOD + night)
    assert "night: source 'not-a-key' is not in references.yml" in message
    good = load_urgent_care(data_with(tmp_path, GOOD + night.replace("not-a-key", "review-one")))
    assert good.night.text == "call 111" and good.keys()[-1] == "review-one"


def test_real_data_loads_and_every_999_sign_is_sourced_or_marked():
    care = load_urgent_care(ROOT / "data")
    assert [t.id for t in care.tiers] == ["999", "same-day", "gp"]
    assert {"leg-weakness", "saddle-numbness", "bladder-bowel", "breathless", "sepsis"} <= {
        s.id for s in care.signs if s.tier == "999"}
    assert all(s.source or s.consensus for s in care.signs)
    assert care.night and care.night.source


def test_real_data_gives_the_signs_for_everyone_every_situation():
    """Issue 20: sepsis and sudden breathlessness or chest pain are 999 for every reader, not only
    after the procedure; nerve-root pain after the procedure is same day; the two 'urgent
    appointment' lines sit in the same-day tier (as the NHS puts them), not under 'See your GP'."""
    care = load_urgent_care(ROOT / "data")
    everyone = {s.id for s in care.situations}
    signs = {s.id: s for s in care.signs}
    for sign_id in ("sepsis", "breathless", "collapse", "head-injury"):
        assert signs[sign_id].tier == "999" and set(signs[sign_id].situations) == everyone, sign_id
    assert signs["nerve-root"].tier == "same-day" and "after-procedure" in signs["nerve-root"].situations
    assert signs["dka"].tier == "same-day"
    assert signs["weight-loss"].tier == signs["night-pain"].tier == "same-day"
    assert not [s.id for s in care.signs if s.tier == "gp" and "urgent" in s.text.lower()]


def test_a_sign_without_everyday_words(tmp_path):
    message = load_bad(tmp_path, GOOD.replace('    label: "a fever"\n', ""))
    assert "label" in message


# ---- a separate situation (a mental health crisis; reviews/care-followups-claims.md) -------------------

SEPARATE = GOOD.replace(
    '  - {id: cancer, title: "If you have had cancer", short: "if you have had cancer"}\n',
    '  - {id: cancer, title: "If you have had cancer", short: "if you have had cancer"}\n'
    '  - {id: crisis, title: "If you feel very low", short: "for your mental health", separate: true}\n'
).replace("    situations: [after-procedure, cancer]\n", "    situations: [after-procedure, cancer, crisis]\n") + """
  - id: unsafe
    tier: same-day
    label: "you cannot cope"
    text: "you cannot cope"
    clinical: "Crisis"
    situations: [crisis]
    consensus: true
"""


def test_a_separate_situation_must_say_true_or_false(tmp_path):
    message = load_bad(tmp_path, SEPARATE.replace("separate: true", "separate: maybe"))
    assert "(id 'crisis'): 'separate' must be true or false" in message


def test_hints_leave_a_separate_situation_out(tmp_path):
    """A sign for every physical situation and the crisis reads as one for everyone; a crisis line
    needs no '(for your mental health)' tag; a sign for some physical situations still says which."""
    from medref.data.urgent import situation_hint
    care = load_urgent_care(data_with(tmp_path, SEPARATE))
    signs = {s.id: s for s in care.signs}
    assert [s.id for s in care.situations if s.separate] == ["crisis"]
    assert situation_hint(care, signs["legs"]) == ""
    assert situation_hint(care, signs["unsafe"]) == ""
    assert situation_hint(care, signs["breath"]) == "after the procedure"


def test_real_data_has_a_crisis_route_for_everyone():
    """Review of issue 24: no page said what to do with thoughts of self-harm. The route lives in the
    data: 999 for someone hurt or unsafe, and a same-day line that answers day or night."""
    care = load_urgent_care(ROOT / "data")
    signs = {s.id: s for s in care.signs}
    crisis = next(s for s in care.situations if s.id == "mental-health")
    assert crisis.separate
    assert signs["self-harm"].tier == "999" and signs["self-harm"].source
    assert signs["mental-health-crisis"].tier == "same-day" and signs["mental-health-crisis"].source
    assert "116 123" in signs["mental-health-crisis"].text and "mental health option" in signs["mental-health-crisis"].text


def test_real_data_has_a_clot_line_wherever_immobility_applies():
    """Issue 20b (review R7): a painful, swollen leg can be a clot (DVT), the warning sign before a
    clot in the lung; the NHS DVT page puts it at an urgent GP appointment or NHS 111 (this site's
    same-day tier), for everyone who is immobile: after the procedure and with a spinal fracture."""
    care = load_urgent_care(ROOT / "data")
    signs = {s.id: s for s in care.signs}
    assert "dvt" in signs, "no DVT line in data/urgent-care.yml"
    dvt = signs["dvt"]
    assert dvt.tier == "same-day" and dvt.source == "nhs-dvt"
    assert {"after-procedure", "spinal-fracture"} <= set(dvt.situations)
    assert "leg" in dvt.text and "swollen" in dvt.text


def test_real_data_sends_new_nerve_pain_after_cancer_to_999():
    """Issue 20b (review O3): new pain in a band round the chest or tummy, or down a leg, in someone
    who has had cancer can be cord compression: NICE (CG75, NG234 via its BMJ summary) says contact
    the MSCC service immediately, an oncological emergency. No line a reader with cancer sees may
    steer that pain to a same-day, GP or next-day route, and its clinical words must not assume cement."""
    care = load_urgent_care(ROOT / "data")
    line = next((s for s in care.signs if s.id == "cancer-nerve-pain"), None)
    assert line is not None, "no line for new nerve pain after cancer in data/urgent-care.yml"
    assert line.tier == "999" and {"cancer", "spinal-fracture"} <= set(line.situations)
    assert "band" in line.text and "leg" in line.text and "cancer" in line.text
    assert "cement" not in line.clinical.lower()
    slower = [s.id for s in care.signs if "cancer" in s.situations and s.tier != "999" and "band" in s.text]
    assert not slower, f"band pain shown to readers with cancer below the 999 tier: {slower}"
