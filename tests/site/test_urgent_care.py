"""Urgent-care advice comes from one checked source (issue 10).

Advice to call 999, go to A&E, call NHS 111 or act "the same day" can hurt if it is wrong, so every
page renders it from data/urgent-care.yml with [[urgent-care...]] (medref/data/urgent.py). This check
reads each built page of both engines and fails on:
- such advice written by hand (outside the rendered blocks and the site-wide notice);
- a short form, or the site notice, without a link to the full list (urgent-help/);
- a list that shows the 999 tier (the full list, the 999 short form, a situation's list, the clinician
  table) and leaves out a 999 sign the data gives it, or one of the 999 signs for everyone (issue 20:
  sepsis and sudden breathlessness or chest pain were missing from lists a frail reader would see).
The allowed non-advice uses ("go home the same day", trial counts like 64/111, glossary
definitions) are listed and commented in medref/checks/urgent_check.py.
"""

from __future__ import annotations

from medref.checks import urgent_check
from medref.data.urgent import load_urgent_care, signs_for
from tests import sitetools

DATA = sitetools.ROOT / "data"
# 999 signs every reader needs, whatever page they are on (issue 20). Named here, not read from the
# data, so that narrowing a sign's situations in data/urgent-care.yml cannot make the check pass.
FOR_EVERYONE = {"sepsis", "breathless"}
SPINAL_FRACTURES_PAGE = "understanding/spinal-fractures/index.html"


def _emergency_signs(kind: str) -> set[str]:
    """The 999 signs a block of this kind ("full", "999", "after-procedure", "table cancer") shows."""
    care = load_urgent_care(DATA)
    arg = "" if kind == "full" else kind
    return {sign.id for sign in signs_for(care, arg) if sign.tier == care.tiers[0].id}


def test_no_hand_written_urgent_advice(site_dir):
    problems = []
    for page in sitetools.html_pages(site_dir):
        for text in urgent_check.handwritten_advice(page.read_text(encoding="utf-8")):
            problems.append(f"  {page.relative_to(site_dir)}: {text[:160]}")
    assert not problems, (
        "Urgent-care advice (999, A&E, NHS 111, 'same day') written by hand. Render it from "
        "data/urgent-care.yml with [[urgent-care]], [[urgent-care:999]] or a situation such as "
        "[[urgent-care:after-procedure]] (AUTHORING.md, 'Urgent-care advice'); if the words are not "
        "advice, add a commented pattern to ALLOWED in medref/checks/urgent_check.py:\n" + "\n".join(problems))


def test_short_forms_link_to_the_full_list_and_keep_every_999_sign(site_dir):
    emergency = _emergency_signs
    problems, notices, blocks = [], 0, 0
    for page in sitetools.html_pages(site_dir):
        text = page.read_text(encoding="utf-8")
        notices += 'data-urgent="notice"' in text or "data-urgent=notice" in text
        blocks += text.count("medref-urgent")
        for problem in urgent_check.block_problems(text, emergency, sitetools.page_url(site_dir, page),
                                                   always=FOR_EVERYONE):
            problems.append(f"  {page.relative_to(site_dir)}: {problem}")
    assert notices and blocks, "no site notice or rendered urgent-care block found: is the check reading the site?"
    assert not problems, ("Urgent-care blocks that could leave a reader without a red flag. Every short "
                          "form and the site notice (overrides/main.html) must link to urgent-help/, and "
                          "a list that shows the 999 tier must show its 999 signs, and always "
                          f"{', '.join(sorted(FOR_EVERYONE))} (give them every situation in "
                          "data/urgent-care.yml):\n" + "\n".join(problems))


def test_the_spinal_fractures_page_shows_sepsis_and_breathlessness_at_999(site_dir):
    """Issue 20: that page calls breathlessness a fracture symptom; its warning list once had no 999
    line for it, and none anywhere for sepsis."""
    text = (site_dir / SPINAL_FRACTURES_PAGE).read_text(encoding="utf-8")
    emergency = load_urgent_care(DATA).tiers[0].id
    shown = set().union(*urgent_check.lists_showing(text, emergency))
    missing = FOR_EVERYONE - shown
    assert not missing, (f"{SPINAL_FRACTURES_PAGE}: no {emergency} list showing {sorted(missing)}; render "
                         "[[urgent-care:spinal-fracture]] and give those signs the spinal-fracture situation "
                         "in data/urgent-care.yml")


def test_the_full_list_page_shows_every_sign(site_dir):
    page = site_dir / "urgent-help" / "index.html"
    text = page.read_text(encoding="utf-8")
    missing = [s.id for s in load_urgent_care(DATA).signs if f"data-sign={s.id}" not in text
               and f'data-sign="{s.id}"' not in text]
    assert not missing, f"urgent-help/ does not show sign(s) {missing}; it must render [[urgent-care]]"


def test_the_mood_section_gives_a_crisis_route_from_the_data(site_dir):
    """Review of issue 24: a reader with thoughts of self-harm found no route. The living-with page's
    mood section renders the mental-health list (999 if hurt or unsafe; the 24-hour lines)."""
    page = site_dir / "understanding" / "living-with-a-spinal-fracture" / "index.html"
    blocks = urgent_check._parse(page.read_text(encoding="utf-8")).blocks
    crisis = [b for b in blocks if b["kind"] == "mental-health"]
    assert crisis, "understanding/living-with-a-spinal-fracture: no [[urgent-care:mental-health]] block"
    assert {"self-harm", "mental-health-crisis"} <= crisis[0]["signs"], crisis[0]["signs"]
