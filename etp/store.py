"""The results store: SQLite in WAL mode, one row per check written as it happens.

Tables
  runs           one row per run (theorem set, configuration, start/end)
  theorems       per run and theorem: status, proof, winning prover and tactic, counts, seconds
  goals          per run and goal of the DAG: statement, depth, status, proof
  attempts       one row per candidate check (also structural probes, statement checks and
                 assembly checks): goal, prover, candidate, verdict, seconds, time written,
                 and a row with `cached = 1` (no Lean time) for a candidate that carried a
                 prover's record and was answered by an earlier check of the same run,
                 and what the prover recorded about the candidate (`meta`, JSON: a model
                 sample's prompt hash, tokens and seconds, a genetic script's generation)
  stage_timings  per run and stage (decomposition, generation, checking, assembly)

The store takes and returns typed rows: `AttemptRow` (its verdict an `etp.core.Verdict`),
`GoalRow`, `TheoremRow`, `RunInfo`. A verdict is kept whole as JSON in `attempts.verdict`
and read back as an equal Verdict; its status, reason, seconds and cached flag are copied
into columns of their own for queries.

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
from pathlib import Path
from typing import Iterable, Literal, get_args

from pydantic import BaseModel, ConfigDict

from etp.core import GoalStatus, Purpose, Status, Verdict

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
    created REAL NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}'
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


class _Row(BaseModel):
    """A row of one of the store's tables: its fields are the table's columns, by name."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class AttemptRow(_Row):
    """One check: written to `attempts` as Lean returns it, read back as written."""

    theorem_id: str
    goal_key: str
    prover: str
    label: str
    purpose: Purpose
    candidate: str  # the text Lean checked, after `:=`
    allow_sorry: bool
    verdict: Verdict
    features: frozenset[str] = frozenset()  # the goal's shape features (the portfolio's statistics)
    wave: int = 0
    meta: dict = {}  # what the prover recorded about the candidate (Candidate.meta)

    @property
    def status(self) -> Status:
        return self.verdict.status

    @property
    def candidate_hash(self) -> str:
        return candidate_hash(self.candidate)

    @property
    def key(self) -> CheckKey:
        return check_key(self.goal_key, self.candidate, self.allow_sorry)


class GoalRow(_Row):
    """One goal of a run's DAG, as saved after every wave."""

    goal_key: str
    theorem_id: str  # the theorem whose DAG first created the goal
    statement: str
    depth: int
    status: GoalStatus
    proof: str | None = None
    proved_by: str = ""
    parents: tuple[str, ...] = ()  # goal keys of the goals it is a child of
    reason: str = ""


class TheoremRow(_Row):
    """One theorem's outcome so far ("running" while the run holds it open)."""

    theorem_id: str
    statement: str
    status: TheoremStatus
    proof: str | None = None
    prover: str = ""
    tactic: str = ""
    attempts: int = 0  # prover candidates proposed
    checks: int = 0
    seconds: float = 0.0
    reason: str = ""


class RunInfo(_Row):
    """One run: its theorem set, its stored configuration, when it started and finished."""

    id: int
    theorem_set: str
    set_hash: str
    config: dict
    runtime: str
    started: float
    finished: float | None
    resumed: int  # times it was resumed


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
        self._migrate()

    def _migrate(self) -> None:
        """Bring a store written by an earlier etp up to SCHEMA (columns added since)."""
        columns = {r["name"] for r in self.db.execute("PRAGMA table_info(attempts)")}
        if "meta" not in columns:
            self.db.execute("ALTER TABLE attempts ADD COLUMN meta TEXT NOT NULL DEFAULT '{}'")

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
        return RunInfo(**{**dict(row), "config": json.loads(row["config"])})

    def run(self, run_id: int) -> RunInfo | None:
        return self._run(self.db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone())

    def latest_run(self) -> RunInfo | None:
        return self._run(self.db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone())

    def mark_resumed(self, run_id: int) -> None:
        self.db.execute("UPDATE runs SET resumed = resumed + 1, finished = NULL WHERE id = ?", (run_id,))

    def finish_run(self, run_id: int) -> None:
        self.db.execute("UPDATE runs SET finished = ? WHERE id = ?", (time.time(), run_id))

    # -------------------------------------------------------------- attempts

    def record_attempts(self, run_id: int, rows: list[AttemptRow]) -> None:
        """Write checks in one committed transaction (call once per batch Lean returns)."""
        now = time.time()
        self._tx(
            (
                "INSERT INTO attempts (run_id, theorem_id, goal_key, prover, label, purpose, candidate,"
                " candidate_hash, allow_sorry, status, reason, seconds, cached, features, verdict, wave, created, meta)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, r.theorem_id, r.goal_key, r.prover, r.label, r.purpose, r.candidate,
                 r.candidate_hash, int(r.allow_sorry), r.verdict.status, r.verdict.reason[:4000],
                 float(r.verdict.seconds), int(r.verdict.cached), " ".join(sorted(r.features)),
                 json.dumps(r.verdict.model_dump(mode="json"), ensure_ascii=False), r.wave, now,
                 json.dumps(r.meta, ensure_ascii=False, sort_keys=True, default=str)),
            )
            for r in rows
        )

    def done_checks(self, run_id: int) -> dict[CheckKey, Verdict]:
        """The verdict of every check this run already made: a resumed run redoes none. (Final
        checks are made again at the end of every run and are not replayed; of a key's rows
        the first, the check itself, gives the verdict.)"""
        rows = self.db.execute(
            "SELECT goal_key, candidate_hash, allow_sorry, verdict FROM attempts WHERE run_id = ? AND purpose != 'final'"
            " ORDER BY id",
            (run_id,),
        )
        done: dict[CheckKey, Verdict] = {}
        for r in rows:
            key = (r["goal_key"], r["candidate_hash"], bool(r["allow_sorry"]))
            if key not in done:
                done[key] = Verdict.model_validate_json(r["verdict"])
        return done

    def checks_made(self, run_id: int) -> int:
        """How many checks `done_checks` holds, without reading the verdicts."""
        return self.db.execute(
            "SELECT COUNT(*) FROM (SELECT DISTINCT goal_key, candidate_hash, allow_sorry FROM attempts"
            " WHERE run_id = ? AND purpose != 'final')",
            (run_id,),
        ).fetchone()[0]

    def attempts(self, run_id: int) -> list[AttemptRow]:
        """Every check of the run, in the order they were written."""
        return [AttemptRow(**{**r, "allow_sorry": bool(r["allow_sorry"]), "features": r["features"].split(),
                              "verdict": Verdict.model_validate_json(r["verdict"]), "meta": json.loads(r["meta"])})
                for r in self._read("attempts", AttemptRow, run_id, order="id")]

    def duplicate_checks(self, run_id: int) -> list[tuple[str, str, bool, int]]:
        """(goal, candidate hash, allow_sorry, times) for every check made more than once."""
        rows = self.db.execute(
            "SELECT goal_key, candidate_hash, allow_sorry, COUNT(*) AS n FROM attempts WHERE run_id = ?"
            " AND purpose != 'final' AND cached = 0 GROUP BY goal_key, candidate_hash, allow_sorry HAVING n > 1",
            (run_id,),
        )
        return [(r[0], r[1], bool(r[2]), r[3]) for r in rows]

    def tactic_stats(self, prover: str, exclude_run: int | None = None) -> dict[tuple[str, str], tuple[int, int]]:
        """(label, feature) -> (proved, tried) over the prover's past candidate checks."""
        rows = self.db.execute(
            "SELECT label, features, status FROM attempts WHERE prover = ? AND purpose = 'candidate' AND cached = 0"
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

    def proved_proofs(self, limit: int = 500) -> list[str]:
        """The latest distinct candidates that proved a goal, over every run of the store."""
        rows = self.db.execute(
            "SELECT candidate, MAX(id) AS last FROM attempts WHERE purpose = 'candidate' AND status = 'proved'"
            " GROUP BY candidate ORDER BY last DESC LIMIT ?", (limit,))
        return [r["candidate"] for r in rows]

    # ------------------------------------------------------- goals, theorems

    def save_goals(self, run_id: int, goals: list[GoalRow]) -> None:
        rows = [{**g.model_dump(), "parents": json.dumps(list(g.parents))} for g in goals]
        self._upsert("goals", run_id, rows, key="goal_key", keep=("theorem_id", "statement"))

    def goals(self, run_id: int) -> list[GoalRow]:
        return [GoalRow(**{**r, "parents": json.loads(r["parents"])}) for r in self._read("goals", GoalRow, run_id)]

    def save_theorems(self, run_id: int, theorems: list[TheoremRow]) -> None:
        self._upsert("theorems", run_id, [t.model_dump() for t in theorems], key="theorem_id", keep=("statement",))

    def theorems(self, run_id: int) -> list[TheoremRow]:
        return [TheoremRow(**r) for r in self._read("theorems", TheoremRow, run_id)]

    def _upsert(self, table: str, run_id: int, rows: list[dict], key: str, keep: tuple[str, ...]) -> None:
        """Insert rows (column -> value) in one transaction; a row whose (run_id, key) is there
        already updates it, but for the `keep` columns. `updated` is set to now."""
        if not rows:
            return
        columns = [*rows[0], "updated"]
        changed = [c for c in columns if c != key and c not in keep]
        sql = (f"INSERT INTO {table} (run_id, {', '.join(columns)}) VALUES ({', '.join('?' * (len(columns) + 1))})"
               f" ON CONFLICT (run_id, {key}) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in changed))
        now = time.time()
        self._tx((sql, (run_id, *row.values(), now)) for row in rows)

    def _read(self, table: str, model: type[_Row], run_id: int, order: str = "rowid") -> list[dict]:
        """A run's rows of a table, as dicts of the model's fields (its columns), in `order`."""
        columns = ", ".join(model.model_fields)
        rows = self.db.execute(f"SELECT {columns} FROM {table} WHERE run_id = ? ORDER BY {order}", (run_id,))
        return [dict(r) for r in rows]

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
