"""The single Markdown extension that wires medref's preprocessors into a page build."""

from markdown.extensions import Extension


class MedrefExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "data_dir": ["data", "Folder holding references.yml, risks.yml and glossary.yml"],
            "docs_dir": ["docs", "Folder of the Markdown pages (used to name files in errors)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802
        md.registerExtension(self)
