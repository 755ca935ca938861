"""Data strings on a page: words stay words. Every renderer that puts text from data/ (or front
matter) into a page goes through one of these two, so no field can reach the page as HTML or script.

- `words(text)`: for a field shown as plain words (a name, a label, a heading, a table cell). Returns
  Markdown that Python-Markdown renders as exactly `text`: every character its inline processors would
  act on is escaped (`<` and `&` as character references, `*`, `_`, `` ` ``, `[`, `]`, `{`, `}` and `\\`
  with a backslash), and line breaks become spaces.
- `inline(text)`: for a field whose words may carry inline Markdown (medref.data.plaintext.MARKDOWN_FIELDS:
  emphasis, a link to a page). Raw HTML is switched off for it (`<` and character references are
  escaped, so neither the html nor the entity processor ever sees one), attribute lists are escaped,
  and a link whose target is not https://, a relative page link or an #anchor is shown as text.

Why Markdown escaping rather than `markdown.util.AtomicString`: an AtomicString is skipped by every
inline processor, the abbreviation processor included, so the word meanings (<abbr> tooltips on "CT",
"GP", "A&E") would vanish from tables and urgent-care lists. The escaped text is still processed, so
abbreviations are still marked, and nothing else can match. `literal(text)` is the AtomicString form,
for text that must not be touched at all (it gets no word meanings).

The loaders already refuse markup in data (medref.data.plaintext); this is the second line.
"""

from __future__ import annotations

import re

from markdown.util import AtomicString

from medref.data.plaintext import LINK_TARGET_RE, allowed_link

_BACKSLASHED = "\\`*_[]{}"
_WHITESPACE_WITH_BREAK = re.compile(r"\s*\n\s*")
_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")  # `&amp;`, `&#60;`: the entity processor's input


def _break_free(text: str) -> str:
    """One line: a data string cannot start a new block or force a line break."""
    return _WHITESPACE_WITH_BREAK.sub(" ", str(text))


def words(text: str) -> str:
    """Markdown that renders as exactly `text` (see the module docstring)."""
    out = []
    for char in _ENTITY_START.sub("&amp;", _break_free(text)):
        if char in _BACKSLASHED:
            out.append("\\" + char)
        elif char == "<":
            out.append("&lt;")
        else:
            out.append(char)
    return "".join(out)


def inline(text: str) -> str:
    """Inline Markdown from data with raw HTML off: emphasis and safe links work, nothing else does."""
    text = _break_free(text).replace("\\", "\\\\")  # a backslash in data is a backslash, never an escape
    text = _ENTITY_START.sub("&amp;", text).replace("<", "&lt;")
    text = text.replace("{", "\\{").replace("}", "\\}").replace("![", "!\\[")  # no attributes, no pictures

    def link(match: re.Match) -> str:  # a link to anywhere else is shown as text, not followed
        return match.group(0) if allowed_link(match.group(1)) else "\\" + match.group(0)

    return LINK_TARGET_RE.sub(link, text)


def literal(text: str) -> AtomicString:
    """`text` untouched by every inline and abbreviation processor; the serializer escapes it."""
    return AtomicString(_break_free(text))
