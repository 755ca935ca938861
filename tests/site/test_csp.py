"""The Content-Security-Policy: on every page of both builds, exactly the policy in mkdocs.yml, first in
<head>; it allows the theme's inline scripts by hash and nothing else inline; and no page breaks under
it in Chromium while a reader searches, switches light/dark, opens a word's meaning, copies a citation
and prints (any securitypolicyviolation fails the test, naming the page, its source and what was
blocked). A theme update that changes an inline script fails test_theme_scripts_are_the_allowed_ones,
saying which hash to put in mkdocs.yml.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from medref.checks import html_guard
from tests import sitetools

CONFIG = sitetools.ROOT / "mkdocs.yml"
OVERRIDE = sitetools.ROOT / "overrides" / "partials" / "javascripts" / "base.html"
THEMES = {"mkdocs": "material", "zensical": "zensical"}  # engine -> the package holding its templates
SCOPE_EXPRESSION = re.compile(r'"\{\{ config\.extra\.scope \| d\(base_url(?:, true)?\) \}\}"')
SCOPE_FROM_ATTRIBUTE = "document.currentScript.dataset.mdScope"
VIOLATIONS = """window.__medrefCsp = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__medrefCsp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} ${e.sample || ""}`.trim()));"""


class _Tagged(yaml.SafeLoader):
    """mkdocs.yml with its !ENV tags read as their default value."""


_Tagged.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1]
                        if isinstance(node, yaml.SequenceNode) else None)


def configured_policy() -> str:
    return yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=_Tagged)["extra"]["content_security_policy"]


def directives(text: str) -> dict[str, list[str]]:
    out = {}
    for part in text.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def all_html(site_dir: Path) -> list[Path]:
    """Every page a reader can land on: content pages and the 404 page (redirect stubs are written by
    mkdocs-redirects without the theme, so they carry no policy; the guard checks their one script)."""
    return sitetools.html_pages(site_dir) + [site_dir / "404.html"]


# ---- the policy itself ---------------------------------------------------------------------------------

def test_policy_is_strict():
    policy = directives(configured_policy())
    script = policy["script-src"]
    assert "'self'" in script and not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "https:"} & set(script)
    assert all(s == "'self'" or s.startswith("'sha256-") for s in script), script
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["default-src"] == ["'self'"] and policy["form-action"] == ["'self'"]
    ignored_in_meta = {"frame-ancestors", "report-uri", "sandbox"} & set(policy)
    assert not ignored_in_meta, f"{ignored_in_meta}: browsers ignore these in a <meta> policy"
    hosts = [s for sources in policy.values() for s in sources if re.match(r"https?:|//|\*", s)]
    assert not hosts, f"the policy allows other hosts {hosts}; pages load nothing from them (test_network.py)"


def test_every_page_carries_the_policy_first_in_head(site_dir, engine):
    expected = " ".join(configured_policy().split())
    problems = []
    for path in all_html(site_dir):
        html = path.read_text(encoding="utf-8")
        head = html[: html.find("</head>")]
        name = f"{engine} {path.relative_to(site_dir)} ({sitetools.source_hint(sitetools.page_url(site_dir, path))})"
        found = html_guard.read(html).csp
        if len(found) != 1:
            problems.append(f"{name}: {len(found)} Content-Security-Policy <meta> elements; expected 1")
            continue
        if " ".join(found[0].split()) != expected:
            problems.append(f"{name}: the policy differs from mkdocs.yml's: {found[0]!r}")
        first = re.search(r"<(script|style|link|meta(?![^>]*charset))\b[^>]*>", head)
        if not first or "Content-Security-Policy" not in first.group(0):
            problems.append(f"{name}: {first.group(0)[:60] if first else 'nothing'} comes before the policy in <head>")
        if not re.search(r"<meta[^>]*name=\"?referrer\"?[^>]*>", head):
            problems.append(f"{name}: no referrer policy <meta>")
    assert not problems, "\n".join(problems)


def test_inline_scripts_are_the_hashed_ones(site_dir, engine):
    allowed = set(directives(configured_policy())["script-src"])
    problems = []
    for path in all_html(site_dir):
        for digest in html_guard.script_hashes(path.read_text(encoding="utf-8")):
            if digest not in allowed:
                problems.append(f"{engine} {path.relative_to(site_dir)}: inline script {digest} is not in the "
                                "policy; if the theme changed, see test_theme_scripts_are_the_allowed_ones")
    assert not problems, "\n".join(sorted(set(problems)))


# ---- the theme's inline scripts ------------------------------------------------------------------------

def scripts_in(template: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", template, re.S)


def override_script(engine: str, text: str) -> str:
    """Our copy of the theme's scope script for one engine (overrides/partials/javascripts/base.html)."""
    zensical, material = re.search(r"\{% if generator %\}(.*?)\{% else %\}(.*?)\{% endif %\}", text, re.S).groups()
    return re.search(r"<script[^>]*>(.*?)</script>", zensical if engine == "zensical" else material, re.S).group(1)


def theme_script_problems(engine: str, templates: Path, override: str, allowed: set[str]) -> list[str]:
    """What no longer matches between the theme's inline scripts and the policy (or our copy)."""
    problems = []
    base = scripts_in((templates / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8"))
    expected_scope = SCOPE_EXPRESSION.sub(SCOPE_FROM_ATTRIBUTE, base[0]) if base else ""
    if not base or expected_scope == base[0]:
        problems.append(f"{engine}: the theme's partials/javascripts/base.html no longer writes the page's "
                        f"scope into its script; look again at {OVERRIDE.relative_to(sitetools.ROOT)}")
    elif override_script(engine, override) != expected_scope:
        problems.append(f"{engine}: the theme's partials/javascripts/base.html changed; copy its script into "
                        f"{OVERRIDE.relative_to(sitetools.ROOT)} with the scope read from data-md-scope, and "
                        f"put {html_guard.sha256(expected_scope)} in mkdocs.yml's script-src")
    theme_scripts = [expected_scope]
    theme_scripts += scripts_in((templates / "partials" / "javascripts" / "palette.html").read_text(encoding="utf-8"))
    # content.html: the last script runs on every page (the one before it only with content.tabs.link, off here)
    theme_scripts += scripts_in((templates / "partials" / "javascripts" / "content.html").read_text(encoding="utf-8"))[-1:]
    for script in theme_scripts:
        if html_guard.sha256(script) not in allowed:
            problems.append(f"{engine}: the theme's inline script {script[:50]!r}... has the hash "
                            f"{html_guard.sha256(script)}, which mkdocs.yml's script-src does not allow; "
                            "the theme changed: put the new hash in, remove the old one")
    return problems


def theme_templates(engine: str) -> Path:
    package = pytest.importorskip(THEMES[engine])
    return Path(package.__file__).parent / "templates"


def test_theme_scripts_are_the_allowed_ones(engine):
    allowed = set(directives(configured_policy())["script-src"])
    override = OVERRIDE.read_text(encoding="utf-8")
    problems = theme_script_problems(engine, theme_templates(engine), override, allowed)
    assert not problems, "\n".join(problems)


def test_no_stale_hash_in_the_policy():
    override = OVERRIDE.read_text(encoding="utf-8")
    used = set()
    for engine in THEMES:
        templates = theme_templates(engine)
        used.add(html_guard.sha256(override_script(engine, override)))
        for name in ("palette.html", "content.html"):
            used.update(html_guard.sha256(s) for s in
                        scripts_in((templates / "partials" / "javascripts" / name).read_text(encoding="utf-8"))[-1:])
    stale = set(directives(configured_policy())["script-src"]) - used - {"'self'"}
    assert not stale, f"mkdocs.yml allows script hashes no theme script has: {stale}; remove them"


def test_theme_check_fails_when_the_theme_changes(tmp_path, engine):
    """A theme update that edits one inline script (here the palette script) must fail the check."""
    templates = tmp_path / "templates"
    source = theme_templates(engine) / "partials" / "javascripts"
    (templates / "partials" / "javascripts").mkdir(parents=True)
    for name in ("base.html", "palette.html", "content.html"):
        text = (source / name).read_text(encoding="utf-8")
        if name == "palette.html":
            text = text.replace("var palette=", "var palette2=")
        (templates / "partials" / "javascripts" / name).write_text(text, encoding="utf-8")
    allowed = set(directives(configured_policy())["script-src"])
    problems = theme_script_problems(engine, templates, OVERRIDE.read_text(encoding="utf-8"), allowed)
    assert len(problems) == 1 and "var palette2=" in problems[0] and "sha256-" in problems[0], problems


# ---- in the browser ------------------------------------------------------------------------------------

SEARCH = {
    "mkdocs": ("input.md-search__input", "input.md-search__input", "li.md-search-result__item"),
    "zensical": ("button.md-search__button", "dialog[aria-label='Search'] input[role='combobox']",
                 "ol[aria-label='Search results'] > li"),
}


def use_the_page(page, engine: str) -> list[str]:
    """Do what a reader does on the page: the meaning of a word, Copy, the switch, Print, a search.
    Returns what could not be done (a missing feature is reported by its own test; listed here only so
    a page where nothing ran cannot pass unnoticed)."""
    skipped = []
    word = page.locator(".md-content abbr[title]:visible").first
    if word.count():
        word.hover()
        page.wait_for_timeout(100)
    cite = page.locator("details.medref-cite > summary")
    if cite.count():
        cite.first.click()
        copy = page.locator("[data-medref-copy='medref-cite-vancouver']")
        if copy.is_visible():
            copy.click()
        else:
            skipped.append("copy")
    switch = page.locator("form.md-header__option label:not([hidden])")
    if switch.count():
        switch.first.click()
        page.wait_for_timeout(100)
    else:
        skipped.append("switch")
    printer = page.locator("[data-medref-print]")
    if printer.count() and printer.first.is_visible():
        printer.first.click()
    page.emulate_media(media="print")
    page.wait_for_timeout(50)
    page.emulate_media(media="screen")
    opener, field, result = SEARCH[engine]
    page.locator(opener).first.click()
    page.locator(field).first.press_sequentially("pain", delay=5)
    try:
        page.locator(result).first.wait_for(state="visible", timeout=10_000)
    except Exception:  # noqa: BLE001 (Playwright's timeout): reported, not raised
        skipped.append("search results")
    return skipped


def violations_on(context, url: str, engine: str, console: list[str]) -> tuple[list[str], list[str]]:
    """(violations seen, features that could not be used) for one page, loaded fresh and used."""
    page = sitetools.open_page(context, url)
    page.wait_for_timeout(200)
    skipped = use_the_page(page, engine)
    page.wait_for_timeout(200)
    seen = page.evaluate("window.__medrefCsp || []") + [m for m in console if "Content Security Policy" in m]
    console.clear()
    return seen, skipped


def new_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block",
                                  permissions=["clipboard-read", "clipboard-write"])
    context.set_default_timeout(10_000)
    context.add_init_script(VIOLATIONS)  # an init script runs before the page's own, outside its policy
    console: list[str] = []
    context.on("console", lambda message: console.append(message.text))
    return context, console


def test_no_violation_on_any_page_while_it_is_used(browser, base_url, site_dir, engine):
    context, console = new_context(browser)
    problems = []
    try:
        paths = [sitetools.page_url(site_dir, p) for p in sitetools.html_pages(site_dir)] + ["/404.html"]
        for path in paths:
            seen, skipped = violations_on(context, base_url + path, engine, console)
            where = f"{engine} {path} ({sitetools.source_hint(path)})"
            problems += [f"{where}: blocked by the Content-Security-Policy: {v}" for v in dict.fromkeys(seen)]
            if "search results" in skipped:
                problems.append(f"{where}: a search for 'pain' showed no results under the policy")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_violation_check_fails_on_an_injected_inline_script(browser, base_url, engine):
    """The same check, on a page whose HTML gets one inline script on its way to the browser."""
    context, console = new_context(browser)

    def inject(route):
        response = route.fetch()
        body = response.text().replace("</body>", "<script>document.title='injected'</script></body>")
        route.fulfill(response=response, body=body)

    try:
        context.route(re.compile(r"/treatment/risks/$"), inject)
        seen, _ = violations_on(context, base_url + "/treatment/risks/", engine, console)
    finally:
        context.close()
    assert any(v.startswith("script-src") for v in seen), seen
