"""Risk and outcome figures: load and check data/risks.yml against data/references.yml.

Each entry is one figure a page may quote, with its denominator, how it was measured, the kind of
evidence, its sources and its plain-language wording. Pages never type these numbers by hand:
they use [[sentence:ID]], [[icon-array:ID]] or [[risk-table]] (medref.render.risk_render).

Entry shapes (see data/risks.yml for real examples):
- `figures:` one or more counts or rates; two or more studies make a low-high range.
- `arms:` two or more labelled groups of a comparison (e.g. vertebroplasty vs placebo).
A figure is `numerator` + `denominator`, or `rate` (0-1) + `denominator`, or `low` + `high` rates +
`denominator`. `denominator` may be [low, high] when only "about 40,000-60,000" is known.
`rate` next to a count is the rate the study reported (e.g. of those with follow-up data).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

# The module, not its names: attributes are read at call time (tests may stand in a fake module).
from medref.data import datafile, plaintext, references
from medref.data.errors import MedrefDataError

FILENAME = "risks.yml"
KINDS = ("harm", "benefit")
PROCEDURES = ("vertebroplasty", "kyphoplasty", "both")
TABLE_FILTERS = PROCEDURES + KINDS  # [[risk-table:ARG]]: a procedure or a kind
EVIDENCE = ("randomised trial", "cohort", "case series", "registry", "passive reports", "systematic review")
# A picture is blocks of 100; up to ten blocks, so "about 1 in 800" can be drawn as 800 people.
ARRAY_SIZES = tuple(range(100, 1001, 100))
ARRAY_TONES = ("alarm", "neutral")
FIELDS = ("id", "kind", "label", "procedure", "measured", "evidence", "sources", "figures", "arms",
          "plain", "sentence", "unit", "time", "array", "note")
FIGURE_FIELDS = ("label", "numerator", "denominator", "rate", "low", "high", "source", "note")
ARRAY_FIELDS = ("per", "marked", "others", "range", "tone")
BARE_PERCENT = re.compile(r"%|\bper ?cent\b", re.I)
# Characters per field (medref.data.plaintext), nested fields by their own name (a figure's or arm's label).
LIMITS = {"label": 160, "measured": 200, "plain": 160, "sentence": 300, "unit": 40, "marked": 80, "others": 80,
          "range": 100}


class RiskDataError(MedrefDataError):
    """data/risks.yml is malformed; the message lists every problem and how to fix it."""


@dataclasses.dataclass(frozen=True)
class Figure:
    denominator: int | tuple[int, int]
    numerator: int | None = None
    rate: float | None = None
    low: float | None = None
    high: float | None = None
    label: str = ""
    source: str = ""
    note: str = ""

    @property
    def denominator_range(self) -> tuple[int, int]:
        d = self.denominator
        return (d, d) if isinstance(d, int) else d

    def bounds(self) -> tuple[float, float]:
        """Lowest and highest rate this figure supports."""
        if self.low is not None:
            return self.low, self.high
        if self.rate is not None:
            return self.rate, self.rate
        d_low, d_high = self.denominator_range
        return self.numerator / d_high, self.numerator / d_low

    def point(self) -> float:
        low, high = self.bounds()
        return (low + high) / 2


@dataclasses.dataclass(frozen=True)
class IconArraySpec:
    per: int
    marked: str      # legend for marked icons, e.g. "got an infection"
    others: str      # legend for the rest, e.g. "did not"
    range: str = ""  # legend for the outlined icons when studies differ
    tone: str = ""   # "neutral" for findings that are usually harmless (no alarm red); default alarm/benefit


@dataclasses.dataclass(frozen=True)
class Risk:
    id: str
    kind: str
    label: str
    procedure: str
    measured: str
    evidence: str
    sources: tuple[str, ...]
    plain: str
    sentence: str
    figures: tuple[Figure, ...] = ()
    arms: tuple[Figure, ...] = ()
    unit: str = "people"
    time: str = ""   # when it was counted ("2 weeks", "1 year"); the option grid compares rows by it
    array: IconArraySpec | None = None
    note: str = ""

    @property
    def is_comparison(self) -> bool:
        return bool(self.arms)

    def bounds(self) -> tuple[float, float]:
        """Low and high rate across the figures (not meaningful for comparisons)."""
        lows, highs = zip(*(f.bounds() for f in self.figures))
        return min(lows), max(highs)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _figure_problems(where: str, fig: dict, known: set[str]) -> list[str]:
    problems = datafile.unknown_fields(where, fig, FIGURE_FIELDS)
    den = fig.get("denominator")
    if den is None:
        problems.append(f"{where}: missing 'denominator'; give the number of people (or levels) "
                        "the figure is out of, e.g. denominator: 3175")
        den_low = None
    elif isinstance(den, int) and not isinstance(den, bool) and den > 0:
        den_low = den
    elif (isinstance(den, list) and len(den) == 2 and all(isinstance(d, int) and d > 0 for d in den)
          and den[0] < den[1]):
        den_low = den[0]
    else:
        problems.append(f"{where}: 'denominator' {den!r} must be a whole number above 0, "
                        "or [low, high] when only a range is known")
        den_low = None
    num = fig.get("numerator")
    if num is not None:
        if not isinstance(num, int) or isinstance(num, bool) or num < 0:
            problems.append(f"{where}: 'numerator' {num!r} must be a whole number, 0 or more")
        elif den_low is not None and num > den_low:
            problems.append(f"{where}: numerator {num} is larger than its denominator {den}; "
                            "check the figures against the source")
    for field in ("rate", "low", "high"):
        value = fig.get(field)
        if value is not None and (not _number(value) or not 0 <= value <= 1):
            problems.append(f"{where}: '{field}' {value!r} is outside 0-1; write a rate as a "
                            "proportion (19.2% is 0.192)")
    has_range = fig.get("low") is not None or fig.get("high") is not None
    if has_range and (fig.get("low") is None or fig.get("high") is None):
        problems.append(f"{where}: give both 'low' and 'high' for a range")
    elif has_range and _number(fig["low"]) and _number(fig["high"]) and fig["low"] > fig["high"]:
        problems.append(f"{where}: 'low' {fig['low']} is above 'high' {fig['high']}; swap them")
    if num is None and fig.get("rate") is None and not has_range:
        problems.append(f"{where}: no figure; give 'numerator' (with 'denominator'), 'rate', "
                        "or 'low' and 'high'")
    source = fig.get("source")
    if source is not None:
        problems += references.unknown_keys(where, [source], known)
    return problems


def _make_figure(fig: dict) -> Figure:
    den = fig["denominator"]
    return Figure(
        denominator=tuple(den) if isinstance(den, list) else den,
        numerator=fig.get("numerator"), rate=fig.get("rate"), low=fig.get("low"), high=fig.get("high"),
        label=str(fig.get("label") or ""), source=str(fig.get("source") or ""), note=str(fig.get("note") or ""),
    )


def _entry_problems(where: str, entry: dict, known: set[str]) -> list[str]:
    problems = datafile.unknown_fields(where, entry, FIELDS) + plaintext.entry_problems(where, entry, LIMITS)
    if not isinstance(entry.get("id"), str) or not datafile.ID_RE.match(entry["id"]):
        problems.append(f"{where}: 'id' {entry.get('id')!r} must be lower-case letters, digits and hyphens")
    for field, allowed in (("kind", KINDS), ("procedure", PROCEDURES), ("evidence", EVIDENCE)):
        if entry.get(field) not in allowed:
            problems.append(f"{where}: '{field}' {entry.get(field)!r} must be one of: {', '.join(allowed)}")
    for field in ("label", "measured", "plain", "sentence"):
        if not isinstance(entry.get(field), str) or not entry[field].strip():
            problems.append(f"{where}: missing '{field}'; add it (see the comments at the top of data/{FILENAME})")
    if "time" in entry and (not isinstance(entry["time"], str) or not entry["time"].strip()):
        problems.append(f"{where}: 'time' must be words saying when it was counted, e.g. time: 2 weeks")
    for field in ("plain", "sentence"):
        value = entry.get(field)
        if isinstance(value, str) and BARE_PERCENT.search(value):
            problems.append(f"{where}: '{field}' uses a percentage; public wording must be a natural "
                            "frequency, e.g. 'about 4 in 1,000 people'")
    plain, sentence = entry.get("plain"), entry.get("sentence")
    if isinstance(plain, str) and isinstance(sentence, str) and plain.strip().lower() not in sentence.lower():
        problems.append(f"{where}: 'sentence' must contain the 'plain' wording ('{plain}') so both say "
                        "the same; reword one of them")
    sources = entry.get("sources")
    if not sources:
        problems.append(f"{where}: no 'sources'; add sources: [key] with the key(s) of the work(s) in "
                        f"{references.FILENAME} that give this figure")
    else:  # required here, so present: a list of keys, each in references.yml
        problems += references.sources_problems(where, sources, known, "hsieh2019")
    figures, arms = entry.get("figures"), entry.get("arms")
    if bool(figures) == bool(arms):
        problems.append(f"{where}: give either 'figures' (one or more counts or rates) or 'arms' "
                        "(two or more groups of a comparison), not both or neither")
    for field, items in (("figures", figures), ("arms", arms)):
        if not items:
            continue
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            problems.append(f"{where}: '{field}' must be a list of mappings ('- numerator: ...')")
            continue
        if field == "arms" and len(items) < 2:
            problems.append(f"{where}: 'arms' needs two or more groups; use 'figures' for a single figure")
        for number, item in enumerate(items, start=1):
            problems += _figure_problems(f"{where}, {field} {number}", item, known)
            if field == "arms" and not item.get("label"):
                problems.append(f"{where}, arms {number}: missing 'label' (e.g. Vertebroplasty)")
    array = entry.get("array")
    if array is not None:
        if not isinstance(array, dict):
            problems.append(f"{where}: 'array' must be a mapping with per, marked and others")
        else:
            problems += datafile.unknown_fields(f"{where}: array", array, ARRAY_FIELDS)
            if array.get("per") not in ARRAY_SIZES:
                problems.append(f"{where}: array 'per' {array.get('per')!r} must be 100, 200, ... or 1000 "
                                "(whole blocks of 100); match it to the sentence (\"about 1 in 800\": per: 800)")
            if array.get("tone") not in (None, *ARRAY_TONES):
                problems.append(f"{where}: array 'tone' {array.get('tone')!r} must be one of: "
                                f"{', '.join(ARRAY_TONES)} (neutral: for findings that are usually harmless)")
            for field in ("marked", "others"):
                if not isinstance(array.get(field), str) or not array[field].strip():
                    problems.append(f"{where}: array needs '{field}' (legend text, e.g. marked: got an "
                                    "infection, others: did not)")
    return problems


def _array_problems(where: str, risk: Risk) -> list[str]:
    """An icon array must show at least one marked icon, or it says 'none' when the truth is 'few'."""
    if risk.array is None:
        return []
    groups = risk.arms or (dataclasses.replace(risk.figures[0], low=risk.bounds()[0], high=risk.bounds()[1]),)
    for fig in groups:
        low, high = fig.bounds()
        if round(high * risk.array.per) < 1:
            return [f"{where}: the icon array would mark 0 of {risk.array.per}; use per: 1000, "
                    "or remove 'array' and use [[sentence:...]] for so rare a figure"]
    return []


def _make_risk(entry: dict) -> Risk:
    array = entry.get("array")
    return Risk(
        id=entry["id"], kind=entry["kind"], label=entry["label"].strip(), procedure=entry["procedure"],
        measured=entry["measured"].strip(), evidence=entry["evidence"], sources=tuple(entry["sources"]),
        plain=entry["plain"].strip(), sentence=entry["sentence"].strip(),
        figures=tuple(_make_figure(f) for f in entry.get("figures") or ()),
        arms=tuple(_make_figure(f) for f in entry.get("arms") or ()),
        unit=str(entry.get("unit") or "people"), time=" ".join(str(entry.get("time") or "").split()),
        note=str(entry.get("note") or ""),
        array=IconArraySpec(per=array["per"], marked=array["marked"].strip(), others=array["others"].strip(),
                            range=str(array.get("range") or "").strip(),
                            tone=str(array.get("tone") or "")) if array else None,
    )


def parse_risks(data, source: str, known_keys: set[str]) -> dict[str, Risk]:
    """Check parsed YAML (a list of mappings) against the reference keys; `source` names the file.
    A figure's icon array is checked once the figure is built (it needs the figure's bounds)."""
    return datafile.parse_keyed(data, source, RiskDataError, noun="figure",
                                check=lambda where, entry: _entry_problems(where, entry, known_keys),
                                build=_make_risk, recheck=_array_problems)


def load_risks(data_dir: str | Path, refs: dict | None = None) -> dict[str, Risk]:
    """All figures keyed by id, checked against the references (`refs`, as already read; read from
    data_dir if None). A build reads it once, through medref.data.dataset.DataSet."""
    return references.load_citing(data_dir, FILENAME, parse_risks, RiskDataError, "Figure ids", refs)


def select(risks: dict[str, Risk], arg: str = "") -> list[Risk]:
    """The figures `[[risk-table:arg]]` shows, in data order: all; one kind (harm, benefit); or one
    procedure with the figures for both. The table and its `cites` (the citation scan) both use
    this, so the table and the page's Sources list agree."""
    if arg in KINDS:
        return [r for r in risks.values() if r.kind == arg]
    if arg:
        return [r for r in risks.values() if r.procedure in (arg, "both")]
    return list(risks.values())
