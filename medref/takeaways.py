"""What readers take away, made before the site is built: the handouts printed to A4 PDF into
docs/pdf/ and the offline copy zipped into docs/, so every build that follows (`make build`,
`make serve`, the published site, a trust's own copy) carries the files its links point at.

    python -m medref takeaways      (run by `make build`, `make serve`, `make offline`, `make test`)

1. a scratch build of the site (build/takeaways/print/) to print from; each handout is printed with
   Chromium and its sides counted against what its "Download as PDF" link says (HANDOUTS);
2. the offline build (mkdocs.offline.yml), which now holds the PDFs, zipped into
   build/vertebroplasty-kyphoplasty-offline.zip and copied to docs/ (the zip is not in docs/ while
   the offline copy is built, so it never contains itself).

Without Chromium nothing can be printed: the PDFs are removed rather than left stale, the links to
them drop out of the build (medref/render/handouts.py) and this says so once; the offline copy is
still made.
Standard library only (the site's lock file must hold every medref import); MkDocs is run as a
command from the same Python.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from medref import printing
from medref.render.handouts import HANDOUTS, OFFLINE_ZIP

ROOT_NAME = "vertebroplasty-kyphoplasty"  # the folder inside the zip


def mkdocs_build(project: Path, config: str, out: Path) -> None:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", config, "-d", str(out)]
    proc = subprocess.run(cmd, cwd=project, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"`{' '.join(cmd[2:])}` failed:\n{proc.stdout}{proc.stderr}")


def print_handouts(chromium: str, site: Path, docs: Path) -> list[str]:
    """Print each handout from the built `site` into docs/pdf/; returns page-count problems. The
    handouts print side by side: each is one Chromium start, mostly waiting."""
    with printing.serve(site) as base, ThreadPoolExecutor(max_workers=len(HANDOUTS)) as pool:
        urls = [base + "/" + printing.html_path(site, h).relative_to(site).as_posix() for h in HANDOUTS]
        pdfs = list(pool.map(lambda url: printing.print_pdf(chromium, url), urls))
    problems = []
    for handout, pdf in zip(HANDOUTS, pdfs):
        sides = printing.page_count(pdf)
        if sides != handout.pages:
            problems.append(f"docs/{handout.page}: prints on {sides} A4 sides but its link says {handout.pages}; "
                            "shorten the page, or change `pages` in HANDOUTS in medref/render/handouts.py")
        target = docs / handout.pdf_rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf)
    return problems


def zip_folder(folder: Path, archive: Path) -> None:
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                out.write(path, (Path(ROOT_NAME) / path.relative_to(folder)).as_posix())


def make_takeaways(project: Path, chromium: str | None) -> int:
    docs, build = project / "docs", project / "build"
    problems = []
    if chromium:
        printed = build / "takeaways" / "print"
        shutil.rmtree(printed, ignore_errors=True)
        mkdocs_build(project, "mkdocs.yml", printed)
        problems = print_handouts(chromium, printed, docs)
    else:
        for handout in HANDOUTS:
            (docs / handout.pdf_rel).unlink(missing_ok=True)
        print("medref takeaways: no Chromium or Chrome found, so this build has no PDF handouts and leaves "
              "their links out. Install chromium (Debian: bash .ci/system-tools) or set CHROME_PATH, then "
              "build again.", file=sys.stderr)
    offline = build / "offline" / ROOT_NAME
    archive = build / OFFLINE_ZIP
    (docs / OFFLINE_ZIP).unlink(missing_ok=True)
    shutil.rmtree(offline, ignore_errors=True)
    mkdocs_build(project, "mkdocs.offline.yml", offline)
    zip_folder(offline, archive)
    shutil.copyfile(archive, docs / OFFLINE_ZIP)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        made = f"{len(HANDOUTS)} handouts printed to docs/pdf/, " if chromium else ""
        print(f"medref takeaways: {made}offline copy in docs/{OFFLINE_ZIP} and {archive.relative_to(project)}")
    return 1 if problems else 0


def main(project: Path = Path(".")) -> int:
    return make_takeaways(project.resolve(), printing.find_chromium())
