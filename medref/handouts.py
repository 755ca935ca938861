"""The printable leaflets as PDF: `make handouts` (after `make build`) prints each handout page of a
built site to A4 PDF with Chromium, the browser the tests use, and checks its page count.

Each PDF is written beside its page's HTML file, so the page's own link (`[[pdf-download]]`, a bare
file name) works in every URL style: site/handouts/after-your-procedure/after-your-procedure.pdf with
directory URLs, build/offline/.../handouts/after-your-procedure.pdf in the offline copy.

    python -m medref.handouts SITE_DIR [--zip OFFLINE_ZIP]

With --zip, the PDFs are also printed from the unzipped offline copy's pages and added to the zip.
"""

from __future__ import annotations

import dataclasses
import io
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree as etree

from markdown.util import AtomicString

from medref.directives import DirectiveProcessor, MedrefBuildError, stash, where


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


def html_path(site_dir: Path, handout: Handout) -> Path:
    """The built HTML file of the handout's page, whichever URL style the build used."""
    stem = handout.page[:-3]
    for candidate in (site_dir / stem / "index.html", site_dir / f"{stem}.html"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{site_dir}: no built page for {handout.page}; run `make build` first")


class PdfLinkDirective(DirectiveProcessor):
    """`[[pdf-download]]`: "Download as PDF (A4, N pages)" linking the page's printed copy."""

    NAMES = ("pdf-download",)

    def render(self, parent, name, arg, line_text):
        page = self.ext.page
        handout = handout_for(page.rel) if page is not None else None
        if handout is None:
            raise MedrefBuildError(f"{where(self.ext.page, line_text)}: [[pdf-download]] is only for the pages listed "
                                   "in HANDOUTS in medref/handouts.py; add this page there first")
        sides = "1 page" if handout.pages == 1 else f"{handout.pages} pages"
        # Raw HTML, not a Markdown link: the PDF does not exist in docs/ (it is printed after the build),
        # and a bare file name beside the page needs no rewriting in either URL style.
        p = etree.SubElement(parent, "p", {"class": "medref-pdf-download"})
        p.text = AtomicString(stash(self.md, f'<a href="{handout.pdf}" download type="application/pdf">'
                                             f"Download as PDF (A4, {sides})</a>"))


def print_pdf(browser, url: str) -> bytes:
    """Print as a reader choosing A4 would (the same settings as tests/site/test_print.py)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page.emulate_media(media="print")
        return page.pdf(format="A4", prefer_css_page_size=True, print_background=False)
    finally:
        context.close()


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def print_handouts(site_dir: Path, browser) -> list[str]:
    """Write every handout's PDF beside its page; returns problems (page count not as the link says)."""
    from tests import sitetools

    problems = []
    site_dir = Path(site_dir)
    with sitetools.serve(site_dir) as base:
        for handout in HANDOUTS:
            html = html_path(site_dir, handout)
            url = base + "/" + html.relative_to(site_dir).as_posix()
            pdf = print_pdf(browser, url)
            # Beside the HTML (MkDocs keeps the bare link as written) and beside where the source page
            # sits (Zensical rewrites raw links relative to the .md file): the same place with file URLs.
            for folder in {html.parent, (site_dir / handout.page).parent}:
                (folder / handout.pdf).write_bytes(pdf)
            if page_count(pdf) != handout.pages:
                problems.append(f"{handout.page}: prints on {page_count(pdf)} A4 pages but its link says "
                                f"{handout.pages}; shorten the page, or change `pages` in HANDOUTS in medref/handouts.py")
    return problems


def add_to_zip(zip_path: Path, browser) -> list[str]:
    """Print the handouts from the offline copy's own pages and add the PDFs to its zip."""
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(zip_path) as archive:
        archive.extractall(tmp)
        (root,) = [p for p in Path(tmp).iterdir() if p.is_dir()]
        problems = print_handouts(root, browser)
        pdfs = [p for p in root.rglob("*.pdf")]
        with zipfile.ZipFile(zip_path, "a") as out:
            names = set(out.namelist())
            for pdf in pdfs:
                name = pdf.relative_to(Path(tmp)).as_posix()
                if name not in names:
                    out.write(pdf, name)
    return problems


def main(argv: list[str]) -> int:
    import argparse

    from playwright.sync_api import sync_playwright

    from tests import sitetools

    parser = argparse.ArgumentParser(prog="python -m medref.handouts")
    parser.add_argument("site", type=Path, help="a built site folder (site/)")
    parser.add_argument("--zip", type=Path, help="the offline zip to add the PDFs to")
    args = parser.parse_args(argv[1:])
    executable = sitetools.find_chromium()
    if not executable:
        print("No Chromium found: install 'chromium' or set CHROME_PATH", file=sys.stderr)
        return 1
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=sitetools.CHROMIUM_FLAGS)
        try:
            problems = print_handouts(args.site, browser)
            if args.zip:
                problems += add_to_zip(args.zip, browser)
        finally:
            browser.close()
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"printed {len(HANDOUTS)} handouts to PDF in {args.site}" + (f" and {args.zip}" if args.zip else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
