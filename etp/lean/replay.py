"""Kernel replay of a file's new declarations on the native runtime, as lean4checker does.

A checked file is elaborated by Lean, and what Lean adds to its environment normally went
through the kernel; `debug.skipKernelTC` or environment hacking in a metaprogram can add
constants the kernel never saw. The replay closes that gap: the file is compiled to an
`.olean` (`lean -o`, confined like every Lean run), then the toolchain's own `leanchecker`
(shipped in `bin/` next to `lean` since Lean 4.28) loads the environment of the file's
imports and adds every constant of that `.olean` to it again through the kernel.

Only the native runtime can do this (the embedded one ships no `leanchecker`). This code
has never run here: these machines have no native Lean, so only the command, the
environment and the refusals are tested (tests/lean/test_replay.py).

What `leanchecker MODULE` does (src/LeanChecker.lean, Lean 4.28):
- search path: `LEAN_PATH` first, then `<sysroot>/lib/lean`; the sysroot is
  `LEAN_SYSROOT` when set, else what `lean --print-prefix` prints for the `lean` on PATH.
  A confined run has neither `lean` on PATH nor elan's HOME, so `LEAN_SYSROOT` is set here;
- it replays every module whose name starts with MODULE (by name components), so the
  module gets a random name no other `.olean` has;
- exit 0 when the kernel accepts every constant; otherwise it prints
  `leanchecker found a problem in MODULE` and `uncaught exception: ...` on stderr and exits
  non-zero (also when no `.olean` of MODULE is found or one cannot be read).
"""

from __future__ import annotations

import os
import secrets
import subprocess
import tempfile
from pathlib import Path

from etp.lean.runtime import SAFE_PATH, LeanRuntime, bwrap_available, bwrap_command, kill_group

LEANCHECKER = "leanchecker"
MODULE_PREFIX = "EtpReplay"
REPLAY_TIMEOUT_S = 600.0  # each of the two steps (compile, replay)
_TAIL_CHARS = 2000


def leanchecker_path(toolchain_prefix: Path) -> Path:
    """Where a toolchain keeps its `leanchecker` (next to `lean`)."""
    return Path(toolchain_prefix) / "bin" / LEANCHECKER


def leanchecker_command(toolchain_prefix: Path, module: str) -> list[str]:
    """argv replaying every constant of MODULE's `.olean` through the kernel."""
    return [str(leanchecker_path(toolchain_prefix)), module]


def replay_environment(lean_path: list[Path], out_dir: Path, toolchain_prefix: Path, workdir: Path) -> dict[str, str]:
    """A clean environment for `leanchecker` (none of the parent's variables: no tokens or
    keys): the library folders, then the folder holding the replayed `.olean`, on LEAN_PATH;
    the toolchain as LEAN_SYSROOT (else leanchecker starts `lean --print-prefix` from PATH)."""
    home = str(workdir)
    return {
        "PATH": SAFE_PATH, "HOME": home, "TMPDIR": home, "LANG": "C.UTF-8",
        "LEAN_PATH": os.pathsep.join(str(p) for p in [*lean_path, out_dir]),
        "LEAN_SYSROOT": str(toolchain_prefix),
    }


def missing_leanchecker(toolchain_prefix: Path) -> str | None:
    """Why this toolchain cannot replay, or None when its `leanchecker` is there."""
    path = leanchecker_path(toolchain_prefix)
    if os.access(path, os.X_OK) and path.is_file():
        return None
    return (
        f"kernel replay needs `{LEANCHECKER}`, which Lean toolchains ship since Lean 4.28, and {path} "
        f"is missing or not executable: use a Lean 4.28 or later toolchain (lean-toolchain pins one)"
    )


def unexpected_outputs(out_dir: Path, module: str) -> list[str]:
    """Entries of `out_dir` that `lean -o` does not write for MODULE (`MODULE.olean` and its
    `.olean.server`/`.olean.private` parts). Anything else was written by the checked file
    itself and could shadow an imported module (`Init/...`) on leanchecker's search path."""
    return sorted(
        p.name for p in out_dir.iterdir()
        if not (p.is_file() and not p.is_symlink() and p.name.startswith(module + "."))
    )


def kernel_replay(
    runtime: LeanRuntime, header_text: str, body_text: str, lean_path: list[Path], *,
    timeout: float = REPLAY_TIMEOUT_S,
) -> str | None:
    """None when the kernel accepts every declaration of the file `header_text + body_text`
    (replayed by leanchecker), else why not. Only for native runtimes (raise ValueError for an
    embedded one); returns a clear reason (not an exception) when leanchecker is missing."""
    if runtime.embedded or not hasattr(runtime, "prefix"):
        raise ValueError(
            f"kernel replay needs a native Lean toolchain with `{LEANCHECKER}`; the {runtime.kind} runtime has none"
        )
    prefix = Path(runtime.prefix)
    missing = missing_leanchecker(prefix)
    if missing is not None:
        return missing
    lean_path = [Path(os.path.abspath(p)) for p in lean_path]
    module = f"{MODULE_PREFIX}{secrets.token_hex(8)}"
    with tempfile.TemporaryDirectory(prefix="etp-replay-") as root:
        scratch, out_dir, check_dir = Path(root) / "src", Path(root) / "out", Path(root) / "check"
        for folder in (scratch, out_dir, check_dir):
            folder.mkdir()
        source = scratch / f"{module}.lean"
        source.write_text(header_text + "\n" + body_text, encoding="utf-8")
        olean = out_dir / f"{module}.olean"
        run = runtime.run(
            ["--json", f"--root={scratch}", "-o", str(olean), str(source)],
            lean_path=lean_path, writable=[out_dir], cwd=scratch, timeout=timeout,
        )
        if not run.ok:
            return "the file did not compile for the kernel replay: " + (run.failure_summary() or "no reason given")[:_TAIL_CHARS]
        if not olean.is_file():
            return f"the file compiled but Lean wrote no {olean.name} for the kernel replay"
        strays = unexpected_outputs(out_dir, module)
        if strays:
            return f"the kernel replay's output folder holds files Lean's `-o` does not write: {', '.join(strays)}"
        return _run_leanchecker(runtime, prefix, module, lean_path, out_dir, check_dir, timeout)


def _run_leanchecker(runtime, prefix: Path, module: str, lean_path: list[Path], out_dir: Path,
                     workdir: Path, timeout: float) -> str | None:
    """Run `leanchecker MODULE` confined like Lean (bubblewrap where it runs): it reads the
    toolchain, the library and `out_dir`, writes only `workdir`."""
    env = replay_environment(lean_path, out_dir, prefix, workdir)
    argv = leanchecker_command(prefix, module)
    bwrap, _ = bwrap_available()  # without it, compiling the file already warned
    if bwrap is not None:
        argv = bwrap_command(bwrap, argv, runtime.sandbox(workdir, lean_path=[*lean_path, out_dir]), env)
    proc = subprocess.Popen(
        argv, cwd=workdir, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True, preexec_fn=runtime.preexec(),
    )
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        return f"{LEANCHECKER} did not finish the kernel replay within {timeout:.0f} s"
    if proc.returncode == 0:
        return None
    said = (stderr.decode("utf-8", "replace") + "\n" + stdout.decode("utf-8", "replace")).strip()
    tail = " | ".join(line.strip() for line in said.splitlines() if line.strip())[-_TAIL_CHARS:]
    return f"{LEANCHECKER} rejected the file (exit {proc.returncode}): {tail or 'no message'}"
