"""`python -m medref COMMAND`: one subcommand per chore (the library modules are never run as scripts).

    front-matter [DOCS]                 check every page's front matter and review dates (the builds run
                                        the same check from inside the extension)
    review-report [DOCS] --out FILE     the weekly run's issue text: pages past (or near) their review date;
                                        prints overdue=N for the workflow
    literature-watch [--data DATA] [--docs DOCS] [--today YYYY-MM-DD]
                                        check data/literature-watch.yml: a question last searched more
                                        than 12 months ago stops the build, like a review date
    originality [--fingerprint SEEDS]    no run of 8 words in docs/ or data/ repeats the texts the site
                                        started from (their fingerprints; --fingerprint rewrites them)
    references [--uncited DOCS] [--data DATA]
                                        check data/references.yml; with --uncited, list keys no page cites
    glossary [DATA] [OUT]               write includes/abbreviations.md from data/glossary.yml
    reference-export                    write the RIS and BibTeX files in docs/downloads/
    reading-level [SITE] [DOCS]         reading level of every built page
    directives [FILE]                   write the directive list in AUTHORING.md from the registry
    takeaways                           print the handouts to docs/pdf/ and zip the offline copy into
                                        docs/ (Chromium), before a build: make build, make serve

Each returns 0 when all is well; problems go to stderr, naming the file and what to do.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from medref import takeaways
from medref.data import datafile, front_matter, glossary, literature_watch, references
from medref.data.dataset import DataSet
from medref.data.errors import MedrefDataError
from medref.render import directive_list, reading_level, reference_export
from medref.render.registry import DIRECTIVES
from medref.checks import originality
from medref.cited import keys_cited_in_docs


def cmd_front_matter(args) -> int:
    problems = front_matter.check_docs(args.docs)
    if problems:
        print("\n".join(front_matter.report(problems)), file=sys.stderr)
        return 1
    return 0


REPORT_TITLE = "Pages past their review date"
SOON_DAYS = 30


def review_report(docs: Path, today: dt.date) -> tuple[str, int]:
    """(Markdown for the repository issue the weekly run opens or updates, number of overdue pages)."""
    overdue = front_matter.overdue_pages(docs, today)
    soon = [(path, due) for path, due in _due_dates(docs)
            if today <= due <= today + dt.timedelta(days=SOON_DAYS)]
    lines = [f"Checked on {today.isoformat()} by the weekly run of `.github/workflows/review-dates.yml` on `main`.", ""]
    if overdue:
        lines += ["| Page | Review was due | Still published? |", "| --- | --- | --- |"]
        for path, due, until in overdue:
            if until and until >= today:
                state = f"yes, under a logged extension until {until.isoformat()}, with a \"Review overdue\" notice"
            else:
                state = "the live copy shows a \"Review overdue\" notice; the next build of `main` stops here"
            lines.append(f"| `{path}` | {due.isoformat()} ({(today - due).days} days ago) | {state} |")
        lines += ["", "To fix: re-check each page against its sources, then move `last_reviewed` and `next_review` "
                  "on (README, \"Adding a page\"). To publish an urgent correction to another page first, see "
                  "README, \"Publishing while a page is overdue\". This issue is updated every Monday and closed "
                  "when no page is overdue."]
    else:
        lines.append("No page is past its review date.")
    if soon:
        lines += ["", f"Due in the next {SOON_DAYS} days:", ""]
        lines += [f"- `{path}`: {due.isoformat()}" for path, due in sorted(soon, key=lambda item: item[1])]
    return "\n".join(lines) + "\n", len(overdue)


def _due_dates(docs: Path):
    for path in sorted(docs.rglob("*.md")):
        try:
            due = datafile.as_date(front_matter.read_front_matter(path).get("next_review"))
        except ValueError:
            continue
        if due:
            yield path.as_posix(), due


def cmd_review_report(args) -> int:
    text, overdue = review_report(args.docs, dt.date.today())
    args.out.write_text(text, encoding="utf-8")
    print(f"overdue={overdue}")
    return 0


def cmd_literature_watch(args) -> int:
    questions = literature_watch.load_watch(args.data, docs_dir=args.docs)
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


def cmd_originality(args) -> int:
    root = args.project
    if args.fingerprint:
        count = originality.write_fingerprints(args.fingerprint, root / originality.FINGERPRINTS)
        print(f"wrote {count} fingerprints to {originality.FINGERPRINTS}")
        return 0
    lines, hits = originality.report(root)
    for line in lines:
        print(line)
    if hits:
        print(f"{hits} copied run(s) of {originality.RUN}+ words: say it in your own words.", file=sys.stderr)
        return 1
    print(f"no run of {originality.RUN}+ words shared with the texts the site started from")
    return 0


def cmd_references(args) -> int:
    data = DataSet(args.data)
    refs = data.references
    if not args.uncited:
        print(f"{len(refs)} references, all valid")
        return 0
    cited = keys_cited_in_docs(args.uncited, data)
    uncited = [key for key in refs if key not in cited]
    for key in uncited:
        print(key)
    if uncited:
        print(f"{len(uncited)} reference(s) in {Path(args.data) / references.FILENAME} are cited by no page in "
              f"{args.uncited}; cite them or remove them", file=sys.stderr)
        return 1
    return 0


def cmd_glossary(args) -> int:
    terms = DataSet(args.data).glossary
    if not terms:
        print(f"{args.data / glossary.FILENAME}: no terms found; nothing written", file=sys.stderr)
        return 1
    args.out.write_text(glossary.abbreviations_text(terms), encoding="utf-8")
    print(f"wrote {args.out} ({sum(1 for t in terms if t.abbr)} abbreviations from {len(terms)} terms)")
    return 0


def cmd_reference_export(args) -> int:
    out = args.docs / "downloads"
    files = reference_export.expected_files(args.docs, DataSet(args.data))
    for old in out.rglob("*"):
        if old.is_file() and old.suffix in (".ris", ".bib") and old.relative_to(out) not in files:
            old.unlink()
    for rel, text in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files in {out} (RIS and BibTeX: all references, and each page's sources)")
    return 0


def cmd_directives(args) -> int:
    text = args.file.read_text(encoding="utf-8")
    try:
        args.file.write_text(directive_list.replace_in(text, DIRECTIVES.reference()), encoding="utf-8")
    except ValueError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 1
    print(f"wrote the list of {len(DIRECTIVES.classes())} directives in {args.file}")
    return 0


def cmd_reading_level(args) -> int:
    print(reading_level.format_table(reading_level.site_table(args.site, args.docs)))
    return 0


def cmd_takeaways(args) -> int:
    try:
        return takeaways.main(args.project)
    except RuntimeError as exc:  # a build or the printer failed: its own output says why
        print(f"medref takeaways: {exc}", file=sys.stderr)
        return 1


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m medref", description="medref's chores, one per command")
    sub = top.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("front-matter", help="check front matter and review dates")
    cmd.add_argument("docs", nargs="?", type=Path, default=Path("docs"))
    cmd.set_defaults(run=cmd_front_matter)
    cmd = sub.add_parser("review-report", help="the weekly run's issue text about review dates")
    cmd.add_argument("docs", nargs="?", type=Path, default=Path("docs"))
    cmd.add_argument("--out", type=Path, required=True, help="where to write the issue's Markdown")
    cmd.set_defaults(run=cmd_review_report)
    cmd = sub.add_parser("literature-watch", help="fail when a question's last search is over 12 months old")
    cmd.add_argument("--data", type=Path, default=Path("data"))
    cmd.add_argument("--docs", type=Path, default=Path("docs"))
    cmd.add_argument("--today", help="check as if it were this day (YYYY-MM-DD); default: today")
    cmd.set_defaults(run=cmd_literature_watch)
    cmd = sub.add_parser("originality", help="no run of 8 words copied from the texts the site started from")
    cmd.add_argument("--project", type=Path, default=Path("."), help="the project folder (default: here)")
    cmd.add_argument("--fingerprint", metavar="SEEDS", type=Path, help="rewrite the fingerprints from these texts")
    cmd.set_defaults(run=cmd_originality)
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
    cmd = sub.add_parser("directives", help="write the directive list in AUTHORING.md from the registry")
    cmd.add_argument("file", nargs="?", type=Path, default=directive_list.AUTHORING)
    cmd.set_defaults(run=cmd_directives)
    cmd = sub.add_parser("reading-level", help="reading level of every built page")
    cmd.add_argument("site", nargs="?", type=Path, default=Path("site"))
    cmd.add_argument("docs", nargs="?", type=Path, default=Path("docs"))
    cmd.set_defaults(run=cmd_reading_level)
    cmd = sub.add_parser("takeaways", help="print the handouts and zip the offline copy into docs/ (needs Chromium)")
    cmd.add_argument("--project", type=Path, default=Path("."), help="the project folder (default: here)")
    cmd.set_defaults(run=cmd_takeaways)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except MedrefDataError as exc:  # any data file (the citation scan reads them all): the message says the fix
        print(exc, file=sys.stderr)
        return 1
