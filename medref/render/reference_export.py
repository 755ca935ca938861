"""Sources to take away: data/references.yml as RIS and BibTeX files for reference managers.

Writes docs/downloads/references.ris and .bib (every reference, linked from the References page) and
docs/downloads/sources/<page>.ris and .bib (the sources each page cites, linked under its Sources
list by medref.render.citations). The files are generated and committed, like includes/abbreviations.md:
run `python -m medref reference-export` after editing data/references.yml or a page's citations (a
unit test fails while they disagree, and reads both formats back with real parsers).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from medref.cited import keys_cited_in_page
from medref.pages import DOWNLOADS_PAGE_DIR, page_slug

OUT_DIR = Path("docs") / "downloads"
ALL_NAME = "references"
PAGE_DIR = DOWNLOADS_PAGE_DIR
SKIP_AUTHORS = ("et al.",)


def _authors(ref) -> list[str]:
    return [a for a in ref.authors if a not in SKIP_AUTHORS]


# data/references.yml writes people as Vancouver does, "Surname Initials[ Suffix]" ("Chavali R",
# "de Vries J", "McConnell CT Jr"); anything else ("National Institute for Health and Care
# Excellence", "NHS website") is an organisation, kept whole.
PERSON_RE = re.compile(r"^(?P<surname>\S.*?) (?P<initials>[A-Z]{1,4})(?: (?P<suffix>Jr|Sr|II|III|IV))?$")


@dataclasses.dataclass(frozen=True)
class Name:
    surname: str          # the whole name for an organisation
    initials: str = ""    # empty for an organisation
    suffix: str = ""

    @property
    def corporate(self) -> bool:
        return not self.initials


def split_name(author: str) -> Name:
    m = PERSON_RE.match(author)
    if m is None:
        return Name(author)
    return Name(m["surname"], m["initials"], m["suffix"] or "")


def ris_author(author: str) -> str:
    """RIS `AU`: "Surname, Initials[, Suffix]"; an organisation as written (no comma to split on)."""
    n = split_name(author)
    return n.surname if n.corporate else ", ".join(part for part in (n.surname, n.initials, n.suffix) if part)


def bibtex_author(author: str) -> str:
    """BibTeX's "von Last, Jr, First" form; an organisation braced, so its "and" does not split it."""
    n = split_name(author)
    if n.corporate:
        return "{" + _bib(n.surname) + "}"
    return ", ".join(_bib(part) for part in (n.surname, n.suffix, n.initials) if part)


def ris_entry(ref) -> str:
    kind = "JOUR" if ref.journal and (ref.doi or ref.volume) else "GEN"
    lines = [f"TY  - {kind}", f"ID  - {ref.key}"]
    lines += [f"AU  - {ris_author(a)}" for a in _authors(ref)]
    lines += [f"PY  - {ref.year}", f"TI  - {ref.title}"]
    for tag, value in (("JO", ref.journal), ("VL", ref.volume), ("IS", ref.issue), ("SP", ref.pages),
                       ("DO", ref.doi), ("AN", ref.pmid), ("UR", ref.link)):
        if value:
            lines.append(f"{tag}  - {value}")
    if ref.funding:
        lines.append(f"N1  - Funding: {ref.funding}")
    lines.append("ER  - ")
    return "\n".join(lines)


def ris_text(refs) -> str:
    return "\n\n".join(ris_entry(r) for r in refs) + "\n"


_BIB_ESCAPE = {"&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "$": r"\$"}


def _bib(value: str) -> str:
    return re.sub(r"[&%#_$]", lambda m: _BIB_ESCAPE[m.group(0)], str(value)).replace("{", "").replace("}", "")


def bibtex_entry(ref) -> str:
    kind = "article" if ref.journal and (ref.doi or ref.volume) else "misc"
    fields = [("author", " and ".join(bibtex_author(a) for a in _authors(ref))), ("title", "{" + _bib(ref.title) + "}"),
              ("journal" if kind == "article" else "howpublished", _bib(ref.journal)), ("year", str(ref.year)),
              ("volume", _bib(ref.volume)), ("number", _bib(ref.issue)), ("pages", _bib(ref.pages)),
              ("doi", ref.doi), ("pmid", ref.pmid), ("url", ref.link), ("note", _bib(f"Funding: {ref.funding}")
                                                                                if ref.funding else "")]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{kind}{{{ref.key},\n{body}\n}}"


def bibtex_text(refs) -> str:
    return "\n\n".join(bibtex_entry(r) for r in refs) + "\n"


def page_keys(docs_dir: Path, data) -> dict[str, list[str]]:
    """Page (relative to docs/) -> the citation keys it uses, in order; pages citing nothing left out.
    `data` is a DataSet (medref.data.dataset)."""
    out = {}
    for path in sorted(Path(docs_dir).rglob("*.md")):
        keys = keys_cited_in_page(path, docs_dir, data)
        if keys:
            out[path.relative_to(docs_dir).as_posix()] = keys
    return out


def expected_files(docs_dir: Path, data) -> dict[Path, str]:
    """Every generated file (relative to docs/downloads/) and its text; `data` is a DataSet."""
    refs = data.references
    files = {Path(f"{ALL_NAME}.ris"): ris_text(refs.values()), Path(f"{ALL_NAME}.bib"): bibtex_text(refs.values())}
    for rel, keys in page_keys(docs_dir, data).items():
        chosen = [refs[k] for k in keys if k in refs]
        slug = page_slug(rel)
        files[Path(PAGE_DIR) / f"{slug}.ris"] = ris_text(chosen)
        files[Path(PAGE_DIR) / f"{slug}.bib"] = bibtex_text(chosen)
    return files
