"""Data is words, not markup (medref.data.plaintext): every payload class from the reliability review
(reliability-3.md, I06-I17, D15) is refused when the real data files are loaded, in each file and
field that reaches a page, with a message naming the file, the entry, the field and the fix.

Each case copies the project's data/ folder, puts one payload into one field and loads it. Before
this check existed every one of these loaded silently (and ran in the browser)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from medref.data import glossary, plaintext, references, risks, trials, urgent

ROOT = Path(__file__).resolve().parents[2]

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(2)>",
    "encoded": "&lt;script&gt;alert(3)&lt;/script&gt;",
    "javascript-link": "[more](javascript:alert(4))",
}

# (file, loader, error, how to reach the entry, field, the entry as the message names it)
FIELDS = [
    ("glossary.yml", glossary.load_glossary, glossary.GlossaryDataError, lambda d: d[0], "meaning", "entry 1 (term '999')"),
    ("glossary.yml", glossary.load_glossary, glossary.GlossaryDataError, lambda d: d[0], "us", "entry 1 (term '999')"),
    ("urgent-care.yml", urgent.load_urgent_care, urgent.UrgentCareDataError, lambda d: d["signs"][0], "text",
     "signs entry 1 (id 'breathless')"),
    ("urgent-care.yml", urgent.load_urgent_care, urgent.UrgentCareDataError, lambda d: d["signs"][0], "label",
     "signs entry 1 (id 'breathless')"),
    ("trials.yml", trials.load_trials, trials.TrialDataError, lambda d: d[0], "name", "entry 1 (id 'buchbinder')"),
    ("risks.yml", risks.load_risks, risks.RiskDataError, lambda d: d[0], "sentence", "entry 1 (id 'cement-leak-ct')"),
    ("risks.yml", risks.load_risks, risks.RiskDataError, lambda d: d[0], "label", "entry 1 (id 'cement-leak-ct')"),
]


def copy_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data


def poke(data: Path, name: str, reach, field: str, value: str) -> Path:
    """data/<name> with one field of one entry set to `value` (comments are lost; no matter here)."""
    path = data / name
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = reach(content)
    entry[field] = (entry[field] + " " + value) if isinstance(entry.get(field), str) else value
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("payload", PAYLOADS, ids=list(PAYLOADS))
@pytest.mark.parametrize("name,load,error,reach,field,entry", FIELDS,
                         ids=[f"{f[0].split('.')[0]}-{f[4]}" for f in FIELDS])
def test_markup_in_a_data_field_is_refused_at_load(tmp_path, payload, name, load, error, reach, field, entry):
    data = copy_data(tmp_path)
    path = poke(data, name, reach, field, PAYLOADS[payload])
    with pytest.raises(error) as info:
        load(data)
    message = str(info.value)
    assert f"{path}: {entry}: '{field}'" in message, message          # file, entry and field
    assert "write" in message or "may only go to" in message, message  # and the fix


def test_the_real_data_files_are_words():
    for load in (glossary.load_glossary, urgent.load_urgent_care, trials.load_trials, risks.load_risks,
                 references.load_references):
        assert load(ROOT / "data")


@pytest.mark.parametrize("value,expected", [
    ("Call 999 now if you have chest pain", []),
    ("A&E, the GP's (or NHS 111) number", []),
    ("<b>bold</b>", ["contains '<' and '>'; data is plain words, not HTML"]),
    ("1 < 2", ["contains '<'; data"]),
    ("&#60;b&#62;", ["contains '<' and '>' (written as a character reference)"]),
    ("&amp;lt;b&amp;gt;", ["contains '<' and '>' (written as a character reference)"]),
    ("x {: onclick=alert(1) }", ["contains '{' or '}'"]),
    ("right\u202eleft", ["U+202E"]),
    ("bell\x07", ["U+0007"]),
    ("![x](https://example.org/x.png)", ["contains a picture", "contains a link"]),
])
def test_text_problems(value, expected):
    problems = plaintext.text_problems(value, "label")
    assert len(problems) == len(expected), problems
    for problem, start in zip(problems, expected):
        assert start in problem, problems


@pytest.mark.parametrize("target,ok", [
    ("https://www.nice.org.uk/guidance/ta279", True),
    ("../treatment/risks.md", True),
    ("risks.md#icon-array-infection", True),
    ("#term-ct", True),
    ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False),
    ("vbscript:x", False),
    ("data:text/html,x", False),
    ("http://example.org", False),
    ("//evil.example", False),
    ("/absolute.md", False),
])
def test_link_targets_in_a_markdown_field(target, ok):
    problems = plaintext.text_problems(f"See [this]({target}).", "meaning")
    assert (problems == []) is ok, problems


def test_a_nested_bracket_cannot_hide_a_link():
    """Python-Markdown accepts `[a [b] c](target)`; the target is found from `](`, not from `[`."""
    assert plaintext.text_problems("[a [b] c](javascript:alert(5))", "meaning")


def test_a_link_in_a_plain_field_is_refused():
    problems = plaintext.text_problems("[NICE](https://www.nice.org.uk)", "label")
    assert len(problems) == 1 and "shown as plain words" in problems[0]


def test_length_limit_per_field(tmp_path):
    """D15: a 440 KB meaning once doubled the search index every reader downloads."""
    data = copy_data(tmp_path)
    poke(data, "glossary.yml", lambda d: d[0], "meaning", "word " * 100)
    with pytest.raises(glossary.GlossaryDataError, match=r"'meaning' is 5\d\d characters, more than the 400"):
        glossary.load_glossary(data)


NOT_HTTPS = r"'url' must be a web address starting with https://"


@pytest.mark.parametrize("field, bad, expected", [
    ("url", "http://www.nice.org.uk/x", NOT_HTTPS),
    ("url", "javascript:alert(1)", NOT_HTTPS),
    ("url", 'https://x.org/a"><img src=x onerror=alert(1)>', NOT_HTTPS),
    ("doi", '10.1056/x"onmouseover=alert(1)', r"'doi' .* is not a DOI"),  # F9/I04: passed the old pattern
], ids=["http", "javascript", "https-breaking-out", "doi-with-quotes"])
def test_a_reference_address_must_be_one(tmp_path, field, bad, expected):
    data = copy_data(tmp_path)
    path = data / "references.yml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(e for e in content if e.get(field))[field] = bad
    path.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    with pytest.raises(references.ReferenceDataError, match=expected):
        references.load_references(data)
