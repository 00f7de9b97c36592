"""The package's import rules, read from the source (no imports run):

- `etp.core` (the shared vocabulary) imports nothing else from etp;
- `native/` (array kernels) imports nothing from etp;
- provers never import the pipeline or the store (they propose; the pipeline decides);
- no import cycles between etp's modules, nor between native's;
- functions at most 60 lines, classes at most 250, in etp/ and native/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(tree: ast.AST) -> set[ast.AST]:
    """Nodes under `if TYPE_CHECKING:` (annotations only: never imported at run time)."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for stmt in node.body:
                skipped.update(ast.walk(stmt))
    return skipped


def imports_of(path: Path) -> set[str]:
    """Modules a file imports at run time, at any depth in the file (function-local imports
    count too; those under `if TYPE_CHECKING:` do not)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_only(tree)
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def import_graph(package: str) -> nx.DiGraph:
    files = sorted((ROOT / package).rglob("*.py"))
    modules = {module_name(f): f for f in files}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        for target in imports_of(path):
            # `from etp.lean import verifier` names a module; `from etp.core import Header` a symbol.
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                graph.add_edge(name, target)
    return graph


def etp_imports(path: Path) -> set[str]:
    return {m for m in imports_of(path) if m == "etp" or m.startswith("etp.")}


def test_import_graph_reads_real_edges():
    graph = import_graph("etp")
    assert graph.has_edge("etp.lean.verifier", "etp.core")
    assert graph.has_edge("etp.lean.verifier", "etp.lean.runtime")


def test_core_imports_nothing_from_etp():
    assert etp_imports(ROOT / "etp" / "core.py") == set()


def test_native_imports_nothing_from_etp():
    files = sorted((ROOT / "native").rglob("*.py"))
    assert ROOT / "native" / "genetic.py" in files  # the rule reads real files
    offenders = {str(f.relative_to(ROOT)): etp_imports(f) for f in files if etp_imports(f)}
    assert offenders == {}


def test_provers_never_import_pipeline_or_store():
    graph = import_graph("etp")
    provers = [m for m in graph if m == "etp.provers" or m.startswith("etp.provers.")]
    forbidden = {m for m in graph if m.startswith("etp.pipeline") or m == "etp.store"}
    reached = {p: sorted(nx.descendants(graph, p) & forbidden) for p in provers}
    assert {p: r for p, r in reached.items() if r} == {}


def test_no_import_cycles():
    for package in ("etp", "native"):
        assert list(nx.simple_cycles(import_graph(package))) == []


LIMITS = {ast.FunctionDef: 60, ast.AsyncFunctionDef: 60, ast.ClassDef: 250}


def oversized(path: Path) -> list[str]:
    """Functions over 60 lines and classes over 250, unless the line before the definition
    gives a reason (`# long: ...`)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for node in ast.walk(ast.parse("\n".join(lines))):
        limit = LIMITS.get(type(node))
        if limit is None:
            continue
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        size = node.end_lineno - node.lineno + 1
        if size > limit and not lines[first - 2].strip().startswith("# long:"):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({size} lines)")
    return found


def test_functions_and_classes_are_short():
    files = [f for package in ("etp", "native") for f in sorted((ROOT / package).rglob("*.py"))]
    assert [o for f in files for o in oversized(f)] == []


def test_size_rule_finds_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(61))
    (tmp_path / "long.py").write_text(f"def f():\n{body}\n")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert oversized(tmp_path / "long.py") == ["long.py:1 f (62 lines)"]
    finally:
        ROOT = saved
