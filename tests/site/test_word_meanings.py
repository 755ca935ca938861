"""Meanings of medical words: tap a dotted word on a phone, or point at it on a computer, and its
meaning from the glossary shows in a box under it (docs/assets/javascripts/cite-copy.js, part 5).

The theme's own tooltips (`content.tooltips`) are off (issue 13: they built a component for every
title attribute on every page load); this box replaces them for the words readers need explained.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from playwright.sync_api import Error as PlaywrightError

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
            # Without the script a tap follows the word's link to the glossary (term_links.py): the
            # page may still be changing, and the page it lands on has no box either.
            page.wait_for_load_state("load")
            try:
                box = page.evaluate(BOX)
            except PlaywrightError:
                box = None
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


# ---------------------------------------------------------------- without scripts, and by keyboard
# Each dotted word is also a link to its glossary entry (medref/render/term_links.py): with scripts
# the box shows and the reader stays; without them the tap reaches the entry (issue 25).

GLOSSARY = "/about/glossary/"


class _DottedWords(HTMLParser):
    """Dotted words (abbr with a title) in the page's content that are not inside a term link."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.unlinked: list[str] = []
        self._pending = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "abbr" and attrs.get("title"):
            in_link = any(t == "a" and "medref-term" in c.split() for t, c in self.stack)
            # The glossary's own list shows each meaning beside its word.
            in_glossary = any("medref-glossary" in c.split() for _, c in self.stack)
            in_title = any(t == "h1" for t, _ in self.stack)
            if not (in_link or in_glossary or in_title) and any("md-content" in c.split() for _, c in self.stack):
                self._pending = attrs["title"].split(":")[0]
        if tag not in self.VOID:
            self.stack.append((tag, attrs.get("class") or ""))

    def handle_data(self, data):
        if self._pending is not None:
            self.unlinked.append(f"{data.strip()} ({self._pending})")
            self._pending = None

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break


def unlinked_words(html: str) -> list[str]:
    parser = _DottedWords()
    parser.feed(html)
    return parser.unlinked


def test_every_dotted_word_links_to_its_meaning(site_dir, engine):
    """Without scripts a tap on a bare abbr shows nothing (the meaning is only in its title)."""
    problems = []
    for page in sitetools.html_pages(site_dir):
        words = unlinked_words(page.read_text(encoding="utf-8"))
        if words:
            path = sitetools.page_url(site_dir, page)
            problems.append(f"{path} ({sitetools.source_hint(path)}): {', '.join(sorted(set(words))[:8])}")
    assert not problems, (
        f"{engine}: dotted words that a tap cannot explain without scripts (not inside a link to the "
        "glossary; see medref/render/term_links.py, which leaves some places alone):\n" + "\n".join(problems))


def test_the_dotted_word_check_finds_a_bare_word():
    html = ('<div class="md-content"><p><a class="medref-term" href="g#t"><abbr title="Magnetic resonance '
            'imaging: a scan">MRI</abbr></a> and <abbr title="General practitioner: your doctor">GP</abbr></p></div>')
    assert unlinked_words(html) == ["GP (General practitioner)"]


def test_without_scripts_a_tapped_word_opens_its_meaning(browser, base_url, engine):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + PAGE, wait_until="load")
        word = page.locator(WORD).first
        title = word.get_attribute("title")
        term, _, meaning = title.partition(": ")
        word.tap()
        page.wait_for_url(re.compile(re.escape(GLOSSARY) + "#term-"), timeout=10000)
        entry_id = page.url.split("#", 1)[1]
        entry = page.locator(f"[id='{entry_id}']")
        shown = entry.inner_text() + " " + entry.locator("xpath=following-sibling::dd[1]").inner_text()
    finally:
        context.close()
    assert term in shown and meaning.rstrip(".…")[:40] in shown, (
        f"{engine}: without scripts a tap on {term!r} on {PAGE} led to #{entry_id}, which says {shown!r}")


def test_the_glossary_page_says_what_happens_without_scripts(site_dir):
    text = (sitetools.ROOT / "docs" / "about" / "glossary.md").read_text(encoding="utf-8")
    assert "not running the site's scripts" in text and "Tab" in text, (
        "docs/about/glossary.md must tell readers what a dotted word does with and without scripts")


def test_a_word_reached_with_tab_shows_its_meaning(browser, base_url, engine):
    context = browser.new_context(**DESKTOP)
    try:
        page = context.new_page()
        page.goto(base_url + PAGE, wait_until="load")
        link = page.locator("a.medref-term").first
        meaning = link.locator("abbr").get_attribute("title")
        link.focus()
        page.wait_for_timeout(200)
        box = page.evaluate(BOX)
        page.keyboard.press("Enter")  # keeps it, and does not leave the page
        page.wait_for_timeout(300)
        still = page.evaluate(BOX)
        url = page.url
    finally:
        context.close()
    assert box is not None and box["text"] == meaning, f"{engine}: focusing a dotted word showed {box}"
    assert still is not None and GLOSSARY not in url, f"{engine}: Enter on a dotted word left the page ({url})"
