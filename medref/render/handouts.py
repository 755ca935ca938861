"""The printable leaflets: which pages are handouts (HANDOUTS), and `[[pdf-download]]`, the link to
each one's PDF. `make handouts` (after `make build`) prints them with medref.printing.

Each PDF is written beside its page's HTML file, so the page's own link (`[[pdf-download]]`, a bare
file name) works in every URL style: site/handouts/after-your-procedure/after-your-procedure.pdf with
directory URLs, build/offline/.../handouts/after-your-procedure.pdf in the offline copy.

    python scripts/print_handouts.py SITE_DIR [--zip OFFLINE_ZIP]   (make handouts)
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from xml.etree import ElementTree as etree

from markdown.util import AtomicString

from medref.render.directives import BlockDirective, DirectiveError, stash


@dataclasses.dataclass(frozen=True)
class Handout:
    page: str    # source page, relative to docs/
    pdf: str     # file name, written beside the page's HTML
    pages: int   # A4 sides: the link says it, and printing fails if the PDF differs


HANDOUTS = (
    Handout("handouts/after-your-procedure.md", "after-your-procedure.pdf", 1),
    Handout("clinicians/quick-reference.md", "quick-reference.pdf", 2),
)


def handout_for(rel: str) -> Handout | None:
    return next((h for h in HANDOUTS if h.page == rel), None)


class PdfLinkDirective(BlockDirective):
    """`[[pdf-download]]`: "Download as PDF (A4, N pages)" linking the page's printed copy."""

    NAMES = ("pdf-download",)
    DOCS = (("[[pdf-download]]", "\"Download as PDF (A4, N pages)\" on a page listed in HANDOUTS in "
                                 "medref/render/handouts.py"),)

    def render(self, parent, name, value):
        page = self.ext.page
        handout = handout_for(page.rel) if page is not None else None
        if handout is None:
            raise DirectiveError("[[pdf-download]] is only for the pages listed "
                                 "in HANDOUTS in medref/render/handouts.py; add this page there first")
        sides = "1 page" if handout.pages == 1 else f"{handout.pages} pages"
        # Raw HTML, not a Markdown link: the PDF does not exist in docs/ (it is printed after the build),
        # and a bare file name beside the page needs no rewriting in either URL style.
        p = etree.SubElement(parent, "p", {"class": "medref-pdf-download"})
        p.text = AtomicString(stash(self.md, f'<a href="{handout.pdf}" download type="application/pdf">'
                                             f"Download as PDF (A4, {sides})</a>"))
