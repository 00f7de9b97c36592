module

public import EconLean.SocialChoice.ArrowDefs

/-!
# The Gibbard–Satterthwaite theorem: definitions and the lemmas of the proof

Resolute social choice functions on profiles of strict linear orders (the setting of
`EconLean.SocialChoice.ArrowDefs`), strategy-proofness, onto, dictatorship and Maskin
monotonicity (Gibbard 1973, *Econometrica* 41; Satterthwaite 1975, *Journal of Economic
Theory* 10; Maskin 1999, *Review of Economic Studies* 66).

Also the device of the reduction to Arrow's theorem: lifting a set of alternatives to the
top of every ranking (`liftSet`, `liftProfile`) and the social welfare function induced by
a social choice function (`inducedSWF`). The lemmas are in
`EconLean.SocialChoice.GibbardSatterthwaiteLemmas`, the main theorems in
`EconLean.SocialChoice.GibbardSatterthwaite`.
-/

@[expose] public section

-- The embedded Lean ships no compiled code for parts of core; definitions here are
-- only used in proofs, so nothing is compiled.
noncomputable section

namespace EconLean.SocialChoice.GibbardSatterthwaite

open EconLean.SocialChoice.Arrow

/-! ## Social choice functions, strategy-proofness, onto, dictatorship -/

/-- A (resolute) social choice function is strategy-proof when no voter `i` can obtain an
outcome she strictly prefers, according to her true ranking `P i`, by unilaterally
misreporting: `P'` differs from the admissible profile `P` only in voter `i`'s ranking. -/
def StrategyProof {n : Nat} {α : Type} (f : Profile n α → α) : Prop :=
  ∀ P P' : Profile n α, Admissible P → Admissible P' → ∀ i,
    (∀ j, j ≠ i → P' j = P j) → ¬ P i (f P') (f P)

/-- A social choice function is onto when every alternative is chosen at some admissible
profile. -/
def Onto {n : Nat} {α : Type} (f : Profile n α → α) : Prop :=
  ∀ x, ∃ P, Admissible P ∧ f P = x

/-- Voter `i` is a dictator of the social choice function `f`: at every admissible profile
`f` chooses voter `i`'s top alternative. -/
def IsSCFDictator {n : Nat} {α : Type} (f : Profile n α → α) (i : Fin n) : Prop :=
  ∀ P, Admissible P → ∀ y, y ≠ f P → P i (f P) y

/-- A social choice function is dictatorial when some voter is a dictator. -/
def SCFDictatorial {n : Nat} {α : Type} (f : Profile n α → α) : Prop :=
  ∃ i, IsSCFDictator f i

/-- Maskin monotonicity: if `x` is chosen at `P` and, for every voter, every alternative
below `x` in `P` stays below `x` in `Q`, then `x` is chosen at `Q`. -/
def MaskinMonotone {n : Nat} {α : Type} (f : Profile n α → α) : Prop :=
  ∀ P Q : Profile n α, Admissible P → Admissible Q → ∀ x, f P = x →
    (∀ i v, P i x v → Q i x v) → f Q = x

/-! ## Lifting a set of alternatives to the top -/

/-- `liftSet S R`: the ranking `R` with the alternatives of `S` moved to the top, keeping
their order among themselves and the order of the others. -/
def liftSet {α : Type} (S : α → Prop) (R : α → α → Prop) : α → α → Prop :=
  fun u v => (S u ∧ ¬ S v) ∨ ((S u ↔ S v) ∧ R u v)

/-- Lifting a set to the top keeps a strict linear order. -/
theorem isStrictLinearOrder_liftSet {α : Type} {R : α → α → Prop}
    (h : IsStrictLinearOrder R) (S : α → Prop) :
    IsStrictLinearOrder (GibbardSatterthwaite.liftSet S R) := by
  have hi := h.irrefl; have ht := h.trans; have hl := h.total
  refine ⟨?_, ?_, ?_⟩ <;> simp only [GibbardSatterthwaite.liftSet] <;> grind

/-- The profile with the alternatives of `S` lifted to the top of every voter's ranking. -/
def liftProfile {n : Nat} {α : Type} (S : α → Prop) (P : Profile n α) : Profile n α :=
  fun i => liftSet S (P i)

/-- Lifted profiles are admissible. -/
theorem admissible_liftProfile {n : Nat} {α : Type} {P : Profile n α} (hP : Admissible P)
    (S : α → Prop) : Admissible (liftProfile S P) := fun i => isStrictLinearOrder_liftSet (hP i) S

/-! ## The social welfare function induced by a social choice function -/

/-- The social welfare function induced by `f`: `x` is ranked above `y` when `x ≠ y` and `f`
chooses `x` once `x` and `y` are lifted to the top of every ranking. -/
def inducedSWF {n : Nat} {α : Type} (f : Profile n α → α) (P : Profile n α) (x y : α) :
    Prop :=
  x ≠ y ∧ f (liftProfile (fun u => u = x ∨ u = y) P) = x

/-- The pair `{x, y}` is the pair `{y, x}`. -/
theorem pair_comm {α : Type} (x y : α) :
    (fun u => u = x ∨ u = y) = (fun u => u = y ∨ u = x) :=
  funext fun _ => propext Or.comm

end EconLean.SocialChoice.GibbardSatterthwaite
