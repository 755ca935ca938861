"""The single Markdown extension that wires medref's processors into a page build.

Each feature lives in its own module and registers here. `md.medref_page` holds the PageInfo of
the page being converted (or None), set by the first of our preprocessors to run, from what the
engine says it is converting (medref/pages.py).
"""

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from medref.furniture import FurnitureTreeprocessor, Site
from medref.pages import PageIndex, UnknownPage, page_from_engine

# Preprocessor priorities: ours run before pymdownx.snippets (32) appends the glossary, so they see
# the page's own text, and after that nothing of ours touches the appended abbreviations.
PRIORITY_IDENTIFY = 40
# Treeprocessor: page furniture goes after inline (20), footnotes and toc (5), so it follows the Sources
# list and stays out of the contents list, and before MkDocs rewrites .md links (relpath, 0).
PRIORITY_FURNITURE = 2


class IdentifyPage(Preprocessor):
    """Sets `md.medref_page`: the page the engine names, else (unit tests) the page with this body."""

    def __init__(self, md, docs_dir: str, index: PageIndex):
        super().__init__(md)
        self.docs_dir = docs_dir
        self.index = index

    def run(self, lines):
        try:
            page = page_from_engine(self.md, self.docs_dir)
        except UnknownPage as exc:
            raise ValueError(f"medref: {exc}") from None
        self.md.medref_page = page if page is not None else self.index.identify("\n".join(lines))
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

    def extendMarkdown(self, md):  # noqa: N802
        md.registerExtension(self)
        md.medref_page = None
        docs_dir = self.getConfig("docs_dir")
        md.preprocessors.register(IdentifyPage(md, docs_dir, PageIndex(docs_dir)), "medref-identify", PRIORITY_IDENTIFY)
        # Citations, risk figures, icon arrays, glossary: priorities are in each module. Imported here so
        # `python -m medref.references` / `medref.glossary` do not import themselves twice.
        from medref import citations, glossary, handouts, risk_render, trial_render, urgent

        data_dir = self.getConfig("data_dir")
        citations.register(md, data_dir)
        risk_render.register(md, data_dir)
        trial_render.register(md, data_dir)
        handouts.register(md)
        glossary.register(md, data_dir)
        urgent.register(md, data_dir)
        site = Site(
            name=self.getConfig("site_name"), url=self.getConfig("site_url"), repo_url=self.getConfig("repo_url"),
        )
        md.treeprocessors.register(
            FurnitureTreeprocessor(md, site, self.getConfig("data_dir")), "medref-furniture", PRIORITY_FURNITURE
        )

    def reset(self):
        pass
