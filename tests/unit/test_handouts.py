"""medref.render.handouts: the handout pages and `[[pdf-download]]`, which only they may use."""

from __future__ import annotations

import logging

import pytest

from medref.render.directives import MedrefBuildError
from medref.render import handouts
from medref.render.handouts import HANDOUTS, handout_for
from tests import sitetools
from tests.unit.fixtures.evidence import render


def test_every_handout_is_a_page():
    for handout in HANDOUTS:
        assert (sitetools.ROOT / "docs" / handout.page).is_file(), handout.page
        assert handout_for(handout.page) is handout
    assert handout_for("treatment/risks.md") is None


def docs_with(tmp_path, *files: str):
    """The docs folder render() writes pages into, with these generated files present."""
    for rel in files:
        (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / rel).write_bytes(b"x" * 150_000)


def test_link_says_the_size_on_a_handout_page(tmp_path):
    handout = HANDOUTS[0]
    docs_with(tmp_path, handout.pdf_rel)
    _, html = render(tmp_path, "[[pdf-download]]\n", rel=handout.page)
    sides = "1 page" if handout.pages == 1 else f"{handout.pages} pages"
    # A Markdown-relative link: each engine rewrites it for its URL style, and MkDocs checks it.
    assert f'<a href="../pdf/{handout.pdf}" type="application/pdf">Download as PDF (A4, {sides})</a>' in html


def test_no_pdf_no_link_and_the_build_says_so_once(tmp_path, caplog, monkeypatch):
    """A build without the printed PDF (no Chromium, or a fresh clone's plain `mkdocs build`)
    leaves the link out instead of shipping a 404, and says so once, not once per page."""
    monkeypatch.setattr(handouts, "_told", set())
    with caplog.at_level(logging.INFO, logger="mkdocs.medref"):
        _, first = render(tmp_path, "[[pdf-download]]\n", rel=HANDOUTS[0].page)
        _, second = render(tmp_path, "[[pdf-download]]\n", rel=HANDOUTS[2].page)
        _, about = render(tmp_path, "[[offline-copy]]\n", rel="about/index.md")
    assert "Download as PDF" not in first + second and ".zip" not in about
    assert "does not include the zip file" in about
    told = [r for r in caplog.records if "leaves out the links" in r.getMessage()]
    assert len(told) == 1 and told[0].levelno == logging.INFO  # INFO: `--strict` does not fail on it


def test_offline_copy_links_the_zip_with_its_size(tmp_path):
    docs_with(tmp_path, handouts.OFFLINE_ZIP)
    _, about = render(tmp_path, "[[offline-copy]]\n", rel="about/index.md")
    _, handout = render(tmp_path, "[[offline-copy:link-only]]\n", rel=HANDOUTS[0].page)
    assert f'href="../{handouts.OFFLINE_ZIP}"' in about and "(a zip file, 0.1 MB)" in about
    assert f'href="../{handouts.OFFLINE_ZIP}"' in handout


def test_offline_copy_link_only_says_nothing_without_the_zip(tmp_path):
    _, html = render(tmp_path, "[[offline-copy:link-only]]\n", rel=HANDOUTS[0].page)
    assert "medref-offline-copy" not in html


def test_link_on_another_page_fails_naming_it(tmp_path):
    with pytest.raises(MedrefBuildError, match=r"treatment/page.md, line 1: \[\[pdf-download\]\] is only for"):
        render(tmp_path, "[[pdf-download]]\n")
