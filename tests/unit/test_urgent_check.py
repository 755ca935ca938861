"""medref.checks.urgent_check: urgent-care advice written by hand, and short forms that lose the link to the
full list or a 999 sign. The site test (tests/site/test_urgent_care.py) applies it to every page."""

from __future__ import annotations

from pathlib import Path

from medref.checks import urgent_check

FIXTURE = Path(__file__).parent / "fixtures" / "urgent" / "handwritten.html"


def test_the_check_catches_hand_written_advice_and_broken_short_forms():
    html = FIXTURE.read_text(encoding="utf-8")
    assert urgent_check.handwritten_advice(html) == [
        "If your legs go numb, call 999 straight away.",
        "Contact the team the same day if you have a fever.",
    ]
    problems = urgent_check.block_problems(html, {"breathless", "leg-weakness", "saddle-numbness",
                                                  "bladder-bowel"}, "/treatment/risks/")
    assert problems == [
        "the site notice does not link to the full list (urgent-help/)",
        "the [[urgent-care:999]] block does not link to the full list (urgent-help/)",
        "the [[urgent-care:999]] block shows the 999 tier but leaves out 999 sign(s): bladder-bowel, saddle-numbness",
        "the [[urgent-care:spinal-fracture]] block shows the 999 tier but leaves out 999 sign(s): bladder-bowel, "
        "breathless, saddle-numbness",
        "the [[urgent-care:table cancer]] block shows the 999 tier but leaves out 999 sign(s): bladder-bowel, "
        "saddle-numbness",
    ]


def test_every_list_that_shows_the_999_tier_keeps_the_signs_for_everyone():
    """Issue 20: sepsis and sudden breathlessness must be in every 999 list, a situation's list and
    the clinician table included; a block with no 999 tier (one same-day sign) needs none."""
    html = FIXTURE.read_text(encoding="utf-8")
    own = {"999": {"leg-weakness"}, "spinal-fracture": {"leg-weakness"}, "table cancer": {"leg-weakness"}}
    problems = urgent_check.block_problems(html, lambda kind: own.get(kind, set()), "/treatment/risks/",
                                           always={"sepsis", "breathless"})
    assert [p for p in problems if "leaves out" in p] == [
        "the [[urgent-care:999]] block shows the 999 tier but leaves out 999 sign(s): sepsis",
        "the [[urgent-care:spinal-fracture]] block shows the 999 tier but leaves out 999 sign(s): breathless, sepsis",
    ]
