"""medref.render.directives: a `[[name:arg]]` line is found wherever a block can stand (never in code), and
errors name the page and line."""

from __future__ import annotations

import markdown

from medref.render.directives import DirectiveProcessor, line_of, page_name, where
from medref.pages import PageInfo


class Echo(DirectiveProcessor):
    NAMES = ("echo",)

    def render(self, parent, name, arg, line_text):
        el = parent.makeelement("p", {"class": "echo"})
        el.text = f"{name}:{arg}"
        parent.append(el)


class FakeExtension:
    """Just what a directive reads from the extension."""

    def __init__(self, md):
        self.md, self.page = md, None

    def getConfig(self, key):  # noqa: N802 (Python-Markdown's name)
        return "data"


def convert(text: str) -> str:
    md = markdown.Markdown(extensions=["admonition", "fenced_code"])
    md.parser.blockprocessors.register(Echo(FakeExtension(md)), "echo", 80)
    return md.convert(text)


def test_directive_on_its_own_line_between_text():
    html = convert("Before\n[[echo:one]]\nAfter\n")
    assert '<p class="echo">echo:one</p>' in html and "<p>Before</p>" in html and "<p>After</p>" in html


def test_directive_inside_an_admonition_but_not_in_code():
    html = convert('!!! note "N"\n\n    [[echo]]\n\n```\n[[echo:code]]\n```\n\n    [[echo:indented]]\n')
    assert '<p class="echo">echo:</p>' in html
    assert "[[echo:code]]" in html and "[[echo:indented]]" in html


def test_errors_name_the_page_and_line(tmp_path):
    path = tmp_path / "page.md"
    path.write_text("# T\n\nText\n[[echo:x]]\n", encoding="utf-8")
    page = PageInfo(path=path, rel="treatment/page.md", meta={}, url="treatment/page/")
    assert line_of(page, "[[echo:x]]") == 4
    assert where(page, "[[echo:x]]") == "treatment/page.md, line 4"
    assert where(page, "not there") == "treatment/page.md"
    assert page_name(None).startswith("<text not from a docs page")
