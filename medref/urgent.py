"""When to get help urgently: load data/urgent-care.yml and render it with one directive.

Advice that can hurt if it is wrong (call 999, contact the team the same day, see your GP) is held
once, in data/urgent-care.yml, with a source or an explicit `consensus: true` for every line. Pages
render it; they never type it:

- `[[urgent-care]]`                  the full list, grouped by tier (the "When to get help urgently" page);
- `[[urgent-care:999]]`              one tier (999, same-day, gp), for every situation;
- `[[urgent-care:after-procedure]]`  every tier, for one situation (after-procedure, spinal-fracture, cancer);
- `[[urgent-care:table]]`            the clinician table: one row per tier, signs in clinical words with
                                     their sources; `[[urgent-care:table after-procedure]]` for one situation.

Each item starts with its tier's action ("Call 999 or go to A&E now if ..."), so the action survives
in a search snippet. Every block is a `<div class="medref-urgent">`, and every block but the full
list ends with a link to the full list: tests/site/test_urgent_care.py relies on both.
"""

from __future__ import annotations

import dataclasses
import posixpath
from pathlib import Path
from xml.etree import ElementTree as etree

# The modules, not their names: attributes are read at call time (tests may stand in fakes).
from medref import datafile, references
from medref.directives import DirectiveProcessor, MedrefBuildError, where

FILENAME = "urgent-care.yml"
FULL_LIST_PAGE = "urgent-help.md"        # the page that renders [[urgent-care]]
BLOCK_CLASS = "medref-urgent"            # the site test finds rendered advice by this class
MORE_CLASS = "medref-urgent-more"        # the closing paragraph with the link to the full list
FULL_LIST_LINK_TEXT = "All the warning signs: when to get help urgently"
UNSURE = "Not sure what to do? Call NHS 111, or go to 111.nhs.uk."
STYLES = ("danger", "warning", "note")   # admonition types the theme styles
TIER_FIELDS = ("id", "title", "action", "style")
SITUATION_FIELDS = ("id", "title", "short")
SIGN_FIELDS = ("id", "tier", "label", "text", "clinical", "situations", "sources", "consensus", "note")
HEADING_ID_PREFIX = "get-help-"            # the full list's tier headings: #get-help-999, #get-help-same-day
UNCITED = "uncited"                       # flag: a short form without citation numbers (leaflets)
UNCITED_NOTE = " (with the source of each sign)."
CONSENSUS_NOTE = "Signs without a citation: standard practice, not tested in a study."


class UrgentCareDataError(ValueError):
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


@dataclasses.dataclass(frozen=True)
class Sign:
    id: str
    tier: str
    text: str
    clinical: str
    situations: tuple[str, ...]
    label: str = ""
    sources: tuple[str, ...] = ()
    consensus: bool = False


@dataclasses.dataclass(frozen=True)
class UrgentCare:
    tiers: tuple[Tier, ...]
    situations: tuple[Situation, ...]
    signs: tuple[Sign, ...]

    def tier(self, tier_id: str) -> Tier:
        return next(t for t in self.tiers if t.id == tier_id)

    def keys(self) -> list[str]:
        """Every citation key the advice uses, in data order."""
        keys: list[str] = []
        for sign in self.signs:
            keys += [k for k in sign.sources if k not in keys]
        return keys


# ---- loading and checking ----------------------------------------------------------------------------

def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _unknown_fields(where_: str, entry: dict, allowed: tuple[str, ...]) -> list[str]:
    return [f"{where_}: unknown field '{f}'; use only {', '.join(allowed)}" for f in entry if f not in allowed]


def _items(source: str, data: dict, name: str, problems: list[str]) -> list[tuple[str, dict]]:
    items = data.get(name)
    if not isinstance(items, list) or not items:
        problems.append(f"{source}: '{name}' must be a non-empty list of entries ('- id: ...')")
        return []
    out = []
    for number, entry in enumerate(items, start=1):
        if not isinstance(entry, dict):
            problems.append(f"{source}: {name} entry {number} is not a mapping of 'field: value' lines")
            continue
        out.append((f"{source}: {name} entry {number} (id '{entry.get('id')}')", entry))
    return out


def _required(where_: str, entry: dict, fields: tuple[str, ...]) -> list[str]:
    return [f"{where_}: missing '{f}'; add it (see the comments at the top of data/{FILENAME})"
            for f in fields if not _text(entry.get(f))]


def _sign_problems(where_: str, entry: dict, tiers: set[str], situations: set[str], known: set[str]) -> list[str]:
    problems = _unknown_fields(where_, entry, SIGN_FIELDS) + _required(where_, entry, ("id", "label", "text", "clinical"))
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
    sources, consensus = entry.get("sources"), entry.get("consensus")
    if consensus is not None and consensus is not True:
        problems.append(f"{where_}: 'consensus' may only be true; remove it if the line has sources")
    if sources and consensus:
        problems.append(f"{where_}: give 'sources' or 'consensus: true', not both")
    elif not sources and not consensus:
        problems.append(f"{where_}: no 'sources'; add sources: [key] (keys in {references.FILENAME}), or "
                        "consensus: true if the line is standard practice with no source you could read "
                        "(the editorial policy must say so)")
    elif sources:
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            problems.append(f"{where_}: 'sources' must be a list of citation keys, e.g. [nice-ng234]")
        else:
            for key in sources:
                if key not in known:
                    problems.append(f"{where_}: source '{key}' is not in {references.FILENAME}; add it there "
                                    "or fix the key")
    return problems


def parse_urgent_care(data, source: str, known_keys: set[str]) -> UrgentCare:
    """Check parsed YAML (a mapping of tiers, situations and signs); `source` names the file."""
    if not isinstance(data, dict):
        raise UrgentCareDataError(f"{source}: must be a mapping with 'tiers', 'situations' and 'signs'")
    problems: list[str] = []
    tiers: list[Tier] = []
    for where_, entry in _items(source, data, "tiers", problems):
        entry = {k: str(v) if k == "id" and v is not None else v for k, v in entry.items()}  # id: 999 (a number)
        found = _unknown_fields(where_, entry, TIER_FIELDS) + _required(where_, entry, TIER_FIELDS)
        if entry.get("style") not in STYLES:
            found.append(f"{where_}: 'style' {entry.get('style')!r} must be one of: {', '.join(STYLES)}")
        if not found:
            tiers.append(Tier(**{f: _text(entry[f]) for f in TIER_FIELDS}))
        problems += found
    situations: list[Situation] = []
    for where_, entry in _items(source, data, "situations", problems):
        found = _unknown_fields(where_, entry, SITUATION_FIELDS) + _required(where_, entry, SITUATION_FIELDS)
        if not found:
            situations.append(Situation(**{f: _text(entry[f]) for f in SITUATION_FIELDS}))
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
                sources=tuple(entry.get("sources") or ()), consensus=bool(entry.get("consensus")),
            ))
    if problems:
        raise UrgentCareDataError("\n".join(problems))
    order = [t.id for t in tiers]
    return UrgentCare(tuple(tiers), tuple(situations), tuple(sorted(signs, key=lambda s: order.index(s.tier))))


def load_urgent_care(data_dir: str | Path) -> UrgentCare:
    """The urgent-care advice, checked against data/references.yml; cached until either changes."""
    path = Path(data_dir) / FILENAME
    if not path.is_file():
        raise FileNotFoundError(f"{path}: file not found; create it (see AUTHORING.md, 'Urgent-care advice')")
    refs = references.load_references(data_dir)
    return datafile.load_yaml(path, lambda data: parse_urgent_care(data, str(path), set(refs)),
                              UrgentCareDataError, depends_on=refs)


# ---- which signs a directive shows ------------------------------------------------------------------

def parse_arg(arg: str) -> tuple[str, str, bool]:
    """'[[urgent-care:ARG]]' -> (kind, value, cited): kind is full, tier, situation or table."""
    words = arg.split()
    cited = UNCITED not in words[1:]
    if not words:
        return "full", "", cited
    if words[0] == "table":
        return "table", " ".join(words[1:]), cited
    return "one", words[0], cited


def signs_for(care: UrgentCare, arg: str) -> list[Sign]:
    """The signs `[[urgent-care:arg]]` shows, in data order (the renderer and the citation scan
    both use this, so a page's Sources list and its reference-manager files agree)."""
    kind, value, _ = parse_arg(arg)
    if kind in ("full",) or (kind == "table" and not value):
        return list(care.signs)
    return [s for s in care.signs if value in s.situations or s.tier == value]


def keys_for(care: UrgentCare, arg: str) -> list[str]:
    """Reference keys `[[urgent-care:arg]]` cites, in order ([] for an uncited short form)."""
    if not parse_arg(arg)[2]:
        return []
    keys: list[str] = []
    for sign in signs_for(care, arg):
        keys += [k for k in sign.sources if k not in keys]
    return keys


# ---- rendering ---------------------------------------------------------------------------------------

def citation(sign: Sign) -> str:
    return "[" + "; ".join("@" + key for key in sign.sources) + "]" if sign.sources else ""


def item_markdown(tier: Tier, sign: Sign, when: str = "", cited: bool = True) -> str:
    """'**Call 999 or go to A&E now** if you ... (after the procedure)[@key].' as Markdown."""
    text = sign.text.rstrip(".")
    return f"**{tier.action}** if {text}{f' ({when})' if when else ''}{citation(sign) if cited else ''}."


def tier_heading(tier: Tier, signs: list[Sign]) -> str:
    """'Call 999 or go to A&E now: chest pain or short of breath, a numb bottom, ...' (readers search
    for a symptom in their own words; the heading answers with what to do)."""
    labels = [s.label for s in signs if s.label]
    return f"{tier.title}: {', '.join(labels)}" if labels else tier.title


def full_list_href(page) -> str:
    if page is None:
        return FULL_LIST_PAGE
    if page.rel == FULL_LIST_PAGE:
        return "#warning-signs"  # a short form on the full list's own page points up to the list
    return posixpath.relpath(FULL_LIST_PAGE, posixpath.dirname(page.rel) or ".")


class UrgentCareDirective(DirectiveProcessor):
    NAMES = ("urgent-care",)


    def render(self, parent, name, arg, line_text):
        care = load_urgent_care(self.data_dir)
        # `uncited` after a short form (a printed leaflet): no citation numbers or Sources list on the
        # sheet; the link to the full list, which carries every source, says where they are.
        words = arg.split()
        cited = UNCITED not in words[1:]
        if not cited:
            if words[0] in ("", "table") or len(words) != 2:
                raise MedrefBuildError(
                    f"{where(self.ext.page, line_text)}: '{UNCITED}' goes after one tier or situation, as in "
                    f"[[urgent-care:after-procedure {UNCITED}]]")
            arg = words[0]
        tier_ids = [t.id for t in care.tiers]
        situation_ids = [s.id for s in care.situations]
        table_for = arg.split()[1:] if arg.split()[:1] == ["table"] else None  # [[urgent-care:table after-procedure]]
        if table_for is not None and (len(table_for) > 1 or (table_for and table_for[0] not in situation_ids)):
            raise MedrefBuildError(
                f"{where(self.ext.page, line_text)}: {line_text} takes at most one situation after 'table': "
                f"{', '.join(situation_ids)}")
        if arg and table_for is None and arg not in tier_ids + situation_ids:
            raise MedrefBuildError(
                f"{where(self.ext.page, line_text)}: unknown argument '{arg}' in {line_text}; use [[urgent-care]] "
                f"for the full list, or one of: {', '.join(tier_ids + situation_ids + ['table'])} "
                f"(from {Path(self.data_dir) / FILENAME})")
        block = etree.SubElement(parent, "div", {"class": BLOCK_CLASS, "data-urgent": arg or "full"})
        shown = signs_for(care, arg)
        if table_for is not None:
            self._table(block, care, shown, table_for[0] if table_for else "")
        else:
            for tier in care.tiers:
                signs = [s for s in shown if s.tier == tier.id]
                if not arg and signs:  # the full list: a heading per tier that names its signs
                    etree.SubElement(block, "h3", {"id": f"{HEADING_ID_PREFIX}{tier.id}"}).text = tier_heading(tier, signs)
                self._box(block, tier, signs, care, hint=arg not in situation_ids, cited=cited)
        self._closing(block, full=not arg, cited=cited)

    @staticmethod
    def _box(block, tier: Tier, signs: list[Sign], care: UrgentCare, hint: bool, cited: bool = True) -> None:
        if not signs:
            return
        box = etree.SubElement(block, "div", {"class": f"admonition {tier.style}"})
        etree.SubElement(box, "p", {"class": "admonition-title"}).text = tier.title
        ul = etree.SubElement(box, "ul")
        everyone = {s.id for s in care.situations}
        for sign in signs:
            when = ""
            if hint and set(sign.situations) != everyone:
                when = " or ".join(s.short for s in care.situations if s.id in sign.situations)
            etree.SubElement(ul, "li", {"data-sign": sign.id}).text = item_markdown(tier, sign, when, cited)

    @staticmethod
    def _table(block, care: UrgentCare, shown: list[Sign], situation: str = "") -> None:
        """One row per tier (short enough for the printed quick reference): the signs in clinical
        words, each with its citation; a sign with none is standard practice (said under the table)."""
        table = etree.SubElement(block, "table")
        head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
        for title in ("Urgency", "Signs"):
            etree.SubElement(head, "th").text = title
        body = etree.SubElement(table, "tbody")
        everyone = {s.id for s in care.situations}
        for tier in care.tiers:
            signs = [s for s in shown if s.tier == tier.id]
            if not signs:
                continue
            row = etree.SubElement(body, "tr", {"data-tier": tier.id, "data-signs": " ".join(s.id for s in signs)})
            etree.SubElement(row, "td").text = tier.title
            parts = []
            for sign in signs:
                when = ("" if situation or set(sign.situations) == everyone else
                        " (" + " or ".join(s.short for s in care.situations if s.id in sign.situations) + ")")
                parts.append(f"{sign.clinical}{when}{citation(sign)}")
            etree.SubElement(row, "td").text = "; ".join(parts)
        etree.SubElement(block, "p").text = CONSENSUS_NOTE

    def _closing(self, block, full: bool, cited: bool = True) -> None:
        more = etree.SubElement(block, "p", {"class": MORE_CLASS})
        more.text = UNSURE + " "
        if not full:  # the full list is the page this links to
            link = etree.SubElement(more, "a", {"href": full_list_href(self.ext.page)})
            link.text = FULL_LIST_LINK_TEXT
            link.tail = "." if cited else UNCITED_NOTE

