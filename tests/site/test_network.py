"""No page asks any host but the local server for anything (fonts, scripts, styles, images).

For a medical site this is privacy: a reader's visit must not be reported to a third party.
Observed in Chromium on every page; requests elsewhere are recorded and then blocked, so a
leaking page fails quickly instead of waiting on a network that may not be there.
"""

from __future__ import annotations

from pathlib import Path

from tests import sitetools

FIXTURES = Path(__file__).parent / "fixtures" / "network"


def external_requests(browser, base_url: str, paths: list[str]) -> list[str]:
    """One line per request that left the local server: the page that made it and the URL."""
    context = browser.new_context(service_workers="block")
    leaks: list[str] = []
    current = {"path": ""}

    def record(request):
        if not sitetools.is_same_origin(request.url, base_url):
            leaks.append(f"{current['path']} ({sitetools.source_hint(current['path'])}) requested "
                         f"{request.url} ({request.resource_type}); serve it from docs/assets/ instead")

    def block_elsewhere(route):
        if sitetools.is_same_origin(route.request.url, base_url):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", block_elsewhere)
    try:
        page = context.new_page()
        page.on("request", record)
        for path in paths:
            current["path"] = path
            # networkidle: also catch what scripts fetch after load (search index, lazy fonts)
            sitetools.open_page(context, base_url + path, settle="networkidle")
    finally:
        context.close()
    return leaks


def test_no_third_party_requests(browser, base_url, page_paths, engine):
    leaks = external_requests(browser, base_url, page_paths + [sitetools.NOT_FOUND_PAGE])
    assert not leaks, f"{engine} build: requests to other hosts:\n" + "\n".join(leaks)


def test_checker_reports_external_font_and_stylesheet(browser):
    """A page that links a web-font stylesheet and an @font-face on another host must fail."""
    with sitetools.serve(FIXTURES) as base_url:
        leaks = external_requests(browser, base_url, ["/"])
    assert any("fonts.googleapis.com/css2" in leak for leak in leaks), leaks
    assert any("fonts.gstatic.example/roboto.woff2" in leak for leak in leaks), leaks
    assert all(leak.startswith("/ (") and "serve it from docs/assets/" in leak for leak in leaks), leaks
