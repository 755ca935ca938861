"""A search index that fails to load says so and offers the main pages (issue 25).

Before, Material's box said "Initializing search" for ever and Zensical's search button opened
nothing. Now material-compat/on-demand.js watches the index request and the search worker, and
cite-copy.js (part 4) shows "Search could not load." with links to the pages most readers want;
under Zensical the same note opens under the header when the button is pressed.
"""

from __future__ import annotations

import re

from tests import sitetools

PAGE = "/treatment/risks/"
INDEX = re.compile(r"/search/search_index\.json|/search\.json")
HELP = "#medref-search-help"


def failed_search_help(browser, base_url: str, engine: str, break_index: bool = True) -> tuple[str, list[str]]:
    """Open search on a page whose index answers 404 and type a word; the note and its links."""
    # Material opens search from its header button on a phone; Zensical's button shows on wider screens.
    viewport = {"width": 390, "height": 844} if engine == "mkdocs" else {"width": 1280, "height": 800}
    context = browser.new_context(viewport=viewport, service_workers="block")
    try:
        page = context.new_page()
        if break_index:
            page.route(INDEX, lambda route: route.fulfill(status=404, body="not here"))
        page.goto(base_url + PAGE, wait_until="load")
        if engine == "mkdocs":
            page.click("label[for='__search']")
            page.keyboard.type("cement")
        else:
            page.click("button.md-search__button")
        try:
            page.wait_for_selector(HELP, state="visible", timeout=10000)
        except Exception:  # noqa: BLE001 (Playwright's timeout): no note shown
            return "", []
        note = page.locator(HELP).inner_text()
        if engine == "mkdocs":
            note = page.locator(".md-search-result__meta").inner_text() + " " + note
        links = page.locator(HELP + " a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
        return note, links
    finally:
        context.close()


def test_a_search_that_cannot_load_says_so(browser, base_url, engine):
    note, links = failed_search_help(browser, base_url, engine)
    assert "Search could not load" in note, (
        f"{engine}: with the search index answering 404, search showed no 'could not load' note "
        f"(docs/assets/javascripts/material-compat/on-demand.js and cite-copy.js part 4): {note!r}")
    assert "/urgent-help/" in links and "/treatment/risks/" in links and len(links) == 5, links


def test_a_search_that_loads_shows_no_failure_note(browser, base_url, engine):
    """The check can fail the other way too: with the index there, no note appears."""
    if engine == "zensical":
        note = failed_search_help(browser, base_url, engine, break_index=False)[0]
        assert note == "", note
    else:
        context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
        try:
            page = sitetools.open_page(context, base_url + PAGE)
            page.click("label[for='__search']")
            page.keyboard.type("cement")
            page.wait_for_selector(".md-search-result__item", timeout=15000)
            assert page.locator(HELP).count() == 0
            assert "could not load" not in page.locator(".md-search-result__meta").inner_text()
        finally:
            context.close()
