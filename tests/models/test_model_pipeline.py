"""The model prover in real pipeline runs (`python -m etp.pipeline ... --provers model`), real
generation and real Lean: the trained tiny model proves a smoke theorem, the proof coming out of
`generate` and recorded as the model's; its false, hostile and sketch answers come out as
recorded verdicts, and a failed sample gets a correction round with Lean's own errors. Bad
model input stops the CLI with status 2 and a message. Two runs, one Lean process each for the
candidates (the depth is 0)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from etp.store import Store

from conftest import (MODEL_EVAL, MODEL_FALSE, MODEL_NATIVE, MODEL_PROVED, MODEL_SKETCH, MODEL_SKETCH_GOAL,
                      REPO_ROOT)

pytestmark = pytest.mark.slow


def pipeline(*args: str, timeout: float = 900, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etp.pipeline", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO_ROOT, timeout=timeout, env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})


def write_set(path: Path, specs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in specs), encoding="utf-8")
    return path


def write_config(path: Path, folder: Path, **model) -> Path:
    settings = {"model": str(folder), "device": "cpu", "temperature": 0.0, "samples": 1, **model}
    lines = ["[provers.model]"]
    lines += [f"{k} = {json.dumps(v)}" for k, v in settings.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_trained_model_proves_a_smoke_theorem_through_the_pipeline(trained_folder, tmp_path):
    theorems = write_set(tmp_path / "one.jsonl", [MODEL_PROVED])
    config = write_config(tmp_path / "model.toml", trained_folder, correction_rounds=0)
    out = tmp_path / "out"
    proc = pipeline(theorems, "--provers", "model", "--config", config, "--depth", "0", "--candidates", "2",
                    "--out", out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (row,) = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert (row["status"], row["prover"], row["proof"]) == ("proved", "model", MODEL_PROVED["reference_proof"])
    with Store(out / "results.sqlite") as store:
        run = store.latest_run()
        (attempt,) = [a for a in store.attempts(run.id) if a.purpose == "candidate"]
    assert (attempt.prover, attempt.candidate, attempt.verdict.status) == ("model", MODEL_PROVED["reference_proof"], "proved")
    meta = attempt.meta
    assert meta["model"] == str(trained_folder) and meta["format"] == "deepseek-v2" and meta["device"] == "cpu"
    assert MODEL_PROVED["reference_proof"].split("\n")[1] in meta["output"] and meta["tokens_out"] > 20
    assert len(meta["prompt_sha256"]) == 64 and meta["round"] == 0
    report = (out / "report.md").read_text()
    assert "## Model provers" in report and "proved 1/1 (100%) of the theorems it sampled for" in report
    assert "| tier B | 1/1 (100%) |" in report and "| matching | 1/1 (100%) |" in report


def test_false_hostile_and_sketch_answers_are_recorded_verdicts_and_failures_are_corrected(trained_folder, tmp_path):
    theorems = write_set(tmp_path / "bad.jsonl", [MODEL_FALSE, MODEL_NATIVE, MODEL_EVAL, MODEL_SKETCH_GOAL])
    config = write_config(tmp_path / "model.toml", trained_folder, correction_rounds=1, feedback="goedel")
    out = tmp_path / "out"
    proc = pipeline(theorems, "--provers", "model", "--config", config, "--depth", "0", "--candidates", "3",
                    "--out", out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = {r["id"]: r for r in map(json.loads, (out / "results.jsonl").read_text().splitlines())}
    assert {r["status"] for r in rows.values()} == {"failed"}
    with Store(out / "results.sqlite") as store:
        attempts = [a for a in store.attempts(store.latest_run().id) if a.purpose in ("candidate", "sketch")]
    first = {a.theorem_id: a for a in attempts if a.meta.get("round") == 0}
    false = first[MODEL_FALSE["id"]]
    assert (false.candidate, false.verdict.status) == ("by\n  omega", "failed")
    assert first[MODEL_NATIVE["id"]].verdict.status == "rejected"
    assert "native_decide" in first[MODEL_NATIVE["id"]].verdict.reason
    assert first[MODEL_EVAL["id"]].verdict.status == "rejected" and "#" in first[MODEL_EVAL["id"]].verdict.reason
    sketch = first[MODEL_SKETCH_GOAL["id"]]
    assert (sketch.purpose, sketch.candidate, sketch.verdict.status) == ("sketch", MODEL_SKETCH, "sketch_ok")
    # the failed and refused samples were answered in a correction round, shown Lean's errors
    corrections = {a.theorem_id: a for a in attempts if a.meta.get("round") == 1}
    assert set(corrections) >= {MODEL_FALSE["id"], MODEL_NATIVE["id"], MODEL_EVAL["id"]}
    assert MODEL_SKETCH_GOAL["id"] not in corrections  # an accepted sketch is not a failure
    feedback = corrections[MODEL_FALSE["id"]].meta["feedback"]
    lean_error = next(m for m in false.verdict.messages if m.severity == "error")
    assert "<error>" in feedback and lean_error.data.splitlines()[0] in feedback
    assert "`native_decide` is not allowed" in corrections[MODEL_NATIVE["id"]].meta["feedback"]


def test_bad_model_input_stops_the_cli_with_a_message(tmp_path):
    theorems = write_set(tmp_path / "core.jsonl", [MODEL_FALSE])
    missing = write_config(tmp_path / "missing.toml", tmp_path / "no-such-model")
    proc = pipeline(theorems, "--provers", "model", "--config", missing, "--out", tmp_path / "o1", timeout=300)
    assert proc.returncode == 2 and "model folder" in proc.stderr and "does not exist" in proc.stderr
    assert "Traceback" not in proc.stderr
    # no torch: the CLI says which extra to install
    script = ("import sys; sys.modules['torch'] = None\nfrom etp.pipeline.cli import main\n"
              f"sys.exit(main([{str(theorems)!r}, '--provers', 'model', '--config', {str(missing)!r}, '--out', "
              f"{str(tmp_path / 'o2')!r}]))")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, timeout=300)
    assert proc.returncode == 2 and "install the models extra: pip install -e '.[models]'" in proc.stderr
    assert "Traceback" not in proc.stderr
