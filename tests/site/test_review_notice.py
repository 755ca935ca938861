"""An overdue page is never served without a notice: a page built before its "Next review due" date is
still on the static site afterwards, so cite-copy.js (part 6) puts the "Review overdue" notice at the top
of the page once that date has passed, in the reader's own clock. (A page the build publishes while
overdue, with a logged extension, carries the notice in its HTML: tests/site/test_build_refuses.py.)"""

from __future__ import annotations

import datetime as dt
import re

from tests import sitetools

PAGE = "/treatment/risks/"
NOTICE = ".medref-overdue"


def next_review(site_dir) -> dt.date:
    html = (site_dir / "treatment" / "risks" / "index.html").read_text(encoding="utf-8")
    return dt.date.fromisoformat(re.search(r'class="?medref-next-review"?\s+datetime="?([\d-]+)', html).group(1))


def notice_on(browser, url: str, day: dt.date, block: str | None = None) -> str | None:
    """The notice's text on the page as seen on `day` (None when there is none)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        if block:
            page.route(re.compile(block), lambda route: route.abort())
        page.clock.set_fixed_time(dt.datetime.combine(day, dt.time(12)))
        page.goto(url, wait_until="load")
        page.wait_for_timeout(300)
        notice = page.locator(NOTICE)
        if not notice.count():
            return None
        first_in_article = page.evaluate(
            "() => { const n = document.querySelector('.medref-overdue'); const h = document.querySelector('article h1');"
            " return !!h && h.nextElementSibling === n; }")
        return notice.first.inner_text() + ("" if first_in_article else " [not under the page heading]")
    finally:
        context.close()


def test_notice_appears_once_the_review_date_has_passed(browser, base_url, site_dir, engine):
    due = next_review(site_dir)
    assert notice_on(browser, base_url + PAGE, due) is None, f"{engine}: a notice on the due date itself"
    text = notice_on(browser, base_url + PAGE, due + dt.timedelta(days=1))
    assert text is not None, f"{engine} {PAGE}: no 'Review overdue' notice the day after {due}"
    assert "Review overdue" in text and f"{due.day} {due:%B %Y}" in text and "[not under" not in text, text


def test_notice_check_fails_without_the_script(browser, base_url, site_dir, engine):
    due = next_review(site_dir)
    assert notice_on(browser, base_url + PAGE, due + dt.timedelta(days=1), block=r"cite-copy(\.min)?\.js") is None


def test_no_built_page_is_overdue_today(site_dir):
    """The build refuses overdue pages unless extended; a build made today shows no built-in notice."""
    built = [p for p in sitetools.html_pages(site_dir) if "medref-overdue" in p.read_text(encoding="utf-8")]
    assert not built or all("review_extended_to" in (sitetools.ROOT / sitetools.source_hint(
        sitetools.page_url(site_dir, p))).read_text(encoding="utf-8") for p in built), built
