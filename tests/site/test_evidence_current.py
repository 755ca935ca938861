"""Issue 22, on the built site: every page says what changed at its last review, and the evidence
page says in plain words when we last searched for new evidence, linking the literature watch."""

from __future__ import annotations

import re

from medref.data import literature_watch
from tests import sitetools

CHANGED = re.compile(r'id="?what-changed"?')
NOTE = re.compile(r'class="?medref-changed-note"?[^>]*>Updated <time')


def test_every_page_shows_what_changed_at_its_last_review(site_dir):
    pages = sitetools.html_pages(site_dir)
    missing = [str(p.relative_to(site_dir)) for p in pages
               if not (CHANGED.search(p.read_text(encoding="utf-8")) and NOTE.search(p.read_text(encoding="utf-8")))]
    assert len(pages) > 20 and not missing, f"pages without 'What changed' and its note: {missing}"


def test_the_evidence_page_says_when_we_last_searched_and_links_the_watch(site_dir):
    html = (site_dir / "evidence" / "index.html").read_text(encoding="utf-8")
    assert "We last searched for new trials, reviews and guidance on" in html
    assert re.search(r'href="?literature-watch/?(?:index\.html)?"?', html), "no link to the literature watch"


def test_the_watch_page_lists_every_question(site_dir):
    html = (site_dir / "evidence" / "literature-watch" / "index.html").read_text(encoding="utf-8")
    questions = literature_watch.load_watch(sitetools.ROOT / "data")
    missing = [q.id for q in questions.values() if f"watch-{q.id}" not in html]
    assert not missing, f"questions not shown: {missing}"
