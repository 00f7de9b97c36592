"""Only the proof body of an output is used, after the original statement: fenced, unfenced,
truncated and empty outputs, restatements that change the theorem, commands around the proof."""

from __future__ import annotations

from etp.provers.model.extraction import extract

STATEMENT = "theorem add_comm' (a b : Nat) : a + b = b + a"


def chat(output: str):
    return extract(output, STATEMENT, completion=False)


def test_the_last_fenced_block_gives_the_body_after_the_theorems_assign():
    out = ("Plan: commutativity.\n```lean4\ntheorem add_comm' (a b : Nat) : a + b = b + a := by\n  simp\n```\n"
           "Better:\n```lean4\nimport Foo\n\nopen Nat\n\ntheorem add_comm' (a b : Nat) : a + b = b + a := by\n"
           "  omega\n```\nDone.")
    found = chat(out)
    assert (found.proof, found.how) == ("by\n  omega", "fenced")


def test_a_changed_restatement_is_not_trusted():
    # the model "proves" an easier theorem: only its body comes back, for the original statement
    found = chat("```lean4\ntheorem add_comm' (a b : Nat) : True := by\n  trivial\n```")
    assert found.proof == "by\n  trivial"


def test_the_goals_declaration_is_preferred_to_helper_lemmas():
    out = ("```lean4\nlemma helper (n : Nat) : n = n := by\n  rfl\n\n"
           "theorem add_comm' (a b : Nat) : a + b = b + a := by\n  exact Nat.add_comm a b\n```")
    assert chat(out).proof == "by\n  exact Nat.add_comm a b"
    # the goal's name not restated: the last theorem
    out = "```lean4\ntheorem renamed (a b : Nat) : a + b = b + a := Nat.add_comm a b\n```"
    assert chat(out).proof == "Nat.add_comm a b"


def test_commands_before_the_theorem_are_dropped_and_after_it_kept_for_the_screen():
    out = "```lean4\n#eval IO.println \"hi\"\ntheorem add_comm' (a b : Nat) : a + b = b + a := by\n  omega\n```"
    assert chat(out).proof == "by\n  omega"
    out = "```lean4\ntheorem add_comm' (a b : Nat) : a + b = b + a := by\n  omega\n#eval 1\n```"
    assert chat(out).proof == "by\n  omega\n#eval 1"  # the screen refuses it


def test_a_truncated_output_uses_its_unclosed_block():
    found = chat("Let me think.\n```lean4\ntheorem add_comm' (a b : Nat) : a + b = b + a := by\n  omega\n  -- and")
    assert (found.proof, found.how) == ("by\n  omega", "truncated")  # comments blanked, as the verifier reads it


def test_unfenced_code_and_a_bare_by_block():
    found = chat("theorem add_comm' (a b : Nat) : a + b = b + a := by omega")
    assert (found.proof, found.how) == ("by omega", "unfenced")
    found = chat("```lean4\nby\n  omega\n```")
    assert (found.proof, found.how) == ("by\n  omega", "fenced")


def test_no_proof_found_is_an_empty_body_with_a_reason():
    for output in ("", "   \n", "I cannot prove this.", "```lean4\n-- nothing\n```",
                   "```lean4\ntheorem add_comm' (a b : Nat) : a + b = b + a :=\n```", "```python\nprint(1)\n```"):
        found = chat(output)
        assert found.proof == "" and found.how == "none" and found.note and not found.found, output


def test_comments_and_literals_do_not_fool_the_search():
    out = ("```lean4\n/- theorem fake : False := sorry -/\n-- theorem fake2 : False := sorry\n"
           "theorem add_comm' (a b : Nat) : a + b = b + a := by\n  simp [show \"a := b\".length = 6 from rfl]\n"
           "  omega\n```")
    assert chat(out).proof == "by\n  simp [show \"a := b\".length = 6 from rfl]\n  omega"


def test_a_statement_with_assigns_in_its_type_ends_at_its_own_assign():
    statement = "theorem lets : let x := 1; let y := 2; x + y = 3"
    out = "```lean4\ntheorem lets : let x := 1; let y := 2; x + y = 3 := by\n  decide\n```"
    assert extract(out, statement, completion=False).proof == "by\n  decide"
    binder = "theorem named (f : Nat → Nat := id) : f 0 = 0"
    out = "```lean4\ntheorem named (f : Nat → Nat := id) : f 0 = 0 := by\n  rfl\n```"
    assert extract(out, binder, completion=False).proof == "by\n  rfl"  # inside brackets: not top level


def test_completion_outputs_continue_after_by_and_are_cut_at_the_fence():
    found = extract("  intro h\n  exact h\n```\n\nMore text ```", STATEMENT, completion=True)
    assert (found.proof, found.how) == ("by\n  intro h\n  exact h", "continuation")
    found = extract("  omega\n  simp", STATEMENT, completion=True)
    assert (found.proof, found.how) == ("by\n  omega\n  simp", "truncated")
    for empty in ("", "\n```", "   ```lean4"):
        assert not extract(empty, STATEMENT, completion=True).found
