"""The built-HTML guard: what could run script on a built page, found by reading the page.

The second line behind the load-time check of data and front matter (medref.data.plaintext): if
markup ever reaches a page anyway, this fails the site tests (tests/site/test_html_guard.py), naming
the page and its Markdown source. A page is refused for:

- a `<script>` that is neither one of the site's or theme's own files (a same-origin `src` under
  assets/javascripts/ or search/) nor an inline script whose SHA-256 is allowed (the theme's inline
  scripts: the same hashes the Content-Security-Policy in mkdocs.yml allows); JSON and JSON-LD blocks are
  data, not script, and are allowed when they cannot end their own element early;
- any `on...=` attribute (an event handler) on any element;
- a `javascript:`, `vbscript:` or `data:` URL in `href`, `src`, `action`, `formaction`, `xlink:href`,
  `poster` or `srcset`;
- `<object>`, `<embed>`, `<iframe>`, `<frame>` and `<base>`, which nothing on the site uses.

`script_hashes()` and `policy()` also serve the CSP test and `python -m medref csp-hashes SITE`.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from html.parser import HTMLParser

DATA_SCRIPT_TYPES = ("application/json", "application/ld+json")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset")
BAD_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.I)
# A same-origin script file of the site or the theme: a relative path, or (the 404 page) a path from the
# site's root; never a scheme or a //host.
ALLOWED_SRC = re.compile(r"^(?:(?:\.\./|\./)*|/(?:[A-Za-z0-9_.-]+/)*)(?:assets/javascripts/|search/)"
                         r"[A-Za-z0-9_./-]+\.js(?:\?[\w.=&-]*)?$")
FORBIDDEN_TAGS = ("object", "embed", "iframe", "frame", "base")


def sha256(script: str) -> str:
    """The CSP source expression for an inline script's text: 'sha256-<base64>'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


@dataclasses.dataclass(frozen=True)
class Script:
    attrs: dict
    text: str
    line: int

    @property
    def inline(self) -> bool:
        return "src" not in self.attrs

    @property
    def is_data(self) -> bool:
        return (self.attrs.get("type") or "").strip().lower() in DATA_SCRIPT_TYPES


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[Script] = []
        self.problems: list[str] = []
        self.csp: list[str] = []
        self._open: tuple[dict, list[str], int] | None = None

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(values.get("content") or "")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"line {line}: a <{tag}> element; nothing on this site needs one")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"line {line}: <{tag} {name}=...>: an event handler attribute runs script")
            elif name.lower() in URL_ATTRIBUTES and value and BAD_SCHEMES.match(value):
                self.problems.append(f"line {line}: <{tag} {name}=\"{value[:60]}\">: a "
                                     f"{BAD_SCHEMES.match(value).group(1).lower()}: URL")
        if tag == "script":
            self._open = (values, [], line)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script" and self._open is not None:
            self.handle_endtag("script")

    def handle_data(self, data):
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            attrs, parts, line = self._open
            self.scripts.append(Script(attrs, "".join(parts), line))
            self._open = None


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def script_hashes(html: str) -> list[str]:
    """The 'sha256-...' of every executable inline script on a page, in order."""
    return [sha256(s.text) for s in read(html).scripts if s.inline and not s.is_data]


def policy(html: str) -> dict[str, list[str]]:
    """The page's Content-Security-Policy (from its <meta>) as {directive: [sources]}; {} if it has none."""
    reader = read(html)
    if not reader.csp:
        return {}
    directives: dict[str, list[str]] = {}
    for part in reader.csp[0].split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def guard_problems(html: str, allowed_hashes: set[str]) -> list[str]:
    """Everything on a page that could run script it was not built to run (see the module docstring)."""
    reader = read(html)
    problems = list(reader.problems)
    for script in reader.scripts:
        if not script.inline:
            src = script.attrs.get("src") or ""
            if not ALLOWED_SRC.match(src):
                problems.append(f"line {script.line}: <script src=\"{src[:80]}\"> is not one of the site's own "
                                "script files (assets/javascripts/...)")
        elif script.is_data:
            if "</" in script.text or "<!--" in script.text:
                problems.append(f"line {script.line}: a {script.attrs.get('type')} block holds '</' or '<!--', "
                                "which can end it early")
        elif sha256(script.text) not in allowed_hashes:
            problems.append(f"line {script.line}: an inline script that is not one of the theme's "
                            f"({sha256(script.text)}: {script.text[:60]!r})")
    return problems
