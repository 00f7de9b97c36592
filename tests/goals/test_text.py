"""The lexical layer (etp/text.py): comments read as Lean reads them, and the one bracket
scanner every part uses (goals, plans, the library index, the screen). Pure Python."""

from __future__ import annotations

import random

import pytest

from etp.goals import parse_signature
from etp.lean.screen import BRACKETS, tokenize
from etp.library import parse_module
from etp.text import (
    CLOSERS,
    BracketError,
    LexError,
    blank_comments,
    bracket_problem,
    brackets,
    matching,
    normalize,
    split_top_level,
    top_level_find,
)


def test_blank_comments_reads_nesting_and_runs_an_open_comment_to_the_end():
    src = "a /- x /- y -/ z -/ b\n-- c\nd"
    assert blank_comments(src) == normalize(src) == "a " + " " * len("/- x /- y -/ z -/") + " b\n\nd"
    with pytest.raises(LexError):
        normalize("a\n/- open /- -/\nb")
    assert blank_comments("a\n/- open /- -/\nb\n") == "a\n\n\n"  # lines kept, all comment


def test_library_declarations_inside_nested_comments_are_not_code():
    source = "module\n/- /- -/\ndef hidden : Nat := 0\n-/\ndef shown : Nat := 1\n"
    _, decls = parse_module(source, "M")
    assert [d.name for d in decls] == ["shown"]


def test_matching_skips_literals_and_primed_names():
    text = '(f "(" \')\' h\' (x)) rest'
    assert matching(text, 0) == text.index(" rest")
    assert matching("⟦a⟧", 0) == 3 and matching("‹h›", 0) == 3
    with pytest.raises(BracketError, match="does not match"):
        matching("(a]", 0)
    with pytest.raises(BracketError, match="never closed"):
        matching("((a)", 0)


def test_top_level_find_and_split():
    assert top_level_find("(a : b) : c", ":") == 8
    assert top_level_find('"a : b" = s : T', ":") == 12  # not inside the string
    assert top_level_find("x := (y := 1)", ":=", 3) == -1
    assert split_top_level("a ∨ (b ∨ c) ∨ d", "∨") == ["a ", " (b ∨ c) ", " d"]
    # a string with a bracket no longer hides the type of a statement
    sig = parse_signature('theorem t (s : String) (h : s = "(") : s.length = 1')
    assert sig.binders == ("(s : String)", '(h : s = "(")') and sig.type == "s.length = 1"


def test_bracket_problems_name_the_first_offender():
    assert bracket_problem("(a [b] {c})") is None
    assert bracket_problem("a)").kind == "unopened"
    problem = bracket_problem("(a ⟨b)")
    assert (problem.kind, problem.offset, problem.opener) == ("mismatch", 5, 3)
    assert bracket_problem("((a)").kind == "unclosed"
    assert bracket_problem("((()))", max_depth=2).kind == "too_deep"


def test_the_scanner_sees_the_brackets_the_screens_tokenizer_sees():
    """On every text the screen's tokenizer accepts (statement mode: strings and chars too),
    the scanner finds exactly the screen's bracket tokens: one reading for both."""
    pieces = ["(", ")", "[", "]", "⟨", "⟩", "‹", "›", '"(("', '"', "'('", "')'", "'", "h'", "x", "2", " ", "\n", "a.1"]
    rng = random.Random(7)
    accepted = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        try:
            tokens = tokenize(text, statement=True)
        except LexError:
            continue
        accepted += 1
        expected = [(t.start, t.text) for t in tokens if t.kind == "symbol" and (t.text in BRACKETS or t.text in CLOSERS)]
        assert list(brackets(text)) == expected, text
    assert accepted > 2000
