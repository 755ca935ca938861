"""Directives cannot vanish: what the directive and citation processors did not replace fails the build.

A mistyped directive (`[[risk-tabel]]`, `[[urgent-kare]]`), an unclosed one (`[[risk-table`) or a
directive where none works (inside a sentence or a table cell) used to be published as literal text,
so a "call 999" block could silently go missing from a patient page. A citation look-alike with
spaces inside its brackets (`[ @dohm2014 ]`) was published as text with no source listed.

This treeprocessor runs just after Python-Markdown's inline processor (20): every directive has been
replaced by then and every real citation is a placeholder element, so any `[[` or `[ @key` still in
the page's text is a mistake. Code (inline or fenced) is left alone: its text is an AtomicString, and
an escaped `\\[[` is a placeholder, not two brackets.

The known directive names are collected from the processors registered on the Markdown instance
(each declares NAMES), so a new directive is known here the moment it is registered.
"""

from __future__ import annotations

import difflib
import re

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from medref.render.directives import MedrefBuildError, where

OPEN_RE = re.compile(r"\[\[\s*([A-Za-z0-9_-]*)([^\]\n]*)(\]\])?")
LOOKALIKE_RE = re.compile(r"\[\s+@[^\]\n]*\]")  # [@key ] is a citation; [ @key ] is not
SKIP = ("code", "pre", "script", "style")


def known_directives(md) -> list[str]:
    """Every directive name the processors registered on `md` declare (block and inline ones)."""
    names: set[str] = set()
    for registry in (md.preprocessors, md.parser.blockprocessors, md.inlinePatterns, md.treeprocessors):
        for processor in registry:
            names.update(getattr(processor, "NAMES", ()) or ())
    return sorted(names)


def _texts(element, inside_skip: bool = False):
    """The element's own text and its children's tails, in order, outside code and raw HTML."""
    skip = inside_skip or element.tag in SKIP
    if not skip and isinstance(element.text, str) and not isinstance(element.text, AtomicString):
        yield element.text
    for child in element:
        yield from _texts(child, skip)
        if not skip and isinstance(child.tail, str) and not isinstance(child.tail, AtomicString):
            yield child.tail


def problem(page, fragment: str, name: str, closed: bool, known: list[str]) -> str:
    place = where(page, fragment)
    listing = f"known directives: {', '.join(known)}" if known else "no directives are registered"
    if not closed:
        return (f"{place}: '{fragment}' is not closed; write it as [[{name or 'name'}]] or "
                f"[[{name or 'name'}:argument]] on a line of its own ({listing})")
    if name not in known:
        guess = difflib.get_close_matches(name, known, n=1)
        hint = f" (did you mean [[{guess[0]}]]?)" if guess else ""
        return f"{place}: '{fragment}' is not a directive medref knows{hint}; {listing}"
    return (f"{place}: '{fragment}' was not replaced: a directive works only on a line of its own, "
            f"not inside a sentence, a heading or a table cell ({listing})")


class DirectiveLeftovers(Treeprocessor):
    """Fails the page on any `[[...` or citation look-alike left in its text."""

    def __init__(self, ext):
        super().__init__(ext.md)
        self.ext = ext

    def run(self, root):
        known = known_directives(self.md)
        problems: list[str] = []
        for text in _texts(root):
            if "[" not in text:
                continue
            for match in OPEN_RE.finditer(text):
                closed = match.group(3) is not None
                fragment = match.group(0) if closed else match.group(0)[:40].rstrip()
                problems.append(problem(self.ext.page, fragment, match.group(1), closed, known))
            for match in LOOKALIKE_RE.finditer(text):
                problems.append(f"{where(self.ext.page, match.group(0))}: '{match.group(0)}' looks like a citation "
                                "but has spaces inside its brackets; write [@key] (AUTHORING.md, 'Markdown you "
                                "can use')")
        if problems:
            raise MedrefBuildError("\n".join(dict.fromkeys(problems)))
        return None

