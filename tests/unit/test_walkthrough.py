"""AUTHORING.md's 'Adding a data-driven table', run as written: its code blocks become the data file and
the two modules, its registration registers the class, and a page built with the new directive shows the
table, cites its sources, exports them and lists the directive. Files it needs: two new modules, one
registration (besides the data file)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path

import pytest

from medref.cited import keys_cited_in_page
from medref.data.dataset import DataSet
from medref.extension import medref_of
from medref.render import reference_export
from medref.render.registry import DIRECTIVES
from tests.unit.fixtures.evidence import render

ROOT = Path(__file__).resolve().parents[2]
SECTION = "## Adding a data-driven table"
BLOCK = re.compile(r'```(\w+) title="([^"]+)"\n(.*?)```', re.S)


def walkthrough_blocks() -> dict[str, str]:
    text = (ROOT / "AUTHORING.md").read_text(encoding="utf-8")
    section = text[text.index(SECTION):]
    section = section[: section.find("\n## ", len(SECTION)) if "\n## " in section[len(SECTION):] else None]
    return {path: code for _, path, code in BLOCK.findall(section)}


@pytest.fixture
def guidance(tmp_path, monkeypatch):
    """The walkthrough's modules, imported under their own names, and its class registered."""
    blocks = walkthrough_blocks()
    modules = {}
    for path in ("medref/data/guidance.py", "medref/render/guidance_render.py"):
        file = tmp_path / "src" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(blocks[path], encoding="utf-8")
        name = path[:-3].replace("/", ".")
        spec = importlib.util.spec_from_file_location(name, file)
        module = importlib.util.module_from_spec(spec)
        monkeypatch.setitem(sys.modules, name, module)
        spec.loader.exec_module(module)
        modules[name] = module
    table = modules["medref.render.guidance_render"].GuidanceTable
    assert "GuidanceTable" in blocks["medref/render/registry.py"]
    DIRECTIVES.register(table)
    yield blocks
    DIRECTIVES.unregister(table)


def test_the_walkthrough_adds_two_modules_and_one_registration():
    assert sorted(walkthrough_blocks()) == ["data/guidance.yml", "medref/data/guidance.py",
                                           "medref/render/guidance_render.py", "medref/render/registry.py"]
    registration = walkthrough_blocks()["medref/render/registry.py"].strip().splitlines()
    assert [line.strip() for line in registration] == [
        "from medref.render.guidance_render import GuidanceTable", "GuidanceTable,"]


def test_a_table_added_from_the_walkthrough_alone_is_built_cited_exported_and_listed(tmp_path, guidance):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "guidance.yml").write_text(guidance["data/guidance.yml"], encoding="utf-8")
    md, html = render(tmp_path, "# Guidance\n\n[[guidance-table]]\n", data=data)
    table = re.search(r"<table.*?</table>", html, re.S).group(0)
    assert table == (
        '<table class="medref-guidance-table">\n<thead>\n<tr>\n<th>Body</th>\n<th>Year</th>\n<th>Recommends</th>\n'
        '</tr>\n</thead>\n<tbody>\n<tr>\n<td>NICE</td>\n<td>2013</td>\n<td>Vertebroplasty and kyphoplasty without a '
        'stent as options in some '
        'cases<sup class="medref-cite"><a href="#source-nice-ta279" id="cite-nice-ta279" '
        'title="National Institute for Health and Care Excellence 2013">1</a></sup></td>\n</tr>\n</tbody>\n</table>')
    assert medref_of(md).cited == ["nice-ta279"] and 'id="source-nice-ta279"' in html
    docs, dataset = tmp_path / "docs", DataSet(data)
    assert keys_cited_in_page(docs / "treatment/page.md", docs, dataset) == ["nice-ta279"]
    assert "ID  - nice-ta279" in reference_export.expected_files(docs, dataset)[Path("sources/treatment-page.ris")]
    assert "- `[[guidance-table]]`: what each guideline body recommends, with its source" in DIRECTIVES.reference()


def test_the_new_loader_reports_a_bad_entry_with_file_and_fix(tmp_path, guidance):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "guidance.yml").write_text(guidance["data/guidance.yml"].replace("source: nice-ta279", "source: nice"),
                                       encoding="utf-8")
    from medref.data.errors import MedrefDataError

    with pytest.raises(MedrefDataError, match=r"guidance\.yml: entry 1 \(id 'nice-ta279'\): source 'nice' is not in "
                                              r"references\.yml; add it there or fix the key"):
        render(tmp_path, "[[guidance-table]]\n", data=data)
