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
                           HEADING_ID_PREFIX, MAIN_SIGNS, MORE_CLASS, NIGHT_CLASS, UNCITED, UNCITED_NOTE, UNSURE,
                           Night, Sign, Tier, UrgentCare, keys_for, parse_arg, shows_night, signs_for,
                           situation_hint)


# ---- rendering ---------------------------------------------------------------------------------------

def citation(keys: tuple[str, ...]) -> str:
    return "[" + "; ".join("@" + key for key in keys) + "]" if keys else ""


def item_markdown(tier: Tier, sign: Sign, when: str = "", cited: bool = True) -> str:
    """'**Call 999 or go to A&E now** if you ... (after the procedure)[@key].' as Markdown."""
    text = inline(sign.text.rstrip("."))
    return f"**{words(tier.action)}** if {text}{words(f' ({when})') if when else ''}{citation(sign.citations) if cited else ''}."


def leaflet_item(sign: Sign) -> str:
    """'Chest pain or short of breath.': the sign's everyday words, as a leaflet's bullet."""
    label = sign.label or sign.text
    return words(label[:1].upper() + label[1:].rstrip(".") + ".")


def night_markdown(night: Night, cited: bool = True) -> str:
    """'**At night or at the weekend:** ...[@key]' (what to do when "the same day" is the middle of the night)."""
    text = inline(night.text.rstrip("."))
    return f"**{words(night.title)}:** {text}{citation((night.source,)) if cited else ''}."


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
    """'' (the full list), a tier or a situation, `sign ID` (one sign), or `table` with at most one
    situation after it; any of these but the full list may end in `uncited` (a printed leaflet). The
    ids come from data/urgent-care.yml."""

    def read(self, name, text, data):
        care = data.urgent_care
        tokens = text.split()
        tier_ids = [t.id for t in care.tiers]
        situation_ids = [s.id for s in care.situations]
        source = str(data.dir / FILENAME)
        if UNCITED in tokens[1:]:
            if tokens[-1] != UNCITED or len(tokens) != (3 if tokens[0] in ("sign", "table") else 2):
                raise DirectiveError(f"'{UNCITED}' goes after one tier, situation, sign or situation's table, as in "
                                     f"[[{name}:after-procedure {UNCITED}]]")
            tokens = tokens[:-1]
        if tokens[:1] == ["table"]:
            if len(tokens) > 2 or (len(tokens) == 2 and tokens[1] not in situation_ids):
                raise use_one_of("situation after 'table'", " ".join(tokens[1:]), f"{name}:table", situation_ids,
                                 without="for every situation", source=source)
        elif tokens[:1] == ["sign"]:
            sign_ids = [s.id for s in care.signs]
            if len(tokens) != 2 or tokens[1] not in sign_ids:
                value = " ".join(tokens[1:])
                raise DirectiveError(f"unknown sign '{value}' in [[{name}:sign {value}]]; use one of: "
                                     f"{', '.join(sign_ids)}; or add it to {source}")
        elif tokens and (len(tokens) > 1 or tokens[0] not in tier_ids + situation_ids):
            raise use_one_of("tier or situation", text, name, tier_ids + situation_ids + ["table", "sign <id>"],
                             without="for the full list", source=source)
        return text

    def describe(self, data=None):
        return ("a tier or situation id from data/urgent-care.yml, `sign ID`, `table` or `table SITUATION`, "
                "each optionally followed by `uncited` (optional)")


class UrgentCareDirective(BlockDirective):
    """`[[urgent-care]]`: when to get help urgently, from data/urgent-care.yml (the forms are listed in
    medref/data/urgent.py)."""

    NAMES = ("urgent-care",)
    ARGUMENT = UrgentArgument()
    DOCS = (("[[urgent-care]]", "the full list, by tier: only on urgent-help.md"),
            ("[[urgent-care:999]]", "one tier: 999, same-day or gp"),
            ("[[urgent-care:after-procedure]]", "one situation: after-procedure, spinal-fracture, cancer"),
            ("[[urgent-care:sign ID]]", "one sign, where a page needs it beside its own advice"),
            ("[[urgent-care:table]]", "the clinician table; `[[urgent-care:table after-procedure]]` for one situation"),
            ("[[urgent-care:after-procedure uncited]]", "for a printed leaflet: no citation numbers, each sign in its "
                                                         "everyday words; the link to the full list says that is "
                                                         "where the full wording and sources are"))

    @classmethod
    def cites(cls, data, name, value):
        """The sources of each sign shown, and of the night line (none for an `uncited` short form)."""
        return keys_for(data.urgent_care, value)

    def render(self, parent, name, arg):
        care = self.data.urgent_care
        # `uncited` after a short form (a printed leaflet): no citation numbers or Sources list on the
        # sheet; the link to the full list, which carries every source, says where they are.
        tokens = arg.split()
        cited = UNCITED not in tokens[1:]
        if not cited:
            arg = " ".join(tokens[:-1])
        kind, _, _ = parse_arg(arg)
        situation_ids = [s.id for s in care.situations]
        table_for = arg.split()[1:] if kind == "table" else None  # [[urgent-care:table after-procedure]]
        block = etree.SubElement(parent, "div", {"class": BLOCK_CLASS, "data-urgent": arg or "full"})
        shown = signs_for(care, arg)
        if table_for is not None:
            self._table(block, care, shown, table_for[0] if table_for else "", cited)
        else:
            for tier in care.tiers:
                signs = [s for s in shown if s.tier == tier.id]
                if not arg and signs:  # the full list: a heading per tier that names its signs
                    etree.SubElement(block, "h3", {"id": f"{HEADING_ID_PREFIX}{tier.id}"}).text = tier_heading(tier, signs)
                self._box(block, tier, signs, care, hint=arg not in situation_ids, cited=cited)
        if care.night and shows_night(arg):
            if not arg:  # the full list: its own heading, so "who do I call at night" lands on it
                etree.SubElement(block, "h3", {"id": f"{HEADING_ID_PREFIX}at-night"}).text = words(care.night.title)
            etree.SubElement(block, "p", {"class": NIGHT_CLASS}).text = night_markdown(care.night, cited)
        # one sign, or a clinician table, is not a reader's list of signs
        self._closing(block, full=not arg, cited=cited, main=kind not in ("sign", "table"))

    @staticmethod
    def _box(block, tier: Tier, signs: list[Sign], care: UrgentCare, hint: bool, cited: bool = True) -> None:
        if not signs:
            return
        # data-tier: the site check finds every 999 list, whatever block it sits in
        box = etree.SubElement(block, "div", {"class": f"admonition {tier.style}", "data-tier": tier.id})
        etree.SubElement(box, "p", {"class": "admonition-title"}).text = words(tier.title)
        ul = etree.SubElement(box, "ul")
        for sign in signs:
            when = situation_hint(care, sign) if hint else ""
            # A printed leaflet (uncited) lists each sign in a few everyday words under its tier's
            # title, so the main signs fit one sheet; its link leads to the full wording and sources.
            text = leaflet_item(sign) if not cited else item_markdown(tier, sign, when, cited)
            etree.SubElement(ul, "li", {"data-sign": sign.id}).text = text

    @staticmethod
    def _table(block, care: UrgentCare, shown: list[Sign], situation: str = "", cited: bool = True) -> None:
        """One row per tier (short enough for the printed quick reference): the signs in clinical
        words, each with its citation; a sign with none is standard practice (said under the table)."""
        def signs_cell(row: tuple[Tier, list[Sign]]) -> tuple[str, ...]:
            parts: list[str] = []
            for sign in row[1]:
                hint = "" if situation else situation_hint(care, sign)
                when = f" ({hint})" if hint else ""
                parts += ["; "] if parts else []
                parts += [Inline(sign.clinical), when, tables.citation(sign.citations if cited else ())]
            return tuple(parts)

        rows = [(tier, [s for s in shown if s.tier == tier.id]) for tier in care.tiers]
        columns = (Column("Urgency", lambda row: row[0].title), Column("Signs", signs_cell))
        tables.data_table(block, columns, [row for row in rows if row[1]], row_attrs=lambda row: {
            "data-tier": row[0].id, "data-signs": " ".join(s.id for s in row[1])})
        if cited:  # uncited (a printout short of room): the link below leads to every source
            etree.SubElement(block, "p").text = CONSENSUS_NOTE

    def _closing(self, block, full: bool, cited: bool = True, main: bool = True) -> None:
        more = etree.SubElement(block, "p", {"class": MORE_CLASS})
        # a leaflet's night line already says to call NHS 111; the sheet has no room to say it twice
        more.text = (MAIN_SIGNS + " " if main else "") + (UNSURE + " " if cited else "")
        if not full:  # the full list is the page this links to
            link = etree.SubElement(more, "a", {"href": full_list_href(self.ext.page)})
            link.text = FULL_LIST_LINK_TEXT
            link.tail = "." if cited else UNCITED_NOTE

