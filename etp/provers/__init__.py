"""Candidate generators ("provers") behind one protocol.

A prover sees goals (never reference proofs) and proposes candidates: proof texts (the text
after `:=`), or sketches (`have ... := by sorry` steps, checked in trusted sketch mode and
decomposed into child goals). The pipeline checks every candidate with Lean.

    class MyProver:
        name = "mine"
        def propose(self, goals: list[Goal], budget: Budget) -> list[Candidate]: ...
        # optional, for provers that work in rounds (self-correction, a genetic search):
        def observe(self, attempts: list[Attempt]) -> None: ...
        def continues(self, goal: Goal) -> bool: ...

After each wave the pipeline hands every prover that has `observe` the wave's checked
candidates and sketches (all provers', for the goals it was given), with Lean's verdicts.
An unproved goal stays open for another wave while some prover's `continues(goal)` is true,
it had candidates in the last wave and its theorem has budget left; that wave asks only the
provers that continue. Otherwise the goal is decomposed or fails. The provers of a run
fill each goal's share in order: the first takes what it proposes, the next what is left.

Register a factory in `PROVERS`: name -> callable(options, *, stats) -> Prover, where
`options` is the prover's table of the run configuration (`etp.config.ProversConfig`: add
the prover's options model there) and `stats` the (label, feature) -> (proved, tried)
counts of its past candidates (a factory may ignore them). Options are strict: an unknown
one is an error naming it, never silently dropped.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, ValidationError

from etp.config import ProversConfig, Section
from etp.core import Header, Verdict


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
    lemmas: tuple[str, ...] = ()  # the theorem set's lemma hints, ranked first by premise selection


class Candidate(BaseModel):
    """A proposed proof (or sketch) for one goal."""

    goal_key: str
    proof: str
    prover: str
    label: str = ""  # e.g. the tactic's name in a portfolio, or the sample index
    kind: Literal["proof", "sketch"] = "proof"
    meta: dict[str, Any] = {}  # recorded with the check in the store (JSON): a sample's tokens, a script's generation


class Attempt(BaseModel):
    """One checked candidate, as `observe` receives it: `candidate.proof` is the text Lean
    read (comments blanked), `candidate.meta` what the prover attached."""

    goal: Goal
    candidate: Candidate
    verdict: Verdict


class Budget(BaseModel):
    """How many candidates a prover may propose per goal in this call."""

    per_goal: dict[str, int]  # goal key -> candidates left
    taken: dict[str, int] = {}  # goal key -> candidates the provers before this one proposed in this wave

    def left(self, goal: Goal) -> int:
        return max(0, self.per_goal.get(goal.key, 0))


@runtime_checkable
class Prover(Protocol):
    """Anything with a name and `propose`."""

    name: str

    def propose(self, goals: list[Goal], budget: Budget) -> list[Candidate]:
        """Candidates for the goals, at most `budget.left(goal)` for each, best first."""
        ...


def observes(prover: Prover) -> bool:
    """Whether the prover takes Lean's verdicts back (`observe`) and may ask for more rounds."""
    return callable(getattr(prover, "observe", None))


def continues(prover: Prover, goal: Goal) -> bool:
    """Whether the prover has another round for an unproved goal (False without the method)."""
    method = getattr(prover, "continues", None)
    return bool(method(goal)) if callable(method) else False


class ProverSetupError(Exception):
    """A prover that cannot start (a missing package, model or device): the message says what to do."""


class UnknownProver(ValueError):
    """A prover name that is not registered, or an option it does not have."""


def _automation(options, *, stats=None, library=None) -> Prover:
    from etp.provers.automation import AutomationProver

    return AutomationProver(options, stats=stats, library=library)


def _genetic(options, *, library=None, past_proofs=()) -> Prover:
    from etp.provers.genetic import GeneticProver

    return GeneticProver(options, library=library, past_proofs=past_proofs)


def _model(options) -> Prover:
    from etp.provers.model import ModelProver

    return ModelProver(options)


PROVERS: dict[str, Callable[..., Prover]] = {"automation": _automation, "genetic": _genetic, "model": _model}


# What a run offers every prover besides its options (a factory takes those it names).
CONTEXT = ("stats", "library", "past_proofs")


def make_prover(name: str, options: Section | dict[str, Any] | None = None, **context) -> Prover:
    """The registered prover `name`, built with its options (its table of the run
    configuration, a dict of its keys, or None for the defaults) and what it takes of
    `context` (`stats`, `library`, `past_proofs`: the run offers each prover all of them).
    UnknownProver lists the known provers, or names an option it lacks."""
    factory = PROVERS.get(name)
    if factory is None:
        raise UnknownProver(f"unknown prover {name!r}; known provers: {', '.join(sorted(PROVERS))}")
    model = type(ProversConfig().options(name))
    if not isinstance(options, model):
        try:
            options = model.model_validate(options or {})
        except ValidationError as exc:
            raise UnknownProver(f"prover {name!r}: " + "; ".join(
                f"no option {e['loc'][0]!r} (its options: {', '.join(model.model_fields)})"
                if e["type"] == "extra_forbidden" else f"{e['loc'][0]}: {e['msg'].removeprefix('Value error, ')}"
                for e in exc.errors())) from None
    unknown = sorted(set(context) - set(CONTEXT))
    if unknown:
        raise UnknownProver(f"prover {name!r}: no context {', '.join(map(repr, unknown))} "
                            f"(provers are given {', '.join(CONTEXT)}; options go in their table)")
    takes = inspect.signature(factory).parameters
    return factory(options, **{k: v for k, v in context.items() if k in takes})
