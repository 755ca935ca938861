"""The decision aid's worksheet: load and check data/worksheet.yml (words only, no markup).

What matters to me, how things are today, which way I am leaning, the four SURE questions and the
questions to ask: medref.render.worksheet turns them into fields on the page; the reader's answers
never leave the page (docs/assets/javascripts/decision-aid.js).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from medref.data import datafile, plaintext, references
from medref.data.errors import MedrefDataError

FILENAME = "worksheet.yml"
MARKUP = re.compile(r"\[@|\[\[")  # a citation or directive typed into the words
PARTS = ("matters", "today", "leaning", "sure", "questions")
TODAY_KINDS = ("pain-score", "yes-no-unsure")


class WorksheetDataError(MedrefDataError):
    """data/worksheet.yml is malformed; the message lists every problem and how to fix it."""


@dataclasses.dataclass(frozen=True)
class Item:
    id: str
    text: str
    kind: str = ""


@dataclasses.dataclass(frozen=True)
class Worksheet:
    scale: tuple[str, ...]
    matters: tuple[Item, ...]
    matters_other: str
    today: tuple[Item, ...]
    leaning_question: str
    leaning: tuple[Item, ...]
    sure: tuple[Item, ...]
    sure_source: str
    questions: tuple[Item, ...]
    questions_other: str


def _words_problem(where: str, value) -> list[str]:
    if not isinstance(value, str) or not value.strip():
        return [f"{where}: must be words"]
    problems = [f"{where}: {p}" for p in plaintext.text_problems(value, "label", 200)]
    if MARKUP.search(value):
        problems.append(f"{where}: {value!r} holds a citation or directive; write plain words")
    return problems


def _items_problems(where: str, items, kinds: tuple[str, ...] = ()) -> list[str]:
    if not isinstance(items, list) or not items:
        return [f"{where}: 'items' must be a list of {{id, text}}"]
    problems: list[str] = []
    fields = ("id", "text", "kind") if kinds else ("id", "text")
    for at, item in datafile.items(items, where, problems, noun="item", fields=fields):
        problems += _words_problem(f"{at}: text", item.get("text"))
        if kinds and item.get("kind") not in kinds:
            problems.append(f"{at}: 'kind' {item.get('kind')!r} must be one of: {', '.join(kinds)}")
    return problems


def parse_worksheet(data, source: str, known: set[str]) -> Worksheet:
    if not isinstance(data, dict):
        raise WorksheetDataError(f"{source}: must be a mapping with {', '.join(PARTS)}")
    problems = datafile.unknown_fields(source, data, PARTS)
    parts = {p: data.get(p) if isinstance(data.get(p), dict) else None for p in PARTS}
    for part, value in parts.items():
        if value is None:
            problems.append(f"{source}: '{part}' must be a mapping (see the comments at the top of the file)")
    if problems:
        raise WorksheetDataError("\n".join(problems))
    matters, today, leaning, sure, questions = (parts[p] for p in PARTS)
    scale = matters.get("scale")
    if not isinstance(scale, list) or len(scale) < 2:
        problems.append(f"{source}: matters: 'scale' must list two or more answer choices")
    else:
        for number, step in enumerate(scale, start=1):
            problems += _words_problem(f"{source}: matters: scale {number}", step)
    problems += _items_problems(f"{source}: matters", matters.get("items"))
    problems += _words_problem(f"{source}: matters: other", matters.get("other"))
    problems += _items_problems(f"{source}: today", today.get("items"), TODAY_KINDS)
    problems += _words_problem(f"{source}: leaning: question", leaning.get("question"))
    problems += _items_problems(f"{source}: leaning", leaning.get("choices"))
    problems += _items_problems(f"{source}: sure", sure.get("items"))
    if sure.get("source") not in known:
        problems.append(f"{source}: sure: 'source' {sure.get('source')!r} must be a key in {references.FILENAME}")
    problems += _items_problems(f"{source}: questions", questions.get("items"))
    problems += _words_problem(f"{source}: questions: other", questions.get("other"))
    if problems:
        raise WorksheetDataError("\n".join(problems))

    def items(values) -> tuple[Item, ...]:
        return tuple(Item(id=i["id"], text=" ".join(i["text"].split()), kind=str(i.get("kind") or ""))
                     for i in values)

    return Worksheet(scale=tuple(str(s) for s in scale), matters=items(matters["items"]),
                     matters_other=matters["other"], today=items(today["items"]),
                     leaning_question=leaning["question"], leaning=items(leaning["choices"]),
                     sure=items(sure["items"]), sure_source=sure["source"], questions=items(questions["items"]),
                     questions_other=questions["other"])


def load_worksheet(data_dir: str | Path, refs: dict | None = None) -> Worksheet:
    """The worksheet, checked (`refs`: the references already read, as DataSet.get passes them)."""
    return references.load_citing(data_dir, FILENAME, parse_worksheet, WorksheetDataError,
                                  "The decision aid's grid and worksheet", refs)
