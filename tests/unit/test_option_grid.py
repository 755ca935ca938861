"""medref.data.option_grid and medref.render.option_grid: the decision aid's grid is balanced by
construction (one time point, unit and study per row unless the row says so) and never cites a
funded trial without saying who paid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from medref.data import option_grid, references, risks, trials
from medref.render import option_grid as grid_render
from medref.render.directives import MedrefBuildError
from tests.unit.fixtures.evidence import render

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "data"


def real_copy(tmp_path: Path, replace: tuple[str, str] | None = None) -> Path:
    """A copy of the real data folder, with one text replacement in option-grid.yml."""
    data = tmp_path / "data"
    shutil.copytree(REAL, data)
    if replace:
        path = data / option_grid.FILENAME
        text = path.read_text(encoding="utf-8")
        assert replace[0] in text, replace[0]
        path.write_text(text.replace(replace[0], replace[1], 1), encoding="utf-8")
    return data


def test_real_grid_loads_with_a_cell_per_option():
    grid = option_grid.load_grid(REAL)
    assert [o.label for o in grid.options] == ["Usual care", "Vertebroplasty", "Kyphoplasty"]
    assert all(len(row.cells) == 3 for row in grid.rows)
    assert {row.per for row in grid.rows} <= set(option_grid.PERS)


KAVIAR_IN_PAIN_ROW = ("      kyphoplasty: {none: true}\n", "      kyphoplasty: {figure: new-fracture-kaviar, arm: Kyphoplasty}\n")

UNBALANCED = {
    # Kyphoplasty's 1-year new-fracture figure in the 2-week pain row: different time and study.
    "mixed-time-points": (KAVIAR_IN_PAIN_ROW, ["mild-pain-2-weeks", "counted at different times",
                                               "kyphoplasty: 1 year", "'mixed:'"]),
    # Treated bones (CT leaks per level) beside people (infection) in one row.
    "mixed-units": (("      vertebroplasty: {figure: infection}\n",
                     "      vertebroplasty: {figure: cement-leak-ct, arm: Vertebroplasty}\n"),
                    ["count different things", "treated bones"]),
    "mixed-without-a-difference": (("    note: This difference could be due to chance.\n",
                                    "    note: This difference could be due to chance.\n    mixed: Not the same.\n"),
                                   ["'mixed' says the figures differ, but they match"]),
    "figure-in-words-without-source": (('{text: "No cement is used, so this cannot happen."}',
                                        '{text: "About 2 in 100 people have this."}'), ["has a figure", "no 'sources:'"]),
    "citation-in-words": (('{text: "No procedure, so no risk from one."}', '{text: "No procedure [@dohm2014]."}'),
                          ["markup or a citation"]),
}


@pytest.mark.parametrize("replace, expected", UNBALANCED.values(), ids=UNBALANCED.keys())
def test_an_unbalanced_or_marked_up_grid_is_refused(tmp_path, replace, expected):
    data = real_copy(tmp_path, replace)
    message = str(pytest.raises(option_grid.OptionGridDataError, option_grid.load_grid, data).value)
    assert str(data / option_grid.FILENAME) in message
    for words in expected:
        assert words in message, message


def test_the_same_row_is_accepted_when_it_says_so(tmp_path):
    data = real_copy(tmp_path, KAVIAR_IN_PAIN_ROW)
    path = data / option_grid.FILENAME
    text = path.read_text(encoding="utf-8").replace(
        "    time: 2 weeks\n    per: 100\n",
        "    time: 2 weeks\n    per: 100\n    mixed: Kyphoplasty was counted at a different time, so do not compare it.\n", 1)
    path.write_text(text, encoding="utf-8")
    grid = option_grid.load_grid(data)
    assert grid.rows[0].mixed.startswith("Kyphoplasty was counted")


def test_counts_use_the_rows_denominator_and_round_half_up():
    figures = risks.load_risks(REAL)
    assert grid_render.count_words(*figures["cement-nerve-surgery"].bounds(), 10000) == "About 13 in 10,000"
    assert grid_render.count_words(*figures["fda-serious-kp"].bounds(), 10000) == "About 3 to 5 in 10,000"
    assert grid_render.count_words(*figures["infection"].bounds(), 1000) == "About 3 to 5 in 1,000"
    assert grid_render.count_words(0.0004, 0.0004, 1000) == "Fewer than 1 in 1,000"
    assert grid_render.half_up(4.5) == 5


def test_payer_is_short():
    assert grid_render.payer("Medtronic Spine LLC (trial sponsor, ClinicalTrials.gov NCT00323609)") == "Medtronic Spine LLC"
    assert grid_render.payer("ZonMw (Netherlands Organisation for Health Research and Development), per the "
                             "trial registration") == "ZonMw (Netherlands Organisation for Health Research and Development)"
    assert grid_render.payer("Kyphon Inc (Medtronic); several authors were consultants") == "Kyphon Inc (Medtronic)"


def kaviar_cell_markdown() -> str:
    grid = option_grid.load_grid(REAL)
    row = next(r for r in grid.rows if r.id == "new-break-kaviar")
    cell = next(c for c in row.cells if c.option == "kyphoplasty")
    parts = grid_render.cell_parts(row, cell, risks.load_risks(REAL), trials.load_trials(REAL),
                                   references.load_references(REAL))
    return "\n".join(text for _, text in parts)


def test_kaviar_cell_says_who_paid():
    markdown = kaviar_cell_markdown()
    assert "[@dohm2014]" in markdown and "Funding: Medtronic Spine LLC" in markdown, markdown
    assert not grid_render.funding_problems("grid", markdown, references.load_references(REAL))


def test_funding_check_fails_on_kaviar_without_its_sponsor():
    markdown = kaviar_cell_markdown().replace("Funding: Medtronic Spine LLC", "")
    problems = grid_render.funding_problems("option-grid.yml: row 'new-break-kaviar', Kyphoplasty", markdown,
                                            references.load_references(REAL))
    assert problems and "dohm2014" in problems[0] and "Funding: Medtronic Spine LLC" in problems[0], problems


def test_the_build_stops_when_a_cell_loses_its_funding_line(tmp_path, monkeypatch):
    monkeypatch.setattr(grid_render, "funding_lines", lambda keys, refs: [])
    with pytest.raises(MedrefBuildError, match=r"cites dohm2014 \(funding: Medtronic Spine LLC\)"):
        render(tmp_path, "[[option-grid]]\n", data=REAL)


def test_grid_renders_every_row_with_its_basis_and_evidence(tmp_path):
    _, html = render(tmp_path, "[[option-grid]]\n", data=REAL)
    assert html.count('<tr id="option-grid-') == len(option_grid.load_grid(REAL).rows)
    assert "About 44 in 100" in html and "About 21 in 100" in html and "Trial against a pretend procedure" in html
    assert "At 2 weeks, out of 100 people" in html and "out of 100 treated bones" in html
    assert "No trial has measured this." in html and "No study we found has measured this." in html
    assert "Not comparable:" in html and 'data-option="Kyphoplasty"' in html
    assert "No reliable numbers." in html


def test_unknown_argument_is_refused(tmp_path):
    with pytest.raises(MedrefBuildError, match="takes no argument"):
        render(tmp_path, "[[option-grid:harms]]\n", data=REAL)
