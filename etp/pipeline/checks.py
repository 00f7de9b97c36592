"""Checking a round of jobs: recorded verdicts replayed, the rest sent to the verifier in one
batched call and committed to the store as soon as it returns; wall time shared out over
the stages."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Callable

from etp.dag import GoalDAG
from etp.store import AttemptRow, Stage, Store, check_key

from etp.pipeline.schedule import Job


class Checker:
    """The verifier and the store of one run, as the waves use them."""

    def __init__(self, verifier, store: Store, run_id: int, log: Callable[[str], None]):
        self.verifier = verifier
        self.store = store
        self.run_id = run_id
        # Verdicts recorded under another checker (library build, runtime, limits, versions) are
        # not reused: a resumed run whose inputs changed checks again.
        recorded = store.done_checks(run_id)
        checker = getattr(verifier, "fingerprint", "")
        self.done = {k: v for k, v in recorded.items() if v.checker == checker}
        if len(self.done) < len(recorded):
            log(f"etp: {len(recorded) - len(self.done)} recorded verdict(s) came from another checker "
                "(library, runtime, limits or version changed): checking again")
        self.checks_run = 0
        self.replayed = 0
        self._checked_here: set = set()  # check keys this process checked
        self._samples: list[Job] = []  # replayed jobs whose prover attached a record of its own

    @staticmethod
    def key(job: Job):
        return check_key(job.goal_key, job.proof, job.allow_sorry)

    def replay(self, job: Job) -> bool:
        """Give the job its recorded verdict, if this run already made the check."""
        recorded = self.done.get(self.key(job))
        if recorded is None:
            return False
        job.verdict, job.replayed = recorded, True
        self.replayed += 1
        if job.meta and job.purpose in ("candidate", "sketch") and self.key(job) in self._checked_here:
            self._samples.append(job)  # another sample that gave a text checked before: keep its record
        return True

    def record_samples(self, dag: GoalDAG, wave: int) -> None:
        """Store the records provers attached to candidates answered by an earlier check of this
        process (a model's sample that repeats a checked text), as cached rows with no Lean
        time: each sample is in the store once. (A check made before a resume is not
        counted again: the resumed run draws the same samples.)"""
        jobs, self._samples = self._samples, []
        if jobs:
            self.store.record_attempts(self.run_id, [self._row(job, dag, wave, cached=True) for job in jobs])

    def _row(self, job: Job, dag: GoalDAG, wave: int, cached: bool = False) -> AttemptRow:
        node = dag.goals[job.goal_key]
        verdict = job.verdict.model_copy(update={"cached": True, "seconds": 0.0}) if cached else job.verdict
        return AttemptRow(theorem_id=node.theorem_id, goal_key=job.goal_key, prover=job.prover, label=job.label,
                          purpose=job.purpose, candidate=job.proof, allow_sorry=job.allow_sorry, verdict=verdict,
                          features=node.features, wave=wave, meta=job.meta)

    def check(self, part: list[Job], dag: GoalDAG, wave: int) -> None:
        """One round: the verifier's verdicts, committed to the store at once."""
        t0 = time.monotonic()
        verdicts = self.verifier.check([j.request for j in part])
        wall = time.monotonic() - t0
        for job, verdict in zip(part, verdicts):
            job.verdict = verdict
            self.done[self.key(job)] = verdict
            self._checked_here.add(self.key(job))
        self.store.record_attempts(self.run_id, [self._row(job, dag, wave) for job in part])
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
            self.add_stage(stage, wall * frac, n)

    def add_stage(self, stage: Stage, seconds: float, checks: int) -> None:
        self.store.add_stage_time(self.run_id, stage, seconds, checks)
