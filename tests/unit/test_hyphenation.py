"""medref.render.hyphenation finds the hyphenation points Pyphen finds (en_US, default margins)."""

from __future__ import annotations

import pyphen

from medref.render import flesch_kincaid, hyphenation

AWKWARD = ["", "a", "ab", "abc", "vertebroplasty", "kyphoplasty", "xray", "wellknown", "10year", "2019",
           "don't", "o'brien's", "café", "naïve", "straße", "İstanbul", "snake_case", "ÆSIR", "ﬁnish",
           "polymethylmethacrylate", "nhsuk", "hyphenation", "supercalifragilisticexpialidocious"]


def test_points_equal_pyphen_on_awkward_words():
    reference = pyphen.Pyphen(lang="en_US")
    assert {w: hyphenation.positions(w) for w in AWKWARD} == {w: reference.positions(w) for w in AWKWARD}


def test_points_equal_pyphen_on_a_sample_of_the_cmu_dictionary():
    reference = pyphen.Pyphen(lang="en_US")
    sample = list(flesch_kincaid._pronunciations())[::25]
    wrong = [w for w in sample if hyphenation.positions(w) != reference.positions(w)]
    assert not wrong, f"{len(wrong)} of {len(sample)} words hyphenate differently from Pyphen: {wrong[:20]}"
