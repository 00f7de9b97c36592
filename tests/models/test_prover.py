"""ModelProver with real tiny models: samples per goal within the budget, every sample recorded in
its candidate's meta, the proof body as the model generated it, sketches, no-proof outputs, and
correction rounds driven by observe/continues."""

from __future__ import annotations

import hashlib

import pytest

from etp.core import LeanMessage, Position, Verdict
from etp.dag import parse_sketch
from etp.provers import Attempt, Budget, Candidate, make_prover
from etp.provers.model import ModelProver
from etp.provers.model.sampling import sample_seed

from conftest import (MODEL_ANSWERS, MODEL_EVAL, MODEL_FALSE, MODEL_NATIVE, MODEL_PROVED, MODEL_SKETCH,
                      MODEL_SKETCH_GOAL, goal_of, model_options)

SAMPLE_KEYS = {"model", "format", "engine", "round", "sample", "prompt_sha256", "tokens_in", "tokens_out", "seconds",
               "device", "seed", "finished", "extraction", "output"}


@pytest.fixture(scope="module")
def trained(trained_folder):
    """The trained model through the registry, greedy, one sample a goal, one correction round."""
    return make_prover("model", model_options(trained_folder, temperature=0.0, samples=1, correction_rounds=1))


def samples_of(cands: list[Candidate]) -> list[dict]:
    return [m for c in cands for m in [c.meta, *c.meta.get("same_text", [])]]


def test_samples_per_goal_within_the_budget(tiny_engine, tiny_folder):
    prover = ModelProver(model_options(tiny_folder, samples=3, batch_size=4, max_new_tokens=12), engine=tiny_engine)
    goals = [goal_of(MODEL_PROVED), goal_of(MODEL_FALSE), goal_of(MODEL_NATIVE)]
    cands = prover.propose(goals, Budget(per_goal={MODEL_PROVED["id"]: 2, MODEL_FALSE["id"]: 0, MODEL_NATIVE["id"]: 9}))
    drawn = samples_of(cands)
    assert sorted((c.goal_key for c in cands for _ in [c.meta, *c.meta.get("same_text", [])])) == sorted(
        [MODEL_PROVED["id"]] * 2 + [MODEL_NATIVE["id"]] * 3)
    assert all(SAMPLE_KEYS <= set(m) for m in drawn)
    assert sorted(m["sample"] for m in drawn) == [0, 0, 1, 1, 2]
    # batches of 4 (two goals' samples together, in order): each batch's seed derives from its first sample
    assert {m["seed"] for m in drawn} == {sample_seed(0, MODEL_PROVED["id"], 0, 0), sample_seed(0, MODEL_NATIVE["id"], 0, 2)}


def test_a_random_models_output_is_a_no_proof_candidate_the_verifier_refuses(tiny_engine, tiny_folder):
    prover = ModelProver(model_options(tiny_folder, samples=2, max_new_tokens=8), engine=tiny_engine)
    cands = prover.propose([goal_of(MODEL_PROVED)], Budget(per_goal={MODEL_PROVED["id"]: 5}))
    (cand,) = cands  # both samples found no proof: one candidate, both recorded
    assert cand.proof == "" and cand.label == "r0s0:no-proof" and cand.kind == "proof"
    assert cand.meta["extraction"] == "none" and "no ```lean4 block" in cand.meta["no_proof"]
    assert len(cand.meta["same_text"]) == 1 and cand.meta["same_text"][0]["sample"] == 1
    from etp.lean.screen import screen

    assert screen(cand.proof) == "the proof is empty"  # a recorded verdict without a Lean run


def test_the_trained_model_generates_the_proof_and_records_the_sample(trained, trained_folder):
    goal = goal_of(MODEL_PROVED)
    (cand,) = trained.propose([goal], Budget(per_goal={goal.key: 4}))
    assert (cand.proof, cand.kind, cand.prover, cand.label) == (MODEL_PROVED["reference_proof"], "proof", "model", "r0s0")
    meta = cand.meta
    rendered = trained.engine.render(trained.format.prompt(goal))
    assert meta["prompt_sha256"] == hashlib.sha256(rendered.encode()).hexdigest()
    assert meta["tokens_in"] == len(trained.engine.tokenizer(rendered, add_special_tokens=False)["input_ids"])
    target = dict((s["id"], t) for s, t in MODEL_ANSWERS)[MODEL_PROVED["id"]]
    assert meta["output"] == target and meta["extraction"] == "fenced" and meta["finished"]
    assert meta["tokens_out"] == len(trained.engine.tokenizer(target)["input_ids"]) + 1  # and <|im_end|>
    assert (meta["model"], meta["format"], meta["device"], meta["round"]) == (str(trained_folder), "deepseek-v2",
                                                                                "cpu", 0)
    assert meta["seed"] == sample_seed(0, goal.key, 0, 0)


def test_hostile_and_sketch_outputs_keep_only_the_body(trained):
    goals = [goal_of(s) for s in (MODEL_NATIVE, MODEL_EVAL, MODEL_SKETCH_GOAL)]
    cands = {c.goal_key: c for c in trained.propose(goals, Budget(per_goal={g.key: 1 for g in goals}))}
    assert cands[MODEL_NATIVE["id"]].proof == "by\n  native_decide"
    assert cands[MODEL_EVAL["id"]].proof == 'by\n  decide\n#eval IO.Process.run {cmd := "id"}'
    sketch = cands[MODEL_SKETCH_GOAL["id"]]
    assert (sketch.proof, sketch.kind) == (MODEL_SKETCH, "sketch")
    assert [s.name for s in parse_sketch(sketch.proof).steps] == ["h1", "h2"]


def failed(line: int, col: int, data: str) -> Verdict:
    return Verdict(status="failed", reason=data, first_error=Position(line=line, column=col), messages=[
        LeanMessage(severity="error", data=data, pos=Position(line=line, column=col),
                    end_pos=Position(line=line, column=col + 5))])


def test_a_failed_sample_gets_a_correction_round_with_lean_feedback(trained_folder):
    prover = ModelProver(model_options(trained_folder, temperature=0.0, samples=2, correction_rounds=1))
    goal = goal_of(MODEL_FALSE)
    (cand,) = prover.propose([goal], Budget(per_goal={goal.key: 2}))  # greedy: both samples the same text
    assert not prover.continues(goal)  # nothing observed yet
    prover.observe([Attempt(goal=goal, candidate=cand, verdict=failed(2, 2, "omega could not prove the goal"))])
    assert prover.continues(goal)
    corrected = prover.propose([goal], Budget(per_goal={goal.key: 1}))
    assert [c.meta["round"] for c in corrected] == [1] and corrected[0].label.startswith("r1s2")
    sample = prover.goals[goal.key].samples[-1]
    assert sample.prompt.messages[1] == ("assistant", dict((s["id"], t) for s, t in MODEL_ANSWERS)[goal.key])
    feedback = sample.prompt.messages[2][1]
    assert feedback.startswith("The proof (Round 0) is not correct.")
    assert "theorem add_comm_false (a b : Nat) : a + b = b + a + 1 := by\n  <error>omega</error>\n" in feedback
    assert "Error Message: omega could not prove the goal" in feedback
    prover.observe([Attempt(goal=goal, candidate=corrected[0], verdict=failed(2, 2, "again"))])
    assert not prover.continues(goal)  # one correction round, spent
    # further waves draw fresh samples from the first prompt
    again = prover.propose([goal], Budget(per_goal={goal.key: 1}))
    assert again[0].meta["round"] == 2 and prover.goals[goal.key].samples[-1].prompt == prover.goals[goal.key].first


def test_no_correction_once_any_prover_proved_the_goal_or_when_disabled(trained_folder, trained):
    goal = goal_of(MODEL_FALSE)
    prover = ModelProver(model_options(trained_folder, temperature=0.0, samples=1, correction_rounds=2),
                         engine=trained.engine)
    (cand,) = prover.propose([goal], Budget(per_goal={goal.key: 1}))
    other = Candidate(goal_key=goal.key, proof="by\n  omega", prover="automation", label="omega")
    prover.observe([Attempt(goal=goal, candidate=cand, verdict=failed(2, 2, "no")),
                    Attempt(goal=goal, candidate=other, verdict=Verdict(status="proved"))])
    assert not prover.continues(goal)
    off = ModelProver(model_options(trained_folder, temperature=0.0, samples=1, correction_rounds=0), engine=trained.engine)
    (cand,) = off.propose([goal], Budget(per_goal={goal.key: 1}))
    off.observe([Attempt(goal=goal, candidate=cand, verdict=failed(2, 2, "no"))])
    assert not off.continues(goal)
