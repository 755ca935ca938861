"""Does any page copy a run of words from the documents this site started from?

The site began from five public web pages about the procedures (the "seed" texts). Their facts may
be used; their sentences may not. The seed texts are other people's words, so the project does not
keep them: it keeps only fingerprints, a short hash of every run of 8 words in them
(tests/fixtures/seed-fingerprints.txt). `python -m medref originality` hashes every run of 8 words on every page in
docs/ (and every text in data/, which reaches pages) and reports any run whose hash is a seed's.

    python -m medref originality                  check docs/ and data/ against the fingerprints
    python -m medref originality --fingerprint SEEDS_DIR
                                                  rewrite the fingerprints from a folder of seed texts

The unit test tests/unit/test_originality.py runs the same check, so `make test` fails on copied
prose. Bibliographic lines are exempt, as in the tool the project started with: titles of cited
works are quoted as published (the references page and BibTeX/RIS downloads are skipped).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

FINGERPRINTS = Path("tests") / "fixtures" / "seed-fingerprints.txt"  # under the project folder
RUN = 8                      # words in a run: long enough that shared phrases are not copying
WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("’", "'"))


def fingerprint(run) -> str:
    """A run of words as a 16-hex-digit hash: enough to find it, not enough to read it back."""
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:16]


def fingerprints_of(text: str, n: int = RUN) -> set[str]:
    tokens = words(text)
    return {fingerprint(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def exempt(path: Path, line: str) -> bool:
    """Lines that quote titles of cited works as published."""
    if path.name.lower().startswith(("references", "bibliography")):
        return True
    if re.match(r"\s*\[\^[^\]]+\]:", line):  # footnote definitions
        return True
    return bool(re.match(r'\s*title:\s', line))  # a reference's title in data/references.yml


def files_to_check(root: Path) -> list[Path]:
    docs = [p for p in sorted((root / "docs").rglob("*.md")) if "downloads" not in p.parts]
    return docs + sorted((root / "data").glob("*.yml"))


def copied_runs(path: Path, known: set[str], n: int = RUN) -> list[tuple[int, str]]:
    """(line, run of words) for each place in `path` that repeats a fingerprinted run."""
    tokens: list[str] = []
    where: list[int] = []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if exempt(path, line):
            continue
        for token in words(line):
            tokens.append(token)
            where.append(number)
    hits, reported = [], set()
    for i in range(len(tokens) - n + 1):
        run = tokens[i:i + n]
        if where[i] not in reported and fingerprint(run) in known:
            reported.add(where[i])
            hits.append((where[i], " ".join(run)))
    return hits


def load_fingerprints(path: Path) -> set[str]:
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def write_fingerprints(seeds: Path, path: Path) -> int:
    prints: set[str] = set()
    for seed in sorted(seeds.glob("*.txt")):
        prints |= fingerprints_of(seed.read_text(encoding="utf-8", errors="replace"))
    header = (f"# Fingerprints of every run of {RUN} words in the {len(list(seeds.glob('*.txt')))} texts "
              "the site started from (medref/checks/originality.py).\n# Hashes only: the texts themselves are "
              "not kept in this project.\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "\n".join(sorted(prints)) + "\n", encoding="utf-8")
    return len(prints)


def report(root: Path) -> tuple[list[str], int]:
    """(one line per copied run, 'file:line: repeats ...', and the count) for the project at root."""
    known = load_fingerprints(root / FINGERPRINTS)
    lines = [f"{path.relative_to(root)}:{line}: repeats '{run}' from a text the site started from"
             for path in files_to_check(root) for line, run in copied_runs(path, known)]
    return lines, len(lines)
