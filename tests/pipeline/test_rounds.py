"""Provers that work in rounds (self-correction, a genetic search): the pipeline hands Lean's
verdicts back (`observe`), keeps an unproved goal open while a prover `continues` and its
theorem has budget, fills each goal's share with the provers in order, and records what a
prover attached to a candidate (`meta`). Real Lean, a handful of checks."""

from __future__ import annotations

import pytest

from etp.config import RunConfig
from etp.pipeline import open_run
from etp.provers import Attempt, Budget, Candidate, Goal
from etp.theorems import TheoremSpec


class RoundsProver:
    """Round k proposes `rounds[k]` for every goal; remembers what it observed."""

    name = "rounds"

    def __init__(self, rounds: list[list[str]]):
        self.rounds = rounds
        self.round: dict[str, int] = {}
        self.observed: list[Attempt] = []
        self.budgets: list[dict[str, int]] = []

    def propose(self, goals: list[Goal], budget: Budget) -> list[Candidate]:
        self.budgets.append(dict(budget.per_goal))
        out = []
        for g in goals:
            k = self.round.get(g.key, 0)
            for i, proof in enumerate(self.rounds[k][: budget.left(g)]):
                out.append(Candidate(goal_key=g.key, proof=proof, prover=self.name, label=f"r{k}",
                                     meta={"round": k, "index": i}))
        return out

    def observe(self, attempts: list[Attempt]) -> None:
        self.observed.extend(attempts)
        for key in {a.goal.key for a in attempts}:
            self.round[key] = self.round.get(key, 0) + 1

    def continues(self, goal: Goal) -> bool:
        return self.round.get(goal.key, 0) < len(self.rounds)


class FirstProver:
    """Proposes one fixed candidate per goal, once (no rounds)."""

    name = "first"

    def propose(self, goals: list[Goal], budget: Budget) -> list[Candidate]:
        return [Candidate(goal_key=g.key, proof="by\n  exact rfl", prover=self.name) for g in goals if budget.left(g)]


SET = [
    TheoremSpec(id="needs_round_two", statement="theorem needs_round_two (a b : Nat) (h : a < b) : a + 1 ≤ b"),
    TheoremSpec(id="never", statement="theorem never (n : Nat) : n + 1 = n"),
]


@pytest.mark.slow
def test_a_prover_in_rounds_sees_verdicts_and_gets_further_waves(verifier, tmp_path):
    # round 1 repeats round 0's text: answered by that check, its record is still kept
    rounds = RoundsProver([["by\n  decide"], ["by\n  decide", "by\n  omega"], ["by\n  simp"], ["by\n  trivial"]])
    config = RunConfig().with_overrides({"budget.candidates": 4, "budget.depth": 0})
    with open_run(config, SET, tmp_path, set_path="rounds", verifier=verifier, provers=[FirstProver(), rounds],
                  log=lambda _: None) as run:
        summary = run.execute()
        attempts = run.store.attempts(summary.run_id)
        duplicates = run.store.duplicate_checks(summary.run_id)
    status = {r["id"]: r for r in summary.rows}
    assert status["needs_round_two"]["status"] == "proved"
    assert (status["needs_round_two"]["prover"], status["needs_round_two"]["proof"]) == ("rounds", "by\n  omega")
    assert status["never"]["status"] == "failed"
    # the first prover took one slot of each share, the rounds prover got the rest
    assert rounds.budgets[0] == {k: 3 for k in rounds.budgets[0]}
    # wave 1's verdicts came back, with Lean's error, to the prover in rounds
    first = [a for a in rounds.observed if a.candidate.meta.get("round") == 0]
    assert {a.candidate.prover for a in rounds.observed} == {"first", "rounds"}
    assert first and all(a.verdict.status == "failed" and a.verdict.first_error for a in first)
    # `never` went on until its theorem's budget of 4 candidates was spent (3 checks: one repeated)
    never = [r for r in attempts if r.theorem_id == "never" and r.purpose == "candidate"]
    assert len(never) == 4 and sum(not r.verdict.cached for r in never) == 3
    repeats = [r for r in attempts if r.verdict.cached]
    assert [(r.label, r.meta, r.verdict.seconds) for r in repeats] == [("r1", {"round": 1, "index": 0}, 0.0)] * 2
    assert duplicates == [] and summary.checks == 2 + 6  # the statements, the candidates made once
    # what the prover attached is in the store
    assert {(r.label, r.meta.get("round")) for r in attempts if r.prover == "rounds"} >= {("r0", 0), ("r1", 1)}
