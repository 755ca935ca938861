"""medref.render.directives and the registry: a directive is one class registered in one place; it is then
rendered wherever a block can stand (never in code), cited, exported and documented; the registry refuses
a name twice; wrong arguments get generated "use one of" messages naming the page and line."""

from __future__ import annotations

from xml.etree import ElementTree as etree

import pytest

from medref import cli
from medref.cited import keys_cited_in_page
from medref.data.dataset import DataSet
from medref.extension import medref_of
from medref.pages import PageInfo
from medref.render import directive_list, reference_export
from medref.render.directives import (BlockDirective, MedrefBuildError, NoArgument, OneOf, Registry, line_of,
                                      page_name, where)
from medref.render.registry import DIRECTIVES
from tests.unit.fixtures.evidence import DATA, render


class Echo(BlockDirective):
    """A new data-driven directive, as a newcomer would write one: it cites the reference it names."""

    NAMES = ("echo",)
    ARGUMENT = OneOf("reference key", lambda data: data.references, source="references.yml")
    DOCS = (("[[echo:KEY]]", "a sentence citing one reference"),)

    @classmethod
    def cites(cls, data, name, value):
        """The reference it names."""
        return [value]

    def render(self, parent, name, value):
        etree.SubElement(parent, "p", {"class": "echo"}).text = f"Echo [@{value}]."


@pytest.fixture
def echo():
    """The one place the test directive is registered (and unregistered after the test)."""
    DIRECTIVES.register(Echo)
    yield Echo
    DIRECTIVES.unregister(Echo)


def test_a_directive_registered_once_is_rendered_cited_exported_and_documented(tmp_path, echo):
    md, html = render(tmp_path, "# T\n\nBefore.\n\n[[echo:trial-one]]\n")
    assert '<p class="echo">Echo<sup class="medref-cite"><a href="#source-trial-one"' in html
    assert medref_of(md).cited == ["trial-one"] and 'id="source-trial-one"' in html      # its Sources list
    docs, data = tmp_path / "docs", DataSet(DATA)
    assert keys_cited_in_page(docs / "treatment/page.md", docs, data) == ["trial-one"]   # the citation scan
    files = reference_export.expected_files(docs, data)                                 # the reference export
    assert "ID  - trial-one" in files[reference_export.Path("sources/treatment-page.ris")]
    listed = DIRECTIVES.reference()                                                     # AUTHORING.md's list
    assert ("`echo`: argument a reference key from data/references.yml; cites the reference it names.\n\n"
            "- `[[echo:KEY]]`: a sentence citing one reference\n") in listed


def test_an_unregistered_directive_stops_the_build_and_a_registered_one_is_known(tmp_path, echo):
    """medref.render.leftovers takes the known names from the registry's processors."""
    DIRECTIVES.unregister(Echo)
    with pytest.raises(MedrefBuildError, match=r"line 1: '\[\[echo:trial-one\]\]' is not a directive medref knows"):
        render(tmp_path, "[[echo:trial-one]]\n")
    DIRECTIVES.register(Echo)
    with pytest.raises(MedrefBuildError, match=r"known directives: echo, fair-tests, glossary, "):
        render(tmp_path, "[[ecko:trial-one]]\n")


def test_directive_between_text_inside_an_admonition_but_not_in_code(tmp_path, echo):
    _, html = render(tmp_path, "Before\n[[echo:trial-one]]\nAfter\n")
    assert "<p>Before</p>" in html and '<p class="echo">' in html and "<p>After</p>" in html
    # Code is never a directive: an unknown key there would stop the build.
    _, html = render(tmp_path, '!!! note "N"\n\n    [[echo:guide-one]]\n\n```\n[[echo:code]]\n```\n\n'
                               '    [[echo:indented]]\n')
    assert html.count('<p class="echo">') == 1 and "[[echo:code]]" in html and "[[echo:indented]]" in html


def test_the_registry_refuses_a_name_twice():
    class Other(BlockDirective):
        NAMES = ("glossary", "other")

    with pytest.raises(ValueError, match=r"directive name 'glossary' of Other is already registered by "
                                         r"GlossaryDirective; choose another name"):
        DIRECTIVES.register(Other)
    assert DIRECTIVES.get("other") is None  # nothing half-registered
    with pytest.raises(ValueError, match="already registered by Echo"):
        Registry(Echo, type("Echo2", (Echo,), {}))


def test_wrong_arguments_get_generated_messages_naming_page_and_line(tmp_path, echo):
    with pytest.raises(MedrefBuildError) as info:
        render(tmp_path, "# T\n\n[[echo:nope]]\n")
    assert str(info.value) == (
        f"treatment/page.md, line 3: unknown reference key 'nope' in [[echo:nope]]; use one of: "
        f"{', '.join(DataSet(DATA).references)}; or add it to {DATA / 'references.yml'}")
    with pytest.raises(MedrefBuildError, match=r"line 1: \[\[echo\]\] needs a reference key, as in "
                                               r"\[\[echo:trial-one\]\]; use one of: trial-one, "):
        render(tmp_path, "[[echo]]\n")
    with pytest.raises(MedrefBuildError, match=r"line 1: \[\[glossary\]\] takes no argument; write \[\[glossary\]\] "
                                               r"on its own line"):
        render(tmp_path, "[[glossary:a]]\n")


def test_an_optional_argument_names_what_the_bare_directive_shows():
    choice = OneOf("filter", ("a", "b"), without="for everything")
    assert choice.read("t", "", None) == "" and choice.read("t", "b", None) == "b"
    with pytest.raises(Exception, match=r"^unknown filter 'c' in \[\[t:c\]\]; use one of: a, b, or \[\[t\]\] for "
                                        r"everything$"):
        choice.read("t", "c", None)
    assert NoArgument().describe() == "none" and choice.describe() == "filter: a, b (optional)"


def test_the_citation_scan_names_no_directive():
    """medref/cited.py asks the registry; a directive's name written there would be a second declaration."""
    text = (reference_export.Path(__file__).resolve().parents[2] / "medref" / "cited.py").read_text(encoding="utf-8")
    named = [name for directive in DIRECTIVES.classes() for name in directive.NAMES
             if any(f"{before}{name}{after}" in text for before, after in (('"', '"'), ("'", "'"), ("[[", ""), ("\\[\\[", ""), ("(", "|"),
                                                                           ("|", "|"), ("|", ")")))]
    assert not named, f"medref/cited.py names directives {named}; ask medref.render.registry.DIRECTIVES instead"


def test_errors_name_the_page_and_line(tmp_path):
    path = tmp_path / "page.md"
    path.write_text("# T\n\nText\n[[echo:x]]\n", encoding="utf-8")
    page = PageInfo(path=path, rel="treatment/page.md", meta={}, url="treatment/page/")
    assert line_of(page, "[[echo:x]]") == 4
    assert where(page, "[[echo:x]]") == "treatment/page.md, line 4"
    assert where(page, "not there") == "treatment/page.md"
    assert page_name(None).startswith("<text not from a docs page")


def test_authoring_lists_every_registered_directive():
    authoring = reference_export.Path(__file__).resolve().parents[2] / "AUTHORING.md"
    assert directive_list.listed(authoring.read_text(encoding="utf-8")) == DIRECTIVES.reference(), (
        "AUTHORING.md's directive list is stale; run `.venv/bin/python -m medref directives` and commit it")


def test_the_directive_list_is_rewritten_between_its_markers(tmp_path, echo):
    page = tmp_path / "AUTHORING.md"
    page.write_text(f"# Intro\n\n{directive_list.START}\nstale list\n{directive_list.END}\n\nAfter.\n", encoding="utf-8")
    assert cli.main(["directives", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert directive_list.listed(text) == DIRECTIVES.reference() and "[[echo:KEY]]" in text
    assert text.startswith("# Intro\n\n") and text.endswith("\n\nAfter.\n") and "stale list" not in text
    page.write_text("No markers.\n", encoding="utf-8")
    assert cli.main(["directives", str(page)]) == 1
