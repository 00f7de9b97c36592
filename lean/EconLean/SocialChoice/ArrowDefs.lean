module

public import Init

/-!
# Arrow's impossibility theorem: definitions and the lemmas of the proof

Strict linear orders as relations, preference profiles of finitely many voters `Fin n`,
social welfare functions, weak Pareto, independence of irrelevant alternatives (IIA) and
dictatorship (Arrow 1951, *Social Choice and Individual Values*).

Also the profile operations of the proofs: moving an alternative to the top or the bottom
of a ranking (`toTop`, `toBot`) and their basic lemmas, and IIA for strict linear orders.
The lemmas of the proof of Arrow's theorem are in `EconLean.SocialChoice.ArrowLemmas`,
the main theorems in `EconLean.SocialChoice.Arrow`.
-/

@[expose] public section

-- The embedded Lean ships no compiled code for parts of core; definitions here are
-- only used in proofs, so nothing is compiled.
noncomputable section

namespace EconLean.SocialChoice.Arrow

/-! ## Strict linear orders, profiles and social welfare functions -/

/-- A strict linear order on `α`, as a relation `R x y` ("`x` is ranked above `y`"):
irreflexive, transitive, and total on distinct alternatives. -/
structure IsStrictLinearOrder {α : Type} (R : α → α → Prop) : Prop where
  /-- No alternative is ranked above itself. -/
  irrefl : ∀ x, ¬ R x x
  /-- Rankings are transitive. -/
  trans : ∀ x y z, R x y → R y z → R x z
  /-- Any two distinct alternatives are ranked. -/
  total : ∀ x y, x ≠ y → R x y ∨ R y x

/-- A strict linear order is asymmetric. -/
theorem IsStrictLinearOrder.asymm {α : Type} {R : α → α → Prop} (h : IsStrictLinearOrder R)
    {x y : α} (hxy : R x y) : ¬ R y x :=
  fun hyx => h.irrefl x (h.trans x y x hxy hyx)

/-- Related alternatives are distinct. -/
theorem IsStrictLinearOrder.ne {α : Type} {R : α → α → Prop} (h : IsStrictLinearOrder R)
    {x y : α} (hxy : R x y) : x ≠ y := by
  intro e; subst e; exact h.irrefl x hxy

/-- For distinct alternatives, `x` is not above `y` iff `y` is above `x`. -/
theorem IsStrictLinearOrder.not_iff {α : Type} {R : α → α → Prop} (h : IsStrictLinearOrder R)
    {x y : α} (hne : x ≠ y) : ¬ R x y ↔ R y x :=
  ⟨fun hn => (h.total x y hne).resolve_left hn, fun hyx => h.asymm hyx⟩

/-- A preference profile of `n` voters: voter `i` ranks `x` above `y` iff `P i x y`. -/
abbrev Profile (n : Nat) (α : Type) := Fin n → α → α → Prop

/-- A profile is admissible when every voter's preference is a strict linear order. -/
def Admissible {n : Nat} {α : Type} (P : Profile n α) : Prop :=
  ∀ i, IsStrictLinearOrder (P i)

/-- A social welfare function maps every admissible profile to a strict linear order
(the social ranking). -/
def IsSWF {n : Nat} {α : Type} (F : Profile n α → α → α → Prop) : Prop :=
  ∀ P, Admissible P → IsStrictLinearOrder (F P)

/-- Weak Pareto: if every voter ranks `x` above `y`, so does society. -/
def WeakPareto {n : Nat} {α : Type} (F : Profile n α → α → α → Prop) : Prop :=
  ∀ P, Admissible P → ∀ x y, (∀ i, P i x y) → F P x y

/-- Independence of irrelevant alternatives: the social ranking of `x` and `y` depends only
on the individual rankings of `x` and `y`. -/
def IIA {n : Nat} {α : Type} (F : Profile n α → α → α → Prop) : Prop :=
  ∀ P Q, Admissible P → Admissible Q → ∀ x y,
    (∀ i, (P i x y ↔ Q i x y) ∧ (P i y x ↔ Q i y x)) → (F P x y ↔ F Q x y)

/-- Voter `i` is a dictator: society ranks `x` above `y` whenever voter `i` does. -/
def IsDictator {n : Nat} {α : Type} (F : Profile n α → α → α → Prop) (i : Fin n) : Prop :=
  ∀ P, Admissible P → ∀ x y, P i x y → F P x y

/-- A social welfare function is dictatorial when some voter is a dictator. -/
def Dictatorial {n : Nat} {α : Type} (F : Profile n α → α → α → Prop) : Prop :=
  ∃ i, IsDictator F i

/-- There are at least three distinct alternatives. -/
def HasThreeAlternatives (α : Type) : Prop :=
  ∃ a b c : α, a ≠ b ∧ a ≠ c ∧ b ≠ c

/-- With three distinct alternatives, any two alternatives leave a third one. -/
theorem exists_ne_ne {α : Type} (h3 : HasThreeAlternatives α) (x y : α) :
    ∃ z, z ≠ x ∧ z ≠ y := by
  obtain ⟨a, b, c, hab, hac, hbc⟩ := h3
  by_cases h1 : a ≠ x ∧ a ≠ y
  · exact ⟨a, h1⟩
  by_cases h2 : b ≠ x ∧ b ≠ y
  · exact ⟨b, h2⟩
  refine ⟨c, ?_, ?_⟩ <;> intro e <;> subst e <;> grind

/-! ## Moving an alternative to the top or the bottom of a ranking -/

/-- `toTop b R`: the ranking `R` with `b` moved to the top (other pairs unchanged). -/
def toTop {α : Type} (b : α) (R : α → α → Prop) : α → α → Prop :=
  fun x y => (x = b ∧ y ≠ b) ∨ (x ≠ b ∧ y ≠ b ∧ R x y)

/-- `toBot b R`: the ranking `R` with `b` moved to the bottom (other pairs unchanged). -/
def toBot {α : Type} (b : α) (R : α → α → Prop) : α → α → Prop :=
  fun x y => (y = b ∧ x ≠ b) ∨ (x ≠ b ∧ y ≠ b ∧ R x y)

/-- `b` is at the top of `R`. -/
def IsTop {α : Type} (b : α) (R : α → α → Prop) : Prop := ∀ x, x ≠ b → R b x

/-- `b` is at the bottom of `R`. -/
def IsBot {α : Type} (b : α) (R : α → α → Prop) : Prop := ∀ x, x ≠ b → R x b

/-- Moving `b` to the top keeps a strict linear order. -/
theorem IsStrictLinearOrder.toTop {α : Type} {R : α → α → Prop} (h : IsStrictLinearOrder R)
    (b : α) : IsStrictLinearOrder (toTop b R) := by
  have hi := h.irrefl; have ht := h.trans; have hl := h.total
  refine ⟨?_, ?_, ?_⟩ <;> simp only [EconLean.SocialChoice.Arrow.toTop] <;> grind

/-- Moving `b` to the bottom keeps a strict linear order. -/
theorem IsStrictLinearOrder.toBot {α : Type} {R : α → α → Prop} (h : IsStrictLinearOrder R)
    (b : α) : IsStrictLinearOrder (toBot b R) := by
  have hi := h.irrefl; have ht := h.trans; have hl := h.total
  refine ⟨?_, ?_, ?_⟩ <;> simp only [EconLean.SocialChoice.Arrow.toBot] <;> grind

/-- Moving `b` to the top keeps the ranking of two other alternatives. -/
theorem toTop_of_ne {α : Type} {b x y : α} {R : α → α → Prop} (hx : x ≠ b) (hy : y ≠ b) :
    toTop b R x y ↔ R x y := by
  simp only [toTop]; grind

/-- After moving `b` to the top, `b` is above every other alternative. -/
theorem toTop_left {α : Type} {b y : α} {R : α → α → Prop} : toTop b R b y ↔ y ≠ b := by
  simp only [toTop]; grind

/-- After moving `b` to the top, nothing is above `b`. -/
theorem not_toTop_right {α : Type} {b x : α} {R : α → α → Prop} : ¬ toTop b R x b := by
  simp only [toTop]; grind

/-- Moving `b` to the bottom keeps the ranking of two other alternatives. -/
theorem toBot_of_ne {α : Type} {b x y : α} {R : α → α → Prop} (hx : x ≠ b) (hy : y ≠ b) :
    toBot b R x y ↔ R x y := by
  simp only [toBot]; grind

/-- After moving `b` to the bottom, every other alternative is above `b`. -/
theorem toBot_right {α : Type} {b x : α} {R : α → α → Prop} : toBot b R x b ↔ x ≠ b := by
  simp only [toBot]; grind

/-- After moving `b` to the bottom, `b` is above nothing. -/
theorem not_toBot_left {α : Type} {b y : α} {R : α → α → Prop} : ¬ toBot b R b y := by
  simp only [toBot]; grind


/-! ## IIA for strict linear orders -/

/-- For strict linear orders, IIA only needs agreement on whether `x` is above `y`. -/
theorem iia_of_linear {n : Nat} {α : Type} {F : Profile n α → α → α → Prop} (hI : IIA F)
    {P Q : Profile n α} (hP : Admissible P) (hQ : Admissible Q) {x y : α} (hxy : x ≠ y)
    (h : ∀ i, P i x y ↔ Q i x y) : F P x y ↔ F Q x y := by
  refine hI P Q hP hQ x y fun i => ⟨h i, ?_⟩
  rw [← (hP i).not_iff hxy, ← (hQ i).not_iff hxy, h i]

/-- If `b` is at the top of a strict linear order, nothing is above `b`. -/
theorem IsTop.not_above {α : Type} {b x : α} {R : α → α → Prop} (hR : IsStrictLinearOrder R)
    (h : IsTop b R) (hx : x ≠ b) : ¬ R x b :=
  hR.asymm (h x hx)

/-- If `b` is at the bottom of a strict linear order, `b` is above nothing. -/
theorem IsBot.not_below {α : Type} {b x : α} {R : α → α → Prop} (hR : IsStrictLinearOrder R)
    (h : IsBot b R) (hx : x ≠ b) : ¬ R b x :=
  hR.asymm (h x hx)

end EconLean.SocialChoice.Arrow
