"""medref.data.front_matter: each bad input fails with the page's path and what to do, and
`make build` stops at a page past its next_review before either engine runs."""

from __future__ import annotations

import datetime as dt
import os
import re
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


def test_page_script_must_be_a_known_set(tmp_path):
    """page_script picks a set of scripts in overrides/main.html; an unknown name fails (issue 27)."""
    assert problems_for(tmp_path, page_script="discharge-form") == []
    message = only(problems_for(tmp_path, page_script="../evil"))
    assert "page_script '../evil' is not one of discharge-form, discharge-handout" in message
    assert "overrides/main.html" in message


def test_page_scripts_match_the_template():
    """Every set front matter may name is one overrides/main.html loads, and the other way round."""
    template = (sitetools.ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    named = set(re.findall(r'page\.meta\.page_script == "([a-z-]+)"', template))
    assert named == set(front_matter.PAGE_SCRIPTS), (named, front_matter.PAGE_SCRIPTS)


def test_unquoted_colon_is_explained(tmp_path):
    message = only(problems_for(tmp_path, description="Recovery: the first weeks"))
    assert "not valid YAML" in message and "quote values" in message


def test_search_boost_below_one_passes(tmp_path):
    assert problems_for(tmp_path, search="{boost: 0.2}") == []


@pytest.mark.parametrize("setting, expected", [
    ('{boost: "0.2"}', "search.boost '0.2' must be a number above 0 and at most 10"),
    ("{boost: 0}", "search.boost 0 must be a number"),
    ("{boost: 1000}", "search.boost 1000 must be a number"),
    ("{boost: true}", "search.boost True must be a number"),
    ("{bost: 0.2}", "'search.bost' is not a search setting; use boost or exclude"),
    ("{exclude: 'yes'}", "search.exclude 'yes' must be true or false"),
    ("0.2", "'search' in front matter must be a mapping"),
])
def test_bad_search_setting_names_page_and_fix(tmp_path, setting, expected):
    message = only(problems_for(tmp_path, search=setting))
    assert expected in message, message


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


# ---- words, not markup (issue 21) -------------------------------------------------------------------

@pytest.mark.parametrize("field", ["title", "description"])
@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>",
                                     "&lt;script&gt;alert(3)&lt;/script&gt;", "[more](javascript:alert(4))"])
def test_markup_in_title_or_description_is_refused(tmp_path, field, payload):
    value = "'" + f"Recovery {payload}".replace("'", "''") + "'"
    message = only(problems_for(tmp_path, **{field: value}))
    assert f"treatment/recovery.md: '{field}' contains" in message, message


def test_a_quote_in_a_description_is_words(tmp_path):
    """A quote cannot break out of <meta name="description">: the template escapes it (overrides/main.html)."""
    assert problems_for(tmp_path, description="'What \"cement leak\" means, in plain words.'") == []


# ---- review dates: the logged extension (README, 'Publishing while a page is overdue') --------------

OVERDUE = {"last_reviewed": "2025-11-01", "next_review": "2026-11-14"}  # 7 days before TODAY


def test_an_extension_lets_an_overdue_page_build(tmp_path):
    assert problems_for(tmp_path, **OVERDUE, review_extended_to="2026-12-01",
                        review_extended_because='"urgent fix to urgent-help.md shipped; review booked"') == []


def test_an_extension_needs_a_reason(tmp_path):
    problems = problems_for(tmp_path, **OVERDUE, review_extended_to="2026-12-01")
    assert any("needs review_extended_because" in p for p in problems), problems
    assert any("review overdue since 2026-11-14" in p for p in problems), problems


def test_an_extension_is_at_most_28_days(tmp_path):
    problems = problems_for(tmp_path, **OVERDUE, review_extended_to="2026-12-13", review_extended_because="x")
    assert any("more than 28 days after next_review 2026-11-14" in p for p in problems), problems


def test_an_expired_extension_stops_the_build_again(tmp_path):
    problems = problems_for(tmp_path, last_reviewed="2025-10-01", next_review="2026-10-30",
                            review_extended_to="2026-11-20", review_extended_because="x")
    assert len(problems) == 1 and "review overdue since 2026-10-30" in problems[0], problems


def test_a_left_over_extension_must_go_after_the_review(tmp_path):
    problems = problems_for(tmp_path, review_extended_to="2026-12-01", review_extended_because="x")
    assert len(problems) == 1 and "remove review_extended_to" in problems[0], problems


def test_overdue_pages_lists_oldest_first(tmp_path):
    docs = tmp_path / "docs"
    write_page(docs, "a.md", **OVERDUE)
    write_page(docs, "b.md", last_reviewed="2025-01-01", next_review="2026-01-01", description='"Other."')
    write_page(docs, "c.md", description='"Third."')
    assert [(Path(p).name, str(d)) for p, d, _ in front_matter.overdue_pages(docs, TODAY)] == [
        ("b.md", "2026-01-01"), ("a.md", "2026-11-14")]


def test_checked_once_until_a_page_changes(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    path = write_page(docs, "a.md")
    calls = []
    real = front_matter.check_docs
    monkeypatch.setattr(front_matter, "check_docs", lambda *a: calls.append(1) or real(*a))
    assert front_matter.check_docs_once(docs, TODAY) == [] and front_matter.check_docs_once(docs, TODAY) == []
    assert len(calls) == 1
    write_page(docs, "a.md", title="Changed title that is longer")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    front_matter.check_docs_once(docs, TODAY)
    assert len(calls) == 2


def test_front_matter_not_utf8_names_the_line(tmp_path):
    docs = tmp_path / "docs"
    path = write_page(docs, "treatment/recovery.md")
    path.write_bytes(path.read_bytes().replace(b"Recovery", b"R\xe9covery", 1))
    message = only(front_matter.check_docs(docs, today=TODAY))
    assert "line 2, column 9: byte 0xe9 is not UTF-8 text" in message, message
