"""The single Markdown extension that wires medref's processors into a page build.

Per-page state lives here, on the extension, as Python-Markdown's own footnotes and abbr do:
`page` (the PageInfo of the page being converted, or None) and `cited` (its citation keys in
order of first use). Every processor is handed the extension and reads or writes that state;
`reset()` clears it, and IdentifyPage sets it afresh at the start of every conversion (MkDocs and
Zensical build a new Markdown per page; a bare Markdown instance may convert many in turn).
"""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from medref.render.citations import CitationInline, CitationNumbers, ReferencesDirective
from medref.render.funding_disclosure import FundingDisclosure
from medref.render.furniture import FurnitureTreeprocessor, Site
from medref.render.glossary_render import GlossaryDirective
from medref.render.handouts import PdfLinkDirective
from medref.render.literature_watch_render import LiteratureWatchDirective
from medref.pages import PageIndex, PageInfo, UnknownPage, page_from_engine
from medref.render.risk_render import RiskDirective
from medref.render.trial_render import TrialDirective, TrialFacts
from medref.render.urgent_render import UrgentCareDirective

# Every processor medref registers, in one place (see extendMarkdown's docstring for why each sits
# where it does). Higher runs first within a registry.
PRIORITY_IDENTIFY = 40           # preprocessor: before pymdownx.snippets (32) appends the glossary
PRIORITY_TRIAL_FACTS = 39        # preprocessor: after identify (errors name the page), before any parsing
PRIORITY_REFERENCES = 75         # block processors: before paragraphs, so a directive line is ours
PRIORITY_RISKS = 74
PRIORITY_GLOSSARY = 73
PRIORITY_TRIALS = 72
PRIORITY_URGENT = 72
PRIORITY_PDF_LINK = 71
PRIORITY_WATCH = 70
PRIORITY_CITE = 176              # inline: after code spans (190), so code keeps its [@...]
PRIORITY_FUNDING = 16           # treeprocessor: after inline (20), before the Sources list exists (15)
PRIORITY_CITE_NUMBERS = 15       # treeprocessor: after inline (20), before abbr (7) and toc (5)
PRIORITY_FURNITURE = 2           # treeprocessor: after toc (5) and footnotes, before MkDocs' relpath (0)


class IdentifyPage(Preprocessor):
    """Starts each conversion: the page the engine names (else, in unit tests, the page with this
    body) on `ext.page`, and an empty `ext.cited`."""

    def __init__(self, ext, index: PageIndex):
        super().__init__(ext.md)
        self.ext = ext
        self.index = index

    def run(self, lines):
        self.ext.reset()
        try:
            page = page_from_engine(self.md, self.ext.getConfig("docs_dir"))
        except UnknownPage as exc:
            raise ValueError(f"medref: {exc}") from None
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

    def extendMarkdown(self, md):  # noqa: N802
        """Registers, on `md`:

        | registry        | name                  | priority | processor                                   |
        | --------------- | --------------------- | -------- | ------------------------------------------- |
        | preprocessors   | medref-identify       | 40       | IdentifyPage: the page, state cleared        |
        | preprocessors   | medref-trial-facts    | 39       | `[[trial-fact:T.F]]` -> words + `[@key]` (trial_render.py) |
        | blockprocessors | medref-references     | 75       | `[[references]]` (citations.py)              |
        | blockprocessors | medref-risks          | 74       | `[[sentence]]`, `[[icon-array]]`, `[[risk-table]]` (risk_render.py) |
        | blockprocessors | medref-glossary       | 73       | `[[glossary]]` (glossary.py)                 |
        | blockprocessors | medref-trials         | 72       | `[[trial-table]]`, `[[trial-summary]]`, `[[trial-chart]]` (trial_render.py) |
        | blockprocessors | medref-urgent         | 72       | `[[urgent-care]]` (urgent_render.py)              |
        | blockprocessors | medref-pdf-link       | 71       | `[[pdf-download]]` (handouts.py)             |
        | blockprocessors | medref-watch          | 70       | `[[literature-watch]]` (literature_watch_render.py) |
        | inlinePatterns  | medref-cite           | 176      | `[@key]` -> placeholder (citations.py)       |
        | treeprocessors  | medref-funding        | 16       | company-funded work named on the page (funding_disclosure.py) |
        | treeprocessors  | medref-cite-numbers   | 15       | numbers, Sources list, `ext.cited`           |
        | treeprocessors  | medref-furniture      | 2        | review box, cite, report link, JSON-LD       |

        The identify preprocessor runs before pymdownx.snippets (32) appends the abbreviations, so it
        sees the page's own text. Directives output `[@key]` Markdown, numbered with the rest of the
        page. Furniture runs after the toc (5), so it stays out of the contents list, and before
        MkDocs rewrites .md links (relpath, 0), so its links to pages are rewritten and checked.
        """
        self.md = md
        md.registerExtension(self)
        docs_dir = self.getConfig("docs_dir")
        md.preprocessors.register(IdentifyPage(self, PageIndex(docs_dir)), "medref-identify", PRIORITY_IDENTIFY)
        md.preprocessors.register(TrialFacts(self), "medref-trial-facts", PRIORITY_TRIAL_FACTS)
        blocks = md.parser.blockprocessors
        blocks.register(ReferencesDirective(self), "medref-references", PRIORITY_REFERENCES)
        blocks.register(RiskDirective(self), "medref-risks", PRIORITY_RISKS)
        blocks.register(GlossaryDirective(self), "medref-glossary", PRIORITY_GLOSSARY)
        blocks.register(TrialDirective(self), "medref-trials", PRIORITY_TRIALS)
        blocks.register(UrgentCareDirective(self), "medref-urgent", PRIORITY_URGENT)
        blocks.register(PdfLinkDirective(self), "medref-pdf-link", PRIORITY_PDF_LINK)
        blocks.register(LiteratureWatchDirective(self), "medref-watch", PRIORITY_WATCH)
        md.inlinePatterns.register(CitationInline(self), "medref-cite", PRIORITY_CITE)
        md.treeprocessors.register(FundingDisclosure(self), "medref-funding", PRIORITY_FUNDING)
        md.treeprocessors.register(CitationNumbers(self), "medref-cite-numbers", PRIORITY_CITE_NUMBERS)
        site = Site(
            name=self.getConfig("site_name"), url=self.getConfig("site_url"), repo_url=self.getConfig("repo_url"),
        )
        md.treeprocessors.register(FurnitureTreeprocessor(self, site), "medref-furniture", PRIORITY_FURNITURE)

    def reset(self):
        """Called by md.reset() between documents: no page, nothing cited."""
        self.page = None
        self.cited = []


def medref_of(md) -> MedrefExtension:
    """The MedrefExtension registered on a Markdown instance (tests read its per-page state)."""
    return next(ext for ext in md.registeredExtensions if isinstance(ext, MedrefExtension))
