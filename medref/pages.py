"""Which page is being rendered: its source file, front matter and public URL.

Each engine tells a Python-Markdown extension which file it is converting, through a processor
it registers on the Markdown instance before any processor runs (read it inside `run()`):

| engine       | where                                          | the page's source path |
| ------------ | ---------------------------------------------- | ---------------------- |
| MkDocs 1.6   | `md.treeprocessors["relpath"].file`            | `.src_uri`             |
| Zensical     | `md.preprocessors["rendering_context"].page`   | `.path`                |

Only without either (a unit test, a bare `markdown.markdown()` call) do we fall back to matching
the Markdown body against the files in docs_dir. Knowing the page lets errors name the file and
lets generated content (source counts, review box, JSON-LD) use the page's front matter.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from medref.data.front_matter import read_front_matter, split_front_matter


@dataclasses.dataclass(frozen=True)
class PageInfo:
    path: Path          # e.g. docs/treatment/risks.md
    rel: str            # e.g. treatment/risks.md
    meta: dict
    url: str            # site-relative URL with directory URLs, e.g. "treatment/risks/" ("" for home)


def body_of(text: str) -> str:
    """Markdown after the front matter, normalised the way both engines hand it to Markdown."""
    return split_front_matter(text)[1].strip()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---- source file <-> URL: the one place that knows both URL styles (directory URLs, and the offline
# build's name.html) ------------------------------------------------------------------------------

def stem_of(rel: str) -> str:
    """'treatment/risks.md' -> 'treatment/risks' (a source path without .md)."""
    return rel[:-3] if rel.endswith(".md") else rel


def url_for(rel: str) -> str:
    """Directory-style URL of a page: index.md -> "", a/b.md -> "a/b/", a/index.md -> "a/"."""
    stem = stem_of(rel)
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def source_for(url_path: str, docs_dir: Path) -> Path | None:
    """The Markdown file a built page came from: "/treatment/risks/", "treatment/risks/index.html" or
    "treatment/risks.html" -> docs/treatment/risks.md (or .../risks/index.md); None if there is none."""
    stem = url_path.strip("/")
    for suffix in ("index.html", ".html"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)].rstrip("/")
            break
    candidates = [docs_dir / f"{stem}.md", docs_dir / stem / "index.md"] if stem else [docs_dir / "index.md"]
    return next((c for c in candidates if c.is_file()), None)


DOWNLOADS_PAGE_DIR = "sources"  # docs/downloads/sources/<slug>.ris and .bib: one page's sources


def page_slug(rel: str) -> str:
    """A page's name for its reference-manager files: 'treatment/risks.md' -> 'treatment-risks';
    'index.md' -> 'home'."""
    stem = stem_of(rel)
    return "home" if stem == "index" else stem.replace("/", "-")


def html_for(rel: str, site_dir: Path) -> Path | None:
    """The built HTML file of the source page `rel`, whichever URL style the build used."""
    stem = stem_of(rel)
    return next((c for c in (site_dir / stem / "index.html", site_dir / f"{stem}.html") if c.is_file()), None)


class UnknownPage(Exception):
    """The engine names a page that is not under docs_dir: the build cannot say which page it is."""


def engine_source_path(md) -> str | None:
    """The source path the engine says it is converting (see the table above), or None."""
    if "relpath" in md.treeprocessors:  # MkDocs
        src_uri = getattr(getattr(md.treeprocessors["relpath"], "file", None), "src_uri", None)
        if src_uri:
            return str(src_uri)
    if "rendering_context" in md.preprocessors:  # Zensical
        path = getattr(getattr(md.preprocessors["rendering_context"], "page", None), "path", None)
        if path:
            return str(path)
    return None


def page_from_engine(md, docs_dir: str | Path) -> PageInfo | None:
    """PageInfo for the page the engine is converting; None when no engine says (unit tests).

    Raises UnknownPage, naming the path, when the engine's page is not a file under docs_dir."""
    source = engine_source_path(md)
    if source is None:
        return None
    docs = Path(docs_dir)
    path = Path(source)
    if path.is_absolute():
        try:
            path = path.resolve().relative_to(docs.resolve())
        except ValueError:
            raise UnknownPage(f"{source}: the engine is converting a page outside {docs}/; "
                              f"set medref's docs_dir to the folder that holds it") from None
    rel = path.as_posix()
    full = docs / rel
    if not full.is_file():
        raise UnknownPage(f"{docs / rel}: the engine is converting this page but medref cannot read it; "
                          f"check medref's docs_dir in mkdocs.yml (now '{docs}')")
    try:
        meta = read_front_matter(full)
    except Exception:  # the front-matter check reports it with a clear message
        meta = {}
    return PageInfo(path=full, rel=rel, meta=meta, url=url_for(rel))


class PageIndex:
    """Body digest -> PageInfo for every page under docs_dir, rebuilt when a file changes.

    Only the fallback for conversions no engine names (unit tests): a build never reads it."""

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
