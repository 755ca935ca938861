"""Trial results: load and check data/trials.yml against data/references.yml.

Each entry is one trial or review the site describes: design, size per arm, population, primary
outcome and the result as the paper reports it. Pages never type these by hand: they use
[[trial-table]], [[trial-summary]] or [[trial-chart]] (medref.render.trial_render). Funding is not stored
here; it is the `funding` field of the trial's reference in data/references.yml.

An `effect` is a between-group difference in pain on a 0-10 scale with its 95% interval, as
reported; only entries with one are drawn on the chart. Every other entry says why (`off_chart`).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

# The module, not its names: attributes are read at call time (tests may stand in a fake module).
from medref.data import datafile, plaintext, references
from medref.data.errors import MedrefDataError

FILENAME = "trials.yml"
DESIGNS = ("sham-controlled", "open", "observational", "systematic review")
NEEDS_ARMS = ("sham-controlled", "open")  # randomised trials: the size of each arm is required
FIELDS = ("id", "name", "year", "source", "design", "comparison", "country", "population", "arms",
          "enrolled", "primary_outcome", "result", "effect", "off_chart", "summary", "verdict", "facts", "note")
# What a controlled trial found on its primary outcome, in the words the fair-tests picture shows
# ([[fair-tests]], medref/render/fair_tests.py). Optional; the picture asks for it where it needs it.
VERDICTS = ("benefit", "no clear difference")
TEXT_FIELDS = ("name", "comparison", "country", "population", "primary_outcome", "result", "summary")
ARM_FIELDS = ("label", "randomised", "analysed")
EFFECT_FIELDS = ("time", "estimate", "low", "high", "note")
FACT_FIELDS = ("id", "text", "source", "note")
# The shaded band on the trial chart: VERTOS IV defined clinically significant pain relief as a fall of
# 1.5 points on the 0-10 VAS (its abstract, "Main outcome measures"). It is a within-person threshold, so
# the caption says it is used as a guide to the size of a difference between groups.
THRESHOLD = 1.5
THRESHOLD_SOURCE = "firanescu2018"
TABLE_ARGS = {"sham-controlled": "sham-controlled", "open": "open", "observational": "observational",
              "reviews": "systematic review"}  # [[trial-table:ARG]] -> the design it shows
RANDOMISED_ARG = ("randomised",)  # [[trial-summary:randomised]]: the designs in RANDOMISED
RANDOMISED = ("sham-controlled", "open")
PAIN_SCALE = 10  # effects are differences on a 0-10 pain scale
# Characters per field (medref.data.plaintext); nested fields by their own name (an arm's label, a fact's text).
LIMITS = {"name": 40, "comparison": 160, "country": 100, "population": 250, "primary_outcome": 200,
          "result": 400, "summary": 200, "off_chart": 300, "text": 200, "label": 60, "time": 40}


class TrialDataError(MedrefDataError):
    """data/trials.yml is malformed; the message lists every problem and how to fix it."""


@dataclasses.dataclass(frozen=True)
class Arm:
    label: str
    randomised: int
    analysed: int | None = None


@dataclasses.dataclass(frozen=True)
class Effect:
    time: str
    estimate: float
    low: float
    high: float
    note: str = ""


@dataclasses.dataclass(frozen=True)
class Fact:
    """One finding in plain words, for a sentence or a table cell (the decision aid)."""
    id: str
    text: str
    source: str   # the report it comes from: the trial's own unless the fact names another


@dataclasses.dataclass(frozen=True)
class Trial:
    id: str
    name: str
    year: int
    source: str
    design: str
    comparison: str
    country: str
    population: str
    primary_outcome: str
    result: str
    summary: str
    arms: tuple[Arm, ...] = ()
    enrolled: int | None = None
    effect: Effect | None = None
    off_chart: str = ""
    verdict: str = ""
    facts: tuple[Fact, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name} {self.year}"

    @property
    def randomised(self) -> int:
        return sum(arm.randomised for arm in self.arms)

    def size_text(self) -> str:
        """'131 (68/63)', '300 (149/151); analysed 138/128', '404 enrolled; 191/190 treated'."""
        if not self.arms:
            return f"{self.enrolled:,} enrolled" if self.enrolled else "see population"
        split = "/".join(str(a.randomised) for a in self.arms)
        if self.enrolled and self.enrolled != self.randomised:
            text = f"{self.enrolled:,} enrolled; {split} treated"
        elif len(self.arms) > 1:
            text = f"{self.randomised:,} ({split})"
        else:
            text = f"{self.randomised:,}"
        if any(a.analysed is not None for a in self.arms):
            analysed = "/".join("?" if a.analysed is None else str(a.analysed) for a in self.arms)
            text += f"; analysed {analysed}"
        return text


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _arm_problems(where: str, arm) -> list[str]:
    if not isinstance(arm, dict):
        return [f"{where}: each arm must be a mapping, e.g. {{label: Vertebroplasty, randomised: 68}}"]
    problems = datafile.unknown_fields(where, arm, ARM_FIELDS)
    if not isinstance(arm.get("label"), str) or not arm["label"].strip():
        problems.append(f"{where}: missing 'label' (e.g. Vertebroplasty)")
    randomised, analysed = arm.get("randomised"), arm.get("analysed")
    if not _whole(randomised) or randomised < 1:
        problems.append(f"{where}: 'randomised' {randomised!r} must be a whole number above 0")
    if analysed is not None:
        if not _whole(analysed) or analysed < 0:
            problems.append(f"{where}: 'analysed' {analysed!r} must be a whole number, 0 or more")
        elif _whole(randomised) and analysed > randomised:
            problems.append(f"{where}: {analysed} analysed is more than the {randomised} randomised; "
                            "check both figures against the paper")
    return problems


def _effect_problems(where: str, effect) -> list[str]:
    if not isinstance(effect, dict):
        return [f"{where}: 'effect' must be a mapping {{time, estimate, low, high}}"]
    problems = datafile.unknown_fields(f"{where}: effect", effect, EFFECT_FIELDS)
    if not isinstance(effect.get("time"), str) or not effect["time"].strip():
        problems.append(f"{where}: effect needs 'time' (the time point, e.g. 1 month)")
    values = {f: effect.get(f) for f in ("estimate", "low", "high")}
    for field, value in values.items():
        if not _number(value):
            problems.append(f"{where}: effect '{field}' {value!r} must be a number (a difference on the "
                            "0-10 pain scale); without an interval from the paper, use 'off_chart' instead")
        elif abs(value) > PAIN_SCALE:
            problems.append(f"{where}: effect '{field}' {value} is outside -10 to 10; effects are "
                            "differences on a 0-10 pain scale")
    if all(_number(v) for v in values.values()) and not values["low"] <= values["estimate"] <= values["high"]:
        problems.append(f"{where}: the 95% interval {values['low']} to {values['high']} does not contain "
                        f"its estimate {values['estimate']}; check the three figures against the paper")
    return problems


def _entry_problems(where: str, entry: dict, known: set[str]) -> list[str]:
    problems = datafile.unknown_fields(where, entry, FIELDS) + plaintext.entry_problems(where, entry, LIMITS)
    if not isinstance(entry.get("id"), str) or not datafile.ID_RE.match(entry["id"]):
        problems.append(f"{where}: 'id' {entry.get('id')!r} must be lower-case letters, digits and hyphens")
    year = entry.get("year")
    if not _whole(year) or not 1900 <= year <= 2100:
        problems.append(f"{where}: 'year' {year!r} must be a four-digit year")
    source = entry.get("source")
    if not source:
        problems.append(f"{where}: missing 'source'; add the citation key of the trial's main report "
                        f"(from {references.FILENAME}), e.g. source: kallmes2009")
    else:
        problems += references.unknown_keys(where, [source], known)
    design = entry.get("design")
    if design not in DESIGNS:
        problems.append(f"{where}: unknown design {design!r}; use one of: {', '.join(DESIGNS)}")
    for field in TEXT_FIELDS:
        if not isinstance(entry.get(field), str) or not entry[field].strip():
            problems.append(f"{where}: missing '{field}'; add it (see the comments at the top of data/{FILENAME})")
    arms = entry.get("arms")
    if arms is None:
        if design in NEEDS_ARMS:
            problems.append(f"{where}: a {design} trial needs 'arms' with the number randomised to each")
    elif not isinstance(arms, list) or not arms:
        problems.append(f"{where}: 'arms' must be a list of {{label, randomised, analysed}}")
    else:
        for number, arm in enumerate(arms, start=1):
            problems += _arm_problems(f"{where}, arm {number}", arm)
    enrolled = entry.get("enrolled")
    if enrolled is not None and (not _whole(enrolled) or enrolled < 1):
        problems.append(f"{where}: 'enrolled' {enrolled!r} must be a whole number above 0")
    if arms is None and enrolled is None and design != "systematic review":
        problems.append(f"{where}: give 'arms' or 'enrolled' so the tables can show the trial's size")
    if entry.get("verdict") is not None and entry["verdict"] not in VERDICTS:
        problems.append(f"{where}: 'verdict' {entry['verdict']!r} must be one of: {', '.join(VERDICTS)} "
                        "(what the trial found on its primary outcome)")
    problems += _facts_problems(where, entry.get("facts"), known)
    effect, off_chart = entry.get("effect"), entry.get("off_chart")
    if effect is not None:
        problems += _effect_problems(where, effect)
        if off_chart:
            problems.append(f"{where}: has both 'effect' and 'off_chart'; keep one")
    elif not isinstance(off_chart, str) or not off_chart.strip():
        problems.append(f"{where}: no 'effect', so say why it is not on the chart in 'off_chart' "
                        "(e.g. its primary outcome is not pain)")
    return problems


def _facts_problems(where: str, facts, known: set[str]) -> list[str]:
    if facts is None:
        return []
    if not isinstance(facts, list):
        return [f"{where}: 'facts' must be a list of {{id, text, source}}"]
    problems: list[str] = []
    for at, fact in datafile.items(facts, where, problems, noun="fact", fields=FACT_FIELDS):
        if not isinstance(fact.get("text"), str) or not fact["text"].strip():
            problems.append(f"{at}: missing 'text' (the finding in plain words, with its numbers)")
        if fact.get("source") is not None:
            problems += references.unknown_keys(at, [fact["source"]], known)
    return problems


def fact_markdown(trials: dict[str, "Trial"], trial_id: str, fact_id: str, escape=str) -> str:
    """'44 in 100 had much less pain ... [@clark2016]' for [[trial-fact:TRIAL.FACT]]; KeyError names
    what is missing. `escape` makes the fact's words safe Markdown (medref.render.text.inline)."""
    trial = trials.get(trial_id)
    if trial is None:
        raise KeyError(f"no trial '{trial_id}' in data/{FILENAME}")
    for fact in trial.facts:
        if fact.id == fact_id:
            return f"{escape(fact.text)} [@{fact.source}]"
    raise KeyError(f"trial '{trial_id}' has no fact '{fact_id}' (it has: "
                   f"{', '.join(f.id for f in trial.facts) or 'none'}); add it under 'facts' in data/{FILENAME}")


def _make_trial(entry: dict) -> Trial:
    effect = entry.get("effect")
    return Trial(
        id=entry["id"], name=entry["name"].strip(), year=entry["year"], source=entry["source"],
        design=entry["design"], **{f: " ".join(entry[f].split()) for f in TEXT_FIELDS if f != "name"},
        arms=tuple(Arm(label=a["label"].strip(), randomised=a["randomised"], analysed=a.get("analysed"))
                   for a in entry.get("arms") or ()),
        enrolled=entry.get("enrolled"),
        effect=Effect(time=effect["time"].strip(), estimate=effect["estimate"], low=effect["low"],
                      high=effect["high"], note=str(effect.get("note") or "").strip()) if effect else None,
        off_chart=" ".join(str(entry.get("off_chart") or "").split()),
        verdict=str(entry.get("verdict") or ""),
        facts=tuple(Fact(id=f["id"], text=" ".join(f["text"].split()), source=f.get("source") or entry["source"])
                    for f in entry.get("facts") or ()),
    )


def parse_trials(data, source: str, known_keys: set[str]) -> dict[str, Trial]:
    """Check parsed YAML (a list of mappings) against the reference keys; `source` names the file."""
    return datafile.parse_keyed(data, source, TrialDataError, noun="trial",
                                check=lambda where, entry: _entry_problems(where, entry, known_keys),
                                build=_make_trial)


def load_trials(data_dir: str | Path, refs: dict | None = None) -> dict[str, Trial]:
    """All trials keyed by id, checked against the references (`refs`, as already read; read from
    data_dir if None). A build reads it once, through medref.data.dataset.DataSet."""
    return references.load_citing(data_dir, FILENAME, parse_trials, TrialDataError, "Trials", refs)


def select(trials: dict[str, Trial], name: str, arg: str = "") -> list[Trial]:
    """The trials a directive shows, in data order: `[[trial-table:ARG]]` one design (TABLE_ARGS),
    `[[trial-summary:randomised]]` the randomised ones, otherwise all. The renderer and the citation
    scan (through the directive's `cites`) both use this."""
    if name == "trial-table" and arg:
        return [t for t in trials.values() if t.design == TABLE_ARGS.get(arg)]
    if name == "trial-summary" and arg == "randomised":
        return [t for t in trials.values() if t.design in RANDOMISED]
    return list(trials.values())


def fair_tests(trials: dict[str, Trial]) -> list[Trial]:
    """The placebo-controlled trials in the order the fair-tests picture shows them: those that found
    a benefit, then those that did not, each group in data order (then any without a verdict)."""
    shown = [t for t in trials.values() if t.design == "sham-controlled"]
    rank = {v: n for n, v in enumerate(VERDICTS)}
    return sorted(shown, key=lambda t: rank.get(t.verdict, len(VERDICTS)))


def fair_test_facts(trial: Trial) -> list[Fact]:
    """What a trial found, for the fair-tests picture: its facts whose id starts 'fair-test' (not 'who')."""
    return [f for f in trial.facts if f.id.startswith("fair-test") and f.id != "fair-test-who"]


def keys_for(trials: dict[str, Trial], name: str, arg: str = "") -> list[str]:
    """Reference keys a trial directive cites: its trials' sources, and the chart's threshold source."""
    keys = [t.source for t in select(trials, name, arg)]
    return keys + ([THRESHOLD_SOURCE] if name == "trial-chart" else [])
