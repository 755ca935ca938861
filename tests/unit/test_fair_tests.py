"""medref.render.fair_tests: the pooled result first, then every placebo-controlled trial on the same terms."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from medref.data import trials
from medref.render.directives import MedrefBuildError
from tests.unit.fixtures.evidence import render

REAL = Path(__file__).resolve().parents[2] / "data"


def test_pooled_result_comes_first_then_benefit_then_no_difference(tmp_path):
    _, html = render(tmp_path, "[[fair-tests:cochrane-2018]]\n", data=REAL)
    order = [html.index(marker) for marker in (
        'class="ft-pooled"', "Found a benefit", 'id="fair-test-vapour"', 'id="fair-test-vertos-v"',
        "Found no clear difference", 'id="fair-test-buchbinder"', 'id="fair-test-invest"', 'id="fair-test-vertos-iv"')]
    assert order == sorted(order), order
    assert "little or no extra benefit" in html and "newer than the review" in html
    # Each trial drawn the same way: name, people, bar, who, finding with its citation.
    for trial in trials.fair_tests(trials.load_trials(REAL)):
        item = html[html.index(f'id="fair-test-{trial.id}"'):]
        item = item[:item.index("</li>")]
        for part in ("ft-head", "ft-bar", "ft-who", "ft-finding", "medref-cite"):
            assert part in item, (trial.id, part)
        assert f"{trial.randomised:,} people" in item


def test_every_word_and_number_comes_from_the_data(tmp_path):
    _, html = render(tmp_path, "[[fair-tests:cochrane-2018]]\n", data=REAL)
    assert "44 in 100 had only mild pain" in html and "By 3 to 6 months" in html
    assert "about 1.3 points more" in html


def copy_with(tmp_path: Path, old: str, new: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(REAL, data)
    path = data / trials.FILENAME
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


def test_a_trial_without_a_verdict_stops_the_build(tmp_path):
    data = copy_with(tmp_path, "  verdict: benefit\n", "")
    with pytest.raises(MedrefBuildError, match="trial 'vapour' has no 'verdict'"):
        render(tmp_path, "[[fair-tests:cochrane-2018]]\n", data=data)


def test_an_unknown_verdict_stops_the_build(tmp_path):
    data = copy_with(tmp_path, "  verdict: benefit\n", "  verdict: promising\n")
    with pytest.raises(trials.TrialDataError, match="'verdict' 'promising' must be one of"):
        trials.load_trials(data)


def test_the_review_must_be_a_review_with_a_pooled_fact(tmp_path):
    with pytest.raises(MedrefBuildError, match=r"unknown review 'vapour' in \[\[fair-tests:vapour\]\]; use one of: cochrane-2018"):
        render(tmp_path, "[[fair-tests:vapour]]\n", data=REAL)


def test_a_review_without_its_pooled_result_stops_the_build(tmp_path):
    data = copy_with(tmp_path, "    - {id: pooled, ", "    - {id: pooled-old, ")
    with pytest.raises(MedrefBuildError, match="review 'cochrane-2018' has no fact 'pooled'"):
        render(tmp_path, "[[fair-tests:cochrane-2018]]\n", data=data)


def test_every_trial_says_who_paid_whatever_it_found(tmp_path):
    """Funding beside every study: the null VERTOS IV (Stryker) as well as the positive trials."""
    _, html = render(tmp_path, "[[fair-tests:cochrane-2018]]\n", data=REAL)
    for trial in trials.fair_tests(trials.load_trials(REAL)):
        item = html[html.index(f'id="fair-test-{trial.id}"'):]
        assert 'class="ft-funding">Funding: ' in item[:item.index("</li>")], trial.id
    vertos_iv = html[html.index('id="fair-test-vertos-iv"'):]
    assert "Funding: Stryker (grant S-I-013)" in vertos_iv[:vertos_iv.index("</li>")]
    vapour = html[html.index('id="fair-test-vapour"'):]
    # the References page's own phrase for a statement we could not read, not a blend of its two
    assert "Funding: not confirmed: the paper's funding statement was not in the copies we could read" \
        in vapour[:vapour.index("</li>")]
