"""A page that cites a company-funded work names the company next to it (issue 22).

The editorial policy promises that when we cite a study a company paid for, we say so next to it,
not only in the Sources list at the foot of the page. A work's `company` (data/references.yml) names
who paid; this treeprocessor stops the build when a page cites such a work and no citation of it
sits in a block (paragraph, list item, table row, definition, caption) that names the company: a
sentence such as "Medtronic paid for this trial [@dohm2014]", or a trial table row whose Funding
cell names it. One such place on the page is enough: the reader meets the funder with the study.
It runs before the citation numbers (medref.render.citations), so the Sources list, which always
carries the funding line, is not there yet and cannot satisfy it.
"""

from __future__ import annotations

import html
import re

from markdown.treeprocessors import Treeprocessor

from medref.render.citations import KEY_ATTR
from medref.render.directives import MedrefBuildError, page_name
from medref.render.furniture import rendered_html

TAG = re.compile(r"<[^>]+>")


def visible_text(page_html: str) -> str:
    """The page's words: tags dropped, entities decoded, attributes (such as tooltips) not counted."""
    return html.unescape(TAG.sub(" ", page_html))


BLOCKS = ("p", "li", "tr", "dd", "dt", "figcaption", "caption")


def names_any(text: str, names: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(n)}\b", text) for n in names)


def undisclosed(blocks: dict[str, list[str]], refs: dict) -> list[tuple[str, tuple[str, ...]]]:
    """(key, company names) for each cited work none of whose citing blocks names its company.
    `blocks` maps each cited key to the text of every block that cites it."""
    missing = []
    for key, texts in blocks.items():
        ref = refs.get(key)
        names = getattr(ref, "company", ()) if ref is not None else ()
        if names and not any(names_any(text, names) for text in texts):
            missing.append((key, names))
    return missing


def message(page: str, missing: list[tuple[str, tuple[str, ...]]]) -> str:
    works = "; ".join(f"{key} (paid for by {' / '.join(names)})" for key, names in missing)
    return (f"{page}: cites work paid for by a company without naming the company next to it: {works}. "
            "In the same paragraph, list item or table row as one of its citations, say who paid, for "
            "example 'Medtronic, which makes kyphoplasty kits, paid for this trial [@dohm2014]'; the "
            "Sources list alone is not enough (editorial policy, 'Conflicts of interest')")


class FundingDisclosure(Treeprocessor):
    def __init__(self, ext):
        super().__init__(ext.md)
        self.ext = ext

    def run(self, root):
        sups = [sup for sup in root.iter("sup") if KEY_ATTR in sup.attrib]
        if not sups:
            return None
        refs = self.ext.data.references
        funded = {k for sup in sups for k in sup.attrib[KEY_ATTR].split() if getattr(refs.get(k), "company", ())}
        if not funded:
            return None
        parents = {child: parent for parent in root.iter() for child in parent}
        blocks: dict[str, list[str]] = {key: [] for key in funded}
        for sup in sups:
            keys = [k for k in sup.attrib[KEY_ATTR].split() if k in funded]
            for block in enclosing_blocks(sup, parents, root) if keys else ():
                text = visible_text(rendered_html(self.md, block))
                for key in keys:
                    blocks[key].append(text)
        missing = undisclosed(blocks, refs)
        if missing:
            raise MedrefBuildError(message(page_name(self.ext.page), missing))
        return None


def enclosing_blocks(element, parents: dict, root) -> list:
    """Every paragraph, list item, table row, definition or caption around `element`, nearest first
    (a paragraph in a list item: the funding may be the item's next line); [root] when none is."""
    found = []
    node = parents.get(element)
    while node is not None and node is not root:
        if node.tag in BLOCKS:
            found.append(node)
        node = parents.get(node)
    return found or [root]
