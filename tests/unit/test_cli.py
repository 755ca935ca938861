"""medref.cli: `python -m medref COMMAND`, one subcommand per chore; each fails with a message and a
non-zero status."""

from __future__ import annotations

import subprocess
import sys

import pytest

from medref import cli
from tests import sitetools
from tests.unit.test_front_matter import write_page


def test_front_matter_exits_non_zero_and_says_the_build_stops(tmp_path, capsys):
    docs = tmp_path / "docs"
    write_page(docs, "old.md", last_reviewed="2020-01-01", next_review="2021-01-01")
    assert cli.main(["front-matter", str(docs)]) == 1
    err = capsys.readouterr().err
    assert "old.md: review overdue since 2021-01-01" in err and "the build stops here" in err


def test_front_matter_passes_on_good_pages(tmp_path):
    docs = tmp_path / "docs"
    write_page(docs, "fine.md", last_reviewed="2026-11-01", next_review="2099-11-01")
    assert cli.main(["front-matter", str(docs)]) == 0


def test_every_chore_is_a_subcommand():
    commands = cli.parser()._subparsers._group_actions[0].choices
    assert set(commands) == {"front-matter", "review-report", "references", "glossary", "reference-export",
                             "reading-level", "directives", "takeaways", "literature-watch", "originality"}


def test_an_unknown_command_fails():
    with pytest.raises(SystemExit) as exc:
        cli.main(["no-such-chore"])
    assert exc.value.code == 2


def test_runs_as_python_dash_m_medref():
    proc = subprocess.run([sys.executable, "-m", "medref", "references"], capture_output=True, text=True,
                          cwd=sitetools.ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "references, all valid" in proc.stdout


@pytest.mark.parametrize("name, args", [
    ("references", ["references", "--data", "{data}"]),
    ("glossary", ["glossary", "{data}", "{out}"]),
    ("risks", ["reference-export", "--docs", "{docs}", "--data", "{data}"]),
])
def test_a_broken_data_file_is_a_message_not_a_traceback(tmp_path, capsys, name, args):
    from tests.unit.fixtures.evidence import write_data

    data = write_data(tmp_path, **{name: "just: a mapping\n"})
    docs = tmp_path / "docs"
    (docs / "downloads").mkdir(parents=True)
    (docs / "page.md").write_text("[[risk-table]]\n", encoding="utf-8")
    filled = [a.format(data=data, out=tmp_path / "abbr.md", docs=docs) for a in args]
    assert cli.main(filled) == 1
    err = capsys.readouterr().err
    assert f"{data / (name + '.yml')}: must be a list" in err, err


def test_review_report_lists_overdue_pages_for_the_weekly_issue(tmp_path, capsys):
    docs = tmp_path / "docs"
    write_page(docs, "old.md", last_reviewed="2020-01-01", next_review="2021-01-01")
    write_page(docs, "fine.md", last_reviewed="2026-11-01", next_review="2099-11-01", description='"Other."')
    out = tmp_path / "report.md"
    assert cli.main(["review-report", str(docs), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == "overdue=1"
    text = out.read_text(encoding="utf-8")
    assert "old.md` | 2021-01-01" in text and "fine.md" not in text
    assert "Publishing while a page is overdue" in text


def test_review_report_with_nothing_overdue(tmp_path, capsys):
    docs = tmp_path / "docs"
    write_page(docs, "fine.md", last_reviewed="2026-11-01", next_review="2099-11-01")
    out = tmp_path / "report.md"
    assert cli.main(["review-report", str(docs), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == "overdue=0"
    assert "No page is past its review date." in out.read_text(encoding="utf-8")
