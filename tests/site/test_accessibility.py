"""axe-core on every page, in the light and in the dark scheme: WCAG 2.2 A/AA and best practice.

Collapsed blocks (clinician details) are opened first so their contents are checked too.
The light pass uses a desktop window and the dark pass a phone (where most readers are), so both
layouts are covered without a third pass; all four combinations passed when this was written.
Colour problems are fixed in docs/assets/stylesheets/site.css, not by turning rules off.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import sitetools

FIXTURES = Path(__file__).parent / "fixtures" / "accessibility"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Rules switched off everywhere, each with the reason (none: prefer THEME_EXCEPTIONS below).
DISABLED_RULES: dict[str, str] = {}
# Findings on the theme's own markup, by rule and the start of axe's selector, each with the reason.
# The rule stays on for everything else, so the same mistake in page content still fails.
# None since issue 13: the copied search.html (overrides/material-compat/partials/) names Material's search dialog, nav-item.html and
# toc.html give every navigation landmark its own name, cite-copy.js makes the table scroller focusable.
THEME_EXCEPTIONS: dict[tuple[str, str], str] = {}
# Material's scheme names for Playwright's color_scheme values (the palette follows the media query).
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
WINDOW = {"light": DESKTOP, "dark": PHONE}

_axe = Axe()


def _theme_exception(rule: str, node: dict) -> bool:
    selector = " ".join(map(str, node["target"]))
    return any(rule == r and selector.startswith(start) for r, start in THEME_EXCEPTIONS)


def axe_violations(page, path: str) -> list[str]:
    """Run axe on the loaded page; one line per violation with the rule, the first few elements and
    axe's own explanation (for contrast: the colours and the ratio)."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    options = {
        "runOnly": {"type": "tag", "values": TAGS},
        "rules": {rule: {"enabled": False} for rule in DISABLED_RULES},
        "resultTypes": ["violations"],
    }
    results = _axe.run(page, options=options).response
    lines = []
    for violation in results["violations"]:
        violation["nodes"] = [node for node in violation["nodes"] if not _theme_exception(violation["id"], node)]
        for node in violation["nodes"][:3]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{path} ({sitetools.source_hint(path)}): [{violation['id']}] {violation['help']} "
                         f"at {' '.join(map(str, node['target']))}: {summary[:300]}")
        if len(violation["nodes"]) > 3:
            lines.append(f"{path}: [{violation['id']}] and {len(violation['nodes']) - 3} more element(s)")
    return lines


def check_pages(browser, base_url: str, paths: list[str], scheme: str, css: str | None = None) -> list[str]:
    """Visit each path in one context with the scheme (and its window size) and collect axe's findings."""
    # bypass_csp: a self-test's added style would be refused by the page's Content-Security-Policy.
    context = browser.new_context(color_scheme=scheme, service_workers="block", bypass_csp=bool(css), **WINDOW[scheme])
    problems = []
    try:
        for path in paths:
            page = sitetools.open_page(context, base_url + path)
            if css:
                page.add_style_tag(content=css)
            shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            if shown != MATERIAL_SCHEME[scheme]:  # the palette must follow the reader's setting
                problems.append(f"{path}: asked for the {scheme} scheme but the page shows '{shown}'")
            problems += axe_violations(page, path)
    finally:
        context.close()
    return problems


@pytest.mark.parametrize("scheme", sitetools.SCHEMES)
def test_axe_every_page(browser, base_url, page_paths, engine, scheme):
    problems = check_pages(browser, base_url, page_paths + [sitetools.NOT_FOUND_PAGE], scheme)
    window = "phone" if WINDOW[scheme] is PHONE else "desktop"
    assert not problems, (f"{engine} build, {scheme} scheme, {window} window: {len(problems)} axe finding(s):\n"
                          + "\n".join(problems))


def test_checker_reports_low_contrast_colour(browser, base_url, engine):
    """A palette change that makes body links pale on white must fail on the colour-contrast rule."""
    css = (FIXTURES / "low-contrast.css").read_text(encoding="utf-8")
    problems = check_pages(browser, base_url, ["/"], "light", css=css)
    contrast = [line for line in problems if "[color-contrast]" in line]
    assert contrast, f"{engine}: the low-contrast fixture was not caught:\n" + "\n".join(problems)
    assert contrast[0].startswith("/ (docs/index.md): [color-contrast]")
    assert "contrast of" in contrast[0]  # axe's explanation carries the measured ratio
