"""Every internal link and #anchor in each built site resolves.

The engines' own validation checks Markdown links; this reads the built HTML, so it also covers
links written as raw HTML, links made by templates and by `medref`, and the canonical URL.
"""

from __future__ import annotations

import html.parser
import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tests import sitetools

FIXTURES = Path(__file__).parent / "fixtures" / "links"

# Attributes that point at another file of the site.
LINK_ATTRIBUTES = {"a": "href", "link": "href", "area": "href", "script": "src", "img": "src",
                   "source": "src", "iframe": "src", "video": "src", "audio": "src"}
# Fragments that the theme's JavaScript handles rather than an element with that id.
THEME_ANCHORS = {
    "__consent",  # Material: a link to #__consent reopens the cookie-consent dialog
}
# Any origin, so relative links resolve as a browser would; only the path and fragment matter.
ORIGIN = "http://site.invalid"


class _PageParser(html.parser.HTMLParser):
    """Collects element ids (link targets) and outgoing links of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and attrs.get(attribute) is not None:
            self.links.append(attrs[attribute])


@lru_cache(maxsize=None)
def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def _target_file(site_dir: Path, url_path: str) -> Path | None:
    """The file a URL path is served from, as a static server does (directory URLs → index.html)."""
    relative = unquote(url_path).lstrip("/")
    candidate = site_dir / relative
    if url_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _site_path(href: str, page_path: str, site_url: str) -> tuple[str, str] | None:
    """(path, fragment) inside the site for an internal link; None for anything external."""
    if href.startswith(site_url):  # absolute links to the site itself, e.g. the canonical URL
        href = "/" + href[len(site_url):]
    parts = urlsplit(urljoin(ORIGIN + page_path, href))
    if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
        return None  # another host, or mailto:, tel:, javascript:, data:
    return parts.path, parts.fragment


def link_problems(site_dir: Path, site_url: str = "http://127.0.0.1:8000/") -> list[str]:
    """One line per dead link or missing anchor, naming the page (and its source) and the target."""
    site_dir = Path(site_dir)
    problems = []
    # every HTML file: content pages, the 404 page and redirect stubs (a redirect to nowhere is dead too)
    for page in sorted(site_dir.rglob("*.html")):
        page_path = sitetools.page_url(site_dir, page)
        where = f"{page.relative_to(site_dir).as_posix()} ({sitetools.source_hint(page_path)})"
        for href in _parse(page).links:
            href = href.strip()
            resolved = _site_path(href, page_path, site_url)
            if resolved is None:
                continue
            path, fragment = resolved
            target = _target_file(site_dir, path)
            if target is None:
                problems.append(f"{where}: dead link '{href}': nothing is built at {unquote(path)}; "
                                "fix the link or add the page")
                continue
            fragment = unquote(fragment)
            if not fragment or fragment in THEME_ANCHORS or fragment.startswith(":~:"):
                continue
            if target.suffix == ".html" and fragment not in _parse(target).ids:
                problems.append(f"{where}: missing anchor '{href}': {target.relative_to(site_dir).as_posix()} "
                                f"has no id '{fragment}'; link to a heading that exists or give it that id")
    return problems


def test_internal_links_resolve(site_dir, engine):
    site_url = os.environ.get("SITE_URL", sitetools.DEFAULT_SITE_URL)
    problems = link_problems(site_dir, site_url)
    assert not problems, f"{engine} build: {len(problems)} broken internal link(s):\n" + "\n".join(problems)


def test_checker_reports_dead_link_and_missing_anchor():
    """The fixture site has one dead link and one missing anchor among links that do resolve
    (a directory URL, a %-encoded path, an anchor that exists, a theme anchor, external links)."""
    problems = link_problems(FIXTURES)
    assert len(problems) == 2, problems
    dead, anchor = sorted(problems)
    assert dead.startswith("index.html") and "dead link 'gone/'" in dead and "fix the link" in dead
    assert anchor.startswith("index.html") and "missing anchor 'good/#no-such-heading'" in anchor
    assert "good/index.html has no id 'no-such-heading'" in anchor
