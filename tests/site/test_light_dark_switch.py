"""The light/dark switch (docs/assets/javascripts/material-compat/on-demand.js, part 2, Material only).

The page follows the reader's own light/dark setting until they press the switch; pressing it
swaps the scheme and the choice survives going to another page. Material's palette component,
which this replaces, stored a choice on every first visit (so the page stopped following the
setting) and cost two or three full style recalculations per page load (issue 13).
test_accessibility.py checks that each scheme is shown when the reader's setting asks for it.
"""

from __future__ import annotations

import re

import pytest

PAGE = "/treatment/recovery/"
STATE = """() => ({
  scheme: document.body.getAttribute("data-md-color-scheme"),
  stored: Object.keys(localStorage).some(key => key.endsWith("__palette")),
  shown: [...document.querySelectorAll("form.md-header__option label")].filter(l => !l.hidden).length
})"""


def switch_problems(browser, base_url: str, block: str | None = None) -> list[str]:
    context = browser.new_context(color_scheme="dark", viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    problems: list[str] = []
    try:
        page = context.new_page()
        if block:
            page.route(re.compile(block), lambda route: route.abort())
        page.goto(base_url + PAGE, wait_until="load")
        page.wait_for_timeout(300)
        state = page.evaluate(STATE)
        if state != {"scheme": "slate", "stored": False, "shown": 1}:
            problems.append(f"on load with a dark setting: {state}; expected the dark scheme, one switch "
                            "button and no stored choice (material-compat/on-demand.js part 2 did not run?)")
        page.emulate_media(color_scheme="light")
        page.wait_for_timeout(300)
        if page.evaluate(STATE)["scheme"] != "default":
            problems.append("the reader's setting changed to light and the page stayed dark")
        page.locator("form.md-header__option label:not([hidden])").click()
        page.wait_for_timeout(300)
        state = page.evaluate(STATE)
        if state["scheme"] != "slate" or not state["stored"]:
            problems.append(f"pressing the switch gave {state}; expected the dark scheme, remembered")
        page.goto(base_url + "/", wait_until="load")
        if page.evaluate(STATE)["scheme"] != "slate":
            problems.append("the choice was not kept on the next page")
    finally:
        context.close()
    return problems


def test_switch_follows_the_setting_until_pressed(browser, base_url, engine):
    if engine != "mkdocs":
        pytest.skip("Zensical keeps its own palette component (its bundle differs from Material's)")
    problems = switch_problems(browser, base_url)
    assert not problems, "\n".join(problems)


def test_switch_check_fails_without_the_script(browser, base_url, engine):
    if engine != "mkdocs":
        pytest.skip("Material only, as above")
    problems = switch_problems(browser, base_url, block=r"material-compat/on-demand(\.min)?\.js")
    assert problems and "did not run" in problems[0], problems
