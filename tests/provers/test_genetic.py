"""The genetic search (etp.provers.genetic, etp.provers.vocabulary): genes and how Lean's
verdicts are read (no Lean), breeding (deterministic, never a script twice), and a real run
where the search proves a goal that no entry of the portfolio proves."""

from __future__ import annotations

import pytest

from etp.config import GeneticOptions, RunConfig
from etp.core import Header, LeanMessage, Position, Verdict
from etp.library.premises import Relevant
from etp.pipeline import open_run
from etp.provers import Attempt, Budget, Candidate, Goal, make_prover
from etp.provers.genetic import GeneticProver, Search
from etp.provers.vocabulary import Vocabulary, build_vocabulary, feedback, tactic_lines
from etp.theorems import TheoremSpec

# Every portfolio entry fails on it (the run below checks that); `revert m`, `induction n`
# and `grind` in that order prove it: the induction must be over a statement for every m.
TWO_STEP = ("theorem two_step (f : Nat → Nat → Nat) (h0 : ∀ m, f 0 m = m) (hs : ∀ n m, f (n + 1) m = f n (m + 1))"
            " (n m : Nat) : f n m = n + m")


def goal(statement: str = TWO_STEP) -> Goal:
    return Goal(key="k", header=Header(), statement=statement, theorem_id="t")


def error(line: int, text: str = "unsolved goals\nx : Nat\n⊢ x = 1") -> LeanMessage:
    return LeanMessage(severity="error", data=text, pos=Position(line=line, column=2))


def test_tactic_lines_keep_continuations_with_their_line():
    assert tactic_lines("by\n  intro h\n  cases h with\n    | inl a => simp\n  omega") == [
        "intro h", "cases h with\n    | inl a => simp", "omega"]
    assert tactic_lines("fun x => x") == [] and tactic_lines("by") == []


def test_vocabulary_pools_come_from_the_statement_and_the_library():
    lib = Relevant(definitions=["Foo.bar"], direct=["Foo.bar"], lemmas=["Foo.bar_le"], instances=["Foo.bar_le x"])
    statement = "theorem t (x y : Nat) (hx : x ≤ y) (hxy : x = y ∧ y = x) (f : Nat → Nat) (r : Rat) : Foo.bar x ≤ y"
    vocab = build_vocabulary(statement, lib, ["exact Nat.le_refl _"])
    lines = {vocab.line(t, a) for t in range(len(vocab)) for a in range(max(1, len(vocab.pools[t])))}
    assert {"unfold Foo.bar at *", "grind [Foo.bar_le]", "cases hxy", "exact hx", "induction x", "revert y", "revert r",
            "have := Foo.bar_le x", "exact Nat.le_refl _", "omega"} <= lines
    assert not any("{x}" in line for line in lines)
    # a hypothesis is not a variable, `≤` cannot be taken apart, a function is neither
    assert not {"induction hx", "cases hx", "induction f", "exact f", "induction r", "cases r"} & lines
    genes = vocab.encode("by\n  intros\n  my_tactic")
    assert vocab.render(genes) == "by\n  intros\n  my_tactic" and vocab.encode("by\n  my_tactic") == genes[1:]


def test_feedback_reads_how_far_a_script_got():
    assert feedback(Verdict(status="proved"), 3).proved
    # every line ran, goals were left: Lean reports them at `by` (line 1)
    left = feedback(Verdict(status="failed", messages=[error(1)], first_error=Position(line=1, column=0),
                            goals=["x : Nat\n⊢ x = 1"]), 3)
    assert (left.proved, left.progress, left.goals_left, left.errors) == (False, 1.0, 1, 1)
    # the second of four lines (file line 3) failed: one line ran
    mid = feedback(Verdict(status="failed", messages=[error(3, "omega could not prove the goal")],
                           first_error=Position(line=3, column=2)), 4)
    assert mid.progress == 0.25 and mid.goals_left == 0
    assert feedback(Verdict(status="timeout"), 2).progress == 0.0


def verdicts(cands: list[Candidate], proved: str = "") -> list[Attempt]:
    """Every candidate fails at its last line, but `proved`."""
    out = []
    for c in cands:
        n = len(tactic_lines(c.proof))
        v = (Verdict(status="proved") if c.proof == proved else
             Verdict(status="failed", messages=[error(n + 1)], first_error=Position(line=n + 1, column=2)))
        out.append(Attempt(goal=goal(), candidate=c, verdict=v))
    return out


def test_breeding_is_deterministic_never_repeats_a_script_and_uses_the_verdicts():
    options = GeneticOptions(population=8, children=5, islands=2, seed=7)
    runs = []
    for _ in range(2):
        prover = GeneticProver(options)
        proposed = []
        for generation in range(4):
            cands = prover.propose([goal()], Budget(per_goal={"k": 100}))
            assert len(cands) == 10 and all(c.meta["generation"] == generation for c in cands)
            proposed += [c.proof for c in cands]
            prover.observe(verdicts(cands))
            assert prover.continues(goal())
        runs.append(proposed)
        search = prover.searches["k"]
        assert all(len(island) == 8 for island in search.islands)  # the best 8 kept of each
    assert runs[0] == runs[1]
    assert len(set(runs[0])) == len(runs[0])
    other = GeneticProver(options.model_copy(update={"seed": 8})).propose([goal()], Budget(per_goal={"k": 100}))
    assert [c.proof for c in other] != runs[0][:10]


def test_a_proved_goal_ends_the_search_and_others_candidates_seed_it():
    prover = GeneticProver(GeneticOptions(children=3, islands=1, generations=5))
    # another prover had candidates out: the search waits for their verdicts
    assert prover.propose([goal()], Budget(per_goal={"k": 10}, taken={"k": 2})) == []
    portfolio = [Candidate(goal_key="k", proof="by\n  induction n <;> grind", prover="automation")]
    prover.observe(verdicts(portfolio))
    search = prover.searches["k"]
    assert "induction n <;> grind" in search.vocab.templates and len(search.islands[0]) == 1
    cands = prover.propose([goal()], Budget(per_goal={"k": 10}))
    assert len(cands) == 3 and prover.continues(goal())
    prover.observe(verdicts(cands, proved=cands[0].proof))
    assert not prover.continues(goal())


def test_genetic_options_are_strict_and_registered():
    assert make_prover("genetic", {"population": 4}).options.population == 4
    with pytest.raises(Exception, match="no option 'populaton'"):
        make_prover("genetic", {"populaton": 4})


@pytest.mark.slow
def test_the_search_proves_a_goal_no_portfolio_entry_proves(verifier, tmp_path):
    spec = TheoremSpec(id="two_step", statement=TWO_STEP)
    config = RunConfig().with_overrides({"budget.candidates": 120, "budget.depth": 0,
                                         "provers.use": ["automation", "genetic"]})
    with open_run(config, [spec], tmp_path, set_path="genetic", verifier=verifier, log=lambda _: None) as run:
        summary = run.execute()
        attempts = [r for r in run.store.attempts(summary.run_id) if r.purpose == "candidate"]
    row = summary.rows[0]
    portfolio = [r for r in attempts if r.prover == "automation"]
    assert portfolio and not any(r.verdict.proved for r in portfolio)
    assert (row["status"], row["prover"]) == ("proved", "genetic"), row
    winner = next(r for r in attempts if r.verdict.proved)
    assert len(winner.meta["genes"]) >= 2 and winner.meta["generation"] >= 0
    assert "sorry" not in row["proof"] and summary.final_refused == 0


def test_state_moves_grow_scripts_from_goal_states_unless_switched_off():
    g = Goal(key="k", header=Header(), statement="theorem t (a : Nat) : ∃ b : Nat, b = a", theorem_id="t")
    state = "a : Nat\n⊢ ∃ b, b = a"
    proposed = {}
    for on in (True, False):
        prover = GeneticProver(GeneticOptions(children=6, islands=1, state_moves=on))
        proposed[on] = []
        for _ in range(3):  # every script runs to its end and leaves the `∃` state
            cands = prover.propose([g], Budget(per_goal={"k": 100}))
            proposed[on] += [c.proof for c in cands]
            prover.observe([Attempt(goal=g, candidate=c, verdict=Verdict(
                status="failed", messages=[error(1, "unsolved goals\n" + state)],
                first_error=Position(line=1, column=0), goals=[state])) for c in cands])
    assert any("refine ⟨a, ?_⟩" in p for p in proposed[True])
    assert not any("refine ⟨" in p for p in proposed[False])
