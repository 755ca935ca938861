"""The Material compatibility seam (overrides/material-compat/): each copied partial is Material's own file
but for the lines marked as ours, checked against the Material installed from the lock file, so a Material
update that changes a copied partial fails here and says which one to copy again."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parents[2]
SEAM = ROOT / "overrides" / "material-compat"
MATERIAL = Path(material.__file__).parent / "templates"
OURS = "{# medref #}"                          # ends every line medref changed or added
WAS = re.compile(r"\{#- medref was: (.*) #\}")   # a line of Material's that the lines after it replace
MATERIAL_HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}\n"


def material_file_from(copy: str) -> str:
    """Material's file as the copy says it was: our header, our lines and the markers taken out."""
    assert copy.startswith("{#-"), "a copy starts with a comment saying what it changes and why"
    body = copy[copy.index("-#}\n") + 4:]
    lines = []
    for line in body.split("\n"):
        if line.endswith(OURS):
            continue
        was = WAS.fullmatch(line)
        lines.append(was.group(1) if was else line)
    return MATERIAL_HEADER + "\n".join(lines)


def copies() -> list[Path]:
    return sorted((SEAM / "partials").glob("*.html"))


def test_the_seam_holds_the_copied_partials():
    assert [p.name for p in copies()] == ["nav-item.html", "search.html", "source.html", "toc.html"]


@pytest.mark.parametrize("copy", copies(), ids=lambda p: p.name)
def test_each_copied_partial_is_materials_own_but_for_the_marked_lines(copy):
    installed = MATERIAL / "partials" / copy.name
    assert installed.is_file(), f"Material no longer has partials/{copy.name}; see MATERIAL-COMPAT.md"
    text = copy.read_text(encoding="utf-8")
    assert OURS in text, f"{copy.name}: no line is marked as ours, so it need not be a copy"
    assert material_file_from(text) == installed.read_text(encoding="utf-8"), (
        f"overrides/material-compat/partials/{copy.name} no longer matches the installed Material's "
        f"partials/{copy.name}: copy Material's file again, then redo each line marked {OURS} "
        f"(and keep the line it replaces after 'medref was:')")


@pytest.mark.parametrize("name", ["nav-item.html", "search.html", "source.html", "toc.html"])
def test_the_theme_reads_each_copy_through_its_partial(name):
    stub = (ROOT / "overrides" / "partials" / name).read_text(encoding="utf-8")
    assert f'"material-compat/partials/{name}"' in stub


def test_an_unmarked_change_is_seen():
    copy = (SEAM / "partials" / "toc.html").read_text(encoding="utf-8")
    changed = copy.replace('class="md-nav__title"', 'class="md-nav__title md-nav__title--ours"')
    assert changed != copy
    installed = (MATERIAL / "partials" / "toc.html").read_text(encoding="utf-8")
    assert material_file_from(copy) == installed and material_file_from(changed) != installed
