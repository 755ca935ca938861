"""medref: Python-Markdown extensions that turn the facts in data/ into page content.

Both engines (MkDocs and Zensical) run Python-Markdown extensions, so all custom page logic
lives here rather than in MkDocs hooks. `markdown_extensions: [medref]` loads `makeExtension`.
"""

from medref.extension import MedrefExtension


def makeExtension(**kwargs):  # noqa: N802 (name fixed by Python-Markdown)
    return MedrefExtension(**kwargs)
