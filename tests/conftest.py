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
