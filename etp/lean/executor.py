"""Executors run checked files through Lean and hand back what Lean said (`LeanRun`); the
verifier decides verdicts from that (`etp.lean.batch`) without knowing how Lean was run.

`LocalExecutor` runs files on this machine on a pool of threads, each through a runner with
`LeanRuntime.run`'s signature: a fresh confined process per file, or long-lived embedded
workers (`etp.lean.host`). Another executor (a Ray cluster) implements the same methods.
"""

from __future__ import annotations

import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from etp.lean.runtime import LeanRun, LeanRuntime


@dataclass(frozen=True)
class LeanJob:
    """One checked file and its limits. `nonce` is the batch's sentinel prefix: each
    `#print "<nonce>-…"` that comes back is progress (see `ProgressWatch`)."""

    text: str
    nonce: str
    lean_args: tuple[str, ...]
    lean_path: tuple[Path, ...]
    startup_timeout: float  # until the header is imported
    progress_timeout: float  # then between two sentinels
    total_timeout: float
    max_output: int


class Executor(Protocol):
    workers: int  # how many files it runs at once

    def submit(self, job: LeanJob) -> Future[LeanRun]: ...

    def start(self) -> None:
        """Start long-lived workers now rather than on the first file (no-op for processes)."""

    def cancel(self) -> None:
        """Stop every running Lean now and start no more (Ctrl-C)."""

    def close(self) -> None: ...


class ProgressWatch:
    """Kills a Lean process that stops making progress (no new sentinel in time)."""

    def __init__(self, job: LeanJob, cancel: threading.Event | None = None):
        self.cancel = cancel
        self.marker = f'"data":"{job.nonce}-'.encode()
        self.startup_timeout = job.startup_timeout
        self.progress_timeout = job.progress_timeout
        self.started = time.monotonic()
        self.last_progress: float | None = None
        self.tail = b""  # the last bytes seen: a marker may straddle two reads

    def feed(self, chunk: bytes) -> bool:
        """New output arrived; True when the process must be stopped."""
        if chunk:
            chunk = self.tail + chunk
            self.tail = chunk[-(len(self.marker) - 1):]
            if self.marker in chunk:
                self.last_progress = time.monotonic()
        return self.expired()

    def expired(self) -> bool:
        if self.cancel is not None and self.cancel.is_set():
            return True
        now = time.monotonic()
        if self.last_progress is None:
            return now - self.started > self.startup_timeout
        return now - self.last_progress > self.progress_timeout


class _FileWatch:
    """`LeanRuntime.run`'s watchdog: reads the new part of the stdout file into a ProgressWatch."""

    def __init__(self, watch: ProgressWatch):
        self.watch = watch
        self.offset = 0

    def __call__(self, stdout: Path) -> bool:
        size = stdout.stat().st_size
        chunk = b""
        if size > self.offset:
            with open(stdout, "rb") as f:
                f.seek(self.offset)
                chunk = f.read(size - self.offset)
            self.offset = size
        return self.watch.feed(chunk)


class LeanRunner(Protocol):
    """`LeanRuntime.run`'s signature: run `lean ARGS` to the end and parse its messages."""

    def __call__(self, args: list[str], *, lean_path: list[Path], max_output: int, watchdog: Callable[[Path], bool],
                 timeout: float) -> LeanRun: ...


@dataclass
class LocalExecutor:
    """Runs checked files on this machine, `workers` at once, each by `run_lean`: a fresh
    confined Lean process per file (`LeanRuntime.run`), or a pool of long-lived embedded
    workers that start every file from a pristine Lean (`etp.lean.host.HostPool.run`)."""

    run_lean: LeanRunner
    workers: int
    scratch_dir: Path | None = None  # where checked files are written (default: the temp folder)
    on_start: Callable[[], None] | None = None
    on_close: Callable[[], None] | None = None
    _cancel: threading.Event = field(default_factory=threading.Event)
    _pool: ThreadPoolExecutor | None = None

    def submit(self, job: LeanJob) -> Future[LeanRun]:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="etp-lean")
        return self._pool.submit(self._run, job)

    def _run(self, job: LeanJob) -> LeanRun:
        scratch = self.scratch_dir or Path(tempfile.gettempdir())
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", prefix="etp_check_", suffix=".lean",
                                         dir=scratch, delete=False) as f:
            f.write(job.text)
        path = Path(f.name)
        try:
            return self.run_lean(
                [*job.lean_args, str(path)], lean_path=list(job.lean_path), max_output=job.max_output,
                watchdog=_FileWatch(ProgressWatch(job, self._cancel)), timeout=job.total_timeout,
            )
        finally:
            path.unlink(missing_ok=True)

    def start(self) -> None:
        if self.on_start is not None:
            self.on_start()

    def cancel(self) -> None:
        self._cancel.set()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        if self.on_close is not None:
            self.on_close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        if self.on_close is not None:
            self.on_close()


def process_executor(runtime: LeanRuntime, workers: int, scratch_dir: Path | None = None) -> LocalExecutor:
    """A fresh, confined Lean process per checked file."""
    return LocalExecutor(runtime.run, workers, scratch_dir)


def host_executor(runtime: LeanRuntime, workers: int, lean_path: list[Path], startup_timeout: float,
                  scratch_dir: Path | None = None) -> LocalExecutor:
    """Long-lived embedded workers (`etp.lean.host`): each checked file starts from a pristine
    Lean; a worker that crashed, timed out or could not be restored is replaced."""
    from etp.lean.host import HostPool

    pool = HostPool(runtime, size=workers, lean_path=lean_path, startup_timeout=startup_timeout)
    return LocalExecutor(pool.run, workers, scratch_dir, on_start=pool.start, on_close=pool.close)
