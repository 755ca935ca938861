"""What readers take away: the printed handouts (HANDOUTS) and the offline copy, and the two
directives that link them, `[[pdf-download]]` and `[[offline-copy]]`.

The files are made before the build, by `make build` / `make serve` (`python -m medref takeaways`,
medref/takeaways.py, which needs Chromium): the PDFs into docs/pdf/ and the zip into docs/, all
ignored by git. The engines copy them like any other file, so a link is in a build exactly when the
file is: each directive looks for its file and, when it is not there (no Chromium, or plain
`mkdocs build` on a fresh clone), leaves its link out, and the build says so once. Links are
Markdown-relative, so both engines rewrite them for either URL style and MkDocs' strict link check
sees them.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from xml.etree import ElementTree as etree

from medref.render.directives import BlockDirective, DirectiveError, OneOf
from medref.render.furniture import source_href

PDF_DIR = "pdf"                                      # under docs/
OFFLINE_ZIP = "vertebroplasty-kyphoplasty-offline.zip"   # at the top of docs/, so at the site's root
log = logging.getLogger("mkdocs.medref")             # shown by MkDocs; INFO, so --strict does not fail


@dataclasses.dataclass(frozen=True)
class Handout:
    page: str    # source page, relative to docs/
    pdf: str     # file name in docs/pdf/
    pages: int   # A4 sides: the link says it, and printing fails if the PDF differs

    @property
    def pdf_rel(self) -> str:
        return f"{PDF_DIR}/{self.pdf}"


HANDOUTS = (
    Handout("handouts/after-your-procedure.md", "after-your-procedure.pdf", 1),
    Handout("handouts/after-your-procedure-large-print.md", "after-your-procedure-large-print.pdf", 2),
    Handout("clinicians/quick-reference.md", "quick-reference.pdf", 2),
)


def handout_for(rel: str) -> Handout | None:
    return next((h for h in HANDOUTS if h.page == rel), None)


_told: set[str] = set()


def tell_missing_once(docs_dir: str) -> None:
    """One line per build process, not one per page or per link."""
    if "missing" in _told:
        return
    _told.add("missing")
    log.info("medref: docs/%s/*.pdf or docs/%s is not there, so this build leaves out the links to "
             "what is missing ('Download as PDF', the offline copy). `make build` makes them first "
             "(it needs Chromium).", PDF_DIR, OFFLINE_ZIP)


def megabytes(path: Path) -> str:
    size = path.stat().st_size / 1_000_000
    return f"{size:.1f} MB" if size >= 0.1 else "under 0.1 MB"


class PdfLinkDirective(BlockDirective):
    """`[[pdf-download]]`: "Download as PDF (A4, N pages)" linking the page's printed copy, when
    this build has it."""

    NAMES = ("pdf-download",)
    DOCS = (("[[pdf-download]]", "\"Download as PDF (A4, N pages)\" on a page listed in HANDOUTS in "
                                 "medref/render/handouts.py; left out when this build has no printed PDF "
                                 "(no Chromium)"),)

    def render(self, parent, name, value):
        page = self.ext.page
        handout = handout_for(page.rel) if page is not None else None
        if handout is None:
            raise DirectiveError("[[pdf-download]] is only for the pages listed "
                                 "in HANDOUTS in medref/render/handouts.py; add this page there first")
        docs = self.ext.getConfig("docs_dir")
        if not (Path(docs) / handout.pdf_rel).is_file():
            tell_missing_once(docs)
            return
        sides = "1 page" if handout.pages == 1 else f"{handout.pages} pages"
        p = etree.SubElement(parent, "p", {"class": "medref-pdf-download"})
        # No `download` attribute: a phone opens the PDF in its viewer, to read, print or share.
        a = etree.SubElement(p, "a", {"href": source_href(page.rel, handout.pdf_rel), "type": "application/pdf"})
        a.text = f"Download as PDF (A4, {sides})"


class OfflineCopyDirective(BlockDirective):
    """`[[offline-copy]]`: a link to the whole site as a zip, when this build has it; otherwise a
    sentence saying this copy was built without it. `[[offline-copy:link-only]]` says nothing then."""

    NAMES = ("offline-copy",)
    ARGUMENT = OneOf("form", ("link-only",), without="for the link, or a sentence when the zip is not built")
    DOCS = (("[[offline-copy]]", "a link to the offline zip with its size; without the zip, a sentence saying so"),
            ("[[offline-copy:link-only]]", "the link, and nothing when the zip is not built"))

    def render(self, parent, name, value):
        page = self.ext.page
        docs = self.ext.getConfig("docs_dir")
        zip_path = Path(docs) / OFFLINE_ZIP
        p = etree.Element("p", {"class": "medref-offline-copy"})
        if page is not None and zip_path.is_file():
            a = etree.SubElement(p, "a", {"href": source_href(page.rel, OFFLINE_ZIP), "download": "",
                                          "type": "application/zip"})
            a.text = "Download the whole site to use without the internet"
            a.tail = f" (a zip file, {megabytes(zip_path)})."
        else:
            tell_missing_once(docs)
            if value == "link-only":
                return
            p.text = "This copy of the site does not include the zip file."
        parent.append(p)
