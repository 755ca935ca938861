"""Every built page (both engines) has the review box, cite block, error link, head metadata and
JSON-LD; the sitemap dates come from last_reviewed. Broken fixtures prove the checks can fail."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest

from medref.data.front_matter import read_front_matter
from tests import sitetools
from tests.site.page_facts import furniture_problems

FIXTURES = Path(__file__).parent / "fixtures" / "reader"


def repo_url() -> str:
    """The repository URL the build used (REPO_URL, else the default named in mkdocs.yml)."""
    text = (sitetools.ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    default = re.search(r'^repo_url:.*\[REPO_URL,\s*"([^"]+)"\]', text, re.M).group(1)
    return os.environ.get("REPO_URL", default).rstrip("/")


def test_every_page_has_furniture_and_metadata(site_dir, engine):
    pages = sitetools.html_pages(site_dir)
    assert len(pages) >= 10, f"{engine}: only {len(pages)} pages built"
    problems = []
    for page in pages:
        name = f"{engine}:{page.relative_to(site_dir).as_posix()}"
        problems += furniture_problems(name, page.read_text(encoding="utf-8"), repo_url())
    assert not problems, "\n".join(problems)


def test_descriptions_are_unique(site_dir, engine):
    from tests.site.page_facts import PageFacts

    seen: dict[str, str] = {}
    clashes = []
    for page in sitetools.html_pages(site_dir):
        name = page.relative_to(site_dir).as_posix()
        for text in PageFacts(page.read_text(encoding="utf-8")).meta.get("description", []):
            if text in seen:
                clashes.append(f"{engine}: {name} has the same description as {seen[text]}; "
                               "give each page its own 'description' in front matter")
            seen[text] = name
    assert not clashes, "\n".join(clashes)


def test_sitemap_lastmod_is_last_reviewed(site_dir, engine):
    tree = etree.parse(site_dir / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = tree.getroot().findall("s:url", ns)
    assert len(entries) >= 10, f"{engine}: sitemap lists only {len(entries)} pages"
    problems = []
    docs = sitetools.ROOT / "docs"
    for entry in entries:
        loc = entry.findtext("s:loc", namespaces=ns)
        lastmod = entry.findtext("s:lastmod", namespaces=ns)
        path = re.sub(r"^https?://[^/]+/", "", loc)
        stem = path.rstrip("/") or "index"
        source = next((p for p in (docs / f"{stem}.md", docs / stem / "index.md") if p.is_file()), None)
        if source is None:
            problems.append(f"{engine}: sitemap entry {loc} has no page in docs/")
            continue
        expected = str(read_front_matter(source).get("last_reviewed"))
        if lastmod != expected:
            problems.append(f"{engine}: sitemap lastmod for {loc} is {lastmod!r}, expected last_reviewed "
                            f"{expected} from {source.relative_to(sitetools.ROOT)}; see overrides/sitemap.xml")
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ the checks can fail

@pytest.mark.parametrize("fixture, expected", [
    ("no-furniture.html", ["no review box", "no 'Cite this page' block", "no 'Report an error' link",
                           "expected one JSON-LD script"]),
    ("broken-json-ld.html", ["JSON-LD does not parse"]),
    ("wrong-types.html", ["not MedicalWebPage", "MedicalProcedure entries", "names a reviewer",
                          "inLanguage is 'en'", "expected one non-empty <meta> 'og:image'",
                          "does not open a new issue", "does not link to the editorial policy"]),
])
def test_furniture_check_fails_on_broken_page(fixture, expected):
    problems = furniture_problems(fixture, (FIXTURES / fixture).read_text(encoding="utf-8"),
                                  "https://github.com/vk-reference/vertebroplasty-kyphoplasty")
    text = "\n".join(problems)
    for phrase in expected:
        assert phrase in text, f"expected {phrase!r} in:\n{text}"
    assert all(line.startswith(fixture) for line in problems)


# ------------------------------------------------------------------ copy button (browser)

def copy_problem(browser, base_url: str, name: str, block: str | None = None) -> str | None:
    """Reach a page by following a link (instant navigation, where the engine has it), open
    "Cite this page", press Copy; None if the clipboard then holds the Vancouver citation."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        if block:
            page.route(re.compile(block), lambda route: route.abort())
        page.goto(base_url + "/", wait_until="load")
        page.locator("a[href$='treatment/risks/']").first.click()
        page.wait_for_url(re.compile(r"/treatment/risks/$"))
        page.locator("details.medref-cite > summary").click()
        button = page.locator("[data-medref-copy='medref-cite-vancouver']")
        if not button.is_visible():
            return (f"{name}: the Copy button is not shown; docs/assets/javascripts/cite-copy.js did not run "
                    "(is it listed under extra_javascript in mkdocs.yml?)")
        button.click()
        page.wait_for_timeout(300)
        copied = page.evaluate("navigator.clipboard.readText()")
        expected = page.locator("#medref-cite-vancouver").inner_text().strip()
        if copied != expected:
            return f"{name}: Copy put {copied!r} on the clipboard, expected {expected!r}"
        return None
    finally:
        context.close()


def test_copy_button_copies_the_citation(browser, base_url, engine):
    problem = copy_problem(browser, base_url, engine)
    assert problem is None, problem


def test_copy_check_fails_without_the_script(browser, base_url, engine):
    problem = copy_problem(browser, base_url, engine, block=r"cite-copy(\.min)?\.js")
    assert problem and "Copy button is not shown" in problem and "cite-copy.js" in problem
