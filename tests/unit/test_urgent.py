"""data/urgent-care.yml: validation (each error path), the real data, and the [[urgent-care]] renderings."""

from __future__ import annotations

from pathlib import Path


from medref.data.urgent import UrgentCareDataError, load_urgent_care
from tests.unit.fixtures.evidence import load_error, write_data

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
    return load_error(tmp_path, "urgent-care", text, load_urgent_care, UrgentCareDataError)


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


def test_a_sign_without_everyday_words(tmp_path):
    message = load_bad(tmp_path, GOOD.replace('    label: "a fever"\n', ""))
    assert "label" in message
