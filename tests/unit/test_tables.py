"""medref.render.tables: one builder with declared columns; text from data/ is never markup."""

from __future__ import annotations

from xml.etree import ElementTree as etree

import markdown
from markdown.blockprocessors import BlockProcessor

from medref.render import tables
from medref.render.tables import Column, Markup


def convert(columns, rows, **options) -> str:
    """The table as a page would show it: cells parsed inline, abbreviations marked."""
    class Table(BlockProcessor):
        def test(self, parent, block):
            return block == "TABLE"

        def run(self, parent, blocks):
            blocks.pop(0)
            tables.data_table(parent, columns, rows, **options)

    md = markdown.Markdown(extensions=["abbr"])
    md.parser.blockprocessors.register(Table(md.parser), "table", 100)
    return md.convert("TABLE\n\n*[A&E]: Accident and emergency")


def test_columns_rows_caption_and_row_attributes():
    html = convert([Column("Name", lambda r: r[0]), Column("Count", lambda r: str(r[1]))], [("a", 1), ("b", 2)],
                   css="t", caption="Counts", row_attrs=lambda r: {"id": f"row-{r[0]}"})
    assert html == ('<table class="t"><caption>Counts</caption><thead>\n<tr>\n<th>Name</th>\n<th>Count</th>\n</tr>\n'
                    '</thead>\n<tbody>\n<tr id="row-a">\n<td>a</td>\n<td>1</td>\n</tr>\n<tr id="row-b">\n<td>b</td>\n'
                    '<td>2</td>\n</tr>\n</tbody>\n</table>')


def test_data_text_is_never_html_or_markdown():
    hostile = ('<script>alert(1)</script> <img src=x onerror=alert(1)> **bold** _em_ [link](https://x.example) '
               '`code` ![pic](x.png) <https://auto.example> &amp; &#60;')
    html = convert([Column("Text", lambda r: r)], [hostile])
    cell = html[html.index("<td>") + 4: html.index("</td>")]
    assert cell == ("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; **bold** _em_ "
                    "[link](https://x.example) `code` ![pic](x.png) &lt;https://auto.example&gt; &amp;amp; &amp;#60;")


def test_code_made_markup_passes_and_abbreviations_still_get_their_meaning():
    html = convert([Column("Signs", lambda r: ("Go to A&E *now*", tables.LINE_BREAK, "or call 999", Markup(" **!**")))],
                   [None])
    assert html.count("<td>") == 1
    cell = html[html.index("<td>") + 4: html.index("</td>")]
    assert cell == ('Go to <abbr title="Accident and emergency">A&amp;E</abbr> *now*<br />\n'
                    'or call 999 <strong>!</strong>')
    assert tables.citation(["a", "b"]) == "[@a; @b]" and tables.citation([]) == ""
