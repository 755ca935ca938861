"""The single Markdown extension that wires medref's processors into a page build.

Per-page state lives here, on the extension, as Python-Markdown's own footnotes and abbr do:
`page` (the PageInfo of the page being converted, or None) and `cited` (its citation keys in
order of first use). Every processor is handed the extension and reads or writes that state;
`reset()` clears it, and IdentifyPage sets it afresh at the start of every conversion (MkDocs and
Zensical build a new Markdown per page; a bare Markdown instance may convert many in turn).
`data` is the build's one DataSet (medref.data.dataset): every processor reads data/ through it.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from pathlib import Path

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from medref.data import front_matter, literature_watch
from medref.data.dataset import DataSet, data_set
from medref.pages import PageIndex, PageInfo, UnknownPage, page_from_engine
from medref.render.citations import CitationInline, CitationNumbers
from medref.render.directives import DirectiveBlocks, InlineDirectives, MedrefBuildError
from medref.render.funding_disclosure import FundingDisclosure
from medref.render.furniture import FurnitureTreeprocessor, Site
from medref.render.leftovers import DirectiveLeftovers
from medref.render.registry import DIRECTIVES
from medref.render.term_links import TermLinks

# Every processor medref registers, in one place (see extendMarkdown's docstring for why each sits
# where it does). Higher runs first within a registry.
PRIORITY_IDENTIFY = 40           # preprocessor: before pymdownx.snippets (32) appends the glossary
PRIORITY_INLINE_DIRECTIVES = 39  # preprocessor: after identify (errors name the page), before any parsing
PRIORITY_DIRECTIVES = 75         # block processor: before paragraphs, so a directive line is ours
PRIORITY_CITE = 176              # inline: after code spans (190), so code keeps its [@...]
PRIORITY_FUNDING = 16            # treeprocessor: after inline (20), before the Sources list exists (15)
PRIORITY_CITE_NUMBERS = 15       # treeprocessor: after inline (20), before abbr (7) and toc (5)
PRIORITY_TERM_LINKS = 6          # treeprocessor: after abbr (7) marks the words, before toc (5) and MkDocs' relpath (0)
PRIORITY_FURNITURE = 2           # treeprocessor: after toc (5) and footnotes, before MkDocs' relpath (0)
PRIORITY_LEFTOVERS = 19          # treeprocessor: just after inline (20): every directive is replaced by then
DEBUG_ENV = "MEDREF_DEBUG"       # set (to anything) to see the Python traceback behind a build error


def page_rules(docs_dir: str, data: DataSet) -> None:
    """The front-matter and review-date rules for every page under docs_dir, once per build (cached
    until a page changes), and the literature watch's 12-month rule (when the project keeps one), from
    inside the engine: the same problems and words as `python -m medref front-matter docs` and
    `python -m medref literature-watch`, whichever command runs the build."""
    problems = front_matter.check_docs_once(Path(docs_dir))
    lines = front_matter.report(problems) if problems else []
    if (data.dir / literature_watch.FILENAME).is_file():
        lines += literature_watch.stale(data.get(literature_watch.load_watch), dt.date.today())
    if lines:
        raise MedrefBuildError("\n".join(lines))


def quiet_errors(md, convert):
    """`md.convert` that lets a medref build error (a problem in a page or in data/, whose message
    already names the file and the fix) stop the build as one message, without the Python traceback
    both engines would print under it; with MEDREF_DEBUG set the traceback is kept.

    MkDocs prints a BuildError once and stops ("Aborted with a BuildError!"); its class is taken from
    the running MkDocs (medref imports no engine). Zensical prints the error's type and message."""

    @functools.wraps(convert)
    def run(source, *args, **kwargs):
        try:
            return convert(source, *args, **kwargs)
        except ValueError as exc:
            if not type(exc).__module__.startswith("medref.") or os.environ.get(DEBUG_ENV):
                raise
            mkdocs_errors = sys.modules.get("mkdocs.exceptions")
            if mkdocs_errors is not None and "relpath" in md.treeprocessors:
                raise mkdocs_errors.BuildError(str(exc)) from None
            sys.tracebacklimit = 0  # read by Python's error printout and by Zensical's
            raise

    return run


class IdentifyPage(Preprocessor):
    """Starts each conversion: the page the engine names (else, in unit tests, the page with this
    body) on `ext.page`, and an empty `ext.cited`."""

    def __init__(self, ext, index: PageIndex):
        super().__init__(ext.md)
        self.ext = ext
        self.index = index

    def run(self, lines):
        self.ext.reset()
        self.ext.data = data_set(self.ext.getConfig("data_dir"))  # the build's, unless a file changed
        try:
            page = page_from_engine(self.md, self.ext.getConfig("docs_dir"))
        except UnknownPage as exc:
            raise MedrefBuildError(f"medref: {exc}") from None
        if page is not None:  # an engine's build (unit tests convert text of their own)
            page_rules(self.ext.getConfig("docs_dir"), self.ext.data)
        self.ext.page = page if page is not None else self.index.identify("\n".join(lines))
        return lines


class MedrefExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "data_dir": ["data", "Folder holding references.yml, risks.yml, glossary.yml and urgent-care.yml"],
            "docs_dir": ["docs", "Folder of the Markdown pages (used to name files in errors)"],
            "site_url": ["", "Public base URL of the site (for citations of a page)"],
            "repo_url": ["", "Repository URL (for 'report an error' links)"],
            "site_name": ["", "Site name (for citations of a page)"],
        }
        super().__init__(**kwargs)
        self.md = None
        self.page: PageInfo | None = None
        self.cited: list[str] = []
        self.data: DataSet | None = None  # set by IdentifyPage before any other processor runs

    def extendMarkdown(self, md):  # noqa: N802
        """Registers, on `md`:

        | registry        | name                     | priority | processor                                   |
        | --------------- | ------------------------ | -------- | ------------------------------------------- |
        | preprocessors   | medref-identify          | 40       | IdentifyPage: the page, the data set, state cleared |
        | preprocessors   | medref-inline-directives | 39       | inline directives (`[[trial-fact:T.F]]`) -> Markdown |
        | blockprocessors | medref-directives        | 75       | every block directive, by name (render/registry.py) |
        | inlinePatterns  | medref-cite              | 176      | `[@key]` -> placeholder (citations.py)       |
        | treeprocessors  | medref-leftovers         | 19       | a `[[...` or `[ @key ]` left in the text fails (leftovers.py) |
        | treeprocessors  | medref-funding           | 16       | a company-funded work is named on the page (funding_disclosure.py) |
        | treeprocessors  | medref-cite-numbers      | 15       | numbers, Sources list, `ext.cited`           |
        | treeprocessors  | medref-term-links        | 6        | dotted words link to the glossary (term_links.py) |
        | treeprocessors  | medref-furniture         | 2        | review box, cite, report link, JSON-LD       |

        The directives are the classes registered in medref/render/registry.py (DIRECTIVES, read here, so
        a directive registered there, or by a test, is in every Markdown made afterwards).

        The identify preprocessor runs before pymdownx.snippets (32) appends the abbreviations, so it
        sees the page's own text; on the first page of a build it also checks every page's front matter
        and review dates (page_rules). Directives output `[@key]` Markdown, numbered with the rest of the
        page. Furniture runs after the toc (5), so it stays out of the contents list, and before
        MkDocs rewrites .md links (relpath, 0), so its links to pages are rewritten and checked.
        """
        self.md = md
        md.registerExtension(self)
        if not getattr(md.convert, "medref_quiet", False):
            md.convert = quiet_errors(md, md.convert)
            md.convert.medref_quiet = True
        docs_dir = self.getConfig("docs_dir")
        md.preprocessors.register(IdentifyPage(self, PageIndex(docs_dir)), "medref-identify", PRIORITY_IDENTIFY)
        md.preprocessors.register(InlineDirectives(self, DIRECTIVES), "medref-inline-directives",
                                  PRIORITY_INLINE_DIRECTIVES)
        md.parser.blockprocessors.register(DirectiveBlocks(self, DIRECTIVES), "medref-directives", PRIORITY_DIRECTIVES)
        md.inlinePatterns.register(CitationInline(self), "medref-cite", PRIORITY_CITE)
        md.treeprocessors.register(DirectiveLeftovers(self), "medref-leftovers", PRIORITY_LEFTOVERS)
        md.treeprocessors.register(FundingDisclosure(self), "medref-funding", PRIORITY_FUNDING)
        md.treeprocessors.register(CitationNumbers(self), "medref-cite-numbers", PRIORITY_CITE_NUMBERS)
        site = Site(
            name=self.getConfig("site_name"), url=self.getConfig("site_url"), repo_url=self.getConfig("repo_url"),
        )
        md.treeprocessors.register(TermLinks(self), "medref-term-links", PRIORITY_TERM_LINKS)
        md.treeprocessors.register(FurnitureTreeprocessor(self, site), "medref-furniture", PRIORITY_FURNITURE)

    def reset(self):
        """Called by md.reset() between documents: no page, nothing cited."""
        self.page = None
        self.cited = []


def medref_of(md) -> MedrefExtension:
    """The MedrefExtension registered on a Markdown instance (tests read its per-page state)."""
    return next(ext for ext in md.registeredExtensions if isinstance(ext, MedrefExtension))
