"""The search index loads when a reader turns to search, not with every page (issue 13).

Material fetches search/search_index.json (most of a page's transfer) on every page load;
docs/assets/javascripts/material-compat/on-demand.js (part 1) holds that request until the search box is used.
Material only: Zensical loads its own index its own way.
"""

from __future__ import annotations

import re

import pytest

INDEX = "/search/search_index.json"
# Material's search worker code; forgiving-search.js (the worker the page starts) loads it with the
# first message, i.e. when the reader turns to search.
WORKER_CODE = re.compile(r"/workers/search\.[0-9a-f]+\.min\.js")


def index_requests(browser, url: str, open_search: bool, wanted=lambda url: INDEX in url) -> list[str]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        page = context.new_page()
        seen: list[str] = []
        page.on("request", lambda request: seen.append(request.url) if wanted(request.url) else None)
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(500)
        if open_search:
            page.click("input.md-search__input")
            page.wait_for_timeout(1500)
        return seen
    finally:
        context.close()


def test_index_loads_only_when_search_is_used(browser, base_url, engine):
    if engine != "mkdocs":
        pytest.skip("Zensical loads its own search index")
    page = base_url + "/treatment/procedures/"
    on_load = index_requests(browser, page, open_search=False)
    assert not on_load, (f"{page} fetched {INDEX} on load ({on_load}); overrides/main.html must load "
                         "assets/javascripts/material-compat/on-demand.min.js before Material's bundle")
    on_search = index_requests(browser, page, open_search=True)
    assert on_search, f"{page}: opening search did not fetch {INDEX}; see material-compat/on-demand.js (release())"
    shared = index_requests(browser, base_url + "/?q=driving", open_search=False)
    assert shared, "a shared search link (?q=) must load the index at once"


def test_worker_code_loads_only_when_search_is_used(browser, base_url, engine):
    if engine != "mkdocs":
        pytest.skip("Zensical starts its own search worker")
    page = base_url + "/treatment/procedures/"
    wanted = WORKER_CODE.search
    on_load = index_requests(browser, page, open_search=False, wanted=wanted)
    assert not on_load, (f"{page} fetched Material's search worker code on load ({on_load}); "
                         "docs/assets/javascripts/material-compat/forgiving-search.js should load it with the first message")
    on_search = index_requests(browser, page, open_search=True, wanted=wanted)
    assert on_search, f"{page}: opening search did not load Material's worker code; see forgiving-search.js (load())"
