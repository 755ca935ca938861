"""Shared machinery for tests that read a built site: build with either engine, serve on
loopback, find a Chromium, make a small project to build. Checks of the built site work the same whichever engine built it."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

# One local server and one Chromium finder, shared with `python -m medref takeaways` (medref/printing.py).
from medref.pages import source_for
from medref.printing import CHROMIUM_FLAGS, CHROMIUM_NAMES, find_chromium, serve  # noqa: F401
import yaml

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("mkdocs", "zensical")
BIN = Path(sys.executable).parent


def build(engine: str, out_dir: Path, project: Path = ROOT, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    """Strict build of `project` with `engine` into `out_dir` (inside `project`: Zensical insists)."""
    # medref is installed in the venv (editable, by the Makefile): no PYTHONPATH, as a reader's build has none.
    env = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONPATH", None)
    out_dir = Path(out_dir).resolve()
    if engine == "mkdocs":
        cmd = [str(BIN / "mkdocs"), "build", "--strict", "-f", config, "-d", str(out_dir)]
        return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    # Zensical has no output flag: a throwaway config beside the real one sets site_dir.
    temp_config = project / f".zensical-test-{os.getpid()}-{out_dir.name}.yml"
    temp_config.write_text(f"INHERIT: {config}\nsite_dir: {out_dir}\n", encoding="utf-8")
    try:
        cmd = [str(BIN / "zensical"), "build", "--strict", "--clean", "-f", temp_config.name]
        for attempt in range(3):
            proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
            # --clean empties the project's .cache/; another build running in the same checkout at
            # that moment makes it panic ("could not be removed"). Only that is retried.
            if "cache directory could not be removed" not in output(proc):
                break
            time.sleep(1 + attempt)
        return proc
    finally:
        temp_config.unlink(missing_ok=True)


# ---- small projects: the real data/ and medref, a few pages, built by either engine -----------------

MINI_PAGE = """---
title: {title}
description: {description}
audience: public
last_reviewed: {last}
next_review: {next}
review: checked against cited sources
{extra}---

# {heading}

{body}
"""


def mini_page(title: str = "Home", description: str = "A page of a small test project.", body: str = "Text.",
              last: dt.date | None = None, next_: dt.date | None = None, extra: str = "", heading: str = "Page") -> str:
    """A page with valid front matter (reviewed 30 days ago, due in 300 unless given); title and
    description are YAML-quoted, so a test can put anything in them."""
    today = dt.date.today()
    return MINI_PAGE.format(title=yaml.safe_dump(title).strip().removesuffix("\n..."),
                            description=yaml.safe_dump(description, width=1000).strip().removesuffix("\n..."),
                            last=last or today - dt.timedelta(days=30), next=next_ or today + dt.timedelta(days=300),
                            extra=extra, heading=heading, body=body)


def mini_config(site_name: str, site_url: str = "", medref: dict[str, str] | None = None) -> str:
    """mkdocs.yml for a small project: Material, strict, medref reading data/ and docs/ with any
    further `medref` options (site_url, repo_url ...)."""
    lines = [f"site_name: {site_name}", *([f"site_url: {site_url}"] if site_url else []), "strict: true",
             "theme:", "  name: material", "  variant: classic", "markdown_extensions:", "  - medref:",
             "      data_dir: data", "      docs_dir: docs", *(f"      {k}: {v}" for k, v in (medref or {}).items())]
    return "\n".join(lines) + "\n"


def mini_project(root: Path, pages: dict[str, str], config: str) -> Path:
    """A project at `root`: a copy of the real data/ (without changes.yml, which would ask for an entry
    per page), `config` as mkdocs.yml and `pages` (docs-relative name -> text) plus the editorial policy
    every page's review box links to."""
    (root / "docs").mkdir(parents=True)
    shutil.copytree(ROOT / "data", root / "data")
    # Its pages carry made-up review dates, which no 'what changed' entry records: a project without
    # data/changes.yml shows none and asks for none (tests/unit/test_changes.py tests the rule).
    (root / "data" / "changes.yml").unlink()
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    policy = mini_page(title="Policy", description="How pages are checked.", body="How we write and check pages.")
    for name, text in {**pages, "about/editorial-policy.md": policy}.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    return root


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def output(proc: subprocess.CompletedProcess) -> str:
    """A build's stdout and stderr without colour codes (Zensical colours its messages)."""
    return ANSI.sub("", (proc.stdout or "") + (proc.stderr or ""))


def html_pages(site_dir: Path) -> list[Path]:
    """Content pages of a built site (not the 404 page or redirect stubs)."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        if path.name == "404.html":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if 'http-equiv="refresh"' in text[:2000] and len(text) < 3000:
            continue  # a redirect stub
        pages.append(path)
    return pages


def page_url(site_dir: Path, page: Path) -> str:
    """The URL path a page is served at ("/", "/treatment/risks/")."""
    rel = page.relative_to(site_dir).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's fallback when SITE_URL is not set


def source_hint(url_path: str, docs_dir: Path = ROOT / "docs") -> str:
    """The Markdown file a page URL was built from ("docs/treatment/risks.md"), so a failure
    message tells a writer which file to open; a note instead if there is none."""
    source = source_for(url_path, docs_dir)
    if source is not None:
        return source.relative_to(docs_dir.parent).as_posix()
    return "made by the theme or a template, not a Markdown page"


NOT_FOUND_PAGE = "/404.html"  # readers see it for any wrong address; not in html_pages()
SCHEMES = ("light", "dark")  # Playwright's color_scheme values; Material maps them to default/slate


def is_same_origin(url: str, base_url: str) -> bool:
    """True for requests to the local server, and for data:/blob:/about: URLs (no network)."""
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return url == base_url or url.startswith(base_url.rstrip("/") + "/")


def open_page(context, url: str, settle: str = "load"):
    """Go to `url` in the context's single page (created on first use, then reused: cheaper than
    a page per URL) and return it."""
    page = context.pages[0] if context.pages else context.new_page()
    response = page.goto(url, wait_until=settle)
    if response is not None and not response.ok:
        raise AssertionError(f"{url} answered HTTP {response.status}")
    return page
