"""medref.render.trial_chart: the SVG of differences in pain, its axis and its numbers."""

from __future__ import annotations

from medref.render.trial_chart import axis_range, chart_svg, number
from medref.data.trials import load_trials
from tests.unit.fixtures.evidence import write_data
from tests.unit.test_trials import ENTRY, OPEN


def test_numbers_use_a_true_minus_sign():
    assert number(-0.7) == "−0.7" and number(1.5) == "1.5"


def test_axis_holds_every_interval_and_the_band_on_both_sides(tmp_path):
    trials = [t for t in load_trials(write_data(tmp_path, trials=ENTRY + OPEN)).values() if t.effect]
    low, high = axis_range(trials, 1.5)
    assert low <= min(-1.5, *(t.effect.low for t in trials)) and high >= max(1.5, *(t.effect.high for t in trials))
    assert low == int(low) and high == int(high)


def test_chart_is_labelled_and_draws_one_row_per_trial(tmp_path):
    trials = [t for t in load_trials(write_data(tmp_path, trials=ENTRY + OPEN)).values() if t.effect]
    svg = chart_svg([("Sham-controlled trials", trials)], 1.5, "Chart of the difference in pain")
    assert 'role="img" aria-label="Chart of the difference in pain"' in svg
    assert "<title>Chart of the difference in pain</title>" in svg
    assert 'class="medref-tc-band"' in svg and 'class="medref-tc-zero"' in svg
    for trial in trials:
        assert trial.label in svg
