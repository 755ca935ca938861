"""What changed at each review (data/changes.yml, medref/data/changes.py), shown by the furniture."""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path

import pytest

from medref.data.dataset import DataSet

from medref.data import changes
from medref.data.front_matter import read_front_matter
from medref.pages import PageInfo
from medref.render import furniture
from medref.render.directives import MedrefBuildError
from tests.unit.fixtures.evidence import load_error

ROOT = Path(__file__).resolve().parents[2]
GOOD = """\
- page: treatment/risks.md
  date: 2026-12-06
  what: Added VERTOS V.
  why: A new trial.
"""
PAGE = PageInfo(path=Path("docs/treatment/risks.md"), rel="treatment/risks.md", url="treatment/risks/",
                meta={"title": "Risks", "last_reviewed": dt.date(2026, 12, 6)})


def test_every_page_in_the_project_has_an_entry_for_its_last_review():
    recorded = changes.load_changes(ROOT / "data")
    pages = [p for p in (ROOT / "docs").rglob("*.md") if "downloads" not in p.parts]
    missing = []
    for path in pages:
        rel = path.relative_to(ROOT / "docs").as_posix()
        day = read_front_matter(path).get("last_reviewed")
        if not changes.changes_for(recorded, rel, day):
            missing.append(rel)
    assert not missing, f"no entry in data/changes.yml for the last review of: {missing}"
    unknown = {c.page for c in recorded} - {p.relative_to(ROOT / "docs").as_posix() for p in pages}
    assert not unknown, f"data/changes.yml names pages that do not exist: {unknown}"


@pytest.mark.parametrize("text, expected", [
    (GOOD.replace("2026-12-06", "6/12/2026"), "'date' must be the review's date"),
    (GOOD.replace("treatment/risks.md", "treatment/risks"), "'page' must be the page's file under docs/"),
    (GOOD.replace("Added VERTOS V.", "<script>x</script>"), "data is plain words, not HTML"),
    (GOOD.replace("  why: A new trial.\n", ""), "'why' is missing"),
    (GOOD.replace("Added VERTOS V.", "x" * 300), "more than the 240 this field allows"),
])
def test_bad_entries_name_the_file_and_the_fix(tmp_path, text, expected):
    assert expected in load_error(tmp_path, "changes", text, changes.load_changes, changes.ChangesDataError)


def test_the_box_lists_the_changes_and_the_note_links_to_them():
    recorded = changes.parse_changes([{"page": "treatment/risks.md", "date": "2026-12-06",
                                       "what": "Fixed a figure & a word.", "why": "A reader's report."}], "x")
    box = furniture.review_box(PAGE, furniture.Site("S", "https://e.org/", ""), 0, None, recorded)
    assert 'id="what-changed"' in box and "6 December 2026" in box
    assert "Fixed a figure &amp; a word." in box and "Why: A reader&#x27;s report." in box
    assert 'href="#what-changed"' in furniture.changed_note(recorded)


def test_a_reviewed_page_with_nothing_recorded_stops_the_build(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "changes.yml").write_text(GOOD.replace("2026-12-06", "2026-12-02"), encoding="utf-8")
    ext = types.SimpleNamespace(data=DataSet(data), md=types.SimpleNamespace())
    processor = furniture.FurnitureTreeprocessor.__new__(furniture.FurnitureTreeprocessor)
    processor.ext = ext
    with pytest.raises(MedrefBuildError, match=r"docs/treatment/risks.md: last reviewed on 2026-12-06.*add an entry"):
        processor.changes_of(PAGE)
    (data / "changes.yml").write_text(GOOD, encoding="utf-8")
    ext.data = DataSet(data)  # a build reads the data once; the next build reads the new file
    assert [c.what for c in processor.changes_of(PAGE)] == ["Added VERTOS V."]
