"""The proof body of a model's output: only the text after the `:=` that ends the model's copy of
the theorem is used, placed after the original statement (the model's restatement is never
trusted: a changed statement cannot be proved through it). An output with no proof found gives
an empty body; the prover still proposes it, so that the verifier refuses it ("the proof is
empty") and the sample is recorded with its verdict.

Completion formats (DeepSeek-Prover-V1.5): the output continues the prompt's code right after
`:= by`; it is cut at the first closing fence (V1.5's `post_process_output`). Chat formats: the
last ```lean4 block (Goedel-Prover-V2's `extrac_code`: a closed block first, then one closed
without a newline, then ```lean), else an unclosed last block (a truncated output), else the
output itself when it holds a `theorem`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from etp.core import StatementError, split_statement
from etp.text import blank_comments, top_level_find

How = Literal["continuation", "fenced", "truncated", "unfenced", "none"]

_CLOSED_BLOCKS = (re.compile(r"```lean4\n(.*?)\n```", re.S), re.compile(r"```lean4\n(.*?)```", re.S),
                  re.compile(r"```lean\n(.*?)```", re.S))
_OPEN_BLOCK = re.compile(r"```lean4?[ \t]*\n")
_DECL = re.compile(r"(?m)^[ \t]*(?:(?:private|protected|nonrec)\s+)*(?:theorem|lemma)\s+([^\s(\[{⦃:]+)")


@dataclass(frozen=True)
class Extraction:
    """The proof body found in an output ("" when none), how it was found, and why not."""

    proof: str
    how: How
    note: str = ""

    @property
    def found(self) -> bool:
        return bool(self.proof.strip())


def extract(output: str, statement: str, *, completion: bool) -> Extraction:
    """The proof body of `output` for the goal `statement` (`theorem NAME ... : TYPE`)."""
    if completion:
        return _continuation(output)
    code, how = _code_block(output)
    if code is None:
        return Extraction("", "none", "no ```lean4 block and no theorem in the output")
    body = proof_after_statement(code, statement)
    if body is None:
        stripped = code.strip()
        if re.match(r"by\b", stripped):  # a block holding the proof alone
            return Extraction(stripped, how)
        return Extraction("", "none", "no copy of the theorem (and no `by` block) in the lean4 code")
    if not body:
        return Extraction("", "none", "nothing after the theorem's `:=`")
    return Extraction(body, how)


def _continuation(output: str) -> Extraction:
    """V1.5: the text after `:= by`, up to the first fence (post_process_output)."""
    cut = output.find("```")
    body = output[:cut] if cut >= 0 else output
    if not body.strip():
        return Extraction("", "none", "the output is empty before its closing fence")
    return Extraction("by\n" + body.rstrip(), "continuation" if cut >= 0 else "truncated")


def _code_block(output: str) -> tuple[str | None, How]:
    for pattern in _CLOSED_BLOCKS:
        blocks = pattern.findall(output)
        if blocks:
            return blocks[-1], "fenced"
    opened = list(_OPEN_BLOCK.finditer(output))
    if opened:
        return output[opened[-1].end():], "truncated"
    if _DECL.search(_blank(output)):
        return output, "unfenced"
    return None, "none"


def proof_after_statement(code: str, statement: str) -> str | None:
    """The text after the `:=` that ends the copy of the theorem in `code` (the declaration named
    as the goal, else the last `theorem`/`lemma`), comments blanked (as the verifier reads it)
    and stripped; None when there is no such copy.
    A statement whose type holds k top-level `:=` (`let x := v; ...`) ends at the (k+1)-th."""
    try:
        name, signature = split_statement(statement)
    except StatementError:
        name, signature = "", statement
    blank = _blank(code)
    decls = list(_DECL.finditer(blank))
    if not decls:
        return None
    decl = next((d for d in reversed(decls) if d.group(1) == name), decls[-1])
    at = decl.end()
    for _ in range(_count_top_level(_blank(signature), ":=") + 1):
        found = top_level_find(blank, ":=", at)
        if found < 0:
            return None
        at = found + 2
    return blank[at:].strip()


def _blank(text: str) -> str:
    """The text as Lean reads it, comments blanked (offsets change: work on this text only)."""
    try:
        return blank_comments(text)
    except ValueError:
        return text


def _count_top_level(text: str, needle: str) -> int:
    count, at = 0, 0
    while (found := top_level_find(text, needle, at)) >= 0:
        count, at = count + 1, found + len(needle)
    return count
