"""Spelling: codespell on what we write, and a British English dictionary over the built site.

US spellings are allowed only where data/glossary.yml lists them (`us:`), so "anaesthetic (US:
anesthetic)" passes but a stray "anesthetic" elsewhere is still caught by search tests, not here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests import sitetools

ROOT = sitetools.ROOT
BIN = Path(sys.executable).parent
CONFIG = ROOT / "spelling" / "pyspelling.yml"
FIXTURES = Path(__file__).parent / "fixtures" / "spelling"
WRITTEN = ["docs", "data", "medref", "tests", "overrides", "README.md", "AUTHORING.md"]


def codespell(paths: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "codespell"), *paths], cwd=cwd, capture_output=True, text=True)


def glossary_us_words() -> list[str]:
    path = ROOT / "data" / "glossary.yml"
    if not path.is_file():
        return []
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    words: list[str] = []
    for entry in entries:
        words += str(entry.get("us") or "").replace("/", " ").split()
    return words


DICTIONARY = "en_GB-ise"  # spelling/pyspelling.yml's `d:`
INSTALL_HINT = "run `bash .ci/system-tools` (it installs them on Debian/Ubuntu), or: sudo apt-get install aspell aspell-en"


def aspell_missing() -> str:
    """Why pyspelling cannot run here, or "" (so a missing tool is not reported as misspelt words)."""
    if shutil.which("aspell") is None:
        return f"aspell is not installed; {INSTALL_HINT}"
    dicts = subprocess.run(["aspell", "dump", "dicts"], capture_output=True, text=True).stdout.split()
    if DICTIONARY not in dicts:
        return f"aspell has no {DICTIONARY} dictionary (aspell-en is not installed); {INSTALL_HINT}"
    return ""


def pyspelling(html_dir: Path, work: Path) -> subprocess.CompletedProcess:
    """Run the committed config against `html_dir`, with the glossary's US spellings allowed;
    fails the calling test at once, naming the cause, when aspell or its dictionary is missing."""
    missing = aspell_missing()
    if missing:
        pytest.fail(missing)
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    task = config["matrix"][0]
    us_words = work / "us-spellings.txt"
    us_words.write_text("\n".join(glossary_us_words()) + "\n", encoding="utf-8")
    task["sources"] = [f"{html_dir}/**/*.html"]
    task["dictionary"]["wordlists"] = [str(ROOT / "spelling" / "wordlist.txt"), str(us_words)]
    task["dictionary"]["output"] = str(work / "site.dic")
    temp = work / "pyspelling.yml"
    temp.write_text(yaml.safe_dump(config), encoding="utf-8")
    return subprocess.run([str(BIN / "pyspelling"), "-c", str(temp)], cwd=ROOT, capture_output=True, text=True)


def test_codespell_finds_nothing_in_what_we_write():
    proc = codespell(WRITTEN)
    assert proc.returncode == 0, (
        "codespell found likely misspellings (file:line: wrong ==> right). Fix them, or if a word is "
        f"right, add it to ignore-words-list in .codespellrc:\n{proc.stdout}"
    )


def test_codespell_catches_a_misspelling():
    proc = codespell([str(FIXTURES / "misspelt.md")])
    assert proc.returncode != 0
    assert "misspelt.md" in proc.stdout and "recieve" in proc.stdout


def test_british_spelling_of_the_built_site(site_builds, tmp_path):
    proc, site = site_builds("mkdocs")
    assert proc.returncode == 0, sitetools.output(proc)
    result = pyspelling(site, tmp_path)
    assert result.returncode == 0, (
        "Words not in the British English dictionary (aspell en_GB). Fix the spelling in the page, "
        "or add a correct medical or proper word to spelling/wordlist.txt (one per line), or add a "
        f"US spelling to data/glossary.yml as `us:`:\n{result.stdout[-4000:]}"
    )


def test_british_spelling_check_catches_a_misspelling(tmp_path):
    result = pyspelling(FIXTURES, tmp_path)
    assert result.returncode != 0
    assert "vertebrea" in result.stdout and "misspelt.html" in result.stdout


@pytest.mark.parametrize("word", ["colour", "anaesthetic", "centre", "organise"])
def test_british_spellings_pass(tmp_path, word):
    page = tmp_path / "html"
    page.mkdir()
    (page / "ok.html").write_text(f"<html><body><p>The {word} was fine.</p></body></html>", encoding="utf-8")
    assert pyspelling(page, tmp_path).returncode == 0
