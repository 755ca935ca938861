"""The Nu HTML Checker (vnu, from npm's vnu-jar) on every page: no errors except a short list that
come from the theme's own markup, each matched by message and element, each with its reason."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import sitetools

FIXTURES = Path(__file__).parent / "fixtures" / "html"
VNU_JAR = sitetools.ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (start of vnu's message, pattern in the offending markup, why it is accepted). Patterns allow for
# minified HTML, where attribute quotes may be dropped.
THEME_ERRORS = [
    ("Bad value “” for attribute “tabindex” on element “label”", r"md-nav__link",
     "Material's nav template writes tabindex=\"\" on section toggles (navigation.sections)"),
    ("Attribute “autocomplete” is only allowed when the input type is", r"md-toggle",
     "the theme's checkbox toggles carry autocomplete=off so browsers do not restore their state"),
    ("The “aria-hidden” attribute must not be used on any “label” element", r"md-overlay",
     "Zensical's template hides the drawer's overlay label from screen readers"),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     r'for="?__toc\b', "on section index pages (navigation.indexes) the theme prints the contents label, not its toggle"),
]


def _accepted(message: dict) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(text.startswith(start) and re.search(marker, extract) for start, marker, _ in THEME_ERRORS)


def vnu_errors(folder: Path) -> list[str]:
    """Validate every HTML file under `folder`; one line per error not on the accepted list,
    naming the built file, its Markdown source, the line and vnu's message."""
    java = shutil.which("java")
    if not java:
        pytest.fail("No Java runtime: install default-jre-headless (bash .ci/run does)")
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} is missing: run `npm ci` (make test does)")
    proc = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json", str(folder)],
        capture_output=True, text=True,
    )
    try:
        messages = json.loads(proc.stderr or proc.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu did not produce JSON (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    problems = []
    for message in messages:
        if message.get("type") != "error" or _accepted(message):
            continue
        file = Path(message.get("url", "").removeprefix("file:"))
        try:
            rel = file.relative_to(folder.resolve())
        except ValueError:
            rel = file
        url_path = sitetools.page_url(folder.resolve(), file) if file.is_absolute() and rel != file else str(rel)
        extract = re.sub(r"\s+", " ", message.get("extract", "")).strip()
        problems.append(f"{rel.as_posix()} ({sitetools.source_hint(url_path)}) line {message.get('lastLine', '?')}: "
                        f"{message['message']} [{extract[:120]}]")
    return problems


def test_every_page_is_valid_html(site_dir, engine):
    problems = vnu_errors(site_dir)
    assert not problems, f"{engine} build: {len(problems)} HTML error(s):\n" + "\n".join(problems)


def test_checker_reports_invalid_markup():
    """The fixture has a duplicate id and a list item outside a list, plus one accepted theme
    error (a checkbox toggle with autocomplete) that must not be reported."""
    problems = vnu_errors(FIXTURES)
    assert len(problems) == 2, problems
    assert all(line.startswith("broken.html (") for line in problems), problems
    assert any("Duplicate ID “twice”" in line for line in problems), problems
    assert any("Element “li” not allowed" in line for line in problems), problems
