"""Confinement of Lean processes (issue #11): code in a checked file is code on the machine.

One real Lean process (`runtime.run`, not the verifier: its screen would refuse these
files) runs a file of `#eval` attacks: writes aimed at the project tree, the temp folder,
home, the cache and a fresh pytest folder; reads of a secret file, of `/etc/hostname` and of
a project file; the parent's secret environment variable; starting processes. The real file
system must show no write, Lean's messages no secret; a control theorem and a write inside
the scratch folder must succeed, so a Lean that failed to start cannot pass.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from etp.lean.install import EmbeddedInstall
from etp.lean.runtime import (
    PROJECT_ROOT, EmbeddedRuntime, LeanRun, NativeRuntime, Sandbox, bwrap_available, bwrap_command, outermost,
)

SECRET_VAR = "ETP_TEST_SECRET"


@dataclass
class Attack:
    run: LeanRun
    targets: list[Path]  # where the attacks tried to write
    secrets: list[str]  # what must never come back
    info: list[str]  # Lean's information messages (what `#eval` printed)


def _lean_string(path: Path | str) -> str:
    return '"' + str(path).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _attack_file(targets: list[Path], secret_file: Path, spawn_target: Path) -> str:
    writes = "\n".join(f'#eval IO.FS.writeFile {_lean_string(t)} "pwned"' for t in targets)
    reads = "\n".join(
        f'#eval show IO Unit from do let s ← IO.FS.readFile {_lean_string(p)}; IO.println s!"etp-read:{p.name}:{{s}}"'
        for p in (secret_file, Path("/etc/hostname"), PROJECT_ROOT / "pyproject.toml")
    )
    shell = f"echo pwned > {spawn_target}; echo etp-spawned"
    return f"""theorem etp_control (a b : Nat) : a + b = b + a := Nat.add_comm a b
#eval IO.println "etp-control-start"
{writes}
#eval IO.FS.createDirAll {_lean_string(targets[-1].parent / "pwned-dir")}
{reads}
#eval show IO Unit from do let v ← IO.getEnv "{SECRET_VAR}"; IO.println s!"etp-env:{{v}}"
#eval show IO Unit from do let o ← IO.Process.output {{cmd := "/bin/sh", args := #["-c", {_lean_string(shell)}]}}; IO.println s!"etp-out:{{o.stdout}}"
#eval show IO Unit from do let c ← IO.Process.spawn {{cmd := "/bin/sh", args := #["-c", {_lean_string(shell)}]}}; let r ← c.wait; IO.println s!"etp-spawn:{{r}}"
#eval IO.FS.writeFile "inside.txt" "ok"
#eval IO.FS.rename "inside.txt" {_lean_string(targets[-1].parent / "renamed.txt")}
#eval show IO Unit from do IO.FS.writeFile "inside2.txt" "ok"; let s ← IO.FS.readFile "inside2.txt"; IO.println s!"etp-inside:{{s}}"
#eval IO.println "etp-control-end"
"""


@pytest.fixture(scope="module")
def attack(runtime, tmp_path_factory) -> Attack:
    if not runtime.embedded and bwrap_available()[0] is None:
        pytest.skip(f"native Lean is not confined here: {bwrap_available()[1]}")
    base = tmp_path_factory.mktemp("confinement")
    nonce = secrets.token_hex(6)
    home, cache = Path.home(), Path(os.path.expanduser("~/.cache/etp"))
    targets = [
        PROJECT_ROOT / "tests" / f"pwned-{nonce}.txt",
        Path(tempfile.gettempdir()) / f"pwned-{nonce}.txt",
        home / f"pwned-{nonce}.txt",
        cache / f"pwned-{nonce}.txt",
        runtime.toolchain_dirs()[0] / f"pwned-{nonce}.txt",  # readable, so visible to Lean
        base / "leanpath" / "pwned.txt",  # on LEAN_PATH: readable, so visible to Lean
        base / "target" / "pwned.txt",
    ]
    for folder in ("leanpath", "target"):
        (base / folder).mkdir()
    secret_file = base / "secret.txt"
    file_secret, env_secret = f"file-secret-{nonce}", f"env-secret-{nonce}"
    secret_file.write_text(file_secret)
    lean_file = base / "attack.lean"
    lean_file.write_text(_attack_file(targets, secret_file, base / "target" / "spawned.txt"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(SECRET_VAR, env_secret)
        run = runtime.run(["--json", str(lean_file)], lean_path=[base / "leanpath"], timeout=900)
    written = [*targets, base / "target" / "spawned.txt", base / "target" / "renamed.txt",
               base / "target" / "pwned-dir"]
    info = [m.data.strip() for m in run.messages if m.severity == "information"]
    yield Attack(run=run, targets=written, secrets=[file_secret, env_secret], info=info)
    for path in written:  # a failed test must not leave its files behind
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)


@pytest.mark.slow
def test_control_ran(attack):
    """Lean started, checked the theorem and ran the file to its end."""
    run = attack.run
    assert run.started and not run.timed_out, run.failure_summary()
    assert run.returncode in (0, 1), run.stderr_tail
    assert "etp-control-start" in attack.info and "etp-control-end" in attack.info, attack.info
    assert "etp-inside:ok" in attack.info  # the scratch folder is writable
    assert not [m for m in run.errors if m.pos.line == 1], run.errors  # the theorem checked


@pytest.mark.slow
def test_no_write_outside_scratch(attack):
    assert [p for p in attack.targets if p.exists()] == []


@pytest.mark.slow
def test_no_secret_read(attack):
    text = "\n".join(m.data for m in attack.run.messages) + attack.run.stderr_tail
    assert not [s for s in attack.secrets if s in text]
    assert not [i for i in attack.info if i.startswith("etp-read:")], attack.info
    assert f"etp-env:none" in attack.info  # the eval ran and found no such variable


@pytest.mark.slow
def test_no_process_started(attack):
    assert not [i for i in attack.info if i.startswith(("etp-out:", "etp-spawn:"))], attack.info
    assert not [m for m in attack.run.messages if "etp-spawned" in m.data]


# ---------------------------------------------------------------- the commands built


def _sandbox(tmp_path: Path) -> Sandbox:
    (tmp_path / "work").mkdir()
    (tmp_path / "lib" / "sub").mkdir(parents=True)
    (tmp_path / "in.lean").write_text("")
    return Sandbox(read=(tmp_path / "lib", tmp_path / "lib" / "sub", tmp_path / "in.lean"),
                   write=(tmp_path / "work",))


def test_outermost_drops_nested_and_duplicate_paths():
    paths = [Path("/a/b"), Path("/a"), Path("/a/b/c"), Path("/ab"), Path("/a")]
    assert outermost(paths) == [Path("/a"), Path("/ab")]


def test_sandbox_refuses_paths_it_cannot_express():
    for bad in ("relative/dir", "/a:b", "/a,b"):
        with pytest.raises(ValueError):
            Sandbox(read=(Path(bad),), write=(Path("/tmp"),))


def test_embedded_command_and_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(SECRET_VAR, "do-not-pass")
    _sandbox(tmp_path)  # creates work/, lib/ and in.lean
    runtime = EmbeddedRuntime(EmbeddedInstall(tmp_path / "install"))
    sandbox = runtime.sandbox(tmp_path / "work", lean_path=[tmp_path / "lib"], read=[tmp_path / "in.lean"])
    env = runtime.environment([tmp_path / "lib"], sandbox)
    argv = runtime.confined_command(["--json", str(tmp_path / "in.lean")], sandbox, env)
    assert argv[1] == "--permission"
    assert not [a for a in argv if a.startswith(("--allow-child-process", "--allow-addons", "--allow-wasi"))]
    reads = {a.split("=", 1)[1] for a in argv if a.startswith("--allow-fs-read=")}
    writes = {a.split("=", 1)[1] for a in argv if a.startswith("--allow-fs-write=")}
    assert reads == {str(tmp_path / p) for p in ("install", "lib", "work", "in.lean")}
    assert writes == {str(tmp_path / "work")}
    assert set(env) == {"PATH", "HOME", "TMPDIR", "LANG", "LEAN_PATH", "ETP_LEAN_MOUNTS", "ETP_LEAN_FILES"}
    assert env["HOME"] == str(tmp_path / "work")
    # The install folder does not exist here, so it is not mounted; the lone file is copied in.
    assert env["ETP_LEAN_MOUNTS"].split(":") == [str(tmp_path / "lib"), str(tmp_path / "work")]
    assert env["ETP_LEAN_FILES"] == str(tmp_path / "in.lean")


def test_bwrap_command_binds(tmp_path):
    sandbox = _sandbox(tmp_path)
    argv = bwrap_command("/usr/bin/bwrap", ["/opt/lean/bin/lean", "x.lean"], sandbox, {"HOME": "/h"})
    assert argv[0] == "/usr/bin/bwrap" and argv[-3:] == ["--", "/opt/lean/bin/lean", "x.lean"]
    for flag in ("--unshare-all", "--die-with-parent", "--new-session", "--clearenv"):
        assert flag in argv
    text = " ".join(argv)
    assert f"--ro-bind-try {tmp_path / 'lib'} {tmp_path / 'lib'}" in text
    assert f"lib/sub" not in text  # inside lib: already bound
    assert f"--ro-bind-try {tmp_path / 'in.lean'} " in text
    assert f"--bind {tmp_path / 'work'} {tmp_path / 'work'}" in text
    assert "--setenv HOME /h" in text and f"--chdir {tmp_path / 'work'}" in text
    # Writable binds come after read-only ones, so a writable folder inside a readable one wins.
    assert text.index("--bind ") > text.rindex("--ro-bind")


def test_native_without_bwrap_warns_once(tmp_path, monkeypatch, capsys):
    import etp.lean.runtime as rt

    monkeypatch.setattr(rt, "_BWRAP", (None, "bwrap (bubblewrap) is not on PATH"))
    monkeypatch.setattr(rt, "_WARNED", set())
    native = NativeRuntime("/nonexistent/lean")
    monkeypatch.setattr(NativeRuntime, "prefix", tmp_path)
    sandbox = _sandbox(tmp_path)
    for _ in range(2):
        assert native.confined_command(["f.lean"], sandbox, {}) == ["/nonexistent/lean", "f.lean"]
    err = capsys.readouterr().err
    assert err.count("runs unconfined") == 1 and "apt-get install bubblewrap" in err


def test_bwrap_confines_a_shell(tmp_path):
    """The same argv builder around `sh`: a write outside the sandbox fails, inside works."""
    bwrap, problem = bwrap_available()
    if bwrap is None:
        pytest.skip(problem)
    sandbox = _sandbox(tmp_path)
    outside = tmp_path / "outside.txt"
    script = f"echo x > {outside}; echo y > {tmp_path / 'lib' / 'ro.txt'}; echo z > inside.txt"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(sandbox.workdir)}
    out = subprocess.run(bwrap_command(bwrap, ["/bin/sh", "-c", script], sandbox, env),
                         capture_output=True, text=True, env={**os.environ, SECRET_VAR: "s"}, timeout=60)
    assert not outside.exists() and not (tmp_path / "lib" / "ro.txt").exists()
    assert (tmp_path / "work" / "inside.txt").read_text() == "z\n", out.stderr
    env_out = subprocess.run(bwrap_command(bwrap, ["/usr/bin/env"], sandbox, env), capture_output=True,
                             text=True, env={**os.environ, SECRET_VAR: "s"}, timeout=60)
    assert SECRET_VAR not in env_out.stdout and "HOME=" in env_out.stdout
