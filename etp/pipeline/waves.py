"""The waves of a run: plan what is ready across every theorem, check it in one batched
call, apply the verdicts to the goal DAG, until nothing is left; then the final check."""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from typing import Callable

from etp.config import RunConfig
from etp.dag import GoalDAG, structural_tactics
from etp.goals import GoalParseError, parse_signature
from etp.lean.screen import ScreenError, normalize
from etp.library import LibraryIndex
from etp.provers import Attempt, Budget, Candidate, Goal, Prover, continues, observes
from etp.store import Store
from etp.theorems import TheoremSpec

from etp.pipeline.checks import Checker
from etp.pipeline.final import final_check
from etp.pipeline.report import RunSummary, fmt_time, result_rows, save_state, theorem_status
from etp.pipeline.verdicts import apply_verdicts
from etp.pipeline.schedule import Job, TheoremState, WaveGate, allowance, check_order, rounds


def checked_text(proof: str) -> str:
    """The text Lean checks for a candidate: comments blanked (etp.lean.screen.normalize).
    Recorded and assembled as such, so Proofs.lean holds exactly what Lean read."""
    try:
        return normalize(proof)
    except ScreenError:
        return proof  # the verifier refuses it with the reason


def attempts_of(jobs: list[Job], goals: dict[str, Goal]) -> list[Attempt]:
    """The checked candidates and sketches among a wave's jobs, as provers get them back."""
    return [
        Attempt(goal=goals[j.goal_key], verdict=j.verdict,
                candidate=Candidate(goal_key=j.goal_key, proof=j.proof, prover=j.prover, label=j.label,
                                    kind="sketch" if j.purpose == "sketch" else "proof", meta=j.meta))
        for j in jobs if j.purpose in ("candidate", "sketch") and j.verdict is not None and j.goal_key in goals
    ]


class Pipeline:
    """One run over a theorem set: the waves, the DAG, the store."""

    def __init__(self, specs: list[TheoremSpec], *, verifier, store: Store, run_id: int, config: RunConfig,
                 provers: list[Prover], log: Callable[[str], None] | None = None):
        self.specs = specs
        self.verifier = verifier
        self.store = store
        self.run_id = run_id
        self.config = config
        self.provers = provers
        self.log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
        self.checker = Checker(verifier, store, run_id, self.log)
        self.dag = GoalDAG(max_depth=config.budget.depth)
        self.library = LibraryIndex()  # which definitions a goal's conclusion may be unfolded by
        self.theorems: dict[str, TheoremState] = {s.id: TheoremState(s) for s in specs}
        self.final_failures: dict[str, str] = {}  # theorem id -> why the final check refused it
        self.final_checked = 0
        self.waves = 0
        self.start = time.monotonic()
        self._attempted: list[str] = []
        # goals kept open for another round -> the provers (indices) that asked for it
        self._continuing: dict[str, set[int]] = {}

    def run(self) -> RunSummary:
        self._add_roots()
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
                over = self.theorems[node.theorem_id].over_budget(self.config.budget)
                self.dag.mark_failed(key, "budget exhausted" if over else "not reached")
        proved = [(tid, self.dag.goals[key]) for tid, key in self.dag.roots.items()
                  if self.dag.goals[key].status == "proved" and not self.theorems[tid].invalid]
        self.final_failures = final_check(self.checker, proved, self.waves, self.log)
        self.final_checked = len(proved)
        self._save_state()
        self.store.finish_run(self.run_id)
        run = self.store.run(self.run_id)
        return RunSummary(
            run_id=self.run_id, rows=self.results(), waves=self.waves, checks=self.checker.checks_run,
            replayed=self.checker.replayed, seconds=time.monotonic() - self.start,
            stage_seconds=self.store.stage_timings(self.run_id),
            lean_processes=getattr(self.verifier, "stats", {}).get("lean_processes", 0),
            final_checked=self.final_checked, final_refused=len(self.final_failures),
            resumed=run.resumed if run else 0,
        )

    def _add_roots(self) -> None:
        for spec in self.specs:
            try:
                statement = normalize(spec.lean_statement)  # what Lean reads: comments blanked
                parse_signature(statement)
            except (GoalParseError, ScreenError) as exc:
                self.theorems[spec.id].invalid = str(exc)
                continue
            if unseen := self.library.unseen_hints(spec.imports, spec.lemmas):
                self.log(f"etp: {spec.id}: hints {', '.join(unseen)} name nothing its imports make visible: ignored")
            node = self.dag.add_root(spec.id, spec.header, statement)
            if node.theorem_id != spec.id:
                self.log(f"etp: {spec.id} states the same goal as {node.theorem_id}: proved once for both")

    # ----------------------------------------------------------- planning

    def _plan_wave(self) -> list[Job]:
        jobs: list[Job] = []
        budget = self.config.budget
        candidates = [n for n in self.dag.ready_goals() if not self.theorems[n.theorem_id].over_budget(budget)]
        share = allowance(candidates, self.theorems, budget,
                          lambda n: n.depth < budget.depth and bool(self._structural_tactics(n)))
        # A goal with no candidate left in its theorem's budget waits (and fails at the end).
        ready = [n for n in candidates if share[n.key] > 0]
        self._attempted = [n.key for n in ready]
        for node in ready:
            node.attempted = True
            if node.key in self._continuing:
                continue  # its statement and structure were checked in its first wave
            stage = "checking" if node.depth == 0 else "decomposition"
            if node.statement_ok is None:
                jobs.append(Job.for_goal(node, "statement", "etp", "statement", "by\n  sorry", allow_sorry=True,
                                         stage=stage))
            if node.depth < budget.depth:
                for tactic in self._structural_tactics(node):
                    jobs.append(Job.for_goal(node, "structure", "etp", tactic, f"by\n  {tactic}",
                                             stage="decomposition"))
        jobs.extend(self._generate(ready, share))
        for dec in self.dag.ready_assemblies():
            parent = self.dag.goals[dec.parent]
            jobs.append(Job.for_goal(parent, "assembly", "assembly", dec.plan.label, dec.assembled or "",
                                     stage="assembly", decomposition=dec.id))
        return jobs

    def _structural_tactics(self, node) -> list[str]:
        unfold = self.library.relevant(node.header.imports, node.statement).direct
        return structural_tactics(node.statement, unfold=tuple(unfold),
                                  not_inductive=self.library.non_inductive_types(node.header.imports))

    def _generate(self, ready, share: dict[str, int]) -> list[Job]:
        """Ask every prover for candidates for the ready goals, within each theorem's budget."""
        if not ready:
            return []
        proposed = self._propose(ready, share)
        jobs = []
        for node in ready:
            seen: set[tuple[str, bool]] = set()
            for cand in proposed[node.key]:
                sketch = cand.kind == "sketch"
                proof = checked_text(cand.proof)
                if (proof, sketch) in seen or len(seen) >= share[node.key]:
                    continue
                seen.add((proof, sketch))
                self.theorems[node.theorem_id].candidates += 1
                jobs.append(Job.for_goal(node, "sketch" if sketch else "candidate", cand.prover, cand.label, proof,
                                         allow_sorry=sketch, stage="decomposition" if sketch else "checking",
                                         meta=cand.meta))
        return jobs

    def _goal(self, node) -> Goal:
        """A DAG node as provers see it."""
        spec = self.theorems[node.theorem_id].spec
        return Goal(key=node.key, header=node.header, statement=node.statement, theorem_id=node.theorem_id,
                    depth=node.depth, features=node.features, informal=spec.informal if node.depth == 0 else "",
                    lemmas=spec.lemmas)

    def _propose(self, ready, share: dict[str, int]) -> dict[str, list[Candidate]]:
        """Every prover's candidates, by goal key: the provers fill each goal's share in order,
        each taking what is left after the ones before it."""
        goals = [self._goal(n) for n in ready]
        proposed: dict[str, list[Candidate]] = defaultdict(list)
        for i, prover in enumerate(self.provers):
            # a goal's later rounds go only to the provers that asked for them
            mine = [g for g in goals if i in self._continuing.get(g.key, {i})]
            if not mine:
                continue
            budget = Budget(per_goal={g.key: share[g.key] - len(proposed[g.key]) for g in mine},
                            taken={g.key: len(proposed[g.key]) for g in mine})
            t0 = time.monotonic()
            given: dict[str, int] = defaultdict(int)
            for cand in prover.propose(mine, budget):
                if given[cand.goal_key] < budget.per_goal.get(cand.goal_key, 0):
                    given[cand.goal_key] += 1
                    proposed[cand.goal_key].append(cand)
            self.checker.add_stage("generation", time.monotonic() - t0, 0)
        return proposed

    # ------------------------------------------------------------ checking

    def _run_jobs(self, jobs: list[Job]) -> None:
        """Check a wave's jobs in rounds, committing verdicts after each round.

        Jobs go in `check_order`, cut into `rounds`; once a goal is proved, or MAX_STRIKES of
        its candidates timed out or crashed Lean, its later candidates are dropped, unchecked
        (`WaveGate`). The rounds are fixed from all the wave's jobs, replayed ones included, so
        a resumed run drops exactly what an uninterrupted one drops."""
        checker = self.checker
        order = check_order(jobs)
        first_of: dict[tuple, Job] = {}
        gate, skipped = WaveGate(), set()
        fresh = sum(1 for j in jobs if checker.key(j) not in checker.done)
        if order:
            self.log(f"etp: wave {self.waves}: {fresh} check(s) at most"
                     + (f", {len(order) - fresh} replayed from the store" if len(order) > fresh else ""))
        done = 0
        for batch in rounds(order, self.config.checking.workers, self.config.checking.batch_size):
            part = []
            for job in batch:
                if not gate.admits(job):
                    skipped.add(id(job))  # never checked: its candidate slot goes back to the budget
                    self.theorems[self.dag.goals[job.goal_key].theorem_id].candidates -= 1
                elif not checker.replay(job) and first_of.setdefault(checker.key(job), job) is job:
                    part.append(job)  # (the same check twice in one wave shares the first one's verdict)
            if part:
                checker.check(part, self.dag, self.waves)
                done += len(part)
            checker.record_samples(self.dag, self.waves)
            for job in batch:
                if job.verdict is None and id(job) not in skipped:
                    job.verdict = first_of[checker.key(job)].verdict
                gate.record(job)
            if part:
                self._progress(done, fresh, gate.proved)
        jobs[:] = [j for j in jobs if id(j) not in skipped]
        for job in jobs:
            state = self.theorems[self.dag.goals[job.goal_key].theorem_id]
            state.checks += 1
            state.seconds += job.verdict.seconds

    def _progress(self, done: int, total: int, proved_now: set[str]) -> None:
        """One line: checks of this wave, theorems settled and proved (counting roots proved
        in this wave), checks per second, elapsed, and the time this wave still needs at
        the current rate."""
        elapsed = time.monotonic() - self.start
        status = {t: theorem_status(t, self.theorems, self.dag, self.final_failures) for t in self.theorems}
        proved = sum(1 for t, st in status.items() if st == "proved" or self.dag.roots.get(t) in proved_now)
        finished = sum(1 for t, st in status.items() if st != "open" or self.dag.roots.get(t) in proved_now)
        rate = self.checker.checks_run / elapsed if elapsed > 0 else 0.0
        wave_left = (total - done) / rate if rate > 0 else None
        self.log(
            f"etp: wave {self.waves} [{done}/{total}] | theorems {finished}/{len(self.theorems)} done, {proved} proved"
            f" | {rate:.2f} checks/s | elapsed {fmt_time(elapsed)} | wave left ~{fmt_time(wave_left)}"
        )

    # ------------------------------------------------------------ verdicts

    def _apply(self, jobs: list[Job]) -> None:
        t0 = time.monotonic()
        apply_verdicts(self.dag, jobs)
        self.checker.add_stage("decomposition", time.monotonic() - t0, 0)
        goals = {key: self._goal(self.dag.goals[key]) for key in self._attempted}
        self._observe(jobs, goals)
        self._continuing = {}
        tried = {j.goal_key for j in jobs if j.purpose in ("candidate", "sketch")}
        for key, goal in goals.items():
            node = self.dag.goals[key]
            if node.status != "open":
                continue
            # A round in which no prover proposed anything for the goal ends it.
            more = key in tried and not self.theorems[node.theorem_id].over_budget(self.config.budget)
            asking = {i for i, p in enumerate(self.provers) if more and continues(p, goal)}
            if asking:
                node.attempted = False  # ready again next wave, for the provers' next round
                self._continuing[key] = asking
            else:
                self.dag.mark_exhausted(key)

    def _observe(self, jobs: list[Job], goals: dict[str, Goal]) -> None:
        """Hand the wave's checked candidates and sketches, with their verdicts, to the provers
        that take them."""
        watchers = [p for p in self.provers if observes(p)]
        attempts = attempts_of(jobs, goals)
        if not watchers or not attempts:
            return
        t0 = time.monotonic()
        for prover in watchers:
            prover.observe(attempts)
        self.checker.add_stage("generation", time.monotonic() - t0, 0)

    # ------------------------------------------------------------- results

    def results(self) -> list[dict]:
        return result_rows(self.specs, self.theorems, self.dag, self.final_failures)

    def _save_state(self) -> None:
        save_state(self.store, self.run_id, self.dag, self.results())
