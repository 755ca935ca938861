"""The decision aid (issue 23), both engines: the best evidence first, the same "does it work?" block
wherever the site answers the question, the VAPOUR figure never alone, and the reader's summary that
prints on one A4 side at 12pt or more and never leaves the page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests import sitetools
from tests.site.test_print import (SMALLEST_PRINTED_TEXT, pdf_text_and_pages, small_print_problems)

AID = "/treatment/decision-aid/"
# Every page that answers "does it work?" carries the one shared block (includes/does-it-work.md).
SHARED_BLOCK_PAGES = ("/", "/about/faq/", "/evidence/", AID)
# The VAPOUR result (the one positive placebo-controlled trial at 2 weeks) must never stand alone:
# the same section must cite a placebo-controlled trial that found no clear difference.
VAPOUR_FIGURE = (re.compile(r"\b44 in 100\b"), re.compile(r"\b21 in 100\b"))  # both arms, as it is shown
NULL_TRIAL_SOURCES = ("#source-buchbinder2009", "#source-kallmes2009", "#source-firanescu2018")
TOKEN = "zq-private-answer-7731"   # typed into every free-text box; must never appear in a request


# ------------------------------------------------------------------ the best evidence first

class _Blocks(HTMLParser):
    """Text of every element with a given class, and the first picture in the article."""

    def __init__(self, css: str):
        super().__init__(convert_charrefs=True)
        self.css, self.depth, self.blocks, self.first_picture = css, 0, [], None
        self.in_article, self.in_cite = False, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "article":
            self.in_article = True
        if self.in_article and self.first_picture is None and tag in ("figure", "svg", "img"):
            self.first_picture = (tag, a.get("id") or a.get("class") or "")
        if self.depth:
            self.depth += 1
            if tag == "sup":
                self.in_cite += 1
        elif self.css in classes:
            self.depth = 1
            self.blocks.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if tag == "sup" and self.in_cite:
                self.in_cite -= 1

    def handle_data(self, data):
        if self.depth and not self.in_cite:   # citation numbers differ from page to page
            self.blocks[-1] += data


def parse(html: str, css: str = "medref-does-it-work") -> _Blocks:
    parser = _Blocks(css)
    parser.feed(html)
    return parser


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def shared_block_problems(pages: dict[str, str]) -> list[str]:
    """Each page must carry the block once, with the same words as the decision aid's."""
    texts = {path: [normalised(t) for t in parse(html).blocks] for path, html in pages.items()}
    problems = [f"{path}: has {len(found)} 'does it work?' blocks, expected 1; insert it with "
                '--8<-- "does-it-work.md" (includes/does-it-work.md)' for path, found in texts.items() if len(found) != 1]
    reference = (texts.get(AID) or [""])[0]
    problems += [f"{path}: the 'does it work?' words differ from the decision aid's; every page must use "
                 "includes/does-it-work.md unchanged" for path, found in texts.items()
                 if len(found) == 1 and found[0] != reference]
    return problems


def read(site_dir, path: str) -> str:
    rel = "index.html" if path == "/" else path.strip("/") + "/index.html"
    return (site_dir / rel).read_text(encoding="utf-8")


def test_shared_block_is_the_same_everywhere(site_dir, engine):
    pages = {path: read(site_dir, path) for path in SHARED_BLOCK_PAGES}
    problems = shared_block_problems(pages)
    assert not problems, "\n".join(problems)


def test_shared_block_check_fails_on_changed_words(site_dir):
    pages = {path: read(site_dir, path) for path in SHARED_BLOCK_PAGES}
    pages["/about/faq/"] = pages["/about/faq/"].replace("little or no extra benefit", "a clear benefit", 1)
    problems = shared_block_problems(pages)
    assert any(p.startswith("/about/faq/: the 'does it work?' words differ") for p in problems), problems


def test_first_picture_on_the_aid_is_the_pooled_result(site_dir, engine):
    html = read(site_dir, AID)
    first = parse(html).first_picture
    assert first == ("figure", "fair-tests"), (
        f"{engine}: the decision aid's first picture is {first}; the pooled placebo-controlled result "
        "([[fair-tests:cochrane-2018]], via includes/does-it-work.md) must come before any other picture")
    figure = html[html.index('id=fair-tests') if 'id=fair-tests' in html else html.index('id="fair-tests"'):]
    assert figure.index("ft-pooled") < figure.index("ft-trial"), "the pooled box must open the picture"


def sections(html: str) -> list[str]:
    """The article split at each h2, so a figure and its neighbours are judged together."""
    article = html[html.find("<article"):html.find("</article>")]
    return re.split(r"<h2[\s>]", article)


def lone_vapour_problems(path: str, html: str) -> list[str]:
    return [f"{path}: a section shows the VAPOUR figure ('44 in 100') without a placebo-controlled trial "
            "that found no clear difference; put the fair tests beside it (includes/does-it-work.md)"
            for section in sections(html)
            if all(p.search(section) for p in VAPOUR_FIGURE)
            and not any(src in section for src in NULL_TRIAL_SOURCES)]


def test_vapour_figure_never_alone(site_dir, engine):
    problems = []
    for page in sitetools.html_pages(site_dir):
        problems += lone_vapour_problems(sitetools.page_url(site_dir, page), page.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def test_lone_vapour_check_fails_on_the_old_faq_answer():
    old = ('<article><h2 id=pain-go>How soon will the pain go?</h2><p>In one trial, about 44 in 100 had '
           'little pain two weeks after vertebroplasty. After a sham procedure, about 21 in 100 did'
           '<sup><a href=#source-clark2016>3</a></sup>.</p></article>')
    assert lone_vapour_problems("/about/faq/", old), "a section with only VAPOUR's figure must fail"


# ------------------------------------------------------------------ the reader's summary

def fill_answers(page) -> None:
    """Answer everything a reader might: one choice per question, some ticks, every text box."""
    page.evaluate("""(token) => {
        for (const fieldset of document.querySelectorAll('[data-ws-part] fieldset')) {
            const inputs = fieldset.querySelectorAll('input');
            if (!inputs.length) continue;
            if (inputs[0].type === 'checkbox') { inputs.forEach((box, i) => { box.checked = i % 2 === 0; }); }
            else { inputs[Math.min(2, inputs.length - 1)].checked = true; }
        }
        for (const area of document.querySelectorAll('[data-ws-part] textarea')) {
            area.value = 'Being able to look after my garden again. ' + token;
        }
    }""", TOKEN)


def make_summary(browser, url: str, requests: list | None = None):
    context = browser.new_context()
    page = context.new_page()
    if requests is not None:
        page.on("request", lambda r: requests.append((r.url, r.post_data or "", str(r.headers))))
    page.goto(url, wait_until="networkidle")
    fill_answers(page)
    page.click("[data-ws-make]")
    return context, page


def test_summary_prints_on_one_a4_side_at_12pt(browser, base_url, engine):
    context, page = make_summary(browser, base_url + AID)
    try:
        page.emulate_media(media="print")
        smallest = page.evaluate(SMALLEST_PRINTED_TEXT)
        text, pages = pdf_text_and_pages(page.pdf(format="A4", prefer_css_page_size=True))
    finally:
        context.close()
    print(f"{engine}: summary prints on {pages} page(s), smallest text {smallest[0][0]:.1f}pt")
    assert pages == 1, f"{engine}: the summary prints on {pages} A4 sides; it must fit one (docs/assets/stylesheets/decision-aid.css, @media print)"
    assert not small_print_problems(f"{engine}:{AID} summary", smallest), smallest
    for needed in ("My decision summary", "What matters to me", "Which way I am leaning", "Am I SURE?",
                   "Questions I want to ask", TOKEN):
        assert needed in text, f"{engine}: {needed!r} missing from the printed summary"
    assert "How do the choices compare?" not in text, "only the summary prints once it is made"


def test_no_request_carries_the_answers(browser, base_url, engine):
    requests: list = []
    context, page = make_summary(browser, base_url + AID, requests)
    try:
        page.click("[data-ws-clear]")
        page.wait_for_timeout(300)
        # The theme may keep its own settings (Zensical stores one); none may hold an answer.
        storage = page.evaluate("""() => JSON.stringify([Object.entries(localStorage),
                                                         Object.entries(sessionStorage), document.cookie])""")
    finally:
        context.close()
    leaks = [url for url, body, headers in requests if TOKEN in url or TOKEN in body or TOKEN in headers]
    assert not leaks, f"{engine}: a request carried the reader's answers: {leaks}"
    elsewhere = [url for url, _, _ in requests if not url.startswith(base_url)]
    assert not elsewhere, f"{engine}: the decision aid asked another site for something: {elsewhere}"
    assert TOKEN not in storage and "ws-" not in storage, f"{engine}: answers must not be stored: {storage}"


def test_the_summary_script_cannot_send_or_store():
    """What the script could use to send or keep answers is simply not in it."""
    script = (sitetools.ROOT / "docs" / "assets" / "javascripts" / "decision-aid.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", script, flags=re.S)   # its comment says what it does not do
    for banned in ("fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "localStorage", "sessionStorage",
                   "indexedDB", "document.cookie", "innerHTML", ".src =", "location.href =", "<form"):
        assert banned not in code, f"docs/assets/javascripts/decision-aid.js uses {banned!r}; answers must stay in the page"


def test_every_rating_reaches_the_summary(browser, base_url, engine):
    """'Not at all' is an answer too (the review of issue 23 saw it missing once): the first and the
    last choice of a rating both reach the summary."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + AID, wait_until="networkidle")
        ratings = page.locator("[data-ws-part=matters] fieldset")
        ratings.nth(0).get_by_text("Not at all").click()
        ratings.nth(1).get_by_text("Very much").click()
        page.click("[data-ws-make]")
        summary = page.locator("#my-summary").inner_text()
    finally:
        context.close()
    assert "Not at all: Getting out of pain soon" in summary, summary
    assert "Very much: Avoiding even a small chance" in summary, summary


def test_clear_removes_every_answer(browser, base_url, engine):
    context, page = make_summary(browser, base_url + AID)
    try:
        page.click("[data-ws-clear]")
        left = page.evaluate("""() => [
            document.querySelectorAll('[data-ws-part] input:checked').length,
            [...document.querySelectorAll('[data-ws-part] textarea')].filter(a => a.value).length,
            document.querySelector('[data-ws-summary]').hidden,
            document.querySelector('[data-ws-summary]').textContent.trim()]""")
    finally:
        context.close()
    assert left == [0, 0, True, ""], left


def test_without_scripts_the_page_prints_as_a_worksheet(browser, base_url, engine):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + AID, wait_until="networkidle")
        page.emulate_media(media="print")
        text, pages = pdf_text_and_pages(page.pdf(format="A4", prefer_css_page_size=True))
    finally:
        context.close()
    for needed in ("What matters most to you?", "Which way am I leaning today?",
                   "Do you feel SURE about the best choice for you?", "My own questions"):
        assert needed in text, f"{engine}: {needed!r} missing from the printed worksheet"
    assert "Make my one-page summary" not in text.replace("Press Make my one-page summary", ""), (
        "the buttons need the script, so they must not print without it")


def test_summary_script_loads_on_the_aid_only(site_dir, engine):
    pages = [p for p in sitetools.html_pages(site_dir) if "decision-aid.min.js" in p.read_text(encoding="utf-8")]
    assert [sitetools.page_url(site_dir, p) for p in pages] == [AID], pages


@pytest.mark.parametrize("snippet", ["<script>", "onclick=", "javascript:"])
def test_no_inline_script_on_the_aid(site_dir, snippet):
    html = read(site_dir, AID)
    article = html[html.find("<article"):html.find("</article>")]
    assert snippet not in article, f"{snippet!r} in the decision aid's content; scripts are files (CSP)"
