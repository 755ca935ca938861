"""Find urgent-care advice on a built page that does not come from data/urgent-care.yml.

Advice to call 999, go to A&E, call NHS 111 or act "the same day" must be rendered by the
[[urgent-care]] directive (medref/data/urgent.py), inside `<div class="medref-urgent">`. This module reads
a built page and reports:

- hand-written advice: those words in any block of the page body outside the rendered blocks, the
  site-wide notice and the few non-advice uses in ALLOWED below;
- short forms that do not link to the full list, and a site notice that does not;
- a 999 list that leaves out a 999 sign it should show: any block that shows the 999 tier (the full
  list, the 999 short form, a situation's list, the clinician table) must show the 999 signs the data
  gives it, and always the few 999 signs every reader needs (sepsis, sudden breathlessness...).

Used by tests/site/test_urgent_care.py on both engines' builds.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Callable
from urllib.parse import urljoin, urlsplit

from medref.data.urgent import BLOCK_CLASS

ADVICE = re.compile(r"\b999\b|A&E|\bNHS 111\b|\b111\.nhs\.uk\b|\bcall 111\b|\bsame[- ]day\b", re.I)
# Uses of those words that are not advice. Each one is a fact about the service, not what to do.
ALLOWED = [
    # Going home after the procedure ("most people go home the same day or the next day").
    re.compile(r"\b(?:go|goes|going|went|gone|sent|discharged|home)\b[^.;]{0,30}?\bthe same day\b", re.I),
    # Trial counts such as "54/110 vs 64/111".
    re.compile(r"\b\d+/111\b"),
]
# Blocks that define words or list sources: definitions of 999, A&E and NHS 111 on the glossary
# page, reference lists (page numbers such as 999) and the literature watch's search records.
SKIP_CLASSES = {BLOCK_CLASS, "medref-glossary", "medref-sources", "medref-references",
                # the literature watch's record of what was searched for and found (search terms
                # such as "sepsis 999 signs"), not advice to the reader
                "medref-watch"}
# nav: the table of contents repeats the full list's tier headings ("Call 999 or go to A&E now: ...")
# as links to the rendered list; that is navigation, not advice written by hand.
SKIP_TAGS = {"head", "script", "style", "svg", "code", "pre", "template", "nav"}
# Inline elements join their parent's text (so "go home <em>the same day</em>" stays one sentence);
# every other element is a block whose own text is checked on its own.
INLINE = {"a", "span", "strong", "em", "b", "i", "abbr", "sup", "sub", "small", "mark", "u", "s", "q",
          "cite", "time", "label", "kbd", "dfn"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}
FULL_LIST_PATH = re.compile(r"/urgent-help/(?:index\.html)?$")  # a link resolved against the page URL


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []
        self.texts: list[str] = []           # text of each innermost block outside the skipped parts
        self.blocks: list[dict] = []         # rendered urgent blocks and the notice: kind, links, signs

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = {k: (v or "") for k, v in attrs}
        classes = set(a.get("class", "").split())
        urgent = a.get("data-urgent")
        frame = {"tag": tag, "text": [], "skip": tag in SKIP_TAGS or bool(classes & SKIP_CLASSES) or bool(urgent),
                 "block": None}
        if urgent:
            frame["block"] = {"kind": urgent, "links": [], "signs": set(), "tiers": set()}
            self.blocks.append(frame["block"])
        owner = next((f["block"] for f in reversed(self.stack) if f["block"]), frame["block"])
        if owner is not None:
            if tag == "a":
                owner["links"].append(a.get("href", ""))
            owner["signs"].update((a.get("data-sign", "") + " " + a.get("data-signs", "")).split())
            if a.get("data-tier"):  # a tier's box in a list, or its row in the clinician table
                owner["tiers"].add(a["data-tier"])
        self.stack.append(frame)

    def handle_endtag(self, tag):
        if not any(f["tag"] == tag for f in self.stack):
            return
        while self.stack:
            frame = self.stack.pop()
            if not frame["skip"]:
                if frame["tag"] in INLINE and self.stack:
                    self.stack[-1]["text"].append("".join(frame["text"]))
                else:
                    text = " ".join("".join(frame["text"]).split())
                    if text and not any(f["skip"] for f in self.stack):
                        self.texts.append(text)
            if frame["tag"] == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1]["text"].append(data)


def _parse(page_html: str) -> _Page:
    page = _Page()
    page.feed(page_html)
    page.close()
    return page


def handwritten_advice(page_html: str) -> list[str]:
    """Text blocks that give 999 / A&E / 111 / same-day advice outside the rendered blocks."""
    found = []
    for text in _parse(page_html).texts:
        rest = text
        for allowed in ALLOWED:
            rest = allowed.sub("", rest)
        if ADVICE.search(rest):
            found.append(text)
    return found


def links_to_full_list(href: str, page_url: str) -> bool:
    """True when `href`, followed from the page at `page_url` ("/treatment/risks/"), reaches the full list."""
    return bool(FULL_LIST_PATH.search(urlsplit(urljoin("http://site.invalid" + page_url, href)).path))


def block_problems(page_html: str, emergency_signs: set[str] | Callable[[str], set[str]], page_url: str = "/",
                   always: set[str] = frozenset(), emergency_tier: str = "999") -> list[str]:
    """Short forms or a notice without a link to the full list; 999 lists missing a 999 sign.

    `emergency_signs`: the 999 sign ids a block must show, as a set (every block showing the 999
    tier) or a function of the block's kind ("full", "999", "after-procedure", "table cancer"...).
    `always`: 999 signs every block that shows the 999 tier must show, whoever it is for."""
    problems = []
    for block in _parse(page_html).blocks:
        kind = block["kind"]
        links_full = any(links_to_full_list(href, page_url) for href in block["links"])
        if kind != "full" and not links_full:
            what = "the site notice" if kind == "notice" else f"the [[urgent-care:{kind}]] block"
            problems.append(f"{what} does not link to the full list (urgent-help/)")
        if kind in ("full", emergency_tier) or emergency_tier in block["tiers"]:
            expected = emergency_signs(kind) if callable(emergency_signs) else emergency_signs
            missing = (set(expected) | set(always)) - block["signs"]
            if missing:
                problems.append(f"the [[urgent-care{'' if kind == 'full' else ':' + kind}]] block shows the "
                                f"{emergency_tier} tier but leaves out {emergency_tier} sign(s): "
                                f"{', '.join(sorted(missing))}")
    return problems


def lists_showing(page_html: str, tier: str) -> list[set[str]]:
    """The signs of each rendered block on the page that shows `tier` (its box or table row)."""
    return [set(block["signs"]) for block in _parse(page_html).blocks if tier in block["tiers"]]
