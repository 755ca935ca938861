"""Each page's reference-manager files hold exactly the works its Sources list shows.

The Sources list comes from rendering the page; the page's RIS file (downloads/sources/<page>.ris) comes
from the citation scan (medref.cited), which asks the directive registry what each directive cites. This
checks, in the built site of each engine, that the two agree for every page, so a directive whose `cites`
drifts from what it renders is caught by name.
"""

from __future__ import annotations

import re
from pathlib import Path

from medref.pages import DOWNLOADS_PAGE_DIR, page_slug, source_for
from tests import sitetools

SOURCE_ITEM = re.compile(r'<li id="?source-([a-z0-9-]+)"?')
RIS_ID = re.compile(r"^ID  - (.+)$", re.M)


def export_problems(site_dir: Path, docs_dir: Path = sitetools.ROOT / "docs") -> list[str]:
    problems = []
    for page in sitetools.html_pages(site_dir):
        source = source_for(sitetools.page_url(site_dir, page), docs_dir)
        if source is None:
            continue
        rel = source.relative_to(docs_dir).as_posix()
        shown = set(SOURCE_ITEM.findall(page.read_text(encoding="utf-8")))
        ris = site_dir / "downloads" / DOWNLOADS_PAGE_DIR / f"{page_slug(rel)}.ris"
        exported = set(RIS_ID.findall(ris.read_text(encoding="utf-8"))) if ris.is_file() else set()
        if shown != exported:
            problems.append(f"{rel}: Sources list and {ris.relative_to(site_dir)} differ (only listed: "
                            f"{sorted(shown - exported)}, only exported: {sorted(exported - shown)}); run "
                            "`python -m medref reference-export`, and if that does not help, make the `cites` "
                            "of the page's directives return what they render")
    return problems


def test_every_page_exports_the_sources_it_lists(site_dir):
    assert not export_problems(site_dir), "\n".join(export_problems(site_dir))


def test_the_check_names_a_page_whose_export_misses_a_source(tmp_path):
    docs = tmp_path / "docs"
    (docs / "treatment").mkdir(parents=True)
    (docs / "treatment" / "risks.md").write_text("# Risks\n", encoding="utf-8")
    site = tmp_path / "site"
    (site / "treatment" / "risks").mkdir(parents=True)
    (site / "treatment" / "risks" / "index.html").write_text(
        "<ol class=medref-sources><li id=source-a>A.</li><li id=source-b>B.</li></ol>", encoding="utf-8")
    (site / "downloads" / "sources").mkdir(parents=True)
    (site / "downloads" / "sources" / "treatment-risks.ris").write_text("TY  - GEN\nID  - a\nER  - \n",
                                                                         encoding="utf-8")
    assert [p.split(" (")[0] for p in export_problems(site, docs)] == [
        "treatment/risks.md: Sources list and downloads/sources/treatment-risks.ris differ"]
    assert "only listed: ['b']" in export_problems(site, docs)[0]
