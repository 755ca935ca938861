"""The RIS and BibTeX exports: committed files match data/ and the pages, and real parsers read
every DOI, PubMed ID and title back exactly as data/references.yml has them."""

from __future__ import annotations

from pathlib import Path

import bibtexparser
import pytest
import rispy

from medref.data.dataset import DataSet
from medref.render import reference_export
from medref.data.references import load_references

ROOT = Path(__file__).resolve().parents[2]
DOWNLOADS = ROOT / "docs" / "downloads"


def ris_problems(text: str, refs: dict) -> list[str]:
    entries = {e.get("id"): e for e in rispy.loads(text)}
    problems = [f"RIS: {key} missing" for key in refs if key not in entries]
    for key, ref in refs.items():
        e = entries.get(key)
        if e is None:
            continue
        for field, got, want in (("title", e.get("title", ""), ref.title), ("doi", e.get("doi", ""), ref.doi),
                                 ("pmid", e.get("accession_number", ""), ref.pmid)):
            if got != want:
                problems.append(f"RIS: {key} {field} reads back as {got!r}, data has {want!r}")
    return problems


def bibtex_problems(text: str, refs: dict) -> list[str]:
    library = bibtexparser.parse_string(text)
    entries = {e.key: e for e in library.entries}
    problems = [f"BibTeX: {b.error}" if hasattr(b, "error") else f"BibTeX: cannot parse {b.raw[:60]!r}"
                for b in library.failed_blocks]
    problems += [f"BibTeX: {key} missing" for key in refs if key not in entries]
    for key, ref in refs.items():
        e = entries.get(key)
        if e is None:
            continue
        fields = {f.key: str(f.value) for f in e.fields}
        title = fields.get("title", "").strip("{}").replace("\\&", "&").replace("\\%", "%").replace("\\_", "_")
        for field, got, want in (("title", title, ref.title), ("doi", fields.get("doi", ""), ref.doi),
                                 ("pmid", fields.get("pmid", ""), ref.pmid)):
            if got != want:
                problems.append(f"BibTeX: {key} {field} reads back as {got!r}, data has {want!r}")
    return problems


def test_committed_files_are_up_to_date():
    expected = reference_export.expected_files(ROOT / "docs", DataSet(ROOT / "data"))
    stale = [str(rel) for rel, text in expected.items()
             if not (DOWNLOADS / rel).is_file() or (DOWNLOADS / rel).read_text(encoding="utf-8") != text]
    extra = [str(p.relative_to(DOWNLOADS)) for p in DOWNLOADS.rglob("*") if p.is_file()
             and p.relative_to(DOWNLOADS) not in expected]
    assert not stale and not extra, (
        f"docs/downloads is out of date (stale: {stale[:5]}, extra: {extra[:5]}); run "
        "`.venv/bin/python -m medref reference-export` and commit the result")


@pytest.mark.parametrize("suffix, check", [(".ris", ris_problems), (".bib", bibtex_problems)])
def test_every_doi_pmid_and_title_reads_back(suffix, check):
    refs = load_references(ROOT / "data")
    problems = check((DOWNLOADS / f"references{suffix}").read_text(encoding="utf-8"), refs)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("suffix, check, render", [
    (".ris", ris_problems, reference_export.ris_text),
    (".bib", bibtex_problems, reference_export.bibtex_text),
])
def test_read_back_check_fails_on_a_wrong_doi(suffix, check, render):
    """The check can fail: a file with one DOI changed is caught, naming the key."""
    refs = load_references(ROOT / "data")
    text = render(refs.values()).replace("10.1056/NEJMoa0900429", "10.1056/NEJMoa0900000")
    problems = check(text, refs)
    assert any("buchbinder2009 doi" in p for p in problems), problems


def test_page_files_hold_each_pages_sources():
    keys = reference_export.page_keys(ROOT / "docs", DataSet(ROOT / "data"))
    evidence = rispy.loads((DOWNLOADS / "sources" / "evidence-index.ris").read_text(encoding="utf-8"))
    assert [e["id"] for e in evidence] == keys["evidence/index.md"]
    assert "firanescu2018" in keys["clinicians/index.md"]   # cited by the chart's threshold
