"""Shared machinery for `[[name]]` / `[[name:arg]]` directive lines and for build errors.

A directive stands on its own line and is replaced by generated content. Directives are found by a
block processor, so they work inside admonitions, details and list items but never inside code
(fenced code is stashed before block parsing; indented code is claimed by the code processor first).
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as etree

from markdown.blockprocessors import BlockProcessor


class MedrefBuildError(ValueError):
    """A problem in a page or in data/ that must stop the build; the message says what to do."""


def page_name(page) -> str:
    """The page being converted (a PageInfo or None), relative to docs/, e.g. treatment/risks.md."""
    return page.rel if page is not None else "<text not from a docs page, e.g. an included snippet>"


def line_of(page, needle: str, start: int = 1) -> int | None:
    """1-based line number of the first line (from `start`) of the page file containing `needle`."""
    if page is None:
        return None
    try:
        lines = Path(page.path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for number, line in enumerate(lines[start - 1:], start=start):
        if needle in line:
            return number
    return None


def where(page, needle: str) -> str:
    """'file, line N' for the first line of the page (a PageInfo or None) containing needle."""
    line = line_of(page, needle)
    return f"{page_name(page)}, line {line}" if line else page_name(page)


def stash(md, html: str) -> str:
    """Store raw HTML; the returned placeholder is swapped back in after serialisation."""
    return md.htmlStash.store(html)


class DirectiveProcessor(BlockProcessor):
    """Replace a `[[name]]` or `[[name:arg]]` line (name in NAMES) with generated content.

    Subclasses set NAMES and implement render(parent, name, arg, line_text). Each gets the extension
    (`self.ext`): the page being converted (`self.ext.page`) and the build's data set (`self.ext.data`)
    live there.
    """

    NAMES: tuple[str, ...] = ()

    def __init__(self, ext):
        super().__init__(ext.md.parser)
        self.ext = ext
        self.md = ext.md
        names = "|".join(re.escape(n) for n in self.NAMES)
        self.line_re = re.compile(rf"^ {{0,3}}\[\[({names})(?::([^\]]*))?\]\]\s*$")

    def _find(self, block: str):
        if "[[" not in block:  # nearly every block: each is tested once per directive processor
            return None
        for index, line in enumerate(block.split("\n")):
            match = self.line_re.match(line)
            if match:
                return index, match
        return None

    def test(self, parent, block):
        return self._find(block) is not None

    def run(self, parent, blocks):
        block = blocks.pop(0)
        index, match = self._find(block)
        lines = block.split("\n")
        before, after = lines[:index], lines[index + 1:]
        if before:
            self.parser.parseBlocks(parent, ["\n".join(before)])
        self.render(parent, match.group(1), (match.group(2) or "").strip(), match.group(0).strip())
        if after:
            blocks.insert(0, "\n".join(after))

    def render(self, parent: etree.Element, name: str, arg: str, line_text: str) -> None:
        raise NotImplementedError
