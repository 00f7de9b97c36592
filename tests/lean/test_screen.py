"""Screening of untrusted candidates: each rule refuses a hostile example and lets its
benign look-alike through (pure Python, no Lean)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from etp.lean.screen import MAX_CHARS, MAX_DEPTH, MAX_LINES, normalize, prepare, screen, skeleton, tokenize
from etp.text import top_level_find

LIBRARY = Path(__file__).resolve().parents[2] / "lean"

# (hostile candidate, a fragment of the reason, benign look-alike)
OUTSIDE = "outside the proof language"

RULES = [
    # sorry and its relatives
    ("by sorry", "sorry", "by exact sorry_lemma_name"),
    ("by\n  -- no sorry here\n  trivial", None, None),
    ("by exact Foo.sorry", "sorry", "by exact Foo.sorryless"),
    ("by admit", "admit", "by exact admitted_fact"),
    ("by stop\n  trivial", "stop", "by exact stopper"),
    ("sorryAx False false", "sorryAx", "by exact (sorry_ax_free : True)"),
    ("by sor/- -/ry", None, None),  # the comment is blanked: Lean sees `sor ry`, two names
    # native evaluation
    ("by native_decide", "native_decide", "by decide -- not native_decide"),
    ("by decide +native", "native", "by decide +kernel"),
    ("by decide (config := { native := true })", "native", "by decide (config := { kernel := true })"),
    ("by bv_decide", "bv_decide", "by bv_omega"),
    ("Lean.ofReduceBool _ _ rfl", "Lean", "of_reduce_bool_free"),
    ("ofReduceBool _ _ rfl", "ofReduceBool", "ofReduceBoolean"),
    ("_root_.Lean.ofReduceNat _ _ rfl", "Lean", "_root_.Nat.le_refl 1"),
    ("trustCompiler", "trustCompiler", "trustCompilerless"),
    # metaprogramming, commands, code execution
    ("by run_tac pure ()", "run_tac", "by exact run_tactic_lemma"),
    ("by exact (unsafeIO (pure ())).toOption.get!", "unsafe", "by exact safe_io_lemma"),
    ("unsafeCast ()", "unsafe", "cast rfl ()"),
    ("by exact (IO.FS.writeFile x y)", "IO", "by exact (IOTA.fs_lemma)"),
    ("by exact (EIO.toIO id (pure ()))", "EIO", "by exact eio_lemma"),
    ("by exact (System.FilePath.mk x)", "System", "by exact SystemOfEquations.solve"),
    ("by exact (Std.Internal.IO.Async.sleep 1)", "Std.Internal", "by exact Std.Range.forIn"),
    ("by exact Foo.IO.bar", "IO", "by exact Foo.IOU.bar"),
    ("trivial\n#eval IO.println 1", OUTSIDE, None),
    ("trivial\n#exit", OUTSIDE, None),
    ("trivial\ntheorem x : False := sorry", "theorem", "trivial"),
    ("trivial\naxiom cheat : False", "axiom", "by exact axiom_free_lemma"),
    ("by\n  set_option maxHeartbeats 0 in\n  simp", "set_option", "by simp [option_lemma]"),
    ("by\n  set_option debug.skipKernelTC true in\n  trivial", "set_option", "by trivial"),
    ("by\n  open Lean in\n  trivial", "open", "by exact opening_lemma"),
    ("@[implemented_by foo] def x := 1", "attributes", "@id Nat 1"),
    ("by\n  attribute [local simp] foo in\n  simp", "attribute", "by simp only [foo]"),
    ("trivial\nmacro x : tactic => trivial", "macro", "by exact macro_economics"),
    ("trivial\ninstance : Inhabited False := ⟨sorry⟩", "instance", "inferInstance"),
    ("let rec f : Nat → False := fun n => f n\nf 0", "let rec", "let f := 1\nrfl"),
    ("by exact aux where aux := trivial", "where", "by exact aux_where_lemma"),
    ("by\n  decreasing_by simp", "decreasing_by", "by exact decreasing_lemma"),
    ("by sleep 100000000", "sleep", "by exact sleepy_lemma"),
    ("by have := include_str x\n  trivial", "include_str", "by exact include_lemma"),
    ("by exact (eval% 2 ^ 10)", "eval%", "by exact (n%2 + type_of% h)"),
    ("by exact ETP_secret", "reserved", "by exact etplike"),
    ("by exact etp_0123_4", "reserved", "by exact myetp_4"),
    ("by\n  noncomputable section", "noncomputable", "by exact computable_lemma"),
    # literals, quotations and comment tricks: outside the language
    ("«sorry»", OUTSIDE, None),
    ('by exact "a"', OUTSIDE, None),
    ("by exact 'a'", "character literal", "by exact h'"),
    ("`(tactic| trivial)", OUTSIDE, None),
    ("by exact r#x", OUTSIDE, None),
    ("by exact sor\\u0072y", OUTSIDE, None),
    ("by exact 2'", "number directly followed", "by exact x₂'"),
    ("by exact 2x", "number directly followed", "by exact 2 * x"),
    ("by trivial -/", "comment closer", "by trivial /- -/"),
    # brackets and comments
    ("by trivial)\nexample : True := (trivial", "never opened", "(by trivial)"),
    ("trivial)", "never opened", "(trivial)"),
    ("(trivial", "never closed", "⟨trivial, trivial⟩"),
    ("⟨trivial, trivial)", "does not match", "⦃x⦄"),
    ("{ trivial ]", "does not match", "[1, 2]"),
    ("by trivial /- unterminated", "unterminated comment", "by trivial /- /- nested -/ -/"),
    ("by trivial /- /- nested -/", "unterminated comment", "by trivial -- ) /- not a comment start"),
    # characters
    ("by triv\u200bial", "U+200B", "by trivial"),
    ("by\u00a0trivial", "U+00A0", "by trivial"),
    ("by\x00trivial", "U+0000", "by\n  trivial"),
    ("by\ttrivial", "tab", "by trivial"),
    ("by trivial\rsorry", "U+000D", "by\r\n  trivial"),
    ("by exact x\u0301", "U+0301", "by exact x₁"),
    ("by exact é", "U+00E9", "by exact α"),
    ("by exact xⱼ", None, None),
    ("by exact 𝓼𝓸𝓻𝓻𝔂", "U+1D4FC", None),
    # homoglyphs of banned words: a different name for Lean, refused with a clear reason
    ("by sοrry", "sorry", "by exact sοrt"),  # Greek omicron
    ("by nαtive_decide", "native_decide", "by exact nαtural"),
    ("by exact ΙΟ.FS.writeFile", "IO", "by exact Ιota.FS"),  # Greek Iota, Omicron
    ("by exact thεorem", "keyword", "by exact thεory"),
]


@pytest.mark.parametrize("hostile,reason,benign", RULES, ids=[r[0][:40] for r in RULES])
def test_rule(hostile: str, reason: str | None, benign: str | None) -> None:
    verdict = screen(hostile)
    if reason is None:
        assert verdict is None, verdict
    else:
        assert verdict is not None, f"not refused: {hostile!r}"
        assert reason in verdict, verdict
    if benign is not None:
        assert screen(benign) is None, f"{benign!r}: {screen(benign)}"


def test_allow_sorry_admits_sorry_only() -> None:
    sketch = "by\n  have h : 1 = 1 := by sorry\n  exact sorry"
    assert screen(sketch) is not None
    assert screen(sketch, allow_sorry=True) is None
    assert screen("by admit", allow_sorry=True) is not None
    assert screen("by native_decide", allow_sorry=True) is not None
    assert screen("sorryAx _ false", allow_sorry=True) is not None


def test_normalize_blanks_comments_and_keeps_positions() -> None:
    text = "by\n  simp -- done?\n  /- a\n  b -/ exact h\n"
    out = normalize(text)
    assert out == "by\n  simp\n\n       exact h\n"
    assert out.split("\n")[3].index("exact") == text.split("\n")[3].index("exact")
    assert normalize(out) == out
    # Lean consumes the character after `/-` before counting nesting: one level here
    assert normalize("/-/- -/ x") == "        x"
    assert normalize("a /- /- -/ -/ b") == "a             b"
    assert normalize("a\r\nb") == "a\nb"


def test_prepare_hands_lean_the_normalized_text() -> None:
    text, reason = prepare("by\n  trivial -- native_decide, sorry, #eval")
    assert reason is None and text == "by\n  trivial"
    assert prepare("-- nothing")[1] == "the proof has no code (only comments)"


def test_statements_may_hold_plain_string_and_char_literals() -> None:
    assert screen('(s : String) : s = "a  b" ∨ \'x\' = \'y\'', statement=True) is None
    assert screen('"a b".length = 3') is not None  # candidates: never
    for bad in ('"a\\nb" = x', '"{x}" = y', '"unterminated', '"é" = x', "'\\n' = x", '"a -- b"'):
        assert screen(bad + " = 1", statement=True) is not None, bad


def test_limits() -> None:
    assert "limit" in screen("a" * (MAX_CHARS + 1))
    assert "lines" in screen("trivial\n" * MAX_LINES + "trivial")
    deep = "(" * (MAX_DEPTH + 1) + "trivial" + ")" * (MAX_DEPTH + 1)
    assert "nested" in screen(deep)
    shallow = "(" * 20 + "trivial" + ")" * 20
    assert screen(shallow) is None
    assert screen("") == "the proof is empty"


def test_reason_gives_position() -> None:
    assert screen("by\n  simp\n  native_decide").startswith("line 3, column 3:")


def test_tokenizer_reads_names_and_numbers_like_lean() -> None:
    toks = tokenize("h.1 x.a.b h' x₁ 0x1F 1.5e-3 f ⟨a, b⟩")
    kinds = [(t.kind, t.text) for t in toks]
    assert ("ident", "h") in kinds and ("number", "1") in kinds
    assert ("ident", "x.a.b") in kinds and ("ident", "h'") in kinds and ("ident", "x₁") in kinds
    assert ("number", "0x1F") in kinds and ("number", "1.5e-3") in kinds
    assert next(t for t in toks if t.text == "x.a.b").parts == ("x", "a", "b")


def test_simp_argument_markers_that_simp_prints_are_accepted() -> None:
    # `simp?` suggests `↓reduceIte` (a pre-simproc) and `← h`; models copy such scripts.
    assert screen("by simp only [h, ↓reduceIte, ← Nat.add_comm] at hc ⊢") is None


def test_skeleton_folds_lookalikes() -> None:
    assert skeleton("sοrry") == "sorry"
    assert skeleton("ＩＯ") == "IO"
    assert skeleton("𝓼𝓸𝓻𝓻𝔂") == "sorry"


def _proof_start(body: str) -> int | None:
    """Offset just after the declaration's own `:=` (the first one outside brackets)."""
    assign = top_level_find(body, ":=")
    return None if assign < 0 else assign + 2


def _library_proofs() -> list[tuple[str, str]]:
    proofs = []
    for path in sorted(LIBRARY.rglob("*.lean")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"^(?:theorem|lemma) (\S+)", text, re.M):
            rest = text[match.end():]
            decl_end = re.search(r"\n(?=\S)", rest)
            body = rest[: decl_end.start()] if decl_end else rest
            start = _proof_start(body)
            if start is not None:
                proofs.append((f"{path.name}:{match.group(1)}", body[start:].strip("\n")))
    return proofs


def test_every_library_proof_passes_screening() -> None:
    proofs = _library_proofs()
    assert len(proofs) > 50
    refused = {name: screen(proof) for name, proof in proofs if screen(proof)}
    assert not refused
