"""Lean text as Lean's lexer reads it: comments, identifier characters, literals, brackets.

The one place etp reads the lexical structure of Lean text. The screen (`etp.lean.screen`)
builds its accepted language on it; goals, decomposition plans and the library index find
brackets and top-level separators with its scanner; the library builder and index read
sources through `blank_comments`. Pure functions over strings; imports nothing from etp.

The scanner skips identifiers (so the `'` of `h'` is part of a name), string literals
(`"(("`, with `\\` escapes) and character literals (`'('`) exactly as the screen's
`tokenize` does on the text it accepts, so a bracket is a bracket for every reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Literal

# ------------------------------------------------------------------- characters

# Letters Lean reads as identifier starts (Lean's `isLetterLike`): Greek but λ Π Σ (binders),
# and the number sets.
LETTERS = frozenset(
    [chr(c) for c in range(0x3B1, 0x3CA) if c != 0x3BB]
    + [chr(c) for c in range(0x391, 0x3AA) if c not in (0x3A0, 0x3A2, 0x3A3)]
    + list("ℕℤℚℝℂ")
)
# Identifier characters that cannot start one (Lean's `isSubScriptAlnum`).
SUBSCRIPTS = frozenset(
    [chr(c) for c in range(0x2080, 0x208A)] + [chr(c) for c in range(0x2090, 0x209D)]
    + [chr(c) for c in range(0x1D62, 0x1D6B)] + ["ⱼ"]
)
BRACKETS = {"(": ")", "[": "]", "{": "}", "⟨": "⟩", "⦃": "⦄", "⟦": "⟧", "‹": "›"}
CLOSERS = {v: k for k, v in BRACKETS.items()}


def is_id_first(c: str) -> bool:
    return ("a" <= c <= "z") or ("A" <= c <= "Z") or c == "_" or c in LETTERS


def is_id_rest(c: str) -> bool:
    return is_id_first(c) or ("0" <= c <= "9") or c in "'!?" or c in SUBSCRIPTS


class LexError(ValueError):
    """Text Lean would not read as intended (an unterminated comment, a character outside the
    accepted language, ...); `offset` is where."""

    def __init__(self, reason: str, offset: int):
        super().__init__(reason)
        self.reason, self.offset = reason, offset


# --------------------------------------------------------------------- comments


def normalize(text: str) -> str:
    """`text` with every comment blanked (spaces, newlines kept) and trailing blanks dropped.

    Comments are read as Lean reads them: `--` to the end of the line; `/-` nested, where
    Lean consumes the character right after `/-` before it counts nesting. Doc comments
    (`/--`, `/-!`) are blanked too. Raises LexError for an unterminated block comment
    (Lean would read the rest of the checked file as comment)."""
    text = text.replace("\r\n", "\n")
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        if text.startswith("--", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
        elif text.startswith("/-", i):
            end = _block_comment_end(text, i)
        else:
            i += 1
            continue
        for k in range(i, end):
            if out[k] != "\n":
                out[k] = " "
        i = end
    return "\n".join(line.rstrip(" ") for line in "".join(out).split("\n"))


def _block_comment_end(text: str, i: int) -> int:
    """Offset after the block comment opened at i (Lean's `finishCommentBlock`)."""
    depth, k, n = 1, i + 3, len(text)
    while k < n:
        if text.startswith("-/", k):
            depth -= 1
            k += 2
            if depth == 0:
                return k
        elif text.startswith("/-", k):
            depth += 1
            k += 2
        else:
            k += 1
    raise LexError("unterminated comment `/-`", i)


def blank_comments(source: str) -> str:
    """A Lean source file as `normalize` reads it, where an unterminated block comment runs
    to the end of the file (as it does for Lean) instead of being an error."""
    try:
        return normalize(source)
    except LexError as exc:
        return normalize(source[:exc.offset]) + "\n" * source.count("\n", exc.offset)


# --------------------------------------------------------------------- brackets

_ID_FIRST = "A-Za-z_" + "".join(map(re.escape, sorted(LETTERS)))
_ID_REST = _ID_FIRST + "0-9'!?" + "".join(map(re.escape, sorted(SUBSCRIPTS)))
# What the scanner sees: names and numbers (skipped whole: `h'` is one name), literals
# (skipped: their brackets are text), and brackets.
_LEXEME = re.compile(
    rf"(?P<word>[{_ID_FIRST}0-9][{_ID_REST}]*)"
    r'|(?P<string>"(?:[^"\\]|\\.)*(?:"|\Z))'
    r"|(?P<char>'[^']')"
    rf"|(?P<open>[{''.join(map(re.escape, BRACKETS))}])"
    rf"|(?P<close>[{''.join(map(re.escape, CLOSERS))}])",
    re.S,
)
_DEPTH = {"open": 1, "close": -1}


class BracketError(ValueError):
    """Brackets that do not balance; `problem` says which and where."""

    def __init__(self, problem: BracketProblem):
        super().__init__(problem.describe(lambda k: f"offset {k}"))
        self.problem = problem


@dataclass(frozen=True)
class BracketProblem:
    """The first bracket that does not balance: a closer nothing opened, a closer that
    meets another kind of opener (at `opener`), an opener never closed, or nesting deeper
    than allowed."""

    kind: Literal["unopened", "mismatch", "unclosed", "too_deep"]
    offset: int
    char: str
    opener: int = -1
    opener_char: str = ""

    def describe(self, where: Callable[[int], str], max_depth: int | None = None) -> str:
        """The problem in words, positions given by `where(offset)`."""
        at = where(self.offset)
        if self.kind == "unopened":
            return f"{at}: `{self.char}` closes a bracket that was never opened"
        if self.kind == "mismatch":
            return f"{at}: `{self.char}` does not match `{self.opener_char}` opened at {where(self.opener)}"
        if self.kind == "unclosed":
            return f"{at}: `{self.char}` is never closed"
        return f"{at}: brackets nested deeper than {max_depth}"


def brackets(text: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """(offset, bracket) of every bracket from `start` on, outside string and character
    literals."""
    for m in _LEXEME.finditer(text, start):
        if m.lastgroup in ("open", "close"):
            yield m.start(), m.group()


def _balance(text: str, start: int, max_depth: int | None, group: bool) -> BracketProblem | int:
    """Walk the brackets from `start`: the first problem, or the offset where the group
    opened at `start` closes (`group`), or the end of the text."""
    stack: list[tuple[int, str]] = []
    for at, char in brackets(text, start):
        if char in BRACKETS:
            stack.append((at, char))
            if max_depth is not None and len(stack) > max_depth:
                return BracketProblem("too_deep", at, char)
        else:
            if not stack:
                return BracketProblem("unopened", at, char)
            opened, opener = stack.pop()
            if BRACKETS[opener] != char:
                return BracketProblem("mismatch", at, char, opened, opener)
            if group and not stack:
                return at + 1
    if stack:
        return BracketProblem("unclosed", stack[-1][0], stack[-1][1])
    return len(text)


def bracket_problem(text: str, max_depth: int | None = None) -> BracketProblem | None:
    """The first bracket of `text` that does not balance, or None."""
    found = _balance(text, 0, max_depth, group=False)
    return found if isinstance(found, BracketProblem) else None


def matching(text: str, start: int) -> int:
    """Offset just past the bracket group opening at `start`; BracketError if it never
    closes or a closer of another kind comes first."""
    if text[start:start + 1] not in BRACKETS:
        raise ValueError(f"no opening bracket at offset {start}")
    found = _balance(text, start, None, group=True)
    if isinstance(found, BracketProblem):
        raise BracketError(found)
    return found


def top_level_find(text: str, needle: str, start: int = 0) -> int:
    """First offset of `needle` outside every bracket (counted from `start`) and outside
    string and character literals, or -1. `needle` holds no brackets or quotes."""
    depth = 0
    lexemes = _LEXEME.finditer(text, start)
    lexeme = next(lexemes, None)
    at = text.find(needle, start)
    while at >= 0:
        while lexeme is not None and lexeme.end() <= at:
            depth += _DEPTH.get(lexeme.lastgroup or "", 0)
            lexeme = next(lexemes, None)
        if lexeme is not None and lexeme.start() <= at and lexeme.lastgroup != "word":
            at = text.find(needle, lexeme.end())  # inside a literal
            continue
        if depth == 0:
            return at
        at = text.find(needle, at + 1)
    return -1


def split_top_level(text: str, sep: str) -> list[str]:
    """`text` cut at every top-level `sep` (see `top_level_find`)."""
    parts, start = [], 0
    while (k := top_level_find(text, sep, start)) >= 0:
        parts.append(text[start:k])
        start = k + len(sep)
    return parts + [text[start:]]
