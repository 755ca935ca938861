"""The offline copy (mkdocs.offline.yml, `make offline`) works from the file system: unzip it, open
index.html by file://, follow a link, search and see a result, with no network requests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests import sitetools

FOLDER = "vertebroplasty-kyphoplasty"   # the folder inside the zip (as `make offline` writes it)
LINKED_PAGE = "treatment/risks.html"    # a page the home page's navigation links to
QUERY = "cement"


@pytest.fixture(scope="session")
def offline_zip(engine):
    """Build mkdocs.offline.yml with this engine and zip it the way `make offline` does."""
    out = sitetools.ROOT / "build" / f"test-offline-{os.getpid()}-{engine}"
    proc = sitetools.build(engine, out / FOLDER, config="mkdocs.offline.yml")
    if proc.returncode != 0:
        shutil.rmtree(out, ignore_errors=True)
        pytest.fail(f"{engine}: offline build (mkdocs.offline.yml) failed:\n{sitetools.output(proc)}")
    archive = out / "offline.zip"
    subprocess.run([sys.executable, "-m", "zipfile", "-c", str(archive), FOLDER], cwd=out, check=True)
    yield archive
    shutil.rmtree(out, ignore_errors=True)


def run_search(page, query: str) -> int:
    """Type a query in the site's search and return how many results show (0 after 10 s).
    The two engines' search UIs differ: Material has a header input; Zensical opens a dialog."""
    if page.locator("button.md-search__button").count():
        page.locator("button.md-search__button").first.click()
        box, results = page.locator("input[role=combobox]").first, "[role=listbox] [role=option]"
    else:
        box, results = page.locator("input.md-search__input").first, ".md-search-result__item"
    try:
        box.click(timeout=10_000)
        box.press_sequentially(query, delay=50)
        page.locator(results).first.wait_for(state="attached", timeout=10_000)
    except Exception:  # Playwright's TimeoutError: no search box, or no result appeared
        return 0
    return page.locator(results).count()


def offline_problems(browser, site_root: Path, name: str) -> list[str]:
    """Open a copy of the site from the file system and say what does not work."""
    problems: list[str] = []
    context = browser.new_context()
    blocked: list[str] = []  # the offline copy's Content-Security-Policy (mkdocs.offline.yml) must not stop it
    context.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        page = context.new_page()
        remote: list[str] = []
        page.on("request", lambda r: remote.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
        page.goto((site_root / "index.html").as_uri(), wait_until="load")
        link = page.locator(f"a[href$='{LINKED_PAGE}']")
        if not link.count():
            problems.append(f"{name}: the home page has no link ending '{LINKED_PAGE}'; offline pages must be "
                            "name.html (use_directory_urls: false in mkdocs.offline.yml)")
        else:
            link.first.click()
            page.wait_for_load_state("load")
            if not page.url.endswith(LINKED_PAGE) or "Risks" not in page.locator("h1").first.inner_text():
                problems.append(f"{name}: following the link to {LINKED_PAGE} ended at {page.url}")
        found = run_search(page, QUERY)
        if not found:
            problems.append(f"{name}: searching '{QUERY}' from file:// shows no result; check the offline "
                            "plugin in mkdocs.offline.yml and the iframe-worker shim in extra.polyfills")
        if remote:
            problems.append(f"{name}: the offline copy fetched from the network: {sorted(set(remote))[:3]}")
        if "Content-Security-Policy" not in page.content()[:3000]:
            problems.append(f"{name}: the offline page has no Content-Security-Policy (overrides/main.html)")
        problems += [f"{name}: blocked by the offline Content-Security-Policy: {m[:200]}" for m in dict.fromkeys(blocked)]
    finally:
        context.close()
    return problems


def test_offline_zip_opens_navigates_and_searches(browser, offline_zip, engine, tmp_path):
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
        assert f"{FOLDER}/index.html" in names, f"{engine}: the zip has no {FOLDER}/index.html"
        archive.extractall(tmp_path)
    problems = offline_problems(browser, tmp_path / FOLDER, f"{engine}:offline zip")
    assert not problems, "\n".join(problems)


def test_offline_config_keeps_the_main_plugins(engine, offline_zip, tmp_path):
    """The offline build still has search, redirects and our page furniture (INHERIT merged them)."""
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(tmp_path)
    root = tmp_path / FOLDER
    assert (root / "procedures.html").is_file(), f"{engine}: no redirect stub procedures.html offline"
    text = (root / "treatment" / "risks.html").read_text(encoding="utf-8")
    assert re.search(r'class="?medref-review', text) and "editorial-policy.html" in text, (  # HTML is minified
        f"{engine}: offline page lacks the review box or its policy link is not a name.html link"
    )
    assert "unpkg.com" not in text, f"{engine}: offline page still refers to unpkg.com"


# ------------------------------------------------------------------ the check can fail

def test_offline_check_fails_on_the_online_build(browser, site_dir, engine):
    """The normal (directory-URL, server-only) build opened from file:// is reported as broken."""
    problems = offline_problems(browser, site_dir, f"{engine}:online build")
    text = "\n".join(problems)
    assert f"no link ending '{LINKED_PAGE}'" in text, text
    assert f"searching '{QUERY}' from file:// shows no result" in text, text
