module

public import Init

/-!
# Finite normal-form games: definitions

Two-player games (bimatrix games) and `n`-player games with integer payoffs, pure Nash
equilibrium (Nash 1950, *PNAS* 36), dominant strategies, strict Pareto dominance, exact and
generalized ordinal potentials (Monderer and Shapley 1996, *Games and Economic Behavior* 14),
and mechanisms with dominant-strategy implementation (the revelation principle: Gibbard 1973,
*Econometrica* 41; Myerson 1979, *Econometrica* 47). Concrete games: the Prisoner's Dilemma,
Matching Pennies, a coordination game.

Payoffs are integers: a finite game with rational payoffs becomes one with integer payoffs,
with the same best responses, after multiplying by a common denominator.
-/

@[expose] public section

-- The embedded Lean ships no compiled code for parts of core; definitions here are
-- only used in proofs (kernel reduction), so nothing is compiled.
noncomputable section

namespace EconLean.GameTheory

/-! ## Finite types by enumeration -/

/-- A finite type, given by a list of all its elements. -/
class FiniteEnum (α : Type) where
  /-- all elements -/
  elems : List α
  /-- every element is listed -/
  complete : ∀ a, a ∈ elems

instance decidableForallFiniteEnum {α : Type} [FiniteEnum α] (p : α → Prop) [DecidablePred p] :
    Decidable (∀ a, p a) :=
  decidable_of_iff (∀ a ∈ FiniteEnum.elems (α := α), p a)
    ⟨fun h a => h a (FiniteEnum.complete a), fun h a _ => h a⟩

instance decidableExistsFiniteEnum {α : Type} [FiniteEnum α] (p : α → Prop) [DecidablePred p] :
    Decidable (∃ a, p a) :=
  decidable_of_iff (∃ a ∈ FiniteEnum.elems (α := α), p a)
    ⟨fun ⟨a, _, h⟩ => ⟨a, h⟩, fun ⟨a, h⟩ => ⟨a, FiniteEnum.complete a, h⟩⟩

/-- Every nonempty list has an element maximizing a given integer function. -/
theorem exists_max_of_list {α : Type} (f : α → Int) :
    ∀ l : List α, l ≠ [] → ∃ x ∈ l, ∀ y ∈ l, f y ≤ f x
  | [], h => absurd rfl h
  | [x], _ => ⟨x, List.mem_cons_self, by
      intro y hy
      simp only [List.mem_cons, List.not_mem_nil, or_false] at hy
      subst hy
      exact Int.le_refl _⟩
  | x :: y :: l, _ => by
    obtain ⟨z, hz, hmax⟩ := exists_max_of_list f (y :: l) (by simp)
    by_cases h : f x ≤ f z
    · refine ⟨z, List.mem_cons_of_mem _ hz, ?_⟩
      intro w hw
      rcases List.mem_cons.mp hw with hw | hw
      · subst hw; exact h
      · exact hmax w hw
    · refine ⟨x, List.mem_cons_self, ?_⟩
      intro w hw
      rcases List.mem_cons.mp hw with hw | hw
      · subst hw; exact Int.le_refl _
      · have := hmax w hw; omega

/-! ## Two-player games -/

/-- A two-player normal-form game: player 1 picks a row `s : S`, player 2 a column `t : T`. -/
structure Game2 (S T : Type) where
  /-- payoff of player 1 -/
  u1 : S → T → Int
  /-- payoff of player 2 -/
  u2 : S → T → Int

/-- `(s, t)` is a pure-strategy Nash equilibrium: no player gains by a unilateral deviation. -/
def IsNash2 {S T : Type} (g : Game2 S T) (s : S) (t : T) : Prop :=
  (∀ s', g.u1 s' t ≤ g.u1 s t) ∧ (∀ t', g.u2 s t' ≤ g.u2 s t)

instance {S T : Type} [FiniteEnum S] [FiniteEnum T] (g : Game2 S T) (s : S) (t : T) :
    Decidable (IsNash2 g s t) := by
  unfold IsNash2; infer_instance

/-- A two-player game is zero-sum when player 2's payoff is minus player 1's. -/
def Game2.IsZeroSum {S T : Type} (g : Game2 S T) : Prop := ∀ s t, g.u2 s t = - g.u1 s t

/-- The payoff vector of the profile `(s, t)`, indexed by the players `0` and `1`. -/
def Game2.payoffs {S T : Type} (g : Game2 S T) (s : S) (t : T) : Fin 2 → Int :=
  fun i => if i.val = 0 then g.u1 s t else g.u2 s t

/-- Row `s` is a weakly dominant strategy of player 1 (Mas-Colell, Whinston and Green 1995,
Def. 8.B.3): against every other row `s'`, it does at least as well whatever column player 2
picks, and strictly better against at least one column. -/
def IsWeaklyDominant1 {S T : Type} (g : Game2 S T) (s : S) : Prop :=
  ∀ s', s' ≠ s → (∀ t, g.u1 s' t ≤ g.u1 s t) ∧ ∃ t, g.u1 s' t < g.u1 s t

/-- Column `t` is a weakly dominant strategy of player 2 (Mas-Colell, Whinston and Green 1995,
Def. 8.B.3): against every other column it does at least as well whatever row player 1 picks,
and strictly better against at least one row. -/
def IsWeaklyDominant2 {S T : Type} (g : Game2 S T) (t : T) : Prop :=
  ∀ t', t' ≠ t → (∀ s, g.u2 s t' ≤ g.u2 s t) ∧ ∃ s, g.u2 s t' < g.u2 s t

/-- Row `s` is always a best reply of player 1 (weakly dominant "in the broad sense"): no row
does better against any column. Unlike `IsWeaklyDominant1`, no strict gain is required. -/
def IsAlwaysBestReply1 {S T : Type} (g : Game2 S T) (s : S) : Prop := ∀ s' t, g.u1 s' t ≤ g.u1 s t

/-- Column `t` is always a best reply of player 2 (weakly dominant "in the broad sense"). -/
def IsAlwaysBestReply2 {S T : Type} (g : Game2 S T) (t : T) : Prop := ∀ s t', g.u2 s t' ≤ g.u2 s t

/-- A weakly dominant row is always a best reply. -/
theorem IsWeaklyDominant1.isAlwaysBestReply1 {S T : Type} {g : Game2 S T} {s : S}
    (h : IsWeaklyDominant1 g s) : IsAlwaysBestReply1 g s := by
  intro s' t
  by_cases hs : s' = s
  · subst hs; exact Int.le_refl _
  · exact (h s' hs).1 t

/-- A weakly dominant column is always a best reply. -/
theorem IsWeaklyDominant2.isAlwaysBestReply2 {S T : Type} {g : Game2 S T} {t : T}
    (h : IsWeaklyDominant2 g t) : IsAlwaysBestReply2 g t := by
  intro s t'
  by_cases ht : t' = t
  · subst ht; exact Int.le_refl _
  · exact (h t' ht).1 s

/-- `Φ` is an exact potential of the two-player game: every unilateral deviation changes the
deviator's payoff by exactly the change in `Φ`. -/
def IsExactPotential2 {S T : Type} (g : Game2 S T) (Φ : S → T → Int) : Prop :=
  (∀ s s' t, g.u1 s' t - g.u1 s t = Φ s' t - Φ s t) ∧
  (∀ s t t', g.u2 s t' - g.u2 s t = Φ s t' - Φ s t)

instance {S T : Type} [FiniteEnum S] [FiniteEnum T] (g : Game2 S T) (Φ : S → T → Int) :
    Decidable (IsExactPotential2 g Φ) := by
  unfold IsExactPotential2; infer_instance

/-! ## Pareto dominance -/

/-- Payoff vector `u` strictly Pareto dominates `v`: everyone weakly better off, someone strictly. -/
def StrictlyParetoDominates {ι : Type} (u v : ι → Int) : Prop :=
  (∀ i, v i ≤ u i) ∧ ∃ i, v i < u i

instance {n : Nat} (u v : Fin n → Int) : Decidable (StrictlyParetoDominates u v) := by
  unfold StrictlyParetoDominates; infer_instance

/-! ## Concrete games -/

/-- Actions in the Prisoner's Dilemma: cooperate or defect. -/
inductive Move where
  /-- cooperate -/
  | C
  /-- defect -/
  | D
  deriving DecidableEq, Repr

instance : FiniteEnum Move := ⟨[.C, .D], by intro a; cases a <;> simp⟩

/-- The Prisoner's Dilemma with temptation 5, reward 3, punishment 1, sucker's payoff 0. -/
def prisonersDilemma : Game2 Move Move where
  u1 := fun s t => match s, t with
    | .C, .C => 3 | .C, .D => 0 | .D, .C => 5 | .D, .D => 1
  u2 := fun s t => match s, t with
    | .C, .C => 3 | .C, .D => 5 | .D, .C => 0 | .D, .D => 1

/-- A candidate exact potential of the Prisoner's Dilemma:
`Φ(C,C) = 0`, `Φ(C,D) = Φ(D,C) = 2`, `Φ(D,D) = 3`. -/
def prisonersDilemmaPotential : Move → Move → Int := fun s t => match s, t with
  | .C, .C => 0 | .C, .D => 2 | .D, .C => 2 | .D, .D => 3

/-- Sides of a coin in Matching Pennies. -/
inductive Coin where
  /-- heads -/
  | H
  /-- tails -/
  | T
  deriving DecidableEq, Repr

instance : FiniteEnum Coin := ⟨[.H, .T], by intro a; cases a <;> simp⟩

/-- Matching Pennies: player 1 wins `1` from player 2 if the coins match, loses `1` otherwise. -/
def matchingPennies : Game2 Coin Coin where
  u1 := fun s t => if s = t then 1 else -1
  u2 := fun s t => if s = t then -1 else 1

/-- A pure coordination game: both get `2` on `(C, C)`, `1` on `(D, D)`, `0` otherwise. -/
def coordinationGame : Game2 Move Move where
  u1 := fun s t => match s, t with
    | .C, .C => 2 | .D, .D => 1 | _, _ => 0
  u2 := fun s t => match s, t with
    | .C, .C => 2 | .D, .D => 1 | _, _ => 0

/-! ## `n`-player games -/

/-- A strategy profile: one strategy for each player. -/
abbrev StrategyProfile {ι : Type} (S : ι → Type) := (i : ι) → S i

/-- An `n`-player normal-form game: players `ι`, strategy sets `S i`, integer payoffs. -/
structure Game (ι : Type) (S : ι → Type) where
  /-- payoff of each player at each profile -/
  payoff : ι → StrategyProfile S → Int

/-- Replace player `i`'s component of a profile by `x` (a unilateral deviation). -/
def update {ι : Type} [DecidableEq ι] {S : ι → Type} (σ : StrategyProfile S) (i : ι) (x : S i) :
    StrategyProfile S :=
  fun j => if h : j = i then h ▸ x else σ j

/-- A pure-strategy Nash equilibrium: no player gains from a unilateral deviation. -/
def IsNash {ι : Type} [DecidableEq ι] {S : ι → Type} (g : Game ι S) (σ : StrategyProfile S) :
    Prop :=
  ∀ i (x : S i), g.payoff i (update σ i x) ≤ g.payoff i σ

/-- `x` is a weakly dominant strategy of player `i` (Mas-Colell, Whinston and Green 1995,
Def. 8.B.3; Osborne and Rubinstein 1994): against every other strategy `y` of `i`, `x` does at
least as well whatever the others do, and strictly better against at least one profile of the
others (here: one profile `σ`, of which only the others' components matter). -/
def IsWeaklyDominant {ι : Type} [DecidableEq ι] {S : ι → Type} (g : Game ι S) (i : ι)
    (x : S i) : Prop :=
  ∀ y : S i, y ≠ x →
    (∀ σ : StrategyProfile S, g.payoff i (update σ i y) ≤ g.payoff i (update σ i x)) ∧
      ∃ σ : StrategyProfile S, g.payoff i (update σ i y) < g.payoff i (update σ i x)

/-- `x` is always a best reply of player `i` (weakly dominant "in the broad sense"): whatever
the others do, no strategy of `i` does better. Unlike `IsWeaklyDominant`, no strict gain
against some profile is required. -/
def IsAlwaysBestReply {ι : Type} [DecidableEq ι] {S : ι → Type} (g : Game ι S) (i : ι)
    (x : S i) : Prop :=
  ∀ (σ : StrategyProfile S) (y : S i), g.payoff i (update σ i y) ≤ g.payoff i (update σ i x)

/-- `x` is a strictly dominant strategy of player `i`: whatever the others do, it does strictly
better than every other strategy of `i`. -/
def IsStrictlyDominant {ι : Type} [DecidableEq ι] {S : ι → Type} (g : Game ι S) (i : ι)
    (x : S i) : Prop :=
  ∀ (σ : StrategyProfile S) (y : S i), y ≠ x → g.payoff i (update σ i y) < g.payoff i (update σ i x)

/-- `Φ` is an exact potential (Monderer and Shapley 1996): every unilateral deviation changes
the deviator's payoff by exactly the change in `Φ`. -/
def IsExactPotential {ι : Type} [DecidableEq ι] {S : ι → Type} (g : Game ι S)
    (Φ : StrategyProfile S → Int) : Prop :=
  ∀ σ i (x : S i), g.payoff i (update σ i x) - g.payoff i σ = Φ (update σ i x) - Φ σ

/-- `Φ` is a generalized ordinal potential (Monderer and Shapley 1996): every profitable
unilateral deviation strictly increases `Φ`. -/
def IsOrdinalPotential {ι : Type} [DecidableEq ι] {S : ι → Type} (g : Game ι S)
    (Φ : StrategyProfile S → Int) : Prop :=
  ∀ σ i (x : S i), g.payoff i σ < g.payoff i (update σ i x) → Φ σ < Φ (update σ i x)

theorem update_self {ι : Type} [DecidableEq ι] {S : ι → Type} (σ : StrategyProfile S) (i : ι) :
    update σ i (σ i) = σ := by
  funext j
  by_cases h : j = i
  · subst h; simp [update]
  · simp [update, h]

/-- A weakly dominant strategy is always a best reply. -/
theorem IsWeaklyDominant.isAlwaysBestReply {ι : Type} [DecidableEq ι] {S : ι → Type}
    {g : Game ι S} {i : ι} {x : S i} (h : IsWeaklyDominant g i x) : IsAlwaysBestReply g i x := by
  intro σ y
  by_cases hy : y = x
  · subst hy; exact Int.le_refl _
  · exact (h y hy).1 σ

theorem update_same {ι : Type} [DecidableEq ι] {S : ι → Type} (σ : StrategyProfile S) (i : ι)
    (x : S i) : update σ i x i = x := by
  simp [update]

theorem update_ne {ι : Type} [DecidableEq ι] {S : ι → Type} (σ : StrategyProfile S) (i : ι)
    (x : S i) {j : ι} (h : j ≠ i) : update σ i x j = σ j := by
  simp [update, h]

/-- Applying strategies componentwise commutes with a unilateral deviation. -/
theorem map_update {ι : Type} [DecidableEq ι] {Θ M : ι → Type} (s : (i : ι) → Θ i → M i)
    (θ : StrategyProfile Θ) (i : ι) (x : Θ i) :
    (fun j => s j (update θ i x j)) = update (fun j => s j (θ j)) i (s i x) := by
  funext j
  by_cases h : j = i
  · subst h; simp [update]
  · simp [update, h]

/-! ## Mechanisms -/

/-- A mechanism: each agent `i` sends a message in `M i`; the messages determine an outcome. -/
structure Mechanism (ι : Type) (M : ι → Type) (O : Type) where
  /-- the outcome function -/
  outcome : StrategyProfile M → O

/-- In mechanism `mech`, with agents of types `Θ i` valuing outcomes by `v i θᵢ`, the strategies
`s i : Θ i → M i` form a dominant-strategy equilibrium: for every type and every messages of the
others, the message `s i θᵢ` is a best reply. -/
def IsDominantStrategyEquilibrium {ι : Type} [DecidableEq ι] {M Θ : ι → Type} {O : Type}
    (mech : Mechanism ι M O) (v : (i : ι) → Θ i → O → Int) (s : (i : ι) → Θ i → M i) : Prop :=
  ∀ i (θi : Θ i) (m : StrategyProfile M) (mi : M i),
    v i θi (mech.outcome (update m i mi)) ≤ v i θi (mech.outcome (update m i (s i θi)))

/-- A direct mechanism (messages are types) is dominant-strategy incentive compatible:
reporting one's true type is a dominant strategy. -/
def IsDSIC {ι : Type} [DecidableEq ι] {Θ : ι → Type} {O : Type}
    (mech : Mechanism ι Θ O) (v : (i : ι) → Θ i → O → Int) : Prop :=
  ∀ i (θi : Θ i) (θ : StrategyProfile Θ) (θi' : Θ i),
    v i θi (mech.outcome (update θ i θi')) ≤ v i θi (mech.outcome (update θ i θi))

/-- The direct mechanism simulating `mech` when agents play `s`: agents report types, and the
mechanism plays `s` on their behalf. -/
def directMechanism {ι : Type} {M Θ : ι → Type} {O : Type} (mech : Mechanism ι M O)
    (s : (i : ι) → Θ i → M i) : Mechanism ι Θ O :=
  ⟨fun θ => mech.outcome (fun j => s j (θ j))⟩

end EconLean.GameTheory

end

end
