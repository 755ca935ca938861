"""One table builder for every data table (risks, trials, the chart's numbers, urgent care).

A table is a list of declared Columns (a heading and how to get the cell from a row) and the rows;
`data_table` writes the <table>, its optional caption, the heading row and one <tr> per row.

Cells are set safely. Text from data/ is words, never markup: `cell_text` escapes it, so `<`, `&`
and Markdown's own characters show as written and can never open an HTML tag, a link or emphasis.
Markdown that medref's own code writes (a citation `[@key]`, a line break) is marked as Markup and
passes unchanged. Cells are still parsed inline, so citations are numbered and abbreviations get
their meanings, as everywhere else on the page.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Callable, Generic, Iterable, TypeVar
from xml.etree import ElementTree as etree

Row = TypeVar("Row")


class Markup(str):
    """Markdown written by medref's code (a citation, a line break), never text from data/."""


LINE_BREAK = Markup("  \n")  # Markdown's hard line break: one line per study or arm in a cell

# Python-Markdown's backslash escapes (markdown.Markdown.ESCAPED_CHARS) for the characters that can
# start inline markup. Every < becomes a character reference (no tag, no autolink), and so does an &
# that would start one ("&amp;" in data shows as written); a lone & ("A&E") is left for the serialiser
# to escape, so the abbreviation still matches it.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]!])")
_HTML_SPECIAL = re.compile(r"<|&(?=#?[0-9A-Za-z]+;)")


def cell_text(text: str) -> str:
    """Text from data/ as inline Markdown that shows exactly that text."""
    text = _HTML_SPECIAL.sub(lambda m: "&lt;" if m.group(0) == "<" else "&amp;", str(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def cell(*parts: str) -> str:
    """A cell's Markdown from parts: Markup as written, anything else as data text (escaped)."""
    return "".join(part if isinstance(part, Markup) else cell_text(part) for part in parts)


def citation(keys: Iterable[str]) -> Markup:
    """'[@a; @b]' for keys that are already checked against data/references.yml ('' for none)."""
    keys = list(keys)
    return Markup("[" + "; ".join("@" + key for key in keys) + "]" if keys else "")


@dataclasses.dataclass(frozen=True)
class Column(Generic[Row]):
    title: str
    value: Callable[[Row], str | tuple[str, ...]]  # the cell: data text, Markup, or a tuple of both


def _markdown(value) -> str:
    return cell(*value) if isinstance(value, tuple) else cell(value)


def data_table(parent: etree.Element, columns: Iterable[Column[Row]], rows: Iterable[Row], *,
               css: str | None = None, row_attrs: Callable[[Row], dict[str, str]] | None = None,
               caption: str | None = None) -> etree.Element:
    """Append the table to `parent` and return it."""
    columns = list(columns)
    table = etree.SubElement(parent, "table", {"class": css} if css else {})
    if caption is not None:
        etree.SubElement(table, "caption").text = cell_text(caption)  # first, as HTML requires
    head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
    for column in columns:
        etree.SubElement(head, "th").text = column.title
    body = etree.SubElement(table, "tbody")
    for row in rows:
        tr = etree.SubElement(body, "tr", row_attrs(row) if row_attrs else {})
        for column in columns:
            etree.SubElement(tr, "td").text = _markdown(column.value(row))
    return table
