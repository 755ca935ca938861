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
        "the [[urgent-care:999]] block leaves out 999 sign(s): bladder-bowel, saddle-numbness",
    ]
