"""One table builder for every data table (risks, trials, the chart's numbers, urgent care).

A table is a list of declared Columns (a heading and how to get the cell from a row) and the rows;
`data_table` writes the <table>, its optional caption, the heading row and one <tr> per row.

Cells are set safely, through medref.render.text: text from data/ is words (`words`: it shows as
written and can never open an HTML tag, a link or emphasis), a field whose words may carry inline
Markdown is marked Inline (`inline`: emphasis and safe links, raw HTML off), and Markdown that
medref's own code writes (a citation `[@key]`, a line break) is marked as Markup and passes
unchanged. Cells are still parsed inline, so citations are numbered and abbreviations get their
meanings, as everywhere else on the page (an AtomicString cell would lose them).
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Generic, Iterable, TypeVar
from xml.etree import ElementTree as etree

from medref.render.text import inline, words

Row = TypeVar("Row")


class Markup(str):
    """Markdown written by medref's code (a citation, a line break), never text from data/."""


class Inline(str):
    """A data field whose words may carry inline Markdown (medref.data.plaintext.MARKDOWN_FIELDS)."""


LINE_BREAK = Markup("  \n")  # Markdown's hard line break: one line per study or arm in a cell


def cell(*parts: str) -> str:
    """A cell's Markdown from parts: Markup as written, Inline through text.inline, anything else as
    words (text.words)."""
    return "".join(part if isinstance(part, Markup) else inline(part) if isinstance(part, Inline) else words(part)
                   for part in parts)


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
        etree.SubElement(table, "caption").text = words(caption)  # first, as HTML requires
    head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
    for column in columns:
        etree.SubElement(head, "th").text = column.title
    body = etree.SubElement(table, "tbody")
    for row in rows:
        tr = etree.SubElement(body, "tr", row_attrs(row) if row_attrs else {})
        for column in columns:
            etree.SubElement(tr, "td").text = _markdown(column.value(row))
    return table
