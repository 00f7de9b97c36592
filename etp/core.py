"""The vocabulary every part of etp shares: headers, check requests, Lean's verdicts and
messages, parsed statements, and the named states of goals and checks.

This module imports nothing else from etp (a test enforces it), so text utilities, the goal
DAG, the provers and the verifier can all speak these types without importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

# ------------------------------------------------------------------ Lean's messages


class Position(BaseModel):
    line: int
    column: int


class LeanMessage(BaseModel):
    """One message Lean reported (`lean --json`)."""

    severity: Literal["information", "warning", "error"]
    data: str
    pos: Position
    end_pos: Position | None = None
    file_name: str = ""
    kind: str = ""

    def format(self) -> str:
        """`file:line:col: severity: message`, the form editors and CI logs understand."""
        return f"{self.file_name}:{self.pos.line}:{self.pos.column}: {self.severity}: {self.data}"


# ------------------------------------------------------------------ checking

# Top-level module names that come with Lean itself (no sources in the project, nothing to
# build or index).
CORE_PREFIXES = ("Init", "Std", "Lean", "Lake")

Status = Literal["proved", "failed", "rejected", "timeout", "error", "sketch_ok"]
# What a check was for: a prover's candidate, a sketch (trusted, sorry allowed), a structural
# probe, a statement's own check, an assembled proof, the final check of a whole proof.
Purpose = Literal["candidate", "sketch", "structure", "statement", "assembly", "final"]


class Header(BaseModel):
    """What precedes every statement in a checked file: imports and opened namespaces."""

    model_config = ConfigDict(frozen=True)

    imports: tuple[str, ...] = ()
    open: tuple[str, ...] = ()

    def render(self) -> str:
        lines = [f"import {m}" for m in self.imports]
        if self.open:
            lines.append("open " + " ".join(self.open))
        return "\n".join(lines)


class CheckRequest(BaseModel):
    """One candidate proof for one statement."""

    header: Header = Header()
    statement: str
    proof: str
    allow_sorry: bool = False  # trusted sketch mode: never 'proved'
    tag: str = ""


class Verdict(BaseModel):
    """Lean's word on one candidate."""

    status: Status
    reason: str = ""
    messages: list[LeanMessage] = []
    first_error: Position | None = None
    goals: list[str] = []
    seconds: float = 0.0
    runtime: str = ""
    checker: str = ""  # Verifier.fingerprint of the checker that decided it
    cached: bool = False

    @property
    def proved(self) -> bool:
        return self.status == "proved"


# ------------------------------------------------------------------ statements


class StatementError(ValueError):
    """A statement that is not `theorem NAME ... : TYPE`."""


_DECL = re.compile(r"^\s*(?:theorem|lemma)\s+([^\s(\[{⦃:]+)(.*)$", re.S)


def split_statement(statement: str) -> tuple[str, str]:
    """(name, signature) of `theorem NAME SIGNATURE`; the signature is binders and type,
    exactly as written (Lean reads this text; nothing is normalized)."""
    match = _DECL.match(statement)
    if not match:
        raise StatementError(f"a statement must read `theorem NAME ... : TYPE`, got: {statement[:80]!r}")
    return match.group(1), match.group(2).strip()


@dataclass(frozen=True)
class Signature:
    """`theorem NAME BINDERS : TYPE` in parts; binders verbatim, e.g. `(a b : Nat)`."""

    name: str
    binders: tuple[str, ...]
    type: str

    def statement(self, name: str | None = None) -> str:
        parts = ["theorem", name or self.name, *self.binders, ":", self.type]
        return " ".join(parts)


# ------------------------------------------------------------------ goals

GoalStatus = Literal["open", "proved", "failed", "invalid"]
DecompositionStatus = Literal["pending", "ready", "checking", "proved", "failed"]
