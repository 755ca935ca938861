"""Each page's furniture names that page: both engines tell medref which page it converts.

Two pages with the same body once got the same JSON-LD url, "Cite this page" and "Report an error"
link, because medref guessed the page by hashing its body. Now it asks the engine
(medref/pages.py); this test builds two twin pages with each engine and checks each names itself.
"""

from __future__ import annotations

import json
import re
import urllib.parse

from tests import sitetools

BODY = "These two pages have exactly the same body.\n"
SITE_URL = "https://example.org/twins/"


def twin_project(tmp_path):
    pages = {f"{name}.md": sitetools.mini_page(title=f"Twin {name}", description=f"The {name} of two pages with the same body.",
                                               heading="Same words", body=BODY)
             for name in ("first", "second")}
    pages["index.md"] = sitetools.mini_page(body="[First](first.md) and [second](second.md).")
    config = sitetools.mini_config("Twins", SITE_URL, {"site_url": SITE_URL, "site_name": "Twins",
                                                       "repo_url": "https://github.com/example/twins"})
    return sitetools.mini_project(tmp_path / "twins", pages, config)


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
