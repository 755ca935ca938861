"""Write the comparison site for `make bench`: what a reader's alternative looks like.

A default Material site with one page per seed text in ../shared/seeds/ (Material's defaults, no
custom CSS, JS, overrides or extensions), so `make bench` can measure ours against it in one run.
Usage: python bench/default_site.py <seeds dir> <out dir>   (then: mkdocs build -f <out dir>/mkdocs.yml)
"""

import pathlib
import sys

CONFIG = """site_name: Default Material
theme:
  name: material
plugins:
  - search
"""


def to_markdown(text: str) -> str:
    """Plain seed text as Markdown: the first line a title, short unpunctuated lines headings."""
    lines = [line.strip() for line in text.splitlines()]
    out, title_done = [], False
    for line in lines:
        if not line:
            out.append("")
        elif not title_done:
            out.append(f"# {line}\n")
            title_done = True
        elif len(line) < 60 and line[-1] not in ".,;:" and line[0].isupper() and not out[-1]:
            out.append(f"## {line}\n")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def main(seeds: pathlib.Path, out: pathlib.Path) -> None:
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for old in docs.glob("*.md"):
        old.unlink()
    for number, seed in enumerate(sorted(seeds.glob("*.txt"))):
        name = "index.md" if number == 0 else f"seed-{number}.md"
        (docs / name).write_text(to_markdown(seed.read_text(encoding="utf-8", errors="replace")), encoding="utf-8")
    (out / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python bench/default_site.py <seeds dir> <out dir>")
    main(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))
