"""Render data/urgent-care.yml (medref.data.urgent) with the `[[urgent-care]]` directive; the forms are
listed in medref/data/urgent.py. Every block is a `<div class="medref-urgent">`, and every block but the
full list ends with a link to the full list: tests/site/test_urgent_care.py relies on both.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from xml.etree import ElementTree as etree

from medref.render.directives import DirectiveProcessor, MedrefBuildError, where
from medref.data.urgent import (BLOCK_CLASS, CONSENSUS_NOTE, FILENAME, FULL_LIST_LINK_TEXT, FULL_LIST_PAGE,
                           HEADING_ID_PREFIX, MAIN_SIGNS, MORE_CLASS, NIGHT_CLASS, UNCITED, UNCITED_NOTE, UNSURE,
                           Night, Sign, Tier, UrgentCare, load_urgent_care, parse_arg, shows_night, signs_for)


# ---- rendering ---------------------------------------------------------------------------------------

def citation(keys: tuple[str, ...]) -> str:
    return "[" + "; ".join("@" + key for key in keys) + "]" if keys else ""


def item_markdown(tier: Tier, sign: Sign, when: str = "", cited: bool = True) -> str:
    """'**Call 999 or go to A&E now** if you ... (after the procedure)[@key].' as Markdown."""
    text = sign.text.rstrip(".")
    return f"**{tier.action}** if {text}{f' ({when})' if when else ''}{citation(sign.citations) if cited else ''}."


def leaflet_item(sign: Sign) -> str:
    """'Chest pain or short of breath.': the sign's everyday words, as a leaflet's bullet."""
    label = sign.label or sign.text
    return label[:1].upper() + label[1:].rstrip(".") + "."


def night_markdown(night: Night, cited: bool = True) -> str:
    """'**At night or at the weekend:** ...[@key]' (what to do when "the same day" is the middle of the night)."""
    text = night.text.rstrip(".")
    return f"**{night.title}:** {text}{citation((night.source,)) if cited else ''}."


def tier_heading(tier: Tier, signs: list[Sign]) -> str:
    """'Call 999 or go to A&E now: chest pain or short of breath, a numb bottom, ...' (readers search
    for a symptom in their own words; the heading answers with what to do)."""
    labels = [s.label for s in signs if s.label]
    return f"{tier.title}: {', '.join(labels)}" if labels else tier.title


def full_list_href(page) -> str:
    if page is None:
        return FULL_LIST_PAGE
    if page.rel == FULL_LIST_PAGE:
        return "#warning-signs"  # a short form on the full list's own page points up to the list
    return posixpath.relpath(FULL_LIST_PAGE, posixpath.dirname(page.rel) or ".")


class UrgentCareDirective(DirectiveProcessor):
    NAMES = ("urgent-care",)


    def render(self, parent, name, arg, line_text):
        care = load_urgent_care(self.data_dir)
        # `uncited` after a short form (a printed leaflet): no citation numbers or Sources list on the
        # sheet; the link to the full list, which carries every source, says where they are.
        words = arg.split()
        cited = UNCITED not in words[1:]
        if not cited:
            if words[0] == "" or len(words) != (3 if words[0] in ("sign", "table") else 2):
                raise MedrefBuildError(
                    f"{where(self.ext.page, line_text)}: '{UNCITED}' goes after one tier, situation, sign or "
                    f"situation's table, as in [[urgent-care:after-procedure {UNCITED}]]")
            arg = " ".join(words[:-1])
        tier_ids = [t.id for t in care.tiers]
        situation_ids = [s.id for s in care.situations]
        table_for = arg.split()[1:] if arg.split()[:1] == ["table"] else None  # [[urgent-care:table after-procedure]]
        if table_for is not None and (len(table_for) > 1 or (table_for and table_for[0] not in situation_ids)):
            raise MedrefBuildError(
                f"{where(self.ext.page, line_text)}: {line_text} takes at most one situation after 'table': "
                f"{', '.join(situation_ids)}")
        kind, value, _ = parse_arg(arg)
        if kind == "sign" and value not in [s.id for s in care.signs]:
            raise MedrefBuildError(
                f"{where(self.ext.page, line_text)}: unknown sign '{value}' in {line_text}; use one of: "
                f"{', '.join(s.id for s in care.signs)} (from {Path(self.data_dir) / FILENAME})")
        if arg and table_for is None and kind != "sign" and arg not in tier_ids + situation_ids:
            raise MedrefBuildError(
                f"{where(self.ext.page, line_text)}: unknown argument '{arg}' in {line_text}; use [[urgent-care]] "
                f"for the full list, or one of: {', '.join(tier_ids + situation_ids + ['table', 'sign <id>'])} "
                f"(from {Path(self.data_dir) / FILENAME})")
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
                etree.SubElement(block, "h3", {"id": f"{HEADING_ID_PREFIX}at-night"}).text = care.night.title
            etree.SubElement(block, "p", {"class": NIGHT_CLASS}).text = night_markdown(care.night, cited)
        # one sign, or a clinician table, is not a reader's list of signs
        self._closing(block, full=not arg, cited=cited, main=kind not in ("sign", "table"))

    @staticmethod
    def _box(block, tier: Tier, signs: list[Sign], care: UrgentCare, hint: bool, cited: bool = True) -> None:
        if not signs:
            return
        # data-tier: the site check finds every 999 list, whatever block it sits in
        box = etree.SubElement(block, "div", {"class": f"admonition {tier.style}", "data-tier": tier.id})
        etree.SubElement(box, "p", {"class": "admonition-title"}).text = tier.title
        ul = etree.SubElement(box, "ul")
        everyone = {s.id for s in care.situations}
        for sign in signs:
            when = ""
            if hint and set(sign.situations) != everyone:
                when = " or ".join(s.short for s in care.situations if s.id in sign.situations)
            # A printed leaflet (uncited) lists each sign in a few everyday words under its tier's
            # title, so the main signs fit one sheet; its link leads to the full wording and sources.
            text = leaflet_item(sign) if not cited else item_markdown(tier, sign, when, cited)
            etree.SubElement(ul, "li", {"data-sign": sign.id}).text = text

    @staticmethod
    def _table(block, care: UrgentCare, shown: list[Sign], situation: str = "", cited: bool = True) -> None:
        """One row per tier (short enough for the printed quick reference): the signs in clinical
        words, each with its citation; a sign with none is standard practice (said under the table)."""
        table = etree.SubElement(block, "table")
        head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
        for title in ("Urgency", "Signs"):
            etree.SubElement(head, "th").text = title
        body = etree.SubElement(table, "tbody")
        everyone = {s.id for s in care.situations}
        for tier in care.tiers:
            signs = [s for s in shown if s.tier == tier.id]
            if not signs:
                continue
            row = etree.SubElement(body, "tr", {"data-tier": tier.id, "data-signs": " ".join(s.id for s in signs)})
            etree.SubElement(row, "td").text = tier.title
            parts = []
            for sign in signs:
                when = ("" if situation or set(sign.situations) == everyone else
                        " (" + " or ".join(s.short for s in care.situations if s.id in sign.situations) + ")")
                parts.append(f"{sign.clinical}{when}{citation(sign.citations) if cited else ''}")
            etree.SubElement(row, "td").text = "; ".join(parts)
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

