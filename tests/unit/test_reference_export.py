"""The RIS and BibTeX exports: committed files match data/ and the pages, and real parsers read
every DOI, PubMed ID, title and first author's surname back exactly as data/references.yml has them."""

from __future__ import annotations

from pathlib import Path

import bibtexparser
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
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


# ---------------------------------------------------------------- authors as reference managers read them

SUFFIXES = ("Jr", "Sr", "II", "III", "IV")


def expected_surname(author: str) -> str:
    """What a reference manager must file the author under, read from the data's own spelling:
    "Chavali R" -> "Chavali", "McConnell CT Jr" -> "McConnell", "de Vries J" -> "de Vries"; an
    organisation ("National Institute for Health and Care Excellence") whole."""
    words = author.split()
    if len(words) > 2 and words[-1] in SUFFIXES:
        words = words[:-1]
    if len(words) > 1 and words[-1].isupper() and words[-1].isalpha() and len(words[-1]) <= 4:
        return " ".join(words[:-1])
    return author


def listed_authors(ref) -> list[str]:
    return [a for a in ref.authors if a != "et al."]


def test_expected_surname_reads_the_data_as_a_person_would():
    assert expected_surname("Chavali R") == "Chavali"
    assert expected_surname("McConnell CT Jr") == "McConnell"
    assert expected_surname("de Vries J") == "de Vries"
    assert expected_surname("Guy's and St Thomas' NHS Foundation Trust") == "Guy's and St Thomas' NHS Foundation Trust"
    assert expected_surname("NHS website") == "NHS website"


def ris_author_problems(text: str, refs: dict) -> list[str]:
    entries = {e.get("id"): e for e in rispy.loads(text)}
    problems = []
    for key, ref in refs.items():
        want, got = listed_authors(ref), entries.get(key, {}).get("authors", [])
        if not want:
            continue
        if len(got) != len(want):
            problems.append(f"RIS: {key} has {len(got)} authors, data has {len(want)}")
        # RIS names are "Surname, Given": the surname is everything before the first comma.
        surname = got[0].split(",")[0].strip() if got else ""
        if surname != expected_surname(want[0]):
            problems.append(f"RIS: {key} first author's surname reads as {surname!r}, not {expected_surname(want[0])!r} (data: {want[0]!r})")
    return problems


def bibtex_author_problems(text: str, refs: dict) -> list[str]:
    library = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    entries = {e.key: e for e in library.entries}
    problems = []
    for key, ref in refs.items():
        want = listed_authors(ref)
        if not want or key not in entries:
            continue
        names = entries[key].fields_dict["author"].value if "author" in entries[key].fields_dict else []
        if len(names) != len(want):
            problems.append(f"BibTeX: {key} has {len(names)} authors, data has {len(want)}")
        surname = " ".join(names[0].von + names[0].last).replace("{", "").replace("}", "") if names else ""
        if surname != expected_surname(want[0]):
            problems.append(f"BibTeX: {key} first author's surname reads as {surname!r}, not {expected_surname(want[0])!r} (data: {want[0]!r})")
    return problems


@pytest.mark.parametrize("suffix, check", [(".ris", ris_author_problems), (".bib", bibtex_author_problems)])
def test_every_first_authors_surname_reads_back(suffix, check):
    """Seen failing on the files before issue 25: every person's surname read as their initials,
    NICE split into two authors."""
    refs = load_references(ROOT / "data")
    problems = check((DOWNLOADS / f"references{suffix}").read_text(encoding="utf-8"), refs)
    assert not problems, "\n".join(problems[:20])


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
