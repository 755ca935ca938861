"""Data is words, not markup: the one check every text field of every data file (and a page's
front-matter title and description) passes when it is loaded.

A data string reaches pages as text. Nothing in it may become HTML or script there, whichever
renderer, template or search index handles it later, so each string is refused when it holds:

- `<` or `>`, also when written as a character reference that decodes to one (`&lt;`, `&#60;`,
  `&amp;lt;` ...): a tag, an event handler or a comparison sign all start this way;
- `{` or `}`: Python-Markdown's attribute lists (`{: onclick=...}`) would set attributes;
- a control character (other than a tab or a line break) or a right-to-left override, which can
  hide what a string says from the person reviewing it;
- a link whose target is not `https://...`, a relative page link (`../treatment/risks.md`, with an
  optional `#anchor`) or an `#anchor`; a picture (`![...](...)`) anywhere; a link at all in a field
  that is shown as plain words;
- more characters than its field allows (a glossary meaning is one or two short sentences: a very
  long one swells the search index every reader downloads).

Each problem is one message naming the file, the entry, the field and the fix. The renderer escapes
these strings as well (medref.render.text): this check is the first line, that is the second.
"""

from __future__ import annotations

import html
import re
import unicodedata

DEFAULT_LIMIT = 200        # characters, for a field with no limit of its own
NOTE_LIMIT = 2000          # editors' notes: never shown, but still plain words
# Fields whose words may carry inline Markdown (emphasis, a link to a page); every other field is
# shown as plain words, so Markdown there would show as literal brackets.
MARKDOWN_FIELDS = frozenset({"meaning", "text", "clinical", "sentence", "result", "population", "summary",
                             "off_chart"})
URL_FIELDS = frozenset({"url"})
# Characters that change how text is shown without being seen: right-to-left overrides and isolates.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# A link's target is whatever follows `](` (found from there, so nested brackets in the link text,
# which Python-Markdown accepts, cannot hide one); a picture starts with `![`.
LINK_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]*)")
IMAGE_RE = re.compile(r"!\[")
REFERENCE_DEFINITION_RE = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+)", re.M)  # [label]: target
PAGE_LINK_RE = re.compile(r"^(?:\.\./|\./)*[A-Za-z0-9_-][A-Za-z0-9_./-]*\.md(?:#[A-Za-z0-9_-]+)?$")
ANCHOR_RE = re.compile(r"^#[A-Za-z0-9_-]+$")
HTTPS_RE = re.compile(r"^https://[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][^\s\"'<>\\^`{|}]*)?$")


def decoded(text: str, rounds: int = 10) -> str:
    """`text` with character references decoded, again and again (so `&amp;lt;` counts as `<`)."""
    for _ in range(rounds):
        plain = html.unescape(text)
        if plain == text:
            break
        text = plain
    return text


def allowed_link(target: str) -> bool:
    """True for the link targets a data string may use: https://, a relative page link, an #anchor."""
    return bool(HTTPS_RE.match(target) or PAGE_LINK_RE.match(target) or ANCHOR_RE.match(target))


def _control(char: str) -> bool:
    return (unicodedata.category(char) == "Cc" and char not in "\t\n") or char in BIDI_CONTROLS


def text_problems(value: str, field: str, limit: int | None = None) -> list[str]:
    """What is wrong with one data string (each a phrase ending in its fix); [] when it is words."""
    problems = []
    limit = limit or (NOTE_LIMIT if field == "note" else DEFAULT_LIMIT)
    if len(value) > limit:
        problems.append(f"is {len(value):,} characters, more than the {limit:,} this field allows; shorten it")
    plain = decoded(value)
    signs = [sign for sign in "<>" if sign in plain]
    if signs:
        how = "" if all(sign in value for sign in signs) else " (written as a character reference)"
        problems.append(f"contains {' and '.join(repr(sign) for sign in signs)}{how}; data is plain words, not HTML: "
                        "remove any tag, and write 'less than' or 'more than' for a comparison")
    if "{" in plain or "}" in plain:
        problems.append("contains '{' or '}'; use round brackets (curly ones set HTML attributes in Markdown)")
    bad = sorted({f"U+{ord(c):04X}" for c in plain if _control(c)})
    if bad:
        problems.append(f"contains the invisible control character(s) {', '.join(bad)}; retype the text "
                        "without them")
    if field in URL_FIELDS:
        if not HTTPS_RE.match(value):
            problems.append("must be a web address starting with https:// with no spaces, quotes or "
                            "angle brackets; copy it from the browser's address bar")
        return problems
    if IMAGE_RE.search(plain):
        problems.append("contains a picture ('![...](...)'); data files hold words only")
    for target in LINK_TARGET_RE.findall(plain) + REFERENCE_DEFINITION_RE.findall(plain):
        if field not in MARKDOWN_FIELDS:
            problems.append(f"contains a link ('[...]({target})'); this field is shown as plain words, "
                            "so write the words without the link")
        elif not allowed_link(target):
            problems.append(f"links to '{target}'; a link in data may only go to an https:// address, "
                            "a page of this site (e.g. ../treatment/risks.md) or an #anchor")
    return problems


def value_problems(where: str, value, limits: dict[str, int], field: str = "") -> list[str]:
    """Every string inside `value` (a field's value: text, a list or a mapping) checked, each problem
    as '<where>: '<field>' <problem>'. Nested fields are named by their path ('arms 2: label')."""
    if isinstance(value, str):
        name = field.rsplit(": ", 1)[-1].split(" ")[0] if field else ""
        return [f"{where}: '{field}' {problem}" for problem in text_problems(value, name, limits.get(name))]
    if isinstance(value, dict):
        found = []
        for key, item in value.items():  # the keys are field names, checked by each loader
            found += value_problems(where, item, limits, f"{field}: {key}" if field else str(key))
        return found
    if isinstance(value, list):
        found = []
        for number, item in enumerate(value, start=1):
            label = f"{field} {number}" if isinstance(item, dict) else field
            found += value_problems(where, item, limits, label)
        return found
    return []


def entry_problems(where: str, entry: dict, limits: dict[str, int]) -> list[str]:
    """Every text field of one data-file entry (nested fields too) checked: words, not markup."""
    return value_problems(where, entry, limits) if isinstance(entry, dict) else []
