"""Screening of untrusted text (proof candidates and statements) before Lean sees it.

Two steps. `normalize` (the lexical layer, `etp.text`) blanks comments (each commented
character becomes a space, so lines and columns stay where they were) and drops trailing
blanks; the normalized text is what Lean is given and what the pipeline records, never the
original. `validate` then accepts the normalized text only if it lies in a small language
whose tokenization is unambiguous, and `screen` = both. The normalizer may read a comment
differently from Lean (nesting, `--` inside a longer symbol such as `<--`): that changes
what is checked, never whether the check is sound, because Lean only ever sees the
validated, normalized text.

Why Lean tokenizes every accepted text the way `tokenize` does:

* No comments: `--`, `/-` and `-/` never occur (after normalization they are refused as
  substrings), so nothing is comment to one reader and code to the other.
* No string, char or name literals in candidates: `"`, `` ` ``, `\\`, `«`, `»` and `#` are
  outside the alphabet, and `'` is accepted only inside an identifier (after a letter-led run
  of identifier characters), where Lean reads it as part of the name. Lean's parse-error
  recovery therefore never resumes inside a literal. Statements (`statement=True`) may also
  hold *simple* literals: a string of printable ASCII without `\\`, `"`, `{`, `}` on one line,
  and a char literal `'c'` of one such character; with no escapes, both readers end them at
  the same quote.
* A fixed alphabet: ASCII letters, digits and symbols (not `"`, `#`, `` ` ``, `\\`, tab or
  controls), newline and space, plus the explicit tables below. Every character we count as
  an identifier character is one for Lean (tests/lean/test_screen_lean.py checks each one with
  real Lean); Lean may count more characters as letters than we do (4.28 accepts `é`, which
  we refuse anyway), which can only make Lean's identifiers longer than ours: every keyword
  Lean could see is then a token of ours too, and is refused.
* A number is never directly followed by an identifier character (`2x`, `0xdef`), so
  numbers and names cannot be cut differently.

Accepted text is then checked on tokens, never on substrings: `sorry_lemma` and `h'` are
fine, `Foo.sorry` is not. What the field's checkers taught us, and the rules that come
from it:

* Lean reference manual, "Validating a Lean Proof": `sorry`, custom axioms, `decide +native`,
  `native_decide`, `bv_decide` and `ofReduceBool` (`Lean.trustCompiler`), `implemented_by`
  and `extern` all enlarge the trusted base. Rules: `sorry`/`admit`/`stop`/`sorryAx`,
  `native_decide`, the identifier `native` anywhere, `bv_decide`/`bv_check`,
  `ofReduceBool`/`ofReduceNat`/`reduceBool`/`reduceNat`/`trustCompiler`,
  `implemented_by`/`extern`, `axiom`.
* lean4checker and SafeVerify: metaprograms can add declarations the kernel never checked.
  Rules: no `Lean` namespace, no `run_tac`/`run_cmd`/`by_elab`, no `elab`/`macro`/`syntax`/
  `notation`, no syntax quotations, no `unsafe`, `partial`, `opaque`.
* comparator and the lean-eval SECURITY.md: elaborating an untrusted proof runs untrusted
  code. Rules: no `#` commands, no `IO`/`EIO`/`BaseIO`/`ST`/`System`/`Std.Internal` names, no
  `include_str`, no `name%` elaborators but a short list of harmless ones, no `sleep`.
* Kimina and DeepSeek-Prover decide "complete" from the absence of errors: commands appended
  after the proof pass such a check. Rules: no command keywords anywhere (`theorem`,
  `set_option`, `open`, `attribute`, `@[`, `where`, `let rec`, ...), balanced brackets.
  A command that slips through anyway needs a parse error to end the declaration; the
  verifier treats every parse error as a poisoned Lean process (`etp.lean.verifier`).
* Trojan Source (CVE-2021-42574): bidi and invisible characters are outside the alphabet.

Homoglyphs: Lean has no identifier escapes and no Unicode normalization, so `sοrry` with a
Greek omicron is another name; banned names are still compared on a skeleton (NFKC, Greek
and Cyrillic look-alikes folded to Latin) so that a look-alike is refused with a clear
reason. `ETP`/`etp_` names are reserved for the checker's own declarations.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from etp.text import (  # the lexical layer: one reading of comments, names and brackets
    BRACKETS,
    LETTERS,
    SUBSCRIPTS,
    LexError,
    bracket_problem,
    is_id_first,
    is_id_rest,
    normalize,
)

__all__ = ["BRACKETS", "LETTERS", "SUBSCRIPTS", "ScreenError", "is_id_first", "is_id_rest", "normalize",
           "prepare", "screen", "skeleton", "tokenize", "validate"]

RULES_VERSION = 3  # bump when a rule changes: cached and stored verdicts are keyed by it
MAX_CHARS = 50_000
MAX_LINES = 2_000
MAX_DEPTH = 256  # bracket nesting (Lean's parser recursion is finite)


# ------------------------------------------------------------------- the alphabet
# Identifier characters (`LETTERS`, `SUBSCRIPTS`) and brackets come from `etp.text`.

_ASCII_SYMBOLS = frozenset("!$%&()*+,-./:;<=>?@[]^_{|}~'")
# Mathematical symbols proofs use; none is an identifier character for Lean.
SYMBOLS = frozenset(
    "→←↔↦⇒⇔⟶↓∀∃∄¬∧∨≤≥≠≈≡≃≅∘×·•⁻¹²³⁺∑∏∈∉∋∌⊆⊂⊇⊃⊊⊋∪∩∅∖⊢⊣↑⇑↥∣∤⌊⌋⌈⌉‖⊤⊥⋃⋂⊓⊔⨆⨅"
    "λΠΣ∞√∂⊕⊗⊞⊠▸⁅⁆∆∇≺≻≼≽⪯⪰∼⋆∗⬝◃▹⟨⟩⦃⦄⟦⟧‹›"
)

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


ScreenError = LexError  # text outside the accepted language: the lexer's and the screen's one error


@dataclass(frozen=True)
class Token:
    """One token of validated text; whitespace is not a token."""

    kind: Literal["ident", "number", "string", "char", "symbol"]
    text: str  # as written
    start: int  # offset in the text
    parts: tuple[str, ...] = ()  # ident: its dotted components

    @property
    def end(self) -> int:
        return self.start + len(self.text)


# ---------------------------------------------------------------------- tokenizing


def tokenize(text: str, *, statement: bool = False) -> list[Token]:
    """The tokens of normalized text, or ScreenError where it leaves the accepted language.
    `statement` also accepts simple string and char literals (see the module docstring)."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in " \n":
            i += 1
            continue
        if is_id_first(c):
            j = _ident_end(text, i)
            tokens.append(Token("ident", text[i:j], i, tuple(text[i:j].split("."))))
        elif "0" <= c <= "9":
            j = _number_end(text, i)
            if j < n and is_id_rest(text[j]):
                raise ScreenError("a number directly followed by a name (put a space or an operator between them)", i)
            tokens.append(Token("number", text[i:j], i))
        elif statement and c == '"':
            j = _simple_literal_end(text, i, '"', "string")
            tokens.append(Token("string", text[i:j], i))
        elif statement and c == "'" and i + 2 < n and text[i + 2] == "'" and text[i + 1] != "'":
            j = _simple_literal_end(text, i, "'", "character literal")
            tokens.append(Token("char", text[i:j], i))
        elif c == "'":
            raise ScreenError("`'` outside a name (Lean would read a character literal)", i)
        elif c in _ASCII_SYMBOLS or c in SYMBOLS or c in SUBSCRIPTS:
            j = i + 1
            tokens.append(Token("symbol", c, i))
        else:
            raise ScreenError(f"{_describe(c)} is not allowed", i)
        i = j
    return tokens


def _ident_end(text: str, i: int) -> int:
    """Offset after the dotted identifier starting at i."""
    n = len(text)
    while True:
        i += 1
        while i < n and is_id_rest(text[i]):
            i += 1
        if i + 1 < n and text[i] == "." and is_id_first(text[i + 1]):
            i += 1
            continue
        return i


def _number_end(text: str, i: int) -> int:
    """Offset after the numeric literal at i (decimal, scientific, 0x/0b/0o)."""
    n = len(text)
    prefixes = {"x": "0123456789abcdefABCDEF", "b": "01", "o": "01234567"}
    if text[i] == "0" and i + 2 < n and text[i + 1].lower() in prefixes and text[i + 2] in prefixes[text[i + 1].lower()]:
        digits, j = prefixes[text[i + 1].lower()], i + 2
        while j < n and text[j] in digits:
            j += 1
        return j
    j = _digits_end(text, i)
    if j + 1 < n and text[j] == "." and text[j + 1].isdigit() and text[j + 1].isascii():
        j = _digits_end(text, j + 1)
    if j < n and text[j] in "eE":
        k = j + 1 + (j + 1 < n and text[j + 1] in "+-")
        if k < n and "0" <= text[k] <= "9":
            j = _digits_end(text, k)
    return j


def _digits_end(text: str, i: int) -> int:
    while i < len(text) and "0" <= text[i] <= "9":
        i += 1
    return i


def _simple_literal_end(text: str, i: int, quote: str, what: str) -> int:
    """Offset after a string or char literal of printable ASCII with no `\\`, `{`, `}`."""
    j = i + 1
    while j < len(text) and text[j] != quote:
        if text[j] in "\\{}" or not " " <= text[j] <= "~":
            raise ScreenError(f"{_describe(text[j])} inside a {what} (only plain printable ASCII, "
                              "no escapes or braces)", j)
        j += 1
    if j >= len(text):
        raise ScreenError(f"unterminated {what}", i)
    return j + 1


def _describe(c: str) -> str:
    if c == "\t":
        return "a tab"
    if c in '"`\\#«»':
        return f"`{c}` (strings, names, quotations and commands are outside the proof language)"
    return f"the character U+{ord(c):04X} ({unicodedata.name(c, 'unnamed')}, {unicodedata.category(c)})"


# ------------------------------------------------------------------------- screening


def skeleton(name: str) -> str:
    """`name` with compatibility forms and Greek/Cyrillic look-alikes folded to Latin."""
    return unicodedata.normalize("NFKC", name).translate(_CONFUSABLES)


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _check_name(token: Token, allow_sorry: bool) -> str | None:
    shown = f"`{token.text}`"
    roots = [skeleton(p) for p in token.parts]
    while roots and roots[0] == "_root_":
        roots = roots[1:]
    if roots:
        if roots[0] in BANNED_ROOTS:
            return f"{shown} is not allowed: {BANNED_ROOTS[roots[0]]}"
        if roots[:2] == ["Std", "Internal"]:
            return f"{shown} is not allowed: `Std.Internal` holds IO and runtime internals"
    for comp in token.parts:
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


def validate(text: str, *, allow_sorry: bool = False, statement: bool = False) -> str | None:
    """Why normalized `text` is refused, or None when it lies in the accepted language."""
    if not text.strip():
        return "the proof is empty"
    if len(text) > MAX_CHARS:
        return f"the proof is {len(text)} characters long; the limit is {MAX_CHARS}"
    if text.count("\n") + 1 > MAX_LINES:
        return f"the proof has {text.count(chr(10)) + 1} lines; the limit is {MAX_LINES}"
    for bad, why in (("-/", "a comment closer outside a comment"), ("@[", "attributes (`@[...]`)")):
        k = text.find(bad)
        if k >= 0:
            return f"{_where(text, k)}: {why} is not allowed"
    try:
        tokens = tokenize(text, statement=statement)
    except ScreenError as exc:
        return f"{_where(text, exc.offset)}: {exc.reason}"
    named = _first_name_problem(tokens, allow_sorry)
    brackets = bracket_problem(text, MAX_DEPTH)
    # Whichever comes first in the text; an unclosed bracket is only known at the end.
    if brackets is not None and (named is None or (brackets.kind != "unclosed" and brackets.offset < named[0])):
        return brackets.describe(lambda k: _where(text, k), MAX_DEPTH)
    if named is not None:
        return f"{_where(text, named[0])}: {named[1]}"
    return None


def _first_name_problem(tokens: list[Token], allow_sorry: bool) -> tuple[int, str] | None:
    """(offset, why) of the first identifier refused, with its neighbours (`let rec`,
    `name%`), or None."""
    for idx, tok in enumerate(tokens):
        if tok.kind != "ident":
            continue
        nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
        problem = _check_name(tok, allow_sorry)
        if problem is None and tok.parts == ("let",) and nxt is not None and nxt.parts == ("rec",):
            problem = "`let rec` is not allowed: it adds auxiliary declarations"
        if problem is None and nxt is not None and nxt.text == "%" and nxt.start == tok.end \
                and tok.text not in SAFE_PERCENT:
            after = tokens[idx + 2] if idx + 2 < len(tokens) else None
            if after is None or after.start > nxt.end:  # `name% x`, not `n%2`
                problem = f"the `{tok.text}%` elaborator is not allowed"
        if problem:
            return tok.start, problem
    return None


def prepare(text: str, *, allow_sorry: bool = False, statement: bool = False) -> tuple[str, str | None]:
    """(the normalized text Lean is to check, why it is refused or None)."""
    try:
        normalized = normalize(text)
    except ScreenError as exc:
        return text, f"{_where(text, exc.offset)}: {exc.reason}"
    if text.strip() and not normalized.strip():
        return normalized, "the proof has no code (only comments)"
    return normalized, validate(normalized, allow_sorry=allow_sorry, statement=statement)


def screen(text: str, *, allow_sorry: bool = False, statement: bool = False) -> str | None:
    """Why untrusted `text` is refused, or None if its normalized form may be checked.
    `allow_sorry` admits `sorry` (trusted sketch mode) and nothing else."""
    return prepare(text, allow_sorry=allow_sorry, statement=statement)[1]
