"""Proof text layout: a child's proof placed after `:=`, `exact` or a focusing `·`, at any
indentation, without changing what Lean reads."""

from __future__ import annotations

import re
import textwrap


def proof_lines(proof: str) -> list[str] | None:
    """The tactic lines of a `by` proof, dedented; None for a term proof."""
    p = proof.strip("\n").strip()
    if not re.match(r"by(\s|$)", p):
        return None
    first, _, rest = p[2:].partition("\n")
    first = first.strip()
    rest_lines = textwrap.dedent(rest).split("\n") if rest.strip() else []
    rest_lines = [l.rstrip() for l in rest_lines]
    while rest_lines and not rest_lines[-1].strip():
        rest_lines.pop()
    if first and rest_lines:
        return None  # `by tac` followed by more lines: keep it as a term, layout untouched
    return [first] if first else rest_lines


def embed_proof(proof: str, indent: int) -> str:
    """A proof text that may follow `:=` or `exact` in a block indented `indent` columns."""
    pad = " " * indent
    lines = proof_lines(proof)
    if lines is not None:
        return "by\n" + "\n".join(pad + l if l else "" for l in lines)
    body = proof.strip("\n").split("\n")
    return "(\n" + "\n".join(pad + "  " + l if l.strip() else "" for l in body) + "\n" + pad + ")"


def focus_block(proof: str, indent: int, renames: tuple[str, ...] = ()) -> list[str]:
    """`· <proof>` lines at `indent` that close the focused goal with a child's proof."""
    pad, inner = " " * indent, " " * (indent + 2)
    lines = proof_lines(proof)
    body = [f"rename_i {' '.join(renames)}"] if renames else []
    if lines is not None and lines:
        body += lines
    else:
        body += ("exact " + embed_proof(proof, 2)).split("\n")
    out = [pad + "· " + body[0]]
    out += [inner + l if l else "" for l in body[1:]]
    return out
