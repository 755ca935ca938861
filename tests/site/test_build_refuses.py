"""Each engine, run directly (`mkdocs build`, `zensical build`: no Makefile), refuses what must never be
published, with one message per problem naming the file, the entry and the field, and no traceback:

- markup in data (a <script>, an <img onerror>, an encoded &lt;script&gt; and a javascript: link) in
  the glossary, the urgent-care advice, the trials and the risk figures;
- the same in a page's front-matter title and description;
- a mistyped or unclosed directive ([[risk-tabel]], [[urgent-kare]], [[risk-table);
- a page past its review date (and, with a logged extension, the page builds with a notice instead);
- a data file that is not UTF-8 (named with its line).

Each case is a small project (the real data/ and medref, one or a few pages), built by both engines.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from medref.pages import html_for
from tests import sitetools
from tests.unit.test_plaintext import PAYLOADS, poke

TODAY = dt.date.today()
BODY = "[[glossary]]\n\n[[urgent-care:999]]\n\n[[trial-table]]\n\n[[risk-table]]\n"


def page(body: str = BODY, **fields) -> str:
    return sitetools.mini_page(body=body, **fields)


def project(tmp_path: Path, pages: dict[str, str]) -> Path:
    return sitetools.mini_project(tmp_path / "project", pages, sitetools.mini_config("Refusals"))


def build(root: Path, engine: str):
    proc = sitetools.build(engine, root / "site", project=root)
    return proc.returncode, sitetools.output(proc)


def refused(root: Path, engine: str, *expected: str) -> str:
    code, out = build(root, engine)
    assert code != 0, f"{engine} built it:\n{out}"
    for text in expected:
        assert text in out, f"{engine}: {text!r} not in the build's output:\n{out}"
    assert "Traceback" not in out, f"{engine}: a traceback instead of one message per problem:\n{out}"
    return out


# (file, how to reach 4 entries, field, how the message names entry i)
DATA_CASES = {
    "glossary": ("glossary.yml", lambda d, i: d[i], "meaning", lambda d, i: f"entry {i + 1} (term '{d[i]['term']}')"),
    "urgent-care": ("urgent-care.yml", lambda d, i: d["signs"][i], "text",
                    lambda d, i: f"signs entry {i + 1} (id '{d['signs'][i]['id']}')"),
    "trials": ("trials.yml", lambda d, i: d[i], "name", lambda d, i: f"entry {i + 1} (id '{d[i]['id']}')"),
    "risks": ("risks.yml", lambda d, i: d[i], "sentence", lambda d, i: f"entry {i + 1} (id '{d[i]['id']}')"),
}


@pytest.mark.parametrize("case", DATA_CASES)
def test_markup_in_data_stops_the_build(tmp_path, engine, case):
    """One payload class in each of four entries of the file: four messages, each with file, entry, field."""
    name, reach, field, entry_name = DATA_CASES[case]
    root = project(tmp_path, {"index.md": page()})
    original = yaml.safe_load((root / "data" / name).read_text(encoding="utf-8"))
    for i, payload in enumerate(PAYLOADS.values()):
        poke(root / "data", name, lambda d, i=i: reach(d, i), field, payload)
    expected = [f"data/{name}: {entry_name(original, i)}: '{field}'" for i in range(len(PAYLOADS))]
    refused(root, engine, *expected)


def test_markup_in_front_matter_stops_the_build(tmp_path, engine):
    pages = {"index.md": page(body="Home.")}
    for i, payload in enumerate(PAYLOADS.values()):
        pages[f"title-{i}.md"] = page(title=f"Page {payload}", description=f"Title case {i}.", body="Text.")
        pages[f"description-{i}.md"] = page(description=f"About {payload}", title=f"Description {i}", body="Text.")
    root = project(tmp_path, pages)
    expected = [f"docs/title-{i}.md: 'title'" for i in range(len(PAYLOADS))]
    expected += [f"docs/description-{i}.md: 'description'" for i in range(len(PAYLOADS))]
    refused(root, engine, *expected)


def test_mistyped_and_unclosed_directives_stop_the_build(tmp_path, engine):
    body = "Intro.\n\n[[risk-tabel]]\n\n[[urgent-kare]]\n\n[[risk-table\n\nA claim [ @dohm2014 ].\n"
    root = project(tmp_path, {"index.md": page(body=body)})
    refused(root, engine,
            "index.md, line 14: '[[risk-tabel]]' is not a directive medref knows (did you mean [[risk-table]]?)",
            "index.md, line 16: '[[urgent-kare]]' is not a directive medref knows (did you mean [[urgent-care]]?)",
            "index.md, line 18: '[[risk-table' is not closed",
            "index.md, line 20: '[ @dohm2014 ]' looks like a citation",
            "known directives: fair-tests, glossary, icon-array")


def test_a_page_past_its_review_date_stops_the_build(tmp_path, engine):
    due = TODAY - dt.timedelta(days=2)
    stale = page(body="Text.", last=due - dt.timedelta(days=365), next_=due, description="Overdue.")
    root = project(tmp_path, {"index.md": page(body="Home."), "stale.md": stale})
    refused(root, engine, f"docs/stale.md: review overdue since {due.isoformat()}",
            "README, 'Publishing while a page is overdue'")


def test_a_logged_extension_builds_the_overdue_page_with_a_notice(tmp_path, engine):
    due = TODAY - dt.timedelta(days=2)
    extra = (f"review_extended_to: {TODAY + dt.timedelta(days=5)}\n"
             'review_extended_because: "Urgent correction to another page; this page is booked for review."\n')
    stale = page(body="Text.", last=due - dt.timedelta(days=365), next_=due, extra=extra, description="Overdue.")
    root = project(tmp_path, {"index.md": page(body="Home."), "stale.md": stale})
    code, out = build(root, engine)
    assert code == 0, out
    html = html_for("stale.md", root / "site").read_text(encoding="utf-8")
    assert "Review overdue" in html and "medref-overdue" in html and "booked for review" in html, html[:2000]
    home = html_for("index.md", root / "site").read_text(encoding="utf-8")
    assert "medref-overdue" not in home


def test_a_data_file_that_is_not_utf8_is_named_with_its_line(tmp_path, engine):
    root = project(tmp_path, {"index.md": page()})
    path = root / "data" / "risks.yml"
    lines = path.read_bytes().split(b"\n")
    lines[40] = lines[40] + b" vert\xe9bre"
    path.write_bytes(b"\n".join(lines))
    refused(root, engine, "data/risks.yml, line 41, column", "is not UTF-8 text; save the file as UTF-8")


def test_medref_debug_shows_the_traceback(tmp_path, engine, monkeypatch):
    """MEDREF_DEBUG=1: the same error with Python's traceback, for whoever debugs medref itself."""
    root = project(tmp_path, {"index.md": page(body="[[risk-tabel]]\n")})
    monkeypatch.setenv("MEDREF_DEBUG", "1")
    code, out = build(root, engine)
    assert code != 0 and "Traceback" in out and "'[[risk-tabel]]' is not a directive" in out, out


def test_a_yaml_error_in_data_is_one_message_with_its_line(tmp_path, engine):
    """Z-D01 in reliability-3.md: Zensical printed the real message at line 173 of 207, in a traceback."""
    root = project(tmp_path, {"index.md": page()})
    path = root / "data" / "risks.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  kind: harm\n", "  kind: [harm\n", 1), encoding="utf-8")
    refused(root, engine, "data/risks.yml, line", "not valid YAML", "close every '['")
