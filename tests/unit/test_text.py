"""medref.render.text: a data string on a page stays words, whatever it holds (the second line behind
the load-time check). Converted with the site's own Markdown extensions, the output of every payload
has no tag, no event handler and no link other than a safe one; word meanings (<abbr>) still apply."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from xml.etree import ElementTree as etree

import markdown
import pytest

from medref.render import text

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]
ABBREVIATIONS = "\n\n*[CT]: Computed tomography\n*[A&E]: Accident and emergency"
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "&lt;script&gt;alert(3)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(3)&#62;",
    "[more](javascript:alert(4))",
    "[a [b] c](javascript:alert(5))",
    "\\](javascript:alert(6))",
    "[x](data:text/html,alert(7))",
    "text {: onclick=\"alert(8)\" }",
    "![x](https://example.org/x.png)",
    "<https://example.org>",
    "line\n\n<script>alert(9)</script>",
]


def convert(markdown_text: str) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS)
    return md.convert(f"Before {markdown_text} CT and A&E." + ABBREVIATIONS)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def unsafe(html: str) -> list[str]:
    """Elements other than the inline ones Markdown makes, event handlers, links to anywhere unsafe."""
    parser = Tags()
    parser.feed(html)
    problems = []
    for tag, attrs in parser.found:
        if tag not in ("p", "abbr", "em", "strong", "code", "a"):
            problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or (name == "href" and not value.startswith(("https://", "#", "../"))):
                problems.append(f"{name}={value}")
    return problems


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("escape", [text.words, text.inline], ids=["words", "inline"])
def test_no_payload_becomes_markup(payload, escape):
    html = convert(escape(payload))
    assert not unsafe(html), html
    assert html.count("<p>") == 1, html  # one paragraph: no new block


def test_words_render_as_exactly_the_words():
    for value in ("A&E *now* _here_ `code` [x] {y} 1 < 2 > 0 \\ done", "&amp; &lt; &#60;"):
        html = convert(text.words(value))
        shown = re.sub(r"</?abbr[^>]*>", "", html)
        expected = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert f"<p>Before {expected} CT and A&amp;E.</p>" == shown, html


def test_word_meanings_still_apply():
    html = convert(text.words("Seen on CT, go to A&E"))
    assert html.count('<abbr title="Computed tomography">CT</abbr>') == 2, html
    assert html.count('<abbr title="Accident and emergency">A&amp;E</abbr>') == 2, html


def test_inline_keeps_emphasis_and_safe_links():
    html = convert(text.inline("*much* less pain; see [risks](../treatment/risks.md), [NICE](https://www.nice.org.uk)"
                               " and [the list](#warning-signs)"))
    assert "<em>much</em>" in html
    assert '<a href="../treatment/risks.md">risks</a>' in html
    assert '<a href="https://www.nice.org.uk">NICE</a>' in html and '<a href="#warning-signs">the list</a>' in html


def test_literal_is_never_processed():
    md = markdown.Markdown(extensions=EXTENSIONS)
    root = etree.Element("div")
    etree.SubElement(root, "p").text = text.literal("*a* <b> CT")
    md.treeprocessors["inline"].run(root)
    assert md.serializer(root) == "<div><p>*a* &lt;b&gt; CT</p></div>"
