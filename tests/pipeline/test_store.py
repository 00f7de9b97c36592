"""The results store against real SQLite: committed as it happens, survives a kill, resumable."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from etp.store import AttemptRecord, Store, candidate_hash, check_key


def verdict(status="failed", seconds=0.5, **extra):
    return {"status": status, "reason": "" if status == "proved" else "nope", "seconds": seconds, "goals": [], **extra}


def attempt(goal="g1", cand="by\n  omega", status="failed", label="omega", purpose="candidate", allow_sorry=False,
            features="head:= type:Nat"):
    return AttemptRecord(theorem_id="t1", goal_key=goal, prover="automation", label=label, purpose=purpose,
                         candidate=cand, allow_sorry=allow_sorry, verdict=verdict(status), features=features)


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


def test_done_checks_tell_a_resumed_run_what_not_to_redo(tmp_path):
    with Store(tmp_path / "r.sqlite") as store:
        run = store.start_run("s", "h", {})
        other = store.start_run("s", "h", {})
        store.record_attempts(run, [attempt(), attempt(cand="by\n  sorry", purpose="statement", allow_sorry=True,
                                                      status="sketch_ok")])
        store.record_attempts(other, [attempt(goal="g9")])
        done = store.done_checks(run)
        assert set(done) == {check_key("g1", "by\n  omega", False), check_key("g1", "by\n  sorry", True)}
        assert done[check_key("g1", "by\n  sorry", True)]["status"] == "sketch_ok"
        assert store.duplicate_checks(run) == []
        store.record_attempts(run, [attempt()])
        assert store.duplicate_checks(run) == [("g1", candidate_hash("by\n  omega"), False, 2)]


def test_tactic_stats_count_successes_per_feature_and_skip_the_current_run(tmp_path):
    with Store(tmp_path / "r.sqlite") as store:
        old = store.start_run("s", "h", {})
        store.record_attempts(old, [
            attempt(label="omega", status="proved"), attempt(goal="g2", label="omega", status="failed"),
            attempt(goal="g3", label="grind", status="proved", features="head:∧"),
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
        goal = {"key": "g1", "theorem": "t1", "statement": "theorem t1 : True", "depth": 0, "status": "open"}
        store.save_goals(run, [goal])
        store.save_goals(run, [goal | {"status": "proved", "proof": "by\n  trivial", "proved_by": "automation:trivial",
                                       "parents": ["g0"]}])
        (row,) = store.goals(run)
        assert (row["status"], row["proof"], row["parents"]) == ("proved", "by\n  trivial", '["g0"]')
        store.save_theorems(run, [{"id": "t1", "statement": "theorem t1 : True", "status": "running"}])
        store.save_theorems(run, [{"id": "t1", "statement": "theorem t1 : True", "status": "proved", "prover": "automation",
                                   "tactic": "trivial", "attempts": 3, "checks": 5, "seconds": 1.5}])
        (t,) = store.theorems(run)
        assert (t["status"], t["tactic"], t["attempts"], t["checks"], t["seconds"]) == ("proved", "trivial", 3, 5, 1.5)
        store.add_stage_time(run, "checking", 2.0, 10)
        store.add_stage_time(run, "checking", 1.0, 5)
        store.add_stage_time(run, "assembly", 0.5, 1)
        assert store.stage_timings(run) == {"checking": (3.0, 15), "assembly": (0.5, 1)}
        with pytest.raises(ValueError):
            store.add_stage_time(run, "lunch", 1.0)


WRITER = """
import sys, time
from etp.store import Store, AttemptRecord
store = Store(sys.argv[1])
run = store.start_run("s", "h", {})
for i in range(1000):
    store.record_attempts(run, [AttemptRecord(theorem_id="t", goal_key=f"g{i}", prover="p", label="l",
        purpose="candidate", candidate=f"c{i}", allow_sorry=False, verdict={"status": "failed", "seconds": 0.0})])
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
        assert [r["goal_key"] for r in rows] == [f"g{i}" for i in range(len(rows))]
