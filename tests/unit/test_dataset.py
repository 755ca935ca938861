"""medref.data.dataset: one data set per build, each file read once and handed to every processor and to
the citation scan; one MedrefDataError family for every data file."""

from __future__ import annotations

import pytest

from medref.cited import keys_cited_in_text
from medref.data import glossary, references, risks, trials, urgent
from medref.data.dataset import DataSet, data_set
from medref.data.errors import MedrefDataError
from medref.extension import medref_of
from tests.unit.fixtures.evidence import DATA, render, write_data
from tests.unit.test_trials import ENTRY, OPEN


@pytest.fixture
def reads(monkeypatch):
    """Counts the reads of data/references.yml."""
    count = []
    real = references.load_references

    def counting(data_dir):
        count.append(data_dir)
        return real(data_dir)

    monkeypatch.setattr(references, "load_references", counting)
    return count


def test_references_are_read_once_for_every_file_that_cites_them(tmp_path, reads):
    data = DataSet(write_data(tmp_path, trials=ENTRY + OPEN))
    assert data.risks and data.trials and data.references
    assert len(reads) == 1


def test_every_page_of_a_build_gets_the_same_data_set(tmp_path, reads):
    folder = write_data(tmp_path, trials=ENTRY + OPEN)
    text = "A claim [@trial-one].\n\n[[risk-table]]\n\n[[trial-table]]\n"
    first, _ = render(tmp_path, text, data=folder)
    second, _ = render(tmp_path, text, data=folder, rel="other/page.md")
    assert medref_of(first).data is medref_of(second).data is data_set(folder)
    assert keys_cited_in_text(text, medref_of(first).data) == medref_of(first).cited  # the scan takes it too
    assert len(reads) == 1


def test_a_changed_file_makes_a_new_data_set_even_at_the_same_size(tmp_path):
    folder = write_data(tmp_path)
    first = data_set(folder)
    assert data_set(folder) is first
    text = (folder / "risks.yml").read_text(encoding="utf-8")
    (folder / "risks.yml").write_text(text.replace("label: ", "label: X", 1).replace("id: ", "id:", 1),
                                      encoding="utf-8")  # same length, other bytes: no clock involved
    assert (folder / "risks.yml").stat().st_size == len(text.encode())
    assert data_set(folder) is not first


@pytest.mark.parametrize("error", [references.ReferenceDataError, risks.RiskDataError, trials.TrialDataError,
                                   urgent.UrgentCareDataError, glossary.GlossaryDataError])
def test_every_data_error_is_a_medref_data_error(error):
    """`python -m medref` catches MedrefDataError alone (no hand list of the five)."""
    assert issubclass(error, MedrefDataError)


@pytest.mark.parametrize("attribute, error", [
    ("references", references.ReferenceDataError), ("risks", risks.RiskDataError),
    ("trials", trials.TrialDataError), ("urgent_care", urgent.UrgentCareDataError),
])
def test_a_missing_file_is_the_files_own_error_naming_the_section_to_read(tmp_path, attribute, error):
    (tmp_path / "references.yml").write_text((DATA / "references.yml").read_text(encoding="utf-8"), encoding="utf-8")
    if attribute == "references":
        (tmp_path / "references.yml").unlink()
    with pytest.raises(error, match=r"file not found; create it \(see AUTHORING.md, '"):
        getattr(DataSet(tmp_path), attribute)
