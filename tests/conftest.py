"""Session fixtures: each engine builds the site once; tests read or serve the result."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import sitetools

BUILD_ROOT = sitetools.ROOT / "build" / f"test-{os.getpid()}"


@pytest.fixture(scope="session")
def site_builds():
    """Build lazily: {engine: (CompletedProcess, site_dir)}; removed at the end of the session."""
    results: dict[str, tuple] = {}

    def get(engine: str):
        if engine not in results:
            prebuilt = os.environ.get(f"PREBUILT_SITE_{engine.upper()}")
            if prebuilt:  # while working on a check: reuse a folder you built, skip the build
                done = subprocess.CompletedProcess(["prebuilt", prebuilt], 0, f"prebuilt: {prebuilt}", "")
                results[engine] = (done, Path(prebuilt).resolve())
            else:
                out = BUILD_ROOT / engine
                results[engine] = (sitetools.build(engine, out), out)
        return results[engine]

    yield get
    shutil.rmtree(BUILD_ROOT, ignore_errors=True)


@pytest.fixture(scope="session", params=sitetools.ENGINES)
def engine(request):
    return request.param


@pytest.fixture(scope="session")
def site_dir(site_builds, engine) -> Path:
    """The built site for this engine, as the build made it: the handout PDFs and the offline zip are
    in it only if `python -m medref takeaways` (make test runs it) put them in docs/ first, and
    tests/site/test_links.py fails on any link to a file the build did not produce. Fails with the
    engine's output if the build failed."""
    proc, out = site_builds(engine)
    if proc.returncode != 0:
        pytest.fail(f"{engine} strict build failed:\n{sitetools.output(proc)}")
    return out


@pytest.fixture(scope="session")
def base_url(site_dir):
    with sitetools.serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def page_paths(site_dir) -> list[str]:
    """URL paths of every content page of this engine's build ("/", "/treatment/risks/")."""
    return [sitetools.page_url(site_dir, page) for page in sitetools.html_pages(site_dir)]


@pytest.fixture(scope="session")
def browser():
    """A headless system Chromium driven by Playwright (Playwright's own download is not used)."""
    from playwright.sync_api import sync_playwright

    executable = sitetools.find_chromium()
    if not executable:
        pytest.fail("No Chromium found: install Debian's 'chromium' (bash .ci/run does) or set CHROME_PATH")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=sitetools.CHROMIUM_FLAGS)
        yield browser
        browser.close()
