"""Who paid for a cited trial or review, in a few words for a reader, from `funding` in
data/references.yml. The option grid ([[option-grid]]) and the fair-tests picture ([[fair-tests]])
put it beside the study they cite; the Sources list at the foot of the page gives it in full.
"""

from __future__ import annotations

import re

from medref.data import references



def payer(funding: str) -> str:
    """Who paid, shortly: 'Medtronic Spine LLC (trial sponsor, ClinicalTrials.gov NCT00323609)' ->
    'Medtronic Spine LLC'. Registration numbers and 'per the registration' are for the Sources list."""
    text = funding.split(";")[0]
    text = re.sub(r"\s*\([^)]*(ClinicalTrials|NCT\d|registration|record)[^)]*\)", "", text)
    text = re.sub(r",\s*(per|which|as stated)\b.*$", "", text)
    return " ".join(text.split()).rstrip(".,")


def sponsor_of(key: str, refs: dict) -> str:
    """The payer of a cited trial or review, or '' when none is named (guidance, complication series,
    'not stated')."""
    ref = refs.get(key)
    if ref is None or ref.group not in references.FUNDING_REQUIRED:
        return ""
    funding = (ref.funding or "").strip()
    if not funding or funding in references.UNKNOWN_FUNDING or funding.lower().startswith(references.NOT_STATED):
        return ""
    return payer(funding)


def funding_line(key: str, refs: dict) -> str:
    """'Funding: Stryker (grant S-I-013)'; when no payer is named, the References page's own words for
    why ('not stated in the sources we checked', or 'not confirmed: the paper's funding statement was
    not in the copies we could read'), so the two never blur."""
    sponsor = sponsor_of(key, refs)
    if sponsor:
        return f"Funding: {sponsor}"
    funding = (getattr(refs.get(key), "funding", "") or references.NOT_STATED).strip()
    return f"Funding: {references.UNKNOWN_FUNDING.get(funding, references.NOT_STATED_TEXT)}"
