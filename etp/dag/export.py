"""The goal DAG written out: JSON (every goal and decomposition), GraphML (scalar attributes
only) and a PNG drawing (goals coloured by status; needs matplotlib)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

import networkx as nx

from etp.dag.nodes import Decomposition, GoalNode

_COLOURS = {"proved": "#4caf50", "failed": "#e57373", "invalid": "#bdbdbd", "open": "#fff176",
            "pending": "#90caf9", "ready": "#90caf9", "checking": "#90caf9"}


class DagView(Protocol):
    """What export reads of a GoalDAG."""

    max_depth: int
    graph: nx.DiGraph
    goals: dict[str, GoalNode]
    decomps: dict[str, Decomposition]
    roots: dict[str, str]


def to_json(dag: DagView) -> dict:
    return {
        "max_depth": dag.max_depth,
        "roots": dag.roots,
        "goals": [
            {"key": g.key, "theorem": g.theorem_id, "statement": g.statement, "depth": g.depth,
             "status": g.status, "proved_by": g.proved_by, "proof": g.proof, "reason": g.reason,
             "imports": list(g.header.imports), "open": list(g.header.open)}
            for g in dag.goals.values()
        ],
        "decompositions": [
            {"id": d.id, "parent": d.parent, "kind": d.plan.kind, "label": d.plan.label,
             "children": d.children, "status": d.status, "assembled": d.assembled}
            for d in dag.decomps.values()
        ],
    }


def export_graph(dag: DagView) -> nx.DiGraph:
    """A copy of the graph with scalar attributes only (GraphML-ready)."""
    g = nx.DiGraph()
    for n in dag.graph.nodes:
        if n.startswith("g:"):
            node = dag.goals[n[2:]]
            g.add_node(n, kind="goal", label=node.name, theorem=node.theorem_id, statement=node.statement,
                       depth=node.depth, status=node.status, proved_by=node.proved_by, proof=node.proof or "")
        else:
            dec = dag.decomps[n[2:]]
            g.add_node(n, kind="decomposition", label=dec.plan.label, decomposition=dec.plan.kind,
                       status=dec.status, assembled=dec.assembled or "")
    for a, b, data in dag.graph.edges(data=True):
        g.add_edge(a, b, index=data.get("index", 0))
    return g


def write_json(dag: DagView, path: Path) -> None:
    path.write_text(json.dumps(to_json(dag), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def write_graphml(dag: DagView, path: Path) -> None:
    nx.write_graphml(export_graph(dag), path)


def _layers(g: nx.DiGraph) -> dict[str, int]:
    """Each node's distance from a root, longest path (goals and decompositions alternate)."""
    layers: dict[str, int] = {}
    for n in nx.topological_sort(g):
        layers[n] = 1 + max((layers[p] for p in g.predecessors(n)), default=-1)
    return layers


def draw_png(dag: DagView, path: Path) -> None:
    """Draw the DAG (goals coloured by status); needs matplotlib (ImportError otherwise)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    g = export_graph(dag)
    layers = _layers(g)
    for n, layer in layers.items():
        g.nodes[n]["layer"] = layer
    pos = nx.multipartite_layout(g, subset_key="layer", align="horizontal") if len(g) else {}
    pos = {n: (x, -y) for n, (x, y) in pos.items()}
    widest = max((sum(1 for v in layers.values() if v == k) for k in set(layers.values())), default=1)
    size = (min(40.0, max(6.0, widest * 1.2)), min(30.0, max(4.0, (max(layers.values(), default=0) + 1) * 1.2)))
    fig, ax = plt.subplots(figsize=size)
    for kind, shape in (("goal", "o"), ("decomposition", "s")):
        nodes = [n for n in g if g.nodes[n]["kind"] == kind]
        nx.draw_networkx_nodes(g, pos, nodelist=nodes, ax=ax, node_shape=shape, node_size=600 if shape == "o" else 300,
                               node_color=[_COLOURS.get(g.nodes[n]["status"], "#ffffff") for n in nodes])
    nx.draw_networkx_edges(g, pos, ax=ax, arrows=True, node_size=600)
    nx.draw_networkx_labels(g, pos, ax=ax, labels={n: g.nodes[n]["label"][:24] for n in g}, font_size=7)
    ax.set_title("goals (circles) and decompositions (squares): green proved, red failed, grey invalid",
                 fontsize=8)
    ax.set_axis_off()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
