"""Numbered citations: `[@key]` and `[@a; @b]` in Markdown, a Sources list at the foot of the page,
and the grouped `[[references]]` list for the References page.

How it fits together (priorities matter):
- CitationInline (inline pattern, priority 176, after code spans at 190) turns each citation into a
  placeholder <sup> holding its keys, failing the build on an unknown key (file, line, key).
- CitationNumbers (treeprocessor, priority 15: after inline processing at 20, before abbr at 7 and the
  table of contents at 5) walks the page in document order, numbers keys by first use, links each
  number to `#source-<key>` and appends `## Sources {#sources}`. It leaves the page's cited keys,
  in order, in the extension's `cited` for other features (review box, JSON-LD).
- Each number is a tap target of at least 24 x 24 px (site.css). The first place a source is cited
  gets the id `cite-<key>`, and the source's entry links back to it ("Back to the text"), so a reader
  who jumps down can return. On pages for the public (audience public or both) the list is folded
  under a "Show the N sources" summary, so references do not fill a phone; cite-copy.js opens it
  when a number is followed (Chromium also opens it by itself without scripts).
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from medref.data import references
from medref.pages import DOWNLOADS_PAGE_DIR, page_slug
from medref.render.directives import BlockDirective, MedrefBuildError, stash, where

KEY_ATTR = "data-medref-keys"
# Anything in [@...] is a citation, so a malformed one fails loudly instead of showing.
CITE_RE = r"\[@([^\]]*)\]"  # may wrap onto the next line inside a paragraph


def parse_keys(inner: str) -> list[str] | None:
    """'a; @b' (the text after '[@') -> ['a', 'b']; None if malformed."""
    parts = [p.strip() for p in ("@" + inner).split(";")]
    keys = []
    for part in parts:
        if not re.fullmatch(r"@[A-Za-z0-9_.:-]+", part):
            return None
        keys.append(part[1:])
    return keys


class CitationError(MedrefBuildError):
    pass


def unknown_key_message(page, key: str, source_file: str) -> str:
    return (f"{where(page, '@' + key)}: unknown citation key '{key}'; add it to {source_file} "
            "or fix the key (see AUTHORING.md, 'Citation keys')")


class CitationInline(InlineProcessor):
    def __init__(self, ext):
        super().__init__(CITE_RE, ext.md)
        self.ext = ext

    def handleMatch(self, m, data):  # noqa: N802
        refs = self.ext.data.references
        keys = parse_keys(m.group(1))
        if keys is None:
            raise CitationError(
                f"{where(self.ext.page, m.group(0))}: malformed citation '{m.group(0)}'; write [@key] or "
                "[@key1; @key2] (keys separated by semicolons, each starting with @)")
        for key in keys:
            if key not in refs:
                raise CitationError(unknown_key_message(self.ext.page, key, str(self.ext.data.dir / references.FILENAME)))
        sup = etree.Element("sup", {"class": "medref-cite", KEY_ATTR: " ".join(keys)})
        return sup, m.start(0), m.end(0)


class CitationNumbers(Treeprocessor):
    def __init__(self, ext):
        super().__init__(ext.md)
        self.ext = ext

    def run(self, root):
        cited: list[str] = []
        first_use: set[str] = set()
        placeholders = [el for el in root.iter("sup") if KEY_ATTR in el.attrib]
        if not placeholders:
            return  # the extension's cited list stays empty for this page
        refs = self.ext.data.references
        parents = {child: parent for parent in root.iter() for child in parent}
        for sup in placeholders:
            _hug_preceding_text(sup, parents.get(sup))
            keys = sup.attrib.pop(KEY_ATTR).split()
            for key in keys:
                if key not in cited:
                    cited.append(key)
            numbers = sorted({cited.index(k) + 1 for k in keys})
            for position, number in enumerate(numbers):
                ref = refs[cited[number - 1]]
                attrs = {"href": f"#source-{ref.key}", "title": short_label(ref)}
                if ref.key not in first_use:
                    first_use.add(ref.key)
                    attrs["id"] = f"cite-{ref.key}"  # where "Back to the text" returns to
                link = etree.SubElement(sup, "a", attrs)
                link.text = str(number)
                if position < len(numbers) - 1:
                    link.tail = ","
        self.ext.cited = cited
        page = self.ext.page
        folded = page is not None and page.meta.get("audience") in FOLDED_AUDIENCES
        append_sources(self.md, page, root, [refs[k] for k in cited], folded=folded)


def _hug_preceding_text(sup, parent) -> None:
    """'harm [@x].' renders as 'harm¹.', not 'harm ¹.': a superscript sits against its word."""
    if parent is None:
        return
    index = list(parent).index(sup)
    if index == 0:
        parent.text = (parent.text or "").rstrip(" \n")
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "").rstrip(" \n")


def short_label(ref) -> str:
    """'Buchbinder 2009' style label for a link's tooltip."""
    if not ref.authors:
        return f"{ref.title.split(':')[0]} {ref.year}"
    words = ref.authors[0].split()
    # "Buchbinder R" -> "Buchbinder"; an organisation ("National Institute for ...") keeps its name.
    personal = len(words) >= 2 and words[-1].isupper() and len(words[-1]) <= 3
    first = " ".join(words[:-1]) if personal else ref.authors[0]
    more = " et al." if len(ref.authors) > 1 else ""
    return f"{first}{more} {ref.year}"


# Pages for these audiences fold their source list: a patient on a phone should not scroll past
# screens of journal references (clinician pages keep the list open).
FOLDED_AUDIENCES = ("public", "both")


def append_sources(md, page, root, refs, folded: bool = False) -> None:
    # Out of the search index (Material honours data-search-exclude): the References page holds the
    # same entries once, and this list was about a quarter of the index every page downloads.
    heading = etree.SubElement(root, "h2", {"id": "sources", "data-search-exclude": ""})
    heading.text = "Sources"
    holder = root
    if folded:
        holder = etree.SubElement(root, "details", {"class": "medref-sources-fold", "data-search-exclude": ""})
        summary = etree.SubElement(holder, "summary")
        summary.text = f"Show the {len(refs)} source{'s' if len(refs) != 1 else ''} for this page"
    ol = etree.SubElement(holder, "ol", {"class": "medref-sources", "data-search-exclude": ""})
    for ref in refs:
        li = etree.SubElement(ol, "li", {"id": f"source-{ref.key}"})
        li.text = stash(md, ref.vancouver_html())
        back = etree.SubElement(li, "a", {"class": "medref-back", "href": f"#cite-{ref.key}"})
        back.text = "Back to the text"
        back.tail = ""
    if page is not None:
        # This page's sources for a reference manager (files from medref.render.reference_export). Real <a>
        # elements with docs-relative paths, so each engine rewrites them for its URL style and checks them.
        base = "../" * page.rel.count("/") + f"downloads/{DOWNLOADS_PAGE_DIR}/{page_slug(page.rel)}"
        p = etree.SubElement(holder, "p", {"class": "medref-sources-download", "data-search-exclude": ""})
        p.text = "These sources for your reference manager: "
        ris = etree.SubElement(p, "a", {"href": f"{base}.ris", "download": ""})
        ris.text = "RIS"
        ris.tail = " · "
        bib = etree.SubElement(p, "a", {"href": f"{base}.bib", "download": ""})
        bib.text = "BibTeX"


class ReferencesDirective(BlockDirective):
    """`[[references]]`: every reference, grouped, for the References page."""

    NAMES = ("references",)
    DOCS = (("[[references]]", "every reference in data/references.yml, grouped (the References page)"),)

    def render(self, parent, name, value):
        refs = self.data.references
        for group, heading_text in references.GROUPS.items():
            members = sorted((r for r in refs.values() if r.group == group),
                             key=lambda r: (r.authors[0].lower() if r.authors else r.title.lower(), r.year))
            if not members:
                continue
            heading = etree.SubElement(parent, "h2", {"id": f"references-{group}"})
            heading.text = heading_text
            ul = etree.SubElement(parent, "ul", {"class": "medref-references"})
            for ref in members:
                li = etree.SubElement(ul, "li", {"id": f"ref-{ref.key}"})
                li.text = stash(self.md, ref.vancouver_html())
