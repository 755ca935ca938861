"""medref.render.term_links: dotted words link to their glossary entry, so a tap reaches the
meaning without scripts; only the first of each word on a page is a Tab stop."""

from __future__ import annotations

import markdown

from medref.extension import MedrefExtension
from tests.unit.fixtures.evidence import DATA, EXTENSIONS

ABBRS = "\n\n*[PMMA]: Bone cement: a paste\n*[XYZ]: Not in the glossary\n"


def convert(tmp_path, body: str, rel: str = "treatment/page.md") -> str:
    docs = tmp_path / "docs"
    (docs / rel).parent.mkdir(parents=True, exist_ok=True)
    (docs / rel).write_text(body + ABBRS, encoding="utf-8")
    md = markdown.Markdown(extensions=EXTENSIONS + ["abbr", MedrefExtension(data_dir=str(DATA), docs_dir=str(docs))])
    return md.convert(body + ABBRS)


def test_first_use_is_a_tab_stop_and_later_ones_are_not(tmp_path):
    html = convert(tmp_path, "PMMA sets hard. More PMMA later.\n")
    first = '<a class="medref-term" href="../about/glossary.md#term-bone-cement"><abbr'
    later = '<a class="medref-term" href="../about/glossary.md#term-bone-cement" tabindex="-1"><abbr'
    assert html.count(first) == 1 and html.count(later) == 1, html
    assert "</abbr></a> sets hard." in html  # the text after the word stays after the link


def test_words_outside_the_glossary_and_in_the_title_or_links_stay_as_they_are(tmp_path):
    html = convert(tmp_path, "# PMMA\n\n[PMMA](https://example.org) and XYZ.\n\n## About PMMA\n")
    assert "medref-term" in html.split("<h2", 1)[1]              # section headings link
    head, rest = html.split("</h1>", 1)
    assert "medref-term" not in head                              # the page title does not
    assert '<a href="https://example.org"><abbr' in rest          # no link inside a link
    assert 'medref-term" href="../about/glossary.md#term-xyz' not in html


def test_on_the_glossary_page_the_link_stays_on_the_page(tmp_path):
    html = convert(tmp_path, "Some PMMA.\n", rel="about/glossary.md")
    assert '<a class="medref-term" href="#term-bone-cement">' in html
