"""medref.printing: the built page of each handout in either URL style, the local server, Chromium."""

from __future__ import annotations

import urllib.request

import pytest

from medref import printing
from medref.render.handouts import Handout


def test_html_path_finds_either_url_style_and_says_when_missing(tmp_path):
    handout = Handout("handouts/leaflet.md", "leaflet.pdf", 1)
    with pytest.raises(FileNotFoundError, match="no built page for handouts/leaflet.md; run `make build`"):
        printing.html_path(tmp_path, handout)
    (tmp_path / "handouts").mkdir()
    (tmp_path / "handouts" / "leaflet.html").write_text("", encoding="utf-8")
    assert printing.html_path(tmp_path, handout) == tmp_path / "handouts" / "leaflet.html"


def test_serve_serves_the_folder_on_loopback(tmp_path):
    (tmp_path / "index.html").write_text("hello", encoding="utf-8")
    with printing.serve(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:")
        assert urllib.request.urlopen(base + "/index.html").read() == b"hello"


def test_chrome_path_wins(monkeypatch):
    monkeypatch.setenv("CHROME_PATH", "/opt/chrome")
    assert printing.find_chromium() == "/opt/chrome"


def test_page_count_reads_chromiums_page_objects():
    pdf = b"%PDF-1.4 << /Type /Pages /Count 2 /Kids [3 0 R 4 0 R] >> << /Type /Page >> <</Type/Page/Parent 2 0 R>>"
    assert printing.page_count(pdf) == 2
