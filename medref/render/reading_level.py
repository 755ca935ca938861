"""Reading level of a page's public prose (clinician blocks excluded), computed offline.

The grade is Flesch-Kincaid as textstat computes it (medref/render/flesch_kincaid.py, without textstat).

CLI: `python -m medref reading-level site [docs]` prints a table of every built page.
"""

from __future__ import annotations

import re
from pathlib import Path

from medref.render import flesch_kincaid
from medref.data.front_matter import read_front_matter
from medref.render.html_walk import FURNITURE_CLASSES, NOT_PROSE_TAGS, HtmlWalker
from medref.pages import source_for

# Also skipped for the reading level: tables, forms and buttons (not sentences), clinician blocks,
# footnotes, citation numbers, the reading-level note and the risk pictures and table.
SKIP_TAGS = NOT_PROSE_TAGS | {"table", "form", "button"}
SKIP_CLASSES = FURNITURE_CLASSES | {
    "clinician", "footnote", "medref-cite", "medref-reading-level", "medref-icon-array", "medref-risk-table",
}
# Blocks that end a thought: a heading or list item without a full stop still ends a sentence.
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "summary", "figcaption", "blockquote", "div"}


class _ProseExtractor(HtmlWalker):
    SKIP_TAGS = SKIP_TAGS
    SKIP_CLASSES = SKIP_CLASSES

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def closed(self, element, skipped):
        if element.tag in BLOCK_TAGS and not skipped:
            self._end_sentence()

    def text(self, data):
        if not self.skipping():
            self.parts.append(data)

    def _end_sentence(self):
        text = "".join(self.parts).rstrip()
        if text and text[-1] not in ".?!:;":
            self.parts.append(".")
        self.parts.append("\n")


def article_html(page_html: str) -> str:
    """The page's main article (Material's `md-content__inner`), or the whole text if absent."""
    start = page_html.find('class="md-content__inner')
    if start == -1:
        return page_html
    start = page_html.rfind("<", 0, start)
    end = page_html.find("</article>", start)
    return page_html[start:end if end != -1 else None]


def public_prose(html: str) -> str:
    """Visible prose of an HTML fragment, without clinician blocks, tables, code or sources."""
    parser = _ProseExtractor()
    parser.feed(html)
    text = "".join(parser.parts)
    text = re.sub(r"\[\d+(?:[,–-]\s*\d+)*\]", "", text)  # citation markers like [3] or [1, 4]
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n", text).strip()


def grade(text: str) -> float:
    """Flesch-Kincaid grade level (US school grade)."""
    return flesch_kincaid.grade(text)


def reading_age(fk_grade: float) -> int:
    """UK reading age for a US grade: children in US grade N are about N + 5 years old."""
    return max(5, round(fk_grade + 5))


def page_grade(page_html: str) -> tuple[float, int]:
    """(grade, words) for a built page's public prose."""
    prose = public_prose(article_html(page_html))
    return grade(prose), len(prose.split())


def _audience(docs: Path, rel_html: str) -> str:
    source = source_for(rel_html, docs)
    return str(read_front_matter(source).get("audience", "?")) if source else "?"


def site_table(site: Path, docs: Path) -> list[tuple[str, str, int, float]]:
    """(page, audience, words, grade) for every built page that has a source in docs/."""
    rows = []
    for page in sorted(site.rglob("index.html")):
        rel = page.relative_to(site).as_posix()
        audience = _audience(docs, rel)
        if audience == "?":
            continue  # redirect stubs and generated pages
        g, words = page_grade(page.read_text(encoding="utf-8"))
        rows.append((rel, audience, words, g))
    return rows


def format_table(rows) -> str:
    lines = [f"{'page':45} {'audience':9} {'words':>6} {'FK grade':>8} {'age':>4}"]
    for rel, audience, words, g in rows:
        lines.append(f"{rel:45} {audience:9} {words:6} {g:8.1f} {reading_age(g):4}")
    return "\n".join(lines)
