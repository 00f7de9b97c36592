"""Screening of untrusted proof candidates, on Lean tokens, before Lean ever sees them.

A candidate is the text after `:=`; the verifier writes the header and the statement itself
and puts the candidate inside parentheses, so the candidate must be one term or one tactic
block. `screen` lexes it the way Lean's tokenizer does (nested `/- -/` comments, `--`
comments, strings with escapes, raw strings, char literals, `«»`-quoted and dotted
identifiers with Lean's unicode letter and subscript ranges) and decides on tokens, never
on substrings: `sorry_lemma` and a comment or string saying "native_decide" are fine,
`«sorry»` and `Foo.sorry` are not.

What the field's checkers taught us, and the rules that come from it:

* Lean reference manual, "Validating a Lean Proof" (leanprover/reference-manual,
  Manual/ValidatingProofs.lean): the blue check marks do not exclude `sorry` in
  dependencies, custom axioms or native evaluation; `decide +native`, `native_decide`,
  `bv_decide` and direct `ofReduceBool` make the compiler trusted (`Lean.trustCompiler`),
  and every `implemented_by`/`extern` joins the trusted base. Rules: `sorry`/`admit`/`stop`/
  `sorryAx`, `native_decide`, the identifier `native` anywhere (`decide +native`,
  `(config := {native := true})`), `bv_decide`/`bv_check`, `ofReduceBool`/`ofReduceNat`/
  `reduceBool`/`reduceNat`/`trustCompiler`, `implemented_by`/`extern`, `axiom`.
* lean4checker and SafeVerify (GasStationManager/SafeVerify, Main.lean): metaprograms can
  add declarations the kernel never checked ("environment hacking"), so they replay the
  environment, refuse `unsafe` and (optionally) `partial` constants and allow only
  `propext`, `Quot.sound`, `Classical.choice`. The embedded runtime here cannot replay or
  list axioms, so we remove the means instead: no `Lean` namespace (Elab, Meta, Environment,
  addDecl), no `run_tac`/`run_cmd`/`run_elab`/`run_meta`/`by_elab`, no `elab`/`macro`/
  `syntax`/`notation`, no syntax quotations, no `unsafe` anything, no `partial`, no
  `opaque`. Known kernel exploits of 2025-2026 (lean4 issues #14484 and #14576, the
  "malformed declaration" SafeVerify exploit on Zulip, a `debug.skipKernelTC` forgery whose
  option name was assembled from string pieces to dodge a grep, terminal-bench PR #1349)
  all need one of these.
* leanprover/comparator and the lean-eval SECURITY.md: building an untrusted proof runs
  untrusted code (`#eval`, tactics, initializers), so comparator builds inside a landrun
  sandbox. We have no sandbox, so: no `#` commands at all, no `IO`/`EIO`/`BaseIO`/`ST`/
  `System`/`Std.Internal` names, no `unsafeIO`/`unsafeBaseIO`/`unsafeCast`, no `initialize`,
  no `include_str` (core Lean: it evaluates a term and reads the file it names while
  elaborating), no `name%` elaborators but a short list of harmless ones (Mathlib's `eval%`
  runs code), no `sleep` (wall-clock denial of service that heartbeats do not count).
* Kimina Lean Server and DeepSeek-Prover-V1.5 (prover/lean/verifier.py) decide "complete"
  from the absence of errors and of "declaration uses 'sorry'" warnings only: custom
  axioms, `native_decide` (15 of Kimina-Prover's released miniF2F solutions depend on
  `Lean.ofReduceBool`, MoonshotAI/Kimina-Prover-Preview issue #11), `#exit` and commands
  that end the theorem early and start another all pass such a check. Rules: no command
  keywords anywhere (`theorem`, `def`, `instance`, `set_option`, `open`, `attribute`,
  `@[`, `where`, `let rec`, `termination_by`, ...), balanced brackets, no unterminated
  comment, string or quoted name (which would swallow the rest of the checked file and
  the candidates batched after it).
* Trojan Source (CVE-2021-42574): bidi overrides and invisible characters make a reviewer
  read something else than Lean does. Rule: no control, format (bidi, zero-width, BOM,
  tags), private-use, unassigned, separator (other than space) or combining characters.

Decisions worth knowing:

* Homoglyphs: Lean has no identifier escapes and no Unicode normalization, so `sοrry` with
  a Greek omicron is a different (unknown) name, never `sorry`. Banned names are still
  compared on a skeleton (NFKC, then Greek/Cyrillic look-alikes folded to Latin) so that a
  look-alike is refused with a clear reason instead of a confusing Lean error.
* The lexer's identifier alphabet is Lean's classic one (ASCII letters, Greek except
  λ Π Σ, Coptic, letter-like symbols, mathematical alphanumerics, subscripts); any other
  character ends an identifier. Narrower than Lean is the safe direction: a character we
  do not count as a letter can only split a name into more pieces to check.
* Strings must not contain `{`: after `s!`, `m!`, `throwError`, `dbg_trace` and other
  syntax the braces of a string hold code, and with no brace both readings agree.
* Keywords (`theorem`, `stop`, `where`, ...) are refused as stand-alone tokens; names that
  denote constants or namespaces (`sorryAx`, `ofReduceBool`, `Lean`, `IO`, ...) are refused
  in every component of a dotted or quoted name.
* `ETP`/`etp_` names are reserved for checker-generated declarations, and `{"` anywhere
  (JSON-looking text) is refused so that nothing a candidate writes can pass for one of
  Lean's `--json` message lines.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

RULES_VERSION = 2  # bump when a rule changes: cached verdicts are keyed by it
MAX_CHARS = 50_000
MAX_LINES = 2_000
MAX_DEPTH = 256  # bracket nesting (Lean's parser recursion is finite)

BRACKETS = {"(": ")", "[": "]", "{": "}", "⟨": "⟩", "⦃": "⦄", "⟦": "⟧", "‹": "›"}
_CLOSERS = {v: k for k, v in BRACKETS.items()}

# Names refused in every component of an identifier, quoted or not (after the skeleton).
_SORRY_NAMES = {"sorry"}
BANNED_NAMES: dict[str, str] = {
    "admit": "closes the goal without a proof",
    "sorryAx": "is the axiom behind `sorry`",
    "native_decide": "evaluates with the compiler, which the kernel then trusts (Lean.ofReduceBool)",
    "native": "selects native evaluation (`decide +native`), which trusts the compiler",
    "bv_decide": "closes goals through Lean.ofReduceBool, which trusts the compiler",
    "bv_check": "closes goals through Lean.ofReduceBool, which trusts the compiler",
    "ofReduceBool": "makes the kernel trust compiled code",
    "ofReduceNat": "makes the kernel trust compiled code",
    "reduceBool": "makes the kernel trust compiled code",
    "reduceNat": "makes the kernel trust compiled code",
    "trustCompiler": "is the axiom of native evaluation",
    "implemented_by": "replaces a definition's code by unchecked code",
    "extern": "replaces a definition's code by foreign code",
    "axiom": "declares an axiom",
    "axioms": "belongs to `#print axioms`, a command",
    "by_elab": "runs a metaprogram while elaborating",
    "run_tac": "runs a metaprogram",
    "run_cmd": "runs a metaprogram",
    "run_elab": "runs a metaprogram",
    "run_meta": "runs a metaprogram",
    "with_decl_name": "renames auxiliary declarations",
    "dbgSleep": "sleeps (denial of service)",
    "include_str": "reads a file and evaluates code while elaborating",
}
# `name%` term elaborators known to be harmless; any other `name%` (e.g. Mathlib's `eval%`,
# which runs code while elaborating) is refused.
SAFE_PERCENT = frozenset({
    "type_of", "ensure_type_of", "ensure_expected_type", "binop", "binop_lazy",
    "leftact", "rightact", "unop", "binrel", "binrel_no_prop", "no_implicit_lambda", "clear",
})
# First component (after `_root_`) of names refused: namespaces that reach the elaborator,
# the kernel environment, files or processes.
BANNED_ROOTS: dict[str, str] = {
    "Lean": "the `Lean` namespace is the elaborator, the kernel environment and the compiler",
    "IO": "IO acts on the machine",
    "EIO": "IO acts on the machine",
    "BaseIO": "IO acts on the machine",
    "ST": "state threads belong to IO",
    "EST": "state threads belong to IO",
    "System": "`System` reaches files and processes",
}
# Refused as stand-alone tokens: commands, declaration modifiers and syntax that adds
# declarations, options or notation, or runs code.
KEYWORDS = frozenset("""
    theorem lemma def example abbrev instance structure class inductive coinductive mutual
    opaque namespace section end universe variable open export import set_option attribute
    macro macro_rules syntax elab elab_rules notation notation3 infix infixl infixr prefix
    postfix initialize deriving include omit noncomputable private protected partial nonrec
    termination_by decreasing_by where unseal seal stop prelude module public meta
    simproc dsimproc simproc_decl dsimproc_decl grind_pattern add_decl_doc compile_inductive
    alias irreducible_def sleep unsafe local scoped
""".split())
KEYWORD_PREFIXES = ("builtin_", "register_", "declare_", "termination_by", "decreasing_by")

# Greek and Cyrillic letters that look like Latin ones (NFKC does not fold these).
_CONFUSABLES = str.maketrans({
    "α": "a", "ο": "o", "ν": "v", "ρ": "p", "τ": "t", "ι": "i", "κ": "k", "υ": "u", "ε": "e",
    "ϲ": "c", "ϳ": "j", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K",
    "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ѕ": "s",
    "ј": "j", "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "А": "A", "В": "B", "Е": "E",
    "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "І": "I",
    "Ѕ": "S", "Ј": "J", "ɑ": "a", "ı": "i", "ȷ": "j",
})
# Categories refused anywhere: controls, format (bidi, zero-width, BOM, tags), surrogates,
# private use, unassigned, line/paragraph separators, combining marks.
_BAD_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Mn", "Me", "Mc"}
_INVISIBLE = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}  # letters/symbols that render blank


class ScreenError(ValueError):
    """A candidate that cannot be lexed the way Lean would (unterminated, malformed)."""

    def __init__(self, reason: str, offset: int):
        super().__init__(reason)
        self.reason, self.offset = reason, offset


@dataclass(frozen=True)
class Token:
    """One Lean token; comments and whitespace are not tokens."""

    kind: Literal["ident", "name", "number", "string", "char", "symbol"]
    text: str  # as written
    start: int  # offset in the candidate
    parts: tuple[str, ...] = ()  # ident/name: components, «» removed
    quoted: bool = False  # some component was «»-quoted

    @property
    def end(self) -> int:
        return self.start + len(self.text)


# ----------------------------------------------------------------------------- lexer


def is_letter_like(c: str) -> bool:
    """Lean's `isLetterLike` (classic ranges): Greek but λ Π Σ, Coptic, letter-like, math."""
    v = ord(c)
    return (
        (0x3B1 <= v <= 0x3C9 and v != 0x3BB)
        or (0x391 <= v <= 0x3A9 and v not in (0x3A0, 0x3A3))
        or 0x3CA <= v <= 0x3FB
        or 0x1F00 <= v <= 0x1FFE
        or 0x2100 <= v <= 0x214F
        or 0x1D49C <= v <= 0x1D59F
    )


def is_subscript(c: str) -> bool:
    v = ord(c)
    return 0x2080 <= v <= 0x2089 or 0x2090 <= v <= 0x209C or 0x1D62 <= v <= 0x1D6A


def is_id_first(c: str) -> bool:
    return ("a" <= c <= "z") or ("A" <= c <= "Z") or c == "_" or is_letter_like(c)


def is_id_rest(c: str) -> bool:
    return is_id_first(c) or ("0" <= c <= "9") or c in "'!?" or is_subscript(c)


def _skip_block_comment(text: str, i: int) -> int:
    """Offset after the nested `/- ... -/` comment that starts at i."""
    depth, j, n = 1, i + 2, len(text)
    while j < n:
        if text.startswith("-/", j):
            depth -= 1
            j += 2
            if depth == 0:
                return j
        elif text.startswith("/-", j):
            depth += 1
            j += 2
        else:
            j += 1
    raise ScreenError("unterminated comment `/-`", i)


_ESCAPES = set("\\\"'ntr0")


def _escape(text: str, j: int, start: int, what: str) -> int:
    """Offset after the escape sequence whose backslash is at j."""
    n = len(text)
    if j + 1 >= n:
        raise ScreenError(f"unterminated {what}", start)
    c = text[j + 1]
    if c in _ESCAPES:
        return j + 2
    if c == "x":
        if all(k < n and text[k] in "0123456789abcdefABCDEF" for k in (j + 2, j + 3)):
            return j + 4
    elif c == "u":
        if j + 2 < n and text[j + 2] == "{":
            close = text.find("}", j + 3)
            if close > j + 3 and all(ch in "0123456789abcdefABCDEF" for ch in text[j + 3:close]):
                return close + 1
        elif all(k < n and text[k] in "0123456789abcdefABCDEF" for k in range(j + 2, j + 6)):
            return j + 6
    elif c == "\n" and what == "string":  # string gap: backslash, newline, indentation
        return j + 2
    elif c == "\r" and what == "string" and text.startswith("\r\n", j + 1):
        return j + 3
    raise ScreenError(f"invalid escape `\\{c}` in {what}", j)


def _string(text: str, i: int) -> int:
    """Offset after the string literal whose quote is at i."""
    j, n = i + 1, len(text)
    while j < n:
        c = text[j]
        if c == '"':
            return j + 1
        if c == "\\":
            j = _escape(text, j, i, "string")
            continue
        if c == "{":
            raise ScreenError("`{` inside a string (interpolated strings run code)", j)
        j += 1
    raise ScreenError("unterminated string literal", i)


def _raw_string(text: str, i: int) -> int | None:
    """Offset after the raw string `r#*"..."#*` at i, or None if none starts there."""
    j, n = i + 1, len(text)
    while j < n and text[j] == "#":
        j += 1
    if j >= n or text[j] != '"':
        return None
    hashes = j - i - 1
    close = text.find('"' + "#" * hashes, j + 1)
    if close < 0:
        raise ScreenError("unterminated raw string literal", i)
    return close + 1 + hashes


def _char(text: str, i: int) -> int:
    """Offset after the character literal at i (Lean: `'` not followed by `'`)."""
    n = len(text)
    j = i + 1
    if j < n and text[j] == "\\":
        j = _escape(text, j, i, "character literal")
    elif j < n and text[j] != "\n":
        j += 1
    if j < n and text[j] == "'":
        return j + 1
    raise ScreenError("unterminated character literal", i)


def _ident(text: str, i: int) -> tuple[int, tuple[str, ...], bool]:
    """Offset after the (dotted, maybe «»-quoted) identifier at i, its parts, quoted?"""
    parts: list[str] = []
    quoted = False
    n = len(text)
    while True:
        if text[i] == "«":
            close = text.find("»", i + 1)
            if close < 0:
                raise ScreenError("unterminated quoted name `«`", i)
            part = text[i + 1:close]
            if not part or any(c in "\n\r\t«" for c in part):
                raise ScreenError("malformed quoted name `«...»`", i)
            parts.append(part)
            quoted = True
            i = close + 1
        else:
            j = i + 1
            while j < n and is_id_rest(text[j]):
                j += 1
            parts.append(text[i:j])
            i = j
        if i + 1 < n and text[i] == "." and (is_id_first(text[i + 1]) or text[i + 1] == "«"):
            i += 1
            continue
        return i, tuple(parts), quoted


def _number(text: str, i: int) -> int:
    """Offset after the numeric literal at i (narrowly: what Lean reads as one number)."""
    n = len(text)
    if text.startswith(("0x", "0X"), i):
        digits = "0123456789abcdefABCDEF"
    elif text.startswith(("0b", "0B"), i):
        digits = "01"
    elif text.startswith(("0o", "0O"), i):
        digits = "01234567"
    else:
        digits = ""
    if digits:
        j = i + 2
        while j < n and text[j] in digits:
            j += 1
        return j
    j = i
    while j < n and text[j].isascii() and text[j].isdigit():
        j += 1
    if j + 1 < n and text[j] == "." and text[j + 1].isascii() and text[j + 1].isdigit():
        j += 1
        while j < n and text[j].isascii() and text[j].isdigit():
            j += 1
    if j < n and text[j] in "eE":
        k = j + 1
        if k < n and text[k] in "+-":
            k += 1
        if k < n and text[k].isascii() and text[k].isdigit():
            while k < n and text[k].isascii() and text[k].isdigit():
                k += 1
            j = k
    return j


def tokenize(text: str) -> list[Token]:
    """Lean tokens of `text` (comments dropped). Raises ScreenError where Lean would choke
    in a way that could swallow what follows (unterminated comment, string, quote)."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in " \t\r\n":
            i += 1
        elif text.startswith("--", i):
            nl = text.find("\n", i)
            i = n if nl < 0 else nl
        elif text.startswith("/-", i):
            if text.startswith(("/--", "/-!"), i):
                raise ScreenError("doc comments (`/--`, `/-!`) are not allowed in a proof", i)
            i = _skip_block_comment(text, i)
        elif c == '"':
            j = _string(text, i)
            tokens.append(Token("string", text[i:j], i))
            i = j
        elif c == "r" and (end := _raw_string(text, i)) is not None:
            tokens.append(Token("string", text[i:end], i))
            i = end
        elif c == "'":
            if text.startswith("''", i):  # Lean: not a character literal
                tokens.append(Token("symbol", "''", i))
                i += 2
                continue
            j = _char(text, i)
            tokens.append(Token("char", text[i:j], i))
            i = j
        elif c == "«" or is_id_first(c):
            j, parts, quoted = _ident(text, i)
            tokens.append(Token("ident", text[i:j], i, parts, quoted))
            i = j
        elif c == "`" and i + 1 < n and (is_id_first(text[i + 1]) or text[i + 1] == "«"):
            j, parts, quoted = _ident(text, i + 1)
            tokens.append(Token("name", text[i:j], i, parts, quoted))
            i = j
        elif c.isascii() and c.isdigit():
            j = _number(text, i)
            tokens.append(Token("number", text[i:j], i))
            i = j
        else:
            tokens.append(Token("symbol", c, i))
            i += 1
    return tokens


# ------------------------------------------------------------------------- screening


def skeleton(name: str) -> str:
    """`name` with compatibility forms and Greek/Cyrillic look-alikes folded to Latin."""
    return unicodedata.normalize("NFKC", name).translate(_CONFUSABLES)


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


class _Where:
    """`line L, column C` of an offset, computed only when printed."""

    def __init__(self, text: str, offset: int):
        self.text, self.offset = text, offset

    def __str__(self) -> str:
        return _where(self.text, self.offset)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _check_characters(text: str) -> tuple[str, int] | None:
    for k, c in enumerate(text):
        if c in "\n\t ":
            continue
        if c == "\r":
            if text.startswith("\r\n", k):
                continue
            return "a carriage return not followed by a line feed", k
        if c in _INVISIBLE:
            return f"the invisible character U+{ord(c):04X}", k
        category = unicodedata.category(c)
        if category in _BAD_CATEGORIES or (category == "Zs" and c != " "):
            name = unicodedata.name(c, "unnamed")
            return f"the character U+{ord(c):04X} ({name}, category {category})", k
    return None


def _components(token: Token) -> list[str]:
    """Every component, and for a «quoted» one holding dots also each dotted piece."""
    comps: list[str] = []
    for part in token.parts:
        comps.append(part)
        if token.quoted and "." in part:
            comps.extend(p for p in part.split(".") if p)
    return comps


def _pieces(token: Token) -> list[str]:
    """The components read as a path, «a.b» split at its dots (how a reader would see it)."""
    return [p for part in token.parts for p in (part.split(".") if "." in part else [part]) if p]


def _check_name(token: Token, allow_sorry: bool) -> str | None:
    shown = f"`{token.text}`"
    comps = _components(token)
    roots = [skeleton(p) for p in _pieces(token)]
    while roots and roots[0] == "_root_":
        roots = roots[1:]
    if roots:
        if roots[0] in BANNED_ROOTS:
            return f"{shown} is not allowed: {BANNED_ROOTS[roots[0]]}"
        if roots[:2] == ["Std", "Internal"]:
            return f"{shown} is not allowed: `Std.Internal` holds IO and runtime internals"
    for comp in comps:
        sk = skeleton(comp)
        if sk in _SORRY_NAMES and not allow_sorry:
            return f"{shown} is not allowed: `sorry` is not a proof"
        if sk in BANNED_NAMES:
            return f"{shown} is not allowed: `{sk}` {BANNED_NAMES[sk]}"
        if sk == "IO":
            return f"{shown} is not allowed: IO acts on the machine"
        if "unsafe" in sk.lower():
            return f"{shown} is not allowed: unsafe code is outside the logic"
        if sk.startswith("ETP") or sk.lower().startswith("etp_"):
            return f"{shown} is not allowed: `ETP`/`etp_` names are reserved for the checker"
        if sk != comp and sk in KEYWORDS:
            return f"{shown} is not allowed: it looks like the keyword `{sk}`"
    if len(token.parts) == 1:
        sk = skeleton(token.parts[0])
        if sk in KEYWORDS or sk.startswith(KEYWORD_PREFIXES):
            return f"`{sk}` is not allowed: a proof cannot contain commands, declarations or options"
    return None


def screen(candidate: str, *, allow_sorry: bool = False) -> str | None:
    """Why `candidate` (the untrusted text after `:=`) is refused, or None if it may be
    checked. `allow_sorry` admits `sorry` (trusted sketch mode) and nothing else."""
    if not candidate.strip():
        return "the proof is empty"
    if len(candidate) > MAX_CHARS:
        return f"the proof is {len(candidate)} characters long; the limit is {MAX_CHARS}"
    if candidate.count("\n") + 1 > MAX_LINES:
        return f"the proof has {candidate.count(chr(10)) + 1} lines; the limit is {MAX_LINES}"
    bad = _check_characters(candidate)
    if bad:
        return f"{_where(candidate, bad[1])}: {bad[0]} is not allowed"
    k = candidate.find('{"')
    if k >= 0:
        return f'{_where(candidate, k)}: `{{"` is not allowed (it could pass for a Lean JSON message)'
    try:
        tokens = tokenize(candidate)
    except ScreenError as exc:
        return f"{_where(candidate, exc.offset)}: {exc.reason}"
    if not tokens:
        return "the proof has no code (only comments)"
    stack: list[Token] = []
    for idx, tok in enumerate(tokens):
        nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
        adjacent = nxt is not None and nxt.start == tok.end
        at = _Where(candidate, tok.start)  # formatted only when a reason is returned
        if tok.kind in ("ident", "name"):
            problem = _check_name(tok, allow_sorry)
            if problem:
                return f"{at}: {problem}"
            if tok.kind == "ident" and tok.parts == ("let",) and nxt is not None and nxt.parts == ("rec",):
                return f"{at}: `let rec` is not allowed: it adds auxiliary declarations"
            if adjacent and nxt.text == "%" and tok.text not in SAFE_PERCENT:
                after = tokens[idx + 2] if idx + 2 < len(tokens) else None
                if after is None or after.start > nxt.end:  # `name% x`, not `n%2`
                    return f"{at}: the `{tok.text}%` elaborator is not allowed"
            continue
        if tok.kind != "symbol":
            continue
        c = tok.text
        if c == "#":
            if adjacent and nxt.text == "[":
                continue
            if adjacent and nxt.kind == "ident" and nxt.text == "v" and idx + 2 < len(tokens) \
                    and tokens[idx + 2].text == "[" and tokens[idx + 2].start == nxt.end:
                continue
            return f"{at}: `#` commands (`#eval`, `#print`, `#exit`, ...) are not allowed"
        if c == "@" and adjacent and nxt.text == "[":
            return f"{at}: attributes (`@[...]`) are not allowed"
        if c == "`":
            if adjacent and nxt.kind == "name":
                continue  # ``name
            return f"{at}: syntax quotations are not allowed (they are metaprogramming)"
        if c in BRACKETS:
            stack.append(tok)
            if len(stack) > MAX_DEPTH:
                return f"{at}: brackets nested deeper than {MAX_DEPTH}"
        elif c in _CLOSERS:
            if not stack:
                return f"{at}: `{c}` closes a bracket that was never opened"
            opener = stack.pop()
            if BRACKETS[opener.text] != c:
                return (f"{at}: `{c}` does not match `{opener.text}` opened at "
                        f"{_where(candidate, opener.start)}")
    if stack:
        return f"{_where(candidate, stack[-1].start)}: `{stack[-1].text}` is never closed"
    return None
