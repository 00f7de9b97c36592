"""The LeanDojo adapter. LeanDojo's `Dojo` runs `lake env lean`, so it needs a native
toolchain, which these machines do not have: the real part tested here is the unavailable
path (the message names what is missing) and, with lean-dojo installed (it is in the `dev`
extras), LeanDojo's own classes: its result types (`TacticState`, `ProofFinished`,
`LeanError`, `ProofGivenUp`), its exceptions, and its real `LeanGitRepo.from_path` and
`Theorem` on a local git repository. Only `Dojo` itself, the REPL, is played by a stand-in
that answers with LeanDojo's own result objects. A second set of stand-ins with the same
fields as LeanDojo 4.20.0's classes keeps the mapping tested where lean-dojo is absent."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import types
from dataclasses import dataclass, field
from typing import Optional

import pytest

from etp.lean.dojo import DojoSession, DojoUnavailable, TacticResult, missing_requirements, to_result


def test_unavailable_here_names_everything_missing(runtime):
    with pytest.raises(DojoUnavailable) as info:
        DojoSession(runtime, "vickrey_truthful_weakly_dominant", "lean/EconLean/Auctions/Theorems.lean")
    message = str(info.value)
    if importlib.util.find_spec("lean_dojo") is None:
        assert "lean-dojo is not importable" in message and "pip install 'etp[dojo]'" in message
    if runtime.kind != "native":
        assert "native Lean toolchain" in message and runtime.kind in message
    if shutil.which("lake") is None:
        assert "`lake` is not on PATH" in message


def test_no_runtime_is_reported_too():
    assert any("native Lean toolchain" in m for m in missing_requirements(None))


# --- stand-ins: the fields of LeanDojo 4.20.0's result classes


@dataclass(frozen=True)
class TacticState:
    pp: str
    id: int = field(compare=False)
    message: Optional[str] = field(default=None, compare=False)


@dataclass(frozen=True)
class ProofFinished:
    tactic_state_id: int
    message: Optional[str] = field(default=None, compare=False)


@dataclass(frozen=True)
class ProofGivenUp:
    pass


@dataclass(frozen=True)
class LeanError:
    error: str


class DojoCrashError(Exception):
    pass


class DojoTacticTimeoutError(Exception):
    pass


class FakeDojo:
    """Plays the REPL: `intro h` makes progress, `exact h` finishes, `sorry` gives up. It
    answers with the result classes of the module it belongs to (`kinds`)."""

    calls: list[str] = []
    kinds: types.ModuleType
    entry = None

    def __init__(self, entry, timeout=600):
        FakeDojo.entry, self.timeout = entry, timeout

    def __enter__(self):
        return self, self.kinds.TacticState("p : Prop\n⊢ p → p", 0)

    def __exit__(self, *exc):
        FakeDojo.closed = True

    def run_tac(self, state, tactic):
        FakeDojo.calls.append(tactic)
        if tactic == "intro h" and state.id == 0:
            return self.kinds.TacticState("p : Prop\nh : p\n⊢ p", 1)
        if tactic == "exact h" and state.id == 1:
            return self.kinds.ProofFinished(2)
        if tactic == "loop":
            raise self.kinds.DojoTacticTimeoutError()
        if tactic == "crash":
            raise self.kinds.DojoCrashError("OOM")
        return self.kinds.LeanError(f"unknown tactic {tactic}")


def fake_lean_dojo() -> types.ModuleType:
    module = types.ModuleType("lean_dojo")
    for cls in (TacticState, ProofFinished, ProofGivenUp, LeanError, DojoCrashError, DojoTacticTimeoutError):
        setattr(module, cls.__name__, cls)
    module.Dojo = type("FakeDojo", (FakeDojo,), {"kinds": module})
    module.LeanGitRepo = types.SimpleNamespace(from_path=lambda path: ("repo", path))
    module.Theorem = lambda repo, path, name: (repo, path, name)
    return module


def real_lean_dojo() -> types.ModuleType:
    """LeanDojo's own classes, with only `Dojo` (which needs native Lean) replaced."""
    import lean_dojo

    module = types.ModuleType("lean_dojo_but_the_repl")
    for name in ("TacticState", "ProofFinished", "ProofGivenUp", "LeanError", "DojoCrashError",
                 "DojoTacticTimeoutError", "LeanGitRepo", "Theorem"):
        setattr(module, name, getattr(lean_dojo, name))
    module.Dojo = type("FakeDojo", (FakeDojo,), {"kinds": module})
    return module


def test_results_map_to_proved_progress_error():
    dojo = fake_lean_dojo()
    assert to_result(ProofFinished(3), dojo) == TacticResult("proved", state_text="no goals")
    assert to_result(TacticState("⊢ True", 1), dojo) == TacticResult("progress", state_text="⊢ True")
    assert to_result(LeanError("type mismatch"), dojo) == TacticResult("error", error="type mismatch")
    assert to_result(ProofGivenUp(), dojo).kind == "error"
    with pytest.raises(TypeError):
        to_result(object(), dojo)


def walk_a_proof(dojo: types.ModuleType, repo_root=None) -> None:
    FakeDojo.calls = []
    FakeDojo.closed = False
    extra = {"repo_root": repo_root} if repo_root is not None else {}
    with DojoSession(None, "imp_self", "lean/X.lean", dojo_module=dojo, **extra) as session:
        init = session.initial_state()
        assert init.endswith("⊢ p → p")
        step = session.run_tac(init, "intro h")
        assert step == TacticResult("progress", state_text="p : Prop\nh : p\n⊢ p")
        assert session.run_tac(step, "exact h").kind == "proved"
        assert session.run_tac(init, "sorry").error.startswith("rejected:")
        assert session.run_tac(init, "frobnicate").error == "unknown tactic frobnicate"
        refused = session.run_tac(init, "native_decide")
        assert refused.kind == "error" and refused.error.startswith("rejected:")
        assert "native_decide" not in FakeDojo.calls and "sorry" not in FakeDojo.calls
        assert "ran out of time" in session.run_tac(init, "loop").error
        with pytest.raises(ValueError):
            session.run_tac("⊢ a state it never returned", "intro h")
        assert "crashed" in session.run_tac(init, "crash").error
        with pytest.raises(RuntimeError):
            session.run_tac(init, "intro h")
    assert FakeDojo.closed


def test_session_walks_a_proof_and_screens_tactics():
    walk_a_proof(fake_lean_dojo())


def test_with_leandojos_own_classes(tmp_path, monkeypatch):
    """lean-dojo installed (dev extras): its result classes map as the stand-ins do, and
    the session builds its entry with LeanDojo's real `LeanGitRepo.from_path` and `Theorem`."""
    import lean_dojo
    import lean_dojo.data_extraction.cache as dojo_cache

    # No network here: LeanDojo must not look for a traced copy in its remote cache.
    monkeypatch.setattr(dojo_cache, "DISABLE_REMOTE_CACHE", True)

    assert lean_dojo.__version__ == "4.20.0"  # the version the adapter was written against
    dojo = real_lean_dojo()
    assert to_result(lean_dojo.ProofFinished(3), dojo) == TacticResult("proved", state_text="no goals")
    assert to_result(lean_dojo.TacticState("⊢ True", 1), dojo) == TacticResult("progress", state_text="⊢ True")
    assert to_result(lean_dojo.LeanError("type mismatch"), dojo) == TacticResult("error", error="type mismatch")
    assert to_result(lean_dojo.ProofGivenUp(), dojo).kind == "error"
    # a local git repository, as a user's checkout of a Lean project would be
    (tmp_path / "lean").mkdir()
    (tmp_path / "lean-toolchain").write_text("leanprover/lean4:v4.28.0\n")
    (tmp_path / "lean" / "X.lean").write_text("theorem imp_self (p : Prop) : p → p := fun h => h\n")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}
    for cmd in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "x"]):
        subprocess.run(cmd, cwd=tmp_path, check=True, env=env)
    walk_a_proof(dojo, repo_root=tmp_path)
    entry = FakeDojo.entry
    assert isinstance(entry, lean_dojo.Theorem) and entry.full_name == "imp_self"
    assert isinstance(entry.repo, lean_dojo.LeanGitRepo) and entry.repo.lean_version == "v4.28.0"


def test_session_must_be_opened_first():
    session = DojoSession(None, "imp_self", "lean/X.lean", dojo_module=fake_lean_dojo())
    with pytest.raises(RuntimeError):
        session.initial_state()
