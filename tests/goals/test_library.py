"""The EconLean library and the theorem sets drawn from it agree, and nothing in it cheats."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from etp.lean.build import build_dir, module_graph
from etp.core import CheckRequest, Header
from etp.lean.verifier import Verifier
from etp.library import LibraryIndex
from etp.theorems import TheoremSpec
from conftest import lean_checking
from etp.text import blank_comments, top_level_find

ROOT = Path(__file__).resolve().parents[2]
LEAN = ROOT / "lean"
SETS = ROOT / "pipeline" / "theorem_sets"
FORBIDDEN = ["sorry", "admit", "axiom", "native_decide", "implemented_by", "unsafe", "extern", "ofReduceBool"]


def strip_comments(text: str) -> str:
    """Comments blanked as Lean reads them, string literals emptied."""
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', blank_comments(text))


def library_files() -> list[Path]:
    return sorted(LEAN.rglob("*.lean"))


def load_set(name: str) -> list[dict]:
    return [json.loads(line) for line in (SETS / name).read_text().splitlines() if line.strip()]


def declarations() -> dict[str, tuple[str, str]]:
    """theorem name -> (module, whitespace-normalized statement up to `:=`)."""
    found = {}
    for path in library_files():
        module = ".".join(path.relative_to(LEAN).with_suffix("").parts)
        code = strip_comments(path.read_text())
        for match in re.finditer(r"(?m)^\s*theorem\s+([^\s(\[{:]+)", code):
            found[match.group(1)] = (module, " ".join(signature_text(code, match.start()).split()))
    return found


def signature_text(code: str, start: int) -> str:
    """The declaration from `start` up to its `:=` at bracket depth 0."""
    end = top_level_find(code, ":=", start)
    assert end >= 0, f"no := after {code[start:start + 60]!r}"
    return code[start:end]


@pytest.mark.parametrize("word", FORBIDDEN)
def test_no_escape_hatch_in_the_library(word):
    offenders = [str(p) for p in library_files() if re.search(rf"(?<![\w.]){word}(?![\w])", strip_comments(p.read_text()))]
    assert not offenders, f"`{word}` appears in {offenders}"


def test_library_shape():
    graph = module_graph(LEAN)
    assert "EconLean" in graph.nodes, "lean/EconLean.lean imports the whole library"
    missing = set(graph.nodes) - {"EconLean"} - set(graph.predecessors("EconLean"))
    assert not missing, f"EconLean.lean does not import {sorted(missing)}"
    for path in library_files():
        text = path.read_text()
        assert text.lstrip().startswith("module"), f"{path} is not a module"
        assert "/-!" in text, f"{path} has no module docstring"


def test_theorem_sets_match_the_library():
    decls = declarations()
    core = load_set("econ_core.jsonl")
    smoke = load_set("smoke.jsonl")
    assert len(core) >= 40 and len(smoke) == 5
    assert len({e["id"] for e in core}) == len(core)
    core_ids = {e["id"] for e in core}
    index = LibraryIndex(LEAN)
    assert {e["id"] for e in smoke} <= core_ids
    for entry in core:
        name = entry["statement"].split()[1]
        assert name in decls, f"{entry['id']}: no theorem {name} in lean/"
        module, statement = decls[name]
        assert " ".join(entry["statement"].split()) == statement, f"{entry['id']}: statement differs from {module}"
        assert_not_proved_by_imports(index, entry, module)
        assert entry.get("reference_proof"), f"{entry['id']}: no reference proof"
    areas = {e["tags"][0] for e in core}
    assert len(areas) >= 6, areas


def test_frontier_set_points_to_visible_lemmas():
    """econ_frontier: the hardest statements of the library, each importing definitions and
    lemma modules but never the module that proves it, with lemma hints a prover can see."""
    decls = declarations()
    frontier = load_set("econ_frontier.jsonl")
    assert len(frontier) >= 8 and len({e["id"] for e in frontier}) == len(frontier)
    index = LibraryIndex(LEAN)
    for entry in frontier:
        TheoremSpec(**entry)  # the loader's own validation: unknown fields are errors
        name = entry["statement"].split()[1]
        assert entry["tier"] == "E", f"{entry['id']}: frontier entries are tier E"
        module, statement = decls[name]
        assert " ".join(entry["statement"].split()) == statement, f"{entry['id']}: statement differs from {module}"
        assert_not_proved_by_imports(index, entry, module)
        visible = index.declarations(tuple(entry["imports"]))
        names = {d.name for d in visible}  # lemmas, and the constructions a proof needs
        assert entry["lemmas"] and set(entry["lemmas"]) <= names, f"{entry['id']}: hints not visible: {set(entry['lemmas']) - names}"


def assert_not_proved_by_imports(index: LibraryIndex, entry: dict, module: str) -> None:
    """Neither the module that proves the entry's theorem nor a lemma stating exactly the same
    (up to its name) is visible through the entry's imports: a prover could just cite it."""
    visible = index.declarations(tuple(entry["imports"]))
    assert module not in {d.module for d in visible} | set(entry["imports"]), \
        f"{entry['id']}: its imports reach {module}, which already proves it"
    same = [d.name for d in visible if d.is_lemma and unnamed(d.signature) == unnamed(entry["statement"])]
    assert not same, f"{entry['id']}: {same} already state it, visible through its imports"


def unnamed(signature: str) -> str:
    """A theorem's signature without its keyword and name, whitespace normalized."""
    return re.sub(r"^(theorem|lemma)\s+\S+\s*", "", " ".join(signature.split()))


@pytest.mark.slow
def test_reference_proofs_check_with_lean(runtime):
    verifier = Verifier(runtime, lean_checking(), lean_path=[build_dir(runtime)])
    # every econ_core entry has one; a frontier entry may (one Lean batch for both sets)
    entries = load_set("econ_core.jsonl") + [e for e in load_set("econ_frontier.jsonl") if e.get("reference_proof")]
    requests = [
        CheckRequest(header=Header(imports=tuple(e["imports"]), open=tuple(e.get("open", []))),
                     statement=e["statement"], proof=e["reference_proof"], tag=f"{e['tier']}:{e['id']}")
        for e in entries
    ]
    verdicts = verifier.check(requests)
    failures = {r.tag: f"{v.status}: {v.reason}" for r, v in zip(requests, verdicts) if v.status != "proved"}
    assert not failures, failures
