"""One data set per build: every file in data/, each read and checked once, handed to every processor.

As mkdocstrings hands one handlers object to its Markdown processor, the extension hands one DataSet
to each of its processors and the citation scan takes the same object: references.yml is read once
and the files that cite it (risks, trials, urgent care) are checked against what was read, instead of
each loader re-reading it from a path.

Each file is read on first use (a page without a trial table never needs trials.yml). Both engines
make a new Markdown instance, and so a new extension, for every page, so `data_set()` keeps the data
set of each data folder for the whole build and makes a new one only when a file in that folder
changes (`mkdocs serve`), judged by the files' bytes, not their times: two edits within a clock tick
still count.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Callable, TypeVar

from medref.data import changes, glossary, references, risks, trials, urgent

T = TypeVar("T")


class DataSet:
    """The files of one data folder; each attribute is read, checked and kept on first use.

    Every problem raises the file's MedrefDataError subclass, naming the file and the fix."""

    def __init__(self, data_dir: str | Path):
        self.dir = Path(data_dir)
        self._more: dict[Callable, object] = {}

    @functools.cached_property
    def references(self) -> dict[str, references.Reference]:
        return references.load_references(self.dir)

    @functools.cached_property
    def risks(self) -> dict[str, risks.Risk]:
        return risks.load_risks(self.dir, self.references)

    @functools.cached_property
    def trials(self) -> dict[str, trials.Trial]:
        return trials.load_trials(self.dir, self.references)

    @functools.cached_property
    def urgent_care(self) -> urgent.UrgentCare:
        return urgent.load_urgent_care(self.dir, self.references)

    @functools.cached_property
    def glossary(self) -> list[glossary.Term]:
        return glossary.load_glossary(self.dir)

    @functools.cached_property
    def changes(self) -> list[changes.Change] | None:
        """What each page's last review changed (None when the project keeps no changes.yml)."""
        return changes.load_changes(self.dir)

    def get(self, load: Callable[[Path, dict], T]) -> T:
        """What `load(data_dir, references)` returns, read once for this data set: a new data file's
        loader needs no attribute here (AUTHORING.md, 'Adding a data-driven table')."""
        if load not in self._more:
            self._more[load] = load(self.dir, self.references)
        return self._more[load]


_builds: dict[str, tuple[bytes, DataSet]] = {}  # data folder as configured -> (fingerprint, its data set)


def fingerprint(data_dir: str | Path) -> bytes:
    """A digest of every YAML file in the folder, names and bytes (about 100 KB: well under a
    millisecond, once per page)."""
    digest = hashlib.blake2b(digest_size=16)
    folder = Path(data_dir)
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def data_set(data_dir: str | Path) -> DataSet:
    """The build's DataSet for this folder: the same object for every page until a file changes."""
    key = str(data_dir)
    stamp = fingerprint(data_dir)
    kept = _builds.get(key)
    if kept is None or kept[0] != stamp:
        kept = _builds[key] = (stamp, DataSet(data_dir))
    return kept[1]
