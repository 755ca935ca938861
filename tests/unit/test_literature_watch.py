"""The literature watch (medref/data/literature_watch.py, medref/render/literature_watch_render.py):
one entry per question, each with its last search; a search over 12 months old stops the build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from medref import cli
from medref.data import literature_watch as watch
from tests.unit.fixtures.evidence import load_error, render, write_data

ROOT = Path(__file__).resolve().parents[2]
ENTRY = """\
- id: sham
  question: Does it work better than a pretend procedure?
  pages: [treatment/page.md]
  last_searched: 2026-12-06
  where: [PubMed, Cochrane Library]
  terms: "vertebroplasty AND sham; 2019 to 2026"
  found: One new trial.
  site_changes: Added it.
  sources: [trial-one]
"""


def test_the_project_watch_covers_every_question_the_issue_lists():
    questions = watch.load_watch(ROOT / "data", docs_dir=ROOT / "docs")
    assert set(questions) >= {"vp-vs-sham", "kp-vs-vp-and-usual-care", "timing", "cancer-and-myeloma",
                              "new-fractures", "complications", "bone-medicines",
                              "medicines-around-the-procedure", "urgent-signs", "uk-eligibility-and-funding"}


def test_a_search_over_12_months_old_is_stale(tmp_path):
    questions = watch.parse_watch([{**_entry(), "last_searched": "2025-12-05"}], "watch.yml")
    assert watch.stale(questions, dt.date(2026, 12, 5)) == []  # exactly 12 months: still in date
    stale = watch.stale(questions, dt.date(2026, 12, 6))
    assert len(stale) == 1 and "'sham' was last searched on 2025-12-05" in stale[0] and "due by 2026-12-05" in stale[0]


def test_the_cli_fails_on_a_back_dated_copy_of_the_real_watch(tmp_path, capsys):
    """The project's own file, searched a year and a day ago, stops the build."""
    data = tmp_path / "data"
    data.mkdir()
    for name in ("references.yml", watch.FILENAME):
        (data / name).write_text((ROOT / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    questions = watch.load_watch(data)
    newest = max(q.last_searched for q in questions.values())
    overdue = watch.add_months(newest, 12) + dt.timedelta(days=1)
    assert cli.main(["literature-watch", "--data", str(data), "--docs", str(ROOT / "docs"),
                     "--today", overdue.isoformat()]) == 1
    err = capsys.readouterr().err
    assert "more than 12 months ago" in err and "the build stops here" in err
    assert cli.main(["literature-watch", "--data", str(data), "--docs", str(ROOT / "docs"),
                     "--today", newest.isoformat()]) == 0


@pytest.mark.parametrize("change, expected", [
    ({"last_searched": "6 December"}, "'last_searched' must be the day of the search"),
    ({"pages": []}, "'pages' must be a list"),
    ({"found": "<b>new</b>"}, "data is plain words, not HTML"),
    ({"sources": ["no-such-key"]}, "source 'no-such-key' is not in references.yml"),
    ({"previous_search": "2027-01-01"}, "must be before 'last_searched'"),
    ({"colour": "red"}, "unknown field 'colour'"),
])
def test_bad_entries_name_the_file_and_the_fix(tmp_path, change, expected):
    import yaml
    text = yaml.safe_dump([{**_entry(), **change}], sort_keys=False)
    message = load_error(tmp_path, "literature-watch", text, watch.load_watch, watch.LiteratureWatchDataError)
    assert expected in message


def test_month_arithmetic_keeps_the_day_or_falls_back_to_the_month_end():
    assert watch.add_months(dt.date(2026, 12, 6), 12) == dt.date(2027, 12, 6)
    assert watch.add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)


def test_summary_and_full_list_render_words_not_markup(tmp_path):
    data = write_data(tmp_path, **{"literature-watch": ENTRY.replace("One new trial.", "One *new* trial.")})
    _, html = render(tmp_path, "[[literature-watch:summary]]\n\n[[literature-watch]]\n", data=data)
    assert "We last searched for new trials, reviews and guidance on" in html
    assert '<time datetime="2026-12-06">6 December 2026</time>' in html
    assert 'href="../evidence/literature-watch.md"' in html
    assert "One *new* trial." in html and "<em>" not in html  # data text is never read as Markdown
    assert 'class="medref-cite"' in html  # its sources are cited and numbered like any other
    assert "next search due by" in html and "6 December 2027" in html


def _entry() -> dict:
    import yaml
    return yaml.safe_load(ENTRY)[0]


def test_both_engines_stop_on_a_stale_search_from_inside_the_build(tmp_path):
    """extension.page_rules runs on each engine's first page: a question searched over 12 months ago
    stops MkDocs and Zensical alike, not only `make build`'s command."""
    from medref.data.dataset import DataSet
    from medref.extension import page_rules
    from medref.render.directives import MedrefBuildError

    docs = tmp_path / "docs"
    docs.mkdir()
    today = dt.date.today().isoformat()
    data = write_data(tmp_path, **{"literature-watch": ENTRY.replace("2026-12-06", today)})
    page_rules(str(docs), DataSet(data))  # searched today: in date
    data = write_data(tmp_path, **{"literature-watch": ENTRY.replace("2026-12-06", "2020-01-01")})
    with pytest.raises(MedrefBuildError, match=r"question 'sham' was last searched on 2020-01-01"):
        page_rules(str(docs), DataSet(data))
