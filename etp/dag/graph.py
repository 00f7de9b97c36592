"""The goal DAG's state machine: a theorem (root) decomposed into child goals, proofs
assembled back.

Nodes are goals (keyed by their header and exact signature, the declaration name aside
(`goal_key`), so identical goals are one node and are proved once) and decompositions (how one goal was split, and how to put the
children's proofs back together: `etp.dag.decompose`). Edges: goal -> decomposition ->
child goals. Every assembled proof is checked by Lean again before its goal counts as proved.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from etp.core import GoalStatus, Header
from etp.dag import export
from etp.dag.decompose import Plan
from etp.dag.nodes import Decomposition, GoalNode
from etp.goals import goal_key


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

    def mark_failed(self, key: str, reason: str, status: GoalStatus = "failed") -> None:
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
        return export.to_json(self)

    def export_graph(self) -> nx.DiGraph:
        """A copy of the graph with scalar attributes only (GraphML-ready)."""
        return export.export_graph(self)

    def write_json(self, path: Path) -> None:
        export.write_json(self, path)

    def write_graphml(self, path: Path) -> None:
        export.write_graphml(self, path)

    def draw_png(self, path: Path) -> None:
        """Draw the DAG (goals coloured by status); needs matplotlib (ImportError otherwise)."""
        export.draw_png(self, path)
