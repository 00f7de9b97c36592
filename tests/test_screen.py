"""Screening of untrusted candidates: each rule refuses a hostile example and lets its
benign look-alike through (pure Python, no Lean)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from etp.lean.screen import MAX_CHARS, MAX_DEPTH, MAX_LINES, screen, skeleton, tokenize

LIBRARY = Path(__file__).resolve().parents[1] / "lean"

# (hostile candidate, a fragment of the reason, benign look-alike)
RULES = [
    # sorry and its relatives
    ("by sorry", "sorry", "by exact sorry_lemma_name"),
    ("by\n  -- no sorry here\n  trivial", None, None),
    ("«sorry»", "sorry", "«sorry_free»"),
    ("by exact Foo.sorry", "sorry", "by exact Foo.sorryless"),
    ("by exact Foo.«sorry»", "sorry", "by exact Foo.«sorry'»"),
    ("by admit", "admit", "by exact admitted_fact"),
    ("by stop\n  trivial", "stop", "by exact stopper"),
    ("sorryAx False false", "sorryAx", "by exact (sorry_ax_free : True)"),
    ("by exact (sorryAx _ true)", "sorryAx", 'by exact (show String from "sorryAx")'),
    # native evaluation
    ("by native_decide", "native_decide", 'by decide -- not native_decide'),
    ("by decide +native", "native", "by decide +kernel"),
    ("by decide (config := { native := true })", "native", "by decide (config := { kernel := true })"),
    ("by bv_decide", "bv_decide", "by bv_omega"),
    ("Lean.ofReduceBool _ _ rfl", "Lean", "of_reduce_bool_free"),
    ("ofReduceBool _ _ rfl", "ofReduceBool", "ofReduceBoolean"),
    ("_root_.Lean.ofReduceNat _ _ rfl", "Lean", "_root_.Nat.le_refl 1"),
    ("by exact Lean.trustCompiler", "Lean", "by exact trust_compiler_lemma"),
    ("trustCompiler", "trustCompiler", "trustCompilerless"),
    # metaprogramming, commands, code execution
    ("by run_tac pure ()", "run_tac", "by exact run_tactic_lemma"),
    ("by_elab pure (Lean.mkConst `True.intro)", "by_elab", "by exact by_elab_lemma"),
    ("by exact (unsafeIO (pure ())).toOption.get!", "unsafe", "by exact safe_io_lemma"),
    ("unsafeCast ()", "unsafe", "cast rfl ()"),
    ("by exact (unsafeBaseIO (pure True.intro))", "unsafe", "by exact base_io_lemma"),
    ("by exact (IO.FS.writeFile \"/tmp/x\" \"\")", "IO", "by exact (IOTA.fs_lemma)"),
    ("by exact (EIO.toIO id (pure ()))", "EIO", "by exact eio_lemma"),
    ("by exact (System.FilePath.mk \"x\")", "System", "by exact SystemOfEquations.solve"),
    ("by exact (Std.Internal.IO.Async.sleep 1)", "Std.Internal", "by exact Std.Range.forIn"),
    ("by exact Foo.IO.bar", "IO", "by exact Foo.IOU.bar"),
    ("by exact «System.FilePath».mk", "System", "by exact «Systematic.x».mk"),
    ("trivial\n#eval IO.println 1", "#", "#[1, 2].size"),
    ("trivial\n#exit", "#", "#v[1, 2].size"),
    ("by\n  #print axioms foo", "#", "by exact (#[] : Array Nat).size_empty"),
    ("trivial\ntheorem x : False := sorry", "theorem", "trivial"),
    ("trivial\ntheorem x : False := trivial", "theorem", "by exact theorem_one"),
    ("trivial\naxiom cheat : False", "axiom", "by exact axiom_free_lemma"),
    ("by\n  set_option maxHeartbeats 0 in\n  simp", "set_option", "by simp [option_lemma]"),
    ("by\n  set_option debug.skipKernelTC true in\n  trivial", "set_option", "by trivial"),
    ("by\n  open Lean in\n  trivial", "open", "by exact opening_lemma"),
    ("@[implemented_by foo] def x := 1", "attributes", "@id Nat 1"),
    ("by\n  attribute [local simp] foo in\n  simp", "attribute", "by simp only [foo]"),
    ("trivial\nmacro \"x\" : tactic => `(tactic| trivial)", "macro", "by exact macro_economics"),
    ("trivial\nnotation \"⊤\" => True", "notation", "by exact notation_lemma"),
    ("trivial\ninstance : Inhabited False := ⟨sorry⟩", "instance", "inferInstance"),
    ("let rec f : Nat → False := fun n => f n\nf 0", "let rec", "let f := 1\nrfl"),
    ("by exact aux where aux := trivial", "where", "by exact aux_where_lemma"),
    ("by\n  decreasing_by simp", "decreasing_by", "by exact decreasing_lemma"),
    ("by\n  termination_by? ", "termination_by", "by exact termination_lemma"),
    ("by exact (unsafe (cast lcProof ()))", "unsafe", "by exact lcProof_free"),
    ("by sleep 100000000", "sleep", "by exact sleepy_lemma"),
    ('by have := include_str "/etc/hostname"\n  trivial', "include_str", "by exact include_lemma"),
    ("by exact (eval% 2 ^ 10)", "eval%", "by exact (n%2 + type_of% h)"),
    ("by\n  let n := decl_name%\n  trivial", "decl_name%", "by exact decl_name_lemma"),
    ("`(tactic| trivial)", "syntax quotations", "by exact ``True.intro |>.isAnonymous"),
    ("by exact `Lean.ofReduceBool", "Lean", "by exact `Nat.add"),
    ("by exact ETP_secret", "reserved", "by exact etplike"),
    ("by exact etp_0123_4", "reserved", "by exact myetp_4"),
    ("by\n  noncomputable section", "noncomputable", "by exact computable_lemma"),
    ("by exact (with_decl_name% foo trivial)", "with_decl_name", "by exact (type_of% trivial)"),
    # brackets, comments, strings, quotes
    ("by trivial)\n#eval 1\nexample : True := (trivial", "never opened", "(by trivial)"),
    ("trivial)", "never opened", "(trivial)"),
    ("(trivial", "never closed", "⟨trivial, trivial⟩"),
    ("⟨trivial, trivial)", "does not match", "⦃x⦄"),
    ("{ trivial ]", "does not match", "[1, 2]"),
    ("by trivial /- unterminated", "unterminated comment", "by trivial /- /- nested -/ -/"),
    ("by trivial /- /- nested -/", "unterminated comment", "by trivial -- ) /- not a comment start"),
    ('by exact "unterminated', "unterminated string", 'by exact "native_decide \\" still a string"'),
    ('by exact "a\\qb"', "invalid escape", 'by exact "a\\nb\\x41\\u0041\\u{1F600}"'),
    ("by exact 'a", "unterminated character", "by exact 'a'.isLower"),
    ("by exact «sorry", "unterminated quoted name", "by exact «x y».z"),
    ('by exact s!"{sorry}"', "interpolated", 'by exact s!"plain"'),
    ('by exact r#"raw "# "quote', "unterminated string", 'by exact r#"raw "quoted" sorry"#.length'),
    ("by exact /-- doc -/ trivial", "doc comments", "by exact /- plain -/ trivial"),
    ('by exact {"severity": "information"}', '{"', 'by exact { x := "a" }'),
    # characters
    ("by triv\u200bial", "U+200B", "by trivial"),
    ("by exact trivial -- \u202e evil", "U+202E", "by exact trivial -- fine"),
    ("by\u00a0trivial", "U+00A0", "by trivial"),
    ("by\x00trivial", "U+0000", "by\ttrivial"),
    ("by trivial\rsorry", "carriage return", "by\r\n  trivial"),
    ("by trivial\u2028", "U+2028", "by trivial\n"),
    ("by exact x\u0301", "U+0301", "by exact x₁"),
    ("by exact \ufeffx", "U+FEFF", "by exact ℕ"),
    ("by exact \u3164", "U+3164", "by exact α"),
    # homoglyphs of banned words: a different name for Lean, refused with a clear reason
    ("by sοrry", "sorry", "by exact sοrt"),  # Greek omicron
    ("by nαtive_decide", "native_decide", "by exact nαtural"),
    ("by exact 𝓼𝓸𝓻𝓻𝔂", "sorry", "by exact 𝓼𝓸𝓻𝓽"),  # math bold script
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


def test_comments_and_strings_mentioning_banned_words_are_fine() -> None:
    text = 'by\n  -- sorry, native_decide, #eval, theorem\n  /- IO.FS.writeFile "x" -/\n  exact (show String from "sorry #eval") ▸ trivial'
    assert screen(text) is None


def test_escape_inside_identifier_is_not_sorry_for_lean() -> None:
    # Lean has no identifier escapes: `sor\u0072y` is `sor`, `\`, `u0072y`, never `sorry`.
    assert screen("by exact sor\\u0072y") is None
    # The same escape resolved (as a decoder would hand it over) is sorry and refused.
    assert screen("by exact sor\u0072y") is not None


def test_limits() -> None:
    assert "limit" in screen("a" * (MAX_CHARS + 1))
    assert "lines" in screen("trivial\n" * MAX_LINES + "trivial")
    deep = "(" * (MAX_DEPTH + 1) + "trivial" + ")" * (MAX_DEPTH + 1)
    assert "nested" in screen(deep)
    shallow = "(" * 20 + "trivial" + ")" * 20
    assert screen(shallow) is None
    assert screen("") == "the proof is empty"
    assert "only comments" in screen("-- nothing")


def test_reason_gives_position() -> None:
    assert screen("by\n  simp\n  native_decide").startswith("line 3, column 3:")


def test_tokenizer_reads_names_like_lean() -> None:
    toks = tokenize("h.1 x.«a.b».c `n ``m 0x1F 1.5e-3 'a' \"s\" r#\"r\"# f ''")
    kinds = [(t.kind, t.text) for t in toks]
    assert ("ident", "h") in kinds and ("number", "1") in kinds
    assert ("ident", "x.«a.b».c") in kinds
    ident = next(t for t in toks if t.text == "x.«a.b».c")
    assert ident.parts == ("x", "a.b", "c") and ident.quoted
    assert ("name", "`n") in kinds and ("name", "`m") in kinds
    assert ("number", "0x1F") in kinds and ("number", "1.5e-3") in kinds
    assert ("char", "'a'") in kinds and ("string", '"s"') in kinds
    assert ("string", 'r#"r"#') in kinds
    assert ("ident", "f") in kinds and ("symbol", "''") in kinds
    # a number never swallows a name that follows it
    assert [t.text for t in tokenize("2sorry")] == ["2", "sorry"]
    assert [t.text for t in tokenize("0xsorry")] == ["0x", "sorry"]


def test_skeleton_folds_lookalikes() -> None:
    assert skeleton("sοrry") == "sorry"
    assert skeleton("ＩＯ") == "IO"
    assert skeleton("𝓼𝓸𝓻𝓻𝔂") == "sorry"


def _proof_start(body: str) -> int | None:
    """Offset just after the declaration's own `:=` (the first one outside brackets)."""
    depth = 0
    toks = tokenize(body)
    for tok, nxt in zip(toks, toks[1:]):
        if tok.text in "([{⟨⦃":
            depth += 1
        elif tok.text in ")]}⟩⦄":
            depth -= 1
        elif depth == 0 and tok.text == ":" and nxt.text == "=" and nxt.start == tok.end:
            return nxt.end
    return None


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
