"""medref: Python-Markdown extensions that turn the facts in data/ into page content.

Both engines (MkDocs and Zensical) run Python-Markdown extensions, so all custom page logic
lives here rather than in MkDocs hooks. `markdown_extensions: [medref]` loads `makeExtension`.
The chores (front-matter check, glossary, reference export, handouts...) are `python -m medref`.
"""


def makeExtension(**kwargs):  # noqa: N802 (name fixed by Python-Markdown)
    # Imported on use: `python -m medref` and the data modules need no Markdown.
    from medref.extension import MedrefExtension

    return MedrefExtension(**kwargs)
