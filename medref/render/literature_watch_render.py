"""`[[literature-watch]]` and `[[literature-watch:summary]]`: data/literature-watch.yml on a page.

- `[[literature-watch]]`          every question: when and where it was last searched, the terms,
                                  what was found and what changed on the site (the literature-watch page);
- `[[literature-watch:summary]]`  one plain sentence, "We last searched for new trials ... on <date>",
                                  linking to that page (the evidence page).

Data is words: every field goes in as text (AtomicString), so nothing in the file is read as
Markdown or HTML. Links to the pages a question covers are written to their Markdown source, so
each engine turns them into its own addresses and checks them.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from xml.etree import ElementTree as etree

from markdown.util import AtomicString

from medref.data.front_matter import read_front_matter
from medref.data.literature_watch import load_watch, searched_between
from medref.render.directives import DirectiveProcessor, MedrefBuildError, where
from medref.render.furniture import long_date

WATCH_PAGE = "evidence/literature-watch.md"


def _text(parent: etree.Element, tag: str, text: str, attrs: dict | None = None) -> etree.Element:
    element = etree.SubElement(parent, tag, attrs or {})
    element.text = AtomicString(text)
    return element


def _time(parent: etree.Element, day) -> etree.Element:
    return _text(parent, "time", long_date(day), {"datetime": day.isoformat()})


def _href(from_rel: str, to_rel: str) -> str:
    return posixpath.relpath(to_rel, posixpath.dirname(from_rel) or ".")


def _title(docs_dir: str, page: str) -> str:
    """A page's title from its front matter (its file name if it has none)."""
    try:
        return str(read_front_matter(Path(docs_dir) / page).get("title") or page)
    except (OSError, ValueError):
        return page


class LiteratureWatchDirective(DirectiveProcessor):
    NAMES = ("literature-watch",)

    def render(self, parent, name, arg, line_text):
        if arg not in ("", "summary"):
            raise MedrefBuildError(f"{where(self.ext.page, line_text)}: [[literature-watch]] takes no argument or "
                                   f"':summary', not ':{arg}'")
        questions = load_watch(self.data_dir, self.ext.getConfig("docs_dir"))
        here = self.ext.page.rel if self.ext.page is not None else WATCH_PAGE
        if arg == "summary":
            self.summary(parent, questions, here)
        else:
            self.full(parent, questions, here)

    def summary(self, parent, questions, here: str) -> None:
        oldest, newest = searched_between(questions)
        p = etree.SubElement(parent, "p", {"class": "medref-watch-summary"})
        p.text = AtomicString("We last searched for new trials, reviews and guidance on ")
        if oldest == newest:
            _time(p, oldest).tail = AtomicString(". ")
        else:
            _time(p, oldest).tail = AtomicString(" to ")
            _time(p, newest).tail = AtomicString(". ")
        link = _text(p, "a", "See what we looked for, where, and what we found",
                     {"href": _href(here, WATCH_PAGE)})
        link.tail = AtomicString(f". We search again at least once a year, for each of the "
                                 f"{len(questions)} questions this site answers.")

    def full(self, parent, questions, here: str) -> None:
        for q in questions.values():
            _text(parent, "h2", q.question, {"id": f"watch-{q.id}"})
            # Out of the search index: a reader searching "blood thinners" wants the advice, not our
            # record of the search terms we used.
            dl = etree.SubElement(parent, "dl", {"class": "medref-watch", "data-search-exclude": ""})
            _text(dl, "dt", "Last searched")
            dd = etree.SubElement(dl, "dd")
            _time(dd, q.last_searched).tail = AtomicString(" (next search due by ")
            _time(dd, q.due).tail = AtomicString(")")
            if q.previous_search:
                _text(dl, "dt", "Search before that")
                _time(etree.SubElement(dl, "dd"), q.previous_search)
            _text(dl, "dt", "Where we searched")
            _text(dl, "dd", "; ".join(q.where))
            _text(dl, "dt", "Search terms")
            _text(dl, "dd", q.terms)
            _text(dl, "dt", "What we found")
            found = _text(dl, "dd", q.found)
            if q.sources:  # Markdown on purpose: the citation processor numbers these like any other
                found.text = AtomicString(q.found + " ")
                cite = etree.SubElement(found, "span")
                cite.text = "[" + "; ".join(f"@{k}" for k in q.sources) + "]"
            _text(dl, "dt", "What changed on this site")
            _text(dl, "dd", q.site_changes)
            _text(dl, "dt", "Pages that answer it")
            dd = etree.SubElement(dl, "dd")
            for number, page in enumerate(q.pages):
                link = _text(dd, "a", _title(self.ext.getConfig("docs_dir"), page), {"href": _href(here, page)})
                link.tail = AtomicString("; " if number < len(q.pages) - 1 else "")
