"""What a page cites, read from its Markdown without rendering it: `[@key]` citations, the snippets it
includes, and the sources behind its risk, trial, urgent-care and literature-watch directives.

One scan serves the uncited-reference check (`python -m medref references --uncited docs`) and each
page's reference-manager files (medref.render.reference_export). The directives choose their rows with the
same functions the renderers use (risks.select, trials.select, urgent.keys_for), so a page's Sources
list and what this scan says it cites cannot drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

from medref.data import literature_watch as watch_data
from medref.data import risks as risk_data
from medref.data import trials as trial_data
from medref.data import urgent as urgent_data

# Anything in [@...] is a citation, so a malformed one fails loudly instead of showing.
CITE_RE = r"\[@([^\]]*)\]"  # may wrap onto the next line inside a paragraph
FENCE_RE = re.compile(r"^\s*(```+|~~~+)")
CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
RISK_DIRECTIVE_RE = re.compile(r"^\s*\[\[(sentence|icon-array|risk-table)(?::([^\]]*))?\]\]\s*$")
TRIAL_DIRECTIVE_RE = re.compile(r"^\s*\[\[(trial-table|trial-summary|trial-chart)(?::([^\]]*))?\]\]\s*$")
URGENT_RE = re.compile(r"^\s*\[\[urgent-care(?::([^\]]*))?\]\]\s*$", re.M)
WATCH_RE = re.compile(r"^\s*\[\[literature-watch\]\]\s*$", re.M)
SNIPPET_RE = re.compile(r'^\s*--8<--\s*"([^"]+)"\s*$', re.M)


def parse_keys(inner: str) -> list[str] | None:
    """'a; @b' (the text after '[@') -> ['a', 'b']; None if malformed."""
    parts = [p.strip() for p in ("@" + inner).split(";")]
    keys = []
    for part in parts:
        if not re.fullmatch(r"@[A-Za-z0-9_.:-]+", part):
            return None
        keys.append(part[1:])
    return keys


def _prose_lines(text: str):
    """Lines of Markdown outside fenced code, with inline code spans removed."""
    fence = None
    for line in text.splitlines():
        opener = FENCE_RE.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            continue
        if opener:
            fence = opener.group(1)
            continue
        yield CODE_SPAN_RE.sub("", line)


def _add(keys: list[str], more) -> None:
    keys += [k for k in dict.fromkeys(more) if k not in keys]


def keys_cited_in_text(text: str, risks: dict | None = None, trials: dict | None = None) -> list[str]:
    """Citation keys a page's Markdown uses, directly or through risk or trial directives, in order."""
    keys: list[str] = []
    if trials is not None:  # [[trial-fact:...]] cites as the preprocessor writes it
        try:
            text = trial_data.expand_facts(text, trials)
        except KeyError:
            pass  # the build reports an unknown fact, naming the page
    lines = list(_prose_lines(text))
    for match in re.finditer(CITE_RE, "\n".join(lines)):  # joined: a citation may wrap a line
        _add(keys, parse_keys(match.group(1)) or [])
    for line in lines:
        directive = RISK_DIRECTIVE_RE.match(line)
        if directive and risks is not None:
            name, arg = directive.group(1), (directive.group(2) or "").strip()
            if name == "risk-table":
                chosen = risk_data.select(risks, arg) if arg in ("", *risk_data.TABLE_FILTERS) else []
            else:
                chosen = [risks[arg]] if arg in risks else []
            for risk in chosen:
                _add(keys, risk.sources)
        directive = TRIAL_DIRECTIVE_RE.match(line)
        if directive and trials is not None:
            name, arg = directive.group(1), (directive.group(2) or "").strip()
            _add(keys, trial_data.keys_for(trials, name, arg))
    return keys


def keys_cited_in_page(path: Path, docs_dir, data_dir, risks: dict | None = None,
                       trials: dict | None = None) -> list[str]:
    """Keys one page cites, in order: its text and snippets, risk and trial directives, urgent-care
    blocks (the uncited-reference scan and each page's reference-manager files both use this)."""
    text = _with_snippets(Path(path).read_text(encoding="utf-8"), Path(docs_dir).resolve().parent)
    keys = keys_cited_in_text(text, risks, trials)
    args = [m.group(1) or "" for m in URGENT_RE.finditer("\n".join(_prose_lines(text)))]
    if args:
        try:
            care = urgent_data.load_urgent_care(data_dir)
        except FileNotFoundError:
            care = None
        for arg in args if care else []:
            _add(keys, urgent_data.keys_for(care, arg))
    if WATCH_RE.search("\n".join(_prose_lines(text))) and (Path(data_dir) / watch_data.FILENAME).is_file():
        for question in watch_data.load_watch(data_dir).values():  # as the renderer cites them
            _add(keys, question.sources)
    return keys


def _load_or_none(load, data_dir):
    try:
        return load(data_dir)
    except FileNotFoundError:
        return None


def keys_cited_in_docs(docs_dir: Path, data_dir: str | Path) -> set[str]:
    """Every key any page under docs_dir cites."""
    risks = _load_or_none(risk_data.load_risks, data_dir) or {}
    trials = trial_data.load_trials(data_dir) if (Path(data_dir) / trial_data.FILENAME).is_file() else None
    cited: set[str] = set()
    for path in sorted(Path(docs_dir).rglob("*.md")):
        cited.update(keys_cited_in_page(path, docs_dir, data_dir, risks, trials))
    return cited


def _with_snippets(text: str, root: Path) -> str:
    """The page with each `--8<-- "file.md"` line replaced by the file (as pymdownx.snippets does,
    from the project root or includes/), so a shared snippet's citations count as cited."""
    def include(match):
        for base in (root, root / "includes"):
            candidate = base / match.group(1)
            if candidate.is_file():
                return candidate.read_text(encoding="utf-8")
        return ""
    return SNIPPET_RE.sub(include, text)
