"""data/references.yml: loading, Vancouver formatting, every error path, and no uncited reference."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from medref.data.references import ReferenceDataError, load_references
from tests.unit.fixtures.evidence import DATA, load_error, write_data

ROOT = Path(__file__).resolve().parents[2]
GOOD = """
- key: good2009
  group: trials
  authors: [Smith A]
  year: 2009
  title: A trial
  journal: Lancet
  doi: 10.1016/S0140-6736(10)60954-3
  funding: A funder
"""


def load_bad(tmp_path, text):
    return load_error(tmp_path, "references", text, load_references, ReferenceDataError)


def test_fixture_loads_with_links():
    refs = load_references(DATA)
    trial = refs["trial-one"]
    assert trial.doi_url == "https://doi.org/10.1056/NEJMoa0900429"
    assert trial.pubmed_url == "https://pubmed.ncbi.nlm.nih.gov/19657121/"
    assert trial.link == trial.doi_url
    assert refs["review-one"].link == "https://pubmed.ncbi.nlm.nih.gov/30399208/"
    assert refs["guide-one"].link == "https://www.nice.org.uk/guidance/ta999"
    assert refs["trial-one"].group == "trials" and trial.year == 2009


def test_vancouver_style():
    refs = load_references(DATA)
    html = refs["trial-one"].vancouver_html()
    # Six authors, then et al.; title; journal year;volume(issue):pages.
    assert html.startswith("Smith A, Jones B, Brown C, Green D, White E, Black F, et al. "
                           '<span class="medref-ref-title">A randomized trial of something.</span> '
                           "N Engl J Med. 2009;361(6):557-68.")
    assert '<span class="medref-pmid">PubMed: <a href="https://pubmed.ncbi.nlm.nih.gov/19657121/">' in html
    assert 'doi:<a href="https://doi.org/10.1056/NEJMoa0900429">' in html
    assert 'PubMed: <a href="https://pubmed.ncbi.nlm.nih.gov/19657121/">19657121</a>' in html
    assert "Funding: Device maker." in html
    guide = refs["guide-one"].vancouver_html()
    assert "Available from: <a href=\"https://www.nice.org.uk/guidance/ta999\">" in guide
    assert refs["review-one"].vancouver_text().startswith("Reviewer R. A review? ")  # no doubled stop


def test_duplicate_key(tmp_path):
    message = load_bad(tmp_path, GOOD + GOOD)
    assert "entry 2 (key 'good2009')" in message and "duplicate key 'good2009'" in message
    assert "give this one a different key" in message


def test_missing_year(tmp_path):
    message = load_bad(tmp_path, GOOD.replace("  year: 2009\n", ""))
    assert "key 'good2009'" in message and "missing 'year'; add the year of publication" in message


def test_missing_title(tmp_path):
    message = load_bad(tmp_path, GOOD.replace("  title: A trial\n", ""))
    assert "key 'good2009'" in message and "missing 'title'; add the work's title" in message


def test_malformed_doi(tmp_path):
    message = load_bad(tmp_path, GOOD.replace("doi: 10.1016", "doi: https://doi.org/10.1016"))
    assert "'doi'" in message and "is not a DOI; write it like 10.1056/NEJMoa0900429" in message


def test_malformed_pmid(tmp_path):
    message = load_bad(tmp_path, GOOD + "  pmid: PMID19657121\n")
    assert "'pmid' 'PMID19657121' is not a PubMed ID; it must be digits only" in message


def test_no_way_to_find_the_work(tmp_path):
    message = load_bad(tmp_path, GOOD.replace("  doi: 10.1016/S0140-6736(10)60954-3\n", ""))
    assert "no 'doi', 'pmid' or 'url'; add at least one" in message


@pytest.mark.parametrize("group", ["trials", "reviews"])
def test_trial_or_review_without_funding(tmp_path, group):
    text = GOOD.replace("  funding: A funder\n", "").replace("group: trials", f"group: {group}")
    message = load_bad(tmp_path, text)
    assert "key 'good2009'" in message and "missing 'funding'" in message
    assert 'funding: "not stated" if no source we checked says' in message


def test_funding_not_needed_outside_trials_and_reviews(tmp_path):
    text = GOOD.replace("  funding: A funder\n", "").replace("group: trials", "group: complications")
    assert load_references(write_data(tmp_path, references=text))["good2009"].funding == ""


def test_not_stated_funding_is_shown_in_words():
    html = load_references(DATA)["review-one"].vancouver_html()
    assert "Funding: not stated in the sources we checked." in html


def test_every_real_trial_and_review_shows_its_funding():
    refs = load_references(ROOT / "data")
    for ref in refs.values():
        if ref.group in ("trials", "reviews"):
            assert ref.funding and "Funding: " in ref.vancouver_html(), ref.key


def test_bad_key_group_and_unknown_field(tmp_path):
    text = GOOD.replace("key: good2009", "key: Good_2009").replace("group: trials", "group: trial")
    message = load_bad(tmp_path, text + "  jounral: typo\n")
    assert "must be lower-case letters, digits and hyphens" in message
    assert "'group' 'trial' must be one of guidance, trials, reviews, complications, other" in message
    assert "unknown field 'jounral'" in message


def test_real_references_load_and_cover_authoring_keys():
    refs = load_references(ROOT / "data")
    authoring = (ROOT / "AUTHORING.md").read_text(encoding="utf-8")
    section = authoring.split("## Citation keys", 1)[1].split("\n## ", 1)[0]
    keys = set(re.findall(r"`([a-z0-9-]+)`", section))
    missing = sorted(keys - set(refs))
    assert not missing, f"AUTHORING.md lists keys that data/references.yml lacks: {missing}; add them"
    assert len(refs) >= 30


def test_uncited_cli_reports_uncited_keys(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("Cites [@trial-one; @guide-one].\n\n`[@review-one]` is code.\n\n"
                               "[[sentence:single]]\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "medref", "references", "--uncited", str(docs), "--data", str(DATA)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert proc.stdout.split() == ["review-one"]   # series-one is cited through [[sentence:single]]
    assert "cite them or remove them" in proc.stderr


def test_every_reference_is_cited():
    """Strict: a reference no page cites is either missing from a page or should be removed."""
    proc = subprocess.run([sys.executable, "-m", "medref", "references", "--uncited", "docs"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, (
        f"data/references.yml has references no page cites: {proc.stdout.split()}; "
        "cite each one on a page ([@key]) or remove it from data/references.yml\n" + proc.stderr)


def test_every_citing_file_names_an_unknown_key_in_the_same_words():
    """references.unknown_keys / sources_problems: the one wording for a key not in references.yml,
    used by risks, trials, urgent care, the option grid and the literature watch."""
    from medref.data import references as refs
    known = {"hsieh2019"}
    assert refs.unknown_keys("risks.yml: entry 1", ["hsieh2019", "nope"], known) == [
        "risks.yml: entry 1: source 'nope' is not in references.yml; add it there or fix the key"]
    assert refs.sources_problems("x", None, known, "hsieh2019") == []
    assert refs.sources_problems("x", "hsieh2019", known, "hsieh2019") == [
        "x: 'sources' must be a list of citation keys from references.yml, e.g. [hsieh2019]"]
    assert refs.sources_problems("x", ["nope"], known, "hsieh2019") == [
        "x: source 'nope' is not in references.yml; add it there or fix the key"]
