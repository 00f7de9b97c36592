"""Moves read off a goal state (`etp.provers.witnesses`) and their place in the prefix tree;
no Lean (the genetic search's Lean test is in test_genetic.py)."""

from __future__ import annotations

from etp.library.source import parse_module
from etp.provers.prefixes import PrefixTree
from etp.provers.vocabulary import Feedback, Vocabulary
from etp.provers.witnesses import StateMoves, exists_binders

LIBRARY = """
namespace Shop
abbrev Plan (n : Nat) := Fin n → Fin n
def Market (n : Nat) : Type := Fin n → Bool
def market2 (a b : Bool) : Market 2 := fun i => if i = 0 then a else b
def bestPlan {n : Nat} (M : Market n) : Plan n := fun i => i
def fixedPlan : Plan 2 := fun i => i
def Good {n : Nat} (M : Market n) (p : Plan n) : Prop := True
def price (x : Rat) : Rat := x
end Shop
"""
DECLS = parse_module(LIBRARY, "Lib.Shop")[1]
PLAN = "theorem t : ∀ a b : Bool, ∃ p : Plan 2, Good (market2 a b) p"


def test_statement_exists_binders_keep_their_types():
    assert exists_binders(PLAN) == {"p": "Plan 2"}
    assert exists_binders("theorem u (v : Rat) : ∃ (b : Fin n → Rat) (x : Rat), x < v ∧ b = b") == {
        "b": "Fin n → Rat", "x": "Rat"}
    assert exists_binders("theorem w : ∃ x, x = 1") == {}


def test_a_witness_is_a_library_function_applied_to_the_targets_own_terms():
    steps, closers = StateMoves(PLAN, DECLS).moves("a b : Bool\n⊢ ∃ p, Good (market2 a b) p")
    # Lean prints no type for `p`: it comes from the statement; functions of other result types are not tried
    assert steps == ["refine ⟨bestPlan (market2 a b), ?_⟩", "refine ⟨fixedPlan, ?_⟩"]
    # the variables are Bool: reverting them lets `decide` try every case
    assert closers == ["revert a b; decide"]
    # no existential target: no witness, the case split stays
    assert StateMoves(PLAN, DECLS).moves("a b : Bool\n⊢ Good (market2 a b) (bestPlan (market2 a b))") == (
        [], ["revert a b; decide"])


def test_number_and_function_witnesses_never_use_the_bound_variables():
    statement = "theorem u (i : Fin n) (v w : Rat) : ∃ (b : Fin n → Rat) (x : Rat), price x < v ∧ b i = x"
    steps, closers = StateMoves(statement, DECLS).moves(
        "n : Nat\ni : Fin n\nv w : Rat\n⊢ ∃ b x, price x < v ∧ b i = x")
    assert steps[:4] == ["refine ⟨fun _ => v, ?_⟩", "refine ⟨fun _ => w, ?_⟩", "refine ⟨fun _ => 0, ?_⟩",
                         "refine ⟨fun _ => 1, ?_⟩"]
    assert "refine ⟨fun _ => (v + w) / 2, ?_⟩" in steps
    assert not any("b" in s.split("⟨")[1] or "price" in s for s in steps)  # no term of `b`; `price` returns a number
    assert closers == []  # `n : Nat` is not finite
    assert StateMoves(statement, DECLS).moves("not a goal") == ([], [])


def test_the_prefix_tree_tries_a_states_own_moves_first():
    vocab = Vocabulary()
    for line in ("intros", "omega"):
        vocab.add(line)
    vocab.add_closer("omega")
    tree = PrefixTree(vocab, 4, StateMoves(PLAN, DECLS).moves)
    intros = [(vocab.add("intros"), 0)]
    tree.credit(Feedback(False, 1.0, 1, 30, 1, "a b : Bool\n⊢ ∃ p, Good (market2 a b) p"), intros)
    seen: set = set()
    unseen = lambda scripts: [s for s in scripts if str(s) not in seen and not seen.add(str(s))]  # noqa: E731
    stepped = [vocab.render(g) for g in tree.steps(4, unseen) if len(g) == 2 and g[:1] == intros]
    assert stepped[0] == "by\n  intros\n  refine ⟨bestPlan (market2 a b), ?_⟩"
    closing = [vocab.render(g) for g in tree.closings(1, unseen)]
    assert closing == ["by\n  intros\n  all_goals (first | (revert a b; decide; done) | (omega; done))"]


def test_a_universal_target_is_introduced_with_its_own_names():
    moves = StateMoves(PLAN, DECLS)
    assert moves.moves("⊢ ∀ (a b : Bool), ∃ p, Good (market2 a b) p") == (["intro a b"], [])
    assert moves.moves("⊢ ∀ x ∈ [1], x = 1") == ([], [])
    # names `intros` left inaccessible are never used: a witness built of them would not parse
    steps, closers = moves.moves("a✝ b✝ : Bool\n⊢ ∃ p, Good (market2 a✝ b✝) p")
    assert steps == ["refine ⟨fixedPlan, ?_⟩"] and closers == []


def test_an_untyped_binder_takes_the_type_of_the_parameter_it_is_passed_as():
    moves = StateMoves("theorem t2 (a b : Bool) : ∃ p, Good (market2 a b) p", DECLS)
    assert moves.parameter_type("p", "Good (market2 a b) p") == "Plan n"
    assert moves.moves("a b : Bool\n⊢ ∃ p, Good (market2 a b) p")[0] == [
        "refine ⟨bestPlan (market2 a b), ?_⟩", "refine ⟨fixedPlan, ?_⟩"]
