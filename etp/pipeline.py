"""`python -m etp.pipeline THEOREM_SET`: prove a theorem set, wave by wave, with Lean.

Flow: load the set; pick the Lean runtime; build the EconLean library if the set imports it;
then waves until nothing is left to do. A wave sends, in one batched verifier call, every
check that is ready across all theorems: each theorem statement's own check (does it
elaborate?), the provers' candidates for every ready goal, structural probes (`constructor`,
`intros`, `cases`, ... whose unsolved goals become child goals when the candidates fail),
and the assembled proofs of goals whose children are all proved. Verdicts are committed to
the store as each batch returns; `--resume` replays them and checks only what is missing.
At the end: a summary on stdout, and results.jsonl, Proofs.lean, report.md and the goal
DAG (dag.json, dag.graphml, dag.png with matplotlib) in the output folder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from etp.dag import GoalDAG, parse_sketch, sketch_plan, structural_plan, structural_tactics
from etp.goals import GoalParseError, parse_signature
from etp.lean.screen import ScreenError, normalize
from etp.core import CheckRequest, Header, Verdict, split_statement
from etp.lean.batch import PROJECT_OPTIONS
from etp.library import LibraryIndex
from etp.provers import Budget, Candidate, Goal, Prover, UnknownProver, make_prover, PROVERS
from etp.store import AttemptRecord, Store, check_key
from etp.theorems import TheoremSetError, TheoremSpec, load_theorem_set

CORE_PREFIXES = ("Init", "Std", "Lean", "Lake")
RANK_STEP = 3  # candidates per goal checked before any goal's next ones
# A goal whose candidates ran out of time or crashed Lean this many times in a wave has its
# other candidates of the wave dropped: each such check costs a Lean process restart (~14 s
# embedded) on top of the wall-clock limit, and a goal that crashes Lean (say, its stack)
# crashes it with every candidate.
MAX_STRIKES = 2
DEFAULTS = {"provers": ["automation"], "candidates": 20, "time_limit": 600.0, "depth": 2, "seed": 0,
            "heartbeats": 200_000}


@dataclass
class Options:
    """Settings of one run (the budget is per theorem)."""

    provers: list[str] = field(default_factory=lambda: list(DEFAULTS["provers"]))
    candidates: int = DEFAULTS["candidates"]
    time_limit: float = DEFAULTS["time_limit"]
    depth: int = DEFAULTS["depth"]
    seed: int = DEFAULTS["seed"]
    only: list[str] = field(default_factory=list)
    workers: int = 2
    batch_size: int = 48


@dataclass
class Job:
    """One check to make in a wave."""

    goal_key: str
    theorem_id: str
    purpose: str  # candidate | sketch | structure | statement | assembly
    prover: str
    label: str
    proof: str
    allow_sorry: bool = False
    stage: str = "checking"
    decomposition: str = ""
    verdict: Verdict | None = None
    replayed: bool = False


def checked_text(proof: str) -> str:
    """The text Lean checks for a candidate: comments blanked (etp.lean.screen.normalize).
    Recorded and assembled as such, so Proofs.lean holds exactly what Lean read."""
    try:
        return normalize(proof)
    except ScreenError:
        return proof  # the verifier refuses it with the reason


def check_order(jobs: list[Job], header_of: Callable[[Job], Header]) -> list[Job]:
    """A wave's jobs in checking order: by each candidate's rank among its goal's candidates
    in steps of RANK_STEP, then by header (a Lean process serves one header), then by rank.
    Every goal's best few candidates go before any goal's next few, so a goal its first
    candidate proves has few others checked in the same round. (Ordered by header first, a
    round held ranks 0-6 of a header's goals.) Other jobs (statements, probes) rank 0."""
    seen: dict[str, int] = defaultdict(int)
    rank: dict[int, int] = {}
    for job in jobs:
        rank[id(job)] = 0
        if job.purpose == "candidate":
            rank[id(job)] = seen[job.goal_key]
            seen[job.goal_key] += 1

    def key(job: Job):
        h = header_of(job)
        return (rank[id(job)] // RANK_STEP, h.imports, h.open, rank[id(job)])

    return sorted(jobs, key=key)


def rounds(order: list[Job], header_of: Callable[[Job], Header], workers: int, batch_size: int) -> list[list[Job]]:
    """Cut jobs in checking order into rounds of `workers` Lean processes' worth.

    A Lean process serves one header and pays a start-up, so each header's jobs (in order) are
    cut into equal chunks of at most batch_size, and a round takes `workers` chunks: every
    header's first chunk before any header's second. A goal has one header, so what its earlier
    chunks proved is known when its next chunk is cut down. (Cut over all headers at once, a
    round held a few checks of each header: one short Lean process apiece.)"""
    by_header: dict[Header, list[Job]] = {}
    for job in order:
        by_header.setdefault(header_of(job), []).append(job)
    chunks = []  # (chunk number within its header, header number, jobs)
    for h, header_jobs in enumerate(by_header.values()):
        size = math.ceil(len(header_jobs) / math.ceil(len(header_jobs) / max(1, batch_size)))
        for k in range(0, len(header_jobs), size):
            chunks.append((k // size, h, header_jobs[k:k + size]))
    chunks.sort(key=lambda c: (c[0], c[1]))
    step = max(1, workers)
    return [[job for _, _, part in chunks[i:i + step] for job in part] for i in range(0, len(chunks), step)]


@dataclass
class TheoremState:
    spec: TheoremSpec
    candidates: int = 0  # prover candidates proposed
    checks: int = 0  # every check made for its goals
    seconds: float = 0.0  # Lean seconds of those checks
    invalid: str = ""

    def over_budget(self, options: Options) -> bool:
        return self.candidates >= options.candidates or self.seconds >= options.time_limit


@dataclass
class RunSummary:
    run_id: int
    rows: list[dict]
    waves: int
    checks: int
    replayed: int
    seconds: float
    stage_seconds: dict[str, tuple[float, int]]
    lean_processes: int
    final_checked: int = 0  # proofs re-checked by the final check
    final_refused: int = 0


def set_hash(specs: list[TheoremSpec]) -> str:
    payload = json.dumps([s.model_dump(mode="json") for s in specs], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _fmt_time(seconds: float | None) -> str:
    if seconds is None or not math.isfinite(seconds):
        return "?"
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class Pipeline:
    """One run over a theorem set: the waves, the DAG, the store."""

    def __init__(
        self,
        specs: list[TheoremSpec],
        *,
        verifier,
        store: Store,
        run_id: int,
        options: Options,
        provers: list[Prover],
        log: Callable[[str], None] | None = None,
    ):
        self.specs = specs
        self.verifier = verifier
        self.store = store
        self.run_id = run_id
        self.options = options
        self.provers = provers
        self.log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
        self.dag = GoalDAG(max_depth=options.depth)
        self.library = LibraryIndex()  # which definitions a goal's conclusion may be unfolded by
        self.theorems: dict[str, TheoremState] = {s.id: TheoremState(s) for s in specs}
        # Verdicts recorded under another checker (library build, runtime, limits, versions) are
        # not reused: a resumed run whose inputs changed checks again.
        recorded = store.done_checks(run_id)
        checker = getattr(verifier, "fingerprint", "")
        self.done = {k: v for k, v in recorded.items() if v.get("checker", "") == checker}
        if len(self.done) < len(recorded):
            self.log(f"etp: {len(recorded) - len(self.done)} recorded verdict(s) came from another checker "
                     "(library, runtime, limits or version changed): checking again")
        self.final_failures: dict[str, str] = {}  # theorem id -> why the final check refused it
        self.final_checked = 0
        self.stage_time: dict[str, float] = defaultdict(float)
        self.checks_run = 0
        self.replayed = 0
        self.waves = 0
        self.start = time.monotonic()
        self._attempted: list[str] = []

    # ------------------------------------------------------------------ run

    def run(self) -> RunSummary:
        for spec in self.specs:
            try:
                statement = normalize(spec.lean_statement)  # what Lean reads: comments blanked
                parse_signature(statement)
            except (GoalParseError, ScreenError) as exc:
                self.theorems[spec.id].invalid = str(exc)
                continue
            node = self.dag.add_root(spec.id, spec.header, statement)
            if node.theorem_id != spec.id:
                self.log(f"etp: {spec.id} states the same goal as {node.theorem_id}: proved once for both")
        while True:
            jobs = self._plan_wave()
            if not jobs and not self._attempted:
                break
            self.waves += 1
            self._run_jobs(jobs)
            self._apply(jobs)
            self._save_state()
        for key, node in self.dag.goals.items():
            if node.status == "open":
                reason = "budget exhausted" if self.theorems[node.theorem_id].over_budget(self.options) else "not reached"
                self.dag.mark_failed(key, reason)
        self._final_check()
        self._save_state()
        self.store.finish_run(self.run_id)
        rows = self.results()
        return RunSummary(
            run_id=self.run_id, rows=rows, waves=self.waves, checks=self.checks_run, replayed=self.replayed,
            seconds=time.monotonic() - self.start, stage_seconds=self.store.stage_timings(self.run_id),
            lean_processes=getattr(self.verifier, "stats", {}).get("lean_processes", 0),
            final_checked=self.final_checked, final_refused=len(self.final_failures),
        )

    # ----------------------------------------------------------- planning

    def _plan_wave(self) -> list[Job]:
        jobs: list[Job] = []
        candidates = [n for n in self.dag.ready_goals() if not self.theorems[n.theorem_id].over_budget(self.options)]
        allowance = self._allowance(candidates)
        # A goal with no candidate left in its theorem's budget waits (and fails at the end).
        ready = [n for n in candidates if allowance[n.key] > 0]
        self._attempted = [n.key for n in ready]
        for node in ready:
            node.attempted = True
            stage = "checking" if node.depth == 0 else "decomposition"
            if node.statement_ok is None:
                jobs.append(Job(node.key, node.theorem_id, "statement", "etp", "statement", "by\n  sorry",
                                allow_sorry=True, stage=stage))
            if node.depth < self.options.depth:
                for tactic in self._structural_tactics(node):
                    jobs.append(Job(node.key, node.theorem_id, "structure", "etp", tactic, f"by\n  {tactic}",
                                    stage="decomposition"))
        jobs.extend(self._generate(ready, allowance))
        for dec in self.dag.ready_assemblies():
            parent = self.dag.goals[dec.parent]
            jobs.append(Job(parent.key, parent.theorem_id, "assembly", "assembly", dec.plan.label,
                            dec.assembled or "", stage="assembly", decomposition=dec.id))
        return jobs

    def _structural_tactics(self, node) -> list[str]:
        unfold = self.library.relevant(node.header.imports, node.statement).direct
        return structural_tactics(node.statement, unfold=tuple(unfold),
                                  not_inductive=self.library.non_inductive_types(node.header.imports))

    def _allowance(self, nodes) -> dict[str, int]:
        """Candidates each goal may have: a theorem's budget left is shared by its goals of this
        wave; a goal that may still be decomposed gets half its share (the rest is kept for its
        subgoals)."""
        per_theorem: dict[str, list] = defaultdict(list)
        for node in nodes:
            per_theorem[node.theorem_id].append(node)
        allowance: dict[str, int] = {}
        for tid, group in per_theorem.items():
            left = max(0, self.options.candidates - self.theorems[tid].candidates)
            share, extra = divmod(left, len(group))
            for i, node in enumerate(group):
                mine = share + (1 if i < extra else 0)
                if node.depth < self.options.depth and self._structural_tactics(node):
                    mine = math.ceil(mine / 2)
                allowance[node.key] = mine
        return allowance

    def _generate(self, ready, allowance: dict[str, int]) -> list[Job]:
        """Ask every prover for candidates for the ready goals, within each theorem's budget."""
        if not ready:
            return []
        goals = [
            Goal(key=n.key, header=n.header, statement=n.statement, theorem_id=n.theorem_id, depth=n.depth,
                 features=n.features, informal=self.theorems[n.theorem_id].spec.informal if n.depth == 0 else "")
            for n in ready
        ]
        per_prover = max(1, len(self.provers))
        proposed: dict[str, list[Candidate]] = defaultdict(list)
        for prover in self.provers:
            budget = Budget(per_goal={k: math.ceil(v / per_prover) for k, v in allowance.items()}, seed=self.options.seed)
            t0 = time.monotonic()
            for cand in prover.propose(goals, budget):
                if cand.goal_key in allowance:
                    proposed[cand.goal_key].append(cand)
            self._add_stage("generation", time.monotonic() - t0, 0)
        jobs = []
        for node in ready:
            seen: set[tuple[str, bool]] = set()
            for cand in proposed[node.key]:
                sketch = cand.kind == "sketch"
                proof = checked_text(cand.proof)
                if (proof, sketch) in seen or len(seen) >= allowance[node.key]:
                    continue
                seen.add((proof, sketch))
                self.theorems[node.theorem_id].candidates += 1
                jobs.append(Job(node.key, node.theorem_id, "sketch" if sketch else "candidate", cand.prover,
                                cand.label, proof, allow_sorry=sketch,
                                stage="decomposition" if sketch else "checking"))
        return jobs

    # ------------------------------------------------------------ checking

    def _run_jobs(self, jobs: list[Job]) -> None:
        """Check a wave's jobs in rounds, committing verdicts after each round.

        Jobs go in `check_order`, cut into `rounds`; once a goal is proved, or MAX_STRIKES of
        its candidates timed out or crashed Lean, its later candidates are dropped, unchecked.
        The rounds are fixed from all the wave's jobs, replayed ones included, so a resumed run
        drops exactly what an uninterrupted one drops."""
        header_of = lambda job: self.dag.goals[job.goal_key].header  # noqa: E731
        order = check_order(jobs, header_of)
        total = len(order)
        first_of: dict[str, Job] = {}
        proved: set[str] = set()
        strikes: dict[str, int] = defaultdict(int)  # a goal's candidates that timed out or crashed Lean
        skipped: set[int] = set()
        fresh = sum(1 for j in jobs if check_key(j.goal_key, j.proof, j.allow_sorry) not in self.done)
        if total:
            self.log(f"etp: wave {self.waves}: {fresh} check(s) at most"
                     + (f", {total - fresh} replayed from the store" if total > fresh else ""))
        done = 0
        for batch in rounds(order, header_of, self.options.workers, self.options.batch_size):
            part = []
            for job in batch:
                key = check_key(job.goal_key, job.proof, job.allow_sorry)
                if job.purpose == "candidate" and (job.goal_key in proved or strikes[job.goal_key] >= MAX_STRIKES):
                    skipped.add(id(job))  # never checked: its candidate slot goes back to the budget
                    self.theorems[self.dag.goals[job.goal_key].theorem_id].candidates -= 1
                elif key in self.done:
                    job.verdict, job.replayed = Verdict.model_validate(self.done[key]), True
                    self.replayed += 1
                elif key not in first_of:  # the same check twice in one wave: shares the first one's verdict
                    first_of[key] = job
                    part.append(job)
            if part:
                self._check(part)
                done += len(part)
            for job in batch:
                if job.verdict is None and id(job) not in skipped:
                    job.verdict = first_of[check_key(job.goal_key, job.proof, job.allow_sorry)].verdict
                if job.purpose == "candidate" and job.verdict is not None and job.verdict.proved:
                    proved.add(job.goal_key)
                elif job.purpose == "candidate" and job.verdict is not None and job.verdict.status in ("timeout", "error"):
                    strikes[job.goal_key] += 1
            if part:
                self._progress(done, fresh, proved)
        jobs[:] = [j for j in jobs if id(j) not in skipped]
        for job in jobs:
            state = self.theorems[self.dag.goals[job.goal_key].theorem_id]
            state.checks += 1
            state.seconds += job.verdict.seconds

    def _check(self, part: list[Job]) -> None:
        """One round: the verifier's verdicts, committed to the store at once."""
        requests = [
            CheckRequest(header=self.dag.goals[j.goal_key].header, statement=self.dag.goals[j.goal_key].statement,
                         proof=j.proof, allow_sorry=j.allow_sorry, tag=f"{j.purpose}:{j.label}")
            for j in part
        ]
        t0 = time.monotonic()
        verdicts = self.verifier.check(requests)
        wall = time.monotonic() - t0
        records = []
        for job, verdict in zip(part, verdicts):
            job.verdict = verdict
            dump = verdict.model_dump(mode="json")
            self.done[check_key(job.goal_key, job.proof, job.allow_sorry)] = dump
            node = self.dag.goals[job.goal_key]
            records.append(AttemptRecord(
                theorem_id=node.theorem_id, goal_key=job.goal_key, prover=job.prover, label=job.label,
                purpose=job.purpose, candidate=job.proof, allow_sorry=job.allow_sorry, verdict=dump,
                features=" ".join(sorted(node.features)), wave=self.waves,
            ))
        self.store.record_attempts(self.run_id, records)
        self.checks_run += len(part)
        self._attribute(part, wall)

    def _attribute(self, part: list[Job], wall: float) -> None:
        """Split a chunk's wall time over the stages by each check's share of Lean time."""
        shares: dict[str, float] = defaultdict(float)
        counts: dict[str, int] = defaultdict(int)
        for job in part:
            shares[job.stage] += job.verdict.seconds if job.verdict else 0.0
            counts[job.stage] += 1
        total = sum(shares.values())
        for stage, n in counts.items():
            frac = shares[stage] / total if total > 0 else n / len(part)
            self._add_stage(stage, wall * frac, n)

    def _add_stage(self, stage: str, seconds: float, checks: int) -> None:
        self.stage_time[stage] += seconds
        self.store.add_stage_time(self.run_id, stage, seconds, checks)

    def _progress(self, done: int, total: int, proved_now: set[str]) -> None:
        """One line: checks of this wave, theorems settled and proved (counting roots proved
        in this wave), checks per second, elapsed, and the time this wave still needs at
        the current rate."""
        elapsed = time.monotonic() - self.start
        status = {t: self._theorem_status(t) for t in self.theorems}
        proved = sum(1 for t, st in status.items() if st == "proved" or self.dag.roots.get(t) in proved_now)
        finished = sum(1 for t, st in status.items() if st != "open" or self.dag.roots.get(t) in proved_now)
        n = len(self.theorems)
        rate = self.checks_run / elapsed if elapsed > 0 else 0.0
        wave_left = (total - done) / rate if rate > 0 else None
        self.log(
            f"etp: wave {self.waves} [{done}/{total}] | theorems {finished}/{n} done, {proved} proved"
            f" | {rate:.2f} checks/s | elapsed {_fmt_time(elapsed)} | wave left ~{_fmt_time(wave_left)}"
        )

    # ------------------------------------------------------------ verdicts

    def _apply(self, jobs: list[Job]) -> None:
        t0 = time.monotonic()
        for job in jobs:  # candidates first: their order is the provers' preference
            v = job.verdict
            if job.purpose == "candidate" and v.proved:
                self.dag.mark_proved(job.goal_key, job.proof, f"{job.prover}:{job.label}")
            elif job.purpose == "sketch" and v.status == "sketch_ok":
                sketch = parse_sketch(job.proof)
                if sketch is not None:
                    try:
                        self.dag.add_option(job.goal_key, sketch_plan(self.dag.goals[job.goal_key].statement, sketch))
                    except GoalParseError:
                        pass
        for job in jobs:
            v = job.verdict
            if job.purpose != "structure":
                continue
            if v.proved:
                self.dag.mark_proved(job.goal_key, job.proof, f"structure:{job.label}")
            elif v.status == "failed" and v.goals and all(
                m.data.startswith("unsolved goals") for m in v.messages if m.severity == "error"
            ):
                try:
                    plan = structural_plan(self.dag.goals[job.goal_key].statement, job.label, v.goals)
                except GoalParseError:
                    continue
                self.dag.add_option(job.goal_key, plan)
        for job in jobs:
            v = job.verdict
            if job.purpose != "statement":
                continue
            node = self.dag.goals[job.goal_key]
            if v.status == "sketch_ok":
                node.statement_ok = True
            elif v.status in ("failed", "rejected"):
                node.statement_ok = False
                why = v.reason or "the statement does not elaborate"
                if node.status == "open":
                    self.dag.mark_failed(node.key, f"statement: {why}", status="invalid")
        # Assemblies: accepted ones first (an accepted parent proof stands on its own), then
        # the rest, lower levels before higher ones (the order they were assembled in).
        assemblies = [j for j in jobs if j.purpose == "assembly"]
        for job in sorted(assemblies, key=lambda j: not j.verdict.proved):
            self.dag.assembly_checked(job.decomposition, job.verdict.proved, job.verdict.reason)
        self._add_stage("decomposition", time.monotonic() - t0, 0)
        for key in self._attempted:
            if self.dag.goals[key].status == "open":
                self.dag.mark_exhausted(key)

    # --------------------------------------------------------- final check

    def _final_check(self) -> None:
        """Every proved theorem's whole proof, checked again before it counts: as a named
        theorem with the theorem's exact statement and its own header, in fresh Lean processes
        that hold only trusted text and proofs already judged clean, never from a cache."""
        proved = [(tid, self.dag.goals[key]) for tid, key in self.dag.roots.items()
                  if self.dag.goals[key].status == "proved" and not self.theorems[tid].invalid]
        if not proved:
            return
        self.log(f"etp: final check of {len(proved)} proof(s) in fresh Lean processes")
        requests = [CheckRequest(header=node.header, statement=node.statement, proof=node.proof, tag=f"final:{tid}")
                    for tid, node in proved]
        t0 = time.monotonic()
        verdicts = self.verifier.check(requests, fresh=True)
        self._add_stage("final check", time.monotonic() - t0, len(requests))
        records = []
        for (tid, node), verdict in zip(proved, verdicts):
            if not verdict.proved:
                self.final_failures[tid] = f"final check: {verdict.status}: {verdict.reason}"[:2000]
            records.append(AttemptRecord(
                theorem_id=tid, goal_key=node.key, prover="final", label="final check", purpose="final",
                candidate=node.proof, allow_sorry=False, verdict=verdict.model_dump(mode="json"),
                features="", wave=self.waves,
            ))
        self.store.record_attempts(self.run_id, records)
        self.final_checked = len(proved)
        if not self.verifier.runtime.embedded:
            self._kernel_replay([(tid, node) for tid, node in proved if tid not in self.final_failures])
        if self.final_failures:
            self.log(f"etp: the final check refused {len(self.final_failures)} proof(s): "
                     + ", ".join(sorted(self.final_failures)))

    def _kernel_replay(self, proved: list) -> None:
        """Native Lean: the proofs that passed, compiled and replayed through the kernel by the
        toolchain's leanchecker, one file per header (each proof alone when a file fails), so
        that a declaration the kernel never checked cannot count."""
        from etp.lean.replay import kernel_replay

        by_header: dict[Header, list] = defaultdict(list)
        for tid, node in proved:
            by_header[node.header].append((tid, node))
        for header, group in by_header.items():
            head = "\n".join([header.render(), *PROJECT_OPTIONS])

            def replay(items: list) -> str | None:
                body = _replay_body(items, self.verifier.heartbeats)
                return kernel_replay(self.verifier.runtime, head, body, self.verifier.lean_path)

            if replay(group) is None:
                continue
            for item in group:
                why = replay([item])
                if why is not None:
                    self.final_failures[item[0]] = f"final check: kernel replay: {why}"[:2000]

    # ------------------------------------------------------------- results

    def _theorem_status(self, tid: str) -> str:
        state = self.theorems[tid]
        if state.invalid:
            return "invalid_statement"
        node = self.dag.goals.get(self.dag.roots.get(tid, ""))
        if node is None:
            return "invalid_statement"
        if tid in self.final_failures:
            return "failed"
        return {"proved": "proved", "invalid": "invalid_statement", "failed": "failed"}.get(node.status, "open")

    def results(self) -> list[dict]:
        rows = []
        for spec in self.specs:
            state = self.theorems[spec.id]
            status = self._theorem_status(spec.id)
            node = self.dag.goals.get(self.dag.roots.get(spec.id, ""))
            row = {
                "id": spec.id, "status": status, "statement": spec.statement, "proof": None,
                "prover": "", "tactic": "", "attempts": state.candidates, "checks": state.checks,
                "seconds": round(state.seconds, 3),
                "reason": state.invalid or self.final_failures.get(spec.id) or (node.reason if node else ""),
                "imports": list(spec.imports), "open": list(spec.open), "leaves": [],
            }
            if node is not None and status == "proved":
                prover, _, tactic = node.proved_by.partition(":")
                row.update(proof=node.proof, prover=prover, tactic=tactic, reason="")
                row["leaves"] = [{"statement": leaf.statement, "proved_by": leaf.proved_by}
                                 for leaf in self.dag.leaves(node.key)]
            rows.append(row)
        return rows

    def _save_state(self) -> None:
        parents: dict[str, list[str]] = defaultdict(list)
        for dec in self.dag.decomps.values():
            for child in dec.children:
                parents[child].append(dec.parent)
        self.store.save_goals(self.run_id, [
            {"key": g.key, "theorem": g.theorem_id, "statement": g.statement, "depth": g.depth, "status": g.status,
             "proof": g.proof, "proved_by": g.proved_by, "parents": parents.get(g.key, []), "reason": g.reason}
            for g in self.dag.goals.values()
        ])
        rows = self.results()
        for row in rows:
            if row["status"] == "open":
                row["status"] = "running"
        self.store.save_theorems(self.run_id, rows)


# --------------------------------------------------------------------- outputs


def _replay_body(items: list, heartbeats: int) -> str:
    """Named theorems with their exact statements and proofs, for the kernel replay."""
    from etp.lean.batch import theorem_lines

    parts = []
    for k, (_, node) in enumerate(items):
        _, signature = split_statement(node.statement)
        parts.append("\n".join(theorem_lines(f"etp_replay_{k}", signature, node.proof, heartbeats)))
    return "\n\n".join(parts) + "\n"


def proofs_file(rows: list[dict], specs: dict[str, TheoremSpec], heartbeats: int = 400_000) -> str:
    """One Lean file with every proved theorem: all imports at the top, each theorem in its
    own section with its `open`s (a namespace when two theorems share a name)."""
    proved = [r for r in rows if r["status"] == "proved"]
    imports: list[str] = []
    for r in proved:
        for m in specs[r["id"]].imports:
            if m not in imports:
                imports.append(m)
    names: dict[str, int] = defaultdict(int)
    for r in proved:
        names[specs[r["id"]].name] += 1
    lines = [f"import {m}" for m in imports]
    lines += ["", "/-!", "# Proofs found by `python -m etp.pipeline`", "",
              "Each proof is the text Lean checked, after `:=` (in parentheses, as the verifier placed it),",
              "and passed the run's final check with its own theorem set's imports and opens.", "-/", "",
              *PROJECT_OPTIONS, ""]
    for r in proved:
        spec = specs[r["id"]]
        clash = names[spec.name] > 1
        scope = "etp_" + "".join(c if c.isalnum() else "_" for c in spec.id)
        lines.append(f"-- {spec.id}" + (f": {' '.join(spec.informal.split())}" if spec.informal else ""))
        lines.append(f"namespace {scope}" if clash else "section")
        if spec.open:
            lines.append("open " + " ".join(spec.open))
        lines.append(f"set_option maxHeartbeats {heartbeats} in")
        lines.extend(normalize(spec.lean_statement).split("\n"))
        lines.append(":= (")  # own line: a statement may end in a comment
        lines.extend(r["proof"].split("\n"))
        lines.append(")")
        lines.append(f"end {scope}" if clash else "end")
        lines.append("")
    return "\n".join(lines)


def report_markdown(summary: RunSummary, set_path: str, options: Options, runtime: str) -> str:
    rows = summary.rows
    proved = sum(r["status"] == "proved" for r in rows)
    out = [
        f"# etp run {summary.run_id}: `{set_path}`", "",
        f"- runtime: {runtime}",
        f"- provers: {', '.join(options.provers)}; budget per theorem: {options.candidates} candidates, "
        f"{options.time_limit:g} s of Lean time; decomposition depth {options.depth}; seed {options.seed}",
        f"- proved **{proved}/{len(rows)}** in {summary.seconds:.1f} s: {summary.waves} wave(s), "
        f"{summary.checks} check(s) run, {summary.replayed} replayed from the store, "
        f"{summary.lean_processes} Lean process(es)",
        f"- final check: {summary.final_checked} proof(s) checked again as named theorems with their exact "
        f"statements and own imports, in fresh Lean processes; {summary.final_refused} refused "
        "(a theorem counts as proved only after this check)", "",
        "## Theorems", "",
        "| theorem | status | prover | tactic | candidates | checks | Lean s | note |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        note = r["reason"].splitlines()[0][:80] if r["reason"] else ""
        if r["status"] == "proved" and len(r["leaves"]) > 1:
            note = f"{len(r['leaves'])} subgoals"
        out.append(f"| `{r['id']}` | {r['status']} | {r['prover']} | `{r['tactic']}` | {r['attempts']} | "
                   f"{r['checks']} | {r['seconds']:.1f} | {note.replace('|', '/')} |")
    out += ["", "## Where the time went", "", "| stage | seconds | share | checks |", "| --- | ---: | ---: | ---: |"]
    total = sum(s for s, _ in summary.stage_seconds.values()) or 1.0
    for stage in ("generation", "checking", "decomposition", "assembly", "final check"):
        secs, n = summary.stage_seconds.get(stage, (0.0, 0))
        out.append(f"| {stage} | {secs:.1f} | {100 * secs / total:.0f}% | {n} |")
    out += ["", "Checking is the provers' candidates; decomposition is structural probes, sketches and "
            "subgoal statement checks; assembly is re-checking assembled proofs. Wall time of each batched "
            "Lean call is shared out by each check's part of the Lean time.", ""]
    return "\n".join(out)


def summary_table(rows: list[dict]) -> str:
    width = max([7] + [len(r["id"]) for r in rows])
    lines = [f"{'theorem':<{width}}  {'status':<17}  {'prover:tactic':<32}  {'checks':>6}  {'Lean s':>7}"]
    for r in rows:
        how = f"{r['prover']}:{r['tactic']}" if r["prover"] else ""
        lines.append(f"{r['id']:<{width}}  {r['status']:<17}  {how[:32]:<32}  {r['checks']:>6}  {r['seconds']:>7.1f}")
    return "\n".join(lines)


def write_outputs(out: Path, summary: RunSummary, pipeline: Pipeline, set_path: str, runtime: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    specs = {s.id: s for s in pipeline.specs}
    written = []
    with open(out / "results.jsonl", "w", encoding="utf-8") as f:
        for row in summary.rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    written.append(out / "results.jsonl")
    heartbeats = getattr(pipeline.verifier, "heartbeats", 400_000)
    (out / "Proofs.lean").write_text(proofs_file(summary.rows, specs, heartbeats), encoding="utf-8")
    (out / "report.md").write_text(report_markdown(summary, set_path, pipeline.options, runtime), encoding="utf-8")
    pipeline.dag.write_json(out / "dag.json")
    pipeline.dag.write_graphml(out / "dag.graphml")
    written += [out / "Proofs.lean", out / "report.md", out / "dag.json", out / "dag.graphml"]
    try:
        pipeline.dag.draw_png(out / "dag.png")
        written.append(out / "dag.png")
    except ImportError:
        pass
    return written


# ------------------------------------------------------------------------- CLI


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m etp.pipeline",
        description="Prove the theorems of a theorem set (JSONL) with Lean-checked candidates.",
        epilog="Exit status: 0 when the run completed (whatever was proved), 2 for bad input or no Lean runtime, "
               "130 when interrupted (Ctrl-C; what was recorded is kept, --resume continues).",
    )
    p.add_argument("theorem_set", metavar="THEOREM_SET", type=Path, help="a JSONL theorem set, e.g. pipeline/theorem_sets/decomposition.jsonl")
    p.add_argument("--provers", default=",".join(DEFAULTS["provers"]),
                   help=f"comma-separated candidate generators (default: automation; known: {', '.join(sorted(PROVERS))})")
    p.add_argument("--candidates", type=int, default=None, metavar="N",
                   help="budget: prover candidates per theorem, shared by its subgoals (a goal that may still be split "
                        f"uses half of its share, the rest is kept for its subgoals) (default {DEFAULTS['candidates']})")
    p.add_argument("--time-limit", type=float, default=None, metavar="S",
                   help=f"budget: seconds of Lean checking time per theorem (default {DEFAULTS['time_limit']:g})")
    p.add_argument("--workers", type=int, default=2, metavar="N", help="Lean processes run at once (default 2)")
    p.add_argument("--batch-size", type=int, default=48, metavar="N",
                   help="checks per Lean process (each costs a start-up); verdicts are committed after every round "
                        "of at most N x workers checks (default 48)")
    p.add_argument("--check-timeout", type=float, default=20.0, metavar="S",
                   help="wall-clock seconds one candidate may run without finishing before its Lean process is "
                        "stopped and it counts as a timeout (default 20; the proofs found on econ_core took at most 7 s)")
    p.add_argument("--heartbeats", type=int, default=None, metavar="N",
                   help="Lean's maxHeartbeats for each candidate: past it a candidate fails with Lean's deterministic "
                        f"timeout, without stopping the Lean process (default {DEFAULTS['heartbeats']:_}, Lean's own)")
    p.add_argument("--depth", type=int, default=None, metavar="D",
                   help=f"decomposition depth: how many times a goal may be split into subgoals; 0 disables (default {DEFAULTS['depth']})")
    p.add_argument("--runtime", choices=("auto", "native", "embedded"), default=None,
                   help="Lean runtime (default: $ETP_LEAN_RUNTIME or auto: native Lean if it matches lean-toolchain, else embedded)")
    p.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="output folder: results.sqlite, results.jsonl, Proofs.lean, report.md, dag.* (default runs/<set name>)")
    p.add_argument("--resume", action="store_true",
                   help="continue the latest run in the output folder with its own settings; checks already made are not redone")
    p.add_argument("--only", nargs="+", default=None, metavar="ID", help="prove only these theorem ids")
    p.add_argument("--seed", type=int, default=None, help=f"random seed handed to the provers (default {DEFAULTS['seed']})")
    return p


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None, *, verifier=None) -> int:
    try:
        return _cli(argv, verifier)
    except KeyboardInterrupt:  # before the run started (loading, building): nothing to keep
        print("\netp: interrupted", file=sys.stderr)
        return 130


def _cli(argv: list[str] | None, verifier) -> int:
    args = build_parser().parse_args(argv)
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    try:
        specs = load_theorem_set(args.theorem_set)
    except TheoremSetError as exc:
        return _fail(str(exc))
    out = args.out or Path("runs") / args.theorem_set.stem
    previous = None
    if args.resume:
        if (out / "results.sqlite").exists():
            with Store(out / "results.sqlite") as old:
                previous = old.latest_run()
        if previous is None:
            log(f"etp: nothing to resume in {out}; starting a new run")
    return _main(args, specs, out, previous, log, verifier)


def _main(args, specs: list[TheoremSpec], out: Path, run, log, verifier) -> int:
    given = {"provers": [p.strip() for p in args.provers.split(",") if p.strip()], "candidates": args.candidates,
             "time_limit": args.time_limit, "depth": args.depth, "seed": args.seed, "only": args.only,
             "heartbeats": args.heartbeats}
    if run is not None:
        settings = {"heartbeats": DEFAULTS["heartbeats"], **run.config["settings"]}
        for name, value in given.items():
            if value is not None and name != "provers" and value != settings.get(name):
                log(f"etp: --resume keeps the run's {name}={settings.get(name)!r} (ignoring {value!r})")
        if run.set_hash != set_hash(specs):
            log("etp: the theorem set changed since the run started; continuing with the file as it is now")
    else:
        settings = {k: (v if v is not None else DEFAULTS.get(k, [])) for k, v in given.items()}
        settings["only"] = settings["only"] or []
    options = Options(provers=settings["provers"], candidates=settings["candidates"], time_limit=settings["time_limit"],
                      depth=settings["depth"], seed=settings["seed"], only=settings["only"],
                      workers=max(1, args.workers), batch_size=max(1, args.batch_size))
    if options.candidates < 1 or options.time_limit <= 0 or options.depth < 0 or settings["heartbeats"] < 1:
        return _fail("--candidates, --time-limit, --heartbeats must be positive; --depth at least 0")
    if options.only:
        known = {s.id for s in specs}
        unknown = [i for i in options.only if i not in known]
        if unknown:
            return _fail(f"--only: no theorem with id {', '.join(map(repr, unknown))} in {args.theorem_set}")
        specs = [s for s in specs if s.id in set(options.only)]

    try:
        for name in options.provers:
            if name not in PROVERS:
                raise UnknownProver(f"unknown prover {name!r}; known provers: {', '.join(sorted(PROVERS))}")
    except UnknownProver as exc:
        return _fail(str(exc))

    if verifier is None:
        from etp.lean.runtime import LeanUnavailable, select_runtime

        try:
            runtime = select_runtime(args.runtime, log=log)
        except LeanUnavailable as exc:
            return _fail(f"no Lean runtime: {exc}")
        if any(m.split(".")[0] not in CORE_PREFIXES for s in specs for m in s.imports):
            from etp.lean.build import BuildError, build_library

            try:
                report = build_library(runtime, log=log)
            except BuildError as exc:
                return _fail(f"the Lean library does not build:\n{exc}")
            if report.built:
                log(f"etp: built {len(report.built)} library module(s) in {report.seconds:.1f} s")
        from etp.lean.verifier import Verifier

        verifier = Verifier(runtime, workers=options.workers, batch_size=options.batch_size,
                            candidate_timeout=max(1.0, args.check_timeout), heartbeats=settings["heartbeats"])
    runtime_key = verifier.runtime.key
    with Store(out / "results.sqlite") as store:
        try:
            return _run(args, specs, out, run, store, settings, options, verifier, runtime_key, log)
        except KeyboardInterrupt:
            latest = store.latest_run()
            made = len(store.done_checks(latest.id)) if latest else 0
            log(f"\netp: interrupted; {made} check(s) of this run are recorded in {out / 'results.sqlite'}. "
                f"Continue with: python -m etp.pipeline {args.theorem_set} --out {out} --resume")
            return 130


def _run(args, specs, out: Path, run, store: Store, settings: dict, options: Options, verifier, runtime_key: str,
         log) -> int:
    from etp.provers.automation import TacticStats

    if run is None:
        stats = TacticStats(store.tactic_stats("automation"))
        config = {"settings": {**settings, "only": options.only}, "automation_stats": stats.to_json()}
        run_id = store.start_run(str(args.theorem_set), set_hash(specs), config, runtime_key)
    else:
        run_id = run.id
        stats = TacticStats.from_json(run.config.get("automation_stats", []))
        store.mark_resumed(run_id)
        log(f"etp: resuming run {run_id} ({len(store.done_checks(run_id))} check(s) already made)")
    provers = [make_prover(name, stats=stats, seed=options.seed) for name in options.provers]

    pipeline = Pipeline(specs, verifier=verifier, store=store, run_id=run_id, options=options, provers=provers, log=log)
    summary = pipeline.run()
    written = write_outputs(out, summary, pipeline, str(args.theorem_set), runtime_key)
    proved = sum(r["status"] == "proved" for r in summary.rows)
    print(summary_table(summary.rows))
    print(f"\nproved {proved}/{len(summary.rows)} in {summary.seconds:.1f} s ({summary.waves} waves, "
          f"{summary.checks} checks, {summary.replayed} replayed, {summary.lean_processes} Lean processes)")
    print(f"final check: {summary.final_checked} proof(s) checked again in fresh Lean processes, "
          f"{summary.final_refused} refused")
    print("wrote " + ", ".join(str(p) for p in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
