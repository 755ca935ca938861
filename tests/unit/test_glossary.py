"""Glossary: the [[glossary]] page, the generated abbreviations file, and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from medref.data.glossary import FILENAME, GlossaryDataError, abbreviations_text, load_glossary
from tests.unit.fixtures.evidence import DATA, load_error, render

ROOT = Path(__file__).resolve().parents[2]


def test_page_grouped_a_to_z(tmp_path):
    md, html = render(tmp_path, "# Glossary\n\n[[glossary]]\n", rel="about/glossary.md")
    assert [h for h in ("Numbers", "A", "B", "G") if f'<h2 id="glossary-{h.lower()}">{h}' in html] == ["Numbers", "A", "B", "G"]
    assert '<dt id="term-anaesthetic">Anaesthetic</dt>' in html
    assert "US: anesthetic." in html
    assert '<dt id="term-general-anaesthetic">General anaesthetic (GA)</dt>' in html
    assert 'See also: <a href="#term-general-anaesthetic">General anaesthetic</a>' in html
    assert '<a href="#glossary-a">A</a>' in html


def test_abbreviations_text():
    text = abbreviations_text(load_glossary(DATA))
    assert text == ("*[GA]: General anaesthetic: Medicine that puts you into a deep sleep\n\n"
                    "*[PMMA]: Bone cement: A thick paste that sets hard\n")


def test_committed_abbreviations_match_glossary():
    data = ROOT / "data"
    if not (data / FILENAME).is_file():
        pytest.skip("data/glossary.yml not written yet")
    expected = abbreviations_text(load_glossary(data))
    actual = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    assert actual == expected, ("includes/abbreviations.md is out of date with data/glossary.yml; "
                                "run `python -m medref glossary` and commit the result")


def load_bad(tmp_path, text):
    return load_error(tmp_path, "glossary", text, load_glossary, GlossaryDataError)


def test_missing_meaning(tmp_path):
    message = load_bad(tmp_path, "- term: Oedema\n  us: edema\n")
    assert "entry 1 (term 'Oedema'): missing 'meaning'; every entry needs a term and a plain meaning" in message


def test_see_unknown_term(tmp_path):
    message = load_bad(tmp_path, "- term: Oedema\n  meaning: Swelling.\n  see: [Swelling]\n")
    assert "term 'Oedema' has see: 'Swelling', which is not a term; add that term or fix the spelling" in message


def test_duplicate_term(tmp_path):
    message = load_bad(tmp_path, "- term: Oedema\n  meaning: Swelling.\n- term: oedema\n  meaning: Again.\n")
    assert "entry 2 (term 'oedema'): duplicate term (also entry 1); merge the two entries" in message
