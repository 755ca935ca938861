"""Page furniture: review box, cite block, report link and JSON-LD (medref/render/furniture.py)."""

from __future__ import annotations

import datetime as dt
import json
import re
import types
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import markdown
import pytest

from medref.render import furniture
from medref.extension import MedrefExtension
from medref.pages import PageInfo

SITE = furniture.Site(name="Vertebroplasty & Kyphoplasty", url="https://example.org/vk/",
                      repo_url="https://github.com/example/vk")

PUBLIC_PAGE = PageInfo(
    path=Path("docs/treatment/risks.md"), rel="treatment/risks.md", url="treatment/risks/",
    meta={"title": "Risks, with numbers", "description": "Each risk in plain words.", "audience": "public",
          "last_reviewed": dt.date(2026, 11, 21), "next_review": dt.date(2027, 11, 21),
          "review": "checked against cited sources"},
)
CLINICIAN_PAGE = PageInfo(
    path=Path("docs/clinicians/quick-reference.md"), rel="clinicians/quick-reference.md",
    url="clinicians/quick-reference/",
    meta={**PUBLIC_PAGE.meta, "title": "Clinician quick reference", "audience": "clinician"},
)
WORKS = [furniture.CitedWork("A sham-controlled trial", "https://doi.org/10.1/x"),
         furniture.CitedWork("An unpublished report", None)]


# ---------------------------------------------------------------------------------- review box

def test_review_box_shows_dates_method_sources_reading_level_and_policy_link():
    box = furniture.review_box(PUBLIC_PAGE, SITE, sources=2, reading_age=10)
    assert "21 November 2026" in box and "21 November 2027" in box
    assert "checked against cited sources" in box
    assert '<a href="#sources">2 listed under Sources</a>' in box
    assert "about age 10" in box
    # A link to the policy's Markdown source: each engine turns it into its own URL style.
    assert 'href="../about/editorial-policy.md"' in box
    assert "Printed from https://example.org/vk/treatment/risks/" in box


def test_review_box_says_when_no_sources_and_omits_reading_level_when_not_measured():
    box = furniture.review_box(CLINICIAN_PAGE, SITE, sources=0, reading_age=None)
    assert "none on this page" in box
    assert "Reading level" not in box


def test_policy_link_from_the_home_page_and_from_the_policy_itself():
    assert furniture.source_href("index.md", "about/editorial-policy.md") == "about/editorial-policy.md"
    assert furniture.source_href("about/editorial-policy.md", "about/editorial-policy.md") == "editorial-policy.md"


def test_review_text_is_escaped():
    page = PageInfo(PUBLIC_PAGE.path, PUBLIC_PAGE.rel, {**PUBLIC_PAGE.meta, "review": "<b>x</b> & y"}, PUBLIC_PAGE.url)
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in furniture.review_box(page, SITE, 0, None)


# ---------------------------------------------------------------------------------- citations

def test_vancouver_citation():
    text = furniture.vancouver(SITE, "Risks, with numbers", "https://example.org/vk/treatment/risks/",
                               dt.date(2026, 11, 21))
    assert text == ("Vertebroplasty & Kyphoplasty. Risks, with numbers [Internet]. 2026 "
                    "[last reviewed 2026 Nov 21; cited DATE]. Available from: https://example.org/vk/treatment/risks/")


def test_apa_citation():
    text = furniture.apa(SITE, "Risks, with numbers", "https://example.org/vk/treatment/risks/", dt.date(2026, 11, 1))
    assert text == ("Vertebroplasty & Kyphoplasty. (2026, November 1). Risks, with numbers. "
                    "Retrieved DATE, from https://example.org/vk/treatment/risks/")


def test_cite_block_is_collapsed_with_both_styles_and_copy_buttons():
    block = furniture.cite_block(PUBLIC_PAGE, SITE)
    assert block.startswith('<details class="medref-cite"') and " open" not in block
    assert "<summary>Cite this page</summary>" in block
    assert 'id="medref-cite-vancouver"' in block and 'id="medref-cite-apa"' in block
    assert block.count('class="md-button medref-copy"') == 2
    assert "Vertebroplasty &amp; Kyphoplasty. Risks, with numbers [Internet]" in block


# ---------------------------------------------------------------------------------- report link

def test_issue_link_encodes_title_and_address():
    link = furniture.issue_link("https://github.com/example/vk/", "Pain & cement: what's normal?",
                                "https://example.org/vk/a/?x=1#y")
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/example/vk/issues/new"
    assert " " not in link and "&body=" in link and link.count("&") == 1  # the page's own & and ? are encoded
    query = parse_qs(parts.query)
    assert query["title"] == ["Error on page: Pain & cement: what's normal?"]
    assert "Address: https://example.org/vk/a/?x=1#y" in query["body"][0]
    assert "Page: Pain & cement: what's normal?" in query["body"][0]


def test_report_paragraph_escapes_the_link():
    paragraph = furniture.report_link(PUBLIC_PAGE, SITE)
    assert "&amp;body=" in paragraph and "Report an error on this page" in paragraph


# ---------------------------------------------------------------------------------- JSON-LD

def test_json_ld_types_and_fields():
    data = json.loads(furniture.json_ld_text(furniture.json_ld(PUBLIC_PAGE, SITE, WORKS)))
    assert data["@context"] == "https://schema.org" and data["@type"] == "MedicalWebPage"
    assert data["url"] == "https://example.org/vk/treatment/risks/"
    assert data["inLanguage"] == "en-GB" and data["lastReviewed"] == "2026-11-21"
    assert data["description"] == "Each risk in plain words."
    assert data["audience"] == [{"@type": "Patient"}]
    names = {item["name"]: item for item in data["about"]}
    assert set(names) == {"Vertebroplasty", "Kyphoplasty"}
    assert all(item["@type"] == "MedicalProcedure" for item in data["about"])
    assert "balloon kyphoplasty" in names["Kyphoplasty"]["alternateName"]
    assert "percutaneous vertebroplasty" in names["Vertebroplasty"]["alternateName"]
    # by address (its title is in the Sources list); by name when it has none
    assert data["citation"] == ["https://doi.org/10.1/x", {"@type": "CreativeWork", "name": "An unpublished report"}]
    assert "reviewedBy" not in data  # no real reviewer exists; never invent one


@pytest.mark.parametrize("audience, expected", [
    ("clinician", [{"@type": "MedicalAudience", "audienceType": "Clinician"}]),
    ("both", [{"@type": "Patient"}, {"@type": "MedicalAudience", "audienceType": "Clinician"}]),
])
def test_json_ld_audience(audience, expected):
    page = PageInfo(PUBLIC_PAGE.path, PUBLIC_PAGE.rel, {**PUBLIC_PAGE.meta, "audience": audience}, PUBLIC_PAGE.url)
    assert furniture.json_ld(page, SITE, [])["audience"] == expected


def test_json_ld_without_citations_has_no_citation_key():
    assert "citation" not in furniture.json_ld(PUBLIC_PAGE, SITE, [])


def test_json_ld_cannot_close_its_script_early():
    page = PageInfo(PUBLIC_PAGE.path, PUBLIC_PAGE.rel, {**PUBLIC_PAGE.meta, "title": "a </script> b"}, PUBLIC_PAGE.url)
    script = furniture.json_ld_script(furniture.json_ld(page, SITE, []))
    assert script.count("</script>") == 1
    assert json.loads(script[script.index(">") + 1:-len("</script>")])["name"] == "a </script> b"


# ---------------------------------------------------------------------------------- whole pages

PAGE_TEXT = """---
title: Risks, with numbers
description: "Each risk in plain words."
audience: public
last_reviewed: 2026-11-21
next_review: 2027-11-21
review: checked against cited sources
---

# Risks, with numbers

Most people have no problems. A few people have a sore back for a day or two.

## Sources {#sources}

1. A trial.
"""


@pytest.fixture
def convert(tmp_path):
    """Convert a page of a throwaway docs folder with the medref extension, as the engines do."""
    docs = tmp_path / "docs"
    (docs / "treatment").mkdir(parents=True)
    (docs / "treatment" / "risks.md").write_text(PAGE_TEXT, encoding="utf-8")

    def run(cited=()):
        ext = MedrefExtension(docs_dir=str(docs), data_dir=str(tmp_path), site_url=SITE.url,
                              repo_url=SITE.repo_url, site_name=SITE.name)
        md = markdown.Markdown(extensions=["toc", "attr_list", ext])

        class Cite(markdown.preprocessors.Preprocessor):  # stands in for the citation processor
            def run(self, lines):
                ext.cited = list(cited)
                ext.data = data  # and for data/references.yml
                return lines

        md.preprocessors.register(Cite(md), "fake-cite", 5)
        body = PAGE_TEXT.split("---\n", 2)[2]
        return md, md.convert(body)

    data = types.SimpleNamespace(changes=None, references={
        "trial": types.SimpleNamespace(key="trial", title="A trial", link=None,
                                       doi_url="https://doi.org/10.1/t", pubmed_url=None, group="trials"),
    })
    return run


def test_furniture_follows_the_sources_list_and_stays_out_of_the_contents(convert):
    md, html = convert(cited=["trial", "unknown-key"])
    assert html.index('id="sources"') < html.index('class="medref-review"') < html.index('class="medref-cite"') \
        < html.index('class="medref-report"') < html.index("application/ld+json")
    assert html.count('class="medref-review"') == 1
    assert "About this page" not in md.toc and "Last reviewed" not in json.dumps(md.toc_tokens)
    assert '<a href="#sources">2 listed under Sources</a>' in html
    assert re.search(r"Reading level</dt><dd>about age \d+<", html)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    assert data["citation"] == ["https://doi.org/10.1/t", {"@type": "CreativeWork", "name": "unknown-key"}]
    assert data["name"] == "Risks, with numbers"


def test_no_furniture_on_text_that_is_not_a_page(convert):
    md = markdown.Markdown(extensions=[MedrefExtension(docs_dir="/nonexistent", site_url=SITE.url)])
    assert "medref-review" not in md.convert("# A snippet\n\nNot a page.")


# ---------------------------------------------------------------------------------- review overdue

def test_no_overdue_notice_before_the_date():
    assert furniture.overdue_notice(PUBLIC_PAGE, dt.date(2027, 11, 21)) == ""


def test_overdue_notice_says_when_and_why():
    meta = {**PUBLIC_PAGE.meta, "review_extended_because": "Urgent fix <elsewhere>; review booked"}
    page = PageInfo(path=PUBLIC_PAGE.path, rel=PUBLIC_PAGE.rel, url=PUBLIC_PAGE.url, meta=meta)
    html = furniture.overdue_notice(page, dt.date(2027, 11, 22))
    assert 'class="admonition warning medref-overdue" role="note"' in html
    assert '<time datetime="2027-11-21">21 November 2027</time>' in html
    assert "Why it is still online: Urgent fix &lt;elsewhere&gt;; review booked" in html


def test_review_box_marks_the_next_review_date_for_the_script():
    html = furniture.review_box(PUBLIC_PAGE, SITE, 2, None)
    assert '<time class="medref-next-review" datetime="2027-11-21">' in html
