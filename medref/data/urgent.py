"""When to get help urgently: load and check data/urgent-care.yml (medref.render.urgent_render draws it).

Advice that can hurt if it is wrong (call 999, contact the team the same day, see your GP) is held
once, in data/urgent-care.yml, with a source or an explicit `consensus: true` for every line. Pages
render it; they never type it:

- `[[urgent-care]]`                  the full list, grouped by tier (the "When to get help urgently" page);
- `[[urgent-care:999]]`              one tier (999, same-day, gp), for every situation;
- `[[urgent-care:after-procedure]]`  every tier, for one situation (after-procedure, spinal-fracture, cancer);
- `[[urgent-care:table]]`            the clinician table: one row per tier, signs in clinical words with
                                     their sources; `[[urgent-care:table after-procedure]]` for one situation;
- `[[urgent-care:sign dka]]`         one sign, where a page explains what it is about (a medicine, say).

Every sign names the public page whose wording it follows (`source`, a key in references.yml whose
address is https), read by whoever wrote the line; `sources` adds the evidence behind it. A line no
readable page words says `consensus: true` instead, and the clinician table says what that means.
Every block but the clinician table also says what to do at night (`night`): "the same day" means
little at 2 a.m.

Each item starts with its tier's action ("Call 999 or go to A&E now if ..."), so the action survives
in a search snippet. Every block is a `<div class="medref-urgent">`, and every block but the full
list ends with a link to the full list: tests/site/test_urgent_care.py relies on both.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

# The modules, not their names: attributes are read at call time (tests may stand in fakes).
from medref.data import datafile, plaintext, references
from medref.data.errors import MedrefDataError

FILENAME = "urgent-care.yml"
FULL_LIST_PAGE = "urgent-help.md"        # the page that renders [[urgent-care]]
BLOCK_CLASS = "medref-urgent"            # the site test finds rendered advice by this class
MORE_CLASS = "medref-urgent-more"        # the closing paragraph with the link to the full list
FULL_LIST_LINK_TEXT = "All the warning signs: when to get help urgently"
UNSURE = "Not sure what to do? Call NHS 111, or go to 111.nhs.uk."
MAIN_SIGNS = "These are the main warning signs, not all of them. If something else worries you, get help anyway."
NIGHT_CLASS = "medref-urgent-night"      # the at-night paragraph under every list
STYLES = ("danger", "warning", "note")   # admonition types the theme styles
TIER_FIELDS = ("id", "title", "action", "style")
SITUATION_FIELDS = ("id", "title", "short")
# `separate: true`: a situation whose signs are not physical red flags of the spine (a mental health
# crisis). Its list is shown only where a page renders it, and the other lists' "(after the procedure)"
# hints leave it out, so a sign for every physical situation still reads as one for everyone.
SITUATION_OPTIONAL = ("separate",)
SIGN_FIELDS = ("id", "tier", "label", "text", "clinical", "situations", "source", "sources", "consensus", "note")
NIGHT_FIELDS = ("title", "text", "source", "note")
HEADING_ID_PREFIX = "get-help-"            # the full list's tier headings: #get-help-999, #get-help-same-day
UNCITED = "uncited"                       # flag: a short form without citation numbers (leaflets)
UNCITED_NOTE = " (full wording, sources)."
CONSENSUS_NOTE = "Signs without a citation: standard practice, not tested in a study."
# Characters per field (medref.data.plaintext); `note` is for editors and has its own, larger limit.
LIMITS = {"id": 40, "title": 80, "action": 60, "short": 40, "label": 80, "text": 300, "clinical": 300}


class UrgentCareDataError(MedrefDataError):
    """data/urgent-care.yml is malformed; the message lists every problem and how to fix it."""


@dataclasses.dataclass(frozen=True)
class Tier:
    id: str
    title: str
    action: str
    style: str


@dataclasses.dataclass(frozen=True)
class Situation:
    id: str
    title: str
    short: str
    separate: bool = False


@dataclasses.dataclass(frozen=True)
class Sign:
    id: str
    tier: str
    text: str
    clinical: str
    situations: tuple[str, ...]
    label: str = ""
    source: str = ""                      # the public page whose wording the line follows
    sources: tuple[str, ...] = ()         # further evidence behind the line
    consensus: bool = False

    @property
    def citations(self) -> tuple[str, ...]:
        """Every key the line cites, its wording source first."""
        return ((self.source,) if self.source else ()) + tuple(k for k in self.sources if k != self.source)


@dataclasses.dataclass(frozen=True)
class Night:
    """What to do when "the same day" falls at night or at the weekend."""
    title: str
    text: str
    source: str


@dataclasses.dataclass(frozen=True)
class UrgentCare:
    tiers: tuple[Tier, ...]
    situations: tuple[Situation, ...]
    signs: tuple[Sign, ...]
    night: Night | None = None

    def tier(self, tier_id: str) -> Tier:
        return next(t for t in self.tiers if t.id == tier_id)

    def keys(self) -> list[str]:
        """Every citation key the advice uses, in data order (the night line's last)."""
        keys: list[str] = []
        for sign in self.signs:
            keys += [k for k in sign.citations if k not in keys]
        if self.night and self.night.source not in keys:
            keys.append(self.night.source)
        return keys


# ---- loading and checking ----------------------------------------------------------------------------

def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _items(source: str, data: dict, name: str, problems: list[str]) -> list[tuple[str, dict]]:
    items = data.get(name)
    if not isinstance(items, list) or not items:
        problems.append(f"{source}: '{name}' must be a non-empty list of entries ('- id: ...')")
        return []
    return list(datafile.entries(items, source, problems, noun=f"{name} entry"))


def _required(where_: str, entry: dict, fields: tuple[str, ...]) -> list[str]:
    return [f"{where_}: missing '{f}'; add it (see the comments at the top of data/{FILENAME})"
            for f in fields if not _text(entry.get(f))]


def _sign_problems(where_: str, entry: dict, tiers: set[str], situations: set[str], known) -> list[str]:
    problems = (datafile.unknown_fields(where_, entry, SIGN_FIELDS) + plaintext.entry_problems(where_, entry, LIMITS)
                + _required(where_, entry, ("id", "label", "text", "clinical")))
    if str(entry.get("tier")) not in tiers:
        problems.append(f"{where_}: unknown tier {entry.get('tier')!r}; use one of: {', '.join(sorted(tiers))}")
    chosen = entry.get("situations")
    if not isinstance(chosen, list) or not chosen:
        problems.append(f"{where_}: 'situations' must list who the sign applies to, e.g. [after-procedure]")
    else:
        for situation in chosen:
            if situation not in situations:
                problems.append(f"{where_}: unknown situation {situation!r}; use one of: "
                                f"{', '.join(sorted(situations))}")
    problems += _source_problems(where_, entry, known)
    return problems


def _public_page(key: str, known) -> bool:
    """A reviewer can open the page: the reference has an https address (DOI, PubMed or web)."""
    reference = known.get(key) if isinstance(known, dict) else None
    return reference is None or str(getattr(reference, "link", "")).startswith("https://")


def _source_problems(where_: str, entry: dict, known) -> list[str]:
    """`source` (the page whose wording the line follows) or `consensus: true`, never both;
    `sources` only beside a `source`; every key in references.yml."""
    problems = []
    source, sources, consensus = entry.get("source"), entry.get("sources"), entry.get("consensus")
    if consensus is not None and consensus is not True:
        problems.append(f"{where_}: 'consensus' may only be true; remove it if the line has a source")
    if consensus and (source or sources):
        problems.append(f"{where_}: give 'source' or 'consensus: true', not both (a consensus line cites nothing)")
    elif not source and not consensus:
        problems.append(f"{where_}: no 'source'; add source: key, the public page whose wording the line "
                        f"follows (a key in {references.FILENAME}), or consensus: true if no page you could "
                        "read words it (the editorial policy must say so)")
    if source is not None and not isinstance(source, str):
        problems.append(f"{where_}: 'source' is one citation key, e.g. source: nhs-sepsis; list further "
                        "evidence under 'sources'")
    elif source:
        if source not in known:
            problems += references.unknown_keys(where_, [source], known)
        elif not _public_page(source, known):
            problems.append(f"{where_}: source '{source}' has no https address in {references.FILENAME}; the "
                            "wording source must be a public page a reviewer can open (add its url)")
    problems += references.sources_problems(where_, sources, known, "liao2018")
    return problems


def _night(source: str, data: dict, known) -> tuple[Night | None, list[str]]:
    entry = data.get("night")
    if entry is None:
        return None, []
    where_ = f"{source}: night"
    if not isinstance(entry, dict):
        return None, [f"{where_}: must be a mapping with title, text and source"]
    problems = (datafile.unknown_fields(where_, entry, NIGHT_FIELDS) + plaintext.entry_problems(where_, entry, LIMITS)
                + _required(where_, entry, ("title", "text", "source")))
    key = entry.get("source")
    if isinstance(key, str) and key:
        problems += references.unknown_keys(where_, [key], known)
    if problems:
        return None, problems
    return Night(_text(entry["title"]), _text(entry["text"]), _text(key)), []


def parse_urgent_care(data, source: str, known_keys) -> UrgentCare:
    """Check parsed YAML (a mapping of tiers, situations, signs and night); `source` names the file;
    `known_keys` are the reference keys, or the references themselves (key -> Reference), which lets
    the check also see that a wording source has an https address."""
    if not isinstance(data, dict):
        raise UrgentCareDataError(f"{source}: must be a mapping with 'tiers', 'situations' and 'signs'")
    problems: list[str] = []
    tiers: list[Tier] = []
    for where_, entry in _items(source, data, "tiers", problems):
        entry = {k: str(v) if k == "id" and v is not None else v for k, v in entry.items()}  # id: 999 (a number)
        found = (datafile.unknown_fields(where_, entry, TIER_FIELDS) + plaintext.entry_problems(where_, entry, LIMITS)
                 + _required(where_, entry, TIER_FIELDS))
        if entry.get("style") not in STYLES:
            found.append(f"{where_}: 'style' {entry.get('style')!r} must be one of: {', '.join(STYLES)}")
        if not found:
            tiers.append(Tier(**{f: _text(entry[f]) for f in TIER_FIELDS}))
        problems += found
    situations: list[Situation] = []
    for where_, entry in _items(source, data, "situations", problems):
        found = (datafile.unknown_fields(where_, entry, SITUATION_FIELDS + SITUATION_OPTIONAL)
                 + plaintext.entry_problems(where_, entry, LIMITS) + _required(where_, entry, SITUATION_FIELDS))
        if entry.get("separate", False) not in (True, False):
            found.append(f"{where_}: 'separate' must be true or false")
        if not found:
            situations.append(Situation(**{f: _text(entry[f]) for f in SITUATION_FIELDS},
                                        separate=entry.get("separate", False) is True))
        problems += found
    tier_ids, situation_ids = {t.id for t in tiers}, {s.id for s in situations}
    clash = tier_ids & situation_ids | ({"table"} & (tier_ids | situation_ids))
    if clash:
        problems.append(f"{source}: id(s) {', '.join(sorted(clash))} used twice (tier, situation or 'table'); "
                        "each directive argument must name one thing")
    signs: list[Sign] = []
    for where_, entry in _items(source, data, "signs", problems):
        entry = {k: str(v) if k == "tier" and v is not None else v for k, v in entry.items()}
        found = _sign_problems(where_, entry, tier_ids, situation_ids, known_keys)
        if any(s.id == entry.get("id") for s in signs):
            found.append(f"{where_}: duplicate id '{entry['id']}'; each symptom is listed once")
        problems += found
        if not found:
            signs.append(Sign(
                id=_text(entry["id"]), tier=entry["tier"], text=_text(entry["text"]),
                clinical=_text(entry["clinical"]), situations=tuple(entry["situations"]), label=_text(entry["label"]),
                source=_text(entry.get("source")), sources=tuple(entry.get("sources") or ()),
                consensus=bool(entry.get("consensus")),
            ))
    night, found = _night(source, data, known_keys)
    problems += found
    if problems:
        raise UrgentCareDataError("\n".join(problems))
    order = [t.id for t in tiers]
    return UrgentCare(tuple(tiers), tuple(situations), tuple(sorted(signs, key=lambda s: order.index(s.tier))), night)


def load_urgent_care(data_dir: str | Path, refs: dict | None = None) -> UrgentCare:
    """The urgent-care advice, checked against the references (`refs`, as already read; read from
    data_dir if None). The references themselves, not only their keys, reach the check: a wording
    source must have an https address. A build reads it once, through medref.data.dataset.DataSet."""
    refs = references.load_references(data_dir) if refs is None else refs
    return references.load_citing(data_dir, FILENAME, lambda data, source, _keys: parse_urgent_care(data, source, refs),
                                  UrgentCareDataError, "Urgent-care advice", refs)


# ---- which signs a directive shows ------------------------------------------------------------------

def situation_hint(care: UrgentCare, sign: Sign) -> str:
    """'after the procedure or with a spinal fracture' when a sign is for some of the physical
    situations only; '' when it is for all of them, or only for a separate one (a crisis line)."""
    shown = [s for s in care.situations if not s.separate]
    mine = set(sign.situations) & {s.id for s in shown}
    if not mine or mine == {s.id for s in shown}:
        return ""
    return " or ".join(s.short for s in shown if s.id in mine)


def parse_arg(arg: str) -> tuple[str, str, bool]:
    """'[[urgent-care:ARG]]' -> (kind, value, cited): kind is full, one (a tier or situation), sign
    or table."""
    words = arg.split()
    cited = UNCITED not in words[1:]
    if not words:
        return "full", "", cited
    if words[0] in ("table", "sign"):
        return words[0], " ".join(w for w in words[1:] if w != UNCITED), cited
    return "one", words[0], cited


def signs_for(care: UrgentCare, arg: str) -> list[Sign]:
    """The signs `[[urgent-care:arg]]` shows, in data order (the renderer and the citation scan
    both use this, so a page's Sources list and its reference-manager files agree)."""
    kind, value, _ = parse_arg(arg)
    if kind in ("full",) or (kind == "table" and not value):
        return list(care.signs)
    if kind == "sign":
        return [s for s in care.signs if s.id == value]
    return [s for s in care.signs if value in s.situations or s.tier == value]


def shows_night(arg: str) -> bool:
    """Every block but the clinician table says what to do at night."""
    return parse_arg(arg)[0] != "table"


def keys_for(care: UrgentCare, arg: str) -> list[str]:
    """Reference keys `[[urgent-care:arg]]` cites, in order ([] for an uncited short form)."""
    if not parse_arg(arg)[2]:
        return []
    keys: list[str] = []
    for sign in signs_for(care, arg):
        keys += [k for k in sign.citations if k not in keys]
    if care.night and shows_night(arg) and care.night.source not in keys:
        keys.append(care.night.source)
    return keys
