"""Find numbers on a built page that are not backed by a source in the same block.

A "number" here is a rate or a natural frequency: "44%", "about 1 in 800", "3 to 5 in every 1,000",
"15 of 91". The block is the paragraph, list item, table row or caption that holds it; it counts as
sourced when it also holds a citation (<sup class="medref-cite">). Public prose (outside clinician
blocks and tables) must not show percentages at all: readers get natural frequencies.
"""

from __future__ import annotations

import re

from medref.render.html_walk import FURNITURE_CLASSES, HtmlWalker

RATE = re.compile(
    r"\d[\d,.]*\s?%"                                                      # 44%, 0.13 %
    r"|\b\d[\d,]*(?:\s*(?:to|-|–|or)\s*\d[\d,]*)?\s+(?:in|out of)\s+(?:every\s+)?\d[\d,]*\b"  # 3 to 5 in 1,000
    r"|\b\d[\d,]*\s+of\s+(?:the\s+)?\d[\d,]*\b"                          # 15 of 91
)
PERCENT = re.compile(r"\d[\d,.]*\s?%")
BLOCKS = {"p", "li", "tr", "figcaption", "dd", "dt", "summary", "blockquote"}


class _Blocks(HtmlWalker):
    """Collects (text, cited, public) for each innermost block of the article."""

    # Also skipped here: the References page, "Cite this page" and its copy block (dates, counts).
    SKIP_CLASSES = FURNITURE_CLASSES | {"medref-references", "medref-cite-page", "medref-cite-block"}

    def __init__(self):
        super().__init__()
        self.blocks: list[tuple[str, bool, bool]] = []

    def skips(self, tag, attrs, classes):
        # aria-hidden text (an icon array's panel labels) repeats a caption that carries the citation.
        return attrs.get("aria-hidden") == "true" or super().skips(tag, attrs, classes)

    def opened(self, element, attrs):
        if element.tag == "sup" and "medref-cite" in element.classes:
            for block in self.stack:
                if block.tag in BLOCKS:
                    block.cited = True

    def closed(self, element, skipped):
        if element.tag in BLOCKS and not skipped:
            clinician = "clinician" in element.classes or any("clinician" in e.classes for e in self.stack)
            in_table = any(e.tag == "table" for e in self.stack)
            text = " ".join("".join(element.text).split())
            self.blocks.append((text, element.cited, not (clinician or in_table)))

    def text(self, data):
        # Text belongs to every open block (a list item contains its paragraph's text too).
        for block in self.stack:
            if block.tag in BLOCKS:
                block.text.append(data)


def unsourced_numbers(article_html: str) -> list[str]:
    """Blocks that state a rate or frequency without a citation in the same block."""
    parser = _Blocks()
    parser.feed(article_html)
    return [text for text, cited, _ in parser.blocks if RATE.search(text) and not cited]


def public_percentages(article_html: str) -> list[str]:
    """Public prose blocks (not clinician blocks, not tables) that show a percentage."""
    parser = _Blocks()
    parser.feed(article_html)
    return [text for text, _, public in parser.blocks if public and PERCENT.search(text)]
