"""Render data/urgent-care.yml (medref.data.urgent) with the `[[urgent-care]]` directive; the forms are
listed in medref/data/urgent.py. Every block is a `<div class="medref-urgent">`, and every block but the
full list ends with a link to the full list: tests/site/test_urgent_care.py relies on both.
"""

from __future__ import annotations

import posixpath
from xml.etree import ElementTree as etree

from medref.render import tables
from medref.render.directives import Argument, BlockDirective, DirectiveError, use_one_of
from medref.render.tables import Column, Inline
from medref.render.text import inline, words
from medref.data.urgent import (BLOCK_CLASS, CONSENSUS_NOTE, FILENAME, FULL_LIST_LINK_TEXT, FULL_LIST_PAGE,
                           HEADING_ID_PREFIX, MORE_CLASS, UNCITED, UNCITED_NOTE, UNSURE, Sign, Tier,
                           UrgentCare, keys_for, signs_for)


# ---- rendering ---------------------------------------------------------------------------------------

def citation(sign: Sign) -> str:
    return "[" + "; ".join("@" + key for key in sign.sources) + "]" if sign.sources else ""


def item_markdown(tier: Tier, sign: Sign, when: str = "", cited: bool = True) -> str:
    """'**Call 999 or go to A&E now** if you ... (after the procedure)[@key].' as Markdown."""
    text = inline(sign.text.rstrip("."))
    return f"**{words(tier.action)}** if {text}{words(f' ({when})') if when else ''}{citation(sign) if cited else ''}."


def tier_heading(tier: Tier, signs: list[Sign]) -> str:
    """'Call 999 or go to A&E now: chest pain or short of breath, a numb bottom, ...' (readers search
    for a symptom in their own words; the heading answers with what to do)."""
    labels = [s.label for s in signs if s.label]
    return words(f"{tier.title}: {', '.join(labels)}" if labels else tier.title)


def full_list_href(page) -> str:
    if page is None:
        return FULL_LIST_PAGE
    if page.rel == FULL_LIST_PAGE:
        return "#warning-signs"  # a short form on the full list's own page points up to the list
    return posixpath.relpath(FULL_LIST_PAGE, posixpath.dirname(page.rel) or ".")


class UrgentArgument(Argument):
    """'' (the full list), a tier or a situation (optionally followed by `uncited`), or `table` with at
    most one situation after it; the ids come from data/urgent-care.yml."""

    def read(self, name, text, data):
        care = data.urgent_care
        tokens = text.split()
        tier_ids = [t.id for t in care.tiers]
        situation_ids = [s.id for s in care.situations]
        source = str(data.dir / FILENAME)
        if UNCITED in tokens[1:]:
            if tokens[0] == "table" or len(tokens) != 2:
                raise DirectiveError(f"'{UNCITED}' goes after one tier or situation, as in "
                                     f"[[{name}:after-procedure {UNCITED}]]")
            tokens = tokens[:1]
        if tokens[:1] == ["table"]:
            if len(tokens) > 2 or (len(tokens) == 2 and tokens[1] not in situation_ids):
                raise use_one_of("situation after 'table'", " ".join(tokens[1:]), f"{name}:table", situation_ids,
                                 without="for every situation", source=source)
        elif tokens and (len(tokens) > 1 or tokens[0] not in tier_ids + situation_ids):
            raise use_one_of("tier or situation", text, name, tier_ids + situation_ids + ["table"],
                             without="for the full list", source=source)
        return text

    def describe(self, data=None):
        return "a tier or situation id from data/urgent-care.yml, `table`, or `table SITUATION` (optional)"


class UrgentCareDirective(BlockDirective):
    """`[[urgent-care]]`: when to get help urgently, from data/urgent-care.yml (the forms are listed in
    medref/data/urgent.py)."""

    NAMES = ("urgent-care",)
    ARGUMENT = UrgentArgument()
    DOCS = (("[[urgent-care]]", "the full list, by tier: only on urgent-help.md"),
            ("[[urgent-care:999]]", "one tier: 999, same-day or gp"),
            ("[[urgent-care:after-procedure]]", "one situation: after-procedure, spinal-fracture, cancer"),
            ("[[urgent-care:table]]", "the clinician table; `[[urgent-care:table after-procedure]]` for one situation"),
            ("[[urgent-care:after-procedure uncited]]", "for a printed leaflet: no citation numbers; the link to the "
                                                         "full list says that is where each sign's source is"))

    @classmethod
    def cites(cls, data, name, value):
        """The sources of each sign shown (none for an `uncited` short form)."""
        return keys_for(data.urgent_care, value)

    def render(self, parent, name, arg):
        care = self.data.urgent_care
        # `uncited` after a short form (a printed leaflet): no citation numbers or Sources list on the
        # sheet; the link to the full list, which carries every source, says where they are.
        tokens = arg.split()
        cited = UNCITED not in tokens[1:]
        if not cited:
            arg = tokens[0]
        situation_ids = [s.id for s in care.situations]
        table_for = arg.split()[1:] if arg.split()[:1] == ["table"] else None  # [[urgent-care:table after-procedure]]
        block = etree.SubElement(parent, "div", {"class": BLOCK_CLASS, "data-urgent": arg or "full"})
        shown = signs_for(care, arg)
        if table_for is not None:
            self._table(block, care, shown, table_for[0] if table_for else "")
        else:
            for tier in care.tiers:
                signs = [s for s in shown if s.tier == tier.id]
                if not arg and signs:  # the full list: a heading per tier that names its signs
                    etree.SubElement(block, "h3", {"id": f"{HEADING_ID_PREFIX}{tier.id}"}).text = tier_heading(tier, signs)
                self._box(block, tier, signs, care, hint=arg not in situation_ids, cited=cited)
        self._closing(block, full=not arg, cited=cited)

    @staticmethod
    def _box(block, tier: Tier, signs: list[Sign], care: UrgentCare, hint: bool, cited: bool = True) -> None:
        if not signs:
            return
        box = etree.SubElement(block, "div", {"class": f"admonition {tier.style}"})
        etree.SubElement(box, "p", {"class": "admonition-title"}).text = words(tier.title)
        ul = etree.SubElement(box, "ul")
        everyone = {s.id for s in care.situations}
        for sign in signs:
            when = ""
            if hint and set(sign.situations) != everyone:
                when = " or ".join(s.short for s in care.situations if s.id in sign.situations)
            etree.SubElement(ul, "li", {"data-sign": sign.id}).text = item_markdown(tier, sign, when, cited)

    @staticmethod
    def _table(block, care: UrgentCare, shown: list[Sign], situation: str = "") -> None:
        """One row per tier (short enough for the printed quick reference): the signs in clinical
        words, each with its citation; a sign with none is standard practice (said under the table)."""
        everyone = {s.id for s in care.situations}

        def signs_cell(row: tuple[Tier, list[Sign]]) -> tuple[str, ...]:
            parts: list[str] = []
            for sign in row[1]:
                when = ("" if situation or set(sign.situations) == everyone else
                        " (" + " or ".join(s.short for s in care.situations if s.id in sign.situations) + ")")
                parts += ["; "] if parts else []
                parts += [Inline(sign.clinical), when, tables.citation(sign.sources)]
            return tuple(parts)

        rows = [(tier, [s for s in shown if s.tier == tier.id]) for tier in care.tiers]
        columns = (Column("Urgency", lambda row: row[0].title), Column("Signs", signs_cell))
        tables.data_table(block, columns, [row for row in rows if row[1]], row_attrs=lambda row: {
            "data-tier": row[0].id, "data-signs": " ".join(s.id for s in row[1])})
        etree.SubElement(block, "p").text = CONSENSUS_NOTE

    def _closing(self, block, full: bool, cited: bool = True) -> None:
        more = etree.SubElement(block, "p", {"class": MORE_CLASS})
        more.text = UNSURE + " "
        if not full:  # the full list is the page this links to
            link = etree.SubElement(more, "a", {"href": full_list_href(self.ext.page)})
            link.text = FULL_LIST_LINK_TEXT
            link.tail = "." if cited else UNCITED_NOTE

