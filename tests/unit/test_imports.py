"""medref's imports point one way: no cycle between its modules (imports inside functions count, as
they run sooner or later), the layers point down (medref.data imports neither medref.render nor
medref.checks; medref.render does not import medref.checks), and nothing in medref imports the
tests. Read from the source with ast."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "medref"


def module_name(path: Path, package_dir: Path) -> str:
    rel = path.relative_to(package_dir.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    """Module -> the modules it imports (anywhere in the file), for every module in the package."""
    package = package_dir.name
    files = {module_name(p, package_dir): p for p in sorted(package_dir.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                edges.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                # `from medref import references` depends on the module medref.data.references; only a name
                # defined in medref/__init__.py (`from medref import makeExtension`) depends on the package.
                for alias in node.names:
                    child = f"{node.module}.{alias.name}"
                    edges.add(child if child in files else node.module)
        graph[name] = {e for e in edges if e.split(".")[0] in (package, "tests") and e != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle once, as the list of modules around it (depth-first search)."""
    found, seen = [], set()
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node, path):
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt]
                key = frozenset(cycle)
                if key not in seen:
                    seen.add(key)
                    found.append(cycle)
            elif state.get(nxt) is None:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_no_import_cycle_in_medref():
    found = cycles(import_graph(PACKAGE))
    assert not found, "import cycles in medref/ (break each so imports point one way):\n" + "\n".join(
        " -> ".join(cycle) for cycle in found)


# Each layer and the layers it must never import (README, "Inside medref/").
FORBIDDEN = {"data": ("render", "checks"), "render": ("checks",)}


def layer_violations(graph: dict[str, set[str]], package: str = "medref") -> list[str]:
    """'a imports b' for each import that points up a layer."""
    def layer(module):
        parts = module.split(".")
        return parts[1] if len(parts) > 2 and parts[0] == package else None
    return sorted(f"{module} imports {target}" for module, targets in graph.items()
                  for target in targets if layer(target) in FORBIDDEN.get(layer(module), ()))


def test_layers_point_down():
    wrong = layer_violations(import_graph(PACKAGE))
    assert not wrong, ("medref.data must import neither medref.render nor medref.checks, and medref.render must "
                       "not import medref.checks; move the shared code down a layer:\n" + "\n".join(wrong))


def test_the_layer_check_sees_an_import_up_a_layer(tmp_path):
    package = tmp_path / "medref"
    for sub in ("data", "render", "checks"):
        (package / sub).mkdir(parents=True)
        (package / sub / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "data" / "a.py").write_text("def f():\n    from medref.render import b\n")
    (package / "render" / "b.py").write_text("from medref.data import a\nfrom medref.checks import c\n")
    (package / "checks" / "c.py").write_text("from medref.render import b\nfrom medref.data import a\n")
    assert layer_violations(import_graph(package)) == ["medref.data.a imports medref.render.b",
                                                       "medref.render.b imports medref.checks.c"]


def test_medref_never_imports_the_tests():
    wrong = sorted(f"{module} imports {target}" for module, targets in import_graph(PACKAGE).items()
                   for target in targets if target.split(".")[0] == "tests")
    assert not wrong, "medref/ must not depend on tests/: " + "; ".join(wrong)


def test_the_checks_see_a_cycle_inside_a_function_and_an_import_of_the_tests(tmp_path):
    package = tmp_path / "medref"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from medref import b\n")
    (package / "b.py").write_text("def later():\n    from medref.a import thing\n")
    (package / "c.py").write_text("def tool():\n    from tests import sitetools\n")
    graph = import_graph(package)
    assert cycles(graph) == [["medref.a", "medref.b", "medref.a"]]
    assert graph["medref.c"] == {"tests"}
    # A name from the package's __init__ depends on the package; a submodule does not.
    (package / "__init__.py").write_text("def make():\n    from medref.d import D\n")
    (package / "d.py").write_text("from medref import make, c\n")
    graph = import_graph(package)
    assert graph["medref.d"] == {"medref", "medref.c"}
    assert ["medref", "medref.d", "medref"] in cycles(graph)
