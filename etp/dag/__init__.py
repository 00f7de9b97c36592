"""The goal DAG: a theorem (root) decomposed into child goals, proofs assembled back.

One job a module:
- `decompose`: how a goal may be split (structural tactics, Lean's goals after them,
  DeepSeek-Prover-V2-style sketches) and how each plan assembles its children's proofs;
- `layout`: a child's proof placed inside its parent's at any indentation;
- `nodes`: the goal and decomposition records (a goal's statement parsed once);
- `graph`: the state machine (`GoalDAG`): sharing, scheduling, failure propagation;
- `export`: JSON, GraphML and a PNG drawing.
"""

from etp.dag.decompose import HaveStep, Plan, Sketch, parse_sketch, sketch_plan, structural_plan, structural_tactics
from etp.dag.graph import GoalDAG
from etp.dag.layout import embed_proof, focus_block, proof_lines
from etp.dag.nodes import Decomposition, GoalNode

__all__ = ["Decomposition", "GoalDAG", "GoalNode", "HaveStep", "Plan", "Sketch", "embed_proof", "focus_block",
           "proof_lines", "parse_sketch", "sketch_plan", "structural_plan", "structural_tactics"]
