"""Printing the handouts with the standard library only: where each handout's built page is, a
local web server, the Chromium to print with, and the printing itself (Chromium's own
--print-to-pdf, which honours the print stylesheet's A4 @page rule). medref.takeaways runs it
before each build; the tests use the same server and finder (tests/sitetools.py), so medref never
imports from tests/.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from medref.render.handouts import HANDOUTS, Handout  # noqa: F401 (HANDOUTS: the printer reads it here)
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


PRINT_TIMEOUT = 120  # seconds for one page; a shared machine can be slow, a hung browser is not


def print_pdf(chromium: str, url: str) -> bytes:
    """The page at `url` printed as a reader choosing A4 would: print media, no header or footer."""
    with tempfile.TemporaryDirectory(prefix="medref-print-") as tmp:
        out = Path(tmp) / "page.pdf"
        cmd = [chromium, "--headless", *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile",
               "--no-pdf-header-footer", f"--print-to-pdf={out}", url]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=PRINT_TIMEOUT)
        if proc.returncode != 0 or not out.is_file():
            raise RuntimeError(f"{chromium} could not print {url} (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
        return out.read_bytes()


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def page_count(pdf: bytes) -> int:
    """A4 sides in a PDF Chromium wrote (its page objects are plain text, so a count is enough)."""
    return len(_PAGE_OBJECT.findall(pdf))
