"""Directives cannot vanish (medref.render.leftovers): whatever the directive and citation processors left
as `[[...` or `[ @key ]` fails the conversion with the page, the line and the known directive names;
code and escaped brackets are left alone."""

from __future__ import annotations

import pytest

from medref.render.directives import MedrefBuildError
from medref.render.leftovers import known_directives
from tests.unit.fixtures.evidence import render

KNOWN = ["fair-tests", "glossary", "icon-array", "literature-watch", "offline-copy", "option-grid", "pdf-download", "references",
         "risk-table", "sentence", "trial-chart", "trial-fact", "trial-summary", "trial-table", "urgent-care",
         "worksheet"]


def error(tmp_path, body: str) -> str:
    with pytest.raises(MedrefBuildError) as info:
        render(tmp_path, body)
    return str(info.value)


@pytest.mark.parametrize("typo,guess", [("[[risk-tabel]]", "risk-table"), ("[[urgent-kare]]", "urgent-care"),
                                        ("[[urgent-kare:999]]", "urgent-care"), ("[[glosary]]", "glossary")])
def test_a_mistyped_directive_fails_naming_line_and_the_likely_one(tmp_path, typo, guess):
    message = error(tmp_path, f"# Page\n\nIntro.\n\n{typo}\n")
    assert message.startswith(f"treatment/page.md, line 5: '{typo}' is not a directive medref knows "
                              f"(did you mean [[{guess}]]?)"), message
    assert "known directives: " + ", ".join(KNOWN) in message


def test_an_unclosed_directive_fails(tmp_path):
    message = error(tmp_path, "Intro.\n\n[[risk-table\n")
    assert message.startswith("treatment/page.md, line 3: '[[risk-table' is not closed; write it as [[risk-table]]")


def test_a_directive_inside_a_sentence_or_a_table_cell_fails(tmp_path):
    assert "works only on a line of its own" in error(tmp_path, "See [[risk-table]] below.\n")
    table = "| a | b |\n|---|---|\n| [[urgent-care:999]] | x |\n"
    assert "line 3: '[[urgent-care:999]]' was not replaced" in error(tmp_path, table)


def test_a_directive_in_an_admonition_or_list_is_still_checked(tmp_path):
    assert "'[[urgent-kare]]' is not a directive" in error(tmp_path, '!!! warning "Get help"\n\n    [[urgent-kare]]\n')
    assert "'[[risk-tabel]]' is not a directive" in error(tmp_path, "- one\n- [[risk-tabel]]\n")


@pytest.mark.parametrize("lookalike", ["[ @dohm2014 ]", "[ @dohm2014]", "[  @a; @b]"])
def test_a_citation_lookalike_fails(tmp_path, lookalike):
    message = error(tmp_path, f"A claim {lookalike}.\n")
    assert f"line 1: '{lookalike}' looks like a citation but has spaces inside its brackets" in message


def test_every_problem_of_a_page_in_one_message(tmp_path):
    message = error(tmp_path, "[[risk-tabel]]\n\n[[risk-table\n\nA [ @x ] claim.\n")
    assert len(message.splitlines()) == 3, message


def test_code_and_escaped_brackets_are_left_alone(tmp_path):
    body = ("Write `[[risk-table]]` on its own line, or \\[\\[risk-table]] in prose.\n\n"
            "```\n[[risk-tabel]]\n[ @key ]\n```\n\n    [[indented-code]]\n\nA [link](#x) and [@trial-one].\n")
    _, html = render(tmp_path, body)
    assert "<code>[[risk-table]]</code>" in html and "[[risk-tabel]]" in html


def test_known_names_come_from_the_registered_processors(tmp_path):
    md, _ = render(tmp_path, "Nothing here.\n")
    assert known_directives(md) == KNOWN
