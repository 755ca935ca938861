"""Every number on a page carries its source, and public prose uses natural frequencies.

Issue 3: "Every rate or natural frequency on every page is either rendered from data/ or carries a
citation in the same paragraph, list item or table row." Figures rendered from data/risks.yml bring
their own citation, so one rule covers both.
"""

from __future__ import annotations

from medref.checks import number_check
from medref.render import reading_level
from medref.data.front_matter import read_front_matter
from medref.pages import source_for
from tests import sitetools

DOCS = sitetools.ROOT / "docs"


def _pages(site_dir):
    for page in sitetools.html_pages(site_dir):
        rel = page.relative_to(site_dir).as_posix()
        yield rel, reading_level.article_html(page.read_text(encoding="utf-8"))


def _audience(rel: str) -> str:
    source = source_for(rel, DOCS)
    return str(read_front_matter(source).get("audience")) if source else "?"


def test_every_number_has_a_source_in_the_same_block(site_dir):
    problems = []
    for rel, article in _pages(site_dir):
        for text in number_check.unsourced_numbers(article):
            problems.append(f"  {rel}: {text[:160]}")
    assert not problems, (
        "Rates or frequencies without a citation in the same paragraph, list item or table row. Add "
        "[@key] to that block (or render the figure from data/risks.yml):\n" + "\n".join(problems)
    )


def test_no_bare_percentages_in_public_prose(site_dir):
    problems = []
    for rel, article in _pages(site_dir):
        if _audience(rel) in ("public", "both"):
            for text in number_check.public_percentages(article):
                problems.append(f"  {rel}: {text[:160]}")
    assert not problems, (
        "Percentages in public prose. Write a natural frequency ('about 44 in 100') or move the "
        "figure into a `??? clinician` block or a table:\n" + "\n".join(problems)
    )
