"""Build the Lean library: `lake build` natively, the project's own builder otherwise.

The own builder reads each module's imports, orders the modules with NetworkX, compiles
each with `lean -o`, and skips a module whose source and dependencies are unchanged
(content hashes recorded next to the outputs).
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from etp.core import CORE_PREFIXES, LeanMessage
from etp.lean.runtime import PROJECT_ROOT, LeanRun, LeanRuntime
from etp.text import blank_comments

__all__ = ["CORE_PREFIXES", "STATE_FILE", "BuildError", "BuildReport", "build_dir", "build_library",
           "library_digest", "module_graph", "module_name", "read_imports"]

STATE_FILE = ".etp-build.json"


class BuildError(RuntimeError):
    """The library could not be built; the message names the files and Lean's errors."""


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    messages: list[LeanMessage] = field(default_factory=list)
    seconds: float = 0.0


_IMPORT = re.compile(r"^(?:(?:public|private|meta)\s+)*import\s+(?:all\s+)?([\w.«»']+)\s*$")


def read_imports(source: str) -> list[str]:
    """The modules a Lean file imports (its header: `module`, `import` lines); comments are
    read as Lean reads them (nested block comments included)."""
    text = blank_comments(source)
    imports = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line == "module" or line.startswith("prelude"):
            continue
        match = _IMPORT.match(line)
        if not match:
            break
        imports.append(match.group(1))
    return imports


def module_name(src_root: Path, path: Path) -> str:
    return ".".join(path.relative_to(src_root).with_suffix("").parts)


def module_graph(src_root: Path) -> nx.DiGraph:
    """Edges dependency -> dependant over the library's own modules; errors name files."""
    files = {module_name(src_root, p): p for p in sorted(src_root.rglob("*.lean"))}
    graph = nx.DiGraph()
    problems = []
    for name, path in files.items():
        graph.add_node(name, path=path)
        for dep in read_imports(path.read_text(encoding="utf-8")):
            if dep.split(".")[0] in CORE_PREFIXES:
                continue
            if dep not in files:
                problems.append(f"{path}: imports {dep}, but no file {dep.replace('.', '/')}.lean exists under {src_root}")
                continue
            graph.add_edge(dep, name)
    if problems:
        raise BuildError("missing module:\n" + "\n".join(problems))
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return graph
    names = [a for a, _ in cycle] + [cycle[0][0]]
    raise BuildError("import cycle: " + " -> ".join(f"{n} ({files[n]})" for n in names))


def build_dir(runtime: LeanRuntime, project_root: Path = PROJECT_ROOT) -> Path:
    """Where this runtime's `.olean`s go (per runtime and version: they are not portable)."""
    if not runtime.embedded:
        return project_root / ".lake" / "build" / "lib" / "lean"
    return project_root / "build" / "lean" / runtime.key


def build_library(
    runtime: LeanRuntime,
    src_root: Path = PROJECT_ROOT / "lean",
    out_dir: Path | None = None,
    *,
    jobs: int = 2,
    log=print,
    use_lake: bool | None = None,
) -> BuildReport:
    """Build every module under `src_root`. Raises BuildError with Lean's errors."""
    if use_lake is None:
        use_lake = not runtime.embedded and getattr(runtime, "lake", None) is not None and out_dir is None
    if use_lake:
        return _lake_build(runtime, log)
    out_dir = out_dir or build_dir(runtime)
    return _own_build(runtime, src_root.resolve(), out_dir.resolve(), jobs=jobs, log=log)


def _lake_build(runtime: LeanRuntime, log) -> BuildReport:
    start = time.monotonic()
    log("lake build")
    proc = subprocess.run([runtime.lake, "build"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BuildError(f"lake build failed (exit {proc.returncode}):\n{proc.stdout[-8000:]}\n{proc.stderr[-4000:]}")
    return BuildReport(built=["(lake)"], seconds=time.monotonic() - start)


def _module_keys(runtime: LeanRuntime, graph: nx.DiGraph) -> dict[str, str]:
    """A content key per module: the runtime, the module's source and its dependencies' keys."""
    keys: dict[str, str] = {}
    for name in nx.topological_sort(graph):
        digest = hashlib.sha256(runtime.key.encode())
        digest.update(graph.nodes[name]["path"].read_bytes())
        for dep in sorted(graph.predecessors(name)):
            digest.update(keys[dep].encode())
        keys[name] = digest.hexdigest()
    return keys


def _own_build(runtime: LeanRuntime, src_root: Path, out_dir: Path, *, jobs: int, log) -> BuildReport:
    start = time.monotonic()
    graph = module_graph(src_root)
    out_dir.mkdir(parents=True, exist_ok=True)
    state_path = out_dir / STATE_FILE
    state: dict[str, str] = json.loads(state_path.read_text()) if state_path.exists() else {}
    keys = _module_keys(runtime, graph)
    todo = [n for n in nx.topological_sort(graph) if state.get(n) != keys[n] or not _olean(out_dir, n).exists()]
    report = BuildReport(skipped=[n for n in graph.nodes if n not in todo])

    def record(name: str, ok: bool) -> None:
        """Keep the state file current after every module, so an interrupted build resumes."""
        if ok:
            state[name] = keys[name]
            state_path.write_text(json.dumps(state, indent=1, sort_keys=True))
        else:
            state.pop(name, None)

    failed, blocked = _compile_all(runtime, src_root, out_dir, graph, todo, jobs, log, report, record) if todo else ({}, [])
    report.seconds = time.monotonic() - start
    if failed:
        raise _build_error(graph, failed, blocked)
    return report


def _compile_all(runtime: LeanRuntime, src_root: Path, out_dir: Path, graph: nx.DiGraph, todo: list[str], jobs: int,
                 log, report: BuildReport, record) -> tuple[dict[str, list[LeanMessage] | str], list[str]]:
    """Compile `todo` in dependency order, `jobs` at a time: (the failures by module, the
    modules left unbuilt because a dependency failed)."""
    pending = set(todo)
    done: set[str] = set(graph.nodes) - pending
    failed: dict[str, list[LeanMessage] | str] = {}
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        running = {}
        while pending or running:
            ready = [n for n in todo if n in pending and all(d in done for d in graph.predecessors(n))]
            for name in ready[: max(0, jobs - len(running))]:
                pending.discard(name)
                running[pool.submit(_compile, runtime, src_root, out_dir, graph.nodes[name]["path"], name)] = name
            if not running:
                break  # what is left depends on a failed module
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in finished:
                name = running.pop(fut)
                run = fut.result()
                report.messages.extend(run.messages)
                record(name, run.ok)
                if run.ok:
                    done.add(name)
                    report.built.append(name)
                    log(f"[{len(report.built)}/{len(todo)}] built {name} ({run.seconds:.1f} s)")
                else:
                    failed[name] = run.errors or run.failure_summary()
    return failed, sorted(pending)


def _build_error(graph: nx.DiGraph, failed: dict[str, list[LeanMessage] | str], blocked: list[str]) -> BuildError:
    """Lean's errors as `file:line:col`, then what was not built because of them."""
    lines = []
    for name, problem in failed.items():
        if isinstance(problem, list):
            lines.extend(m.format() for m in problem)
        else:
            lines.append(f"{graph.nodes[name]['path']}: {problem}")
    if blocked:
        lines.append("not built (depend on a failed module): " + ", ".join(blocked))
    return BuildError("\n".join(lines))


def _olean(out_dir: Path, name: str) -> Path:
    return out_dir.joinpath(*name.split(".")).with_suffix(".olean")


def _compile(runtime: LeanRuntime, src_root: Path, out_dir: Path, path: Path, name: str) -> LeanRun:
    olean = _olean(out_dir, name)
    olean.parent.mkdir(parents=True, exist_ok=True)
    run = runtime.run(
        ["--json", f"--root={src_root}", "-o", str(olean), str(path)],
        lean_path=[out_dir], writable=[out_dir],  # `-o` writes there; nothing else is writable
    )
    for msg in run.messages:
        if not msg.file_name or not msg.file_name.startswith("/"):
            msg.file_name = str(path)
    return run


def library_digest(lean_path: list[Path]) -> str:
    """A digest of the built library a verdict was checked against (part of the verifier's
    fingerprint: a proof that cites a library lemma is only as current as that lemma). Uses
    the builder's state file (per-module source hashes) where there is one, else the names,
    sizes and times of the `.olean` files. Folder paths do not count: a run resumed from
    another checkout of the same library reuses its verdicts."""
    digest = hashlib.sha256()
    for k, folder in enumerate(map(Path, lean_path)):
        digest.update(f"{k}\0".encode())
        state = folder / STATE_FILE
        if state.exists():
            digest.update(state.read_bytes())
            continue
        if folder.is_dir():
            for olean in sorted(folder.rglob("*.olean")):
                st = olean.stat()
                digest.update(f"{olean.relative_to(folder)}:{st.st_size}:{st.st_mtime_ns}\0".encode())
    return digest.hexdigest()
