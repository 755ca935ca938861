"""Print the handouts to A4 PDF with Chromium, the browser the tests use: `make handouts`, after
`make build`. Each PDF is written beside its page's HTML and its page count checked against the
page count its "Download as PDF" link states (HANDOUTS in medref/render/handouts.py). With --zip, the PDFs
are also printed from the offline copy's own pages and added to that zip.

    python scripts/print_handouts.py SITE_DIR [--zip OFFLINE_ZIP]

A script, not part of the medref package: it needs Playwright and pypdf, which only the test tools
(requirements-test.txt) install, and the site's build must not import them. tests/conftest.py runs
this same script before the site checks, so the PDF links are checked like any other.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import zipfile
from pathlib import Path

from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from medref import printing


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
    return len(PdfReader(io.BytesIO(pdf)).pages)


def print_handouts(site_dir: Path, browser) -> list[str]:
    """Write every handout's PDF beside its page; returns problems (page count not as the link says)."""
    problems = []
    site_dir = Path(site_dir)
    with printing.serve(site_dir) as base:
        for handout in printing.HANDOUTS:
            html = printing.html_path(site_dir, handout)
            url = base + "/" + html.relative_to(site_dir).as_posix()
            pdf = print_pdf(browser, url)
            # Beside the HTML (MkDocs keeps the bare link as written) and beside where the source page
            # sits (Zensical rewrites raw links relative to the .md file): the same place with file URLs.
            for folder in {html.parent, (site_dir / handout.page).parent}:
                (folder / handout.pdf).write_bytes(pdf)
            if page_count(pdf) != handout.pages:
                problems.append(f"{handout.page}: prints on {page_count(pdf)} A4 pages but its link says "
                                f"{handout.pages}; shorten the page, or change `pages` in HANDOUTS in medref/render/handouts.py")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/print_handouts.py", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder (site/)")
    parser.add_argument("--zip", type=Path, help="the offline zip to add the PDFs to")
    args = parser.parse_args(argv)
    executable = printing.find_chromium()
    if not executable:
        print("No Chromium found: install 'chromium' or set CHROME_PATH", file=sys.stderr)
        return 1
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=printing.CHROMIUM_FLAGS)
        try:
            problems = print_handouts(args.site, browser)
            if args.zip:
                problems += add_to_zip(args.zip, browser)
        finally:
            browser.close()
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"printed {len(printing.HANDOUTS)} handouts to PDF in {args.site}" + (f" and {args.zip}" if args.zip else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
