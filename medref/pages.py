"""Which page is being rendered: its source file, front matter and public URL.

Neither engine tells a Python-Markdown extension which file it is converting, so we match the
Markdown body against the files in docs_dir. That lets errors name the file and lets generated
content (source counts, review box, JSON-LD) use the page's front matter.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from medref.front_matter import read_front_matter


@dataclasses.dataclass(frozen=True)
class PageInfo:
    path: Path          # e.g. docs/treatment/risks.md
    rel: str            # e.g. treatment/risks.md
    meta: dict
    url: str            # site-relative URL with directory URLs, e.g. "treatment/risks/" ("" for home)


def body_of(text: str) -> str:
    """Markdown after the front matter, normalised the way both engines hand it to Markdown."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            text = text[end + 5:]
    return text.strip()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def url_for(rel: str) -> str:
    """Directory-style URL of a page: index.md -> "", a/b.md -> "a/b/", a/index.md -> "a/"."""
    stem = rel[:-3] if rel.endswith(".md") else rel
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


class PageIndex:
    """Body digest -> PageInfo for every page under docs_dir, rebuilt when a file changes."""

    def __init__(self, docs_dir: str | Path):
        self.docs_dir = Path(docs_dir)
        self._stamp = None
        self._by_digest: dict[str, PageInfo] = {}

    def _refresh(self):
        files = sorted(self.docs_dir.rglob("*.md")) if self.docs_dir.is_dir() else []
        stamp = tuple((str(p), p.stat().st_mtime_ns) for p in files)
        if stamp == self._stamp:
            return
        index = {}
        for path in files:
            text = path.read_text(encoding="utf-8")
            rel = path.relative_to(self.docs_dir).as_posix()
            try:
                meta = read_front_matter(path)
            except Exception:  # the front-matter check reports it with a clear message
                meta = {}
            index[_digest(body_of(text))] = PageInfo(path=path, rel=rel, meta=meta, url=url_for(rel))
        self._by_digest, self._stamp = index, stamp

    def identify(self, markdown_text: str) -> PageInfo | None:
        """The page whose body is this Markdown, or None (e.g. a snippet or a unit test)."""
        self._refresh()
        return self._by_digest.get(_digest(body_of(markdown_text)))
