"""A run killed with SIGKILL in the middle resumes with `--resume`, loses no verdict, redoes
no check, and ends exactly where an uninterrupted run ends.

The uninterrupted reference is the shared CLI run of tests/conftest.py (same set, same
settings); this test pays only for the interrupted run and its resumption.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PIPELINE_ARGS, run_pipeline_cli
from etp.store import Store


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (Lean runs in its own session, so a kill does not reach it)."""
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                continue
            out += kids
            stack += kids
    return out


def alive(pid: int) -> bool:
    """A running process (a zombie waiting for its reaper counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def committed_attempts(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    try:
        with sqlite3.connect(db_path, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def checks(store: Store, run_id: int) -> dict[tuple, str]:
    return {r.key: r.status for r in store.attempts(run_id)}


@pytest.mark.slow
def test_sigkill_mid_run_then_resume_matches_an_uninterrupted_run(cli_run, pipeline_set, tmp_path):
    ref_proc, ref_out, _ = cli_run
    assert ref_proc.returncode == 0, ref_proc.stderr[-2000:]
    out = tmp_path / "out"
    db = out / "results.sqlite"
    args = [sys.executable, "-m", "etp.pipeline", str(pipeline_set), *PIPELINE_ARGS, "--out", str(out)]
    with open(tmp_path / "stderr", "w") as err:
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err)
    lean: list[int] = []
    orphans: list[int] = []
    try:
        deadline = time.monotonic() + 900
        while committed_attempts(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        time.sleep(2)  # well into the next batch of checks
        lean = descendants(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        # Lean dies with the pipeline (parent-death signal), though it runs in its own session.
        deadline = time.monotonic() + 30
        while any(alive(pid) for pid in lean) and time.monotonic() < deadline:
            time.sleep(0.2)
        orphans = [pid for pid in lean if alive(pid)]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in lean:  # the Lean processes it started, each in its own process group
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    assert proc.returncode == -signal.SIGKILL
    assert lean, "Lean was checking when the run was killed"
    assert not orphans, f"Lean processes outlived the killed pipeline: {orphans}"

    with Store(db) as store:
        run = store.latest_run()
        assert run.finished is None
        before = checks(store, run.id)
    with Store(ref_out / "results.sqlite") as ref_store:
        ref_run = ref_store.latest_run()
        reference = checks(ref_store, ref_run.id)
    assert 0 < len(before) < len(reference), "killed mid-run: some checks done, some not"

    resumed = run_pipeline_cli([str(pipeline_set), "--resume", "--out", str(out)])
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert f"resuming run {run.id} ({len(before)} check(s) already made)" in resumed.stderr

    with Store(db) as store:
        assert store.duplicate_checks(run.id) == []  # no (goal, candidate) check ran twice
        after = checks(store, run.id)
        assert store.latest_run().finished is not None
        assert store.latest_run().resumed == 1
    # the same checks with the same verdicts as the uninterrupted run; nothing lost before the kill
    assert after == reference
    assert all(after[k] == v for k, v in before.items())

    def results(folder: Path) -> dict:
        rows = [json.loads(l) for l in (folder / "results.jsonl").read_text().splitlines()]
        return {r["id"]: (r["status"], r["proof"], r["prover"], r["tactic"], r["attempts"]) for r in rows}

    assert results(out) == results(ref_out)
    assert (out / "Proofs.lean").read_text() == (ref_out / "Proofs.lean").read_text()
