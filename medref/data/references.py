"""The site's sources: load and check data/references.yml, and format each work in Vancouver style.

Every citation on every page resolves through `load_references`, so a typo in a DOI or a missing
year stops the build here, with the file, the entry and what to do, instead of shipping a broken link.

Run `python -m medref references --uncited docs` to list references that no page cites.
"""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

from medref.data import datafile, plaintext
from medref.data.errors import MedrefDataError

FILENAME = "references.yml"
KEY_RE = re.compile(r"^[a-z0-9-]+$")
# A DOI is printed inside links and JSON-LD: no spaces, quotes or angle brackets.
DOI_RE = re.compile(r"^10\.\d{4,9}/[^\s\"'<>]+$")
PMID_RE = re.compile(r"^\d{1,9}$")
GROUPS = {  # group -> heading on the References page, in page order
    "guidance": "Guidance",
    "trials": "Randomised trials",
    "reviews": "Reviews",
    "complications": "Complication studies",
    "other": "Other",
}
FIELDS = ("key", "group", "authors", "year", "title", "journal", "volume", "issue", "pages",
          "doi", "pmid", "url", "funding", "company", "note")
MAX_AUTHORS = 6  # Vancouver: list six, then "et al."
# Characters per field (medref.data.plaintext); `url` must also be an https:// address.
LIMITS = {"title": 600, "journal": 200, "authors": 120, "funding": 300, "url": 500, "volume": 20, "issue": 20,
          "pages": 30, "doi": 200, "pmid": 12, "key": 60, "group": 20}
# Readers weigh a trial or review by who paid for it, so every one must say; a work whose funder
# we could not find says so in words rather than leaving the field out by accident.
FUNDING_REQUIRED = ("trials", "reviews")
NOT_STATED = "not stated"
NOT_STATED_TEXT = "not stated in the sources we checked"
# The paper has a funding statement but no copy we could read showed it: say that, not "not stated".
NOT_CONFIRMED = "not confirmed"
NOT_CONFIRMED_TEXT = "not confirmed: the paper's funding statement was not in the copies we could read"
UNKNOWN_FUNDING = {NOT_STATED: NOT_STATED_TEXT, NOT_CONFIRMED: NOT_CONFIRMED_TEXT}


class ReferenceDataError(MedrefDataError):
    """data/references.yml is malformed; the message lists every problem and how to fix it."""


@dataclasses.dataclass(frozen=True)
class Reference:
    key: str
    group: str
    title: str
    year: int
    authors: tuple[str, ...] = ()
    journal: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    url: str = ""
    funding: str = ""
    # The company (or companies) that paid for the work, as the funding names them. A page that cites
    # the work must name one of them in its own text, not only in Sources (medref.render.funding_disclosure).
    company: tuple[str, ...] = ()
    note: str = ""  # for editors; not shown on pages

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self) -> str:
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""

    @property
    def link(self) -> str:
        """The best single URL for the work: DOI, then PubMed, then its web address."""
        return self.doi_url or self.pubmed_url or self.url

    def vancouver_text(self) -> str:
        """Plain-text Vancouver citation without the links (used in tooltips and tests)."""
        return " ".join(part for part in self._vancouver_parts() if part)

    def _vancouver_parts(self) -> tuple[str, str, str]:
        """(authors, title, source) of the Vancouver citation, each ending in a full stop."""
        authors = ""
        if self.authors:
            names = list(self.authors)
            if len(names) > MAX_AUTHORS and names[-1] != "et al.":
                names = names[:MAX_AUTHORS] + ["et al."]
            authors = _end(", ".join(names))
        parts = [authors]
        parts.append(_end(self.title))
        source = ""
        if self.journal:
            source = f"{_end(self.journal)} {self.year}"
            if self.volume:
                source += f";{self.volume}"
            if self.issue:
                source += f"({self.issue})"
            if self.pages:
                source += f":{self.pages}"
            source += "."
        else:
            source = f"{self.year}."
        parts.append(source)
        return tuple(parts)

    def vancouver_html(self) -> str:
        """Vancouver citation as HTML, with DOI, PubMed and (if neither) web links."""
        authors, title, source = (html.escape(part) for part in self._vancouver_parts())
        # The title in its own span: a printout short of room (the quick reference) can leave it out.
        if self.journal:  # a guideline or web page keeps its title: it is how it is known
            title = f'<span class="medref-ref-title">{title}</span>'
        out = [part for part in (authors, title, source) if part]
        if self.doi:
            out.append(f'doi:<a href="{html.escape(self.doi_url)}">{html.escape(self.doi)}</a>.')
        if self.pmid:  # its own span: a printout short of room keeps the DOI and drops this
            pubmed = f'PubMed: <a href="{self.pubmed_url}">{self.pmid}</a>.'
            out.append(f'<span class="medref-pmid">{pubmed}</span>' if self.doi else pubmed)
        if self.url and not self.doi:
            out.append(f'Available from: <a href="{html.escape(self.url)}">{html.escape(self.url)}</a>.')
        if self.funding:
            unknown = self.funding in UNKNOWN_FUNDING
            funding = UNKNOWN_FUNDING.get(self.funding, self.funding)
            css = "medref-funding medref-funding-unknown" if unknown else "medref-funding"
            out.append(f'<span class="{css}">Funding: {html.escape(_end(funding))}</span>')
        return " ".join(out)


def _end(text: str) -> str:
    """Text ending in a full stop (unless it already ends in punctuation)."""
    text = str(text).strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _entry_problems(where: str, entry: dict) -> list[str]:
    problems = datafile.unknown_fields(where, entry, FIELDS) + plaintext.entry_problems(where, entry, LIMITS)
    key = entry.get("key")
    if not isinstance(key, str) or not KEY_RE.match(key):
        problems.append(f"{where}: 'key' {key!r} must be lower-case letters, digits and hyphens, "
                        "e.g. buchbinder2009")
    group = entry.get("group")
    if group not in GROUPS:
        problems.append(f"{where}: 'group' {group!r} must be one of {', '.join(GROUPS)}")
    year = entry.get("year")
    if year in (None, ""):
        problems.append(f"{where}: missing 'year'; add the year of publication, e.g. year: 2009")
    elif isinstance(year, bool) or not isinstance(year, int) or not 1800 <= year <= 2100:
        problems.append(f"{where}: 'year' {year!r} must be a four-digit year, e.g. year: 2009")
    if not _text(entry.get("title")):
        problems.append(f"{where}: missing 'title'; add the work's title as published")
    authors = entry.get("authors", [])
    if authors is not None and (not isinstance(authors, list) or not all(isinstance(a, str) for a in authors)):
        problems.append(f"{where}: 'authors' must be a list of names, e.g. [Buchbinder R, Osborne RH]")
    doi = _text(entry.get("doi"))
    if doi and not DOI_RE.match(doi):
        problems.append(f"{where}: 'doi' {doi!r} is not a DOI; write it like 10.1056/NEJMoa0900429 "
                        "(no https://doi.org/ prefix), or remove it")
    pmid = _text(entry.get("pmid"))
    if pmid and not PMID_RE.match(pmid):
        problems.append(f"{where}: 'pmid' {pmid!r} is not a PubMed ID; it must be digits only, "
                        "e.g. 19657121, or remove it")
    url = _text(entry.get("url"))  # checked by plaintext.entry_problems: an https:// address, nothing else
    if group in FUNDING_REQUIRED and not _text(entry.get("funding")):
        problems.append(f"{where}: missing 'funding'; every {group[:-1]} says who paid for it, e.g. "
                        f"funding: \"Medtronic\", or funding: \"{NOT_STATED}\" if no source we checked says")
    company = entry.get("company")
    if company is not None:
        names = company if isinstance(company, list) else [company]
        if not names or not all(isinstance(n, str) and n.strip() for n in names):
            problems.append(f"{where}: 'company' must be the name of the company that paid, or a list of names")
        else:
            funding = _text(entry.get("funding"))
            named = [n for n in names if n.strip() in funding]
            if not named:
                problems.append(f"{where}: 'company' {names} is not named in 'funding'; the funding line readers "
                                "see must name the company that paid")
    if not (doi or pmid or url):
        problems.append(f"{where}: no 'doi', 'pmid' or 'url'; add at least one so readers can find the work")
    return problems


def _make_reference(entry: dict) -> Reference:
    return Reference(
        key=entry["key"], group=entry["group"], title=_text(entry["title"]), year=entry["year"],
        authors=tuple(entry.get("authors") or ()),
        company=tuple(n.strip() for n in ([entry["company"]] if isinstance(entry.get("company"), str)
                                          else entry.get("company") or ())),
        **{f: _text(entry.get(f)) for f in ("journal", "volume", "issue", "pages", "doi", "pmid",
                                             "url", "funding", "note")},
    )


def parse_references(data, source: str) -> dict[str, Reference]:
    """Check the parsed YAML (a list of mappings) and build Reference objects; `source` names the file."""
    return datafile.parse_keyed(data, source, ReferenceDataError, noun="reference", check=_entry_problems,
                                build=_make_reference, id_field="key",
                                duplicate="an earlier entry has it; merge the two entries or give this one a "
                                          "different key")


def load_references(data_dir: str | Path) -> dict[str, Reference]:
    """All references keyed by citation key, checked. A build reads them once, through
    medref.data.dataset.DataSet; this reads the file afresh (tools and tests)."""
    path = datafile.require(Path(data_dir) / FILENAME, ReferenceDataError, "Citation keys")
    return datafile.load_yaml(path, lambda data: parse_references(data, str(path)), ReferenceDataError)


def unknown_keys(where: str, keys, known) -> list[str]:
    """One problem per key not in references.yml, in the same words for every data file that cites."""
    return [f"{where}: source '{key}' is not in {FILENAME}; add it there or fix the key"
            for key in keys if key not in known]


def sources_problems(where: str, sources, known, example: str) -> list[str]:
    """A `sources:` field: absent is fine; otherwise a list of keys, each in references.yml."""
    if sources is None:
        return []
    if not isinstance(sources, list) or not all(isinstance(key, str) for key in sources):
        return [f"{where}: 'sources' must be a list of citation keys from {FILENAME}, e.g. [{example}]"]
    return unknown_keys(where, sources, known)


def load_citing(data_dir: str | Path, filename: str, parse, error: type[Exception], section: str,
                refs: dict[str, Reference] | None = None):
    """`parse(data, source, reference keys)` for a data file whose entries cite references (risks,
    trials, urgent care), checked against `refs` (the references already read; read here if None).
    A missing file raises `error`, pointing at the AUTHORING.md section that explains the file."""
    path = datafile.require(Path(data_dir) / filename, error, section)
    known = set(load_references(data_dir) if refs is None else refs)
    return datafile.load_yaml(path, lambda data: parse(data, str(path), known), error)
