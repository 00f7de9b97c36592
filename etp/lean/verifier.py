"""The verifier: sound, batched checking of untrusted proof candidates.

How a candidate is confined. The checked file is written here, never by the candidate:
the header (imports, opens) and the statement are fixed; the candidate (the text after
`:=`) is screened token by token (`etp.lean.screen`: no commands, no `sorry`, no
`native_decide`, no escape hatches, balanced brackets) and then placed inside
parentheses, so Lean parses it as one term. Each candidate is followed by a sentinel
`#print "<nonce>-<i>"` with a random nonce the candidate cannot know: a candidate counts
only if its sentinel came back, no error was reported inside it, no `sorry` warning was,
and the Lean process itself ended normally. Native Lean also lists the axioms of each
accepted theorem (only `propext`, `Quot.sound`, `Classical.choice` pass). The embedded
runtime cannot list axioms (`#print axioms` is refused there: every file is a module), so
candidates are stated as `example`s (nothing a later candidate could cite) and the guarantee
rests on screening plus a library with no `axiom` (enforced by a test).

Batching. Candidates with one header share a Lean process (start-up and import are paid
once), several processes run at once. A process that crashes, floods its output or stops
making progress is killed; candidates already decided keep their verdicts, the one it was
working on is isolated and retried alone, and the rest are re-queued: nothing is lost.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from etp.core import CheckRequest, Header, LeanMessage, Position, Status, Verdict, split_statement
from etp.lean.messages import parse_messages
from etp.lean.runtime import LeanRun, LeanRuntime

VERIFIER_VERSION = 3  # part of every cache key: bump when verdict logic changes
ALLOWED_AXIOMS = frozenset({"propext", "Quot.sound", "Classical.choice"})
_SORRY_WARNING = re.compile(r"declaration uses\W+sorry")  # Lean 4.28 prints `sorry`, older ones 'sorry'
_TIMEOUT_MARKERS = ("(deterministic) timeout", "maxHeartbeats")
# The project's Lean options (lakefile.lean), set in every checked file after its header.
PROJECT_OPTIONS = ("set_option autoImplicit false", "set_option relaxedAutoImplicit false")
# Checked files also elaborate each theorem before the next command: with Lean's default
# asynchronous proofs, a later candidate's crash (say, the parser's stack) can come before an
# earlier one's sentinel is printed, and the earlier, innocent one would be blamed.
CHECK_OPTIONS = (*PROJECT_OPTIONS, "set_option Elab.async false")
MAX_ERRORS = 100_000  # Lean stops a file after `maxErrors` errors (100 by default); a batch has many
_PARSE_ERROR_STARTS = ("unexpected ", "expected ", "unterminated ", "missing end of", "invalid escape",
                       "tabs are not allowed", "unknown token")
MIN_SPLIT = 16  # fewest checks worth a Lean process of their own (each costs a start-up)
_META_ROOTS = frozenset({"Lean", "Lake", "IO", "EIO", "BaseIO", "ST", "System"})


def parse_goals(message: str) -> list[str]:
    """The goals of an `unsolved goals` error, each as Lean printed it."""
    if not message.startswith("unsolved goals"):
        return []
    body = message[len("unsolved goals"):].strip("\n")
    return [g.strip("\n") for g in re.split(r"\n\s*\n", body) if g.strip()]


def parse_axioms(message: str) -> list[str] | None:
    """Axioms listed by `#print axioms`, or None when the message is not such a listing."""
    if "does not depend on any axioms" in message:
        return []
    match = re.search(r"depends on axioms: \[(.*)\]", message, re.S)
    if not match:
        return None
    return [a.strip() for a in match.group(1).split(",") if a.strip()]


@dataclass
class _Slot:
    """Where one candidate sits in a batch file."""

    index: int  # position in the caller's request list
    sentinel: str
    first_line: int  # file line of the candidate's first line
    last_line: int  # file line of the closing parenthesis
    decl_line: int  # file line of the `theorem` line
    axioms_line: int | None = None  # native: the `#print axioms` line
    sentinel_line: int = 0


@dataclass
class _Batch:
    header: Header
    indices: list[int]
    attempt: int = 0
    slots: list[_Slot] = field(default_factory=list)
    start_line: int = 0  # the `#print` after the header
    end_line: int = 0  # the closing `#print`


def theorem_lines(name: str, signature: str, proof: str, heartbeats: int) -> list[str]:
    """A checked declaration: the heartbeat limit, a named theorem (Lean refuses a type that is
    not a proposition), and the proof in parentheses on lines of its own (a trailing comment
    in the statement cannot hide `:=`, and the proof is parsed as one term)."""
    return [f"set_option maxHeartbeats {heartbeats} in", *f"theorem {name} {signature}".split("\n"), ":= (",
            *proof.split("\n"), ")"]


def _span(slot: _Slot) -> range:
    """File lines where the candidate's own messages may land: its `set_option` line to `)`."""
    return range(slot.decl_line - 1, slot.last_line + 1)


def _own_messages(slot: _Slot, run: LeanRun) -> list[LeanMessage]:
    return [m.model_copy(deep=True) for m in run.messages if m.pos.line in _span(slot)]


def is_parse_error(message: LeanMessage) -> bool:
    """Lean's parser (not the elaborator) reported it: the declaration may have ended early."""
    first = message.data.split("\n", 1)[0]
    return message.severity == "error" and (first.startswith(_PARSE_ERROR_STARTS) or "; expected " in first)


def _poisoned(batch: _Batch, run: LeanRun) -> tuple[int, str] | None:
    """(position in the batch of the first candidate that may have changed the Lean process,
    why), or None. Signs: a parse error inside its span (a command can only follow a
    declaration that ended early), or any message outside every span that is not the checker's
    own `#print` on its own line (the output of a command)."""
    expected = {batch.start_line: None, batch.end_line: None}
    for slot in batch.slots:
        expected[slot.sentinel_line] = slot.sentinel
        if slot.axioms_line is not None:
            expected[slot.axioms_line] = None  # native `#print axioms`: checked by _judge
    first: tuple[int, str] | None = None
    for m in run.messages:
        line = m.pos.line
        k = next((k for k, s in enumerate(batch.slots) if line in _span(s)), None)
        if k is not None:
            why = f"a parse error: {m.data.splitlines()[0]}" if is_parse_error(m) else None
        elif line < batch.start_line:
            continue  # header messages: handled as a failed header
        elif line in expected and m.severity == "information" and (expected[line] is None or m.data == expected[line]):
            continue
        else:
            k = max((k for k, s in enumerate(batch.slots) if s.decl_line - 1 <= line), default=0)
            why = f"a message outside its own declaration (line {line}: {m.data.splitlines()[0][:200] if m.data else ''})"
        if why and (first is None or k < first[0]):
            first = (k, why)
    return first


class Verifier:
    """Checks candidates with one Lean runtime; see the module docstring for the guarantees."""

    def __init__(
        self,
        runtime: LeanRuntime,
        *,
        lean_path: list[Path] | None = None,
        workers: int | None = None,
        batch_size: int = 48,
        heartbeats: int = 400_000,
        candidate_timeout: float = 120.0,
        startup_timeout: float = 300.0,
        max_output: int = 32 << 20,
        cache=None,
        scratch_dir: Path | None = None,
    ):
        from etp.lean.build import build_dir

        self.runtime = runtime
        self.lean_path = list(lean_path) if lean_path is not None else [build_dir(runtime)]
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.batch_size = max(1, batch_size)
        self.heartbeats = heartbeats
        self.candidate_timeout = candidate_timeout
        self.startup_timeout = startup_timeout
        self.max_output = max_output
        self.cache = cache
        self.scratch_dir = scratch_dir  # where batch files are written (default: the temp folder)
        self.list_axioms = not runtime.embedded  # `#print axioms` is refused in the embedded runtime
        self._fingerprint: str | None = None
        self._cancel = threading.Event()  # set on Ctrl-C: running Lean processes are stopped
        self.stats = {"lean_processes": 0, "batches_split": 0, "poisoned": 0}
        self._lock = threading.Lock()

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

    def check(
        self, requests: list[CheckRequest], progress: Callable[[int, int], None] | None = None,
        *, fresh: bool = False,
    ) -> list[Verdict]:
        """One verdict per request, in order. `fresh` checks every request in Lean, never from
        the cache (the final check)."""
        verdicts: list[Verdict | None] = [None] * len(requests)
        todo: dict[Header, list[int]] = {}
        proofs: dict[int, str] = {}  # normalized: what Lean checks
        for i, req in enumerate(requests):
            early = self._precheck(req)
            if isinstance(early, str):
                proofs[i] = early
                early = self.cache.get(self._cache_key(req)) if self.cache is not None and not fresh else None
                if early is not None:
                    early = early.model_copy(update={"cached": True})
            if early is not None:
                verdicts[i] = early
            else:
                todo.setdefault(req.header, []).append(i)
        done = sum(v is not None for v in verdicts)
        if progress:
            progress(done, len(requests))
        batches = self._plan(todo)
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            running = {pool.submit(self._run_batch, b, requests, proofs): b for b in batches}
            try:
                while running:
                    finished, _ = wait(running, return_when=FIRST_COMPLETED)
                    for fut in finished:
                        running.pop(fut)
                        decided, retry = fut.result()
                        for i, verdict in decided.items():
                            verdicts[i] = verdict.model_copy(update={"checker": self.fingerprint})
                            if self.cache is not None and verdict.status in ("proved", "failed", "sketch_ok"):
                                self.cache.put(self._cache_key(requests[i]), verdict)
                        done += len(decided)
                        if progress and decided:
                            progress(done, len(requests))
                        for sub in retry:
                            running[pool.submit(self._run_batch, sub, requests, proofs)] = sub
            except BaseException:
                # Ctrl-C: stop the Lean processes now (their watchdogs see the flag), start no more.
                self._cancel.set()
                pool.shutdown(wait=False, cancel_futures=True)
                raise
        return [v for v in verdicts]  # type: ignore[misc]

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

    def _cache_key(self, req: CheckRequest) -> str:
        import hashlib
        import json

        payload = json.dumps([self.fingerprint, list(req.header.imports), list(req.header.open), req.statement,
                              req.proof, req.allow_sorry])
        return hashlib.sha256(payload.encode()).hexdigest()

    def _plan(self, todo: dict[Header, list[int]]) -> list[_Batch]:
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
            batches += [_Batch(header, indices[k:k + size]) for k in range(0, len(indices), size)]
        return batches

    def _render(self, batch: _Batch, requests: list[CheckRequest], proofs: dict[int, str], nonce: str) -> str:
        from etp.lean.screen import normalize

        lines = batch.header.render().splitlines() + list(CHECK_OPTIONS)
        # Imports done: from here on the watchdog allows each candidate candidate_timeout.
        lines.append(f'#print "{nonce}-start"')
        batch.start_line = len(lines)
        batch.slots = []
        for n, i in enumerate(batch.indices):
            _, signature = split_statement(requests[i].statement)
            name = f"etp_{nonce}_{n}"
            decl_line = len(lines) + 2  # after the `set_option` line
            lines.extend(theorem_lines(name, normalize(signature), proofs[i], self.heartbeats))
            first = len(lines) - len(proofs[i].split("\n"))  # the proof's lines end just before `)`
            slot = _Slot(index=i, sentinel=f"{nonce}-{n}", first_line=first, last_line=len(lines), decl_line=decl_line)
            if self.list_axioms:
                lines.append(f"#print axioms {name}")
                slot.axioms_line = len(lines)
            lines.append(f'#print "{slot.sentinel}"')
            slot.sentinel_line = len(lines)
            batch.slots.append(slot)
        lines.append(f'#print "{nonce}-end"')
        batch.end_line = len(lines)
        return "\n".join(lines) + "\n"

    # ---------------------------------------------------------------- running

    def _run_batch(self, batch: _Batch, requests: list[CheckRequest], proofs: dict[int, str]):
        """Run one batch; returns (verdicts decided, batches to retry)."""
        nonce = secrets.token_hex(8)
        text = self._render(batch, requests, proofs, nonce)
        scratch = self.scratch_dir or Path(tempfile.gettempdir())
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", prefix="etp_check_", suffix=".lean",
                                         dir=scratch, delete=False) as f:
            f.write(text)
        path = Path(f.name)
        try:
            watch = _ProgressWatch(nonce, self.startup_timeout, self.candidate_timeout, self._cancel)
            with self._lock:
                self.stats["lean_processes"] += 1
            run = self.runtime.run(
                [f"-DmaxErrors={MAX_ERRORS}", "--json", str(path)], lean_path=self.lean_path,
                max_output=self.max_output, watchdog=watch,
                timeout=self.startup_timeout + self.candidate_timeout * len(batch.indices),
            )
        finally:
            path.unlink(missing_ok=True)
        return self._decide(batch, run, nonce, requests)

    def _decide(self, batch: _Batch, run: LeanRun, nonce: str, requests: list[CheckRequest]):
        seen = {m.data for m in run.messages if m.severity == "information"}
        ended_normally = run.returncode in (0, 1) and not run.timed_out and not run.output_overflow
        ended_normally = ended_normally and f"{nonce}-end" in seen
        share = run.seconds / max(1, len(batch.slots))
        decided: dict[int, Verdict] = {}
        header_errors = [m for m in run.messages if m.severity == "error" and m.pos.line < batch.start_line]
        if header_errors:
            # The header itself failed (an unknown import, say): no candidate was checked.
            reason = "header: " + "; ".join(m.data for m in header_errors)[:2000]
            status: Status = "failed" if run.started else "error"
            return {s.index: Verdict(status=status, reason=reason, messages=header_errors, runtime=self.runtime.key)
                    for s in batch.slots}, []
        poison = _poisoned(batch, run)
        slots = batch.slots if poison is None else batch.slots[:poison[0]]
        unfinished: list[_Slot] = []
        for slot in slots:
            verdict = self._judge(slot, _own_messages(slot, run), run, slot.sentinel in seen, ended_normally, share,
                                  requests[slot.index].allow_sorry)
            if verdict is None:
                unfinished.append(slot)
            else:
                decided[slot.index] = verdict
        after_poison: list[_Slot] = []
        if poison is not None:
            # Everything Lean said after the poisoning candidate may have been changed by it:
            # the candidates after it are checked again in a fresh process, without it.
            k, why = poison
            poisoner = batch.slots[k]
            own = _own_messages(poisoner, run)
            verdict = self._judge(poisoner, own, run, True, True, share, requests[poisoner.index].allow_sorry)
            if verdict is None or verdict.status not in ("failed", "timeout"):
                verdict = Verdict(status="rejected", reason=f"it changed its Lean process: {why}", messages=own,
                                  seconds=share, runtime=self.runtime.key)
            decided[poisoner.index] = verdict
            for slot in batch.slots[k + 1:]:
                own = _own_messages(slot, run)
                if any(is_parse_error(m) for m in own):
                    # A parse error is never a proof, and in a fresh process this candidate
                    # would poison the rest again: it fails now (at worst a false negative).
                    decided[slot.index] = self._judge(slot, own, run, True, True, share, False) or Verdict(
                        status="failed", reason="a parse error", messages=own, seconds=share, runtime=self.runtime.key)
                else:
                    after_poison.append(slot)
            with self._lock:
                self.stats["poisoned"] += 1
        retry = self._retry_unfinished(batch, run, nonce, unfinished, decided)
        if after_poison:
            retry.append(_Batch(batch.header, [s.index for s in after_poison], attempt=batch.attempt + 1))
        return decided, retry

    def _retry_unfinished(self, batch: _Batch, run: LeanRun, nonce: str, unfinished: list[_Slot],
                          decided: dict[int, Verdict]) -> list[_Batch]:
        """The process ended abnormally: the first candidate whose sentinel never came back was
        running when it stopped. A candidate that made no progress in time, or ran Lean out of
        stack, gets its verdict at once (alone it would only do so again); after any other
        crash (memory, say, which earlier candidates share) it is retried alone. The rest are
        retried together."""
        if not unfinished:
            return []
        seen = {m.data for m in run.messages if m.severity == "information"}
        unseen = [s for s in unfinished if s.sentinel not in seen]
        culprit = unseen[0] if unseen else unfinished[-1]
        rest = [s for s in unfinished if s is not culprit]
        imported = f"{nonce}-start" in seen  # else the header, not the candidate, may be what hung
        groups = [[s.index for s in rest]] if rest else []
        if len(batch.indices) == 1 or (imported and (run.timed_out or run.stack_overflow)):
            decided[culprit.index] = self._abnormal_verdict(run)
        else:
            groups.insert(0, [culprit.index])
        if groups:
            with self._lock:
                self.stats["batches_split"] += 1
        return [_Batch(batch.header, g, attempt=batch.attempt + 1) for g in groups]

    def _judge(self, slot: _Slot, own: list[LeanMessage], run: LeanRun, sentinel_seen: bool,
               ended_normally: bool, share: float, allow_sorry: bool) -> Verdict | None:
        """The verdict of one candidate, or None when it must be checked again."""
        for m in own:
            m.pos = Position(line=m.pos.line - slot.first_line + 1, column=m.pos.column)
            if m.end_pos is not None:
                m.end_pos = Position(line=m.end_pos.line - slot.first_line + 1, column=m.end_pos.column)
        errors = [m for m in own if m.severity == "error"]
        key = self.runtime.key
        if errors:
            goals = [g for m in errors for g in parse_goals(m.data)]
            timed = any(any(t in m.data for t in _TIMEOUT_MARKERS) for m in errors)
            return Verdict(
                status="timeout" if timed else "failed",
                reason=errors[0].data.splitlines()[0] if errors[0].data else "error",
                messages=own, first_error=errors[0].pos, goals=goals, seconds=share, runtime=key,
            )
        if not (sentinel_seen and ended_normally):
            return None
        sorry_used = any(m.kind == "hasSorry" or _SORRY_WARNING.search(m.data) for m in own if m.severity != "error")
        if self.list_axioms:
            listing = [parse_axioms(m.data) for m in run.messages
                       if m.pos.line == slot.axioms_line and m.severity == "information"]
            listing = [a for a in listing if a is not None]
            if not listing:
                return Verdict(status="error", reason="Lean did not list the axioms of the theorem",
                               messages=own, seconds=share, runtime=key)
            if "sorryAx" in listing[0]:
                sorry_used = True
            else:
                bad = sorted(set(listing[0]) - ALLOWED_AXIOMS)
                if bad:
                    return Verdict(status="rejected", reason=f"depends on disallowed axioms: {', '.join(bad)}",
                                   messages=own, seconds=share, runtime=key)
        if allow_sorry:
            return Verdict(status="sketch_ok", messages=own, seconds=share, runtime=key)
        return Verdict(status="proved" if not sorry_used else "failed",
                       reason="" if not sorry_used else "declaration uses sorry",
                       messages=own, seconds=share, runtime=key)

    def _abnormal_verdict(self, run: LeanRun) -> Verdict:
        if run.timed_out:
            return Verdict(status="timeout", reason=run.failure_summary() or "no progress within the time limit",
                           seconds=run.seconds, runtime=self.runtime.key)
        return Verdict(status="error", reason=run.failure_summary() or "Lean stopped before finishing",
                       seconds=run.seconds, runtime=self.runtime.key)


class _ProgressWatch:
    """Kills a Lean process that stops making progress (no new sentinel in time)."""

    def __init__(self, nonce: str, startup_timeout: float, candidate_timeout: float,
                 cancel: threading.Event | None = None):
        self.cancel = cancel
        self.marker = f'"data":"{nonce}-'.encode()
        self.startup_timeout = startup_timeout
        self.candidate_timeout = candidate_timeout
        self.started = time.monotonic()
        self.last_progress: float | None = None
        self.offset = 0  # bytes of stdout already read
        self.tail = b""  # their last bytes: a marker may straddle two reads

    def __call__(self, stdout: Path) -> bool:
        if self.cancel is not None and self.cancel.is_set():
            return True
        now = time.monotonic()
        size = stdout.stat().st_size
        if size > self.offset:
            with open(stdout, "rb") as f:
                f.seek(self.offset)
                chunk = self.tail + f.read(size - self.offset)
            self.offset = size
            self.tail = chunk[-(len(self.marker) - 1):]
            if self.marker in chunk:
                self.last_progress = now
        if self.last_progress is None:
            return now - self.started > self.startup_timeout
        return now - self.last_progress > self.candidate_timeout
