"""Whole-site build time against a default Material build, measured pairwise (`make bench`).

Runs `mkdocs build -q` for this site and for the default Material site (bench/default_site.py)
alternately, BUILD_RUNS times each, and prints a Markdown table of wall times with the ratio of
medians. The ratio is the figure to quote: the absolute time depends on what else the machine runs.
Usage: python bench/build_time.py <mkdocs> <default mkdocs.yml> [runs]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time


# Material prints a long end-of-life banner about MkDocs 2 on every build; the Makefile sets the same.
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def timed_build(mkdocs: str, config: str | None) -> float:
    with tempfile.TemporaryDirectory() as out:
        command = [mkdocs, "build", "-q", "-d", out] + (["-f", config] if config else [])
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=QUIET)
        return time.perf_counter() - start


def main(mkdocs: str, default_config: str, runs: int) -> None:
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(timed_build(mkdocs, None))
        theirs.append(timed_build(mkdocs, default_config))
    a, b = statistics.median(ours), statistics.median(theirs)
    print("## Build time\n")
    print(f"`mkdocs build -q`, {runs} runs each, alternating; wall time in seconds.\n")
    print("| build | median | runs |\n|---|--:|---|")
    print(f"| default Material (seed texts) | {b:.2f} | {', '.join(f'{t:.2f}' for t in theirs)} |")
    print(f"| this site | {a:.2f} | {', '.join(f'{t:.2f}' for t in ours)} |")
    print(f"\nRatio (ours / default): {a / b:.2f}x\n")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: python bench/build_time.py <mkdocs> <default mkdocs.yml> [runs]")
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else 5)
