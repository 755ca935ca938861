"""medref.pages: the page comes from the engine (MkDocs' relpath treeprocessor, Zensical's
rendering context); the body-hash index only answers when no engine says."""

from __future__ import annotations

import types

import markdown
import pytest
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from medref.pages import PageIndex, UnknownPage, engine_source_path, page_from_engine, url_for

PAGE = "---\ntitle: Risks\naudience: public\n---\n# Risks\n\nSame body.\n"


@pytest.fixture
def docs(tmp_path):
    (tmp_path / "treatment").mkdir()
    (tmp_path / "treatment" / "risks.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "treatment" / "twin.md").write_text(PAGE.replace("Risks\na", "Twin\na"), encoding="utf-8")
    return tmp_path


def mkdocs_like(src_uri: str) -> markdown.Markdown:
    """A Markdown instance as MkDocs 1.6 hands it over: a 'relpath' treeprocessor holding the File."""
    md = markdown.Markdown()
    proc = Treeprocessor(md)
    proc.file = types.SimpleNamespace(src_uri=src_uri)
    md.treeprocessors.register(proc, "relpath", 0)
    return md


def zensical_like(path: str) -> markdown.Markdown:
    """As Zensical hands it over: a 'rendering_context' preprocessor holding the Page."""
    md = markdown.Markdown()
    proc = Preprocessor(md)
    proc.page = types.SimpleNamespace(path=path, url="treatment/risks/", meta={})
    md.preprocessors.register(proc, "rendering_context", 0)
    return md


@pytest.mark.parametrize("make", [mkdocs_like, zensical_like], ids=["mkdocs", "zensical"])
def test_page_comes_from_the_engine(docs, make):
    page = page_from_engine(make("treatment/risks.md"), docs)
    assert page.rel == "treatment/risks.md" and page.url == "treatment/risks/"
    assert page.meta["title"] == "Risks" and page.path == docs / "treatment" / "risks.md"


def test_an_absolute_path_inside_docs_is_made_relative(docs):
    page = page_from_engine(zensical_like(str(docs / "treatment" / "twin.md")), docs)
    assert page.rel == "treatment/twin.md"


def test_no_engine_means_no_answer():
    assert engine_source_path(markdown.Markdown()) is None
    assert page_from_engine(markdown.Markdown(), "docs") is None


@pytest.mark.parametrize("make", [mkdocs_like, zensical_like], ids=["mkdocs", "zensical"])
def test_a_page_medref_cannot_read_fails_naming_it(docs, make):
    with pytest.raises(UnknownPage, match=r"treatment/gone\.md: the engine is converting this page"):
        page_from_engine(make("treatment/gone.md"), docs)


def test_a_page_outside_docs_fails_naming_it(docs, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "page.md"
    elsewhere.write_text(PAGE)
    with pytest.raises(UnknownPage, match="page.md: the engine is converting a page outside"):
        page_from_engine(zensical_like(str(elsewhere)), docs)


def test_fallback_index_finds_a_page_by_body(docs):
    (docs / "treatment" / "twin.md").write_text(PAGE.replace("Same body", "Other body"), encoding="utf-8")
    found = PageIndex(docs).identify("# Risks\n\nOther body.\n")
    assert found.rel == "treatment/twin.md"


@pytest.mark.parametrize("rel, url", [("index.md", ""), ("a/b.md", "a/b/"), ("a/index.md", "a/")])
def test_url_for(rel, url):
    assert url_for(rel) == url


def test_source_and_built_file_map_both_ways(docs, tmp_path):
    from medref.pages import html_for, source_for

    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    for url in ("/treatment/risks/", "treatment/risks/index.html", "treatment/risks.html"):
        assert source_for(url, docs) == docs / "treatment" / "risks.md", url
    assert source_for("/", docs) == docs / "index.md" and source_for("index.html", docs) == docs / "index.md"
    assert source_for("/search/", docs) is None
    site = tmp_path / "site"
    (site / "treatment" / "risks").mkdir(parents=True)
    (site / "treatment" / "risks" / "index.html").write_text("", encoding="utf-8")
    (site / "treatment" / "twin.html").write_text("", encoding="utf-8")
    assert html_for("treatment/risks.md", site) == site / "treatment" / "risks" / "index.html"
    assert html_for("treatment/twin.md", site) == site / "treatment" / "twin.html"
    assert html_for("treatment/none.md", site) is None
