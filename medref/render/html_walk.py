"""One walker over built HTML for the checks that read a page's prose: the reading level
(medref.render.reading_level) and sourced numbers (medref.checks.number_check).

It keeps a stack of open elements, tolerates unclosed <p> and <li> (an end tag closes everything
opened after its match), and marks an element skipped when its tag or one of its classes says it
holds no prose. Each check says what else it skips and what it does with text and closed elements.
"""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

VOID_TAGS = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "area", "col", "embed"}
# Never prose, for any check: code, scripts, drawings and the site's own navigation and chrome.
NOT_PROSE_TAGS = {"script", "style", "svg", "code", "pre", "nav", "header", "footer"}
# Page furniture and source lists: dates, counts and references, not claims.
FURNITURE_CLASSES = {"medref-sources", "medref-review", "md-nav", "headerlink", "md-source-file"}


@dataclasses.dataclass
class Element:
    tag: str
    classes: set[str]
    skip: bool                                   # this element itself holds no prose
    text: list[str] = dataclasses.field(default_factory=list)
    cited: bool = False                          # for the number check: a citation inside


class HtmlWalker(HTMLParser):
    """Subclasses set SKIP_TAGS / SKIP_CLASSES and override opened(), closed() and text()."""

    SKIP_TAGS: set[str] = NOT_PROSE_TAGS
    SKIP_CLASSES: set[str] = FURNITURE_CLASSES

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[Element] = []

    def skipping(self) -> bool:
        """Inside an element that holds no prose."""
        return any(element.skip for element in self.stack)

    def skips(self, tag: str, attrs: dict, classes: set[str]) -> bool:
        return tag in self.SKIP_TAGS or bool(classes & self.SKIP_CLASSES)

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        element = Element(tag, classes, self.skips(tag, attrs, classes))
        self.opened(element, attrs)
        self.stack.append(element)

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                element = self.stack[i]
                del self.stack[i:]
                self.closed(element, skipped=element.skip or self.skipping())
                return

    def handle_data(self, data):
        self.text(data)

    # Hooks --------------------------------------------------------------------------------------
    def opened(self, element: Element, attrs: dict) -> None:
        pass

    def closed(self, element: Element, skipped: bool) -> None:
        pass

    def text(self, data: str) -> None:
        pass
