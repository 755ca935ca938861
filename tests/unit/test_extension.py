"""medref.extension: per-page state lives on the extension, reset() clears it, one priority table."""

from __future__ import annotations

import re
from pathlib import Path

import markdown

from medref import extension
from medref.extension import MedrefExtension, medref_of
from tests.unit.fixtures.evidence import DATA, EXTENSIONS, render


def test_state_is_on_the_extension_not_on_markdown(tmp_path):
    md, _ = render(tmp_path, "A claim [@trial-one].\n")
    ext = medref_of(md)
    assert ext.page.rel == "treatment/page.md" and ext.cited == ["trial-one"]
    assert not [name for name in vars(md) if name.startswith("medref")]


def test_reset_clears_the_page_and_its_citations(tmp_path):
    md, _ = render(tmp_path, "A claim [@trial-one].\n")
    md.reset()
    assert medref_of(md).page is None and medref_of(md).cited == []


def test_each_conversion_starts_empty_without_reset(tmp_path):
    """A Markdown instance that converts a second text without reset() must not keep the first's state."""
    md, _ = render(tmp_path, "A claim [@trial-one].\n")
    md.convert("Nothing cited.\n")
    assert medref_of(md).cited == [] and medref_of(md).page is None


def test_every_registered_processor_is_in_the_docstring_table():
    md = markdown.Markdown(extensions=EXTENSIONS + [MedrefExtension(data_dir=str(DATA), docs_dir="docs")])
    table = MedrefExtension.extendMarkdown.__doc__
    registries = (md.preprocessors, md.parser.blockprocessors, md.inlinePatterns, md.treeprocessors)
    ours = [(item.name, item.priority) for registry in registries for item in registry._priority
            if item.name.startswith("medref-")]
    assert len(ours) == 9
    for name, priority in ours:
        assert re.search(rf"\|\s*{re.escape(name)}\s*\|\s*{priority:g}\s*\|", table), (name, priority)
    constants = [name for name in vars(extension) if name.startswith("PRIORITY_")]
    assert len(constants) == len(ours)
    elsewhere = [p.name for p in Path(extension.__file__).parent.glob("*.py")
                 if p.name != "extension.py" and "PRIORITY_" in p.read_text(encoding="utf-8")]
    assert not elsewhere, f"priorities belong in medref/extension.py, not {elsewhere}"
