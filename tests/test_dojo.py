"""The LeanDojo adapter. LeanDojo needs a native toolchain and pulls in Ray, so neither is on
the test machines: the real part tested here is the unavailable path (the message names what
is missing); the result mapping and session logic run against stand-ins with the same
fields as LeanDojo 4.20.0's own classes (`lean_dojo/interaction/dojo.py`)."""

from __future__ import annotations

import importlib.util
import shutil
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
    """Plays the REPL: `intro h` makes progress, `exact h` finishes, `sorry` gives up."""

    calls: list[str] = []

    def __init__(self, entry, timeout=600):
        self.entry, self.timeout = entry, timeout

    def __enter__(self):
        return self, TacticState("p : Prop\n⊢ p → p", 0)

    def __exit__(self, *exc):
        FakeDojo.closed = True

    def run_tac(self, state, tactic):
        FakeDojo.calls.append(tactic)
        if tactic == "intro h" and state.id == 0:
            return TacticState("p : Prop\nh : p\n⊢ p", 1)
        if tactic == "exact h" and state.id == 1:
            return ProofFinished(2)
        if tactic == "loop":
            raise DojoTacticTimeoutError()
        if tactic == "crash":
            raise DojoCrashError("OOM")
        return LeanError(f"unknown tactic {tactic}")


def fake_lean_dojo() -> types.ModuleType:
    module = types.ModuleType("lean_dojo")
    for cls in (TacticState, ProofFinished, ProofGivenUp, LeanError, DojoCrashError, DojoTacticTimeoutError):
        setattr(module, cls.__name__, cls)
    module.Dojo = FakeDojo
    module.LeanGitRepo = types.SimpleNamespace(from_path=lambda path: ("repo", path))
    module.Theorem = lambda repo, path, name: (repo, path, name)
    return module


def test_results_map_to_proved_progress_error():
    dojo = fake_lean_dojo()
    assert to_result(ProofFinished(3), dojo) == TacticResult("proved", state_text="no goals")
    assert to_result(TacticState("⊢ True", 1), dojo) == TacticResult("progress", state_text="⊢ True")
    assert to_result(LeanError("type mismatch"), dojo) == TacticResult("error", error="type mismatch")
    assert to_result(ProofGivenUp(), dojo).kind == "error"
    with pytest.raises(TypeError):
        to_result(object(), dojo)


def test_session_walks_a_proof_and_screens_tactics():
    FakeDojo.calls = []
    with DojoSession(None, "imp_self", "lean/X.lean", dojo_module=fake_lean_dojo()) as session:
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


def test_session_must_be_opened_first():
    session = DojoSession(None, "imp_self", "lean/X.lean", dojo_module=fake_lean_dojo())
    with pytest.raises(RuntimeError):
        session.initial_state()
