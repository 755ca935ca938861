"""medref.render.reading_level: public prose (clinician blocks, tables, code and sources left out) and its
Flesch-Kincaid grade. The site test (tests/site/test_reading_level.py) applies it to every built page."""

from __future__ import annotations

from medref.render import reading_level

LIMIT = 8.0  # the site's limit for public pages (tests/site/test_reading_level.py)


def test_hard_prose_is_caught_and_clinician_blocks_are_skipped():
    hard = (
        "<p>Percutaneous vertebral augmentation necessitates meticulous multidisciplinary "
        "consideration of contraindications, anticoagulation management and periprocedural "
        "radiological characterisation of osteoporotic compression deformities.</p>"
    )
    easy = "<p>The bone in your back can break. It often heals by itself. This takes a few weeks.</p>"
    assert reading_level.grade(reading_level.public_prose(hard)) > LIMIT
    page_with_block = easy + f'<details class="clinician"><summary>For clinicians</summary>{hard}</details>'
    assert reading_level.grade(reading_level.public_prose(page_with_block)) <= LIMIT


def test_reading_age_matches_grade():
    assert reading_level.reading_age(6.0) == 11
    assert reading_level.reading_age(2.0) == 7
