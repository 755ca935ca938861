"""`[[worksheet:PART]]`: the decision aid's fields to fill in, from data/worksheet.yml.

PART is matters, today, leaning, sure, questions or summary; the page's own words (headings, what
each part is for) sit between them. The fields are not in a <form>: there is nothing to submit, so
no answer can leave the page, even when a reader presses Enter. docs/assets/javascripts/decision-aid.js
(loaded on this page only, by overrides/main.html) reads the answers into a one-page summary; without
it, the page prints as a worksheet and the fields print as boxes and circles to fill in by hand.
"""

from __future__ import annotations

from xml.etree import ElementTree as etree

from medref.data.worksheet import load_worksheet
from medref.render.directives import BlockDirective, OneOf
from medref.render.text import words

PARTS = ("matters", "today", "leaning", "sure", "questions", "summary")
YES_NO = ("Yes", "No")
YES_NO_UNSURE = ("Yes", "No", "Not sure")
PAIN_SCORES = tuple(str(n) for n in range(11))


def _choices(parent, group_id: str, legend: str, choices: tuple[str, ...], css: str = "ws-choices",
             kind: str = "radio") -> etree.Element:
    """A fieldset of radio buttons (or tick boxes) with a legend; each choice labelled."""
    fieldset = etree.SubElement(parent, "fieldset", {"class": css, "data-ws-item": group_id})
    etree.SubElement(fieldset, "legend").text = words(legend)
    for choice in choices:
        # The label wraps its input, so it needs no id; no autocomplete either (radios are never filled in).
        label = etree.SubElement(fieldset, "label", {"class": "ws-choice"})
        etree.SubElement(label, "input", {"type": kind, "name": f"ws-{group_id}", "value": choice})
        etree.SubElement(label, "span").text = words(choice)
    return fieldset


def _free_text(parent, field_id: str, label_text: str) -> None:
    wrap = etree.SubElement(parent, "div", {"class": "ws-free", "data-ws-item": field_id})
    etree.SubElement(wrap, "label", {"for": f"ws-{field_id}"}).text = words(label_text)
    area = etree.SubElement(wrap, "textarea", {"id": f"ws-{field_id}", "name": f"ws-{field_id}", "rows": "3",
                                               "maxlength": "300", "autocomplete": "off"})
    area.text = ""


class Worksheet(BlockDirective):
    """`[[worksheet:PART]]`: one part of the decision aid's worksheet (data/worksheet.yml)."""

    NAMES = ("worksheet",)
    ARGUMENT = OneOf("part", PARTS)
    DOCS = (("[[worksheet:PART]]", "the decision aid's fields to fill in (data/worksheet.yml): matters, today, "
                                   "leaning, sure, questions; summary: the buttons and the one-page summary"),)

    @classmethod
    def cites(cls, data, name, value):
        """The SURE test's source, for the sure part."""
        return [data.get(load_worksheet).sure_source] if value == "sure" else []

    def render(self, parent, name, value):
        if value == "summary":
            self._summary(parent)
            return
        sheet = self.data.get(load_worksheet)
        part = etree.SubElement(parent, "div", {"class": f"medref-worksheet ws-{value}", "data-ws-part": value})
        getattr(self, f"_{value}")(part, sheet)

    @staticmethod
    def _matters(part, sheet) -> None:
        for item in sheet.matters:
            _choices(part, f"matters-{item.id}", item.text, sheet.scale, "ws-choices ws-scale")
        _free_text(part, "matters-other", sheet.matters_other)

    @staticmethod
    def _today(part, sheet) -> None:
        for item in sheet.today:
            choices = PAIN_SCORES if item.kind == "pain-score" else YES_NO_UNSURE
            _choices(part, f"today-{item.id}", item.text, choices,
                     "ws-choices ws-pain" if item.kind == "pain-score" else "ws-choices")

    @staticmethod
    def _leaning(part, sheet) -> None:
        _choices(part, "leaning", sheet.leaning_question, tuple(c.text for c in sheet.leaning),
                 "ws-choices ws-leaning-choices")

    @staticmethod
    def _sure(part, sheet) -> None:
        for item in sheet.sure:
            _choices(part, f"sure-{item.id}", item.text, YES_NO, "ws-choices ws-yes-no")
        etree.SubElement(part, "p", {"class": "ws-source"}).text = (
            f"These four questions are the SURE test [@{sheet.sure_source}].")

    @staticmethod
    def _questions(part, sheet) -> None:
        fieldset = etree.SubElement(part, "fieldset", {"class": "ws-ticks", "data-ws-item": "questions"})
        etree.SubElement(fieldset, "legend").text = "Tick the ones you want to ask"
        for item in sheet.questions:
            label = etree.SubElement(fieldset, "label", {"class": "ws-choice"})
            etree.SubElement(label, "input", {"type": "checkbox", "name": "ws-questions", "value": item.text})
            etree.SubElement(label, "span").text = words(item.text)
        _free_text(part, "questions-other", sheet.questions_other)

    @staticmethod
    def _summary(parent) -> None:
        """The buttons (shown only when the script runs) and the place the summary is built."""
        actions = etree.SubElement(parent, "div", {"class": "ws-actions", "data-ws-actions": "", "hidden": "hidden"})
        for key, text, hidden in (("make", "Make my one-page summary", False),
                                  ("print", "Print or save my summary", True),
                                  ("clear", "Clear my answers", False)):
            attrs = {"type": "button", f"data-ws-{key}": ""}
            if hidden:
                attrs["hidden"] = "hidden"
            etree.SubElement(actions, "button", attrs).text = text
        status = etree.SubElement(parent, "p", {"class": "ws-status", "data-ws-status": "", "role": "status"})
        status.text = ""
        summary = etree.SubElement(parent, "section", {"class": "ws-summary", "id": "my-summary",
                                                       "data-ws-summary": "", "hidden": "hidden",
                                                       "aria-label": "My decision summary"})
        summary.text = ""
