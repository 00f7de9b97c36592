"""The library index (etp/library/): declarations read from Lean sources, and what it
offers a goal (premise selection) (definitions to unfold, lemmas to hand to `grind`). Then, with real Lean:
a goal that core automation cannot close until the library's definition is unfolded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etp.goals import goal_key, shape_features
from etp.lean.build import build_dir
from etp.core import CheckRequest, Header
from etp.lean.verifier import Verifier
from conftest import lean_checking
from etp.library import LibraryIndex, parse_module
from etp.provers import Goal
from etp.provers.automation import AutomationProver

BASE = """module
public import Init
/-! A base module. `def commented : Nat := 0` is in a comment. -/
namespace Shop
def price (q : Nat) : Nat := 2 * q
-- def alsoCommented : Nat := 1
def fact : Nat → Nat
  | 0 => 1
  | n + 1 => (n + 1) * fact n
structure Box where
  size : Nat
end Shop
"""

TOP = """module
public import Lib.Base
@[expose] public section
namespace Shop
namespace Deal
noncomputable section
/-- Doc. -/
def total (q : Nat) : Nat := price q + 1
private def hidden : Nat := 3
instance : Inhabited Box := ⟨⟨0⟩⟩
@[simp] theorem total_pos (q : Nat) : 0 < total q := by
  unfold total; omega
theorem unrelated (n : Nat) : n = n := rfl
theorem box_eta (b : Box) : b = Box.mk b.size := rfl
theorem fact_pos (n : Nat) : 0 < fact n := by
  induction n <;> simp [fact] <;> omega
end
end Deal
def _root_.topLevel (x : Nat) : Nat := x
end Shop
end
"""


@pytest.fixture()
def index(tmp_path: Path) -> LibraryIndex:
    (tmp_path / "Lib").mkdir()
    (tmp_path / "Lib" / "Base.lean").write_text(BASE)
    (tmp_path / "Lib" / "Top.lean").write_text(TOP)
    return LibraryIndex(tmp_path)


def test_declarations_get_full_names_kinds_and_bodies():
    imports, decls = parse_module(TOP, "Lib.Top")
    assert imports == ["Lib.Base"]
    named = {d.name: d for d in decls}
    assert set(named) == {"Shop.Deal.total", "Shop.Deal.hidden", "Shop.Deal.total_pos", "Shop.Deal.unrelated",
                          "Shop.Deal.box_eta", "Shop.Deal.fact_pos", "topLevel"}
    assert named["Shop.Deal.total"].kind == "def" and named["Shop.Deal.total"].body == "price q + 1"
    assert named["Shop.Deal.total_pos"].is_lemma and named["Shop.Deal.total_pos"].signature.endswith("0 < total q")
    _, base = parse_module(BASE, "Lib.Base")
    kinds = {d.name: (d.kind, d.unfoldable) for d in base}
    # comments are not code; a recursive definition is not unfolded (simp would loop)
    assert kinds == {"Shop.price": ("def", True), "Shop.fact": ("def", False), "Shop.Box": ("structure", False)}


def test_relevant_follows_imports_and_definition_bodies(index):
    rel = index.relevant(("Lib.Top",), "theorem t (q : Nat) : total q > price 0")
    assert rel.direct == ["Shop.Deal.total", "Shop.price"]
    assert rel.definitions == ["Shop.Deal.total", "Shop.price"]
    assert rel.lemmas == ["Shop.Deal.total_pos"]  # about `total`; `unrelated` names no goal constant
    # reached through the body of `total` only
    assert index.relevant(("Lib.Top",), "theorem t (q : Nat) : total q = q").definitions == ["Shop.Deal.total", "Shop.price"]
    # a recursive definition is never unfolded, but lemmas about it are offered; one whose
    # conclusion names the goal's constants comes before one that names them in binders only
    rel = index.relevant(("Lib.Top",), "theorem t (b : Box) (n : Nat) : 0 < fact n")
    assert rel.definitions == [] and rel.lemmas == ["Shop.Deal.fact_pos", "Shop.Deal.box_eta"]
    assert index.relevant(("Lib.Top",), "theorem t (b : Box) : b.size = (Box.mk b.size).size").lemmas == ["Shop.Deal.box_eta"]
    assert {"Box", "Shop.Box", "price", "Deal.total"} <= index.non_inductive_types(("Lib.Top",))
    # a bound variable named like a library constant is the variable
    assert index.relevant(("Lib.Top",), "theorem t (price : Nat) : price = price").definitions == []
    # what the header does not import is not offered
    assert index.relevant(("Lib.Base",), "theorem t (q : Nat) : total q = q").definitions == []
    assert index.relevant(("Init",), "theorem t : True").definitions == []


def test_prover_offers_unfolding_only_with_library_definitions(index):
    prover = AutomationProver(library=index)
    header = Header(imports=("Lib.Top",), open=("Shop", "Shop.Deal"))

    def proofs(statement):
        g = Goal(key=goal_key(header, statement), header=header, statement=statement, theorem_id="t",
                 features=shape_features(statement))
        return [c.proof for c in prover.candidates_for(g)]

    with_defs = proofs("theorem t (q : Nat) : total q = 2 * q + 1")
    assert "by\n  intros\n  (try simp only [Shop.Deal.total, Shop.price] at *)\n  grind" in with_defs
    assert "by\n  grind [Shop.Deal.total, Shop.price, Shop.Deal.total_pos]" in with_defs
    assert not any("simp only [" in p or "grind [" in p for p in proofs("theorem t (q : Nat) : q + 0 = q"))


@pytest.mark.slow
def test_unfolding_proves_what_core_automation_cannot(runtime):
    """Cournot's equilibrium price: `grind` alone fails (it cannot see inside
    `cournotQuantity`); the unfolding candidates the index makes possible succeed."""
    entry = next(json.loads(line) for line in Path("pipeline/theorem_sets/econ_core.jsonl").read_text().splitlines()
                 if '"cournot_equilibrium_price"' in line)
    header = Header(imports=tuple(entry["imports"]), open=tuple(entry["open"]))
    g = Goal(key="k", header=header, statement=entry["statement"], theorem_id=entry["id"],
             features=shape_features(entry["statement"]))
    cands = {c.label: c.proof for c in AutomationProver().candidates_for(g)}
    labels = ["grind", "simp_all", "simp_defs_grind", "unfold_grind"]
    verifier = Verifier(runtime, lean_checking(), lean_path=[build_dir(runtime)])  # the built EconLean library
    verdicts = verifier.check([CheckRequest(header=header, statement=entry["statement"], proof=cands[l]) for l in labels])
    status = {l: v.status for l, v in zip(labels, verdicts)}
    assert status["grind"] == "failed" and status["simp_all"] == "failed", verdicts
    assert status["simp_defs_grind"] == "proved" and status["unfold_grind"] == "proved", verdicts


@pytest.mark.slow
def test_instantiation_and_finite_expansion_prove_what_unfolding_cannot(runtime):
    """Uniqueness of a Condorcet winner needs `hx y` and `hy x` (grind has no pattern to
    instantiate them); the Shapley value's symmetry needs the case split over `i j : Fin 3`
    and the hypothesis's eight Bool instances; the Clarke transfer's sign needs `le_finSup`
    at `f := welfareOthers w i`, a term only the unfolded definition shows (grind refuses
    the lemma itself: `f i` is no usable pattern), and with `finSup_le (f := ...) (h := h)`
    a non-pivotal agent's transfer is zero; Walras' law needs `excessDemand` unfolded
    but `value` kept, for `value_sub` and `value_aggregate` to rewrite it and the budget
    hypothesis to finish; `(a - c) / (2 * b) < 2 * ((a - c) / (3 * b))` needs `c * b⁻¹ < a *
    b⁻¹` (a product `grind`'s linear arithmetic cannot form) and the inverses split; a
    marginal vector of a convex game lies in the core once the six orders of the players
    are split (`order3_cases pos hpos`). Unfolding everything then `grind` proves none."""
    entries = {e["id"]: e for e in map(json.loads, Path("pipeline/theorem_sets/econ_core.jsonl").read_text().splitlines())}
    wanted = {"condorcet_winner_unique": "instantiate_grind", "shapley3_symmetric": "finite_expansion_grind",
              "clarke_transfer_nonpos": "lemma_instances_grind", "walras_law": "surface_simp_all_lemmas",
              "cournot_output_gt_monopoly": "division_hints_grind",
              "marginalVector_mem_core_of_convex": "lemma_cases_grind",
              "clarke_transfer_eq_zero_of_not_pivotal": "lemma_instances_grind"}
    requests, labels = [], []
    for tid, label in wanted.items():
        e = entries[tid]
        header = Header(imports=tuple(e["imports"]), open=tuple(e["open"]))
        g = Goal(key=tid, header=header, statement=e["statement"], theorem_id=tid, features=shape_features(e["statement"]))
        cands = {c.label: c.proof for c in AutomationProver().candidates_for(g)}
        for lab in ("simp_defs_grind", label):
            requests.append(CheckRequest(header=header, statement=e["statement"], proof=cands[lab]))
            labels.append((tid, lab))
    verdicts = Verifier(runtime, lean_checking(), lean_path=[build_dir(runtime)]).check(requests)
    status = {k: v.status for k, v in zip(labels, verdicts)}
    # each theorem: unfolding then grind fails, its entry proves it
    assert status == {**{(tid, "simp_defs_grind"): "failed" for tid in wanted},
                      **{(tid, label): "proved" for tid, label in wanted.items()}}, verdicts


def test_lemma_instances_match_the_unfolded_goal_and_skip_bound_names():
    """`clarkeTransfer choice w i` unfolds to `... - finSup k (welfareOthers w i)`: the
    lemmas about `finSup` get `f := welfareOthers w i` (`k`, an implicit parameter of the
    definition, is left to Lean). Under `fun i => ...` the same term names a bound `i`: no
    instance can be stated outside the binder."""
    index = LibraryIndex()
    imports = ("EconLean.Auctions.Defs",)
    head = "{n k : Nat} (choice : Valuations n k → Fin (k + 1)) (w : Valuations n k)"
    one = index.relevant(imports, f"theorem t {head} (i : Fin n) : clarkeTransfer choice w i ≤ 0")
    assert "EconLean.le_finSup (f := (welfareOthers w i))" in one.instances
    assert "EconLean.finSup_attained (f := (welfareOthers w i))" in one.instances
    pivotal = index.relevant(imports, f"theorem t {head} (i : Fin n) (h : ∀ o, welfareOthers w i o ≤ "
                                      "welfareOthers w i (choice w)) : clarkeTransfer choice w i = 0")
    # the lemma's hypothesis given the statement's: Lean infers the bound `c` from it
    assert "EconLean.finSup_le (f := (welfareOthers w i)) (h := h)" in pivotal.instances
    assert pivotal.surface[0] == "EconLean.Auctions.clarkeTransfer"  # before welfareOthers, which it names
    assert not any("n :=" in t or "k :=" in t for t in one.instances)
    every = index.relevant(imports, f"theorem t {head} : finSum n (fun i => clarkeTransfer choice w i) ≤ 0")
    assert not any("welfareOthers w i" in t for t in every.instances)


def test_surface_definitions_and_first_order_lemmas():
    """`value` is what the value lemmas are about: only `excessDemand` is unfolded around
    them. `le_finSup` has a function parameter (`grind [le_finSup]` is refused), the welfare
    identity has none."""
    index = LibraryIndex()
    walras = index.relevant(("EconLean.Equilibrium.Defs",), "theorem t {n m : Nat} (E : Economy n m) (p : Bundle m) "
                            "(x : Fin n → Bundle m) : value p (excessDemand E x) = 0")
    assert walras.surface == ["EconLean.Equilibrium.excessDemand"]
    assert "EconLean.Equilibrium.value_sub" in walras.lemmas
    clarke = index.relevant(("EconLean.Auctions.Defs",), "theorem t {n k : Nat} (choice : Valuations n k → Fin (k + 1)) "
                            "(w : Valuations n k) (i : Fin n) : clarkeTransfer choice w i ≤ 0")
    assert "EconLean.le_finSup" in clarke.lemmas and "EconLean.le_finSup" not in clarke.first_order
    assert "EconLean.Auctions.welfare_eq_add_welfareOthers" in clarke.first_order


def test_lemmas_applied_to_the_statements_variables_by_type():
    """`order3_cases (pos : Fin 3 → Fin 3) (h : ∀ p q, ...)`: `pos` fills the first
    parameter by its type; the injectivity hypothesis, stated as `Function.Injective pos`,
    matches no type as text and is left to `by assumption`; a disjunction of six cases.
    `IsConvex3.pairs {v} (hv : IsConvex3 v)` applies to the hypothesis `hv` (the implicit
    `v` matches any term)."""
    index = LibraryIndex()
    r = index.relevant(("EconLean.Cooperative.Defs",), "theorem t (v : Game3) (hv : IsConvex3 v) "
                       "(pos : Fin 3 → Fin 3) (hpos : Function.Injective pos) : InCore3 v (marginalVector v pos)")
    assert r.cases == [("EconLean.Cooperative.order3_cases pos (by assumption)", 6)]
    assert r.applied == ["EconLean.Cooperative.IsConvex3.pairs hv"]


def test_a_theorem_sets_lemma_hints_come_first_when_visible(index):
    statement = "theorem t (q : Nat) : total q > price 0"
    rel = index.relevant(("Lib.Top",), statement, ("Deal.unrelated", "Shop.Deal.fact_pos"))
    # hinted lemmas lead, by any dotted suffix, even one premise selection would not pick
    assert rel.lemmas[:3] == ["Shop.Deal.unrelated", "Shop.Deal.fact_pos", "Shop.Deal.total_pos"]
    # a hint the header does not make visible, or that names a definition, is not offered
    assert index.relevant(("Lib.Base",), statement, ("Shop.Deal.unrelated",)).lemmas == []
    assert "Shop.Deal.total" not in index.relevant(("Lib.Top",), statement, ("total",)).lemmas
    # the pipeline names such hints in its log
    assert index.unseen_hints(("Lib.Top",), ("Deal.unrelated", "total", "nope", "Deal.nope")) == ["nope", "Deal.nope"]
    assert index.unseen_hints(("Lib.Base",), ("Shop.Deal.unrelated",)) == ["Shop.Deal.unrelated"]
