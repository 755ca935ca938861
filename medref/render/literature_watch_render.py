"""`[[literature-watch]]` and `[[literature-watch:summary]]`: data/literature-watch.yml on a page.

- `[[literature-watch]]`          every question: when and where it was last searched, the terms,
                                  what was found and what changed on the site (the literature-watch page);
- `[[literature-watch:summary]]`  one plain sentence, "We last searched for new trials ... on <date>",
                                  linking to that page (the evidence page).

Data is words: every field goes in through medref.render.text.words, so nothing in the file is read
as Markdown or HTML (abbreviations are still marked). Links to the pages a question covers are written to their Markdown source, so
each engine turns them into its own addresses and checks them.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from xml.etree import ElementTree as etree

from markdown.util import AtomicString

from medref.data.front_matter import read_front_matter
from medref.data.literature_watch import Question, load_watch, searched_between
from medref.render.directives import BlockDirective, OneOf
from medref.render.furniture import long_date
from medref.render.text import words

WATCH_PAGE = "evidence/literature-watch.md"


def _text(parent: etree.Element, tag: str, text: str, attrs: dict | None = None) -> etree.Element:
    element = etree.SubElement(parent, tag, attrs or {})
    element.text = words(text)
    return element


def _time(parent: etree.Element, day) -> etree.Element:
    element = etree.SubElement(parent, "time", {"datetime": day.isoformat()})
    element.text = AtomicString(long_date(day))
    return element


def _href(from_rel: str, to_rel: str) -> str:
    return posixpath.relpath(to_rel, posixpath.dirname(from_rel) or ".")


def _title(docs_dir: str, page: str) -> str:
    """A page's title from its front matter (its file name if it has none)."""
    try:
        return str(read_front_matter(Path(docs_dir) / page).get("title") or page)
    except (OSError, ValueError):
        return page


class LiteratureWatchDirective(BlockDirective):
    """data/literature-watch.yml: every question, or the one-sentence summary."""

    NAMES = ("literature-watch",)
    ARGUMENT = OneOf("form", ("summary",), without="for every question in full")
    DOCS = (("[[literature-watch]]", "every question: when and where it was last searched, the terms, what was "
             "found and what changed on the site"),
            ("[[literature-watch:summary]]", "one sentence, 'We last searched for new trials ... on <date>', "
             "linking to the literature-watch page"))

    @classmethod
    def cites(cls, data, name, value) -> list[str]:
        """The sources of each question's findings (the full form only)."""
        if value == "summary":
            return []
        return [key for question in data.get(load_watch).values() for key in question.sources]

    def render(self, parent, name, value):
        questions = self.data.get(load_watch)
        here = self.ext.page.rel if self.ext.page is not None else WATCH_PAGE
        if value == "summary":
            self.summary(parent, questions, here)
        else:
            self.full(parent, questions, here)

    def summary(self, parent, questions: dict[str, Question], here: str) -> None:
        oldest, newest = searched_between(questions)
        p = etree.SubElement(parent, "p", {"class": "medref-watch-summary"})
        p.text = "We last searched for new trials, reviews and guidance on "
        if oldest == newest:
            _time(p, oldest).tail = ". "
        else:
            _time(p, oldest).tail = " to "
            _time(p, newest).tail = ". "
        link = etree.SubElement(p, "a", {"href": _href(here, WATCH_PAGE)})
        link.text = "See what we looked for, where, and what we found"
        link.tail = (f". We search again at least once a year, for each of the "
                     f"{len(questions)} questions this site answers.")

    def full(self, parent, questions: dict[str, Question], here: str) -> None:
        docs_dir = self.ext.getConfig("docs_dir")
        for q in questions.values():
            _text(parent, "h2", q.question, {"id": f"watch-{q.id}"})
            # Out of the search index: a reader searching "blood thinners" wants the advice, not our
            # record of the search terms we used.
            dl = etree.SubElement(parent, "dl", {"class": "medref-watch", "data-search-exclude": ""})
            _text(dl, "dt", "Last searched")
            dd = etree.SubElement(dl, "dd")
            _time(dd, q.last_searched).tail = " (next search due by "
            _time(dd, q.due).tail = ")"
            if q.previous_search:
                _text(dl, "dt", "Search before that")
                _time(etree.SubElement(dl, "dd"), q.previous_search)
            _text(dl, "dt", "Where we searched")
            _text(dl, "dd", "; ".join(q.where))
            _text(dl, "dt", "Search terms")
            _text(dl, "dd", q.terms)
            _text(dl, "dt", "What we found")
            found = _text(dl, "dd", q.found)
            if q.sources:  # checked keys, as Markdown: the citation processor numbers them like any other
                found.text += " [" + "; ".join(f"@{key}" for key in q.sources) + "]"
            _text(dl, "dt", "What changed on this site")
            _text(dl, "dd", q.site_changes)
            _text(dl, "dt", "Pages that answer it")
            dd = etree.SubElement(dl, "dd")
            for number, page in enumerate(q.pages):
                # The page's Markdown source: each engine turns it into its own address and checks it.
                link = etree.SubElement(dd, "a", {"href": _href(here, page)})
                link.text = words(_title(docs_dir, page))
                link.tail = "; " if number < len(q.pages) - 1 else ""
