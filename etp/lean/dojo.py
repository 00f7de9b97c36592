"""LeanDojo backend: tactic-by-tactic interaction with a theorem of the library.

LeanDojo (`pip install 'etp[dojo]'`, PyPI `lean-dojo`) traces a git repository with `lake`
and then runs `lake env lean` on a copy of the theorem's file whose proof is replaced by a
REPL, so it needs a native toolchain (elan with `lean` and `lake` on PATH) and `git`; the
embedded wasm runtime cannot serve it. `DojoSession` wraps `lean_dojo.Dojo` for one theorem
(`lean_dojo.Theorem(LeanGitRepo.from_path(root), file, full_name)`) and speaks in strings:
`initial_state()` and `run_tac(state, tactic)` return `TacticResult`s whose kind is
`proved` (LeanDojo's `ProofFinished`), `progress` (`TacticState`) or `error` (`LeanError`,
`ProofGivenUp`, a timeout, a crash, or a tactic refused by `etp.lean.screen`).

Tactics are candidates like any other: each is screened before LeanDojo sees it, and
`proved` here only means the tactic state has no goals left. LeanDojo does not list axioms,
so the assembled proof must still go through `Verifier.check` before anyone calls it proved.
"""

from __future__ import annotations

import importlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

from etp.lean.runtime import PROJECT_ROOT, LeanRuntime
from etp.lean.screen import prepare

INSTALL_HINT = "pip install 'etp[dojo]' (PyPI lean-dojo; it brings Ray and other heavy dependencies)"


class DojoUnavailable(RuntimeError):
    """LeanDojo cannot run here; the message lists everything that is missing."""


@dataclass(frozen=True)
class TacticResult:
    """What one tactic did: `proved` (no goals left), `progress` (new state) or `error`."""

    kind: Literal["proved", "progress", "error"]
    state_text: str = ""  # the pretty-printed tactic state (progress), "no goals" (proved)
    error: str = ""


def missing_requirements(runtime: LeanRuntime | None) -> list[str]:
    """What LeanDojo needs and this machine lacks (empty: it can run)."""
    missing = []
    try:
        importlib.import_module("lean_dojo")
    except ImportError as exc:
        detail = "" if getattr(exc, "name", None) == "lean_dojo" else f" (importing it failed: {exc})"
        missing.append(f"the Python package lean-dojo is not importable{detail}: {INSTALL_HINT}")
    if runtime is None or runtime.kind != "native":
        what = runtime.describe() if runtime is not None else "none"
        missing.append(
            f"a native Lean toolchain: LeanDojo runs `lake env lean`, which the selected runtime "
            f"cannot ({what}); install elan (https://lean-lang.org) so that `lean` and `lake` are on PATH"
        )
    if shutil.which("lake") is None:
        missing.append("`lake` is not on PATH (it comes with an elan toolchain)")
    if shutil.which("git") is None:
        missing.append("`git` is not on PATH (LeanDojo traces a git repository)")
    return missing


def require_dojo(runtime: LeanRuntime | None) -> ModuleType:
    """The `lean_dojo` module, or DojoUnavailable saying exactly what is missing."""
    missing = missing_requirements(runtime)
    if missing:
        raise DojoUnavailable("LeanDojo cannot run here; missing:\n  - " + "\n  - ".join(missing))
    return importlib.import_module("lean_dojo")


def to_result(raw: Any, dojo: ModuleType) -> TacticResult:
    """Map one of LeanDojo's `TacticResult`s (`dojo` is the `lean_dojo` module) to ours."""
    if isinstance(raw, dojo.ProofFinished):
        return TacticResult("proved", state_text="no goals")
    if isinstance(raw, dojo.TacticState):
        return TacticResult("progress", state_text=raw.pp)
    if isinstance(raw, dojo.LeanError):
        return TacticResult("error", error=raw.error)
    if isinstance(raw, dojo.ProofGivenUp):
        return TacticResult("error", error="the proof gave up (`sorry`)")
    raise TypeError(f"unexpected LeanDojo result {type(raw).__name__}: {raw!r}")


class DojoSession:
    """Tactic-level interaction with one library theorem through LeanDojo (native Lean only).

    Use as a context manager: `with DojoSession(runtime, "walras_law", "lean/EconLean/...") as s`.
    """

    def __init__(
        self,
        runtime: LeanRuntime | None,
        theorem: str,
        file_path: Path | str,
        *,
        repo_root: Path = PROJECT_ROOT,
        timeout: int = 600,
        dojo_module: ModuleType | None = None,  # the `lean_dojo` module (tests pass a stand-in)
    ):
        self.dojo = dojo_module or require_dojo(runtime)
        self.theorem, self.file_path, self.repo_root = theorem, Path(file_path), Path(repo_root)
        self.timeout = timeout
        self._states: dict[str, Any] = {}
        self._initial: str | None = None
        self._context = None
        self._env = None
        self.crashed = False

    def __enter__(self) -> DojoSession:
        repo = self.dojo.LeanGitRepo.from_path(self.repo_root)
        entry = self.dojo.Theorem(repo, self.file_path, self.theorem)
        self._context = self.dojo.Dojo(entry, timeout=self.timeout)
        try:
            self._env, init = self._context.__enter__()
        except Exception as exc:  # DojoInitError and friends: name the theorem and the cause
            self._context = None
            raise DojoUnavailable(f"LeanDojo could not open {self.theorem} in {self.file_path}: {exc}") from exc
        self._initial = init.pp
        self._states[init.pp] = init
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._context is not None:
            context, self._context = self._context, None
            context.__exit__(None, None, None)

    def initial_state(self) -> str:
        if self._initial is None:
            raise RuntimeError("the session is not open: use `with DojoSession(...) as session`")
        return self._initial

    def run_tac(self, state: str | TacticResult, tactic: str) -> TacticResult:
        """Run `tactic` on `state` (a state text this session returned, or its result)."""
        if self._env is None or self.crashed:
            raise RuntimeError("the session is not open" if not self.crashed else "Lean crashed; open a new session")
        text = state.state_text if isinstance(state, TacticResult) else state
        if text not in self._states:
            raise ValueError("unknown state: pass a state text this session returned")
        tactic, problem = prepare(tactic)  # LeanDojo gets the normalized text the screen judged
        if problem:
            return TacticResult("error", error=f"rejected: {problem}")
        try:
            raw = self._env.run_tac(self._states[text], tactic)
        except self.dojo.DojoTacticTimeoutError:
            return TacticResult("error", error=f"the tactic ran out of time ({self.timeout} s)")
        except self.dojo.DojoCrashError as exc:
            self.crashed = True
            return TacticResult("error", error=f"Lean crashed: {exc}")
        result = to_result(raw, self.dojo)
        if result.kind == "progress":
            self._states[result.state_text] = raw
        return result
