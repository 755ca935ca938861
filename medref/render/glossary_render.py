"""`[[glossary]]`: every term of data/glossary.yml (medref.data.glossary), grouped A-Z."""

from __future__ import annotations

from xml.etree import ElementTree as etree

from medref.data.glossary import FILENAME, Term, slugify
from medref.render.directives import BlockDirective, DirectiveError
from medref.render.text import inline, words


class GlossaryDirective(BlockDirective):
    """`[[glossary]]`: every term, grouped A-Z, each with id `term-<slug>`."""

    NAMES = ("glossary",)
    DOCS = (("[[glossary]]", "every term in data/glossary.yml, A-Z (the Glossary page)"),)

    def render(self, parent, name, value):
        terms = self.data.glossary
        if not terms:
            raise DirectiveError(f"[[glossary]] found no terms; add them to {self.data.dir / FILENAME}")
        by_term = {t.slug: t for t in terms}
        letters: dict[str, list[Term]] = {}
        for term in terms:
            first = term.term[:1].upper()
            # Terms that start with a digit ("999") go under "Numbers": "#" is not a valid fragment id.
            letters.setdefault(first if first.isalpha() else "Numbers", []).append(term)
        nav = etree.SubElement(parent, "p", {"class": "medref-glossary-letters"})
        nav.text = " · ".join(f"[{words(letter)}](#glossary-{letter.lower()})" for letter in letters)
        for letter, members in letters.items():
            heading = etree.SubElement(parent, "h2", {"id": f"glossary-{letter.lower()}"})
            heading.text = words(letter)
            dl = etree.SubElement(parent, "dl", {"class": "medref-glossary"})
            for term in members:
                dt = etree.SubElement(dl, "dt", {"id": f"term-{term.slug}"})
                dt.text = words(term.term + (f" ({term.abbr})" if term.abbr and term.abbr != term.term else ""))
                dd = etree.SubElement(dl, "dd")
                text = inline(term.meaning)
                if term.us:
                    text += " " + words(f"US: {term.us}.")
                if term.see:
                    links = ", ".join(f"[{words(by_term[slugify(s)].term)}](#term-{slugify(s)})" for s in term.see)
                    text += f" See also: {links}."
                dd.text = text
