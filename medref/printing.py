"""Printing the handouts to A4 PDF with Chromium, the browser the tests use (`make handouts`, after
`make build`): each PDF is written beside its page's HTML and its page count checked against the link.
With an offline zip, the PDFs are also printed from the unzipped copy's pages and added to the zip.

The local web server and the Chromium finder live here, in the package, so the tests (tests/sitetools.py)
use the same ones and medref never imports from tests/.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import shutil
import tempfile
import threading
import zipfile
from pathlib import Path

from medref.handouts import HANDOUTS, Handout
from medref.pages import html_for


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep output readable
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a folder on 127.0.0.1 on a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]


def find_chromium() -> str | None:
    """CHROME_PATH if set, else the usual names on PATH (Debian's chromium, GitHub's Chrome)."""
    explicit = os.environ.get("CHROME_PATH")
    if explicit:
        return explicit
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_path(site_dir: Path, handout: Handout) -> Path:
    """The built HTML file of the handout's page, whichever URL style the build used."""
    found = html_for(handout.page, site_dir)
    if found is None:
        raise FileNotFoundError(f"{site_dir}: no built page for {handout.page}; run `make build` first")
    return found


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
    problems = []
    site_dir = Path(site_dir)
    with serve(site_dir) as base:
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
