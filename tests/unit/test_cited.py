"""medref.cited: what a page cites, read from its Markdown; the directives choose their rows with the
renderers' own select functions, so the scan and the rendered Sources list agree."""

from __future__ import annotations

import pytest

from medref.cited import keys_cited_in_docs, keys_cited_in_page, keys_cited_in_text, parse_keys
from medref.extension import medref_of
from medref.data.dataset import DataSet
from tests.unit.fixtures.evidence import DATA, render, write_data
from tests.unit.test_trials import ENTRY, OPEN


def test_parse_keys():
    assert parse_keys("a; @b-2") == ["a", "b-2"]
    assert parse_keys("a, @b") is None
    assert parse_keys("") is None


def test_keys_cited_in_text_skips_code_and_follows_risk_directives():
    data = DataSet(DATA)
    text = ("A [@trial-one].\n`[@guide-one]`\n```\n[@review-one]\n```\n[[sentence:single]]\n")
    assert keys_cited_in_text(text, data) == ["trial-one", "series-one"]
    assert set(keys_cited_in_text("[[risk-table:kyphoplasty]]\n", data)) == {"series-one", "review-one", "guide-one"}


@pytest.mark.parametrize("arg", ["", "harm", "benefit", "vertebroplasty", "kyphoplasty", "both"])
def test_risk_table_scan_cites_what_the_table_renders(tmp_path, arg):
    """The scan once ignored the kind filter: [[risk-table:benefit]] counted every figure's sources."""
    line = f"[[risk-table:{arg}]]\n" if arg else "[[risk-table]]\n"
    md, _ = render(tmp_path, line)
    assert keys_cited_in_text(line, DataSet(DATA)) == medref_of(md).cited


def test_a_risk_table_with_an_unknown_filter_cites_nothing():
    assert keys_cited_in_text("[[risk-table:nonsense]]\n", DataSet(DATA)) == []


@pytest.mark.parametrize("line", ["[[trial-table]]", "[[trial-table:sham-controlled]]", "[[trial-table:open]]",
                                  "[[trial-summary]]", "[[trial-summary:randomised]]"])
def test_trial_directive_scan_cites_what_the_directive_renders(tmp_path, line):
    data = write_data(tmp_path, trials=ENTRY + OPEN)
    md, _ = render(tmp_path, line + "\n", data=data)
    assert medref_of(md).cited
    assert keys_cited_in_text(line + "\n", DataSet(data)) == medref_of(md).cited


def test_a_page_cites_through_its_snippets(tmp_path):
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "shared.md").write_text("Shared [@guide-one].\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "page.md"
    page.write_text('Own [@trial-one].\n\n--8<-- "shared.md"\n', encoding="utf-8")
    assert keys_cited_in_page(page, docs, DataSet(DATA)) == ["trial-one", "guide-one"]
    assert keys_cited_in_docs(docs, DataSet(DATA)) == {"trial-one", "guide-one"}


def test_a_trial_fact_cites_its_own_source(tmp_path):
    from tests.unit.test_trials import FACTS

    data = DataSet(write_data(tmp_path, trials=ENTRY + FACTS))
    assert keys_cited_in_text("A cell: [[trial-fact:thing.later]].\n", data) == ["guide-one"]
