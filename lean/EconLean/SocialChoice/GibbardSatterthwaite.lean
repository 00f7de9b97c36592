module

public import EconLean.SocialChoice.GibbardSatterthwaiteLemmas

/-!
# The Gibbard–Satterthwaite theorem

Gibbard (1973), "Manipulation of voting schemes: a general result", *Econometrica* 41;
Satterthwaite (1975), "Strategy-proofness and Arrow's conditions", *Journal of Economic
Theory* 10: with at least three alternatives and finitely many voters, every resolute,
strategy-proof social choice function onto the alternatives is dictatorial (voters report
strict linear orders).

The proof reduces to Arrow's theorem (`EconLean.SocialChoice.Arrow`): strategy-proofness
gives Maskin monotonicity (Maskin 1999), onto and monotonicity give weak Pareto efficiency
and unanimity, and lifting pairs of alternatives to the top defines a weakly Pareto, IIA
social welfare function whose dictator dictates the social choice function (Reny 2001,
*Economics Letters* 70; Sen 2001). The lemmas are in
`EconLean.SocialChoice.GibbardSatterthwaiteDefs`.
-/

@[expose] public section

noncomputable section

namespace EconLean.SocialChoice.GibbardSatterthwaite

open EconLean.SocialChoice.Arrow

/-- **Strategy-proofness implies Maskin monotonicity**: if a strategy-proof social choice
function chooses `x` at `P`, and at `Q` every voter still ranks `x` above every alternative
she ranked below `x` at `P`, then it chooses `x` at `Q`. -/
theorem gs_strategyproof_maskin_monotone {n : Nat} {α : Type} (f : Profile n α → α)
    (hsp : StrategyProof f) : MaskinMonotone f :=
  maskinMonotone_of_strategyProof hsp

/-- **Strategy-proof and onto implies weak Pareto efficiency**: if every voter ranks `x`
above `y ≠ x`, a strategy-proof onto social choice function does not choose `y`. -/
theorem gs_strategyproof_onto_weak_pareto {n : Nat} {α : Type} (f : Profile n α → α)
    (hsp : StrategyProof f) (hon : Onto f) {P : Profile n α} (hP : Admissible P) {x y : α}
    (hxy : x ≠ y) (hall : ∀ i, P i x y) : f P ≠ y :=
  not_chosen_of_unanimous_above hsp hon hP hxy hall

/-- **Strategy-proof and onto implies unanimity**: if `x` is at the top of every voter's
ranking, a strategy-proof onto social choice function chooses `x`. -/
theorem gs_strategyproof_onto_unanimity {n : Nat} {α : Type} (f : Profile n α → α)
    (hsp : StrategyProof f) (hon : Onto f) {P : Profile n α} (hP : Admissible P) {x : α}
    (htop : ∀ i, IsTop x (P i)) : f P = x :=
  chosen_of_unanimous_top hsp hon hP htop

/-- **The induced social welfare function is Arrovian**: for a strategy-proof onto social
choice function `f` and `n ≥ 1` voters, ranking `x` above `y` when `f` chooses `x` after
`x` and `y` are lifted to the top of every ranking gives a social welfare function (strict
linear orders) that satisfies weak Pareto and independence of irrelevant alternatives. -/
theorem gs_induced_swf_pareto_iia {n : Nat} {α : Type} (f : Profile n α → α) (hn : 0 < n)
    (hsp : StrategyProof f) (hon : Onto f) :
    IsSWF (inducedSWF f) ∧ WeakPareto (inducedSWF f) ∧ IIA (inducedSWF f) :=
  ⟨inducedSWF_isSWF hsp hon, inducedSWF_weakPareto hn hsp hon, inducedSWF_iia hsp⟩

/-- **Gibbard–Satterthwaite theorem** (Gibbard 1973, Satterthwaite 1975): with at least
three alternatives and finitely many voters `Fin n`, `n ≥ 1`, every resolute social choice
function on profiles of strict linear orders that is strategy-proof and onto is
dictatorial: some voter's top alternative is always chosen. -/
theorem gibbard_satterthwaite {n : Nat} {α : Type} (f : Profile n α → α) (hn : 0 < n)
    (h3 : HasThreeAlternatives α) (hsp : StrategyProof f) (hon : Onto f) :
    SCFDictatorial f :=
  scfDictatorial_of_strategyProof hn h3 hsp hon

/-- **Gibbard–Satterthwaite, impossibility form**: with at least three alternatives and
`n ≥ 1` voters, no resolute social choice function on strict linear orders is
strategy-proof, onto and non-dictatorial. -/
theorem gibbard_satterthwaite_no_strategyproof_onto_nondictatorial {n : Nat} {α : Type}
    (hn : 0 < n) (h3 : HasThreeAlternatives α) :
    ¬ ∃ f : Profile n α → α, StrategyProof f ∧ Onto f ∧ ¬ SCFDictatorial f :=
  fun ⟨_, hsp, hon, hD⟩ => hD (scfDictatorial_of_strategyProof hn h3 hsp hon)

/-- **Converse of Gibbard–Satterthwaite**: every dictatorial social choice function (on
profiles of strict linear orders) is strategy-proof. -/
theorem gs_dictatorial_strategyproof {n : Nat} {α : Type} (f : Profile n α → α)
    (hd : SCFDictatorial f) : StrategyProof f := by
  obtain ⟨_, hi⟩ := hd
  exact strategyProof_of_scfDictator hi

end EconLean.SocialChoice.GibbardSatterthwaite
