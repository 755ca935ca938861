"""Page furniture appended to every page: review box, "Cite this page", "Report an error", JSON-LD.

Rendered here rather than in a template because a template (Jinja2 or MiniJinja) cannot count the
sources a page cites or measure its reading level, and because this way both engines produce the
same HTML and every piece can be unit-tested without a build.

It is a treeprocessor that runs late (after inline content, citations, footnotes and the table of
contents, so it sits below the Sources list and stays out of the page's contents list) but before
MkDocs rewrites links (priority 0). Links to other pages are written as links to their Markdown
source, so each engine turns them into the right address for its URL style (the offline build
uses name.html) and checks them. Inputs, on the extension: `page` (which page, its front matter)
and `cited` (ordered citation keys, set by the citation processor; empty means none).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import posixpath
from urllib.parse import quote

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from medref.data.changes import Change, changes_for, missing_message
from medref.data.datafile import as_date
from medref.data.front_matter import EXTENDED_BECAUSE, overdue_since
from medref.pages import PageInfo
from medref.render.directives import MedrefBuildError

EDITORIAL_POLICY = "about/editorial-policy.md"
CITE_ID = "cite"
CITE_TITLE = "Cite this page"
CHANGED_ID = "what-changed"
LANGUAGE = "en-GB"

# What every page is about. Alternate names are the ones readers and clinicians search for.
PROCEDURES = (
    {
        "@type": "MedicalProcedure",
        "name": "Vertebroplasty",
        "alternateName": ["percutaneous vertebroplasty", "PVP", "vertebral augmentation"],
        "procedureType": "https://schema.org/PercutaneousProcedure",
        "bodyLocation": "Spine (vertebral body)",
    },
    {
        "@type": "MedicalProcedure",
        "name": "Kyphoplasty",
        "alternateName": [
            "balloon kyphoplasty", "percutaneous balloon kyphoplasty", "BKP",
            "vertebral augmentation", "kyphoplasty with a stent",
        ],
        "procedureType": "https://schema.org/PercutaneousProcedure",
        "bodyLocation": "Spine (vertebral body)",
    },
)

AUDIENCE_JSON = {
    "public": [{"@type": "Patient"}],
    "clinician": [{"@type": "MedicalAudience", "audienceType": "Clinician"}],
    "both": [{"@type": "Patient"}, {"@type": "MedicalAudience", "audienceType": "Clinician"}],
}


@dataclasses.dataclass(frozen=True)
class Site:
    name: str
    url: str                      # public base URL, e.g. https://example.org/vk/
    repo_url: str


@dataclasses.dataclass(frozen=True)
class CitedWork:
    title: str
    url: str | None


# ------------------------------------------------------------------------------------- helpers

def long_date(day: dt.date | None) -> str:
    """21 November 2026 (UK order)."""
    return f"{day.day} {day:%B %Y}" if day else "not recorded"


def canonical_url(site: Site, page: PageInfo) -> str:
    """The published address of a page (always directory style: that is what people cite)."""
    return site.url.rstrip("/") + "/" + page.url


def source_href(from_rel: str, to_rel: str) -> str:
    """A link from one page's Markdown source to another's; the engine turns it into a URL."""
    return posixpath.relpath(to_rel, posixpath.dirname(from_rel) or ".")


def issue_link(repo_url: str, title: str, url: str) -> str:
    """A GitHub "new issue" link with the page named in the title and body (URL-encoded)."""
    issue_title = f"Error on page: {title}"
    body = (
        f"Page: {title}\nAddress: {url}\n\n"
        "What is wrong (quote the sentence if you can):\n\n"
        "What it should say, and the source for that (if you have one):\n"
    )
    return f"{repo_url.rstrip('/')}/issues/new?title={quote(issue_title, safe='')}&body={quote(body, safe='')}"


# ------------------------------------------------------------------------------------- citations

def vancouver(site: Site, title: str, url: str, reviewed: dt.date | None) -> str:
    """NLM/Vancouver style for a web page with an organisation as author."""
    when = f"{reviewed:%Y %b} {reviewed.day}" if reviewed else "n.d."
    year = f"{reviewed:%Y}" if reviewed else "n.d."
    return f"{site.name}. {title} [Internet]. {year} [last reviewed {when}; cited DATE]. Available from: {url}"


def apa(site: Site, title: str, url: str, reviewed: dt.date | None) -> str:
    """APA 7 style for a web page that changes over time (hence the retrieval date)."""
    when = f"{reviewed:%Y, %B} {reviewed.day}" if reviewed else "n.d."
    return f"{site.name}. ({when}). {title}. Retrieved DATE, from {url}"


# ------------------------------------------------------------------------------------- HTML blocks

def changed_list(changed: list[Change]) -> str:
    """What the last review changed and why, dated (data/changes.yml); empty when nothing is recorded."""
    if not changed:
        return ""
    day = changed[0].date
    items = "".join(f"<li>{html.escape(c.what)} <span class=\"medref-changed-why\">Why: {html.escape(c.why)}</span></li>"
                    for c in changed)
    return (f'<h3 class="medref-changed-title" id="{CHANGED_ID}">What changed on '
            f'<time datetime="{day.isoformat()}">{long_date(day)}</time></h3>'
            f'<ul class="medref-changed">{items}</ul>')


def changed_note(changed: list[Change]) -> str:
    """One line under the page title, so a returning reader sees at once that something is new."""
    day = changed[0].date
    return (f'<p class="medref-changed-note" data-search-exclude="">Updated '
            f'<time datetime="{day.isoformat()}">{long_date(day)}</time>: '
            f'<a href="#{CHANGED_ID}">see what changed</a>.</p>')


def review_box(page: PageInfo, site: Site, sources: int, reading_age: int | None,
               changed: list[Change] | None = None) -> str:
    meta = page.meta
    last, nxt = as_date(meta.get("last_reviewed")), as_date(meta.get("next_review"))
    policy = source_href(page.rel, EDITORIAL_POLICY)
    sources_text = (
        f'<a href="#sources">{sources} listed under Sources</a>' if sources
        else "none on this page"
    )
    rows = [
        ("Last reviewed", f'<time datetime="{last.isoformat()}">{long_date(last)}</time>' if last else long_date(last)),
        # The class lets cite-copy.js show the overdue notice on a page built before its date passed.
        ("Next review due", f'<time class="medref-next-review" datetime="{nxt.isoformat()}">{long_date(nxt)}</time>'
         if nxt else long_date(nxt)),
        ("How it was checked", html.escape(str(meta.get("review") or "not recorded"))),
        ("Sources cited", sources_text),
    ]
    if reading_age is not None:
        rows.append(("Reading level", f"about age {reading_age}"))
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    address = html.escape(canonical_url(site, page))
    return (
        '<aside class="medref-review" aria-label="About this page" data-search-exclude="">'
        '<h2 class="medref-review-title">About this page</h2>'
        f"<dl>{items}</dl>"
        + changed_list(changed or [])
        + 
        f'<p class="medref-review-policy">How we write and check pages: '
        f'<a href="{html.escape(policy)}">our editorial policy</a>.</p>'
        f'<p class="medref-print-only">Printed from {address}</p>'
        "</aside>"
    )


OVERDUE_CLASS = "medref-overdue"


def overdue_notice(page: PageInfo, today: dt.date) -> str:
    """The notice at the top of a page built while its review is overdue (only possible with a logged
    extension, medref.data.front_matter); empty when the page is not overdue. cite-copy.js shows the
    same notice, in the same words, on a page that went past its date after it was built."""
    due = overdue_since(page.meta, today)
    if due is None:
        return ""
    why = str(page.meta.get(EXTENDED_BECAUSE) or "").strip()
    return (
        f'<div class="admonition warning {OVERDUE_CLASS}" role="note" data-search-exclude="">'
        '<p class="admonition-title">Review overdue</p>'
        f'<p>This page was due to be checked against its sources on <time datetime="{due.isoformat()}">'
        f"{long_date(due)}</time>. Until it has been, some of it may be out of date.</p>"
        + (f'<p class="medref-overdue-why">Why it is still online: {html.escape(why)}</p>' if why else "")
        + "</div>"
    )


def cite_block(page: PageInfo, site: Site) -> str:
    title = str(page.meta.get("title") or "")
    url = canonical_url(site, page)
    reviewed = as_date(page.meta.get("last_reviewed"))
    styles = (("Vancouver", "medref-cite-vancouver", vancouver(site, title, url, reviewed)),
              ("APA", "medref-cite-apa", apa(site, title, url, reviewed)))
    parts = []
    for label, ident, text in styles:
        parts.append(
            f'<p><strong>{label}</strong> '
            f'<button type="button" class="md-button medref-copy" data-medref-copy="{ident}">Copy</button></p>'
            f'<p id="{ident}" class="medref-citation">{html.escape(text)}</p>'
        )
    # DATE is the fallback without scripts: cite-copy.js writes today's date in and hides the hint.
    return (
        f'<details class="medref-cite" id="{CITE_ID}" data-search-exclude="">'
        "<summary>Cite this page</summary>"
        + "".join(parts)
        + '<p class="medref-cite-hint">Replace DATE with the date you read the page.</p>'
        "</details>"
    )


def report_link(page: PageInfo, site: Site) -> str:
    title = str(page.meta.get("title") or page.rel)
    href = issue_link(site.repo_url, title, canonical_url(site, page))
    return (
        '<p class="medref-report" data-search-exclude="">'
        f'<a href="{html.escape(href)}">Report an error on this page</a> '
        "(opens a form on GitHub; you need a free account).</p>"
    )


def json_ld(page: PageInfo, site: Site, cited: list[CitedWork]) -> dict:
    meta = page.meta
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": str(meta.get("title") or ""),
        "description": str(meta.get("description") or ""),
        "url": canonical_url(site, page),
        "inLanguage": LANGUAGE,
        "isPartOf": {"@type": "WebSite", "name": site.name, "url": site.url},
        "about": [dict(p) for p in PROCEDURES],
        "audience": AUDIENCE_JSON.get(str(meta.get("audience")), AUDIENCE_JSON["both"]),
    }
    reviewed = as_date(meta.get("last_reviewed"))
    if reviewed:
        data["lastReviewed"] = reviewed.isoformat()
    if cited:
        # A work with an address is cited by its address alone (schema.org's citation takes a URL):
        # its title is already in the page's Sources list, and repeating every title here cost the
        # clinician page 1.2 KB gzip (of 32) on every first load. A work without one keeps its name.
        data["citation"] = [work.url if work.url else {"@type": "CreativeWork", "name": work.title}
                            for work in cited]
    return data


def json_ld_text(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/")  # never close the script element early


def json_ld_script(data: dict) -> str:
    return f'<script type="application/ld+json">{json_ld_text(data)}</script>'


def visible_furniture(page: PageInfo, site: Site, cited: list[CitedWork], reading_age: int | None,
                      changed: list[Change] | None = None) -> str:
    """Review box, cite block and report link (well-formed markup, so it parses as XML too)."""
    return "\n".join((
        review_box(page, site, len(cited), reading_age, changed),
        cite_block(page, site),
        report_link(page, site),
    ))


def furniture_html(page: PageInfo, site: Site, cited: list[CitedWork], reading_age: int | None,
                   changed: list[Change] | None = None) -> str:
    """Everything appended to a page, as HTML."""
    return (visible_furniture(page, site, cited, reading_age, changed) + "\n"
            + json_ld_script(json_ld(page, site, cited)))


# ------------------------------------------------------------------------------------- references

def _cited_works(keys: list[str], data) -> list[CitedWork]:
    """Title and link for each cited key, from the build's data set (order kept)."""
    if not keys:
        return []
    try:
        refs = data.references
    except Exception:  # the citation processor reports broken reference data itself
        refs = {}
    if isinstance(refs, (list, tuple)):
        refs = {getattr(r, "key", None): r for r in refs}
    works = []
    for key in keys:
        ref = refs.get(key)
        if ref is None:
            works.append(CitedWork(title=key, url=None))
            continue
        url = getattr(ref, "link", None) or getattr(ref, "doi_url", None) or getattr(ref, "pubmed_url", None)
        works.append(CitedWork(title=str(getattr(ref, "title", key)), url=url or None))
    return works


STASH_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")


def rendered_html(md, root) -> str:
    """The page as HTML so far, with raw-HTML blocks put back (they wait in a stash until the end)."""
    text = md.serializer(root)
    blocks = md.htmlStash.rawHtmlBlocks

    def restore(match):
        i = int(match.group(1))
        return str(blocks[i]) if i < len(blocks) else ""

    return STASH_PLACEHOLDER.sub(restore, text)


def reading_age_of(page: PageInfo, html_text: str) -> int | None:
    """Reading age of the public prose, for pages written for the public."""
    if page.meta.get("audience") not in ("public", "both"):
        return None
    from medref.render.reading_level import grade, public_prose, reading_age

    prose = public_prose(html_text)
    if len(prose.split()) < 3:
        return None
    return reading_age(grade(prose))


def furniture_elements(page: PageInfo, site: Site, cited: list[CitedWork], age: int | None,
                       changed: list[Change] | None = None) -> list[etree.Element]:
    """The furniture as elements: parsed from our own markup, plus the JSON-LD script."""
    elements = list(etree.fromstring(f"<div>{visible_furniture(page, site, cited, age, changed)}</div>"))
    script = etree.Element("script", {"type": "application/ld+json"})
    script.text = json_ld_text(json_ld(page, site, cited))  # the serializer writes script text unescaped
    return elements + [script]


def insert_after_title(root, element) -> None:
    """Put `element` straight after the page's first h1 (at the top when it has none)."""
    children = list(root)
    for index, child in enumerate(children):
        if child.tag == "h1":
            root.insert(index + 1, element)
            return
    root.insert(0, element)


class FurnitureTreeprocessor(Treeprocessor):
    def __init__(self, ext, site: Site):
        super().__init__(ext.md)
        self.ext = ext
        self.site = site

    def changes_of(self, page: PageInfo) -> list[Change]:
        """What the page's last review changed; a page reviewed with nothing recorded stops the build
        (when the project keeps data/changes.yml at all: a bare test project may not)."""
        changes = self.ext.data.changes
        if changes is None:
            return []
        reviewed = as_date(page.meta.get("last_reviewed"))
        if reviewed is None:  # no review date: the front-matter check reports that, naming the page
            return []
        found = changes_for(changes, page.rel, reviewed)
        if not found:
            raise MedrefBuildError(missing_message(page.rel, reviewed))
        return found

    def run(self, root):
        page = self.ext.page
        if page is None:  # a snippet, a unit test, or a page we cannot identify
            return None
        cited = _cited_works(list(self.ext.cited), self.ext.data)
        age = reading_age_of(page, rendered_html(self.md, root))
        changed = self.changes_of(page)
        for element in furniture_elements(page, self.site, cited, age, changed):
            root.append(element)
        if changed:
            # As raw HTML (stashed): the anchor it links to is added after MkDocs collects the page's
            # anchors, so a tree link would be reported as broken; the site's link test checks it.
            holder = etree.Element("p")
            holder.text = self.md.htmlStash.store(changed_note(changed))
            insert_after_title(root, holder)
        notice = overdue_notice(page, dt.date.today())
        if notice:  # first, under the page's heading when it has one (above the "Updated" line)
            first = 1 if len(root) and root[0].tag == "h1" else 0
            root.insert(first, etree.fromstring(notice))
        add_to_contents(self.md, CITE_ID, CITE_TITLE)
        return None


def add_to_contents(md, ident: str, title: str) -> None:
    """List a block we append (after the table of contents was built) in the page's contents.

    Both engines build the contents sidebar from md.toc_tokens; the entry goes beside the other
    second-level headings (under the page title when there is one).
    """
    tokens = getattr(md, "toc_tokens", None)
    if tokens is None:
        return
    token = {"level": 2, "id": ident, "name": title, "html": title, "data-toc-label": "", "children": []}
    if len(tokens) == 1 and tokens[0].get("level") == 1:
        tokens[0].setdefault("children", []).append(token)
    else:
        tokens.append(token)
