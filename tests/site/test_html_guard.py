"""The built-HTML guard (medref/checks/html_guard.py) on every file of both builds: only the site's and
theme's own scripts (by file, or inline by the hashes mkdocs.yml's Content-Security-Policy allows), no
event-handler attribute, no javascript:, vbscript: or data: URL in a link, source or form action.
A failure names the page and the Markdown file it was built from."""

from __future__ import annotations

import re
from pathlib import Path

from medref.checks import html_guard
from tests import sitetools
from tests.site.test_csp import configured_policy, directives

# mkdocs-redirects writes each moved page's old address as a stub with one script of this shape (the
# new address is relative and comes from mkdocs.yml's redirect_maps).
REDIRECT_SCRIPT = re.compile(r'var anchor=window\.location\.hash\.substr\(1\);location\.href="(?:\.\./)*[a-z0-9/-]+/"'
                             r'\+\(anchor\?"#"\+anchor:""\)')


def allowed_hashes(html: str) -> set[str]:
    allowed = set(directives(configured_policy())["script-src"])
    if 'http-equiv="refresh"' in html[:2000] and len(html) < 3000:  # a redirect stub
        allowed.update(html_guard.sha256(s.text) for s in html_guard.read(html).scripts
                       if REDIRECT_SCRIPT.fullmatch(s.text))
    return allowed


def guard_report(site_dir: Path, engine: str) -> list[str]:
    problems = []
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        url = sitetools.page_url(site_dir, path)
        for problem in html_guard.guard_problems(html, allowed_hashes(html)):
            problems.append(f"{engine} {path.relative_to(site_dir)} ({sitetools.source_hint(url)}), {problem}")
    return problems


def test_no_script_or_handler_but_the_sites_own(site_dir, engine):
    problems = guard_report(site_dir, engine)
    assert not problems, "\n".join(problems)


def test_guard_fails_on_an_injected_onload(site_dir, engine, tmp_path):
    """A copy of one built page with an image that runs script when it loads, as a data-file payload
    once produced (reliability-3.md, E08: the dead-link check caught `src=x` only by accident)."""
    copy = tmp_path / "site" / "treatment" / "risks"
    copy.mkdir(parents=True)
    html = (site_dir / "treatment" / "risks" / "index.html").read_text(encoding="utf-8")
    injected = html.replace("</article>", '<img src="../../assets/favicon.svg" onload="alert(1)"></article>', 1)
    assert injected != html
    (copy / "index.html").write_text(injected, encoding="utf-8")
    problems = guard_report(tmp_path / "site", engine)
    assert len(problems) == 1, problems
    assert "treatment/risks/index.html (docs/treatment/risks.md)" in problems[0] and "onload" in problems[0]


def test_guard_rules():
    allowed = {html_guard.sha256("theme()")}
    good = ('<script src="../assets/javascripts/bundle.1.min.js"></script><script>theme()</script>'
            '<script type="application/ld+json">{"a":"<\\/b>"}</script><a href="https://x.org">x</a>')
    assert html_guard.guard_problems(good, allowed) == []
    for bad, says in (
        ("<script>alert(1)</script>", "inline script that is not one of the theme's"),
        ('<script src="https://evil.example/x.js"></script>', "not one of the site's own script files"),
        ('<script src="//evil.example/assets/javascripts/x.js"></script>', "not one of the site's own"),
        ("<img src=x onerror=alert(1)>", "<img onerror=...>"),
        ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "a javascript: URL"),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', "a javascript: URL"),
        ('<a href="vbscript:x">x</a>', "a vbscript: URL"),
        ('<iframe src="data:text/html,x"></iframe>', "a data: URL"),
        ('<form action="javascript:x"></form>', "a javascript: URL"),
        ('<base href="https://evil.example/">', "a <base> element"),
        ('<script type="application/ld+json">{"a":"</script><script>alert(1)</script>"}</script>', "inline script"),
    ):
        problems = html_guard.guard_problems(bad, allowed)
        assert problems and any(says in p for p in problems), (bad, problems)
