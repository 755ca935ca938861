"""The shared YAML loader and checks of keyed lists (the data set, medref.data.dataset, keeps what is read)."""

from __future__ import annotations

import pytest

from medref.data import datafile


class BadData(Exception):
    pass


def test_yaml_error_names_the_file_and_the_fix(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("- key: value: more\n", encoding="utf-8")
    with pytest.raises(BadData, match=r"(?s)broken\.yml, line 1, column 13: not valid YAML .*quote values that contain ': '"):
        datafile.load_yaml(path, list, BadData)


def test_unknown_fields_names_each_typo_and_the_allowed_fields():
    from medref.data.datafile import unknown_fields

    assert unknown_fields("f.yml: entry 1", {"id": 1, "labels": 2}, ("id", "label")) == [
        "f.yml: entry 1: unknown field 'labels'; use only id, label"]
    assert unknown_fields("f.yml: entry 1", {"id": 1}, ("id",)) == []


def test_parse_keyed_reports_every_problem_at_once():
    data = [{"id": "a", "n": 1}, {"id": "a", "n": 2}, "not a mapping", {"id": "b", "n": -1}, {"id": "c", "n": 3}]
    with pytest.raises(BadData) as info:
        datafile.parse_keyed(data, "things.yml", BadData, noun="thing",
                             check=lambda where, entry: [] if entry["n"] else [f"{where}: n is 0"],
                             build=lambda entry: entry["n"],
                             recheck=lambda where, n: [f"{where}: negative"] if n < 0 else [])
    assert str(info.value).split("\n") == [
        "things.yml: entry 2 (id 'a'): duplicate id 'a'; each thing needs its own id",
        "things.yml: entry 3 is not a mapping of 'field: value' lines",
        "things.yml: entry 4 (id 'b'): negative",
    ]


def test_parse_keyed_builds_in_file_order():
    built = datafile.parse_keyed([{"id": "b", "n": 2}, {"id": "a", "n": 1}], "things.yml", BadData, noun="thing",
                                 check=lambda where, entry: [], build=lambda entry: entry["n"])
    assert list(built.items()) == [("b", 2), ("a", 1)]
    with pytest.raises(BadData, match=r"things.yml: must be a list of things \('- id: ...' entries\)"):
        datafile.parse_keyed({"id": "a"}, "things.yml", BadData, noun="thing", check=None, build=None)
