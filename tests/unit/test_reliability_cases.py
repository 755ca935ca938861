"""The bad inputs of the reliability review (../shared/research/turn-3/reliability-3.md), by their ids:
each edit of a copy of the real data/ (or of a page's Markdown) must fail with a message that names
what is wrong, or, for the cases the review found harmless, still load. Injection cases (I..) and the
build-level cases (Z.., P03, D13 on both engines) are in test_plaintext.py, test_front_matter.py and
tests/site/test_build_refuses.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from medref.data import glossary, references, risks, trials, urgent
from medref.render.directives import MedrefBuildError
from tests.unit.fixtures.evidence import render

ROOT = Path(__file__).resolve().parents[2]
LOADERS = {"risks.yml": (risks.load_risks, risks.RiskDataError),
           "trials.yml": (trials.load_trials, trials.TrialDataError),
           "references.yml": (references.load_references, references.ReferenceDataError),
           "glossary.yml": (glossary.load_glossary, glossary.GlossaryDataError),
           "urgent-care.yml": (urgent.load_urgent_care, urgent.UrgentCareDataError)}


def data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data


EMPTIED = object()  # the file emptied, as the review did (D12)


def edited(path: Path, change) -> None:
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    result = change(content)
    if result is EMPTIED:
        path.write_text("", encoding="utf-8")
        return
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


def arm(n):  # risks.yml entry 1 (cement-leak-ct), arm 1
    return lambda d: d[0]["arms"][0].__setitem__("numerator", n)


def set_in(reach, field, value):
    return lambda d: reach(d).__setitem__(field, value)


def by_key(d, key):
    return next(e for e in d if e.get("key") == key)


# id: (file, YAML change (or None with `text` below), expected words in the message)
DATA_CASES = {
    "D02": ("risks.yml", arm("lots"), "'numerator' 'lots' must be a whole number, 0 or more"),
    "D03": ("risks.yml", arm(999), "numerator 999 is larger than its denominator 214"),
    "D04": ("risks.yml", lambda d: d[0]["arms"][0].__setitem__("denominator", -214), "'denominator' -214 must be a whole number above 0"),
    "D05": ("risks.yml", arm(float("nan")), "'numerator' nan must be a whole number, 0 or more"),
    "D06": ("references.yml", lambda d: by_key(d, "buchbinder2009").__setitem__("tit" "el", "x"), "unknown field 'tit" "el'"),  # the review's typo, split for codespell
    "D07": ("trials.yml", lambda d: d.append(dict(next(e for e in d if e["id"] == "invest"))), "duplicate id 'invest'"),
    "D08": ("references.yml", lambda d: by_key(d, "buchbinder2009").pop("year"), "missing 'year'"),
    "D10": ("references.yml", set_in(lambda d: by_key(d, "buchbinder2009"), "doi", "https://doi.org/10.1056/NEJMoa0900429"),
            "is not a DOI; write it like 10.1056/NEJMoa0900429"),
    "D11": ("references.yml", set_in(lambda d: by_key(d, "buchbinder2009"), "pmid", "PMID 19657121"), "is not a PubMed ID"),
    "D12a": ("references.yml", lambda d: EMPTIED, "must be a list of references"),
    "D12c": ("urgent-care.yml", lambda d: EMPTIED, "must be a mapping with 'tiers', 'situations' and 'signs'"),
    "D12d": ("risks.yml", lambda d: EMPTIED, "must be a list of figures"),
    "D15": ("glossary.yml", lambda d: d[0].__setitem__("meaning", d[0]["meaning"] + " word" * 90_000),
            "is 450,0"),
    "D16": ("glossary.yml", set_in(lambda d: d[0], "see", "Balloon kyphoplasty"), "'see' must be a list of other terms"),
    "D17": ("references.yml", set_in(lambda d: by_key(d, "buchbinder2009"), "year", "2009"), "'year' '2009' must be a four-digit year"),
    "D18": ("trials.yml", lambda d: d[0]["effect"].update(low=1.8, high=-0.7), "does not contain its estimate"),
    "D19": ("urgent-care.yml", lambda d: d["signs"][0].__setitem__("tier", "998"), "unknown tier '998'"),
    "D20": ("risks.yml", arm(157.5), "'numerator' 157.5 must be a whole number"),
    # Injection into references (the review found these escaped; they are now refused at load as well)
    "I01": ("references.yml", lambda d: by_key(d, "buchbinder2009").__setitem__("title", 'T <script>alert("I01")</script>'),
            "'title' contains '<' and '>'"),
    "I02": ("references.yml", lambda d: next(e for e in d if e.get("url")).__setitem__(
        "url", 'https://www.nice.org.uk/guidance/ta279"><img src=x onerror=alert(2)>'), "'url' must be a web address"),
    "I03": ("references.yml", lambda d: next(e for e in d if e.get("url")).__setitem__("url", 'javascript:alert("I03")'),
            "'url' must be a web address starting with https://"),
    "I04": ("references.yml", set_in(lambda d: by_key(d, "buchbinder2009"), "doi", '10.1056/x"><img/src=x/onerror=alert(4)>'),
            "is not a DOI"),
    "I05": ("references.yml", lambda d: by_key(d, "buchbinder2009").__setitem__("title", "T</script><script>alert(5)</script>"),
            "'title' contains '<' and '>'"),
}


@pytest.mark.parametrize("case", DATA_CASES)
def test_bad_data_is_refused_with_its_reason(tmp_path, case):
    name, change, expected = DATA_CASES[case]
    data = data_copy(tmp_path)
    edited(data / name, change)
    load, error = LOADERS[name]
    with pytest.raises(error) as info:
        load(data)
    message = str(info.value)
    assert str(data / name) in message and expected in message, f"{case}: {message[:600]}"


def test_D01_yaml_syntax_error_names_file_line_and_fix(tmp_path):
    data = data_copy(tmp_path)
    path = data / "risks.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  kind: harm\n", "  kind: [harm\n", 1), encoding="utf-8")
    with pytest.raises(risks.RiskDataError, match=r"risks\.yml, line \d+, column \d+: not valid YAML .*close every '\['"):
        risks.load_risks(data)


def test_D13_a_latin1_byte_names_file_and_line(tmp_path):
    data = data_copy(tmp_path)
    path = data / "references.yml"
    raw = path.read_bytes()
    line = raw[: raw.index(b"vertebroplasty")].count(b"\n") + 1
    path.write_bytes(raw.replace(b"vertebroplasty", b"vert\xe9broplasty", 1))
    with pytest.raises(references.ReferenceDataError, match=rf"references\.yml, line {line}, column \d+: byte 0xe9 "
                                                            "is not UTF-8 text; save the file as UTF-8"):
        references.load_references(data)


def test_D14_a_byte_order_mark_still_loads(tmp_path):
    data = data_copy(tmp_path)
    path = data / "risks.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert risks.load_risks(data)


# ---- pages (converted with the extension; the fixture data holds keys trial-one, guide-one ...) ------

PAGE_CASES = {
    "P04": ("[[risk-table:nonsense]]\n", "unknown filter 'nonsense' in [[risk-table:nonsense]]; use one of: "),
    "P05": ("[[risk-tabel]]\n", "'[[risk-tabel]]' is not a directive medref knows"),
    "P06": ("[[risk-table\n", "'[[risk-table' is not closed"),
    "P07": ("A claim [@nokey].\n", "unknown citation key 'nokey'"),
    "P11": ("[[urgent-care:nonsense]]\n", "unknown tier or situation 'nonsense' in [[urgent-care:nonsense]]"),
    "P12": ("In one trial, [[trial-fact:nope.nope]].\n", "unknown trial 'nope.nope' in [[trial-fact:nope.nope]]"),
    "P13": ("[@Bad Key]\n", "malformed citation '[@Bad Key]'"),
    "P14": ("[[icon-array:no-such-risk]]\n", "unknown figure id 'no-such-risk'"),
    "P16": ("[[glossary:x]]\n", "[[glossary]] takes no argument"),
    "P17": ("A claim [ @dohm2014 ].\n", "'[ @dohm2014 ]' looks like a citation"),
}


@pytest.mark.parametrize("case", PAGE_CASES)
def test_bad_page_markdown_fails_naming_page_and_line(tmp_path, case):
    body, expected = PAGE_CASES[case]
    with pytest.raises((MedrefBuildError, urgent.UrgentCareDataError)) as info:
        render(tmp_path, "# Page\n\n" + body, data=ROOT / "data")
    message = str(info.value)
    assert message.startswith("treatment/page.md, line 3") and expected in message, f"{case}: {message}"


def test_D09_a_renamed_key_fails_on_the_page_that_cites_it(tmp_path):
    data = data_copy(tmp_path)
    edited(data / "references.yml", lambda d: by_key(d, "buchbinder2009").__setitem__("key", "buchbinder2009x"))
    with pytest.raises(MedrefBuildError, match=r"line 3: unknown citation key 'buchbinder2009'"):
        render(tmp_path, "# Page\n\nA trial [@buchbinder2009].\n", data=data)


def test_D12b_an_empty_glossary_fails_on_the_glossary_page(tmp_path):
    data = data_copy(tmp_path)
    (data / "glossary.yml").write_text("", encoding="utf-8")
    with pytest.raises(MedrefBuildError, match=r"\[\[glossary\]\] found no terms"):
        render(tmp_path, "# Glossary\n\n[[glossary]]\n", data=data)


# ---- front matter of a copy of docs/treatment/risks.md ---------------------------------------------

FRONT_MATTER_CASES = {
    "P01": (lambda text: text.split("---\n", 2)[2], "missing 'title' in front matter"),
    "P02a": (lambda text: text.replace("audience: ", "audience: 5 #", 1), "audience '5' is not one of public, clinician, both"),
    "P02b": (lambda text: text.replace("last_reviewed: ", "last_reviewed: yesterday #", 1), "last_reviewed 'yesterday' is not an ISO date"),
    "P02c": (lambda text: text.replace("audience: ", "audience: [", 1), "not valid YAML"),
    "P03": (lambda text: text.replace("next_review: ", "next_review: 2026-01-02 #", 1), "review overdue since 2026-01-02"),
}


@pytest.mark.parametrize("case", FRONT_MATTER_CASES)
def test_bad_front_matter_names_the_page(tmp_path, case):
    from medref.data import front_matter
    change, expected = FRONT_MATTER_CASES[case]
    docs = tmp_path / "docs"
    (docs / "treatment").mkdir(parents=True)
    page = docs / "treatment" / "risks.md"
    page.write_text(change((ROOT / "docs" / "treatment" / "risks.md").read_text(encoding="utf-8")), encoding="utf-8")
    problems = front_matter.check_docs(docs)
    assert any("treatment/risks.md" in p and expected in p for p in problems), f"{case}: {problems}"
