"""Who paid for each trial and review is shown wherever it is cited (issue 11).

The editorial policy promises that when we cite a study paid for by a company, we say so next to
the study. Every page's Sources list renders each work from data/references.yml; this checks, in
the built HTML, that every trial or review in a Sources list carries its "Funding:" line.
"""

from __future__ import annotations

import re

from medref.data.references import FUNDING_REQUIRED, load_references
from tests import sitetools

# The built HTML is minified, so attribute quotes may be dropped (<li id=source-key>).
SOURCE_ITEM = re.compile(r'<li id="?source-([a-z0-9-]+)"?[^>]*>(.*?)</li>', re.S)
FUNDING_LINE = re.compile(r'class="?medref-funding(?: [\w-]+)*"?>Funding: ')


def sources_without_funding(html: str, refs: dict) -> list[str]:
    """Keys of trials and reviews in the page's Sources list whose entry shows no funding line."""
    missing = []
    for key, body in SOURCE_ITEM.findall(html):
        ref = refs.get(key)
        if ref and ref.group in FUNDING_REQUIRED and not FUNDING_LINE.search(body):
            missing.append(key)
    return missing


def test_every_cited_trial_and_review_shows_its_funding(site_dir):
    refs = load_references(sitetools.ROOT / "data")
    problems, seen = [], 0
    for page in sitetools.html_pages(site_dir):
        html = page.read_text(encoding="utf-8")
        seen += len(SOURCE_ITEM.findall(html))
        for key in sources_without_funding(html, refs):
            problems.append(f"{page.relative_to(site_dir)}: source '{key}' has no 'Funding:' line; "
                            "add funding to its entry in data/references.yml")
    assert seen > 50, "found almost no Sources entries; has the Sources list markup changed?"
    assert not problems, "\n".join(problems)


def test_kaviar_shows_its_sponsor_where_cited(site_dir):
    page = (site_dir / "treatment" / "procedures" / "index.html").read_text(encoding="utf-8")
    body = dict(SOURCE_ITEM.findall(page))["dohm2014"]
    assert "Funding: Medtronic Spine LLC" in body


def test_the_check_reports_a_trial_without_funding():
    refs = load_references(sitetools.ROOT / "data")
    html = ('<ol class=medref-sources><li id=source-dohm2014>Dohm M. A trial.</li>'
            '<li id="source-kallmes2009">Kallmes DF. A trial. <span class="medref-funding">Funding: NIH.</span></li>'
            '<li id=source-hsieh2019>Hsieh MK. A series.</li></ol>')
    assert sources_without_funding(html, refs) == ["dohm2014"]  # the series needs none


def _body_before_sources(html: str) -> str:
    """The page's own text: everything before its Sources heading, tags dropped."""
    body = html.split('id="sources"', 1)[0].split("id=sources", 1)[0]
    return re.sub(r"<[^>]+>", " ", body)


def test_company_funded_work_is_named_on_the_page_not_only_in_sources(site_dir):
    """Issue 22: the build stops a page that cites a company-funded work without naming the company
    beside it (medref/render/funding_disclosure.py); this reads the built pages independently."""
    refs = load_references(sitetools.ROOT / "data")
    problems, checked = [], 0
    for page in sitetools.html_pages(site_dir):
        html = page.read_text(encoding="utf-8")
        body = _body_before_sources(html)
        for key, _ in SOURCE_ITEM.findall(html):
            names = getattr(refs.get(key), "company", ())
            if names:
                checked += 1
                if not any(re.search(rf"\b{re.escape(n)}\b", body) for n in names):
                    problems.append(f"{page.relative_to(site_dir)}: cites {key} without naming {'/'.join(names)}")
    assert checked > 10, "no company-funded work found in any Sources list; has the markup changed?"
    assert not problems, "\n".join(problems)
