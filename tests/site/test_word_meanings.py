"""Meanings of medical words: tap a dotted word on a phone, or point at it on a computer, and its
meaning from the glossary shows in a box under it (docs/assets/javascripts/cite-copy.js, part 5).

The theme's own tooltips (`content.tooltips`) are off (issue 13: they built a component for every
title attribute on every page load); this box replaces them for the words readers need explained.
"""

from __future__ import annotations

import re

from tests import sitetools

PAGE = "/treatment/procedures/"
WORD = ".md-content abbr[title]"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
BOX = """() => {
  const box = document.getElementById("medref-meaning");
  if (!box || box.hidden) return null;
  const r = box.getBoundingClientRect();
  return {text: box.textContent, left: r.left, right: r.right, width: innerWidth,
          size: parseFloat(getComputedStyle(box).fontSize)};
}"""


def meaning_problems(browser, base_url: str, name: str, block: str | None = None) -> list[str]:
    """Tap a word on a phone and point at one on a computer; the problems seen, or []."""
    problems: list[str] = []
    for window, how in ((PHONE, "tap"), (DESKTOP, "hover")):
        context = browser.new_context(**window)
        try:
            page = context.new_page()
            if block:
                page.route(re.compile(block), lambda route: route.abort())
            page.goto(base_url + PAGE, wait_until="load")
            word = page.locator(WORD).first
            meaning = word.get_attribute("title")
            word.tap() if how == "tap" else word.hover()
            page.wait_for_timeout(300)
            box = page.evaluate(BOX)
            if box is None:
                problems.append(f"{name} {PAGE}: a {how} on '{word.inner_text()}' showed no meaning; "
                                "docs/assets/javascripts/cite-copy.js (part 5) did not run")
                continue
            if box["text"] != meaning:
                problems.append(f"{name}: the box said {box['text']!r}, the word's meaning is {meaning!r}")
            if box["left"] < 0 or box["right"] > box["width"]:
                problems.append(f"{name}: on a {how} the box runs off the screen ({box})")
            if box["size"] < 16:
                problems.append(f"{name}: the meaning is in {box['size']} px text; readers need 16 px or more")
            if how == "tap":  # a tap elsewhere closes it and gives the word its title back
                page.locator("h1").first.tap()
                page.wait_for_timeout(300)
                if page.evaluate(BOX) is not None:
                    problems.append(f"{name}: a tap elsewhere did not close the meaning box")
                if word.get_attribute("title") != meaning:
                    problems.append(f"{name}: the word lost its title after the box closed")
        finally:
            context.close()
    return problems


def test_tap_or_point_at_a_word_shows_its_meaning(browser, base_url, engine):
    problems = meaning_problems(browser, base_url, engine)
    assert not problems, "\n".join(problems)


def test_meaning_check_fails_without_the_script(browser, base_url, engine):
    problems = meaning_problems(browser, base_url, engine, block=r"cite-copy(\.min)?\.js")
    assert len(problems) == 2 and all("showed no meaning" in p for p in problems), problems


def test_theme_tooltips_stay_off(browser, base_url, engine):
    """Material's tooltips would take every title away at load, leaving the box nothing to show."""
    context = browser.new_context()
    try:
        page = sitetools.open_page(context, base_url + PAGE)
        features = page.evaluate("JSON.parse(document.getElementById('__config').textContent).features || []")
    finally:
        context.close()
    assert "content.tooltips" not in features, (
        f"{engine}: content.tooltips is back in mkdocs.yml theme.features; it removes the titles that "
        "cite-copy.js part 5 reads, and costs main-thread work on every page load (issue 13)")
