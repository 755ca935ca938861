"""medref: Python-Markdown extensions that turn the facts in data/ into page content.

Both engines (MkDocs and Zensical) run Python-Markdown extensions, so all custom page logic
lives here rather than in MkDocs hooks. `markdown_extensions: [medref]` loads `makeExtension`.
"""


def makeExtension(**kwargs):  # noqa: N802 (name fixed by Python-Markdown)
    # Imported here, not at module level, so `python -m medref.<tool>` does not import its own module
    # twice (once as a package member, once as __main__).
    from medref.extension import MedrefExtension

    return MedrefExtension(**kwargs)
