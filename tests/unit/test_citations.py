"""[@key] citations: numbering, the Sources list, where they work, where they must not, and errors."""

from __future__ import annotations

import re

import pytest

from medref.cited import keys_cited_in_text
from medref.data.dataset import DataSet
from medref.render.directives import MedrefBuildError
from medref.extension import medref_of
from tests.unit.fixtures.evidence import DATA, render


def numbers(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="#source-([a-z0-9-]+)"(?: id="cite-[a-z0-9-]+")? title="[^"]*">(\d+)</a>', html)


def test_first_use_has_an_id_and_the_source_links_back(tmp_path):
    """A reader who follows a number can return: the source's entry links to where it was first cited."""
    md, html = render(tmp_path, "One [@guide-one]. Two [@guide-one].\n")
    assert html.count('id="cite-guide-one"') == 1
    assert html.index('id="cite-guide-one"') < html.index("Two")
    entry = re.search(r'<li id="source-guide-one">.*?</li>', html, re.S).group(0)
    assert '<a class="medref-back" href="#cite-guide-one">Back to the text</a>' in entry


def test_sources_fold_on_public_pages_only(tmp_path):
    """Patients do not scroll past screens of references; clinician pages keep the list open."""
    import markdown

    from medref.extension import MedrefExtension
    from tests.unit.fixtures.evidence import DATA, EXTENSIONS

    for audience, folded in (("public", True), ("both", True), ("clinician", False)):
        body = f"One {audience} [@guide-one].\n"
        page = tmp_path / "docs" / "treatment" / f"{audience}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"---\ntitle: T\naudience: {audience}\n---\n\n{body}", encoding="utf-8")
        md = markdown.Markdown(extensions=EXTENSIONS + [MedrefExtension(data_dir=str(DATA),
                                                                        docs_dir=str(tmp_path / "docs"))])
        html = md.convert(body)
        assert ('<details class="medref-sources-fold" data-search-exclude=""><summary>Show the 1 source for this page</summary>'
                in html.replace("\n", "")) is folded, audience


def test_numbered_by_first_use_and_reused(tmp_path):
    md, html = render(tmp_path, "One [@guide-one]. Two [@trial-one; @guide-one]. Three [@trial-one].\n")
    assert numbers(html) == [("guide-one", "1"), ("guide-one", "1"), ("trial-one", "2"), ("trial-one", "2")]
    assert medref_of(md).cited == ["guide-one", "trial-one"]
    assert '<sup class="medref-cite">' in html and "data-medref-keys" not in html


def test_sources_section_at_the_foot(tmp_path):
    md, html = render(tmp_path, "# Page\n\nA claim [@review-one].\n\nMore [@trial-one].\n")
    # Out of the search index (issue 13): the References page holds the same entries once.
    assert '<h2 data-search-exclude="" id="sources">Sources' in html
    assert '<ol class="medref-sources" data-search-exclude="">' in html
    sources = html.split('<h2 data-search-exclude="" id="sources">', 1)[1]
    assert sources.index('id="source-review-one"') < sources.index('id="source-trial-one"')
    assert 'href="https://doi.org/10.1056/NEJMoa0900429"' in sources
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/30399208/"' in sources
    assert html.index("A claim") < html.index('id="sources"')


def test_no_citations_no_sources(tmp_path):
    md, html = render(tmp_path, "Nothing cited here.\n")
    assert 'id="sources"' not in html and medref_of(md).cited == []


def test_state_resets_between_pages(tmp_path):
    md, _ = render(tmp_path, "Cited [@trial-one].\n")
    md.reset()
    md.convert("Nothing here.\n")
    assert medref_of(md).cited == []


def test_works_in_admonition_details_list_and_table(tmp_path):
    body = ("!!! note \"Note\"\n\n    In a note [@trial-one].\n\n"
            "??? clinician \"For clinicians\"\n\n    In details [@guide-one].\n\n"
            "- In a list [@review-one]\n- plain\n\n"
            "| What | Source |\n| --- | --- |\n| row | [@series-one] |\n")
    md, html = render(tmp_path, body)
    assert medref_of(md).cited == ["trial-one", "guide-one", "review-one", "series-one"]
    assert len(numbers(html)) == 4
    assert "[@" not in html


def test_code_is_left_alone(tmp_path):
    body = "Inline `[@nosuchkey]` code.\n\n```markdown\nFenced [@another-missing-key]\n```\n\n    indented [@x]\n"
    md, html = render(tmp_path, body)
    assert "[@nosuchkey]" in html and "[@another-missing-key]" in html and "[@x]" in html
    assert medref_of(md).cited == []


def test_unknown_key_names_file_line_and_key(tmp_path):
    body = "# Title\n\nFine [@trial-one].\n\nA claim [@buchbinder2099].\n"
    with pytest.raises(MedrefBuildError) as info:
        render(tmp_path, body, rel="treatment/risks.md")
    message = str(info.value)
    assert message.startswith("treatment/risks.md, line 5: unknown citation key 'buchbinder2099'")
    assert "add it to" in message and "references.yml or fix the key" in message


def test_unknown_key_in_list_of_keys(tmp_path):
    with pytest.raises(MedrefBuildError, match=r"page\.md, line 1: unknown citation key 'typo'"):
        render(tmp_path, "Two [@trial-one; @typo].\n")


def test_malformed_citation(tmp_path):
    with pytest.raises(MedrefBuildError) as info:
        render(tmp_path, "Comma [@trial-one, @guide-one].\n")
    assert "treatment/page.md, line 1: malformed citation" in str(info.value)
    assert "[@key1; @key2]" in str(info.value)


def test_references_directive_groups_everything(tmp_path):
    md, html = render(tmp_path, "# References\n\n[[references]]\n")
    headings = re.findall(r'<h2 id="references-([a-z]+)">([^<]+)', html)
    assert headings == [("guidance", "Guidance"), ("trials", "Randomised trials"), ("reviews", "Reviews"),
                        ("complications", "Complication studies")]
    for key in ("trial-one", "guide-one", "review-one", "series-one"):
        assert f'<li id="ref-{key}">' in html
    assert medref_of(md).cited == []  # listing is not citing


def test_references_directive_inside_code_is_untouched(tmp_path):
    md, html = render(tmp_path, "```\n[[references]]\n```\n")
    assert "[[references]]" in html and 'id="ref-' not in html


def test_citation_may_wrap_onto_the_next_line(tmp_path):
    md, html = render(tmp_path, "A claim that wraps [@guide-one;\n@trial-one] here.\n")
    assert numbers(html) == [("guide-one", "1"), ("trial-one", "2")]
    assert keys_cited_in_text("A claim [@guide-one;\n@trial-one].\n", DataSet(DATA)) == ["guide-one", "trial-one"]


def test_number_sits_against_its_word(tmp_path):
    md, html = render(tmp_path, "Leaks caused no harm [@guide-one]. Two *words* [@trial-one].\n")
    assert 'harm<sup class="medref-cite">' in html and "</em><sup" in html
