"""The handouts print with Chromium within their page limits, with no site chrome, with
collapsed blocks expanded and with the page address and review dates at the end (both engines);
the patient handout in clear print (12pt or more) and its large-print version at 16pt or more."""

from __future__ import annotations

import io
import re

import pytest

# Page -> most A4 sides allowed (issue 5: one side for the patient handout, two for clinicians;
# issue 25: two for the large-print handout).
HANDOUTS = {
    "/handouts/after-your-procedure/": 1,
    "/handouts/after-your-procedure-large-print/": 2,
    "/clinicians/quick-reference/": 2,
}
# Text that only the site's chrome (never a page's content) prints.
CHROME_TEXT = (
    "Skip to content",                       # skip link
    "Table of contents",                     # sidebar heading
    "Switch to dark mode", "Switch to light mode",
    "Back to top",
    "Source and corrections",                # repository link in the header
    "Talk to your own doctor about your care",  # the announce notice
    "Cite this page",                        # on-screen furniture
    "Report an error on this page",
    "Initializing search", "Type to start searching",
)
MUST_PRINT = ("Last reviewed", "Next review due", "Printed from")


def pdf_text_and_pages(pdf: bytes) -> tuple[str, int]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text), len(reader.pages)


def print_problems(name: str, pdf: bytes, max_pages: int, expect: tuple[str, ...] = MUST_PRINT) -> list[str]:
    """What is wrong with one printout; each message names the page and what to do."""
    text, pages = pdf_text_and_pages(pdf)
    problems = []
    if pages > max_pages:
        problems.append(f"{name}: prints on {pages} A4 pages, limit {max_pages}; shorten the page "
                        "or tighten the print rules in docs/assets/stylesheets/reader.css")
    for chrome in CHROME_TEXT:
        if chrome in text:
            problems.append(f"{name}: site chrome printed ({chrome!r}); hide it in the @media print "
                            "section of docs/assets/stylesheets/reader.css")
    for needed in expect:
        if needed not in text:
            problems.append(f"{name}: {needed!r} is missing from the printout; the review box "
                            "(medref/render/furniture.py) must print")
    return problems


def print_page(browser, url: str, block: str | None = None) -> bytes:
    """Print a page as Chromium does for a reader choosing A4 (CSS @page rules honoured)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        if block:
            page.route(re.compile(block), lambda route: route.abort())
        page.goto(url, wait_until="networkidle")
        page.emulate_media(media="print")
        return page.pdf(format="A4", prefer_css_page_size=True, print_background=False)
    finally:
        context.close()


@pytest.mark.parametrize("path, max_pages", HANDOUTS.items(), ids=list(HANDOUTS))
def test_handout_prints_within_limit_without_chrome(browser, base_url, engine, path, max_pages):
    pdf = print_page(browser, base_url + path)
    _, pages = pdf_text_and_pages(pdf)
    print(f"{engine} {path}: {pages} page(s)")  # shown with -s; recorded in the report
    problems = print_problems(f"{engine}:{path}", pdf, max_pages)
    assert not problems, "\n".join(problems)


def collapsed_block_printout(browser, url: str, block: str | None = None,
                             javascript: bool = True) -> tuple[str | None, str]:
    """(first words inside the page's first closed <details>, text of the page's printout)."""
    context = browser.new_context(java_script_enabled=javascript)
    try:
        page = context.new_page()
        if block:
            page.route(re.compile(block), lambda route: route.abort())
        page.goto(url, wait_until="networkidle")
        hidden = page.evaluate(
            """() => { const d = document.querySelector('article details:not([open]):not(.medref-cite)');
                       if (!d) return null;
                       const p = d.querySelector('p, li');
                       return p ? p.textContent.trim().split(/\\s+/).slice(0, 6).join(' ') : null; }"""
        )
        page.emulate_media(media="print")
        text, _ = pdf_text_and_pages(page.pdf(format="A4", prefer_css_page_size=True))
    finally:
        context.close()
    return (re.sub(r"\s+", " ", hidden) if hidden else None), text


COLLAPSED_PAGE = "/treatment/is-it-for-me/"  # has closed clinician blocks


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "css-only"])
def test_collapsed_blocks_print_expanded(browser, base_url, engine, javascript):
    """Text inside a closed <details> (a clinician block) appears on paper: the theme's script
    opens blocks for print, and our print CSS does it alone when scripts do not run."""
    hidden, text = collapsed_block_printout(browser, base_url + COLLAPSED_PAGE, javascript=javascript)
    assert hidden, f"{COLLAPSED_PAGE} has no closed block to check; point COLLAPSED_PAGE at a page that has one"
    assert hidden in text, (
        f"{engine}: the collapsed block starting {hidden!r} did not print; check the details rules "
        "in the @media print section of docs/assets/stylesheets/reader.css"
    )


# ------------------------------------------------------------------ the checks can fail

def test_print_check_fails_without_our_print_rules(browser, base_url, engine):
    """With reader.css blocked, the on-screen furniture prints and the check says so."""
    pdf = print_page(browser, base_url + "/handouts/after-your-procedure/", block=r"reader(\.min)?\.css")
    problems = print_problems("no-print-css", pdf, max_pages=1)
    assert any("site chrome printed ('Cite this page')" in p for p in problems), problems
    assert all("docs/assets/stylesheets/reader.css" in p for p in problems if "chrome" in p)


def test_print_check_fails_on_an_overlong_page(browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content("<h1>Too long</h1>" + "<p>A sentence that fills the page.</p>" * 200)
        pdf = page.pdf(format="A4")
    finally:
        context.close()
    problems = print_problems("overlong.html", pdf, max_pages=1, expect=("Printed from",))
    assert any(p.startswith("overlong.html: prints on") and "limit 1" in p for p in problems), problems
    assert any("'Printed from' is missing" in p for p in problems), problems


def test_collapsed_check_fails_without_our_print_rules(browser, base_url, engine):
    """Without reader.css and scripts a closed block does not print (Chromium's default), so the
    check above bites."""
    hidden, text = collapsed_block_printout(browser, base_url + COLLAPSED_PAGE, block=r"reader(\.min)?\.css",
                                            javascript=False)
    assert hidden and hidden not in text


# ------------------------------------------------------------------ clear print and large print for patients

MIN_PRINT_PT = 12          # clear-print guidance for older readers: 12 to 14 pt
CLEAR_PRINT = ("/handouts/after-your-procedure/",)
LARGE_PRINT_PAGE = "/handouts/after-your-procedure-large-print/"
LARGE_PRINT_PT = 16        # UK accessible-information guidance: large print is 16pt or more

SMALLEST_PRINTED_TEXT = """() => {
  // Every element that holds visible text of its own, with its printed size in pt (1pt = 4/3 px).
  const out = [];
  for (const el of document.querySelectorAll('article *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const pt = parseFloat(getComputedStyle(el).fontSize) * 0.75;
    out.push([pt, el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''),
              el.textContent.trim().slice(0, 40)]);
  }
  return out.sort((a, b) => a[0] - b[0]).slice(0, 5);
}"""


def small_print_problems(name: str, smallest: list, minimum: float = MIN_PRINT_PT) -> list[str]:
    return [f"{name}: {text!r} ({tag}) prints at {pt:.1f}pt, below {minimum}pt; raise it in the "
            "@media print section of docs/assets/stylesheets/reader.css"
            for pt, tag, text in smallest if pt < minimum - 0.01]


def printed_sizes(browser, url: str, extra_css: str | None = None) -> list:
    # The self-test adds a style to the built page: the page's Content-Security-Policy refuses inline
    # styles (its job), so that context bypasses it.
    context = browser.new_context(bypass_csp=bool(extra_css))
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        if extra_css:
            page.add_style_tag(content=extra_css)
        page.emulate_media(media="print")
        return page.evaluate(SMALLEST_PRINTED_TEXT)
    finally:
        context.close()


@pytest.mark.parametrize("path", CLEAR_PRINT)
def test_patient_handout_prints_at_12pt_or_more(browser, base_url, engine, path):
    smallest = printed_sizes(browser, base_url + path)
    print(f"{engine} {path}: smallest printed text {smallest[0][0]:.1f}pt")
    problems = small_print_problems(f"{engine}:{path}", smallest)
    assert not problems, "\n".join(problems)


def test_small_print_check_fails_on_compact_print_rules(browser, base_url, engine):
    """The old compact rules (11pt lists, 10.5pt boxes) fail the check, naming the text."""
    old_rules = "@media print { .md-typeset { font-size: 11pt } .md-typeset .admonition { font-size: 10.5pt } }"
    smallest = printed_sizes(browser, base_url + CLEAR_PRINT[0], extra_css=old_rules)
    problems = small_print_problems("no-print-css", smallest)
    assert problems and all("below 12pt" in p for p in problems), smallest


def test_large_print_handout_prints_at_16pt_or_more(browser, base_url, engine):
    smallest = printed_sizes(browser, base_url + LARGE_PRINT_PAGE)
    print(f"{engine} {LARGE_PRINT_PAGE}: smallest printed text {smallest[0][0]:.1f}pt")
    problems = small_print_problems(f"{engine}:{LARGE_PRINT_PAGE}", smallest, LARGE_PRINT_PT)
    assert not problems, "\n".join(problems)


def test_large_print_check_fails_on_the_clear_print_handout(browser, base_url, engine):
    """The 12pt handout is not large print: the 16pt check says so."""
    smallest = printed_sizes(browser, base_url + CLEAR_PRINT[0])
    assert small_print_problems("clear", smallest, LARGE_PRINT_PT), smallest


def test_only_the_large_print_handout_is_called_large_print(site_dir):
    """"Large print" means 16pt or more to readers who need it; the words promise nothing else."""
    import html as html_lib

    from tests import sitetools

    problems = []
    for page in sitetools.html_pages(site_dir):
        text = page.read_text(encoding="utf-8")
        article = text[text.find("<article"):text.find("</article>")]
        # Each use must be (in) a link to the large-print handout, or be on that page itself.
        on_page = "after-your-procedure-large-print" in sitetools.page_url(site_dir, page)
        for match in re.finditer(r"large[ -]print", html_lib.unescape(re.sub(r"<[^>]+>", " ", article)), re.I):
            if not on_page and "after-your-procedure-large-print" not in article:
                problems.append(f"{sitetools.page_url(site_dir, page)}: says {match.group(0)!r} without linking "
                                "the large-print handout")
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ a print button on each handout

@pytest.mark.parametrize("path", list(HANDOUTS))
def test_handouts_have_a_print_button(browser, base_url, engine, path):
    """A visible 'Print this ...' button that opens the browser's print dialog (window.print)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
        page.goto(base_url + path, wait_until="networkidle")
        button = page.locator("article button[data-medref-print]")
        assert button.count() == 1 and button.is_visible(), (
            f"{engine}:{path}: no visible print button; add the medref-print-control paragraph under the title")
        assert button.inner_text().startswith("Print this")
        button.click()
        assert page.evaluate("window.__printed") == 1, f"{engine}:{path}: the print button did not open printing"
    finally:
        context.close()
