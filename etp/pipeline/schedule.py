"""Scheduling a wave: what each goal may cost, in which order checks go, how they are cut
into rounds of Lean processes, and which candidates are dropped once a goal is settled.

Pure functions and small state over `Job`s; no Lean, no store.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

from etp.config import BudgetConfig
from etp.core import CheckRequest, Header, Purpose, Verdict
from etp.dag import GoalNode
from etp.store import Stage
from etp.theorems import TheoremSpec

RANK_STEP = 3  # candidates per goal checked before any goal's next ones
# A goal whose candidates ran out of time or crashed Lean this many times in a wave has its
# other candidates of the wave dropped: each such check costs a Lean process restart (~14 s
# embedded) on top of the wall-clock limit, and a goal that crashes Lean (say, its stack)
# crashes it with every candidate.
MAX_STRIKES = 2


@dataclass
class Job:
    """One check to make in a wave: the request the verifier gets (the goal's header and
    statement, the candidate, sketch mode), what it is for, and, once checked, its verdict."""

    goal_key: str
    purpose: Purpose
    prover: str
    label: str
    request: CheckRequest
    stage: Stage = "checking"
    decomposition: str = ""  # an assembly's decomposition
    meta: dict = field(default_factory=dict)  # what the prover attached to its candidate
    verdict: Verdict | None = None
    replayed: bool = False

    @classmethod
    def for_goal(cls, goal: GoalNode, purpose: Purpose, prover: str, label: str, proof: str, *,
                 allow_sorry: bool = False, stage: Stage = "checking", decomposition: str = "",
                 meta: dict | None = None) -> "Job":
        request = CheckRequest(header=goal.header, statement=goal.statement, proof=proof, allow_sorry=allow_sorry,
                               tag=f"{purpose}:{label}")
        return cls(goal.key, purpose, prover, label, request, stage=stage, decomposition=decomposition,
                   meta=dict(meta or {}))

    @property
    def proof(self) -> str:
        return self.request.proof

    @property
    def allow_sorry(self) -> bool:
        return self.request.allow_sorry

    @property
    def header(self) -> Header:
        return self.request.header


@dataclass
class TheoremState:
    """What one theorem of the run has cost so far."""

    spec: TheoremSpec
    candidates: int = 0  # prover candidates proposed
    checks: int = 0  # every check made for its goals
    seconds: float = 0.0  # Lean seconds of those checks
    invalid: str = ""

    def over_budget(self, budget: BudgetConfig) -> bool:
        return self.candidates >= budget.candidates or self.seconds >= budget.time_limit


def allowance(nodes: Iterable, theorems: dict[str, TheoremState], budget: BudgetConfig,
              splittable: Callable[[object], bool]) -> dict[str, int]:
    """Candidates each goal may have: a theorem's budget left is shared by its goals of this
    wave; a goal that may still be decomposed (`splittable`) gets half its share (the rest
    is kept for its subgoals)."""
    per_theorem: dict[str, list] = defaultdict(list)
    for node in nodes:
        per_theorem[node.theorem_id].append(node)
    out: dict[str, int] = {}
    for tid, group in per_theorem.items():
        left = max(0, budget.candidates - theorems[tid].candidates)
        share, extra = divmod(left, len(group))
        for i, node in enumerate(group):
            mine = share + (1 if i < extra else 0)
            out[node.key] = math.ceil(mine / 2) if splittable(node) else mine
    return out


def check_order(jobs: list[Job]) -> list[Job]:
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
        h = job.header
        return (rank[id(job)] // RANK_STEP, h.imports, h.open, rank[id(job)])

    return sorted(jobs, key=key)


def rounds(order: list[Job], workers: int, batch_size: int) -> list[list[Job]]:
    """Cut jobs in checking order into rounds of `workers` Lean processes' worth.

    A Lean process serves one header and pays a start-up, so each header's jobs (in order) are
    cut into equal chunks of at most batch_size, and a round takes `workers` chunks: every
    header's first chunk before any header's second. A goal has one header, so what its earlier
    chunks proved is known when its next chunk is cut down. (Cut over all headers at once, a
    round held a few checks of each header: one short Lean process apiece.)"""
    by_header: dict[Header, list[Job]] = {}
    for job in order:
        by_header.setdefault(job.header, []).append(job)
    chunks = []  # (chunk number within its header, header number, jobs)
    for h, header_jobs in enumerate(by_header.values()):
        size = math.ceil(len(header_jobs) / math.ceil(len(header_jobs) / max(1, batch_size)))
        for k in range(0, len(header_jobs), size):
            chunks.append((k // size, h, header_jobs[k:k + size]))
    chunks.sort(key=lambda c: (c[0], c[1]))
    step = max(1, workers)
    return [[job for _, _, part in chunks[i:i + step] for job in part] for i in range(0, len(chunks), step)]


class WaveGate:
    """Which of a wave's candidates still deserve a check: none for a goal a candidate has
    proved, or whose candidates ran out of time or crashed Lean MAX_STRIKES times."""

    def __init__(self) -> None:
        self.proved: set[str] = set()
        self.strikes: dict[str, int] = defaultdict(int)

    def admits(self, job: Job) -> bool:
        return not (job.purpose == "candidate"
                    and (job.goal_key in self.proved or self.strikes[job.goal_key] >= MAX_STRIKES))

    def record(self, job: Job) -> None:
        """Count a checked (or replayed) job's verdict."""
        if job.purpose != "candidate" or job.verdict is None:
            return
        if job.verdict.proved:
            self.proved.add(job.goal_key)
        elif job.verdict.status in ("timeout", "error"):
            self.strikes[job.goal_key] += 1
