"""The goal DAG: a theorem (root) decomposed into child goals, proofs assembled back.

Nodes are goals (keyed by their normalized statement, so identical goals are one node and
are proved once) and decompositions (how one goal was split, and how to put the children's
proofs back together). Edges: goal -> decomposition -> child goals.

Two sources of decompositions:
- structural, by Lean itself: a structural tactic (`constructor`, `intros`, `rcases`,
  `cases`, `induction`) is checked as the candidate `by\\n  <tactic>`; the goals Lean reports
  unsolved become child statements (`goal_to_statement`). Assembly:
  `by\\n  <tactic>\\n  · <child 1 proof>\\n  · <child 2 proof>` (the `·` focus the goals in
  Lean's order; inaccessible names are renamed with `rename_i` first).
- sketches (DeepSeek-Prover-V2 style): `have name : T := by sorry` steps and a final
  tactic; each `have` is a child stated with the parent's binders and the preceding haves
  as hypotheses; assembly replaces each `sorry` with the child's proof.

Every assembled proof is checked by Lean again before its goal counts as proved.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from etp.goals import (
    ChildStatement,
    GoalParseError,
    binder_infos,
    goal_key,
    goal_to_statement,
    head_symbol,
    parse_signature,
    shape_features,
    top_level_find,
)
from etp.core import Header

# ------------------------------------------------------------------ proof text


def _proof_lines(proof: str) -> list[str] | None:
    """The tactic lines of a `by` proof, dedented; None for a term proof."""
    p = proof.strip("\n").strip()
    if not re.match(r"by(\s|$)", p):
        return None
    first, _, rest = p[2:].partition("\n")
    first = first.strip()
    rest_lines = textwrap.dedent(rest).split("\n") if rest.strip() else []
    rest_lines = [l.rstrip() for l in rest_lines]
    while rest_lines and not rest_lines[-1].strip():
        rest_lines.pop()
    if first and rest_lines:
        return None  # `by tac` followed by more lines: keep it as a term, layout untouched
    return [first] if first else rest_lines


def embed_proof(proof: str, indent: int) -> str:
    """A proof text that may follow `:=` or `exact` in a block indented `indent` columns."""
    pad = " " * indent
    lines = _proof_lines(proof)
    if lines is not None:
        return "by\n" + "\n".join(pad + l if l else "" for l in lines)
    body = proof.strip("\n").split("\n")
    return "(\n" + "\n".join(pad + "  " + l if l.strip() else "" for l in body) + "\n" + pad + ")"


def focus_block(proof: str, indent: int, renames: tuple[str, ...] = ()) -> list[str]:
    """`· <proof>` lines at `indent` that close the focused goal with a child's proof."""
    pad, inner = " " * indent, " " * (indent + 2)
    lines = _proof_lines(proof)
    body = [f"rename_i {' '.join(renames)}"] if renames else []
    if lines is not None and lines:
        body += lines
    else:
        body += ("exact " + embed_proof(proof, 2)).split("\n")
    out = [pad + "· " + body[0]]
    out += [inner + l if l else "" for l in body[1:]]
    return out


# ------------------------------------------------------------------ structural


def structural_tactics(statement: str, limit: int = 3, unfold: tuple[str, ...] = (),
                       not_inductive: frozenset[str] = frozenset()) -> list[str]:
    """Structural tactics worth trying on a goal, best first (empty when nothing applies).

    `unfold`: library definitions the statement names; a conclusion that applies one (an
    `IsNash g s t`, a `InCore v x`) is unfolded and its conjunctions split, since that is
    where its structure is. `not_inductive`: type names the library defines otherwise than as
    an inductive type (nothing for `cases` to split)."""
    try:
        sig = parse_signature(statement)
    except GoalParseError:
        return []
    tactics = []
    head = head_symbol(sig.type)
    if head == "app" and unfold:
        tactics.append(f"simp only [{', '.join(unfold)}] <;> and_intros")
    if head in ("∧", "↔"):
        tactics.append("constructor")
    if head in ("∀", "→", "¬"):
        tactics.append("intros")
    for info in binder_infos(sig.binders):
        hhead = head_symbol(info.type)
        for name in info.names:
            if hhead == "∨":
                tactics.append(f"rcases {name} with {name} | {name}")
            elif hhead == "∃":
                tactics.append(f"obtain ⟨{name}_w, {name}⟩ := {name}")
    for info in binder_infos(sig.binders):
        for name in info.names:
            if info.type == "Bool":
                tactics.append(f"cases {name}")
    for info in binder_infos(sig.binders):
        for name in info.names:
            if info.type in ("Nat", "ℕ") or re.fullmatch(r"List \S+", info.type):
                tactics.append(f"induction {name}")
    type_vars = {n for info in binder_infos(sig.binders) if re.fullmatch(r"(Type|Sort)\b.*", info.type) for n in info.names}
    for info in binder_infos(sig.binders):
        for name in info.names:
            # A bare type name may be a finite inductive (an enumeration of players, goods...);
            # not a type variable, nor a library definition (`abbrev Game3 := Bool → ... → Rat`).
            if (re.fullmatch(r"[A-Z][\w.]*", info.type) and info.type.split(".")[-1] not in _NOT_FINITE
                    and info.type not in type_vars and info.type not in not_inductive):
                tactics.append(f"cases {name}")
    return tactics[:limit]


# Bare type names that are not finite inductives worth a case split.
_NOT_FINITE = {"Prop", "Type", "Sort", "Nat", "Int", "Rat", "Real", "String", "Char", "Float", "Bool", "UInt8",
               "UInt16", "UInt32", "UInt64", "USize", "Fin", "Unit", "PUnit", "Empty"}


@dataclass
class Plan:
    """How to split a goal: the children's statements and how to assemble their proofs."""

    kind: str  # "structural" | "sketch"
    label: str  # the tactic, or "sketch"
    children: list[ChildStatement]
    tactic: str = ""  # structural
    sketch: "Sketch | None" = None

    def assemble(self, child_proofs: list[str]) -> str:
        """The parent's proof from its children's proofs (in `children` order)."""
        if len(child_proofs) != len(self.children):
            raise ValueError("one proof per child is needed")
        if self.kind == "structural":
            lines = ["by", "  " + self.tactic]
            for child, proof in zip(self.children, child_proofs):
                lines += focus_block(proof, 2, child.renames)
            return "\n".join(lines)
        assert self.sketch is not None
        return self.sketch.fill(child_proofs)


def structural_plan(parent_statement: str, tactic: str, goals: list[str]) -> Plan:
    """A plan from the goals Lean left after `tactic`; GoalParseError if one is unusable."""
    name = parse_signature(parent_statement).name
    if not goals:
        raise GoalParseError("the tactic left no goals")
    children = [goal_to_statement(g, f"{name}_{i + 1}") for i, g in enumerate(goals)]
    return Plan("structural", tactic, children, tactic=tactic)


# ------------------------------------------------------------------ sketches


@dataclass(frozen=True)
class HaveStep:
    """`have name : type := by sorry` in a sketch; `span` is the proof part to replace."""

    name: str
    type: str
    column: int  # column of `have`
    span: tuple[int, int]  # character offsets of the text after `:=` up to the end of `sorry`


@dataclass(frozen=True)
class Sketch:
    text: str
    steps: tuple[HaveStep, ...]

    def fill(self, proofs: list[str]) -> str:
        """The sketch with each step's `sorry` replaced by the matching proof."""
        out, last = [], 0
        for step, proof in zip(self.steps, proofs, strict=True):
            start, end = step.span
            out.append(self.text[last:start])
            out.append(" " + embed_proof(proof, step.column + 2))
            last = end
        out.append(self.text[last:])
        return "".join(out)


_HAVE = re.compile(r"^([ \t]*)have\b", re.M)
_SORRY_PROOF = re.compile(r"\s*(?:by\s+)?sorry\b")
_IDENT = re.compile(r"[^\W\d][\w'.]*")


def parse_sketch(text: str) -> Sketch | None:
    """The `have ... := (by) sorry` steps of a `by` proof; None if it has none or is not one.

    Only steps proved by `sorry` become children; `have`s with real proofs stay as written.
    """
    if not re.match(r"\s*by\b", text):
        return None
    steps = []
    for match in _HAVE.finditer(text):
        col = len(match.group(1))
        start = match.end()
        assign = top_level_find(text, ":=", start)
        if assign < 0:
            continue
        head = text[start:assign]
        colon = top_level_find(head, ":")
        if colon < 0:
            continue
        name = head[:colon].strip() or "this"
        if not _IDENT.fullmatch(name):
            continue  # binders or patterns after `have`: not supported as a child goal
        type_ = " ".join(head[colon + 1:].split())
        proof = _SORRY_PROOF.match(text, assign + 2)
        if not proof or not type_:
            continue
        steps.append(HaveStep(name, type_, col, (assign + 2, proof.end())))
    if not steps:
        return None
    return Sketch(text, tuple(steps))


def sketch_plan(parent_statement: str, sketch: Sketch) -> Plan:
    """Children: the parent's binders, the preceding haves as hypotheses, the have's type."""
    sig = parse_signature(parent_statement)
    children, previous = [], []
    for i, step in enumerate(sketch.steps):
        binders = [*sig.binders, *previous]
        stmt = " ".join(["theorem", f"{sig.name}_{step.name.replace('.', '_')}_{i + 1}", *binders, ":", step.type])
        children.append(ChildStatement(stmt))
        previous.append(f"({step.name} : {step.type})")
    return Plan("sketch", "sketch", children, sketch=sketch)


# ------------------------------------------------------------------ the DAG


@dataclass
class GoalNode:
    key: str
    statement: str
    header: Header
    theorem_id: str
    depth: int
    status: str = "open"  # open | proved | failed | invalid
    proof: str | None = None
    proved_by: str = ""  # "prover:label", or "decomposition:<label>"
    statement_ok: bool | None = None  # did the statement elaborate (sorry probe)?
    attempted: bool = False  # candidates sent
    exhausted: bool = False  # candidates all back, none proved
    options: list[Plan] = field(default_factory=list)  # decompositions not yet tried
    reason: str = ""

    @property
    def name(self) -> str:
        return parse_signature(self.statement).name

    @property
    def features(self) -> frozenset[str]:
        return shape_features(self.statement)


@dataclass
class Decomposition:
    id: str
    parent: str
    plan: Plan
    children: list[str]
    status: str = "pending"  # pending | ready | checking | proved | failed
    assembled: str | None = None

    @property
    def live(self) -> bool:
        return self.status in ("pending", "ready", "checking")


class GoalDAG:
    """Goals and decompositions of every theorem of a run (goals shared across theorems)."""

    def __init__(self, max_depth: int = 2):
        self.max_depth = max_depth
        self.graph = nx.DiGraph()
        self.goals: dict[str, GoalNode] = {}
        self.decomps: dict[str, Decomposition] = {}
        self.roots: dict[str, str] = {}  # theorem id -> goal key

    # -- building

    def add_root(self, theorem_id: str, header: Header, statement: str) -> GoalNode:
        node = self._goal(header, statement, theorem_id, 0)
        self.roots[theorem_id] = node.key
        return node

    def _goal(self, header: Header, statement: str, theorem_id: str, depth: int) -> GoalNode:
        key = goal_key(header, statement)
        node = self.goals.get(key)
        if node is None:
            node = GoalNode(key, statement, header, theorem_id, depth)
            self.goals[key] = node
            self.graph.add_node(f"g:{key}", kind="goal", order=len(self.graph))
        else:
            node.depth = min(node.depth, depth)
        return node

    def add_option(self, key: str, plan: Plan, first: bool = False) -> None:
        """A decomposition to try when the goal's own candidates fail."""
        node = self.goals[key]
        if first:
            node.options.insert(0, plan)
        else:
            node.options.append(plan)

    def _activate(self, node: GoalNode) -> Decomposition | None:
        """Turn the next usable option into a decomposition with child goals."""
        while node.options and node.depth < self.max_depth:
            plan = node.options.pop(0)
            keys = [goal_key(node.header, c.statement) for c in plan.children]
            if node.key in keys or any(self.goals.get(k) is not None and self._reaches(k, node.key) for k in keys):
                continue  # would make a cycle: a child that is (an ancestor of) its parent
            did = f"{node.key}#{sum(1 for _ in self.graph.successors(f'g:{node.key}'))}"
            children = [self._goal(node.header, c.statement, node.theorem_id, node.depth + 1) for c in plan.children]
            dec = Decomposition(did, node.key, plan, [c.key for c in children])
            self.decomps[did] = dec
            self.graph.add_node(f"d:{did}", kind="decomposition", order=len(self.graph))
            self.graph.add_edge(f"g:{node.key}", f"d:{did}")
            for i, child in enumerate(children):
                self.graph.add_edge(f"d:{did}", f"g:{child.key}", index=i)
            self._settle(dec)
            if dec.live:
                return dec
        return None

    def _reaches(self, src: str, dst: str) -> bool:
        return nx.has_path(self.graph, f"g:{src}", f"g:{dst}")

    # -- scheduling

    def needed(self) -> set[str]:
        """Goals whose proof would still help some open theorem."""
        seen: set[str] = set()
        stack = [k for k in self.roots.values() if self.goals[k].status == "open"]
        while stack:
            key = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            for d in self.graph.successors(f"g:{key}"):
                dec = self.decomps[d[2:]]
                if dec.live:
                    stack.extend(c for c in dec.children if self.goals[c].status == "open")
        return seen

    def ready_goals(self) -> list[GoalNode]:
        """Open goals not yet attempted that some open theorem needs, in topological order."""
        needed = self.needed()
        out = []
        for n in nx.lexicographical_topological_sort(self.graph, key=lambda n: self.graph.nodes[n]["order"]):
            if n.startswith("g:") and n[2:] in needed:
                node = self.goals[n[2:]]
                if not node.attempted and node.status == "open":
                    out.append(node)
        return out

    def ready_assemblies(self) -> list[Decomposition]:
        """Decompositions whose children are all proved, assembled, to be checked.

        Speculative too: a goal whose assembly is about to be checked counts as proved for its
        own parent, so a chain of decompositions is assembled and checked level by level in
        one wave. Each assembled text is checked on its own (a parent's proof is sound when
        Lean accepts it, whatever happened to the children's checks).
        """
        out: list[Decomposition] = []
        tentative: dict[str, str] = {}  # goal key -> its assembled proof, not yet checked
        changed = True
        while changed:
            changed = False
            for dec in self.decomps.values():
                if dec.status not in ("pending", "ready") or dec.parent in tentative:
                    continue
                if self.goals[dec.parent].status != "open":
                    continue
                proofs = []
                for c in dec.children:
                    child = self.goals[c]
                    proof = child.proof if child.status == "proved" else tentative.get(c)
                    if proof is None:
                        break
                    proofs.append(proof)
                else:
                    dec.assembled = dec.plan.assemble(proofs)
                    dec.status = "checking"
                    out.append(dec)
                    tentative[dec.parent] = dec.assembled
                    changed = True
        return out

    # -- results

    def mark_proved(self, key: str, proof: str, by: str) -> None:
        node = self.goals[key]
        if node.status == "proved":
            return
        node.status, node.proof, node.proved_by = "proved", proof, by
        for d in self._parents(key):
            self._update_decomposition(d)

    def mark_failed(self, key: str, reason: str, status: str = "failed") -> None:
        node = self.goals[key]
        if node.status != "open":
            return
        node.status, node.reason = status, reason
        for d in self._parents(key):
            self._update_decomposition(d)

    def mark_exhausted(self, key: str) -> None:
        """The goal's own candidates all failed: decompose it, or fail it."""
        self.goals[key].exhausted = True
        self.refresh(key)

    def assembly_checked(self, did: str, ok: bool, reason: str = "") -> None:
        """Lean's verdict on an assembled proof (apply them in the order they were made)."""
        dec = self.decomps[did]
        if dec.status != "checking":
            return
        if ok:
            dec.status = "proved"
            self.mark_proved(dec.parent, dec.assembled or "", f"decomposition:{dec.plan.label}")
        elif not all(self.goals[c].status == "proved" for c in dec.children):
            dec.status = "pending"  # speculative: a child's own assembly did not hold; wait for it
            self._settle(dec)
            if dec.status == "failed":
                self.refresh(dec.parent)
        else:
            dec.status = "failed"
            self.goals[dec.parent].reason = f"assembly failed: {reason}"
            self.refresh(dec.parent)

    def refresh(self, key: str) -> None:
        node = self.goals[key]
        if node.status != "open" or not node.exhausted:
            return
        if any(d.live for d in self._children_decomps(key)):
            return
        if self._activate(node) is None:
            why = "no decomposition left" if node.depth < self.max_depth else "depth limit"
            self.mark_failed(key, node.reason or f"candidates failed; {why}")

    def _settle(self, dec: Decomposition) -> None:
        """Fail a decomposition with a failed child; mark it ready when all are proved."""
        if not dec.live:
            return
        states = [self.goals[c].status for c in dec.children]
        if any(s in ("failed", "invalid") for s in states):
            dec.status = "failed"
        elif all(s == "proved" for s in states) and dec.status == "pending":
            dec.status = "ready"

    def _update_decomposition(self, dec: Decomposition) -> None:
        was_live = dec.live
        self._settle(dec)
        if was_live and dec.status == "failed":
            self.refresh(dec.parent)

    def _parents(self, key: str) -> list[Decomposition]:
        return [self.decomps[d[2:]] for d in self.graph.predecessors(f"g:{key}")]

    def _children_decomps(self, key: str) -> list[Decomposition]:
        return [self.decomps[d[2:]] for d in self.graph.successors(f"g:{key}")]

    # -- whole proofs and export

    def assemble_proof(self, key: str) -> str | None:
        """The whole proof of a goal, rebuilt from its leaves' proofs (None if unproved)."""
        node = self.goals[key]
        if node.status != "proved":
            return None
        for dec in self._children_decomps(key):
            if dec.status == "proved":
                parts = [self.assemble_proof(c) for c in dec.children]
                if all(p is not None for p in parts):
                    return dec.plan.assemble(parts)  # type: ignore[arg-type]
        return node.proof

    def leaves(self, key: str) -> list[GoalNode]:
        """The goals proved directly (by a candidate) under a proved goal."""
        node = self.goals[key]
        for dec in self._children_decomps(key):
            if dec.status == "proved":
                return [leaf for c in dec.children for leaf in self.leaves(c)]
        return [node]

    def to_json(self) -> dict:
        return {
            "max_depth": self.max_depth,
            "roots": self.roots,
            "goals": [
                {"key": g.key, "theorem": g.theorem_id, "statement": g.statement, "depth": g.depth,
                 "status": g.status, "proved_by": g.proved_by, "proof": g.proof, "reason": g.reason,
                 "imports": list(g.header.imports), "open": list(g.header.open)}
                for g in self.goals.values()
            ],
            "decompositions": [
                {"id": d.id, "parent": d.parent, "kind": d.plan.kind, "label": d.plan.label,
                 "children": d.children, "status": d.status, "assembled": d.assembled}
                for d in self.decomps.values()
            ],
        }

    def export_graph(self) -> nx.DiGraph:
        """A copy of the graph with scalar attributes only (GraphML-ready)."""
        g = nx.DiGraph()
        for n in self.graph.nodes:
            if n.startswith("g:"):
                node = self.goals[n[2:]]
                g.add_node(n, kind="goal", label=node.name, theorem=node.theorem_id, statement=node.statement,
                           depth=node.depth, status=node.status, proved_by=node.proved_by, proof=node.proof or "")
            else:
                dec = self.decomps[n[2:]]
                g.add_node(n, kind="decomposition", label=dec.plan.label, decomposition=dec.plan.kind,
                           status=dec.status, assembled=dec.assembled or "")
        for a, b, data in self.graph.edges(data=True):
            g.add_edge(a, b, index=data.get("index", 0))
        return g

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    def write_graphml(self, path: Path) -> None:
        nx.write_graphml(self.export_graph(), path)

    def draw_png(self, path: Path) -> None:
        """Draw the DAG (goals coloured by status); needs matplotlib (ImportError otherwise)."""
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        g = self.export_graph()
        layers: dict[str, int] = {}
        for n in nx.topological_sort(g):
            preds = list(g.predecessors(n))
            layers[n] = 1 + max((layers[p] for p in preds), default=-1)
        for n, layer in layers.items():
            g.nodes[n]["layer"] = layer
        pos = nx.multipartite_layout(g, subset_key="layer", align="horizontal") if len(g) else {}
        pos = {n: (x, -y) for n, (x, y) in pos.items()}
        colours = {"proved": "#4caf50", "failed": "#e57373", "invalid": "#bdbdbd", "open": "#fff176",
                   "pending": "#90caf9", "ready": "#90caf9", "checking": "#90caf9"}
        widest = max((sum(1 for v in layers.values() if v == k) for k in set(layers.values())), default=1)
        size = (min(40.0, max(6.0, widest * 1.2)), min(30.0, max(4.0, (max(layers.values(), default=0) + 1) * 1.2)))
        fig, ax = plt.subplots(figsize=size)
        for kind, shape in (("goal", "o"), ("decomposition", "s")):
            nodes = [n for n in g if g.nodes[n]["kind"] == kind]
            nx.draw_networkx_nodes(g, pos, nodelist=nodes, ax=ax, node_shape=shape, node_size=600 if shape == "o" else 300,
                                   node_color=[colours.get(g.nodes[n]["status"], "#ffffff") for n in nodes])
        nx.draw_networkx_edges(g, pos, ax=ax, arrows=True, node_size=600)
        nx.draw_networkx_labels(g, pos, ax=ax, labels={n: g.nodes[n]["label"][:24] for n in g}, font_size=7)
        ax.set_title("goals (circles) and decompositions (squares): green proved, red failed, grey invalid",
                     fontsize=8)
        ax.set_axis_off()
        fig.tight_layout()
        fig.savefig(path, dpi=120)
        plt.close(fig)
