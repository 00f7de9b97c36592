"""The embedded Lean host (etp/lean/host.py, host.js): one Node process, many pristine runs.

Real Lean. One host serves the module (each cold start costs ~11 s or more); the runs it
makes are compared with fresh `runtime.run` processes of the same files:

- several kinds of output (a proved theorem, an error, `sorry`, a parse error, `#print`,
  `#eval` output) come back as a fresh process gives them;
- isolation: a file that changes the Lean process's global state (reseeds `IO.rand`'s
  generator, writes into the in-memory `/tmp`, writes into its scratch folder, changes the
  working directory) is followed by an innocent file that sees what a fresh process sees;
- a run that times out, and a run that crashes Lean (a stack overflow on a worker thread),
  are reported as a fresh process's would be, and the next run still works;
- confinement: `#eval` cannot write or read outside the allowed folders, and cannot reach
  JavaScript through a symbol named like an emscripten import.
"""

from __future__ import annotations

import secrets
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from etp.lean.runtime import PROJECT_ROOT, LeanRun

pytestmark = pytest.mark.slow

CHECKS = """theorem proved (a b : Nat) : a + b = b + a := Nat.add_comm a b
theorem wrong : 2 + 2 = 5 := by decide
theorem holey (p : Prop) : p := sorry
#print "etp-print"
#eval IO.println "etp-eval"
theorem broken : 1 = := rfl
#eval (List.range 5).map (· * 2)
theorem after_parse_error : True := True.intro
def f (n : Nat) : Nat := n + 1
#eval f 41
example : f 1 = 2 := rfl
"""

# What a fresh process sees; the polluter below changes each of these in its own process.
INNOCENT = """#eval IO.rand 0 1000000000
#eval show IO Unit from do IO.println (← System.FilePath.pathExists "/tmp/etp-host-probe.txt")
#eval show IO Unit from do IO.println ((← IO.currentDir).fileName)
#eval show IO Unit from do IO.println ((← System.FilePath.readDir ".").size)
#eval show IO Unit from do IO.println (← IO.getEnv "ETP_HOST_PROBE")
theorem innocent : 2 + 2 = 4 := rfl
"""

POLLUTER = """#eval IO.setRandSeed 12345
#eval IO.rand 0 1000000000
#eval IO.setRandSeed 12345
#eval IO.FS.writeFile "/tmp/etp-host-probe.txt" "x"
#eval IO.FS.writeFile "scratch-probe.txt" "x"
#eval IO.Process.setCurrentDir "/"
#eval show IO Unit from do IO.println (← IO.currentDir)
"""

SPIN = """partial def spin (n : Nat) : Nat := spin (n + 1)
#eval spin 0
"""

DEEP = """def deep : Nat → Nat
  | 0 => 0
  | n + 1 => deep n + 1
#eval deep 100000000
"""


def _key(run: LeanRun) -> list[tuple]:
    return [(m.severity, m.data, m.pos.line, m.pos.column, m.end_pos and (m.end_pos.line, m.end_pos.column), m.kind,
             m.file_name) for m in run.messages]


def _info(run: LeanRun) -> list[str]:
    return [m.data.strip() for m in run.messages if m.severity == "information"]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("host")
    out = {}
    for name, text in {"checks": CHECKS, "innocent": INNOCENT, "polluter": POLLUTER, "spin": SPIN, "deep": DEEP}.items():
        out[name] = base / f"{name}.lean"
        out[name].write_text(text)
    return out


@pytest.fixture(scope="module")
def host(runtime):
    if not runtime.embedded:
        pytest.skip("the host serves the embedded runtime only")
    from etp.lean.host import LeanHost

    h = LeanHost(runtime)
    h.start()
    yield h
    h.close()


@pytest.fixture(scope="module")
def fresh(runtime, files) -> dict[str, LeanRun]:
    """One fresh process per file to compare with (two at a time)."""
    if not runtime.embedded:
        pytest.skip("the host serves the embedded runtime only")
    names = ["checks", "innocent"]
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda n: runtime.run(["--json", str(files[n])], timeout=600), names))
    return dict(zip(names, runs))


def test_outputs_equal_a_fresh_process(host, fresh, files):
    run = host.run(["--json", str(files["checks"])], timeout=600)
    ref = fresh["checks"]
    assert ref.started and run.started
    assert run.returncode == ref.returncode == 1
    assert _key(run) == _key(ref)
    kinds = {(m.severity, m.kind) for m in run.messages}
    assert ("warning", "hasSorry") in kinds and ("error", "[anonymous]") in kinds
    assert {"etp-print", "etp-eval", "42"} <= set(_info(run))
    # a second time from the same host: the same again
    assert _key(host.run(["--json", str(files["checks"])], timeout=600)) == _key(ref)


def test_no_state_crosses_runs(host, fresh, files):
    starts = host.starts
    first = host.run(["--json", str(files["innocent"])], timeout=600)
    polluter = host.run(["--json", str(files["polluter"])], timeout=600)
    after = host.run(["--json", str(files["innocent"])], timeout=600)
    host._wait_ready()
    assert host.starts == starts and host.alive, "the host was restarted: nothing was reused"
    # the polluter did change its own process
    seeded = _info(polluter)[0]
    assert _info(polluter)[1:] == ["/"], polluter.messages
    ref = _info(fresh["innocent"])
    assert ref[1:] == ["false", "(some work)", "0", "none"], ref
    for run in (first, after):
        assert run.returncode == 0 and not run.errors, run.messages
        got = _info(run)
        # IO.rand is seeded afresh by every process: a value, but not the polluter's seed's
        assert got[0].isdigit() and got[0] != seeded
        assert got[1:] == ref[1:]
        assert [(m.severity, m.pos.line) for m in run.messages] == [(m.severity, m.pos.line) for m in fresh["innocent"].messages]


def test_timeout_and_crash_are_reported_and_the_next_run_works(host, fresh, files):
    starts = host.starts
    spin = host.run(["--json", str(files["spin"])], timeout=15)
    assert spin.timed_out and spin.returncode is None and not spin.ok
    deep = host.run(["--json", str(files["deep"])], timeout=600)
    assert deep.returncode == 1 and deep.stack_overflow and not deep.ok, deep.stderr_tail
    run = host.run(["--json", str(files["checks"])], timeout=600)
    assert _key(run) == _key(fresh["checks"])
    assert host.starts == starts + 2  # after the timeout and after the crash


def test_confinement_holds(host, tmp_path):
    nonce = secrets.token_hex(6)
    targets = [
        PROJECT_ROOT / "tests" / f"pwned-{nonce}.txt",
        Path(tempfile.gettempdir()) / f"pwned-{nonce}.txt",
        Path.home() / f"pwned-{nonce}.txt",
        host.runtime.toolchain_dirs()[0] / f"pwned-{nonce}.txt",
        tmp_path / "pwned.txt",
    ]
    secret = tmp_path / "secret.txt"
    secret.write_text(f"secret-{nonce}")
    writes = "\n".join(f'#eval IO.FS.writeFile "{t}" "pwned"' for t in targets)
    attack = tmp_path / "attack.lean"
    attack.write_text(f"""#eval IO.println "etp-start"
{writes}
#eval show IO Unit from do let s ← IO.FS.readFile "{secret}"; IO.println s!"etp-read:{{s}}"
#eval show IO Unit from do let s ← IO.FS.readFile "/etc/hostname"; IO.println s!"etp-read:{{s}}"
#eval show IO Unit from do let s ← IO.FS.readFile "{PROJECT_ROOT / 'pyproject.toml'}"; IO.println s!"etp-read:{{s.length}}"
@[export emscripten_run_script_int] def viaJs (n : Nat) : Nat := n + 1
#eval viaJs 0
#eval IO.FS.writeFile "inside.txt" "ok"
#eval show IO Unit from do IO.println s!"etp-inside:{{← IO.FS.readFile "inside.txt"}}"
#eval IO.println "etp-end"
""")
    try:
        run = host.run(["--json", str(attack)], timeout=600)
        info = _info(run)
        assert "etp-start" in info and "etp-end" in info and "etp-inside:ok" in info, run.messages
        assert [t for t in targets if t.exists()] == []
        assert not [i for i in info if i.startswith("etp-read:")], info
        assert f"secret-{nonce}" not in "\n".join(m.data for m in run.messages)
        # the interpreter ran viaJs itself: the symbol did not resolve to emscripten's eval
        assert "1" in info
        host._wait_ready()
        assert not (host.scratch / "inside.txt").exists()  # the scratch folder is emptied
    finally:
        for t in targets:
            t.unlink(missing_ok=True)
