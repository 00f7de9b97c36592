"""The final check: every proved theorem's whole proof, checked again before it counts (and,
natively, replayed through the kernel)."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Callable

from etp.dag import GoalNode
from etp.core import CheckRequest, Header, split_statement
from etp.lean.batch import PROJECT_OPTIONS, theorem_lines
from etp.store import AttemptRow

from etp.pipeline.checks import Checker

Proved = list[tuple[str, GoalNode]]  # (theorem id, its root goal)


def final_check(checker: Checker, proved: Proved, wave: int, log: Callable[[str], None]) -> dict[str, str]:
    """Why the final check refused each proof it refused (theorem id -> reason).

    Each proof is checked as a named theorem with the theorem's exact statement and its own
    header, in pristine Lean runs (a fresh process, or a worker restored to its start) that
    hold only trusted text and proofs already judged clean, never from a cache; natively the
    ones that pass are then replayed by the kernel."""
    if not proved:
        return {}
    log(f"etp: final check of {len(proved)} proof(s) in pristine Lean runs")
    verifier = checker.verifier
    requests = [CheckRequest(header=node.header, statement=node.statement, proof=node.proof, tag=f"final:{tid}")
                for tid, node in proved]
    t0 = time.monotonic()
    verdicts = verifier.check(requests)
    checker.add_stage("final check", time.monotonic() - t0, len(requests))
    failures: dict[str, str] = {}
    rows = []
    for (tid, node), verdict in zip(proved, verdicts):
        if not verdict.proved:
            failures[tid] = f"final check: {verdict.status}: {verdict.reason}"[:2000]
        rows.append(AttemptRow(theorem_id=tid, goal_key=node.key, prover="final", label="final check",
                               purpose="final", candidate=node.proof, allow_sorry=False, verdict=verdict, wave=wave))
    checker.store.record_attempts(checker.run_id, rows)
    if not verifier.runtime.embedded:
        failures.update(kernel_replay(verifier, [(tid, node) for tid, node in proved if tid not in failures]))
    if failures:
        log(f"etp: the final check refused {len(failures)} proof(s): " + ", ".join(sorted(failures)))
    return failures


def kernel_replay(verifier, proved: Proved) -> dict[str, str]:
    """Native Lean: the proofs that passed, compiled and replayed through the kernel by the
    toolchain's leanchecker, one file per header (each proof alone when a file fails), so
    that a declaration the kernel never checked cannot count."""
    from etp.lean.replay import kernel_replay as replay_file

    by_header: dict[Header, Proved] = defaultdict(list)
    for tid, node in proved:
        by_header[node.header].append((tid, node))
    failures: dict[str, str] = {}
    for header, group in by_header.items():
        head = "\n".join([header.render(), *PROJECT_OPTIONS])

        def replay(items: Proved) -> str | None:
            body = _replay_body(items, verifier.heartbeats)
            return replay_file(verifier.runtime, head, body, verifier.lean_path)

        if replay(group) is None:
            continue
        for item in group:
            why = replay([item])
            if why is not None:
                failures[item[0]] = f"final check: kernel replay: {why}"[:2000]
    return failures


def _replay_body(items: Proved, heartbeats: int) -> str:
    """Named theorems with their exact statements and proofs, for the kernel replay."""
    parts = []
    for k, (_, node) in enumerate(items):
        _, signature = split_statement(node.statement)
        parts.append("\n".join(theorem_lines(f"etp_replay_{k}", signature, node.proof, heartbeats)))
    return "\n\n".join(parts) + "\n"
