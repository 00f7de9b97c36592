"""Kernel replay (etp/lean/replay.py): what can be tested without a native Lean.

The replay itself (`lean -o`, then the toolchain's `leanchecker`) has NEVER run here: these
machines have no native Lean, only the embedded one, which ships no `leanchecker`. No fake
`lean` or `leanchecker` stands in for it. What is tested for real: the embedded runtime is
refused, the command and the environment leanchecker gets, the guard on the output folder,
and the reason given when a toolchain has no `leanchecker` (found before anything runs).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from etp.lean.replay import (
    MODULE_PREFIX, kernel_replay, leanchecker_command, missing_leanchecker, replay_environment, unexpected_outputs,
)
from etp.lean.runtime import NativeRuntime


def test_embedded_runtime_is_refused(runtime):
    if not runtime.embedded:
        pytest.skip("this machine has a native Lean: the refusal is for the embedded runtime")
    with pytest.raises(ValueError, match="native Lean toolchain with `leanchecker`"):
        kernel_replay(runtime, "import Init", "theorem t : True := trivial", [])


def test_leanchecker_command_names_the_module(tmp_path):
    assert leanchecker_command(tmp_path, "EtpReplay0a1b") == [str(tmp_path / "bin" / "leanchecker"), "EtpReplay0a1b"]


def test_replay_environment_is_clean_and_ordered(tmp_path, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "secret-key")
    monkeypatch.setenv("GITHUB_TOKEN", "secret-token")
    monkeypatch.setenv("LEAN_PATH", "/parent/lean/path")
    monkeypatch.setenv("LEAN_SYSROOT", "/parent/sysroot")
    lib, mathlib, out, work, prefix = (tmp_path / n for n in ("lib", "mathlib", "out", "work", "toolchain"))
    env = replay_environment([lib, mathlib], out, prefix, work)
    # The library first, the replayed module's folder last; leanchecker adds the sysroot after them.
    assert env["LEAN_PATH"] == os.pathsep.join([str(lib), str(mathlib), str(out)])
    assert env["LEAN_SYSROOT"] == str(prefix)  # not `lean --print-prefix` from PATH
    assert env["HOME"] == env["TMPDIR"] == str(work) and env["PATH"] == "/usr/bin:/bin"
    assert set(env) == {"PATH", "HOME", "TMPDIR", "LANG", "LEAN_PATH", "LEAN_SYSROOT"}
    assert not any("secret" in v or "/parent" in v for v in env.values())


def test_output_folder_guard(tmp_path):
    module = f"{MODULE_PREFIX}00ff"
    for name in (f"{module}.olean", f"{module}.olean.server", f"{module}.olean.private"):
        (tmp_path / name).write_bytes(b"")
    assert unexpected_outputs(tmp_path, module) == []
    # What a checked file could drop there to shadow an import on leanchecker's search path.
    (tmp_path / "Init").mkdir()
    (tmp_path / "Init" / "Prelude.olean").write_bytes(b"")
    (tmp_path / f"{module}x.olean").write_bytes(b"")
    (tmp_path / f"{module}.lean.link").symlink_to(tmp_path / f"{module}.olean")
    assert unexpected_outputs(tmp_path, module) == sorted(["Init", f"{module}.lean.link", f"{module}x.olean"])


def test_missing_leanchecker_is_a_reason_found_before_lean_runs(tmp_path):
    prefix = tmp_path / "toolchain"
    (prefix / "bin").mkdir(parents=True)
    lean = prefix / "bin" / "lean"
    lean.write_bytes(b"")  # not executable: nothing can run it, so the prefix is its folder's parent
    native = NativeRuntime(str(lean))
    assert native.prefix == prefix
    reason = kernel_replay(native, "import Init", "theorem t : True := trivial", [])
    assert reason is not None and "`leanchecker`" in reason and "Lean 4.28" in reason and str(prefix) in reason
    checker = prefix / "bin" / "leanchecker"
    checker.write_bytes(b"")
    assert "not executable" in missing_leanchecker(prefix)
    checker.chmod(0o755)  # present and executable: never run here
    assert missing_leanchecker(prefix) is None
