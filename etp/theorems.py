"""Theorem sets: the JSONL schema (`TheoremSpec`) and loading with errors a user can act on.

One JSON object a line; unknown fields are an error (a typo such as `statment` must not
silently drop a field). Blank lines and lines starting with `//` are skipped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from etp.core import Header, StatementError, split_statement

ID_PATTERN = r"[A-Za-z0-9_.-]+"
_MODULE = re.compile(r"[A-Za-z_][\w']*(\.[A-Za-z_][\w']*)*")
_DECLARATION = re.compile(r"[A-Za-z_][\w']*[?!]?(\.[A-Za-z_][\w']*[?!]?)*")  # `getElem?`, `get!`
_NAME_KINDS = {"imports": (_MODULE, "module or namespace name"), "open": (_MODULE, "module or namespace name"),
               "lemmas": (_DECLARATION, "declaration name")}


class TheoremSetError(ValueError):
    """A theorem set that cannot be used; the message names the file and line."""


def theorem_name(statement: str) -> str:
    """The declared name in `theorem NAME ...` (or `lemma NAME ...`)."""
    try:
        return split_statement(statement)[0]
    except StatementError:
        raise ValueError("the statement must start with `theorem NAME` or `lemma NAME`") from None


def lean_statement(statement: str) -> str:
    """The statement as core Lean reads it: `lemma` (a Mathlib keyword) becomes `theorem`."""
    return re.sub(r"^\s*lemma\b", "theorem", statement, count=1).strip()


class TheoremSpec(BaseModel):
    """One theorem of a theorem set (see DESIGN.md, "Contracts")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=rf"^{ID_PATTERN}$")
    imports: tuple[str, ...] = ()
    open: tuple[str, ...] = ()
    statement: str
    informal: str = ""
    tier: Literal["A", "B", "C", "D", "E"] | None = None
    tags: tuple[str, ...] = ()
    reference_proof: str | None = None
    lemmas: tuple[str, ...] = ()  # library lemmas the set's author points provers to (visible through `imports`)

    @field_validator("imports", "open", "lemmas")
    @classmethod
    def _lean_names(cls, names: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        pattern, kind = _NAME_KINDS[info.field_name]
        for name in names:
            if not pattern.fullmatch(name):
                raise ValueError(f"{name!r} is not a Lean {kind}")
        return names

    @field_validator("statement")
    @classmethod
    def _statement_shape(cls, statement: str) -> str:
        theorem_name(statement)  # the rest (a `:=` in a `let`, a trailing comment) is for Lean to judge
        return statement

    @property
    def name(self) -> str:
        return theorem_name(self.statement)

    @property
    def header(self) -> Header:
        return Header(imports=tuple(self.imports), open=tuple(self.open))

    @property
    def lean_statement(self) -> str:
        return lean_statement(self.statement)


def _describe(error: dict) -> str:
    loc = ".".join(str(p) for p in error.get("loc", ()))
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return f"unknown field {loc!r}"
    if kind == "missing":
        return f"missing field {loc!r}"
    msg = error.get("msg", "invalid").removeprefix("Value error, ")
    return f"field {loc!r}: {msg}" if loc else msg


def parse_theorem_line(line: str) -> TheoremSpec:
    """One JSONL line as a TheoremSpec; ValueError with a short message otherwise."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(raw, dict):
        raise ValueError(f"expected a JSON object, got {type(raw).__name__}")
    try:
        return TheoremSpec.model_validate(raw)
    except ValidationError as exc:
        errors = sorted(exc.errors(), key=lambda e: e.get("type") != "extra_forbidden")  # typos first
        raise ValueError("; ".join(_describe(e) for e in errors)) from None


def load_theorem_set(path: str | Path) -> list[TheoremSpec]:
    """Every theorem of a JSONL theorem set, in file order; TheoremSetError names file and line."""
    path = Path(path)
    if not path.is_file():
        raise TheoremSetError(f"{path}: no such theorem set file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TheoremSetError(f"{path}: cannot read: {exc}") from None
    specs: list[TheoremSpec] = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            spec = parse_theorem_line(line)
        except ValueError as exc:
            raise TheoremSetError(f"{path}: line {number}: {exc}") from None
        if spec.id in first_line:
            raise TheoremSetError(f"{path}: line {number}: duplicate id {spec.id!r} (first on line {first_line[spec.id]})")
        first_line[spec.id] = number
        specs.append(spec)
    if not specs:
        raise TheoremSetError(f"{path}: the theorem set is empty")
    return specs

