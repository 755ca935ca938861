"""Every build is complete or honest about what readers take away (issue 25).

With Chromium (make test runs `python -m medref takeaways` first), each handout links its PDF, the
About page and the handout link the offline zip, and the files are in the build with the page
counts their links state. tests/site/test_links.py fails on any link to a file the build did not
produce; tests/unit/test_handouts.py covers the build without them (links left out, said once).
"""

from __future__ import annotations

import io
import re
import zipfile

from medref.render.handouts import HANDOUTS, OFFLINE_ZIP
from tests import sitetools

FIX = "run `make takeaways` (or `.venv/bin/python -m medref takeaways`) before building"
ZIP_PAGES = ("/about/", "/handouts/after-your-procedure/")


def links_in(site_dir, url_path: str) -> list[str]:
    page = site_dir / url_path.strip("/") / "index.html"
    return re.findall(r'href="?([^" >]+\.(?:pdf|zip))', page.read_text(encoding="utf-8"))


def test_the_build_carries_what_its_pages_offer(site_dir, engine):
    if not sitetools.find_chromium():
        return  # the honest build: no PDFs, no links (test_links and the unit tests check that)
    problems = []
    for handout in HANDOUTS:
        url = "/" + handout.page.removesuffix(".md") + "/"
        if not any(link.endswith(handout.pdf) for link in links_in(site_dir, url)):
            problems.append(f"{url} does not link {handout.pdf_rel}")
        if not (site_dir / handout.pdf_rel).is_file():
            problems.append(f"{handout.pdf_rel} is not in the {engine} build")
    for url in ZIP_PAGES:
        if not any(link.endswith(OFFLINE_ZIP) for link in links_in(site_dir, url)):
            problems.append(f"{url} does not link the offline copy ({OFFLINE_ZIP})")
    if not (site_dir / OFFLINE_ZIP).is_file():
        problems.append(f"{OFFLINE_ZIP} is not in the {engine} build")
    assert not problems, f"{engine}: Chromium is here, yet " + "; ".join(problems) + f". {FIX}."


def test_printed_handouts_have_the_sides_their_links_state(site_dir, engine):
    from pypdf import PdfReader

    problems = []
    for handout in HANDOUTS:
        pdf = site_dir / handout.pdf_rel
        if pdf.is_file():
            sides = len(PdfReader(io.BytesIO(pdf.read_bytes())).pages)
            if sides != handout.pages:
                problems.append(f"{handout.pdf_rel}: {sides} sides, its link says {handout.pages}")
    assert not problems, f"{engine}: " + "; ".join(problems) + f"; {FIX}"


def test_the_offline_zip_holds_the_site_and_the_handouts(site_dir, engine):
    archive = site_dir / OFFLINE_ZIP
    if not archive.is_file():
        return
    names = set(zipfile.ZipFile(archive).namelist())
    assert "vertebroplasty-kyphoplasty/index.html" in names
    assert "vertebroplasty-kyphoplasty/about/index.html" in names or "vertebroplasty-kyphoplasty/about.html" in names
    if sitetools.find_chromium():
        missing = [h.pdf_rel for h in HANDOUTS if f"vertebroplasty-kyphoplasty/{h.pdf_rel}" not in names]
        assert not missing, f"{engine}: the offline zip lacks {missing}; {FIX}"
