"""What a page cites, read from its Markdown without rendering it: `[@key]` citations, the snippets it
includes, and the keys its directives cite.

One scan serves the uncited-reference check (`python -m medref references --uncited docs`) and each
page's reference-manager files (medref.render.reference_export). It knows no directive by name: the
directive registry (medref.render.registry) expands inline directives and says which keys each
directive line cites, with the same selection the directive renders, so a page's Sources list and
what this scan says it cites cannot drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

from medref.render.citations import CITE_RE, parse_keys
from medref.render.registry import DIRECTIVES

FENCE_RE = re.compile(r"^\s*(```+|~~~+)")
CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
# `--8<-- "file.md"` or `--8<-- "file.md:section"` (the whole file is read: a superset of the section).
SNIPPET_RE = re.compile(r'^\s*--8<--\s*"([^":]+)(?::[^"]*)?"\s*$', re.M)


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


def keys_cited_in_text(text: str, data, registry=None) -> list[str]:
    """Citation keys a page's Markdown uses, directly or through its directives, in order; `data` is the
    build's DataSet (medref.data.dataset), read only for the directives the text uses."""
    directives = registry or DIRECTIVES
    text = directives.expand(text, data, strict=False)  # inline directives cite as the page will read
    keys: list[str] = []
    lines = list(_prose_lines(text))
    for match in re.finditer(CITE_RE, "\n".join(lines)):  # joined: a citation may wrap a line
        _add(keys, parse_keys(match.group(1)) or [])
    for line in lines:
        # Containers (admonitions, lists, tabs) indent a directive; the block processor sees it dedented.
        _add(keys, directives.cites(line.lstrip(), data))
    return keys


def keys_cited_in_page(path: Path, docs_dir, data, registry=None) -> list[str]:
    """Keys one page cites, in order: its text and snippets, and its directives (the uncited-reference
    scan and each page's reference-manager files both use this)."""
    text = _with_snippets(Path(path).read_text(encoding="utf-8"), Path(docs_dir).resolve().parent)
    return keys_cited_in_text(text, data, registry)


def keys_cited_in_docs(docs_dir: Path, data, registry=None) -> set[str]:
    """Every key any page under docs_dir cites."""
    cited: set[str] = set()
    for path in sorted(Path(docs_dir).rglob("*.md")):
        cited.update(keys_cited_in_page(path, docs_dir, data, registry))
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
