"""Isolation and the final check, with real Lean: a candidate that changes its Lean process
cannot change another's verdict, even when the screen is switched off to test this layer
alone; resumed runs do not reuse verdicts of another checker; Ctrl-C stops a run cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from etp.core import CheckRequest
from etp.lean.verifier import Verifier
from conftest import lean_checking

pytestmark = pytest.mark.slow

# Ends its declaration early, makes `1 = 2` a simp lemma, and leaves a parse error behind.
INJECTOR = "by trivial)\n@[simp] axiom cheat : (1 : Nat) = 2\nexample : True := (trivial\n)"


def test_a_poisoned_process_is_not_trusted_after_the_poisoning_candidate(runtime, monkeypatch):
    monkeypatch.setattr(Verifier, "_precheck", lambda self, req: req.proof)  # screen off: layer 2 alone
    verifier = Verifier(runtime, lean_checking(workers=1), lean_path=[])
    requests = [
        CheckRequest(statement="theorem a : 2 + 2 = 4", proof="by decide"),  # before it: kept
        CheckRequest(statement="theorem b : True", proof=INJECTOR),
        CheckRequest(statement="theorem c : (1 : Nat) = 2", proof="by simp"),  # proved only with the axiom
        CheckRequest(statement="theorem e : True", proof="by trivial +"),  # a parse error: fails at once
        CheckRequest(statement="theorem d : 3 + 3 = 6", proof="by decide"),  # after it: checked again
    ]
    verdicts = verifier.check(requests)
    assert [v.status for v in verdicts] == ["proved", "failed", "failed", "failed", "proved"], [v.reason for v in verdicts]
    assert "parse error" in verdicts[1].reason or verdicts[1].messages
    # c and d in one fresh process: e does not poison a third one
    assert verifier.stats["poisoned"] == 1 and verifier.stats["lean_processes"] == 2


# Candidates that change their Lean process (each leaves a parse error behind: it fails).
# SEEDER injects a declaration (`1 = 2` as a simp lemma) and sets global state: IO.rand's
# generator (an IO.Ref, seeded at random when Lean starts) to seed 42; it prints the first draw
# from seed 42 and leaves the generator seeded 42 again. PROBE prints a draw: in a pristine
# Lean a random one; in a Lean that SEEDER changed, the first draw from seed 42.
_RAND = "#eval (IO.rand 0 1000000000 : IO Nat)"
_SEED = "#eval (IO.setRandSeed 42 : IO Unit)"
SEEDER = f"by trivial)\n@[simp] axiom cheat : (1 : Nat) = 2\n{_SEED}\n{_RAND}\n{_SEED}\nexample : True := (trivial\n)"
PROBE = f"by trivial)\n{_RAND}\nexample : True := (trivial\n)"


def draws(verdict) -> list[str]:
    """The random numbers a SEEDER or PROBE printed, in order."""
    return [m.data for m in verdict.messages if m.data.isdigit()]


def test_a_batch_cannot_affect_the_next_one_served_by_the_same_worker(runtime, monkeypatch):
    """Long-lived embedded workers serve many batches: each must start from a pristine Lean.
    Batch 1 injects a declaration and seeds a global random generator; the same worker's
    next batches get what a fresh process gives them (screen off: this layer alone)."""
    if not runtime.embedded:
        pytest.skip("long-lived workers exist for the embedded runtime only")
    monkeypatch.setattr(Verifier, "_precheck", lambda self, req: req.proof)
    seeder, probe = (CheckRequest(statement="theorem b : True", proof=p) for p in (SEEDER, PROBE))
    together = CheckRequest(statement="theorem b : True", proof=SEEDER.replace("\nexample", f"\n{_RAND}\nexample"))
    innocent = [CheckRequest(statement="theorem c : (1 : Nat) = 2", proof="by simp"),
                CheckRequest(statement="theorem d : 3 + 3 = 6", proof="by decide")]
    with Verifier(runtime, lean_checking(workers=1, embedded_workers="process"), lean_path=[]) as fresh:
        control = fresh.check([together])[0]
        expected = fresh.check(innocent)
    (seed42,) = set(draws(control))  # within one process the seeded state carries over
    with Verifier(runtime, lean_checking(workers=1, embedded_workers="host"), lean_path=[]) as worker:
        assert draws(worker.check([seeder])[0]) == [seed42]
        after = [worker.check([probe])[0], *worker.check(innocent)]
        (host,) = worker.executor.run_lean.__self__.hosts
        assert host.starts == 1  # one worker served every batch
    assert draws(after[0]) != [seed42]  # the next batch's generator was seeded afresh
    assert [v.status for v in after[1:]] == [v.status for v in expected] == ["failed", "proved"]


def test_resume_does_not_reuse_verdicts_of_another_checker(runtime, tmp_path):
    from etp.config import RunConfig
    from etp.pipeline import Pipeline
    from etp.core import Verdict
    from etp.store import AttemptRow, Store
    from etp.theorems import TheoremSpec

    spec = TheoremSpec(id="t", statement="theorem t : 1 + 1 = 2")
    verifier = Verifier(runtime, lean_checking(), lean_path=[])
    with Store(tmp_path / "results.sqlite") as store:
        run_id = store.start_run("set", "h", {})
        from etp.goals import goal_key

        key = goal_key(spec.header, spec.lean_statement)
        for checker, proof in ((verifier.fingerprint, "by decide"), ("an-older-checker", "by omega")):
            store.record_attempts(run_id, [AttemptRow(
                theorem_id="t", goal_key=key, prover="p", label="l", purpose="candidate", candidate=proof,
                allow_sorry=False, verdict=Verdict(status="proved", checker=checker), wave=1)])
        lines: list[str] = []
        pipeline = Pipeline([spec], verifier=verifier, store=store, run_id=run_id, config=RunConfig(), provers=[],
                            log=lines.append)
        assert len(pipeline.checker.done) == 1 and any("another checker" in line for line in lines)
        assert next(iter(pipeline.checker.done.values())).checker == verifier.fingerprint


def test_ctrl_c_stops_the_run_with_a_message_and_keeps_what_was_recorded(tmp_path):
    theorem_set = tmp_path / "set.jsonl"
    theorem_set.write_text("".join(
        f'{{"id": "t{i}", "statement": "theorem t{i} (n : Nat) : n + {i} = {i} + n"}}\n' for i in range(6)))
    out, scratch = tmp_path / "out", tmp_path / "scratch"  # the run's batch files go to its own temp folder
    scratch.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "etp.pipeline", str(theorem_set), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(scratch)},
                            # a suite started in the background (`cmd &`) passes SIGINT on ignored
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    before = []
    for line in proc.stderr:  # the first wave has started: Lean is starting or running
        before.append(line)
        if line.startswith("etp: wave 1"):
            break
    time.sleep(5)
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=30)
        err = "".join(before) + err
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the run did not stop within 30 s of Ctrl-C")
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert "--resume" in err
    assert (out / "results.sqlite").exists()
    time.sleep(1)
    left = subprocess.run(["pgrep", "-f", str(scratch)], capture_output=True, text=True).stdout.split()
    assert not left, "Lean processes outlived the interrupted run"
