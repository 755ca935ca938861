"""data/trials.yml: validation (each error path), the real data, the tables and the chart."""

from __future__ import annotations

from pathlib import Path

import pytest

from medref.data.trials import TrialDataError, load_trials
from tests.unit.fixtures.evidence import load_error, write_data

ROOT = Path(__file__).resolve().parents[2]
ENTRY = """
- id: thing
  name: Thing
  year: 2009
  source: trial-one
  design: sham-controlled
  comparison: VP vs sham
  country: Australia
  population: Painful fractures
  arms:
    - {label: VP, randomised: 38, analysed: 35}
    - {label: Sham, randomised: 40}
  primary_outcome: Pain at 3 months
  result: Difference 0.6 (95% CI -0.7 to 1.8)
  effect: {time: 3 months, estimate: 0.6, low: -0.7, high: 1.8}
  summary: No benefit
"""
OPEN = """
- id: other
  name: Other
  year: 2010
  source: trial-one
  design: open
  comparison: VP vs usual care
  country: Netherlands
  population: Painful fractures
  arms:
    - {label: VP, randomised: 101}
    - {label: Usual care, randomised: 101}
  primary_outcome: Quality of life
  result: Better
  off_chart: Its primary outcome is not pain
  summary: Better
"""
THRESHOLD_REF = """
- key: firanescu2018
  group: trials
  year: 2018
  title: A sham-controlled trial
  url: https://example.org/vertos-iv
  funding: not stated
"""


def load_bad(tmp_path, text):
    message = load_error(tmp_path, "trials", text, load_trials, TrialDataError)
    assert "entry 1 (id 'thing')" in message, message
    return message


def test_fixture_entry_loads(tmp_path):
    trials = load_trials(write_data(tmp_path, trials=ENTRY + OPEN))
    assert trials["thing"].size_text() == "78 (38/40); analysed 35/?"
    assert trials["thing"].effect.low == -0.7


@pytest.mark.parametrize("change, expected", [
    (("estimate: 0.6, low: -0.7", "estimate: 2.6, low: -0.7"), "does not contain its estimate 2.6"),
    (("randomised: 38, analysed: 35", "randomised: 38, analysed: 39"), "39 analysed is more than the 38 randomised"),
    (("  source: trial-one\n", ""), "missing 'source'"),
    (("source: trial-one", "source: nobody2000"), "source 'nobody2000' is not in references.yml"),
    (("design: sham-controlled", "design: blinded"), "unknown design 'blinded'"),
    (("  effect: {time: 3 months, estimate: 0.6, low: -0.7, high: 1.8}\n", ""), "say why it is not on the chart"),
    (("  arms:\n    - {label: VP, randomised: 38, analysed: 35}\n    - {label: Sham, randomised: 40}\n", ""),
     "needs 'arms'"),
    (("low: -0.7", "low: -12"), "outside -10 to 10"),
    (("  summary: No benefit\n", "  summary: No benefit\n  colour: red\n"), "unknown field 'colour'"),
])
def test_broken_entries_fail_with_a_clear_message(tmp_path, change, expected):
    old, new = change
    assert old in ENTRY
    assert expected in load_bad(tmp_path, ENTRY.replace(old, new, 1))


def test_real_trials_load_and_cite_known_references():
    trials = load_trials(ROOT / "data")
    for key in ("buchbinder", "invest", "vapour", "vertos-iv", "vertos-ii", "free", "kaviar", "cafe",
                "evolve", "cochrane-2018"):
        assert key in trials, f"data/trials.yml lost {key}"
    assert all(t.effect or t.off_chart for t in trials.values())


FACTS = """  facts:
    - {id: pain, text: "12 in 100 felt better"}
    - {id: later, text: "3 in 100 broke again", source: guide-one}
"""


def test_facts_load_with_their_source(tmp_path):
    trials = load_trials(write_data(tmp_path, trials=ENTRY + FACTS))
    assert [(f.id, f.source) for f in trials["thing"].facts] == [("pain", "trial-one"), ("later", "guide-one")]


@pytest.mark.parametrize("facts, expected", [
    ('  facts:\n    - {id: pain}\n', "fact 1 (id 'pain'): missing 'text'"),
    ('  facts:\n    - {id: pain, text: "x", source: nobody2000}\n', "fact 1 (id 'pain'): source 'nobody2000' is not in references.yml"),
    ('  facts:\n    - {id: pain, text: "x"}\n    - {id: pain, text: "y"}\n', "fact 2 (id 'pain'): 'id' 'pain' must be unique"),
    ('  facts: {id: pain}\n', "'facts' must be a list"),
])
def test_broken_facts_fail_naming_the_entry(tmp_path, facts, expected):
    assert expected in load_bad(tmp_path, ENTRY + facts)
