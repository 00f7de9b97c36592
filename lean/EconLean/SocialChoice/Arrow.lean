module

public import EconLean.SocialChoice.ArrowLemmas

/-!
# Arrow's impossibility theorem

Arrow (1951), *Social Choice and Individual Values*: with at least three alternatives and
finitely many voters, every social welfare function (strict linear orders in, a strict
linear order out) that satisfies weak Pareto and independence of irrelevant alternatives
is dictatorial. Proof: the first proof of Geanakoplos (2005), "Three brief proofs of
Arrow's impossibility theorem", *Economic Theory* 26 — the extremal lemma, the pivotal
voter, and the pivotal voter is a dictator. The lemmas are in
`EconLean.SocialChoice.ArrowLemmas`.
-/

@[expose] public section

noncomputable section

namespace EconLean.SocialChoice.Arrow

/-- **Extremal lemma** (Geanakoplos 2005, Step 1): for a weakly Pareto, IIA social welfare
function, if every voter ranks alternative `b` either at the very top or at the very
bottom, then the social ranking has `b` at the very top or at the very bottom. -/
theorem arrow_extremal_lemma {n : Nat} {α : Type} {F : Profile n α → α → α → Prop}
    (hF : IsSWF F) (hPar : WeakPareto F) (hI : IIA F) {P : Profile n α} (hP : Admissible P)
    (b : α) (hb : ∀ i, IsTop b (P i) ∨ IsBot b (P i)) : IsTop b (F P) ∨ IsBot b (F P) :=
  extremal hF hPar hI hP b hb

/-- **Existence of a pivotal voter** (Geanakoplos 2005, Step 2): starting from any
admissible profile and moving `b` from the bottom to the top of the voters' rankings one
voter at a time (`pivotProfile P b k`: voters `0, …, k-1` have `b` on top, the others at
the bottom), there is a voter `k` whose move takes `b` from the bottom of the social
ranking to its top. Needs only one alternative besides `b`. -/
theorem arrow_exists_pivotal_voter {n : Nat} {α : Type} {F : Profile n α → α → α → Prop}
    (hF : IsSWF F) (hPar : WeakPareto F) (hI : IIA F) {P : Profile n α} (hP : Admissible P)
    (b : α) (hne : ∃ a, a ≠ b) :
    ∃ k, k < n ∧ IsBot b (F (pivotProfile P b k)) ∧ IsTop b (F (pivotProfile P b (k + 1))) :=
  exists_pivot hF hPar hI hP b hne

/-- **The pivotal voter dictates every pair not involving `b`** (Geanakoplos 2005,
Step 3): for an IIA social welfare function, the pivotal voter `k` for `b` decides the
social ranking of any two alternatives different from `b`. -/
theorem arrow_pivotal_voter_dictates_off {n : Nat} {α : Type}
    {F : Profile n α → α → α → Prop} (hF : IsSWF F) (hI : IIA F) {P₀ : Profile n α}
    (hP₀ : Admissible P₀) {b : α} {k : Nat} (hk : k < n)
    (hbot : IsBot b (F (pivotProfile P₀ b k)))
    (htop : IsTop b (F (pivotProfile P₀ b (k + 1)))) : DictatesOff F ⟨k, hk⟩ b :=
  pivot_dictatesOff hF hI hP₀ hk hbot htop

/-- **The pivotal voter is a dictator** (Geanakoplos 2005, Step 4): with at least three
alternatives, the pivotal voter of a weakly Pareto, IIA social welfare function is a
dictator. -/
theorem arrow_pivotal_voter_is_dictator {n : Nat} {α : Type}
    {F : Profile n α → α → α → Prop} (hF : IsSWF F) (hPar : WeakPareto F) (hI : IIA F)
    (h3 : HasThreeAlternatives α) {P₀ : Profile n α} (hP₀ : Admissible P₀) {b : α} {k : Nat}
    (hk : k < n) (hbot : IsBot b (F (pivotProfile P₀ b k)))
    (htop : IsTop b (F (pivotProfile P₀ b (k + 1)))) : IsDictator F ⟨k, hk⟩ :=
  pivot_isDictator hF hPar hI h3 hP₀ hk hbot htop

/-- **Arrow's impossibility theorem** (Arrow 1951): with at least three alternatives and
finitely many voters `Fin n`, `n ≥ 1`, every social welfare function on strict linear
orders that satisfies weak Pareto and independence of irrelevant alternatives is
dictatorial. -/
theorem arrow_impossibility {n : Nat} {α : Type} (F : Profile n α → α → α → Prop)
    (hn : 0 < n) (h3 : HasThreeAlternatives α) (hF : IsSWF F) (hPar : WeakPareto F)
    (hI : IIA F) : Dictatorial F :=
  dictatorial_of_pareto_iia hn h3 hF hPar hI

/-- **Arrow's theorem, impossibility form**: with at least three alternatives and
`n ≥ 1` voters, no social welfare function satisfies weak Pareto, independence of
irrelevant alternatives and non-dictatorship together. -/
theorem arrow_no_pareto_iia_nondictatorial_swf {n : Nat} {α : Type} (hn : 0 < n)
    (h3 : HasThreeAlternatives α) :
    ¬ ∃ F : Profile n α → α → α → Prop,
      IsSWF F ∧ WeakPareto F ∧ IIA F ∧ ¬ Dictatorial F :=
  fun ⟨_, hF, hPar, hI, hD⟩ => hD (dictatorial_of_pareto_iia hn h3 hF hPar hI)

/-- **Arrow's conditions are consistent**: for any voter `i`, the dictatorship of `i` (the
social ranking is voter `i`'s ranking) is a social welfare function satisfying weak Pareto
and IIA, with `i` as its dictator; so non-dictatorship cannot be dropped from Arrow's
theorem. -/
theorem arrow_dictatorship_is_pareto_iia {n : Nat} {α : Type} (i : Fin n) :
    IsSWF (dictatorshipSWF (α := α) i) ∧ WeakPareto (dictatorshipSWF (α := α) i) ∧
      IIA (dictatorshipSWF (α := α) i) ∧ IsDictator (dictatorshipSWF (α := α) i) i :=
  dictatorshipSWF_pareto_iia i

/-- **The dictator is unique**: with two distinct alternatives (and some admissible
profile), a social welfare function has at most one dictator, so Arrow's dictator is
unique. -/
theorem arrow_dictator_unique {n : Nat} {α : Type} {F : Profile n α → α → α → Prop}
    (hF : IsSWF F) {P₀ : Profile n α} (hP₀ : Admissible P₀) {a b : α} (hab : a ≠ b)
    {i j : Fin n} (hi : IsDictator F i) (hj : IsDictator F j) : i = j :=
  dictator_unique hF hP₀ hab hi hj

end EconLean.SocialChoice.Arrow
