"""medref.render.html_walk: the one walker the prose checks share (reading level, sourced numbers)."""

from __future__ import annotations

from medref.render.html_walk import HtmlWalker


class Recorder(HtmlWalker):
    def __init__(self):
        super().__init__()
        self.events: list[tuple] = []

    def closed(self, element, skipped):
        self.events.append(("closed", element.tag, skipped))

    def text(self, data):
        if data.strip():
            self.events.append(("text", data.strip(), self.skipping()))


def walk(html: str) -> list[tuple]:
    walker = Recorder()
    walker.feed(html)
    return walker.events


def test_skipped_by_tag_or_class_and_inherited_by_children():
    events = walk('<p>Words</p><nav><p>Menu</p></nav><div class="medref-sources"><p>Ref</p></div>')
    assert ("text", "Words", False) in events and ("closed", "p", False) in events
    assert ("text", "Menu", True) in events and ("text", "Ref", True) in events
    assert events.count(("closed", "p", True)) == 2


def test_an_end_tag_closes_what_was_left_open_and_void_tags_are_ignored():
    # </ul> closes the unclosed <li>s with it (only the matched element is reported), and <br> opens nothing.
    events = walk("<ul><li>One<br><li>Two</ul><p>After")
    assert [e for e in events if e[0] == "closed"] == [("closed", "ul", False)]
    assert ("text", "After", False) in events


def test_a_subclass_adds_its_own_skips():
    class NoTables(Recorder):
        SKIP_TAGS = HtmlWalker.SKIP_TAGS | {"table"}

    walker = NoTables()
    walker.feed("<table><tr><td>Cell</td></tr></table>")
    assert ("text", "Cell", True) in walker.events
