"""The verifier against real Lean: verdicts, positions, goals, isolation, faults."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time

import pytest

from etp.core import CheckRequest, Header, split_statement
from etp.lean.batch import parse_axioms, parse_goals
from etp.lean.verifier import Verifier
from conftest import lean_checking


def test_split_statement():
    assert split_statement("theorem foo (x : Nat) : x = x") == ("foo", "(x : Nat) : x = x")
    assert split_statement("theorem bar: True") == ("bar", ": True")


def test_parse_goals_and_axioms():
    msg = "unsolved goals\ncase left\np : Prop\nhp : p\n⊢ p\n\ncase right\n⊢ q"
    assert parse_goals(msg) == ["case left\np : Prop\nhp : p\n⊢ p", "case right\n⊢ q"]
    assert parse_goals("type mismatch") == []
    assert parse_axioms("'x' depends on axioms: [propext, Classical.choice]") == ["propext", "Classical.choice"]
    assert parse_axioms("'x' does not depend on any axioms") == []
    assert parse_axioms("something else") is None


CASES = [
    # (statement, proof, expected status)
    ("theorem a (x y : Nat) (h : x < y) : x + 1 ≤ y", "by omega", "proved"),
    ("theorem b : 1 = 2", "by decide", "failed"),
    ("theorem c (p q : Prop) (hp : p) (hq : q) : p ∧ q", "by\n  constructor", "failed"),
    ("theorem d (p q : Prop) (hp : p) (hq : q) : p ∧ q", "⟨hp, hq⟩", "proved"),
    ("theorem e (x : Rat) (h : 0 ≤ x) : 0 ≤ 2 * x + x", "by grind", "proved"),
    ("theorem f : True", "by\n  trivial\n  trivial", "failed"),
    ("theorem g (n : Nat) : n + 0 = n", "by\n  simp\n  exact (", "rejected"),
    ("theorem h : 2 ^ 64 + 1 > 2 ^ 64", "by decide", "proved"),
]


@pytest.mark.slow
def test_verdicts_positions_and_goals(verifier):
    requests = [CheckRequest(statement=s, proof=p, tag=s.split()[1]) for s, p, _ in CASES]
    requests.append(CheckRequest(statement="theorem s : 1 = 2", proof="by\n  sorry", allow_sorry=True))
    verdicts = verifier.check(requests)
    got = {r.tag or "sketch": v for r, v in zip(requests, verdicts)}
    for statement, _, expected in CASES:
        name = statement.split()[1]
        assert got[name].status == expected, (name, got[name])
    # Positions are relative to the candidate text (line 1 = its first line).
    assert (got["b"].first_error.line, got["b"].first_error.column) == (1, 3)
    assert got["f"].first_error.line == 3 and "No goals" in got["f"].reason
    # Unsolved goals come back one by one, as Lean printed them.
    assert [g.splitlines()[0] for g in got["c"].goals] == ["case left", "case right"]
    assert got["c"].goals[0].endswith("⊢ p")
    # Sketch mode accepts `sorry` but never says proved.
    assert got["sketch"].status == "sketch_ok"


@pytest.mark.slow
def test_unknown_import_fails_every_candidate_with_the_reason(verifier):
    header = Header(imports=("EconLean.NoSuchModule",))
    verdicts = verifier.check([CheckRequest(header=header, statement="theorem t : True", proof="trivial")] * 2)
    assert all(v.status in ("failed", "error") for v in verdicts)
    assert all("header" in v.reason and "EconLean" in v.reason for v in verdicts)


@pytest.mark.slow
def test_heartbeat_limit_gives_timeout(runtime):
    verifier = Verifier(runtime, lean_checking(heartbeats=2000), lean_path=[])
    slow = "by\n  have : (List.range 3000).foldl (· + ·) 0 = 4498500 := by decide\n  trivial"
    verdicts = verifier.check([
        CheckRequest(statement="theorem slow : True", proof=slow),
        CheckRequest(statement="theorem quick : 1 + 1 = 2", proof="rfl"),
    ])
    assert verdicts[0].status in ("timeout", "failed") and verdicts[0].status != "proved"
    assert verdicts[1].status == "proved"


def test_native_axiom_audit_decides_the_verdict(runtime):
    """The native path (named theorems, `#print axioms` after each) cannot run here (no
    native Lean): its verdict logic is driven with the messages native Lean prints."""
    from etp.core import LeanMessage, Position
    from etp.lean.runtime import LeanRun
    from etp.lean.batch import Batch, Judge, render

    requests = [CheckRequest(statement=f"theorem t{i} : True", proof="trivial") for i in range(5)]
    batch = Batch(Header(), list(range(5)))
    text = render(batch, requests, {i: "trivial" for i in range(5)}, "n0", heartbeats=1000, list_axioms=True)
    assert "theorem etp_n0_0 : True" in text and "#print axioms etp_n0_0" in text
    listings = [
        "'etp_n0_0' does not depend on any axioms",
        "'etp_n0_1' depends on axioms: [propext, Classical.choice, Quot.sound]",
        "'etp_n0_2' depends on axioms: [sorryAx]",
        "'etp_n0_3' depends on axioms: [propext, Lean.ofReduceBool]",
        None,  # no listing came back
    ]
    info = [LeanMessage(severity="information", data=d, pos=Position(line=1, column=0)) for d in ("n0-start", "n0-end")]
    for slot, listing in zip(batch.slots, listings):
        info.append(LeanMessage(severity="information", data=slot.sentinel, pos=Position(line=slot.last_line + 2, column=0)))
        if listing:
            info.append(LeanMessage(severity="information", data=listing, pos=Position(line=slot.axioms_line, column=0)))
    decision = Judge("native", list_axioms=True).decide(batch, LeanRun(returncode=0, messages=info, started=True),
                                                        requests)
    decided = decision.decided
    assert decision.retry == []
    assert [decided[i].status for i in range(5)] == ["proved", "proved", "failed", "rejected", "error"]
    assert "Lean.ofReduceBool" in decided[3].reason


def test_small_rounds_share_one_lean_process(runtime):
    """A start-up costs ~14 s on the embedded runtime: a second process only pays off for
    at least MIN_SPLIT checks each; more than batch_size always split."""
    from etp.lean.verifier import MIN_SPLIT

    verifier = Verifier(runtime, lean_checking(workers=2, batch_size=48), lean_path=[])
    h = Header()
    assert [len(b.indices) for b in verifier._plan({h: list(range(MIN_SPLIT))})] == [MIN_SPLIT]
    assert [len(b.indices) for b in verifier._plan({h: list(range(2 * MIN_SPLIT))})] == [MIN_SPLIT, MIN_SPLIT]
    assert [len(b.indices) for b in verifier._plan({h: list(range(100))})] == [34, 34, 32]
    two = verifier._plan({h: [0, 1], Header(imports=("Init",)): [2, 3]})
    assert sorted(b.indices for b in two) == [[0, 1], [2, 3]]


def test_a_candidate_that_ran_out_of_time_is_not_checked_again(runtime):
    """The watchdog stopped a batch during its second candidate (the first was done, the
    header imported): that candidate gets `timeout` at once (alone it would only run out of
    time again) and the others are retried together. Before the header is imported, the
    candidate is not to blame and is retried alone."""
    from etp.core import LeanMessage, Position
    from etp.lean.runtime import LeanRun
    from etp.lean.batch import Batch, Judge, render

    requests = [CheckRequest(statement=f"theorem t{i} : True", proof="trivial") for i in range(4)]

    def stopped_after(printed: list[str]):
        batch = Batch(Header(), [0, 1, 2, 3])
        render(batch, requests, {i: "trivial" for i in range(4)}, "n0", heartbeats=1000, list_axioms=False)
        info = [LeanMessage(severity="information", data=d, pos=Position(line=1, column=0)) for d in printed]
        run = LeanRun(returncode=None, messages=info, started=True, timed_out=True, seconds=5.0)
        decision = Judge("embedded", list_axioms=False).decide(batch, run, requests)
        return decision.decided, decision.retry

    decided, retry = stopped_after(["n0-start", "n0-0"])
    assert list(decided) == [1] and decided[1].status == "timeout"
    # proved needs a normal end of the process: the first candidate is checked again too
    assert [b.indices for b in retry] == [[0, 2, 3]]
    decided, retry = stopped_after([])  # still importing: the first candidate alone, then the rest
    assert decided == {} and [b.indices for b in retry] == [[0], [1, 2, 3]]


def test_a_candidate_that_ran_lean_out_of_stack_is_not_checked_again(runtime):
    """Elaborating a term nested 4,000 deep overflows Lean's stack and kills the process.
    That is deterministic: the candidate gets `error` at once, with the cause in the reason,
    and only the candidates after it are checked again (two Lean processes, not three)."""
    deep = "id <| " * 4000 + "trivial"  # no brackets: the screen caps bracket nesting
    requests = [CheckRequest(statement="theorem a : True", proof="trivial"),
                CheckRequest(statement="theorem b : True", proof=deep),
                CheckRequest(statement="theorem c : 1 + 1 = 2", proof="rfl"),
                CheckRequest(statement="theorem d : 1 + 1 = 3", proof="rfl")]
    verifier = Verifier(runtime, lean_checking(workers=1), lean_path=[])
    verdicts = verifier.check(requests)
    assert [v.status for v in verdicts] == ["proved", "error", "proved", "failed"]
    assert "Maximum call stack size exceeded" in verdicts[1].reason or "Stack overflow" in verdicts[1].reason
    assert verifier.stats["lean_processes"] == 2


def _kill_first_lean_worker(verifier: Verifier, folder: str, stop: threading.Event, killed: list[int]) -> None:
    """kill -9 the first Lean that checks a batch file: its own process, or the long-lived
    worker serving it (once the file was sent to it)."""
    pool = getattr(verifier.executor.run_lean, "__self__", None)  # a HostPool, or the runtime
    pool = pool if hasattr(pool, "hosts") else None
    while not stop.is_set():
        if pool is not None:
            busy = [h for h in pool.hosts if h.alive and h._dir and any((h._dir / "out").glob("*.stdout"))]
            pids = [h._proc.pid for h in busy]
        else:
            out = subprocess.run(["pgrep", "-f", f"{folder}/etp_check_"], capture_output=True, text=True).stdout
            pids = [pid for pid in map(int, out.split()) if pid != os.getpid()]
        for pid in pids:
            time.sleep(3)  # let it start on the batch
            try:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            except ProcessLookupError:
                continue
            return
        time.sleep(0.2)


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["process", "host"])
def test_killed_worker_loses_no_verdict_and_checker_keeps_serving(runtime, tmp_path, workers):
    if workers == "host" and not runtime.embedded:
        pytest.skip("long-lived workers exist for the embedded runtime only")
    verifier = Verifier(runtime, lean_checking(workers=1, embedded_workers=workers), lean_path=[], scratch_dir=tmp_path)
    requests = [CheckRequest(statement=s, proof=p) for s, p, _ in CASES]
    stop, killed = threading.Event(), []
    killer = threading.Thread(target=_kill_first_lean_worker, args=(verifier, str(tmp_path), stop, killed))
    killer.start()
    try:
        verdicts = verifier.check(requests)
    finally:
        stop.set()
        killer.join()
    assert killed, "the test did not manage to kill a worker"
    assert verifier.stats["batches_split"] >= 1
    for (statement, _, expected), verdict in zip(CASES, verdicts):
        # Every candidate got a verdict; retried ones got their true verdict, none was lost.
        assert verdict.status in (expected, "error"), (statement, verdict)
        assert verdict.status != "proved" or expected == "proved"
    # And the same verifier keeps serving.
    again = verifier.check([CheckRequest(statement="theorem z : 2 = 2", proof="rfl")])
    assert again[0].status == "proved"
