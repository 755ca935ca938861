"""The originality check the editorial policy describes (medref/checks/originality.py): no page repeats a
run of 8 words from the texts the site started from, checked against fingerprints kept in the
project (hashes, not the texts)."""

from __future__ import annotations

import re
from pathlib import Path

from medref.checks import originality

ROOT = Path(__file__).resolve().parents[2]


def test_no_page_or_data_file_repeats_the_texts_the_site_started_from():
    known = originality.load_fingerprints(ROOT / originality.FINGERPRINTS)
    assert len(known) > 1000, "the fingerprint file is nearly empty; regenerate it (python -m medref originality --fingerprint)"
    problems, _ = originality.report(ROOT)
    assert not problems, "copied from a source text; rewrite in your own words:\n" + "\n".join(problems)


def test_a_copied_run_is_found(tmp_path):
    seed = ("The broken bone in the back is filled with a special cement that sets hard within "
            "a few minutes of being mixed by the team.")
    known = originality.fingerprints_of(seed)
    page = tmp_path / "page.md"
    page.write_text("# A page\n\nOur words here. The cement that sets hard within a few minutes of being "
                    "mixed is used.\n", encoding="utf-8")
    hits = originality.copied_runs(page, known)
    assert hits and hits[0] == (3, "cement that sets hard within a few minutes")


def test_our_own_words_pass(tmp_path):
    known = originality.fingerprints_of("Cement is pushed into the broken bone through a hollow needle by a doctor.")
    page = tmp_path / "page.md"
    page.write_text("A doctor uses a hollow needle. The cement goes into the bone.\n", encoding="utf-8")
    assert originality.copied_runs(page, known) == []


def test_the_fingerprints_do_not_hold_the_texts():
    lines = [l for l in (ROOT / originality.FINGERPRINTS).read_text(encoding="utf-8").splitlines()
             if l and not l.startswith("#")]
    assert all(re.fullmatch(r"[0-9a-f]{16}", l) for l in lines)
