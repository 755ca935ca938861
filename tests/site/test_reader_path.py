"""The reader's path on a phone (issue 16), in both engines: home links to aftercare, no edit pencil
on patient pages, risk pictures whose people can be seen at 390 px, and a dated citation when the
script runs. Each check is shown failing on a broken input below it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from medref.data.front_matter import read_front_matter
from tests import sitetools

DOCS = sitetools.ROOT / "docs"

# ------------------------------------------------------------------ home links to aftercare

AFTERCARE = ("treatment/preparing/", "treatment/recovery/", "handouts/after-your-procedure/",
             "treatment/bone-health/", "about/faq/")


def article(html: str) -> str:
    match = re.search(r"<article.*?</article>", html, re.S)
    return match.group(0) if match else ""


def missing_aftercare_links(name: str, html: str) -> list[str]:
    hrefs = re.findall(r'href="?([^"\s>]+)', article(html))
    return [f"{name}: the home page does not link to {target}; add it to the patient card in docs/index.md"
            for target in AFTERCARE if not any(h.rstrip("/").endswith(target.rstrip("/"))
                                               or h.endswith(target + "index.html") for h in hrefs)]


def test_home_links_to_aftercare(site_dir, engine):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    problems = missing_aftercare_links(f"{engine}:index.html", html)
    assert not problems, "\n".join(problems)


def test_aftercare_check_fails_without_the_links():
    html = '<article><a href="treatment/risks/">Risks</a><a href="treatment/recovery/">Recovery</a></article>'
    problems = missing_aftercare_links("fixture", html)
    assert len(problems) == 4 and "treatment/preparing/" in problems[0]


# ------------------------------------------------------------------ no edit pencil on patient pages

EDIT_LINK = re.compile(r'<a [^>]*rel="?edit')


def audiences() -> dict[str, str]:
    """Built page path (index.html style) -> audience from its front matter."""
    out = {}
    for path in DOCS.rglob("*.md"):
        rel = path.relative_to(DOCS).as_posix()
        built = "index.html" if rel == "index.md" else rel[:-3].removesuffix("/index") + "/index.html"
        out[built] = str(read_front_matter(path).get("audience"))
    return out


def edit_link_problems(name: str, audience: str, html: str) -> list[str]:
    has_edit = bool(EDIT_LINK.search(html))
    if audience in ("public", "both") and has_edit:
        return [f"{name}: an 'edit this page' pencil on a page for the public; overrides/partials/actions.html "
                "shows it only for audience: clinician (keep 'Report an error')"]
    return []


def test_no_edit_pencil_on_patient_pages(site_dir, engine):
    problems, clinician_edit = [], 0
    for built, audience in audiences().items():
        path = site_dir / built
        if not path.is_file():
            continue
        html = path.read_text(encoding="utf-8")
        problems += edit_link_problems(f"{engine}:{built}", audience, html)
        assert "Report an error on this page" in html, f"{engine}:{built}: 'Report an error' link missing"
        clinician_edit += audience == "clinician" and bool(EDIT_LINK.search(html))
    assert not problems, "\n".join(problems)
    assert clinician_edit, f"{engine}: no clinician page has an edit link; the check may not see them"


def test_edit_check_fails_on_a_pencil():
    html = '<a href="https://github.com/x/y/edit/main/docs/index.md" class="md-content__button" rel=edit>'
    assert edit_link_problems("fixture", "public", html)
    assert not edit_link_problems("fixture", "clinician", html)


# ------------------------------------------------------------------ risk pictures at 390 px

MIN_PERSON_PX = 14     # distance between neighbours: each person has a cell at least this wide
MIN_MARK_PX = 10       # a marked (square) person at least this wide
RISKS = "/treatment/risks/"

MEASURE = """() => [...document.querySelectorAll('figure.medref-icon-array')].map(f => {
  const svgs = [...f.querySelectorAll('svg.medref-ia-grid, svg.medref-ia-block')];
  const scale = Math.min(...svgs.map(s => s.getBoundingClientRect().width / s.viewBox.baseVal.width));
  return [f.id, scale * 10, scale * 7.6,
          f.getBoundingClientRect().right <= document.documentElement.clientWidth + 0.5];
})"""


def picture_problems(name: str, sizes: list) -> list[str]:
    problems = []
    for ident, cell, mark, fits in sizes:
        if cell < MIN_PERSON_PX or mark < MIN_MARK_PX:
            problems.append(f"{name}: #{ident}: a person is {cell:.1f} px (a marked one {mark:.1f} px) at 390 px; "
                            f"need {MIN_PERSON_PX} and {MIN_MARK_PX}: fewer blocks across (site.css, icon arrays)")
        if not fits:
            problems.append(f"{name}: #{ident} is wider than the screen at 390 px")
    return problems


def measure(browser, url: str, extra_css: str | None = None) -> list:
    # bypass_csp: the self-test's added style would be refused by the page's Content-Security-Policy.
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=bool(extra_css))
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        if extra_css:
            page.add_style_tag(content=extra_css)
        return page.evaluate(MEASURE)
    finally:
        context.close()


def test_risk_pictures_are_visible_on_a_phone(browser, base_url, engine):
    sizes = measure(browser, base_url + RISKS)
    assert len(sizes) >= 5, f"{engine}: only {len(sizes)} risk pictures found on {RISKS}"
    print(f"{engine}: smallest person {min(s[1] for s in sizes):.1f} px")
    problems = picture_problems(f"{engine}:{RISKS}", sizes)
    assert not problems, "\n".join(problems)


def test_picture_check_fails_on_five_blocks_across(browser, base_url, engine):
    """The old layout (1,000 people five blocks across a phone) fails."""
    sizes = measure(browser, base_url + RISKS,
                    extra_css=".md-typeset .medref-ia-blocks { grid-template-columns: repeat(5, 1fr) }")
    problems = picture_problems("five-across", sizes)
    assert any("icon-array-infection" in p and "a person is" in p for p in problems), problems


# ------------------------------------------------------------------ the copied citation is dated

def copied_citation(browser, url: str, javascript: bool = True) -> tuple[str, bool]:
    """(text of the Vancouver citation, or what the Copy button put on the clipboard; hint visible?)."""
    context = browser.new_context(java_script_enabled=javascript)
    try:
        if javascript:
            context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page.click("details.medref-cite > summary")
        hint = page.locator(".medref-cite-hint").is_visible()
        if javascript:
            page.click("[data-medref-copy='medref-cite-vancouver']")
            page.wait_for_timeout(200)
            return page.evaluate("navigator.clipboard.readText()"), hint
        return page.locator("#medref-cite-vancouver").inner_text(), hint
    finally:
        context.close()


def test_copied_citation_has_todays_date(browser, base_url, engine):
    text, hint = copied_citation(browser, base_url + RISKS)
    today = dt.date.today()
    assert "DATE" not in text and f"cited {today:%Y %b} {today.day}]" in text, f"{engine}: copied {text!r}"
    assert not hint, f"{engine}: 'Replace DATE' hint still shown although the date was filled in"


def test_without_script_the_placeholder_and_hint_remain(browser, base_url, engine):
    """The check above can fail: without the script the citation says DATE (and says to replace it)."""
    text, hint = copied_citation(browser, base_url + RISKS, javascript=False)
    assert "cited DATE]" in text and hint
