"""medref.checks.number_check: a rate or natural frequency needs a citation in its own block, and public
prose shows no percentages. The site test (tests/site/test_numbers_cited.py) applies it to every page."""

from __future__ import annotations

from medref.checks import number_check


def test_the_checks_catch_unsourced_and_percentages():
    cited = '<sup class="medref-cite"><a href="#source-x">1</a></sup>'
    html = (
        f"<p>About 1 in 800 people needed an operation{cited}.</p>"
        "<p>About 3 to 5 in every 1,000 people get an infection.</p>"
        "<ul><li>Leaks were seen in 33% of bones.</li></ul>"
        f'<details class="clinician"><p>Leaks in 73% of levels{cited}.</p></details>'
        f"<table><tr><td>Infection</td><td>0.46%{cited}</td></tr></table>"
        "<p>Most people go home the same day.</p>"
    )
    unsourced = number_check.unsourced_numbers(html)
    assert unsourced == ["About 3 to 5 in every 1,000 people get an infection.", "Leaks were seen in 33% of bones."]
    assert number_check.public_percentages(html) == ["Leaks were seen in 33% of bones."]
