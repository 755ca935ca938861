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


_PRINTED: set[Path] = set()


@pytest.fixture(scope="session")
def site_dir(site_builds, engine) -> Path:
    """The built site for this engine, with its handout PDFs printed as `make handouts` prints them
    (so their links are checked like any other); fails with the engine's output if the build failed."""
    proc, out = site_builds(engine)
    if proc.returncode != 0:
        pytest.fail(f"{engine} strict build failed:\n{sitetools.output(proc)}")
    if out not in _PRINTED:
        _PRINTED.add(out)
        # The same command `make handouts` runs. Page-count problems are reported by
        # tests/site/test_print.py; here the PDFs only need to exist.
        printed = subprocess.run([str(sitetools.BIN / "python"), str(sitetools.ROOT / "scripts" / "print_handouts.py"),
                                  str(out)], capture_output=True, text=True)
        if printed.returncode not in (0, 1) or "Traceback" in printed.stderr or "No Chromium" in printed.stderr:
            pytest.fail(f"scripts/print_handouts.py failed on the {engine} build:\n{printed.stdout}{printed.stderr}")
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
