"""Each page's furniture names that page: both engines tell medref which page it converts.

Two pages with the same body once got the same JSON-LD url, "Cite this page" and "Report an error"
link, because medref guessed the page by hashing its body. Now it asks the engine
(medref/pages.py); this test builds two twin pages with each engine and checks each names itself.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
import urllib.parse

from tests import sitetools

BODY = "# Same words\n\nThese two pages have exactly the same body.\n"
SITE_URL = "https://example.org/twins/"


def twin_project(tmp_path):
    project = tmp_path / "twins"
    (project / "docs").mkdir(parents=True)
    shutil.copytree(sitetools.ROOT / "data", project / "data")
    (project / "data" / "changes.yml").unlink()  # what changed on the real pages; these two are new
    for name in ("first", "second"):
        (project / "docs" / f"{name}.md").write_text(textwrap.dedent(f"""\
            ---
            title: Twin {name}
            description: "The {name} of two pages with the same body."
            audience: public
            last_reviewed: 2026-11-21
            next_review: 2027-11-21
            review: a test page
            ---
            """) + BODY, encoding="utf-8")
    (project / "docs" / "about").mkdir()  # the review box links to the editorial policy

    def front_matter(title: str) -> str:  # every page of a build needs it (medref checks them all)
        return (f'---\ntitle: {title}\ndescription: "{title} of the twins test."\naudience: public\n'
                "last_reviewed: 2026-11-21\nnext_review: 2027-11-21\nreview: a test page\n---\n")
    (project / "docs" / "about" / "editorial-policy.md").write_text(front_matter("Policy") + "# Editorial policy\n",
                                                                     encoding="utf-8")
    (project / "docs" / "index.md").write_text(front_matter("Home") +
                                               "# Home\n\n[First](first.md) and [second](second.md).\n")
    (project / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: Twins
        site_url: {SITE_URL}
        strict: true
        theme:
          name: material
          variant: classic
        markdown_extensions:
          - medref:
              data_dir: data
              docs_dir: docs
              site_url: {SITE_URL}
              repo_url: https://github.com/example/twins
              site_name: Twins
        """), encoding="utf-8")
    return project


def furniture_names(html: str) -> dict[str, str]:
    """What a built page's furniture says its address is: JSON-LD url, citation, error link."""
    ld = next(json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S))
    graph = ld.get("@graph", [ld])
    page = next(item for item in graph if "MedicalWebPage" in str(item.get("@type")))
    issue = re.search(r'href="(https://github\.com/example/twins/issues/new[^"]*)"', html)
    return {
        "json-ld": page["url"],
        "citation": "cite" if SITE_URL in html else "",
        "error link": urllib.parse.unquote(issue.group(1)).replace("&amp;", "&") if issue else "",
    }


def test_twin_pages_each_name_themselves(tmp_path, engine):
    project = twin_project(tmp_path)
    proc = sitetools.build(engine, project / "site", project=project)
    assert proc.returncode == 0, f"{engine} build failed:\n{sitetools.output(proc)}"
    for name in ("first", "second"):
        html = (project / "site" / name / "index.html").read_text(encoding="utf-8")
        names = furniture_names(html)
        assert names["json-ld"] == f"{SITE_URL}{name}/", (engine, name, names)
        assert f"Twin {name}" in html and f"{SITE_URL}{name}/" in html, (engine, name)
        assert f"{SITE_URL}{name}/" in names["error link"], (engine, name, names["error link"])
