"""Candidate generators ("provers") behind one protocol.

A prover sees goals (never reference proofs) and proposes candidates: proof texts (the text
after `:=`), or sketches (`have ... := by sorry` steps, checked in trusted sketch mode and
decomposed into child goals). The pipeline checks every candidate with Lean.

    class MyProver:
        name = "mine"
        def propose(self, goals: list[Goal], budget: Budget) -> list[Candidate]: ...

Register a factory in `PROVERS` (name -> callable(**options) -> Prover).
"""

from __future__ import annotations

from typing import Callable, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict

from etp.core import Header


class Goal(BaseModel):
    """One node of the goal DAG as a prover sees it."""

    model_config = ConfigDict(frozen=True)

    key: str  # normalized identity (identical goals share it)
    header: Header
    statement: str  # `theorem NAME BINDERS : TYPE`
    theorem_id: str  # the theorem whose DAG first created this goal
    depth: int = 0  # 0 for a theorem itself
    features: frozenset[str] = frozenset()
    informal: str = ""


class Candidate(BaseModel):
    """A proposed proof (or sketch) for one goal."""

    goal_key: str
    proof: str
    prover: str
    label: str = ""  # e.g. the tactic's name in a portfolio, or the sample index
    kind: Literal["proof", "sketch"] = "proof"


class Budget(BaseModel):
    """How many candidates a prover may propose per goal in this call."""

    per_goal: dict[str, int]  # goal key -> candidates left
    seed: int = 0

    def left(self, goal: Goal) -> int:
        return max(0, self.per_goal.get(goal.key, 0))


@runtime_checkable
class Prover(Protocol):
    """Anything with a name and `propose`."""

    name: str

    def propose(self, goals: list[Goal], budget: Budget) -> list[Candidate]:
        """Candidates for the goals, at most `budget.left(goal)` for each, best first."""
        ...


class UnknownProver(ValueError):
    """A prover name that is not registered."""


def _automation(**options) -> Prover:
    from etp.provers.automation import AutomationProver

    return AutomationProver(**options)


PROVERS: dict[str, Callable[..., Prover]] = {"automation": _automation}


def make_prover(name: str, **options) -> Prover:
    """The registered prover `name`, built with `options`; UnknownProver lists the known ones."""
    factory = PROVERS.get(name)
    if factory is None:
        raise UnknownProver(f"unknown prover {name!r}; known provers: {', '.join(sorted(PROVERS))}")
    return factory(**options)
