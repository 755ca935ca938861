"""Dotted words that work without scripts: each short form Python-Markdown's abbr extension marks
(from includes/abbreviations.md, made from data/glossary.yml) becomes a link to its entry on the
Glossary page.

With scripts, docs/assets/javascripts/cite-copy.js (part 5) shows the meaning in a box on a tap,
a point or keyboard focus and keeps the reader on the page; without them the tap follows the link
to the meaning. Only the first use of each word on a page is a Tab stop: the rest are
`tabindex="-1"`, so a keyboard user is not walked through the same word twenty times (the first
already gives them its meaning) while a tap on any of them still reaches it.

Left alone: words in the page title, in links, code, folded-block summaries (a tap there opens
the block) and the Sources lists, and every word on the Glossary page's own list of terms, where
the meaning is already beside it. Section headings keep their links: the contents list takes only
their text.
"""

from __future__ import annotations

from xml.etree import ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from medref.render.furniture import source_href

GLOSSARY_PAGE = "about/glossary.md"
SKIP_TAGS = {"a", "h1", "dt", "code", "pre", "summary", "abbr"}
SKIP_CLASSES = ("medref-sources", "medref-references", "medref-glossary", "medref-cite")


def _skipped(el) -> bool:
    if el.tag in SKIP_TAGS:
        return True
    classes = (el.get("class") or "").split()
    return any(c.startswith(SKIP_CLASSES) for c in classes)


class TermLinks(Treeprocessor):
    """Wrap each `<abbr>` whose text is a glossary short form in a link to its glossary entry."""

    def __init__(self, ext):
        super().__init__(ext.md)
        self.ext = ext

    def run(self, root):
        page = self.ext.page
        if page is None or next(root.iter("abbr"), None) is None:  # most snippets: no dotted word
            return None
        slugs = {t.abbr: t.slug for t in self.ext.data.glossary if t.abbr}
        href = source_href(page.rel, GLOSSARY_PAGE) if page.rel != GLOSSARY_PAGE else ""
        linked: set[str] = set()
        self._walk(root, slugs, href, linked)
        return None

    def _walk(self, parent, slugs, href, linked):
        for index, child in enumerate(list(parent)):
            if child.tag == "abbr" and (child.text or "") in slugs:
                self._wrap(parent, index, child, slugs[child.text], href, linked)
            elif not _skipped(child):
                self._walk(child, slugs, href, linked)

    @staticmethod
    def _wrap(parent, index, abbr, slug, href, linked):
        link = etree.Element("a", {"class": "medref-term", "href": f"{href}#term-{slug}"})
        if slug in linked:
            link.set("tabindex", "-1")
        linked.add(slug)
        # The abbr moves inside the link, and its tail (the text after it) stays after the link.
        link.tail, abbr.tail = abbr.tail, None
        parent.remove(abbr)
        link.append(abbr)
        parent.insert(index, link)
