module

public import EconLean.GameTheory.Defs

/-!
# Finite normal-form games: main theorems

* The Prisoner's Dilemma: defection is strictly dominant, `(D, D)` is the unique pure Nash
  equilibrium and it is strictly Pareto dominated by `(C, C)`; the game is an exact potential
  game.
* Matching Pennies has no pure Nash equilibrium; the coordination game has exactly two.
* Strict Pareto dominance is irreflexive and transitive.
* A profile of weakly dominant strategies is a Nash equilibrium; with strictly dominant
  strategies it is the unique one. A player has at most one weakly dominant strategy, and a
  strictly dominant strategy is weakly dominant (Mas-Colell, Whinston and Green 1995,
  *Microeconomic Theory*, Sec. 8.B).
* In two-player zero-sum games all pure equilibria give the same payoff and are
  interchangeable (von Neumann 1928).
* Finite games with an exact or a generalized ordinal potential have a pure Nash equilibrium
  (Monderer and Shapley 1996, *Games and Economic Behavior* 14; Rosenthal 1973).
* The revelation principle for dominant strategies (Gibbard 1973; Myerson 1979).
-/

@[expose] public section

namespace EconLean.GameTheory

/-- In the Prisoner's Dilemma, defecting is a strictly dominant strategy for both players. -/
theorem prisoners_dilemma_defect_strictly_dominant :
    ∀ t : Move, prisonersDilemma.u1 .C t < prisonersDilemma.u1 .D t ∧
      prisonersDilemma.u2 t .C < prisonersDilemma.u2 t .D := by
  decide

/-- The Prisoner's Dilemma has `(D, D)` as its unique pure Nash equilibrium. -/
theorem prisoners_dilemma_unique_nash :
    ∀ s t : Move, IsNash2 prisonersDilemma s t ↔ (s = .D ∧ t = .D) := by
  decide

/-- The Prisoner's Dilemma equilibrium `(D, D)` is strictly Pareto dominated by `(C, C)`. -/
theorem prisoners_dilemma_nash_pareto_dominated :
    IsNash2 prisonersDilemma .D .D ∧
      StrictlyParetoDominates (prisonersDilemma.payoffs .C .C) (prisonersDilemma.payoffs .D .D) := by
  decide

/-- The Prisoner's Dilemma is an exact potential game. -/
theorem prisoners_dilemma_exact_potential :
    IsExactPotential2 prisonersDilemma prisonersDilemmaPotential := by
  decide

/-- Matching Pennies has no pure-strategy Nash equilibrium. -/
theorem matching_pennies_no_pure_nash : ∀ s t : Coin, ¬ IsNash2 matchingPennies s t := by
  decide

/-- The coordination game has exactly two pure Nash equilibria, `(C, C)` and `(D, D)`. -/
theorem coordination_game_two_nash :
    ∀ s t : Move, IsNash2 coordinationGame s t ↔ s = t := by
  decide

/-- Strict Pareto dominance is irreflexive. -/
theorem strictly_pareto_dominates_irrefl {ι : Type} (u : ι → Int) :
    ¬ StrictlyParetoDominates u u := by
  intro ⟨_, i, hi⟩
  exact Int.lt_irrefl _ hi

/-- Strict Pareto dominance is transitive. -/
theorem strictly_pareto_dominates_trans {ι : Type} (u v w : ι → Int)
    (huv : StrictlyParetoDominates u v) (hvw : StrictlyParetoDominates v w) :
    StrictlyParetoDominates u w := by
  obtain ⟨h1, i, hi⟩ := huv
  obtain ⟨h2, _, _⟩ := hvw
  refine ⟨fun j => Int.le_trans (h2 j) (h1 j), i, ?_⟩
  have := h2 i
  omega

/-- In a two-player game, a pair of weakly dominant strategies is a Nash equilibrium. -/
theorem nash2_of_weakly_dominant {S T : Type} (g : Game2 S T) (s : S) (t : T)
    (hs : IsWeaklyDominant1 g s) (ht : IsWeaklyDominant2 g t) : IsNash2 g s t :=
  ⟨fun s' => hs.isAlwaysBestReply1 s' t, fun t' => ht.isAlwaysBestReply2 s t'⟩

/-- In an `n`-player game, a profile of weakly dominant strategies is a Nash equilibrium. -/
theorem nash_of_weakly_dominant {ι : Type} [DecidableEq ι] {S : ι → Type} (g : Game ι S)
    (σ : StrategyProfile S) (h : ∀ i, IsWeaklyDominant g i (σ i)) : IsNash g σ := by
  intro i x
  have := (h i).isAlwaysBestReply σ x
  rwa [update_self] at this

/-- A player has at most one weakly dominant strategy (in the sense of Mas-Colell, Whinston and
Green 1995, Def. 8.B.3): two distinct weakly dominant strategies would each have to do strictly
better than the other against some profile. -/
theorem weakly_dominant_strategy_unique {ι : Type} [DecidableEq ι] {S : ι → Type}
    (g : Game ι S) (i : ι) (x y : S i) (hx : IsWeaklyDominant g i x)
    (hy : IsWeaklyDominant g i y) : x = y := by
  apply Classical.byContradiction
  intro hne
  obtain ⟨σ, hlt⟩ := (hx y (fun e => hne e.symm)).2
  have hle := (hy x hne).1 σ
  omega

/-- Strict dominance implies weak dominance (Mas-Colell, Whinston and Green 1995, Sec. 8.B):
a strictly dominant strategy is weakly dominant (given that some strategy profile exists). -/
theorem weakly_dominant_of_strictly_dominant {ι : Type} [DecidableEq ι] {S : ι → Type}
    (g : Game ι S) (i : ι) (x : S i) (σ0 : StrategyProfile S) (h : IsStrictlyDominant g i x) :
    IsWeaklyDominant g i x :=
  fun y hy => ⟨fun σ => Int.le_of_lt (h σ y hy), σ0, h σ0 y hy⟩

/-- If every player has a strictly dominant strategy, the profile of these strategies is the
unique pure Nash equilibrium. -/
theorem strictly_dominant_unique_nash {ι : Type} [DecidableEq ι] {S : ι → Type} (g : Game ι S)
    (d : StrategyProfile S) (hd : ∀ i, IsStrictlyDominant g i (d i)) (σ : StrategyProfile S) :
    IsNash g σ ↔ σ = d := by
  constructor
  · intro hσ
    funext i
    apply Classical.byContradiction
    intro hne
    have h1 := hd i σ (σ i) hne
    have h2 := hσ i (d i)
    rw [update_self] at h1
    omega
  · intro hσ
    subst hσ
    intro i x
    by_cases hx : x = σ i
    · subst hx; rw [update_self]; exact Int.le_refl _
    · have := hd i σ x hx
      rw [update_self] at this
      omega

/-- In a two-player zero-sum game, any two pure Nash equilibria give player 1 the same payoff
(the value of the game), and equilibrium strategies are interchangeable. -/
theorem zero_sum_nash_equal_value_interchangeable {S T : Type} (g : Game2 S T)
    (hz : g.IsZeroSum) (s s' : S) (t t' : T)
    (h : IsNash2 g s t) (h' : IsNash2 g s' t') :
    g.u1 s t = g.u1 s' t' ∧ IsNash2 g s t' := by
  have a1 := h.1 s'
  have a2 := h.2 t'
  have b1 := h'.1 s
  have b2 := h'.2 t
  rw [hz, hz] at a2 b2
  refine ⟨by omega, fun s'' => ?_, fun t'' => ?_⟩
  · have := h'.1 s''
    omega
  · have := h.2 t''
    rw [hz, hz] at this
    rw [hz, hz]
    omega

/-- A finite two-player exact potential game has a pure Nash equilibrium: a maximizer of the
potential. -/
theorem exact_potential_game2_has_pure_nash {S T : Type} [FiniteEnum S] [FiniteEnum T]
    (g : Game2 S T) (Φ : S → T → Int) (hΦ : IsExactPotential2 g Φ) (s0 : S) (t0 : T) :
    ∃ s t, IsNash2 g s t := by
  let l : List (S × T) := (FiniteEnum.elems (α := S)).flatMap
    (fun s => (FiniteEnum.elems (α := T)).map (fun t => (s, t)))
  have hmem : ∀ s t, (s, t) ∈ l := by
    intro s t
    simp only [l, List.mem_flatMap, List.mem_map]
    exact ⟨s, FiniteEnum.complete s, t, FiniteEnum.complete t, rfl⟩
  have hne : l ≠ [] := fun he => by
    have := hmem s0 t0
    rw [he] at this
    simp at this
  obtain ⟨⟨s, t⟩, _, hmax⟩ := exists_max_of_list (fun p => Φ p.1 p.2) l hne
  refine ⟨s, t, fun s' => ?_, fun t' => ?_⟩
  · have h1 := hmax (s', t) (hmem s' t)
    have h2 := hΦ.1 s s' t
    simp only at h1
    omega
  · have h1 := hmax (s, t') (hmem s t')
    have h2 := hΦ.2 s t t'
    simp only at h1
    omega

/-- A finite `n`-player game with an exact potential has a pure Nash equilibrium (Monderer and
Shapley 1996). Finiteness: `profiles` lists every strategy profile; `σ0` is some profile. -/
theorem exact_potential_game_has_pure_nash {ι : Type} [DecidableEq ι] {S : ι → Type}
    (g : Game ι S) (Φ : StrategyProfile S → Int) (hΦ : IsExactPotential g Φ)
    (profiles : List (StrategyProfile S)) (hall : ∀ σ, σ ∈ profiles) (σ0 : StrategyProfile S) :
    ∃ σ, IsNash g σ := by
  have hne : profiles ≠ [] := fun he => by
    have := hall σ0
    rw [he] at this
    simp at this
  obtain ⟨σ, _, hmax⟩ := exists_max_of_list Φ profiles hne
  refine ⟨σ, fun i x => ?_⟩
  have h1 := hmax (update σ i x) (hall _)
  have h2 := hΦ σ i x
  omega

/-- A finite `n`-player game with a generalized ordinal potential has a pure Nash equilibrium
(Monderer and Shapley 1996). Finiteness: `profiles` lists every strategy profile; `σ0` is some
profile. -/
theorem ordinal_potential_game_has_pure_nash {ι : Type} [DecidableEq ι] {S : ι → Type}
    (g : Game ι S) (Φ : StrategyProfile S → Int) (hΦ : IsOrdinalPotential g Φ)
    (profiles : List (StrategyProfile S)) (hall : ∀ σ, σ ∈ profiles) (σ0 : StrategyProfile S) :
    ∃ σ, IsNash g σ := by
  have hne : profiles ≠ [] := fun he => by
    have := hall σ0
    rw [he] at this
    simp at this
  obtain ⟨σ, _, hmax⟩ := exists_max_of_list Φ profiles hne
  refine ⟨σ, fun i x => ?_⟩
  apply Int.not_lt.mp
  intro hlt
  have h1 := hmax (update σ i x) (hall _)
  have h2 := hΦ σ i x hlt
  omega

/-- Revelation principle for dominant strategies: if strategies `s` form a dominant-strategy
equilibrium of a mechanism, then the direct mechanism that plays `s` on the agents' reports is
dominant-strategy incentive compatible (truth-telling is a dominant strategy) and implements
the same outcome at every type profile. -/
theorem revelation_principle_dominant {ι : Type} [DecidableEq ι] {M Θ : ι → Type} {O : Type}
    (mech : Mechanism ι M O) (v : (i : ι) → Θ i → O → Int) (s : (i : ι) → Θ i → M i)
    (hs : IsDominantStrategyEquilibrium mech v s) :
    IsDSIC (directMechanism mech s) v ∧
      ∀ θ, (directMechanism mech s).outcome θ = mech.outcome (fun j => s j (θ j)) := by
  refine ⟨fun i θi θ θi' => ?_, fun _ => rfl⟩
  simp only [directMechanism, map_update]
  exact hs i θi _ (s i θi')

end EconLean.GameTheory

end
