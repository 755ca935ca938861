"""What printing the handouts needs from the site, with the standard library only: where each
handout's built page is, a local web server, and the Chromium to print with.

The printing itself (Playwright and pypdf, test tools the site's build never installs) is
scripts/print_handouts.py, run by `make handouts` after `make build`. The tests run that script too,
and use this server and finder (tests/sitetools.py), so medref never imports from tests/.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
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
