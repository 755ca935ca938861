"""Directives: `[[name]]` and `[[name:argument]]`, each declared once, as one class, in one registry.

Modelled on pymdown-extensions' blocks (pymdownx/blocks: a base class with typed options and
validators, a manager that refuses a name twice, one processor that dispatches by name):

- a **Directive** class declares its NAMES, its ARGUMENT (an Argument: how the text after ':' is
  read and checked against the data set, with generated "use one of" messages), what it renders and
  the citation keys it emits (`cites`), and DOCS, the lines AUTHORING.md's directive list shows;
- the **Registry** holds the classes by name and refuses a name twice; medref/render/registry.py
  registers every directive, one line each;
- **DirectiveBlocks** is the one block processor: it finds a directive line of any registered block
  directive and hands it to its class; **InlineDirectives** is the one preprocessor for directives
  used inside a line (`[[trial-fact:T.F]]`), replaced by Markdown before any parsing.

The extension, the citation scan (medref.cited: which keys a page cites, for the uncited check and
the reference export) and `python -m medref directives` (AUTHORING.md's list) all read the registry,
so a directive registered once is rendered, cited, exported and documented.

A block directive stands on its own line. It is found by a block processor, so it works inside
admonitions, details and list items but never inside code (fenced code is stashed before block
parsing; indented code is claimed by the code processor first).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable
from xml.etree import ElementTree as etree

from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor


class MedrefBuildError(ValueError):
    """A problem in a page or in data/ that must stop the build; the message says what to do."""


class DirectiveError(Exception):
    """A directive used wrongly: the message says what to write instead. The processor that met it
    adds the page and line, so the build stops with 'page.md, line N: ...; use one of ...'."""


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


# ---- arguments: the text after ':' ------------------------------------------------------------------

def use_one_of(what: str, value: str, name: str, choices: Iterable[str], *, without: str = "",
               source: str = "") -> DirectiveError:
    """The one wording of a wrong choice: "unknown filter 'x' in [[risk-table:x]]; use one of: a, b,
    or [[risk-table]] for every figure", and, for choices read from a data file, "; or add it to
    data/risks.yml"."""
    text = f"unknown {what} '{value}' in [[{name}:{value}]]; use one of: {', '.join(choices)}"
    if without:
        text += f", or [[{name}]] {without}"
    return DirectiveError(text + (f"; or add it to {source}" if source else ""))


class Argument:
    """How a directive reads the text after ':' ('' when there is none): `read` returns the value
    that `render` and `cites` receive, or raises DirectiveError saying what to write instead."""

    def read(self, name: str, text: str, data) -> object:
        raise NotImplementedError

    def describe(self, data=None) -> str:
        """The argument in AUTHORING.md's directive list."""
        raise NotImplementedError


class NoArgument(Argument):
    def read(self, name, text, data):
        if text:
            raise DirectiveError(f"[[{name}]] takes no argument; write [[{name}]] on its own line")
        return ""

    def describe(self, data=None):
        return "none"


class OneOf(Argument):
    """One word from a list: fixed (`choices` a tuple) or read from the data set (`choices` a function
    of it, e.g. the figure ids in risks.yml, named by `source`). `without`: what the directive shows
    with no argument; without it, the argument is required."""

    def __init__(self, what: str, choices: tuple[str, ...] | Callable[[object], Iterable[str]], *,
                 without: str = "", source: str = ""):
        self.what, self.choices, self.without, self.source = what, choices, without, source

    def options(self, data) -> list[str]:
        return list(self.choices(data) if callable(self.choices) else self.choices)

    def _source(self, data) -> str:
        return str(Path(data.dir) / self.source) if self.source and data is not None else self.source

    def read(self, name, text, data):
        if not text and self.without:
            return ""
        options = self.options(data)
        if not text:
            raise DirectiveError(f"[[{name}]] needs a {self.what}, as in [[{name}:{options[0] if options else 'ID'}]]; "
                                 f"use one of: {', '.join(options)}" + (f"; or add it to {self._source(data)}"
                                                                         if self.source else ""))
        if text not in options:
            raise use_one_of(self.what, text, name, options, without=self.without, source=self._source(data))
        return text

    def describe(self, data=None):
        listed = f"a {self.what} from data/{self.source}" if callable(self.choices) else \
            f"{self.what}: {', '.join(self.options(data))}"
        return f"{listed} (optional)" if self.without else listed


# ---- directives --------------------------------------------------------------------------------------

class Directive:
    """One directive, declared once. Subclass BlockDirective or InlineDirective.

    NAMES: the names it answers to. ARGUMENT: how its argument is read. DOCS: (usage, what it shows)
    pairs for AUTHORING.md's directive list. `cites(data, name, value)`: the citation keys it emits,
    in order, for the citation scan (its docstring's first line goes in the list too).
    """

    NAMES: tuple[str, ...] = ()
    ARGUMENT: Argument = NoArgument()
    DOCS: tuple[tuple[str, str], ...] = ()

    @classmethod
    def cites(cls, data, name: str, value) -> list[str]:
        """Nothing."""
        return []


class BlockDirective(Directive):
    """A directive on its own line, replaced by elements. One instance per Markdown instance; the page
    being converted is `self.ext.page` and the build's data set `self.ext.data`."""

    def __init__(self, ext):
        self.ext = ext
        self.md = ext.md

    @property
    def data(self):
        return self.ext.data

    def render(self, parent: etree.Element, name: str, value) -> None:
        raise NotImplementedError


class InlineDirective(Directive):
    """A directive anywhere in a line (a sentence, a table cell), replaced by Markdown before any
    parsing; its citations are the `[@key]`s of that Markdown."""

    @classmethod
    def expand(cls, data, name: str, value) -> str:
        raise NotImplementedError


# A block directive's line: up to three spaces (as any Markdown block), then [[name]] or [[name:argument]].
BLOCK_LINE = re.compile(r"^ {0,3}\[\[([a-z][a-z0-9-]*)(?::([^\]]*))?\]\]\s*$")


class Registry:
    """Directive classes by name (the manager). Refuses a name already registered."""

    def __init__(self, *directives: type[Directive]):
        self._by_name: dict[str, type[Directive]] = {}
        for directive in directives:
            self.register(directive)

    def register(self, directive: type[Directive]) -> type[Directive]:
        if not directive.NAMES:
            raise ValueError(f"{directive.__name__} declares no NAMES")
        for name in directive.NAMES:
            if name in self._by_name:
                raise ValueError(f"directive name '{name}' of {directive.__name__} is already registered by "
                                 f"{self._by_name[name].__name__}; choose another name")
        for name in directive.NAMES:
            self._by_name[name] = directive
        return directive

    def unregister(self, directive: type[Directive]) -> None:
        for name in directive.NAMES:
            if self._by_name.get(name) is directive:
                del self._by_name[name]

    def classes(self, kind: type[Directive] = Directive) -> list[type[Directive]]:
        """Each registered class once, in registration order."""
        return [c for c in dict.fromkeys(self._by_name.values()) if issubclass(c, kind)]

    def get(self, name: str) -> type[Directive] | None:
        return self._by_name.get(name)

    # -- finding directives in text (the processors and the citation scan use these, so they agree)

    def block_line(self, line: str) -> tuple[type[BlockDirective], str, str] | None:
        """(class, name, argument text) if the line is a registered block directive."""
        match = BLOCK_LINE.match(line)
        if not match:
            return None
        directive = self._by_name.get(match.group(1))
        if directive is None or not issubclass(directive, BlockDirective):
            return None
        return directive, match.group(1), (match.group(2) or "").strip()

    def inline_pattern(self) -> re.Pattern | None:
        names = [n for c in self.classes(InlineDirective) for n in c.NAMES]
        if not names:
            return None
        return re.compile(r"\[\[(" + "|".join(map(re.escape, names)) + r"):([^\]\n]*)\]\]")

    def expand(self, text: str, data, strict: bool = True) -> str:
        """The text with every inline directive replaced by its Markdown. A wrong one raises
        DirectiveError (its `.found` is the directive as written), or with strict=False stays as written."""
        pattern = self.inline_pattern()
        if pattern is None or "[[" not in text:
            return text

        def replace(match):
            directive, name = self._by_name[match.group(1)], match.group(1)
            try:
                return directive.expand(data, name, directive.ARGUMENT.read(name, match.group(2).strip(), data))
            except DirectiveError as exc:
                if not strict:
                    return match.group(0)
                exc.found = match.group(0)
                raise
        return pattern.sub(replace, text)

    def cites(self, line: str, data) -> list[str]:
        """The keys a block directive line cites ([] for other lines, and for a wrong argument: the
        build reports that)."""
        found = self.block_line(line)
        if found is None:
            return []
        directive, name, text = found
        try:
            return list(directive.cites(data, name, directive.ARGUMENT.read(name, text, data)))
        except DirectiveError:
            return []

    # -- documentation

    def reference(self) -> str:
        """AUTHORING.md's directive list (Markdown), from each class's NAMES, ARGUMENT, DOCS and `cites`."""
        out = []
        for directive in self.classes():
            cites = (directive.cites.__doc__ or "").strip().split("\n")[0].rstrip(".")
            if issubclass(directive, InlineDirective):
                cites = "the `[@key]` in its words"
            names = ", ".join(f"`{name}`" for name in directive.NAMES)
            out.append(f"{names}: argument {directive.ARGUMENT.describe()}; cites {cites[:1].lower()}{cites[1:]}.\n")
            out += [f"- `{usage}`: {meaning}" for usage, meaning in directive.DOCS]
            out.append("")
        return "\n".join(out)


class DirectiveBlocks(BlockProcessor):
    """The one block processor for every block directive: finds the first directive line in a block,
    parses the lines before it, reads the argument and hands it to the directive's class."""

    def __init__(self, ext, registry: Registry):
        super().__init__(ext.md.parser)
        self.ext = ext
        self.registry = registry
        self.instances: dict[type, BlockDirective] = {}

    @property
    def NAMES(self) -> tuple[str, ...]:  # noqa: N802 (read by medref.render.leftovers, as on any directive)
        return tuple(name for directive in self.registry.classes(BlockDirective) for name in directive.NAMES)

    def _find(self, block: str):
        if "[[" not in block:  # nearly every block
            return None
        for index, line in enumerate(block.split("\n")):
            found = self.registry.block_line(line)
            if found:
                return index, found, line.strip()
        return None

    def test(self, parent, block):
        return self._find(block) is not None

    def run(self, parent, blocks):
        block = blocks.pop(0)
        index, (directive, name, text), line_text = self._find(block)
        lines = block.split("\n")
        before, after = lines[:index], lines[index + 1:]
        if before:
            self.parser.parseBlocks(parent, ["\n".join(before)])
        instance = self.instances.get(directive)
        if instance is None:
            instance = self.instances[directive] = directive(self.ext)
        try:
            instance.render(parent, name, directive.ARGUMENT.read(name, text, self.ext.data))
        except DirectiveError as exc:
            raise MedrefBuildError(f"{where(self.ext.page, line_text)}: {exc}") from None
        if after:
            blocks.insert(0, "\n".join(after))


class InlineDirectives(Preprocessor):
    """Replaces every inline directive (`[[trial-fact:T.F]]`) with its Markdown before any parsing, so
    its words and citation are parsed as if written on the page."""

    def __init__(self, ext, registry: Registry):
        super().__init__(ext.md)
        self.ext = ext
        self.registry = registry

    @property
    def NAMES(self) -> tuple[str, ...]:  # noqa: N802 (read by medref.render.leftovers, as on any directive)
        return tuple(name for directive in self.registry.classes(InlineDirective) for name in directive.NAMES)

    def run(self, lines):
        text = "\n".join(lines)
        try:
            expanded = self.registry.expand(text, self.ext.data)
        except DirectiveError as exc:
            raise MedrefBuildError(f"{where(self.ext.page, exc.found)}: {exc}") from None
        return lines if expanded is text else expanded.split("\n")
