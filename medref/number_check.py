"""Find numbers on a built page that are not backed by a source in the same block.

A "number" here is a rate or a natural frequency: "44%", "about 1 in 800", "3 to 5 in every 1,000",
"15 of 91". The block is the paragraph, list item, table row or caption that holds it; it counts as
sourced when it also holds a citation (<sup class="medref-cite">). Public prose (outside clinician
blocks and tables) must not show percentages at all: readers get natural frequencies.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

RATE = re.compile(
    r"\d[\d,.]*\s?%"                                                      # 44%, 0.13 %
    r"|\b\d[\d,]*(?:\s*(?:to|-|–|or)\s*\d[\d,]*)?\s+(?:in|out of)\s+(?:every\s+)?\d[\d,]*\b"  # 3 to 5 in 1,000
    r"|\b\d[\d,]*\s+of\s+(?:the\s+)?\d[\d,]*\b"                          # 15 of 91
)
PERCENT = re.compile(r"\d[\d,.]*\s?%")
BLOCKS = {"p", "li", "tr", "figcaption", "dd", "dt", "summary", "blockquote"}
# Page furniture and source lists hold dates and counts, not claims.
SKIP_CLASSES = {"medref-sources", "medref-references", "medref-review", "medref-cite-page", "md-nav",
                "medref-cite-block", "headerlink", "md-source-file"}
SKIP_TAGS = {"script", "style", "svg", "code", "pre", "nav", "header", "footer"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col"}


class _Blocks(HTMLParser):
    """Collects (text, cited, public) for each innermost block of the article."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []
        self.blocks: list[tuple[str, bool, bool]] = []

    def _flags(self):
        skip = any(f["skip"] for f in self.stack)
        clinician = any(f["clinician"] for f in self.stack)
        in_table = any(f["tag"] == "table" for f in self.stack)
        return skip, clinician, in_table

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        # aria-hidden text (an icon array's panel labels) repeats a caption that carries the citation.
        hidden = attrs.get("aria-hidden") == "true"
        frame = {"tag": tag, "skip": hidden or tag in SKIP_TAGS or bool(classes & SKIP_CLASSES),
                 "clinician": "clinician" in classes, "text": [], "cited": False}
        if tag == "sup" and "medref-cite" in classes:
            for f in self.stack:
                if f["tag"] in BLOCKS:
                    f["cited"] = True
        self.stack.append(frame)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                frame = self.stack[i]
                del self.stack[i:]
                skip, clinician, in_table = self._flags()
                if tag in BLOCKS and not (skip or frame["skip"]):
                    text = " ".join("".join(frame["text"]).split())
                    self.blocks.append((text, frame["cited"], not (clinician or frame["clinician"] or in_table)))
                return

    def handle_data(self, data):
        # Text belongs to every open block (a list item contains its paragraph's text too).
        for f in self.stack:
            if f["tag"] in BLOCKS:
                f["text"].append(data)


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
