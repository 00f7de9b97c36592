"""The results store: SQLite in WAL mode, one row per check written as it happens.

Tables
  runs           one row per run (theorem set, configuration, start/end)
  theorems       per run and theorem: status, proof, winning prover and tactic, counts, seconds
  goals          per run and goal of the DAG: statement, depth, status, proof
  attempts       one row per candidate check (also structural probes, statement checks and
                 assembly checks): goal, prover, candidate, verdict, seconds, time written
  stage_timings  per run and stage (decomposition, generation, checking, assembly)

A run killed at any moment loses at most the checks in flight: every batch of verdicts is
committed as soon as Lean returns it, and `done_checks` tells a resumed run which
(goal, candidate) checks it must not run again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal, get_args

from etp.core import Purpose

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    theorem_set TEXT NOT NULL,
    set_hash TEXT NOT NULL,
    config TEXT NOT NULL,
    runtime TEXT NOT NULL DEFAULT '',
    started REAL NOT NULL,
    finished REAL,
    resumed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS theorems (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    theorem_id TEXT NOT NULL,
    statement TEXT NOT NULL,
    status TEXT NOT NULL,
    proof TEXT,
    prover TEXT NOT NULL DEFAULT '',
    tactic TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    checks INTEGER NOT NULL DEFAULT 0,
    seconds REAL NOT NULL DEFAULT 0,
    reason TEXT NOT NULL DEFAULT '',
    updated REAL NOT NULL,
    PRIMARY KEY (run_id, theorem_id)
);
CREATE TABLE IF NOT EXISTS goals (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    goal_key TEXT NOT NULL,
    theorem_id TEXT NOT NULL,
    statement TEXT NOT NULL,
    depth INTEGER NOT NULL,
    status TEXT NOT NULL,
    proof TEXT,
    proved_by TEXT NOT NULL DEFAULT '',
    parents TEXT NOT NULL DEFAULT '[]',
    reason TEXT NOT NULL DEFAULT '',
    updated REAL NOT NULL,
    PRIMARY KEY (run_id, goal_key)
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    theorem_id TEXT NOT NULL,
    goal_key TEXT NOT NULL,
    prover TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL,
    candidate TEXT NOT NULL,
    candidate_hash TEXT NOT NULL,
    allow_sorry INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    seconds REAL NOT NULL DEFAULT 0,
    cached INTEGER NOT NULL DEFAULT 0,
    features TEXT NOT NULL DEFAULT '',
    verdict TEXT NOT NULL,
    wave INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_check ON attempts (run_id, goal_key, candidate_hash, allow_sorry);
CREATE INDEX IF NOT EXISTS attempts_prover ON attempts (prover, status);
CREATE TABLE IF NOT EXISTS stage_timings (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    stage TEXT NOT NULL,
    seconds REAL NOT NULL DEFAULT 0,
    checks INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, stage)
);
"""

# The states and kinds recorded here, each defined once (the pipeline writes them).
Stage = Literal["generation", "checking", "decomposition", "assembly", "final check"]  # in report order
STAGES: tuple[Stage, ...] = get_args(Stage)
# A theorem's outcome ("open" while a run holds it in memory, "running" as saved mid-run).
TheoremStatus = Literal["proved", "failed", "invalid_statement", "open", "running"]


def candidate_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


CheckKey = tuple[str, str, bool]  # (goal key, candidate hash, allow_sorry)


def check_key(goal_key: str, candidate: str, allow_sorry: bool) -> CheckKey:
    return (goal_key, candidate_hash(candidate), bool(allow_sorry))


@dataclass
class AttemptRecord:
    """One check as it is written to `attempts`."""

    theorem_id: str
    goal_key: str
    prover: str
    label: str
    purpose: Purpose
    candidate: str
    allow_sorry: bool
    verdict: dict  # Verdict.model_dump(mode="json")
    features: str = ""
    wave: int = 0


@dataclass
class RunInfo:
    id: int
    theorem_set: str
    set_hash: str
    config: dict
    runtime: str
    started: float
    finished: float | None
    resumed: int


class Store:
    """The SQLite results store of one output folder."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _tx(self, statements: Iterable[tuple[str, tuple]]) -> None:
        """Run statements in one committed transaction."""
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            for sql, params in statements:
                cur.execute(sql, params)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------------ runs

    def start_run(self, theorem_set: str, set_hash: str, config: dict, runtime: str = "") -> int:
        cur = self.db.execute(
            "INSERT INTO runs (theorem_set, set_hash, config, runtime, started) VALUES (?, ?, ?, ?, ?)",
            (theorem_set, set_hash, json.dumps(config, sort_keys=True), runtime, time.time()),
        )
        return int(cur.lastrowid)

    def _run(self, row: sqlite3.Row | None) -> RunInfo | None:
        if row is None:
            return None
        return RunInfo(row["id"], row["theorem_set"], row["set_hash"], json.loads(row["config"]),
                       row["runtime"], row["started"], row["finished"], row["resumed"])

    def run(self, run_id: int) -> RunInfo | None:
        return self._run(self.db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone())

    def latest_run(self) -> RunInfo | None:
        return self._run(self.db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone())

    def mark_resumed(self, run_id: int) -> None:
        self.db.execute("UPDATE runs SET resumed = resumed + 1, finished = NULL WHERE id = ?", (run_id,))

    def finish_run(self, run_id: int) -> None:
        self.db.execute("UPDATE runs SET finished = ? WHERE id = ?", (time.time(), run_id))

    # -------------------------------------------------------------- attempts

    def record_attempts(self, run_id: int, records: list[AttemptRecord]) -> None:
        """Write checks in one committed transaction (call once per batch Lean returns)."""
        now = time.time()
        self._tx(
            (
                "INSERT INTO attempts (run_id, theorem_id, goal_key, prover, label, purpose, candidate,"
                " candidate_hash, allow_sorry, status, reason, seconds, cached, features, verdict, wave, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, r.theorem_id, r.goal_key, r.prover, r.label, r.purpose, r.candidate,
                 candidate_hash(r.candidate), int(r.allow_sorry), r.verdict.get("status", ""),
                 r.verdict.get("reason", "")[:4000], float(r.verdict.get("seconds", 0.0)),
                 int(bool(r.verdict.get("cached", False))), r.features,
                 json.dumps(r.verdict, ensure_ascii=False), r.wave, now),
            )
            for r in records
        )

    def done_checks(self, run_id: int) -> dict[CheckKey, dict]:
        """The verdict of every check this run already made: a resumed run redoes none. (Final
        checks are made again at the end of every run and are not replayed.)"""
        rows = self.db.execute(
            "SELECT goal_key, candidate_hash, allow_sorry, verdict FROM attempts WHERE run_id = ? AND purpose != 'final'"
            " ORDER BY id",
            (run_id,),
        )
        return {(r["goal_key"], r["candidate_hash"], bool(r["allow_sorry"])): json.loads(r["verdict"]) for r in rows}

    def attempts(self, run_id: int) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM attempts WHERE run_id = ? ORDER BY id", (run_id,)).fetchall()

    def duplicate_checks(self, run_id: int) -> list[tuple[str, str, bool, int]]:
        """(goal, candidate hash, allow_sorry, times) for every check made more than once."""
        rows = self.db.execute(
            "SELECT goal_key, candidate_hash, allow_sorry, COUNT(*) AS n FROM attempts WHERE run_id = ?"
            " AND purpose != 'final' GROUP BY goal_key, candidate_hash, allow_sorry HAVING n > 1",
            (run_id,),
        )
        return [(r[0], r[1], bool(r[2]), r[3]) for r in rows]

    def tactic_stats(self, prover: str, exclude_run: int | None = None) -> dict[tuple[str, str], tuple[int, int]]:
        """(label, feature) -> (proved, tried) over the prover's past candidate checks."""
        rows = self.db.execute(
            "SELECT label, features, status FROM attempts WHERE prover = ? AND purpose = 'candidate'"
            " AND run_id IS NOT ? AND status IN ('proved', 'failed', 'timeout')",
            (prover, exclude_run),
        )
        proved: Counter = Counter()
        tried: Counter = Counter()
        for r in rows:
            for feat in r["features"].split():
                tried[(r["label"], feat)] += 1
                if r["status"] == "proved":
                    proved[(r["label"], feat)] += 1
        return {k: (proved[k], n) for k, n in tried.items()}

    # ------------------------------------------------------- goals, theorems

    def save_goals(self, run_id: int, goals: list[dict]) -> None:
        now = time.time()
        self._tx(
            (
                "INSERT INTO goals (run_id, goal_key, theorem_id, statement, depth, status, proof, proved_by,"
                " parents, reason, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (run_id, goal_key) DO UPDATE SET depth = excluded.depth, status = excluded.status,"
                " proof = excluded.proof, proved_by = excluded.proved_by, parents = excluded.parents,"
                " reason = excluded.reason, updated = excluded.updated",
                (run_id, g["key"], g["theorem"], g["statement"], g["depth"], g["status"], g.get("proof"),
                 g.get("proved_by", ""), json.dumps(g.get("parents", [])), g.get("reason", ""), now),
            )
            for g in goals
        )

    def goals(self, run_id: int) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM goals WHERE run_id = ? ORDER BY rowid", (run_id,)).fetchall()

    def save_theorems(self, run_id: int, rows: list[dict]) -> None:
        now = time.time()
        self._tx(
            (
                "INSERT INTO theorems (run_id, theorem_id, statement, status, proof, prover, tactic, attempts,"
                " checks, seconds, reason, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (run_id, theorem_id) DO UPDATE SET status = excluded.status, proof = excluded.proof,"
                " prover = excluded.prover, tactic = excluded.tactic, attempts = excluded.attempts,"
                " checks = excluded.checks, seconds = excluded.seconds, reason = excluded.reason,"
                " updated = excluded.updated",
                (run_id, t["id"], t["statement"], t["status"], t.get("proof"), t.get("prover", ""),
                 t.get("tactic", ""), t.get("attempts", 0), t.get("checks", 0), t.get("seconds", 0.0),
                 t.get("reason", ""), now),
            )
            for t in rows
        )

    def theorems(self, run_id: int) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM theorems WHERE run_id = ? ORDER BY rowid", (run_id,)).fetchall()

    # ---------------------------------------------------------------- stages

    def add_stage_time(self, run_id: int, stage: Stage, seconds: float, checks: int = 0) -> None:
        if stage not in STAGES:
            raise ValueError(f"unknown stage {stage!r}")
        self.db.execute(
            "INSERT INTO stage_timings (run_id, stage, seconds, checks) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (run_id, stage) DO UPDATE SET seconds = seconds + excluded.seconds,"
            " checks = checks + excluded.checks",
            (run_id, stage, seconds, checks),
        )

    def stage_timings(self, run_id: int) -> dict[str, tuple[float, int]]:
        rows = self.db.execute("SELECT stage, seconds, checks FROM stage_timings WHERE run_id = ?", (run_id,))
        return {r["stage"]: (r["seconds"], r["checks"]) for r in rows}
