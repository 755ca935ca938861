"""`python -m medref COMMAND`: one subcommand per chore (the library modules are never run as scripts).

    front-matter [DOCS]                 check every page's front matter and review dates (make build)
    literature-watch [--data DATA] [--docs DOCS] [--today YYYY-MM-DD]
                                        check data/literature-watch.yml: a question last searched more
                                        than 12 months ago stops the build, like a review date
    references [--uncited DOCS] [--data DATA]
                                        check data/references.yml; with --uncited, list keys no page cites
    glossary [DATA] [OUT]               write includes/abbreviations.md from data/glossary.yml
    reference-export                    write the RIS and BibTeX files in docs/downloads/
    reading-level [SITE] [DOCS]         reading level of every built page

The handouts' PDFs are printed by scripts/print_handouts.py (make handouts): it needs test tools
that the site's build never installs.

Each returns 0 when all is well; problems go to stderr, naming the file and what to do.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from medref.data import changes, front_matter, glossary, literature_watch, references, risks, trials, urgent
from medref.render import reading_level, reference_export
from medref.cited import keys_cited_in_docs


def cmd_front_matter(args) -> int:
    problems = front_matter.check_docs(args.docs)
    for line in problems:
        print(f"front matter: {line}", file=sys.stderr)
    if problems:
        print(f"front matter: {len(problems)} problem(s); the build stops here.", file=sys.stderr)
        return 1
    return 0


def cmd_literature_watch(args) -> int:
    questions = literature_watch.load_watch(args.data, args.docs)
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    problems = literature_watch.stale(questions, today)
    for line in problems:
        print(f"literature watch: {line}", file=sys.stderr)
    if problems:
        print(f"literature watch: {len(problems)} question(s) overdue for a search; the build stops here.",
              file=sys.stderr)
        return 1
    oldest, _ = literature_watch.searched_between(questions)
    print(f"literature watch: {len(questions)} questions, all searched since {oldest}")
    return 0


def cmd_references(args) -> int:
    refs = references.load_references(args.data)
    if not args.uncited:
        print(f"{len(refs)} references, all valid")
        return 0
    cited = keys_cited_in_docs(args.uncited, args.data)
    uncited = [key for key in refs if key not in cited]
    for key in uncited:
        print(key)
    if uncited:
        print(f"{len(uncited)} reference(s) in {Path(args.data) / references.FILENAME} are cited by no page in "
              f"{args.uncited}; cite them or remove them", file=sys.stderr)
        return 1
    return 0


def cmd_glossary(args) -> int:
    terms = glossary.load_glossary(args.data)
    if not terms:
        print(f"{args.data / glossary.FILENAME}: no terms found; nothing written", file=sys.stderr)
        return 1
    args.out.write_text(glossary.abbreviations_text(terms), encoding="utf-8")
    print(f"wrote {args.out} ({sum(1 for t in terms if t.abbr)} abbreviations from {len(terms)} terms)")
    return 0


def cmd_reference_export(args) -> int:
    out = args.docs / "downloads"
    files = reference_export.expected_files(args.docs, args.data)
    for old in out.rglob("*"):
        if old.is_file() and old.suffix in (".ris", ".bib") and old.relative_to(out) not in files:
            old.unlink()
    for rel, text in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files in {out} (RIS and BibTeX: all references, and each page's sources)")
    return 0


def cmd_reading_level(args) -> int:
    print(reading_level.format_table(reading_level.site_table(args.site, args.docs)))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m medref", description="medref's chores, one per command")
    sub = top.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("front-matter", help="check front matter and review dates")
    cmd.add_argument("docs", nargs="?", type=Path, default=Path("docs"))
    cmd.set_defaults(run=cmd_front_matter)
    cmd = sub.add_parser("literature-watch", help="fail when a question's last search is over 12 months old")
    cmd.add_argument("--data", type=Path, default=Path("data"))
    cmd.add_argument("--docs", type=Path, default=Path("docs"))
    cmd.add_argument("--today", help="check as if it were this day (YYYY-MM-DD); default: today")
    cmd.set_defaults(run=cmd_literature_watch)
    cmd = sub.add_parser("references", help="check data/references.yml; --uncited lists keys no page cites")
    cmd.add_argument("--uncited", metavar="DOCS", type=Path, help="list references no page in DOCS cites")
    cmd.add_argument("--data", default="data", help="folder holding references.yml (default: data)")
    cmd.set_defaults(run=cmd_references)
    cmd = sub.add_parser("glossary", help="write includes/abbreviations.md from data/glossary.yml")
    cmd.add_argument("data", nargs="?", type=Path, default=Path("data"))
    cmd.add_argument("out", nargs="?", type=Path, default=glossary.ABBREVIATIONS)
    cmd.set_defaults(run=cmd_glossary)
    cmd = sub.add_parser("reference-export", help="write the RIS and BibTeX files in docs/downloads/")
    cmd.add_argument("--docs", type=Path, default=Path("docs"))
    cmd.add_argument("--data", type=Path, default=Path("data"))
    cmd.set_defaults(run=cmd_reference_export)
    cmd = sub.add_parser("reading-level", help="reading level of every built page")
    cmd.add_argument("site", nargs="?", type=Path, default=Path("site"))
    cmd.add_argument("docs", nargs="?", type=Path, default=Path("docs"))
    cmd.set_defaults(run=cmd_reading_level)
    return top


# A data file that fails its checks (the citation scan behind --uncited and reference-export reads
# the figures, trials and urgent-care advice too): the message already names the file and the fix.
DATA_ERRORS = (references.ReferenceDataError, glossary.GlossaryDataError, risks.RiskDataError,
               trials.TrialDataError, urgent.UrgentCareDataError, literature_watch.LiteratureWatchDataError,
               changes.ChangesDataError)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except DATA_ERRORS as exc:
        print(exc, file=sys.stderr)
        return 1
