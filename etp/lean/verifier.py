"""The verifier: sound, batched checking of untrusted proof candidates.

A request is screened first (`etp.lean.screen`: the candidate must lie in a small language
with no commands, no `sorry`, no escape hatches; the statement and header likewise), without
Lean. The rest are grouped by header into batches; each batch is one checked file
(`etp.lean.batch`: named theorems, each followed by a sentinel with a random nonce), run by
an executor (`etp.lean.executor`: today a fresh confined Lean process per file), and Lean's
messages are turned into verdicts by `batch.Judge`. A run that ends abnormally (crash, output
flood, no progress) or that a candidate may have changed (a parse error inside its span, a
message outside every span) hands back the undecided candidates to run again in a fresh
process: nothing is lost, and no verdict rests on a process a candidate could have changed.
Native Lean also lists each theorem's axioms (only `propext`, `Quot.sound`,
`Classical.choice` pass); the embedded runtime cannot (`#print axioms` is refused there), and
the guarantee rests on the screen plus a library with no `axiom` (enforced by a test).
"""

from __future__ import annotations

import re
import secrets
import threading
from concurrent.futures import FIRST_COMPLETED, wait
from pathlib import Path
from typing import Callable

from etp.config import CheckingConfig
from etp.core import CheckRequest, Header, Verdict, split_statement, StatementError
from etp.lean.batch import MAX_ERRORS, Batch, Judge, render
from etp.lean.executor import Executor, LeanJob, host_executor, process_executor
from etp.lean.runtime import LeanRuntime

VERIFIER_VERSION = 3  # part of every cache key: bump when verdict logic changes
MIN_SPLIT = 16  # fewest checks worth a Lean process of their own (each costs a start-up)
_META_ROOTS = frozenset({"Lean", "Lake", "IO", "EIO", "BaseIO", "ST", "System"})


class Verifier:
    """Checks candidates with one Lean runtime; see the module docstring for the guarantees."""

    def __init__(
        self,
        runtime: LeanRuntime,
        checking: CheckingConfig | None = None,
        *,
        lean_path: list[Path] | None = None,
        scratch_dir: Path | None = None,
        executor: Executor | None = None,
    ):
        """`checking`: workers, batch size and limits (`etp.config`, where their defaults are
        defined); `lean_path`: the library build (default: this runtime's build folder)."""
        from etp.lean.build import build_dir

        c = checking or CheckingConfig()
        self.runtime = runtime
        self.lean_path = list(lean_path) if lean_path is not None else [build_dir(runtime)]
        self.workers, self.batch_size, self.heartbeats = c.workers, c.batch_size, c.heartbeats
        self.candidate_timeout, self.startup_timeout = c.check_timeout, c.startup_timeout
        self.max_output = c.max_output_mib << 20
        if executor is None and runtime.embedded and c.embedded_workers == "host":
            executor = host_executor(runtime, self.workers, self.lean_path, self.startup_timeout, scratch_dir)
        self.executor = executor or process_executor(runtime, self.workers, scratch_dir)
        self.list_axioms = not runtime.embedded  # `#print axioms` is refused in the embedded runtime
        self._fingerprint: str | None = None
        self.stats = {"lean_processes": 0, "batches_split": 0, "poisoned": 0}
        self._lock = threading.Lock()

    def close(self) -> None:
        """Stop the executor's workers (long-lived ones hold a Node process each)."""
        self.executor.close()

    def __enter__(self) -> "Verifier":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def fingerprint(self) -> str:
        """What a verdict depends on besides the request: checker and screen versions, the
        runtime and its version, the library build, the limits. Stored verdicts made under
        another fingerprint are not reused."""
        if self._fingerprint is None:
            import hashlib

            from etp.lean.build import library_digest
            from etp.lean.screen import RULES_VERSION

            parts = [VERIFIER_VERSION, RULES_VERSION, self.runtime.key, library_digest(self.lean_path),
                     self.heartbeats, self.candidate_timeout]
            self._fingerprint = hashlib.sha256(repr(parts).encode()).hexdigest()[:16]
        return self._fingerprint

    # ----------------------------------------------------------------- public API

    def check(self, requests: list[CheckRequest], progress: Callable[[int, int], None] | None = None) -> list[Verdict]:
        """One verdict per request, in order, each from Lean (or from the screen's refusal)."""
        verdicts: list[Verdict | None] = [None] * len(requests)
        todo: dict[Header, list[int]] = {}
        proofs: dict[int, str] = {}  # normalized: what Lean checks
        for i, req in enumerate(requests):
            early = self._precheck(req)
            if isinstance(early, Verdict):
                verdicts[i] = early
            else:
                proofs[i] = early
                todo.setdefault(req.header, []).append(i)
        done = sum(v is not None for v in verdicts)
        if progress:
            progress(done, len(requests))
        self._run_all(self._plan(todo), requests, proofs, verdicts, progress, done)
        return [v for v in verdicts]  # type: ignore[misc]

    def _run_all(self, batches: list[Batch], requests: list[CheckRequest], proofs: dict[int, str],
                 verdicts: list[Verdict | None], progress, done: int) -> None:
        """Run batches on the executor until every request has a verdict; a run that leaves
        candidates undecided hands back batches to run again."""
        judge = Judge(self.runtime.key, self.list_axioms)
        running = {self._submit(b, requests, proofs): b for b in batches}
        try:
            while running:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in finished:
                    batch = running.pop(fut)
                    decision = judge.decide(batch, fut.result(), requests)
                    self._count(poisoned=decision.poisoned, batches_split=decision.split)
                    for i, verdict in decision.decided.items():
                        verdicts[i] = verdict.model_copy(update={"checker": self.fingerprint})
                    done += len(decision.decided)
                    if progress and decision.decided:
                        progress(done, len(requests))
                    for sub in decision.retry:
                        running[self._submit(sub, requests, proofs)] = sub
        except BaseException:
            # Ctrl-C: stop the Lean processes now, start no more.
            self.executor.cancel()
            raise

    def _submit(self, batch: Batch, requests: list[CheckRequest], proofs: dict[int, str]):
        nonce = secrets.token_hex(8)
        text = render(batch, requests, proofs, nonce, heartbeats=self.heartbeats, list_axioms=self.list_axioms)
        job = LeanJob(
            text=text, nonce=nonce, lean_args=(f"-DmaxErrors={MAX_ERRORS}", "--json"),
            lean_path=tuple(self.lean_path), startup_timeout=self.startup_timeout,
            progress_timeout=self.candidate_timeout,
            total_timeout=self.startup_timeout + self.candidate_timeout * len(batch.indices),
            max_output=self.max_output,
        )
        self._count(lean_processes=1)
        return self.executor.submit(job)

    def _count(self, **increments: int) -> None:
        with self._lock:
            for name, n in increments.items():
                self.stats[name] += int(n)

    def check_statement(self, header: Header, statement: str) -> Verdict:
        """Does the statement elaborate? `sketch_ok` if so, else `failed`/`rejected`."""
        return self.check([CheckRequest(header=header, statement=statement, proof="by\n  sorry", allow_sorry=True)])[0]

    # ------------------------------------------------------------- preparation

    def _precheck(self, req: CheckRequest) -> Verdict | str:
        """A verdict without Lean when screening refuses the request, else the normalized
        proof that Lean is to check."""
        from etp.lean.screen import prepare

        def refuse(reason: str) -> Verdict:
            return Verdict(status="rejected", reason=reason, runtime=self.runtime.key)

        try:
            _, signature = split_statement(req.statement)
        except StatementError as exc:
            return refuse(f"statement: {exc}")
        problem = prepare(signature, statement=True)[1]
        if problem:
            return refuse(f"statement: {problem}")
        for module in req.header.imports + req.header.open:
            if not re.fullmatch(r"[A-Za-z_][\w.']*", module):
                return refuse(f"header: bad name {module!r}")
            if module.split(".")[0] in _META_ROOTS:
                # Importing or opening Lean's own meta-level namespaces would let a candidate
                # reach the elaborator or IO without naming them.
                return refuse(f"header: {module!r} is not allowed")
        proof, problem = prepare(req.proof, allow_sorry=req.allow_sorry)
        return refuse(problem) if problem else proof

    def _plan(self, todo: dict[Header, list[int]]) -> list[Batch]:
        """Split each header's candidates into batches: at most batch_size, and enough to
        keep every worker busy (a process costs its start-up; fewer, larger batches win)."""
        total = sum(len(v) for v in todo.values())
        batches = []
        for header, indices in todo.items():
            share = max(1, round(self.workers * len(indices) / max(1, total)))
            # Splitting pays a second start-up: only for at least MIN_SPLIT checks a process.
            share = max(1, min(share, len(indices) // MIN_SPLIT))
            n = max(share, -(-len(indices) // self.batch_size))
            n = min(n, len(indices))
            size = -(-len(indices) // n)
            batches += [Batch(header, indices[k:k + size]) for k in range(0, len(indices), size)]
        return batches
