"""A long-lived embedded Lean: Node and the wasm start once per host, each run starts pristine.

`LeanRuntime.run` starts a Node process per Lean run: ~11 s of start-up (compiling the glue,
linking 201,110 exports, loading the pthread workers) before Lean's `main` reads anything.
A `LeanHost` pays that once: `etp/lean/host.js` keeps one runtime, snapshots it before `main`
ever ran, runs `main` once per request and restores the snapshot afterwards (memory, globals,
function table, the glue's JavaScript state, the in-memory file system, the pthread workers),
checking the restored state against the snapshot. See host.js for what is restored and how;
when a request leaves anything the host cannot restore (a thread that does not end, a crash),
the host says so and exits, and the next run starts a new one.

    host = LeanHost(runtime, lean_path=[build_dir])      # or HostPool(runtime, size=2, ...)
    run = host.run(["--json", "/abs/path/File.lean"], timeout=120, watchdog=watch)
    ...                                                   # run is a LeanRun, as runtime.run's
    host.close()

`run` takes the arguments of `LeanRuntime.run` and returns the same `LeanRun` (messages parsed
the same way, `started`, `returncode`, `timed_out`, `output_overflow`, `stderr_tail`), under
the same confinement: the host is started with Node's permission flags for the runtime, the
host's LEAN_PATH and `read` folders and its own scratch folder, in a clean environment; each
request mounts only the folders `runtime.sandbox` names for it (which must lie within what the
host may read). Files named in the arguments that lie in no mounted folder are sent to the
host and served from memory (as a one-shot run copies them into the in-memory file system).
The scratch folder (Lean's working directory, HOME and TMPDIR) is emptied after every run.

Limits: `timeout` and `max_output` as in `LeanRuntime.run`; past either the host is killed
(and restarted by the next run). `watchdog` is called, as by `LeanRuntime.run`, with the path
of the file Lean's stdout is written to while it runs; output printed on Lean's worker threads
reaches that file only when the run ends, exactly as in a one-shot run.

Differences from a one-shot process (measured in tests/lean/test_host.py or documented in
host.js): the scratch folder's path is fixed per host (a fresh one per run otherwise); the wasm
memory stays as large as the largest run made it (zeroed) and the function table as long; a
task Lean leaves running at exit may finish (up to 10 s, then the host is discarded) where a
one-shot process is killed with it; a symbol named like one of emscripten's JavaScript imports
(say `@[export emscripten_run_script_int]`) is not resolved to that import (a one-shot run
calls it: it hung when tried). Everything else a run could change is restored and then
compared with the snapshot; a difference discards the host.

Measured on this 2-core machine while other jobs loaded it (load average 10-11;
benchmarks/host_startup.py --repeat 3, medians): `--version` 17.6 s fresh vs 0.08 s in a host;
a one-theorem file 25.6 s vs 4.8 s; 50 small theorems 35.6 s vs 7.3 s; with `import EconLean`
31.6 s vs 4.7 s; the host's reset after each reply 0.56 s; starting a host 11-33 s. Of a host
run, Lean's initialization takes 0.06 s, importing Init 2.9 s (done in every run: see host.js
on why the snapshot is taken before `main`), elaboration 0.15 s.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from etp.lean.runtime import (
    DEFAULT_MAX_OUTPUT, EmbeddedRuntime, LeanRun, LeanUnavailable, RunLimits, Sandbox, _absolute, _files_in, _inside_any,
    _read_capped, kill_group, outermost,
)

HOST_JS = Path(__file__).with_name("host.js")
DEFAULT_STARTUP_TIMEOUT = 600.0  # seconds for the host to load the runtime (~11-40 s measured)
RESET_TIMEOUT = 120.0  # seconds to wait for a host to restore its snapshot after a run


class HostError(LeanUnavailable):
    """The host could not be started or stopped answering."""


class LeanHost:
    """One Node process serving Lean runs one at a time, each from the same pristine state.

    Not thread-safe: use one per thread, or a `HostPool`. The process starts on the first
    `run` (or `start`), and again after it was killed (timeout, overflow) or left (crash).
    """

    def __init__(
        self,
        runtime: EmbeddedRuntime,
        *,
        lean_path: list[Path] = (),
        read: list[Path] = (),
        write: list[Path] = (),
        startup_timeout: float = DEFAULT_STARTUP_TIMEOUT,
        log: Callable[[str], None] | None = None,
    ):
        if not runtime.embedded:
            raise ValueError("LeanHost runs the embedded (wasm) runtime only")
        self.runtime = runtime
        self.lean_path = list(_absolute(lean_path))
        self.read = list(_absolute(read))
        self.write = list(_absolute(write))
        self.startup_timeout = startup_timeout
        self.log = log or (lambda msg: None)
        self._proc: subprocess.Popen | None = None
        self._dir: Path | None = None
        self._requests = None
        self._replies: _LineReader | None = None
        self._pending_reset = False
        self._next_id = 0
        self.starts = 0  # how many host processes were started
        self.startup_seconds: list[float] = []
        self.reset_seconds: list[float] = []
        self.reset_timing: list[dict] = []  # where each reset's time went (host.js phases)

    # ------------------------------------------------------------------ process

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def scratch(self) -> Path:
        """Lean's working directory (and HOME, TMPDIR) for runs without `cwd`."""
        assert self._dir is not None
        return self._dir / "work"

    def _readable(self) -> list[Path]:
        return outermost([*self.runtime.core_lean_path(), *self.runtime.toolchain_dirs(), *self.lean_path, *self.read])

    def start(self) -> None:
        """Start the host process and wait until its runtime is ready."""
        if self.alive:
            return
        self._stop()
        start = time.monotonic()
        self._dir = Path(tempfile.mkdtemp(prefix="etp-host-"))
        for sub in ("work", "out", "js"):
            (self._dir / sub).mkdir()
        node_args, env = _host_command(self.runtime, self._dir, self._readable(), self.write)
        req_r, req_w = os.pipe()
        rep_r, rep_w = os.pipe()
        argv = [*node_args, str(req_r), str(rep_w)]
        try:
            self._proc = subprocess.Popen(
                argv, cwd=self.scratch, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=open(self._dir / "host.log", "wb"), pass_fds=(req_r, rep_w), start_new_session=True,
                preexec_fn=self.runtime.preexec(),
            )
        finally:
            os.close(req_r)
            os.close(rep_w)
        self._requests = os.fdopen(req_w, "w", encoding="utf-8")
        self._replies = _LineReader(rep_r)
        self.starts += 1
        ready = self._read_reply(time.monotonic() + self.startup_timeout)
        if not ready or not ready.get("ready"):
            why = (ready or {}).get("fatal") or self._log_tail() or "no answer"
            self._stop()
            raise HostError(f"the embedded Lean host did not start: {why}")
        self.startup_seconds.append(time.monotonic() - start)
        self.log(f"Lean host started in {self.startup_seconds[-1]:.1f} s")

    def close(self) -> None:
        """Stop the host process and remove its folder."""
        self._stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self._stop()
        except Exception:
            pass

    def _stop(self) -> None:
        if self._requests is not None:
            try:
                self._requests.close()
            except OSError:
                pass
            self._requests = None
        if self._proc is not None:
            if self._proc.poll() is None:
                kill_group(self._proc)
            else:
                self._proc.wait()
            self._proc = None
        if self._replies is not None:
            self._replies.close()
            self._replies = None
        self._pending_reset = False
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def _log_tail(self) -> str:
        try:
            return (self._dir / "host.log").read_text(errors="replace")[-2000:].strip()
        except (OSError, TypeError):
            return ""

    def _read_reply(self, deadline: float, poll: Callable[[], bool] | None = None) -> dict | None:
        """The next reply, or None when the host died or `deadline` passed or `poll` said stop."""
        assert self._replies is not None
        while True:
            now = time.monotonic()
            if now >= deadline:
                return None
            line = self._replies.readline(min(0.2, deadline - now))
            if line is not None:
                if line == "":
                    return None  # the host is gone
                return json.loads(line)
            if self._proc is not None and self._proc.poll() is not None and not self._replies.buffered:
                line = self._replies.readline(0)
                return json.loads(line) if line else None
            if poll is not None and poll():
                return None

    def _wait_ready(self) -> None:
        """The previous run's reset: the host is reusable, or it is stopped."""
        if not self._pending_reset:
            return
        self._pending_reset = False
        state = self._read_reply(time.monotonic() + RESET_TIMEOUT)
        if state is None or not state.get("ready"):
            why = (state or {}).get("why") or "no answer"
            self.log(f"Lean host discarded: {why}")
            self._stop()
        else:
            self.reset_seconds.append(state.get("reset_seconds", 0.0))
            self.reset_timing.append(state.get("timing", {}))

    # ------------------------------------------------------------------ runs

    def run(
        self,
        args: list[str],
        *,
        lean_path: list[Path] | None = None,
        timeout: float | None = None,
        max_output: int = DEFAULT_MAX_OUTPUT,
        mounts: list[Path] = (),
        cwd: Path | None = None,
        watchdog: "Callable[[Path], bool] | None" = None,
        writable: list[Path] = (),
    ) -> LeanRun:
        """Run `lean ARGS` in the host, as `LeanRuntime.run` runs it in a process of its own.

        `lean_path` defaults to the host's; every folder this run mounts or writes must lie
        within what the host was started to read (`lean_path`, `read`) or write (`write`).
        """
        self._wait_ready()
        self.start()
        start = time.monotonic()
        request = self._request(args, self.lean_path if lean_path is None else list(_absolute(lean_path)),
                                mounts, cwd, writable)
        out_path, err_path = Path(request["stdout"]), Path(request["stderr"])
        limits = RunLimits(start, timeout, watchdog, max_output, out_path, err_path)
        try:
            self._requests.write(json.dumps(request) + "\n")
            self._requests.flush()
            reply = self._read_reply(float("inf"), poll=limits.exceeded)
        except (BrokenPipeError, OSError):
            reply = None
        stdout = _read_capped(out_path, max_output) if out_path.exists() else ""
        stderr = _read_capped(err_path, 1 << 20) if err_path.exists() else ""
        stopped = limits.timed_out or limits.overflow
        if reply is None:
            if not stopped:
                stderr += "\n" + self._log_tail()
            died = self._proc.poll() if self._proc is not None else None
            self._stop()
            returncode = None if stopped else (died if died is not None else -signal.SIGKILL)
        else:
            returncode = reply.get("exit_code", 1)
            self._pending_reset = True
            for p in (out_path, err_path):
                p.unlink(missing_ok=True)
        self._clean_scratch(cwd)
        return LeanRun.from_output(stdout, stderr, embedded=True, returncode=returncode, limits=limits,
                                   seconds=time.monotonic() - start)

    def _request(self, args: list[str], lean_path: list[Path], mounts, cwd: Path | None, writable) -> dict:
        """The request line for one run; ValueError when it needs a folder the host may not use."""
        workdir = Path(os.path.abspath(cwd)) if cwd is not None else self.scratch
        sandbox = self.runtime.sandbox(
            workdir, lean_path=lean_path, read=[*mounts, *_files_in(args)],
            write=[*([self.scratch] if cwd is not None else []), *writable],
        )
        real = Path(os.path.realpath(self._dir))
        readable = [*self._readable(), self._dir, real]
        writable_ok = [*outermost([self.scratch, *self.write]), real / "work"]
        outside = [p for p in sandbox.folders() if not _inside_any(p, readable)]
        outside += [p for p in sandbox.write if not _inside_any(p, writable_ok)]
        if outside:
            raise ValueError(
                f"this Lean host may not read or write {', '.join(map(str, outside))}: start it with "
                "those folders in lean_path/read/write"
            )
        env = self.runtime.environment(list(lean_path), sandbox)
        self._next_id += 1
        rid = self._next_id
        return {
            "id": rid, "args": list(args), "cwd": str(workdir),
            "files": {str(p): base64.b64encode(p.read_bytes()).decode() for p in sandbox.loose_files()},
            "env": {k: env[k] for k in ("LEAN_PATH", "ETP_LEAN_MOUNTS", "ETP_LEAN_FILES") if k in env},
            "stdout": str(self._dir / "out" / f"{rid}.stdout"), "stderr": str(self._dir / "out" / f"{rid}.stderr"),
        }

    def _clean_scratch(self, cwd: Path | None) -> None:
        """Nothing a run wrote in the scratch folder is there for the next one."""
        if self._dir is not None and self.scratch.exists():
            for entry in self.scratch.iterdir():
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        if cwd is not None:
            (Path(cwd) / "default.profraw").unlink(missing_ok=True)


class HostPool:
    """Several `LeanHost`s for concurrent runs: `run` takes a free host (blocking until one is)."""

    def __init__(self, runtime: EmbeddedRuntime, size: int = 1, **host_args):
        self.hosts = [LeanHost(runtime, **host_args) for _ in range(max(1, size))]
        self._free: queue.Queue[LeanHost] = queue.Queue()
        for h in self.hosts:
            self._free.put(h)

    @contextmanager
    def host(self):
        h = self._free.get()
        try:
            yield h
        finally:
            self._free.put(h)

    def run(self, args: list[str], **kwargs) -> LeanRun:
        """Run on a free host. A host that cannot start (killed, out of memory) makes this run
        end abnormally, as a one-shot process that died would: the verifier retries or
        reports it; the next run starts the host again."""
        with self.host() as h:
            start = time.monotonic()
            try:
                return h.run(args, **kwargs)
            except HostError as exc:
                return LeanRun(returncode=-signal.SIGKILL, messages=[], started=False, stderr_tail=str(exc)[-4000:],
                               seconds=time.monotonic() - start)

    def start(self) -> None:
        """Start every host, one after the other, in the calling thread: a host dies with the
        thread that started it (PR_SET_PDEATHSIG follows the thread), so a helper thread
        that ends would take its host with it."""
        for h in self.hosts:
            h.start()

    def close(self) -> None:
        for h in self.hosts:
            h.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _host_command(runtime: EmbeddedRuntime, folder: Path, readable: list[Path], write: list[Path]):
    """(`node ... host.js GLUE`, environment) for a host whose own folder is `folder`: it reads
    the runtime, `readable` and its folder, writes only its scratch and output folders."""
    # Workers load host.js as their script: it is copied beside the scratch folder, so that
    # the project tree stays unreadable to the host.
    host_js = folder / "js" / "host.js"
    shutil.copyfile(HOST_JS, host_js)
    real = Path(os.path.realpath(folder))
    extra = [real] if real != folder else []
    writable = outermost([folder / "work", folder / "out", *write, *[p / "work" for p in extra],
                          *[p / "out" for p in extra]])
    sandbox = Sandbox(read=tuple(outermost([*readable, folder, *extra, *writable])), write=tuple(writable))
    env = runtime.environment([], Sandbox(read=(), write=(folder / "work",)))
    for key in ("LEAN_PATH", "ETP_LEAN_MOUNTS", "ETP_LEAN_FILES"):
        env.pop(key, None)
    node, *rest = runtime.confined_command([], sandbox, env)
    # confined_command ends with the glue; the host takes it as its argument instead
    glue = str(runtime.install.lean_js)
    assert rest[-1] == glue, rest
    return [node, *rest[:-1], str(host_js), glue], env


class _LineReader:
    """Lines from a pipe, with a timeout per read (the reply channel of a host)."""

    def __init__(self, fd: int):
        self.fd = fd
        self.buf = b""
        self.eof = False

    @property
    def buffered(self) -> bool:
        return b"\n" in self.buf

    def readline(self, timeout: float) -> str | None:
        """A line without its newline; "" at end of file; None when none came in `timeout`."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buf:
            if self.eof:
                return "" if not self.buf else self._take(len(self.buf))
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([self.fd], [], [], max(0.0, remaining))
            if not ready:
                return None
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                self.eof = True
            self.buf += chunk
        return self._take(self.buf.index(b"\n") + 1).rstrip("\n")

    def _take(self, n: int) -> str:
        line, self.buf = self.buf[:n], self.buf[n:]
        return line.decode("utf-8", errors="replace")

    def close(self) -> None:
        try:
            os.close(self.fd)
        except OSError:
            pass
