"""medref.data.front_matter: each bad input fails with the page's path and what to do, and
`make build` stops at a page past its next_review before either engine runs."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from medref.data import front_matter
from tests import sitetools

TODAY = dt.date(2026, 11, 21)
GOOD = {
    "title": "Recovery",
    "description": '"What the first days and weeks after the procedure are like."',
    "audience": "public",
    "last_reviewed": "2026-11-01",
    "next_review": "2027-11-01",
    "review": "checked against cited sources",
}


def write_page(docs: Path, name: str, **changes) -> Path:
    """A page with good front matter, with fields replaced (a value) or removed (None)."""
    fields = {**GOOD, **changes}
    lines = [f"{key}: {value}" for key, value in fields.items() if value is not None]
    path = docs / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + "\n".join(lines) + "\n---\n\n# Page\n", encoding="utf-8")
    return path


def problems_for(tmp_path: Path, **changes) -> list[str]:
    docs = tmp_path / "docs"
    write_page(docs, "treatment/recovery.md", **changes)
    return front_matter.check_docs(docs, today=TODAY)


def only(problems: list[str]) -> str:
    assert len(problems) == 1, problems
    assert "treatment/recovery.md" in problems[0], problems[0]
    return problems[0]


def test_good_page_passes(tmp_path):
    assert problems_for(tmp_path) == []


def test_missing_description(tmp_path):
    message = only(problems_for(tmp_path, description=None))
    assert "missing 'description'" in message and "add it" in message


def test_description_too_long(tmp_path):
    message = only(problems_for(tmp_path, description='"' + "word " * 40 + '"'))
    assert "description is 200 characters" in message and "shorten it to 160 or fewer" in message


def test_duplicate_description(tmp_path):
    docs = tmp_path / "docs"
    write_page(docs, "treatment/recovery.md")
    write_page(docs, "treatment/risks.md", title="Risks")
    message = front_matter.check_docs(docs, today=TODAY)
    assert len(message) == 1, message
    assert "treatment/risks.md" in message[0] and "treatment/recovery.md" in message[0]
    assert "each page needs its own" in message[0]


def test_unknown_audience(tmp_path):
    message = only(problems_for(tmp_path, audience="patients"))
    assert "audience 'patients'" in message and "public, clinician, both" in message


@pytest.mark.parametrize("field", ["last_reviewed", "next_review"])
def test_date_not_iso(tmp_path, field):
    message = only(problems_for(tmp_path, **{field: "21/11/2026"}))
    assert f"{field} '21/11/2026' is not an ISO date (YYYY-MM-DD)" in message


def test_next_review_not_after_last_reviewed(tmp_path):
    message = only(problems_for(tmp_path, last_reviewed="2026-11-21", next_review="2026-11-21"))
    assert "is not after last_reviewed 2026-11-21" in message and "12 months later" in message


def test_page_past_next_review(tmp_path):
    message = only(problems_for(tmp_path, last_reviewed="2025-01-01", next_review="2026-01-01"))
    assert "review overdue since 2026-01-01" in message
    assert "re-check the page against its sources" in message


def test_unquoted_colon_is_explained(tmp_path):
    message = only(problems_for(tmp_path, description="Recovery: the first weeks"))
    assert "not valid YAML" in message and "quote values" in message


def test_site_pages_pass():
    """The real pages, today (a writer's stale page fails here too, naming the file)."""
    problems = front_matter.check_docs(sitetools.ROOT / "docs")
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(not shutil.which("make"), reason="needs GNU make")
def test_make_build_stops_at_a_page_past_review(tmp_path):
    """`make build` in a copy of the project whose only page is overdue: the front-matter check
    fails, names the page, and no site is built."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy2(sitetools.ROOT / "Makefile", project / "Makefile")
    shutil.copy2(sitetools.ROOT / "requirements.txt", project / "requirements.txt")
    for config in ("mkdocs.yml", "mkdocs.offline.yml"):  # the takeaways step, before the build, reads them
        shutil.copy2(sitetools.ROOT / config, project / config)
    (project / "medref").symlink_to(sitetools.ROOT / "medref")
    (project / ".venv").symlink_to(Path(os.environ.get("VIRTUAL_ENV") or sitetools.BIN.parent))
    write_page(project / "docs", "stale.md", last_reviewed="2024-01-01", next_review="2025-01-01")
    # -o: treat the install stamp as up to date, so make uses the existing .venv and installs nothing
    proc = subprocess.run(["make", "-o", ".venv/bin/.site-installed", "build"],
                          cwd=project, capture_output=True, text=True)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "docs/stale.md: review overdue since 2025-01-01" in out, out
    assert not (project / "site").exists(), "the engine ran although the check failed"
