"""medref.render.handouts: the handout pages and `[[pdf-download]]`, which only they may use."""

from __future__ import annotations

import pytest

from medref.render.directives import MedrefBuildError
from medref.render.handouts import HANDOUTS, handout_for
from tests import sitetools
from tests.unit.fixtures.evidence import render


def test_every_handout_is_a_page():
    for handout in HANDOUTS:
        assert (sitetools.ROOT / "docs" / handout.page).is_file(), handout.page
        assert handout_for(handout.page) is handout
    assert handout_for("treatment/risks.md") is None


def test_link_says_the_size_on_a_handout_page(tmp_path):
    handout = HANDOUTS[0]
    _, html = render(tmp_path, "[[pdf-download]]\n", rel=handout.page)
    sides = "1 page" if handout.pages == 1 else f"{handout.pages} pages"
    assert f'<a href="{handout.pdf}" download type="application/pdf">Download as PDF (A4, {sides})</a>' in html


def test_link_on_another_page_fails_naming_it(tmp_path):
    with pytest.raises(MedrefBuildError, match=r"treatment/page.md, line 1: \[\[pdf-download\]\] is only for"):
        render(tmp_path, "[[pdf-download]]\n")
