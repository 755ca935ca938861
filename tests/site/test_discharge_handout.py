"""The discharge handout the team fills in (issue 27), on both engines' builds.

The team's form (docs/clinicians/discharge-handout.md) makes a link with the answers after "#" and a
QR code of it; the link opens the patient handout (docs/handouts/after-your-procedure.md) with the
answers in "Notes from your team" above the standard advice. Checked here as a reader would: fill
the form in Chromium, open the link, read the page, print it, scan the code, watch the requests.
The answer rules themselves: test_discharge_rules.py; the QR encoder: test_qr_code.py.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import io
import re
import shutil
import threading
import os
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from tests import qr_tools, sitetools
from tests.site.test_accessibility import DESKTOP, PHONE, axe_violations
from tests.site.test_csp import VIOLATIONS
from tests.site.test_print import SMALLEST_PRINTED_TEXT, pdf_text_and_pages, print_problems, small_print_problems

FORM = "/clinicians/discharge-handout/"
HANDOUT = "/handouts/after-your-procedure/"
TODAY = dt.date.today()
JS = sitetools.ROOT / "docs" / "assets" / "javascripts"
OUR_SCRIPTS = ("discharge-fields.js", "discharge-form.js", "discharge-handout.js", "qr-code.js")


def iso(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def shown(offset: int) -> str:
    """A date as the notes print it: "Friday 4 December", with the year only when it is not this year's."""
    day = TODAY + dt.timedelta(days=offset)
    return f"{day:%A} {day.day} {day:%B}" + (f" {day.year}" if day.year != TODAY.year else "")


def written() -> str:
    return f"{TODAY:%A} {TODAY.day} {TODAY:%B} {TODAY.year}"


# Every box of the form, filled as a team would: (how, control, value).
FULL = [
    ("radio", "dh-p", "kp"), ("fill", "dh-l", "T12, L1"), ("fill", "dh-d", iso(-2)), ("radio", "dh-a", "sed"),
    ("fill", "dh-m1", "Apixaban"), ("select", "dh-r1", "date"), ("fill", "dh-rd1", iso(1)), ("fill", "dh-n1", "evening dose"),
    ("fill", "dh-m2", "Metformin"), ("select", "dh-r2", "same"), ("fill", "dh-m3", "Warfarin"), ("select", "dh-r3", "wait"),
    ("fill", "dh-pd", "0118 496 0000"), ("fill", "dh-pdw", "Ward 7, 8am to 6pm"),
    ("fill", "dh-pn", "020 7946 0000"), ("fill", "dh-pnw", "Switchboard, ask for radiology"),
    ("fill", "dh-fd", iso(40)), ("fill", "dh-f", "Clinic letter will follow"),
    ("fill", "dh-b", "Your GP will arrange a DEXA scan"), ("fill", "dh-o", "Keep the dressing dry"),
]
# What the handout must then show, each as text.
FULL_SHOWN = [
    "Balloon kyphoplasty", "T12 and L1", shown(-2), "with sedation",
    "Apixaban", "start it again on " + shown(1), "(evening dose)", "Metformin", "take it as before",
    "Warfarin", "do not take it until your team tells you when", "Phone at night, weekends and bank holidays",
    "0118 496 0000", "(Ward 7, 8am to 6pm)", "020 7946 0000", "(Switchboard, ask for radiology)",
    shown(40), "Clinic letter will follow", "Your GP will arrange a DEXA scan", "Keep the dressing dry",
]
# Markup and script in every free-text box, each within its length limit.
ATTACKS = {
    "dh-m1": "<script>pwn()</script>", "dh-n1": "<img src=x onerror=pwn()>",
    "dh-m2": "<b onclick=pwn()>B</b>", "dh-n2": "&lt;i&gt;&amp;{{7*7}}${pwn()}",
    "dh-pdw": '"><svg onload=pwn()>', "dh-pnw": "<a href=javascript:pwn()>x</a>",
    "dh-f": "</dd><script src=/evil.js></script>", "dh-b": '<iframe srcdoc="<script>pwn()</script>">',
    "dh-o": "<style>*{display:none}</style> <meta http-equiv=refresh content=0>",
}
PWN = "window.pwn = () => { window.__pwned = (window.__pwned || 0) + 1; };"
ACTIVE = "script, img, svg, iframe, style, form, input, meta, b, i, a:not([href^='tel:'])"


def fill(page, entries) -> None:
    for how, control, value in entries:
        if how == "radio":
            page.check(f"input[name={control}][value={value}]")
        elif how == "select":
            page.select_option(f"#{control}", value)
        else:
            page.fill(f"#{control}", value)


def make_link(context, base_url: str, entries, path: str = FORM):
    """Fill the form and press its button; (the form page, the link it shows)."""
    page = context.new_page()
    page.goto(base_url + path, wait_until="load")
    fill(page, entries)
    page.locator("[data-discharge-form] button").click()
    errors = page.locator("[data-discharge-errors]")
    assert errors.is_hidden(), f"the form refused the answers: {errors.inner_text()}"
    return page, page.locator("[data-discharge-link]").input_value()


def notes_text(page) -> str:
    block = page.locator("[data-discharge-notes]")
    assert block.is_visible(), "the notes block is not shown"
    return " ".join(block.inner_text().split())


# ------------------------------------------------------------------ the form, the link and the handout

def test_every_entry_shows_on_the_handout_as_text(browser, base_url, engine):
    context = browser.new_context()
    context.add_init_script(VIOLATIONS)   # the site's Content-Security-Policy must block nothing here
    try:
        form, link = make_link(context, base_url, FULL)
        assert link.startswith(base_url + HANDOUT + "#v=1&w=" + TODAY.isoformat())
        page = context.new_page()
        page.goto(link, wait_until="load")
        text = notes_text(page)
        assert f"Written by your team on {written()}." in text
        missing = [entry for entry in FULL_SHOWN if entry not in text]
        assert not missing, f"{engine}: not on the handout: {missing}\n{text}"
        assert page.locator("[data-discharge-dropped]").is_hidden()
        assert form.locator("[data-discharge-warning]").is_hidden(), "no urgent words, yet the form warned"
        # The blanks: the phone line gives way to the numbers; the blood-thinner blank points up.
        assert page.locator('[data-discharge-blank="phone"]').is_hidden()
        assert "see \u201cYour medicines\u201d in the notes from your team above" in page.locator("article").inner_text()
        blocked = form.evaluate("window.__medrefCsp") + page.evaluate("window.__medrefCsp")
        assert blocked == [], f"{engine}: the Content-Security-Policy blocked: {blocked}"
    finally:
        context.close()


def test_free_text_that_reads_like_urgent_advice_is_flagged_but_the_link_is_made(browser, base_url, engine):
    """A team's "ring the ward if unwell" prints above the warning-sign list and could stand in for it
    (reviews/discharge-27-review.md): the form names the box, and still makes the link."""
    context = browser.new_context()
    try:
        entries = [e for e in FULL if e[1] not in ("dh-o", "dh-pnw")]
        entries += [("fill", "dh-o", "Ring the ward if unwell"), ("fill", "dh-pnw", "Any problems, ring us")]
        form, link = make_link(context, base_url, entries)
        warning = form.locator("[data-discharge-warning]")
        assert warning.is_visible(), f"{engine}: no warning for urgent words in the free text"
        said = " ".join(warning.inner_text().split())
        assert "Anything else: \u201cunwell\u201d" in said and "Out of hours: who or when: \u201cAny problems\u201d" in said, said
        assert link.startswith(base_url + HANDOUT + "#v=1&")
        form.fill("#dh-o", "Keep it dry")   # the warning goes with the link it was about
        assert warning.is_hidden() or form.locator("[data-discharge-result]").is_hidden()
    finally:
        context.close()


def test_the_standard_advice_stays_the_same(browser, base_url, engine):
    """The warning signs (from data/urgent-care.yml) and every section of the standard sheet read the
    same with notes as without."""
    context = browser.new_context()
    try:
        _, link = make_link(context, base_url, FULL)
        page = context.new_page()

        def standard():
            return page.evaluate("""() => [...document.querySelectorAll('article > h2, article > ul, .medref-urgent')]
                                          .map(el => el.innerText.trim())""")
        page.goto(base_url + HANDOUT, wait_until="load")
        plain = standard()
        page.goto(link, wait_until="load")
        page.reload(wait_until="load")
        assert standard() == plain and any("Call 999" in block for block in plain)
    finally:
        context.close()


def test_markup_and_script_in_every_box_show_as_text_and_never_run(browser, base_url, engine):
    """Markup in every free-text box, in two links (all at once would not fit the printed sheet,
    which the form refuses): shown as typed, no element made from it, nothing run."""
    context = browser.new_context()
    context.add_init_script(PWN)
    dialogs: list[str] = []
    try:
        # Levels, dates and phone numbers have formats of their own (test_discharge_rules.py refuses
        # markup there); the free-text boxes take anything, so each gets markup.
        base = [e for e in FULL if e[1] in ("dh-p", "dh-l", "dh-d", "dh-a", "dh-pd", "dh-pn")]
        base += [("select", "dh-r1", "same"), ("select", "dh-r2", "same")]
        boxes = list(ATTACKS)
        for half in (boxes[:5], boxes[5:]):
            entries = base + [("fill", control, ATTACKS[control]) for control in half]
            if "dh-m1" not in half:
                entries += [("fill", "dh-m1", "Apixaban"), ("fill", "dh-m2", "Metformin")]
            form, link = make_link(context, base_url, entries)
            page = context.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(link, wait_until="networkidle")
            page.locator("[data-discharge-notes]").hover()
            text = notes_text(page)
            missing = [ATTACKS[control] for control in half if ATTACKS[control] not in text]
            assert not missing, f"{engine}: not shown as text: {missing}"
            made = page.evaluate("s => [...document.querySelectorAll(s)].map(el => el.tagName)",
                                 f"[data-discharge-notes] dd :is({ACTIVE})")
            assert made == [], f"{engine}: the notes hold elements made from the answers: {made}"
            for p in (form, page):
                assert p.evaluate("window.__pwned") is None, f"{engine}: a script from an answer ran on {p.url[:60]}"
        assert dialogs == []
    finally:
        context.close()


def test_a_forged_link_with_markup_in_every_field_runs_nothing(browser, base_url, engine):
    """A link made by hand, with markup in every key the form knows (and one it does not): what is
    not a valid answer is left out and named; the rest is text."""
    attack = "<img src=x onerror=pwn()>"
    keys = ["p", "l", "d", "a", "m1", "r1", "n1", "pd", "pdw", "pn", "pnw", "fd", "f", "b", "o", "x<svg onload=pwn()>"]
    fragment = f"v=1&w={TODAY.isoformat()}&" + "&".join(f"{quote_plus(k)}={quote_plus(attack)}" for k in keys)
    context = browser.new_context()
    context.add_init_script(PWN)
    try:
        page = context.new_page()
        page.goto(base_url + HANDOUT + "#" + fragment, wait_until="networkidle")
        dropped = page.locator("[data-discharge-dropped]")
        assert dropped.is_visible()
        said = " ".join(dropped.inner_text().split())
        for words in ("the name of your procedure", "the bones treated", "the date of your procedure",
                      "the anaesthetic", "a medicine", "the phone number for the day",
                      "the phone number for nights and weekends", "your next check-up",
                      "a part of the link this page does not know"):
            assert words in said, (words, said)
        text = notes_text(page)
        assert text.count(attack) == 3, text   # follow-up, bone health plan and "Also": free text, shown as text
        assert page.evaluate("s => document.querySelectorAll(s).length", f"[data-discharge-notes] dd :is({ACTIVE})") == 0
        assert page.evaluate("window.__pwned") is None
    finally:
        context.close()


@pytest.mark.parametrize("fragment, said", [
    (f"v=1&w={TODAY.isoformat()}&p=vp&d=1999-01-01&pd=999&b=Bone+plan", "the date of your procedure; the phone number for the day"),
    (f"v=1&w={TODAY.isoformat()}&p=vp&p=kp&l=T12", "the name of your procedure"),
], ids=["out-of-range", "two-values"])
def test_unreadable_answers_are_left_out_with_a_visible_note(browser, base_url, engine, fragment, said):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + HANDOUT + "#" + fragment, wait_until="load")
        note = page.locator("[data-discharge-dropped]")
        assert note.is_visible()
        assert f"Some notes could not be read, so they are left out: {said}. Ask your team about them." == " ".join(
            note.inner_text().split())
    finally:
        context.close()


def test_a_link_that_cannot_be_trusted_shows_the_standard_sheet_and_says_so(browser, base_url, engine):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + HANDOUT + f"#v=1&w={iso(30)}&p=vp&o=Stop+all+medicines", wait_until="load")
        assert page.locator("[data-discharge-refused]").is_visible()
        assert "Stop all medicines" not in page.locator("article").inner_text()
        assert page.locator("[data-discharge-row]:visible").count() == 0
        assert page.locator('[data-discharge-blank="phone"]').is_visible()
    finally:
        context.close()


def test_a_second_link_in_the_same_tab_replaces_the_notes(browser, base_url, engine):
    """Only the fragment changes, which does not reload the page; the notes must follow it."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + HANDOUT + f"#v=1&w={TODAY.isoformat()}&p=vp&o=First+link", wait_until="load")
        page.evaluate(f"location.hash = 'v=1&w={TODAY.isoformat()}&p=kp&o=Second+link'")
        page.wait_for_function("document.querySelector('[data-discharge-notes]').innerText.includes('Second link')")
        text = notes_text(page)
        assert "First link" not in text and "Vertebroplasty" not in text and "Balloon kyphoplasty" in text
        page.evaluate("location.hash = 'what-is-normal'")   # a heading's anchor: the notes stay
        page.wait_for_timeout(200)
        assert "Second link" in notes_text(page)
    finally:
        context.close()


def test_the_notes_stay_in_the_address_while_the_reader_scrolls(browser, base_url, engine):
    """Material's navigation.tracking rewrites the address on scroll; a reload must still show the notes."""
    context = browser.new_context(viewport={"width": 1280, "height": 600})
    try:
        page = context.new_page()
        fragment = f"v=1&w={TODAY.isoformat()}&p=vp&o=Still+here"
        page.goto(base_url + HANDOUT + "#" + fragment, wait_until="load")
        for y in (400, 900, 0, 700):
            page.mouse.wheel(0, y - page.evaluate("scrollY"))
            page.wait_for_timeout(700)
        assert page.evaluate("location.hash") == "#" + fragment
        page.reload(wait_until="load")
        assert "Still here" in notes_text(page)
    finally:
        context.close()


def test_without_the_guard_tracking_would_rewrite_the_address(browser, base_url, engine):
    """The check above can fail: on the standard sheet (no notes, so no guard) scrolling does change
    the address, so the theme's tracking is really there to guard against."""
    context = browser.new_context(viewport={"width": 1280, "height": 600})
    try:
        page = context.new_page()
        page.goto(base_url + HANDOUT + "#not-answers", wait_until="load")
        for y in (400, 900, 700):
            page.mouse.wheel(0, y - page.evaluate("scrollY"))
            page.wait_for_timeout(700)
        if page.evaluate("location.hash") == "#not-answers":
            pytest.skip(f"{engine}: this theme does not rewrite the address on scroll")
    finally:
        context.close()


# ------------------------------------------------------------------ nothing leaves the browser

class _Recorder(http.server.SimpleHTTPRequestHandler):
    """Serves the site and keeps every request exactly as the server receives it."""
    seen: list[str] = []

    def log_message(self, *args):
        pass

    def _record(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("latin-1") if length else ""
        self.seen.append(self.requestline + "\n" + str(self.headers) + body)

    def do_GET(self):
        self._record()
        super().do_GET()

    def do_HEAD(self):
        self._record()
        super().do_HEAD()

    def do_POST(self):
        self._record()
        self.send_error(405)


def recording_server(site_dir: Path):
    seen: list[str] = []
    handler = functools.partial(type("Handler", (_Recorder,), {"seen": seen}), directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}", seen


def leaks(seen: list[str], secrets: list[str]) -> list[str]:
    """Each (request, secret) where the secret, raw or URL-encoded, reached the server."""
    found = []
    for request in seen:
        for secret in secrets:
            if any(form in request for form in {secret, quote(secret), quote_plus(secret)}):
                found.append(f"{secret!r} in {request.splitlines()[0]}")
    return found


def test_no_request_carries_any_entry(browser, site_dir, engine):
    """Everything the browser sends while the team fills the form, makes the link and opens it, and
    while the patient reads, scrolls, searches and follows a link, as the server receives it."""
    server, base, seen = recording_server(site_dir)
    context = browser.new_context()
    try:
        form, link = make_link(context, base, FULL)
        form.locator("[data-discharge-copy]").click()
        with context.expect_page() as opened:
            form.locator("[data-discharge-open]").click()
        page = opened.value
        page.wait_for_load_state("networkidle")
        notes_text(page)
        page.mouse.wheel(0, 900)
        page.wait_for_timeout(700)
        page.locator(".md-search__input, .md-search__button").first.click()
        page.wait_for_timeout(1500)
        page.keyboard.press("Escape")
        page.locator("a[href*='urgent-help']").last.click()
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    fragment = link.split("#", 1)[1]
    secrets = [value for how, _, value in FULL if how == "fill" and len(value) > 3] + [fragment, "01184960000", "v=1&w="]
    # The site asks for no Referer at all (overrides/main.html); any a browser still sends is in `seen` too.
    assert any(HANDOUT in r.splitlines()[0] for r in seen) and any("urgent-help" in r.splitlines()[0] for r in seen), \
        "the recorder did not see the handout or the page the reader went on to: the check would prove nothing"
    found = leaks(seen, secrets)
    assert not found, f"{engine}: answers reached the server:\n" + "\n".join(found)


def test_leak_check_catches_a_script_that_sends_the_fragment(browser, site_dir, engine):
    """The check above can fail: a page script that sends its fragment is caught."""
    server, base, seen = recording_server(site_dir)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + HANDOUT + "#v=1&o=Secret+words", wait_until="load")
        page.evaluate("fetch('/collect?' + location.hash.slice(1)).catch(() => null)")
        page.wait_for_timeout(500)
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert leaks(seen, ["Secret words"]) == ["'Secret words' in GET /collect?v=1&o=Secret+words HTTP/1.1"]


def test_the_form_keeps_nothing_after_a_reload(browser, base_url, engine):
    """The form page says: close or reload this page and the answers are cleared."""
    context = browser.new_context()
    try:
        page, _ = make_link(context, base_url, FULL)
        page.reload(wait_until="load")
        kept = page.evaluate("""s => [...document.querySelectorAll(s)]
                                      .filter(el => el.type === 'radio' ? el.checked : el.value).map(el => el.id || el.name)""",
                             "[data-discharge-form] :is(input, select, textarea), [data-discharge-link]")
        assert kept == [] and page.locator("[data-discharge-result]").is_hidden(), kept
    finally:
        context.close()


# ------------------------------------------------------------------ print

def printed(context, url: str) -> bytes:
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    page.close()
    return pdf


def test_the_filled_handout_prints_on_one_side_at_12pt(browser, base_url, engine):
    context = browser.new_context()
    try:
        _, link = make_link(context, base_url, FULL)
        pdf = printed(context, link)
        problems = print_problems(f"{engine}:filled handout", pdf, 1)
        text, _ = pdf_text_and_pages(pdf)
        problems += [f"{entry!r} did not print" for entry in FULL_SHOWN + [f"Written by your team on {written()}"]
                     if entry not in text]
        page = context.new_page()
        page.goto(link, wait_until="networkidle")
        page.emulate_media(media="print")
        problems += small_print_problems(f"{engine}:filled handout", page.evaluate(SMALLEST_PRINTED_TEXT))
        assert not problems, "\n".join(problems)
    finally:
        context.close()


WORDS = {
    "short": "If you are worried at all call us and ask for the nurse on the ward who is on duty".split(),
    "long": "Physiotherapy appointments: radiographer, anticoagulation, rehabilitation, orthopaedic, "
            "haematology, Bisphosphonates, zoledronate".split(),
}


def words(n: int, kind: str, start: int) -> str:
    out, i = "", start
    while len(out) < n:
        out, i = (out + " " + WORDS[kind][i % len(WORDS[kind])]).strip(), i + 1
    return out[:n].rstrip()


def longest_accepted(page, raw: dict) -> tuple[dict, int]:
    """Shorten the free text, longest answer first, until the form's print rule accepts it."""
    keys = ["o", "b", "f", "pdw", "pnw"] + [f"n{i}" for i in range(1, 5)]
    while True:
        check = page.evaluate("""([raw, w]) => { const f = window.medrefDischarge; const c = f.check(raw, w);
                                   return {errors: c.errors.map(e => e.message), lines: f.printedLines(f.notes(c.values, w)),
                                           fragment: f.toFragment(c.values, w)}; }""", [raw, TODAY.isoformat()])
        assert not check["errors"], check["errors"]
        if check["lines"] <= page.evaluate("window.medrefDischarge.PRINT_LINES"):
            return check["fragment"], check["lines"]
        shorter = [k for k in keys if raw.get(k)]
        assert shorter, f"even without free text these notes take {check['lines']} lines: make the shape smaller"
        key = max(shorter, key=lambda k: len(raw[k]))
        raw[key] = raw[key][:-3].rstrip()


def shapes(kind: str) -> dict[str, dict]:
    meds = {k: v for i in range(1, 5) for k, v in ((f"m{i}", words(18, kind, i)), (f"r{i}", iso(10 + i)),
                                                   (f"n{i}", words(30, kind, i + 2)))}
    phones = {"pd": "01632960000", "pdw": words(40, kind, 1), "pn": "01632960001", "pnw": words(40, kind, 2)}
    return {
        "free text": {"p": "vp", "l": "T12", "d": iso(-3), "a": "sed", **phones, "fd": iso(60), "f": words(100, kind, 3),
                      "b": words(120, kind, 4), "o": words(150, kind, 5), "m1": words(25, kind, 6), "r1": "same"},
        "medicines": {"p": "kps", "l": "T12", "d": iso(-3), "a": "ga", **meds, **phones, "o": words(150, kind, 5)},
        "levels": {"p": "kps", "l": "C7,T1,T12,L1,L4,L5", "d": iso(-3), "a": "la", **phones, "b": words(120, kind, 4),
                   "o": words(150, kind, 5), "f": words(100, kind, 3), "fd": iso(300)},
    }


@pytest.mark.parametrize("kind", list(WORDS))
def test_the_longest_notes_the_form_accepts_still_print_on_one_side(browser, base_url, engine, kind):
    """At the form's print limit (discharge-fields.js PRINT_LINES), in three shapes and with short and
    long words: one A4 side. One line more and the form refuses, with a message that says so."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + HANDOUT, wait_until="load")
        problems = []
        for name, raw in shapes(kind).items():
            fragment, lines = longest_accepted(page, dict(raw))
            _, pages = pdf_text_and_pages(printed(context, base_url + HANDOUT + "#" + fragment))
            if pages != 1:
                problems.append(f"{engine} {kind} words, {name}: {lines} lines of notes print on {pages} sides; "
                                "lower PRINT_LINES or CHARS_PER_LINE in docs/assets/javascripts/discharge-fields.js")
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_the_form_refuses_notes_too_long_to_print(browser, base_url, engine):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + FORM, wait_until="load")
        fill(page, [e for e in FULL if e[1] not in ("dh-o", "dh-b", "dh-f")] + [
            ("select", "dh-r3", "same"), ("fill", "dh-m3", "Clopidogrel"), ("select", "dh-r4", "same"),
            ("fill", "dh-m4", "Gliclazide"), ("fill", "dh-o", words(150, "long", 1)), ("fill", "dh-b", words(120, "long", 2)),
            ("fill", "dh-f", words(100, "long", 3))])
        page.locator("[data-discharge-form] button").click()
        summary = page.locator("[data-discharge-errors]")
        assert summary.is_visible() and page.locator("[data-discharge-result]").is_hidden()
        assert re.search(r"The notes are about \d+ lines? too long to print on one A4 side with the standard advice",
                         summary.inner_text())
        assert page.evaluate("document.activeElement.hasAttribute('data-discharge-errors')")
    finally:
        context.close()


def test_without_scripts_the_standard_sheet_prints_with_its_blanks(browser, base_url, engine):
    context = browser.new_context(java_script_enabled=False)
    try:
        pdf = printed(context, base_url + HANDOUT + f"#v=1&w={TODAY.isoformat()}&p=vp&o=Not+shown")
        text, pages = pdf_text_and_pages(pdf)
        assert pages == 1 and "Your team's phone number:" in text and "____" in text
        assert "Notes from your team" not in text and "Not shown" not in text
        page = context.new_page()
        page.goto(base_url + FORM, wait_until="load")
        assert page.locator("[data-discharge-nojs]").is_visible() and page.locator("[data-discharge-form]").is_hidden()
    finally:
        context.close()


# ------------------------------------------------------------------ the QR code

@pytest.mark.parametrize("scheme, window", [("light", DESKTOP), ("dark", PHONE)])
def test_the_qr_code_scans_to_the_same_link(browser, base_url, engine, scheme, window):
    """A screenshot of the code as the page shows it, read by zxing-cpp, gives exactly the link."""
    context = browser.new_context(color_scheme=scheme, **window)
    try:
        page, link = make_link(context, base_url, FULL)
        code = page.locator("[data-discharge-qr] svg")
        assert code.get_attribute("role") == "img" and code.get_attribute("aria-label")
        read = qr_tools.decode(qr_tools.png_grey(code.screenshot()))
        assert read == [link.encode("ascii")], (read, link)
    finally:
        context.close()


def test_the_scan_check_fails_on_a_code_of_another_link(browser, base_url, engine):
    context = browser.new_context()
    try:
        page, link = make_link(context, base_url, FULL)
        page.evaluate("""() => { const box = document.querySelector('[data-discharge-qr]');
                                 box.replaceChildren(window.medrefQr.svg(window.medrefQr.encode('https://example.org/'), 4)); }""")
        assert qr_tools.decode(qr_tools.png_grey(page.locator("[data-discharge-qr] svg").screenshot())) != [link.encode()]
    finally:
        context.close()


# ------------------------------------------------------------------ accessibility

@pytest.mark.parametrize("scheme", sitetools.SCHEMES)
def test_axe_finds_nothing_on_the_form_and_the_filled_handout(browser, base_url, engine, scheme):
    window = DESKTOP if scheme == "light" else PHONE
    context = browser.new_context(color_scheme=scheme, **window)
    problems = []
    try:
        page = context.new_page()
        page.goto(base_url + FORM, wait_until="load")
        page.locator("[data-discharge-form] button").click()          # every error message showing
        page.select_option("#dh-r1", "date")
        problems += axe_violations(page, FORM + " (errors shown)")
        page.close()
        page, link = make_link(context, base_url, FULL)
        problems += axe_violations(page, FORM + " (link and QR code shown)")
        page.goto(link, wait_until="load")
        problems += axe_violations(page, HANDOUT + " (filled)")
        page.goto(base_url + HANDOUT + f"#v=1&w={TODAY.isoformat()}&p=xx&l=T99", wait_until="load")
        problems += axe_violations(page, HANDOUT + " (with a left-out note)")
    finally:
        context.close()
    assert not problems, f"{engine}, {scheme}:\n" + "\n".join(problems)


def test_handout_labels_match_what_the_form_measures(site_dir, engine):
    """The print limit counts the handout's labels (ROW_LABELS in discharge-fields.js): they must be
    the labels the handout shows."""
    html = (site_dir / "handouts" / "after-your-procedure" / "index.html").read_text(encoding="utf-8")
    shown_labels = dict(re.findall(r'data-discharge-row="?([a-z]+)"?[^>]*><dt>([^<]+)</dt>', html))
    source = (JS / "discharge-fields.js").read_text(encoding="utf-8")
    block = re.search(r"var ROW_LABELS = \{(.*?)\};", source, re.S).group(1)
    assert shown_labels == dict(re.findall(r'(\w+): "([^"]+)"', block))


# ------------------------------------------------------------------ scripts: one page each, files only

def test_the_forms_code_loads_only_on_its_pages(site_dir, engine):
    expected = {
        "discharge-form.min.js": {FORM}, "qr-code.min.js": {FORM}, "discharge-form.min.css": {FORM},
        "discharge-handout.min.js": {HANDOUT}, "discharge-handout.min.css": {HANDOUT},
        "discharge-fields.min.js": {FORM, HANDOUT},
    }
    found: dict[str, set] = {name: set() for name in expected}
    for page in sitetools.html_pages(site_dir):
        html = page.read_text(encoding="utf-8")
        for name in expected:
            if re.search(r"(src|href)=\"?[^\s>\"]*" + re.escape(name), html):
                found[name].add(sitetools.page_url(site_dir, page))
    assert found == expected
    for name in expected:
        assert (site_dir / "assets" / ("stylesheets" if name.endswith(".css") else "javascripts") / name).is_file()


def test_our_pages_add_no_inline_script_and_our_code_writes_no_html():
    """Scripts are files (the site's Content-Security-Policy allows no inline script), and the form's
    and handout's code never turns text into HTML."""
    for page in ("docs/clinicians/discharge-handout.md", "docs/handouts/after-your-procedure.md"):
        text = (sitetools.ROOT / page).read_text(encoding="utf-8")
        assert "<script" not in text.lower() and not re.search(r"\son[a-z]+\s*=", text), page
    for name in OUR_SCRIPTS:
        code = (JS / name).read_text(encoding="utf-8")
        found = re.findall(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|"
                           r"setAttribute\(\s*[\"']on|localStorage|sessionStorage|indexedDB|document\.cookie|"
                           r"fetch\(|XMLHttpRequest|sendBeacon", code)
        assert not found, f"{name}: {found}"


# ------------------------------------------------------------------ the offline copy

@pytest.fixture(scope="module")
def offline_site(engine):
    out = sitetools.ROOT / "build" / f"test-discharge-offline-{os.getpid()}-{engine}"
    proc = sitetools.build(engine, out, config="mkdocs.offline.yml")
    if proc.returncode != 0:
        shutil.rmtree(out, ignore_errors=True)
        pytest.fail(f"{engine}: offline build failed:\n{sitetools.output(proc)}")
    yield out
    shutil.rmtree(out, ignore_errors=True)


def test_form_and_handout_work_from_the_offline_copy(browser, offline_site, engine):
    context = browser.new_context()
    remote: list[str] = []
    try:
        form = context.new_page()
        form.on("request", lambda r: remote.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
        form.goto((offline_site / "clinicians" / "discharge-handout.html").as_uri(), wait_until="load")
        fill(form, FULL)
        form.locator("[data-discharge-form] button").click()
        link = form.locator("[data-discharge-link]").input_value()
        assert link.startswith((offline_site / "handouts" / "after-your-procedure.html").as_uri() + "#v=1&")
        assert form.locator("[data-discharge-file]").is_visible()   # says the link works on this computer only
        page = context.new_page()
        page.goto(link, wait_until="load")
        text = notes_text(page)
        assert [entry for entry in FULL_SHOWN if entry not in text] == []
        assert remote == []
    finally:
        context.close()
