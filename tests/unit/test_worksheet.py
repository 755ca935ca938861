"""medref.data.worksheet and medref.render.worksheet: fields to fill in, never a form that could send them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from medref.data import worksheet
from medref.render.directives import MedrefBuildError
from tests.unit.fixtures.evidence import render

REAL = Path(__file__).resolve().parents[2] / "data"
PAGE = "\n\n".join(f"[[worksheet:{part}]]" for part in ("matters", "today", "leaning", "sure", "questions", "summary")) + "\n"


def test_every_part_renders_labelled_fields_and_no_form(tmp_path):
    _, html = render(tmp_path, PAGE, data=REAL)
    assert "<form" not in html, "answers must have nowhere to be submitted"
    sheet = worksheet.load_worksheet(REAL)
    for item in sheet.matters + sheet.sure + sheet.questions:
        assert item.text in html, item.text
    assert html.count('type="radio"') == (len(sheet.matters) * len(sheet.scale) + 11 + 3 * 2
                                          + len(sheet.leaning) + 2 * len(sheet.sure))
    # Every input sits inside its label; every text box has a label for it.
    assert re.search(r'<label class="ws-choice"><input', html)
    for area_id in re.findall(r'<textarea[^>]*id="([^"]+)"', html):
        assert f'for="{area_id}"' in html
    assert "data-ws-make" in html and 'id="my-summary"' in html and "SURE test" in html


def test_unknown_part_is_refused(tmp_path):
    with pytest.raises(MedrefBuildError, match=r"unknown part 'values' in \[\[worksheet:values\]\]; use one of: matters"):
        render(tmp_path, "[[worksheet:values]]\n", data=REAL)


def test_markup_in_the_words_is_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REAL, data)
    path = data / worksheet.FILENAME
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Anything else that matters to me", "Anything <b>else</b>", 1), encoding="utf-8")
    with pytest.raises(worksheet.WorksheetDataError, match="data is plain words, not HTML"):
        worksheet.load_worksheet(data)
