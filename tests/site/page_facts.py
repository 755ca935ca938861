"""What a built page says about itself: head metadata, JSON-LD and the page furniture.

Shared by the reader-feature site tests; stdlib only, so the checks read either engine's output.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser


class PageFacts(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}     # name or property -> contents
        self.canonical: list[str] = []
        self.json_ld: list[str] = []
        self.classes: set[str] = set()
        self.links: list[tuple[str, str]] = []   # (href, classes of the nearest marked parent)
        self.ids: set[str] = set()
        self._in_ld = False
        self._marked: list[tuple[str, str]] = []  # (tag, furniture class) stack
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        classes = a.get("class", "").split()
        self.classes.update(classes)
        furniture = next((c for c in classes if c.startswith("medref-")), None)
        if furniture and tag in ("aside", "details", "p"):
            self._marked.append((tag, furniture))
        if tag == "meta":
            key = a.get("name") or a.get("property")
            if key:
                self.meta.setdefault(key, []).append(a.get("content", ""))
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a.get("href", ""))
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")
        elif tag == "a":
            self.links.append((a.get("href", ""), self._marked[-1][1] if self._marked else ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False
        if self._marked and self._marked[-1][0] == tag:
            self._marked.pop()

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data


REQUIRED_META = ("description", "og:title", "og:description", "og:url", "og:image", "og:type",
                 "twitter:card", "twitter:title", "twitter:description", "twitter:image")


def furniture_problems(name: str, text: str, repo_url: str) -> list[str]:
    """Everything missing from one built page; each message names the page and what to do."""
    facts = PageFacts(text)
    problems = []
    fix = "check medref/render/furniture.py (and that the page is identified: medref/pages.py)"
    for cls, what in (("medref-review", "review box"), ("medref-cite", "'Cite this page' block"),
                      ("medref-report", "'Report an error' link")):
        if cls not in facts.classes:
            problems.append(f"{name}: no {what} (class {cls}); {fix}")
    report = [href for href, cls in facts.links if cls == "medref-report"]
    if "medref-report" in facts.classes and not any(h.startswith(f"{repo_url}/issues/new?title=") for h in report):
        problems.append(f"{name}: the 'Report an error' link does not open a new issue in {repo_url}")
    policy = [href for href, cls in facts.links if cls == "medref-review-policy"]
    on_policy_page = "editorial-policy" in name  # there the link is to the page itself ("./")
    if "medref-review" in facts.classes and not any(
        ("editorial-policy" in h or (on_policy_page and h in ("./", "editorial-policy.html")))
        and not h.endswith(".md") for h in policy
    ):
        problems.append(f"{name}: the review box does not link to the editorial policy page ({policy})")
    for key in REQUIRED_META:
        values = facts.meta.get(key, [])
        if len(values) != 1 or not values[0].strip():
            problems.append(f"{name}: expected one non-empty <meta> '{key}', found {values}; "
                            "see overrides/main.html (extrahead) and the page's front matter")
    if len(facts.canonical) != 1:
        problems.append(f"{name}: expected one canonical link, found {facts.canonical}; set site_url in mkdocs.yml")
    if len(facts.json_ld) != 1:
        problems.append(f"{name}: expected one JSON-LD script, found {len(facts.json_ld)}")
    for block in facts.json_ld[:1]:
        try:
            data = json.loads(block)
        except ValueError as exc:
            problems.append(f"{name}: JSON-LD does not parse ({exc}); see medref/render/furniture.py json_ld()")
            continue
        problems += json_ld_problems(name, data)
    return problems


def json_ld_problems(name: str, data: dict) -> list[str]:
    problems = []
    if data.get("@type") != "MedicalWebPage":
        problems.append(f"{name}: JSON-LD @type is {data.get('@type')!r}, not MedicalWebPage")
    for key in ("name", "description", "url", "lastReviewed", "audience", "about"):
        if not data.get(key):
            problems.append(f"{name}: JSON-LD has no '{key}'")
    if data.get("inLanguage") != "en-GB":
        problems.append(f"{name}: JSON-LD inLanguage is {data.get('inLanguage')!r}, not en-GB")
    about = data.get("about") or []
    if not about or any(item.get("@type") != "MedicalProcedure" or not item.get("alternateName") for item in about):
        problems.append(f"{name}: JSON-LD 'about' must list MedicalProcedure entries with alternateName")
    audiences = {item.get("@type") for item in data.get("audience") or []}
    if not audiences or not audiences <= {"Patient", "MedicalAudience"}:
        problems.append(f"{name}: JSON-LD audience types {audiences} are not Patient / MedicalAudience")
    for item in data.get("citation", []):
        if isinstance(item, str):  # a cited work's address (its title is in the Sources list)
            if not item.startswith("https://"):
                problems.append(f"{name}: JSON-LD citation {item!r} is not an https:// address")
        elif item.get("@type") != "CreativeWork" or not item.get("name"):
            problems.append(f"{name}: JSON-LD citation {item} needs an https:// address, or @type CreativeWork and a name")
    if "reviewedBy" in data:
        problems.append(f"{name}: JSON-LD names a reviewer; no real reviewer exists, remove reviewedBy")
    return problems
