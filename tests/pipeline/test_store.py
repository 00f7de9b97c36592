"""The results store against real SQLite: committed as it happens, survives a kill, resumable."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from pydantic import ValidationError

from etp.core import LeanMessage, Position, Verdict
from etp.store import AttemptRow, GoalRow, Store, TheoremRow, candidate_hash, check_key


def verdict(status="failed", seconds=0.5, **extra) -> Verdict:
    return Verdict(status=status, reason="" if status == "proved" else "nope", seconds=seconds, **extra)


def attempt(goal="g1", cand="by\n  omega", status="failed", label="omega", purpose="candidate", allow_sorry=False,
            features=("head:=", "type:Nat"), **extra) -> AttemptRow:
    return AttemptRow(theorem_id="t1", goal_key=goal, prover="automation", label=label, purpose=purpose,
                      candidate=cand, allow_sorry=allow_sorry, verdict=verdict(status, **extra),
                      features=frozenset(features))


def test_wal_and_attempts_visible_to_another_connection_at_once(tmp_path):
    path = tmp_path / "results.sqlite"
    store = Store(path)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    run = store.start_run("set.jsonl", "abc", {"settings": {"candidates": 4}}, "embedded-4.28.0-pre")
    store.record_attempts(run, [attempt(), attempt(cand="by\n  grind", label="grind", status="proved")])
    other = sqlite3.connect(path)
    rows = other.execute("SELECT label, status, candidate_hash FROM attempts ORDER BY id").fetchall()
    assert rows == [("omega", "failed", candidate_hash("by\n  omega")), ("grind", "proved", candidate_hash("by\n  grind"))]
    other.close()
    info = store.run(run)
    assert info.config == {"settings": {"candidates": 4}} and info.finished is None and info.runtime.startswith("embedded")
    store.finish_run(run)
    assert store.latest_run().finished is not None
    store.close()


def test_a_verdict_comes_back_equal_with_its_messages_positions_and_goals(tmp_path):
    """What the verifier said is what a resumed run and a reader get back: the whole Verdict,
    not a dict; the columns for queries hold its status, reason, seconds and cached flag."""
    failed = Verdict(
        status="failed", reason="unsolved goals", seconds=1.25, runtime="embedded-4.28.0-pre", checker="fp-1",
        cached=True, first_error=Position(line=2, column=4), goals=["n : Nat\n⊢ n + 0 = n", "⊢ True"],
        messages=[LeanMessage(severity="error", data="unsolved goals\nn : Nat\n⊢ n + 0 = n",
                              pos=Position(line=2, column=4), end_pos=Position(line=3, column=0),
                              file_name="/tmp/x.lean", kind="unsolvedGoals"),
                  LeanMessage(severity="warning", data="declaration uses 'sorry' — «ℕ»", pos=Position(line=1, column=0))],
    )
    row = AttemptRow(theorem_id="t1", goal_key="g1", prover="automation", label="omega", purpose="candidate",
                     candidate="by\n  omega", allow_sorry=False, verdict=failed, features=frozenset({"head:=", "type:Nat"}),
                     wave=2)
    with Store(tmp_path / "r.sqlite") as store:
        run = store.start_run("s", "h", {})
        store.record_attempts(run, [row])
        (back,) = store.attempts(run)
        assert back == row and isinstance(back.verdict, Verdict) and back.verdict == failed
        assert back.verdict.messages[0].end_pos == Position(line=3, column=0) and back.verdict.goals == failed.goals
        assert store.done_checks(run) == {row.key: failed}
        columns = store.db.execute("SELECT status, reason, seconds, cached, features FROM attempts").fetchone()
        assert tuple(columns) == ("failed", "unsolved goals", 1.25, 1, "head:= type:Nat")


def test_rows_written_by_the_untyped_store_read_back_typed(tmp_path):
    """A store written before the API was typed (rows inserted as that version did: the verdict a
    `json.dumps`ed dict, here one from before verdicts named their checker) opens and reads back."""
    path = tmp_path / "r.sqlite"
    Store(path).close()
    old = {"status": "proved", "reason": "", "messages": [], "first_error": None, "goals": [], "seconds": 0.5,
           "runtime": "embedded", "cached": False}
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO runs (theorem_set, set_hash, config, runtime, started) VALUES ('s', 'h', '{}', '', 1)")
        db.execute("INSERT INTO attempts (run_id, theorem_id, goal_key, prover, label, purpose, candidate, candidate_hash,"
                   " allow_sorry, status, reason, seconds, cached, features, verdict, wave, created)"
                   " VALUES (1, 't1', 'g1', 'automation', 'omega', 'candidate', 'by omega', ?, 0, 'proved', '', 0.5, 0,"
                   " 'type:Nat', ?, 1, 1)", (candidate_hash("by omega"), json.dumps(old, ensure_ascii=False)))
        db.execute("INSERT INTO goals (run_id, goal_key, theorem_id, statement, depth, status, proof, proved_by, parents,"
                   " reason, updated) VALUES (1, 'g1', 't1', 'theorem t1 : True', 0, 'proved', 'by omega', 'a:omega',"
                   " '[]', '', 1)")
        db.execute("INSERT INTO theorems (run_id, theorem_id, statement, status, proof, updated)"
                   " VALUES (1, 't1', 'theorem t1 : True', 'running', NULL, 1)")
    with Store(path) as store:
        (row,) = store.attempts(1)
        assert row.verdict == Verdict(status="proved", seconds=0.5, runtime="embedded") and row.verdict.checker == ""
        assert row.features == {"type:Nat"} and row.wave == 1
        assert store.done_checks(1) == {check_key("g1", "by omega", False): row.verdict} and store.checks_made(1) == 1
        assert store.goals(1)[0].parents == () and store.theorems(1)[0].status == "running"


def test_done_checks_tell_a_resumed_run_what_not_to_redo(tmp_path):
    with Store(tmp_path / "r.sqlite") as store:
        run = store.start_run("s", "h", {})
        other = store.start_run("s", "h", {})
        store.record_attempts(run, [attempt(), attempt(cand="by\n  sorry", purpose="statement", allow_sorry=True,
                                                      status="sketch_ok")])
        store.record_attempts(other, [attempt(goal="g9")])
        done = store.done_checks(run)
        assert set(done) == {check_key("g1", "by\n  omega", False), check_key("g1", "by\n  sorry", True)}
        assert done[check_key("g1", "by\n  sorry", True)] == verdict("sketch_ok")
        assert store.duplicate_checks(run) == []
        store.record_attempts(run, [attempt()])
        assert store.duplicate_checks(run) == [("g1", candidate_hash("by\n  omega"), False, 2)]


def test_tactic_stats_count_successes_per_feature_and_skip_the_current_run(tmp_path):
    with Store(tmp_path / "r.sqlite") as store:
        old = store.start_run("s", "h", {})
        store.record_attempts(old, [
            attempt(label="omega", status="proved"), attempt(goal="g2", label="omega", status="failed"),
            attempt(goal="g3", label="grind", status="proved", features=["head:∧"]),
            attempt(goal="g4", label="x", status="sketch_ok", purpose="statement"),
        ])
        now = store.start_run("s", "h", {})
        store.record_attempts(now, [attempt(goal="g5", label="omega", status="proved")])
        stats = store.tactic_stats("automation", exclude_run=now)
        assert stats[("omega", "type:Nat")] == (1, 2)
        assert stats[("grind", "head:∧")] == (1, 1)
        assert ("x", "type:Nat") not in stats
        assert store.tactic_stats("automation")[("omega", "type:Nat")] == (2, 3)


def test_goals_theorems_and_stage_timings_upsert(tmp_path):
    with Store(tmp_path / "r.sqlite") as store:
        run = store.start_run("s", "h", {})
        goal = GoalRow(goal_key="g1", theorem_id="t1", statement="theorem t1 : True", depth=0, status="open")
        store.save_goals(run, [goal])
        proved = goal.model_copy(update={"status": "proved", "proof": "by\n  trivial", "proved_by": "automation:trivial",
                                         "parents": ("g0",)})
        store.save_goals(run, [proved])
        assert store.goals(run) == [proved]
        assert store.db.execute("SELECT parents FROM goals").fetchone()[0] == '["g0"]'  # the schema's JSON list
        store.save_theorems(run, [TheoremRow(theorem_id="t1", statement="theorem t1 : True", status="running")])
        done = TheoremRow(theorem_id="t1", statement="theorem t1 : True", status="proved", proof="by\n  trivial",
                          prover="automation", tactic="trivial", attempts=3, checks=5, seconds=1.5)
        store.save_theorems(run, [done])
        assert store.theorems(run) == [done]
        with pytest.raises(ValidationError):
            GoalRow(goal_key="g2", theorem_id="t1", statement="theorem t1 : True", depth=0, status="done")
        store.add_stage_time(run, "checking", 2.0, 10)
        store.add_stage_time(run, "checking", 1.0, 5)
        store.add_stage_time(run, "assembly", 0.5, 1)
        assert store.stage_timings(run) == {"checking": (3.0, 15), "assembly": (0.5, 1)}
        with pytest.raises(ValueError):
            store.add_stage_time(run, "lunch", 1.0)


WRITER = """
import sys, time
from etp.core import Verdict
from etp.store import Store, AttemptRow
store = Store(sys.argv[1])
run = store.start_run("s", "h", {})
for i in range(1000):
    store.record_attempts(run, [AttemptRow(theorem_id="t", goal_key=f"g{i}", prover="p", label="l",
        purpose="candidate", candidate=f"c{i}", allow_sorry=False, verdict=Verdict(status="failed"))])
    time.sleep(0.01)
"""


def test_sigkill_loses_no_committed_attempt(tmp_path):
    path = tmp_path / "r.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)])
    try:
        deadline = time.monotonic() + 30
        seen = 0
        while seen < 20 and time.monotonic() < deadline:
            time.sleep(0.05)
            if path.exists():
                try:
                    with sqlite3.connect(path, timeout=5) as db:
                        seen = db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
                except sqlite3.OperationalError:
                    pass
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert seen >= 20
    with Store(path) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = store.attempts(1)
        assert len(rows) >= seen
        assert [r.goal_key for r in rows] == [f"g{i}" for i in range(len(rows))]
