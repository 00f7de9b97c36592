"""How a goal may be split: structural tactics worth a probe, plans built from the goals
Lean reports after one, and DeepSeek-Prover-V2-style sketches; each plan knows how to put
its children's proofs back together.

- structural, by Lean itself: a structural tactic (`constructor`, `intros`, `rcases`,
  `cases`, `induction`) is checked as the candidate `by\\n  <tactic>`; the goals Lean reports
  unsolved become child statements (`goal_to_statement`). Assembly:
  `by\\n  <tactic>\\n  · <child 1 proof>\\n  · <child 2 proof>` (the `·` focus the goals in
  Lean's order; inaccessible names are renamed with `rename_i` first).
- sketches: `have name : T := by sorry` steps and a final tactic; each `have` is a child
  stated with the parent's binders and the preceding haves as hypotheses; assembly
  replaces each `sorry` with the child's proof.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etp.dag.layout import embed_proof, focus_block
from etp.goals import (
    ChildStatement,
    GoalParseError,
    binder_infos,
    goal_to_statement,
    head_symbol,
    parse_signature,
)
from etp.text import top_level_find

# ------------------------------------------------------------------ structural

# Bare type names that are not finite inductives worth a case split.
_NOT_FINITE = {"Prop", "Type", "Sort", "Nat", "Int", "Rat", "Real", "String", "Char", "Float", "Bool", "UInt8",
               "UInt16", "UInt32", "UInt64", "USize", "Fin", "Unit", "PUnit", "Empty"}


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
    infos = binder_infos(sig.binders)
    for info in infos:
        hhead = head_symbol(info.type)
        for name in info.names:
            if hhead == "∨":
                tactics.append(f"rcases {name} with {name} | {name}")
            elif hhead == "∃":
                tactics.append(f"obtain ⟨{name}_w, {name}⟩ := {name}")
    tactics += [f"cases {name}" for info in infos for name in info.names if info.type == "Bool"]
    tactics += [f"induction {name}" for info in infos for name in info.names
                if info.type in ("Nat", "ℕ") or re.fullmatch(r"List \S+", info.type)]
    type_vars = {n for info in infos if re.fullmatch(r"(Type|Sort)\b.*", info.type) for n in info.names}
    for info in infos:
        for name in info.names:
            # A bare type name may be a finite inductive (an enumeration of players, goods...);
            # not a type variable, nor a library definition (`abbrev Game3 := Bool → ... → Rat`).
            if (re.fullmatch(r"[A-Z][\w.]*", info.type) and info.type.split(".")[-1] not in _NOT_FINITE
                    and info.type not in type_vars and info.type not in not_inductive):
                tactics.append(f"cases {name}")
    return tactics[:limit]


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
