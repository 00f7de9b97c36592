"""The genes of the genetic search: tactic lines a script is made of, and what Lean's verdict
on a script says about how far it got.

A gene is a template (a tactic line, `{x}` where it takes an argument) with an argument id
into the template's pool. The vocabulary of a goal holds core Lean tactics, the library's
definitions and lemmas for the goal (the index the portfolio uses), the statement's
variables and hypotheses, the lines of other provers' candidates for the goal and the lines
of proofs found before (so each run learns from the last). It only grows: gene ids stay
valid while a search runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from etp.core import Verdict
from etp.dag import proof_lines
from etp.goals import GoalParseError, binder_infos, head_symbol, parse_signature
from etp.library.premises import Relevant

# Lines that need no argument: the moves a hand proof of a core-Lean goal is made of.
# The first few are the structural first moves of a proof: a search tries them before the
# lines over the goal's own terms.
STRUCTURAL = ("intros", "constructor", "split", "and_intros")
CORE_TACTICS = STRUCTURAL + (
    "simp_all", "simp at *", "omega", "grind", "decide", "rfl", "assumption", "trivial", "contradiction",
    "exfalso", "left", "right", "all_goals simp_all", "all_goals grind", "all_goals omega", "try simp_all",
    "simp_all <;> grind", "norm_cast at *", "subst_vars",
)
# Types whose values a proof takes apart: `induction` (recursive ones) and `cases`.
INDUCTIVE = re.compile(r"(Nat|ℕ|List\b.*)")
CASES = re.compile(r"(Nat|ℕ|Bool|Option\b.*|List\b.*|Fin \S+)")
# Lines that may finish a goal: tried after a script whose every line ran but left goals.
CLOSERS = ("grind", "simp_all", "omega", "all_goals grind", "all_goals simp_all", "all_goals omega", "decide",
           "simp_all <;> grind", "rfl", "assumption", "trivial")
# Templates over one argument, by the pool the argument comes from, in the order a search
# tries them as first moves: the statement's variables, its definitions, its hypotheses by
# shape, library lemmas and facts.
TEMPLATES = {
    "inductive": ("induction {x}",),
    "cases": ("cases {x}",),
    "variable": ("revert {x}",),
    "definition": ("unfold {x} at *", "simp only [{x}] at *", "(try simp only [{x}] at *)"),
    "destructible": ("cases {x}",),  # a hypothesis `∧`, `∃`, `∨` or `↔`
    "rewrite": ("simp [{x}] at *", "rw [{x}] at *"),  # a hypothesis `=`, `↔` or `∀`
    "hypothesis": ("exact {x}", "apply {x}"),
    "lemma": ("simp [{x}] at *", "apply {x}", "grind [{x}]", "rw [{x}] at *", "have := @{x}"),
    "fact": ("have := {x}", "try have := {x}"),
}


@dataclass
class Vocabulary:
    """Templates and, per template, its argument pool (empty: it takes none)."""

    templates: list[str] = field(default_factory=list)
    pools: list[tuple[str, ...]] = field(default_factory=list)
    closers: list[int] = field(default_factory=list)  # ids of lines that may finish a goal, best first
    _learned: int = 0  # closers taken from other provers' candidates (they go first, in their order)
    _ids: dict[tuple[str, tuple[str, ...]], int] = field(default_factory=dict)

    def add(self, template: str, pool: tuple[str, ...] = ()) -> int:
        """The id of a template (added when new); a template with `{x}` and no pool is not added (-1)."""
        if ("{x}" in template) != bool(pool):
            return -1
        key = (template, pool)
        if key not in self._ids:
            self._ids[key] = len(self.templates)
            self.templates.append(template)
            self.pools.append(pool)
        return self._ids[key]

    def __len__(self) -> int:
        return len(self.templates)

    def arg_counts(self) -> np.ndarray:
        return np.array([len(p) for p in self.pools], dtype=np.int32)

    def line(self, tactic: int, arg: int) -> str:
        pool = self.pools[tactic]
        return self.templates[tactic].replace("{x}", pool[arg]) if pool else self.templates[tactic]

    def render(self, genes: list[tuple[int, int]]) -> str:
        """The candidate (the text after `:=`) a script stands for."""
        return "by\n  " + "\n  ".join(self.line(t, a) for t, a in genes)

    def add_closer(self, line: str, learned: bool = False) -> None:
        """A closing line: a learned one after those learned before it, ahead of the core ones."""
        tactic = self.add(line)
        if tactic < 0:
            return
        if tactic in self.closers:
            if not learned or self.closers.index(tactic) < self._learned:
                return
            self.closers.remove(tactic)
        if learned:
            self.closers.insert(self._learned, tactic)
            self._learned += 1
        else:
            self.closers.append(tactic)

    def encode(self, proof: str) -> list[tuple[int, int]]:
        """A candidate's tactic lines as genes (each line a template of its own); empty when
        the candidate is not a `by` block. A one-line candidate (a whole proof attempt of
        another prover) becomes a closer."""
        lines = tactic_lines(proof)
        if len(lines) == 1:
            self.add_closer(lines[0], learned=True)
        return [(self.add(line), 0) for line in lines]


def tactic_lines(proof: str) -> list[str]:
    """The top-level tactic lines of a `by` block (deeper-indented lines stay with the line
    they continue); none for a term proof."""
    out: list[str] = []
    for line in proof_lines(proof) or []:
        if out and line.startswith(" "):
            out[-1] += "\n  " + line  # a continuation, kept relative to the block
        elif line.strip():
            out.append(line.strip())
    return out


def build_vocabulary(statement: str, lib: Relevant, past_lines: list[str] = ()) -> Vocabulary:
    """A goal's vocabulary: core tactics, templates over its library definitions, lemmas,
    hypotheses, variables and facts, then lines of earlier proofs."""
    vocab = Vocabulary()
    for line in CORE_TACTICS:
        vocab.add(line)
    for line in CLOSERS:
        vocab.add_closer(line)
    hypotheses, variables = _binder_names(statement)
    pools = {
        "inductive": tuple(v for v, ty in variables if INDUCTIVE.fullmatch(ty)),
        "cases": tuple(v for v, ty in variables if CASES.fullmatch(ty)),
        "variable": tuple(v for v, _ in variables),
        "definition": tuple(lib.definitions),
        "destructible": tuple(h for h, head in hypotheses if head in {"∧", "∃", "∨", "↔"}),
        "rewrite": tuple(h for h, head in hypotheses if head in {"=", "↔", "∀"}),
        "hypothesis": tuple(h for h, _ in hypotheses),
        "lemma": tuple(lib.lemmas),
        "fact": tuple(dict.fromkeys([*lib.instances, *lib.applied])),
    }
    for kind, templates in TEMPLATES.items():
        for template in templates:
            vocab.add(template, pools[kind])
    for line in past_lines:
        vocab.add(line)
    return vocab


def _binder_names(statement: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(hypotheses with the head symbol of their type, variables with their type) the statement binds: a
    binder whose type is a formula, or an implication named `h…` (Lean's habit), is a
    hypothesis; one of a simple type (no arrow) is a variable; types and functions are neither."""
    try:
        infos = binder_infos(parse_signature(statement).binders)
    except GoalParseError:
        return [], []
    hyps, variables = [], []
    for info in infos:
        if re.match(r"(Type|Sort|Prop)\b", info.type):
            continue
        head = head_symbol(info.type)
        for name in info.names:
            if head in _FORMULA_HEADS or (head == "→" and name.startswith("h")):
                hyps.append((name, head))
            elif "→" not in info.type:
                variables.append((name, info.type))
    return hyps, variables


_FORMULA_HEADS = {"∀", "∃", "¬", "∧", "∨", "↔", "=", "≠", "≤", "<", "≥", ">"}


@dataclass(frozen=True)
class Feedback:
    """What a verdict says about a script of `genes` tactic lines."""

    proved: bool
    progress: float  # fraction of its lines Lean ran before the first error
    goals_left: int
    goal_size: int  # characters of the goals left
    errors: int
    state: str = ""  # the goals left when every line ran (Lean's `unsolved goals`), else ""

    @property
    def unsolved(self) -> bool:
        """Every line ran and goals are left: a prefix a closing line may finish."""
        return bool(self.state)


def feedback(verdict: Verdict, genes: int) -> Feedback:
    """Read a verdict on `by` + one line per gene (line 1 is `by`, gene i on line i + 2).
    An error on line 1 is Lean's `unsolved goals` after every line ran; on a gene's line, that
    line failed and the ones before it ran."""
    errors = [m for m in verdict.messages if m.severity == "error"]
    goal_size = sum(len(g) for g in verdict.goals)
    if verdict.proved:
        return Feedback(True, 1.0, 0, 0, 0)
    first = verdict.first_error
    state = ""
    if first is None or genes <= 0:
        ran = 0.0
    elif first.line <= 1:
        ran = 1.0
        state = "\n\n".join(verdict.goals) or errors[0].data if errors else ""
    else:
        ran = min(1.0, max(0.0, (first.line - 2) / genes))
    return Feedback(False, ran, len(verdict.goals), goal_size, max(1, len(errors)), state)
