module

public import EconLean.Cooperative.Defs

/-!
# Cooperative games with transferable utility: main theorems

For two-player games: the Shapley value is efficient and symmetric, the core is nonempty
exactly when the game is superadditive (`v{0} + v{1} ≤ v{0,1}`), and then the Shapley value
lies in the core.

For three-player games: the Shapley value has the properties by which Shapley (1953)
characterised it (efficiency, symmetry, the null player property and additivity), and it is
the average of the six marginal contribution vectors; for a convex game every marginal
vector lies in the core (Shapley 1971), hence so does the Shapley value; a nonempty core
forces the inequality `v{0,1} + v{0,2} + v{1,2} ≤ 2 v(N)` of the balanced collection
`{0,1}, {0,2}, {1,2}` (one necessary condition; the full Bondareva–Shapley theorem is in
`EconLean.Cooperative.BondarevaShapley`), and the majority game has an empty core.
-/

@[expose] public section

namespace EconLean.Cooperative

/-- **Shapley value, two players: efficiency.** In a two-player game with `v ∅ = 0` the
Shapley values add up to the worth of the grand coalition. -/
theorem shapley2_efficient (v : Game2) (h0 : v false false = 0) :
    shapley2 v 0 + shapley2 v 1 = v true true := by
  simp [shapley2]
  grind

/-- **Shapley value, two players: symmetry.** If the two players are worth the same alone,
they get the same Shapley value. -/
theorem shapley2_symmetric (v : Game2) (h : v true false = v false true) :
    shapley2 v 0 = shapley2 v 1 := by
  simp [shapley2]
  grind

/-- **Core of a two-player game.** For a two-player game with `v ∅ = 0`, the core is nonempty
if and only if the game is superadditive, i.e. `v{0} + v{1} ≤ v{0,1}`. -/
theorem core2_nonempty_iff (v : Game2) (h0 : v false false = 0) :
    (∃ x, InCore2 v x) ↔ v true false + v false true ≤ v true true := by
  constructor
  · rintro ⟨x, hsum, hx⟩
    have h1 := hx true false
    have h2 := hx false true
    simp [coalitionPayoff2] at h1 h2
    grind
  · intro h
    refine ⟨fun i => if i = 0 then v true false else v true true - v true false, ?_, ?_⟩
    · simp; grind
    · intro a b
      cases a <;> cases b <;> simp [coalitionPayoff2] <;> grind

/-- **The core of a superadditive two-player game is nonempty.** -/
theorem core2_nonempty_of_superadditive (v : Game2) (h0 : v false false = 0)
    (hs : IsSuperadditive2 v) : ∃ x, InCore2 v x := by
  have h := hs true false false true rfl rfl
  refine ⟨fun i => if i = 0 then v true false else v true true - v true false, ?_, ?_⟩
  · simp; grind
  · intro a b
    cases a <;> cases b <;> simp [coalitionPayoff2] at h ⊢ <;> grind

/-- **The Shapley value of a superadditive two-player game lies in the core.** -/
theorem shapley2_mem_core_of_superadditive (v : Game2) (h0 : v false false = 0)
    (hs : IsSuperadditive2 v) : InCore2 v (shapley2 v) := by
  have h := hs true false false true rfl rfl
  simp at h
  refine ⟨?_, fun a b => ?_⟩
  · simp [shapley2]; grind
  · cases a <;> cases b <;> simp [coalitionPayoff2, shapley2] <;> grind

/-- **Shapley value, three players: efficiency.** In a three-player game with `v ∅ = 0` the
Shapley values add up to the worth of the grand coalition. -/
theorem shapley3_efficient (v : Game3) (h0 : v false false false = 0) :
    shapley3 v 0 + shapley3 v 1 + shapley3 v 2 = v true true true := by
  simp [shapley3, sumCoalitions3, mem3, card3, shapleyWeight3, withPlayer]
  grind

/-- **Shapley value, three players: symmetry.** Symmetric players (adding the same worth to
every coalition containing neither of them) get the same Shapley value. -/
theorem shapley3_symmetric (v : Game3) (i j : Fin 3) (h : IsSymmetric3 v i j) :
    shapley3 v i = shapley3 v j := by
  have h0 := h false false false
  have h1 := h true false false
  have h2 := h false true false
  have h3 := h false false true
  rcases fin3_cases i with rfl | rfl | rfl <;> rcases fin3_cases j with rfl | rfl | rfl <;>
    simp [mem3, withPlayer] at h0 h1 h2 h3 <;>
    simp [shapley3, sumCoalitions3, mem3, card3, shapleyWeight3, withPlayer] <;> grind

/-- **Shapley value, three players: null player.** A player who adds nothing to any
coalition gets Shapley value `0`. -/
theorem shapley3_null_player (v : Game3) (i : Fin 3) (h : IsNullPlayer3 v i) :
    shapley3 v i = 0 := by
  have h0 := h false false false
  have h1 := h true false false
  have h2 := h false true false
  have h3 := h false false true
  have h4 := h true true false
  have h5 := h true false true
  have h6 := h false true true
  rcases fin3_cases i with rfl | rfl | rfl <;>
    simp [withPlayer] at h0 h1 h2 h3 h4 h5 h6 <;>
    simp [shapley3, sumCoalitions3, mem3, card3, shapleyWeight3, withPlayer] <;> grind

/-- **Shapley value, three players: additivity.** The Shapley value of the sum of two games
is the sum of their Shapley values. -/
theorem shapley3_additive (v w : Game3) (i : Fin 3) :
    shapley3 (fun a b c => v a b c + w a b c) i = shapley3 v i + shapley3 w i := by
  rcases fin3_cases i with rfl | rfl | rfl <;>
    simp [shapley3, sumCoalitions3, mem3, card3, shapleyWeight3, withPlayer] <;> grind

/-- **The Shapley value averages the marginal vectors.** In a three-player game, each
player's Shapley value is the average of her marginal contributions over the six orders in
which the players can arrive. -/
theorem shapley3_eq_average_marginal (v : Game3) (i : Fin 3) :
    shapley3 v i = (marginalVector v (orderPos 0) i + marginalVector v (orderPos 1) i +
      marginalVector v (orderPos 2) i + marginalVector v (orderPos 3) i +
      marginalVector v (orderPos 4) i + marginalVector v (orderPos 5) i) / 6 := by
  rcases fin3_cases i with rfl | rfl | rfl <;>
    simp [shapley3, sumCoalitions3, mem3, card3, shapleyWeight3, withPlayer, marginalVector,
      orderPos, tri] <;> grind

/-- **Marginal vectors of a convex game lie in the core** (Shapley 1971). In a convex
three-player game with `v ∅ = 0`, the marginal contribution vector of every order of the
players is a core allocation. -/
theorem marginalVector_mem_core_of_convex (v : Game3) (h0 : v false false false = 0)
    (hv : IsConvex3 v) (pos : Fin 3 → Fin 3) (hpos : Function.Injective pos) :
    InCore3 v (marginalVector v pos) := by
  have := hv.pairs
  rcases order3_cases pos hpos with ⟨e0, e1, e2⟩ | ⟨e0, e1, e2⟩ | ⟨e0, e1, e2⟩ |
    ⟨e0, e1, e2⟩ | ⟨e0, e1, e2⟩ | ⟨e0, e1, e2⟩ <;>
  refine ⟨?_, fun a b c => ?_⟩
  all_goals first
    | (simp [marginalVector, e0, e1, e2]; grind)
    | (cases a <;> cases b <;> cases c <;>
        simp [coalitionPayoff3, marginalVector, e0, e1, e2] <;> grind)

/-- **The Shapley value of a convex game lies in the core** (Shapley 1971). -/
theorem shapley3_mem_core_of_convex (v : Game3) (h0 : v false false false = 0)
    (hv : IsConvex3 v) : InCore3 v (shapley3 v) := by
  have := hv.pairs
  refine ⟨?_, fun a b c => ?_⟩
  · simp [shapley3, sumCoalitions3, mem3, card3, shapleyWeight3, withPlayer]; grind
  · cases a <;> cases b <;> cases c <;>
      simp [coalitionPayoff3, shapley3, sumCoalitions3, mem3, card3, shapleyWeight3,
        withPlayer] <;> grind

/-- **A core allocation bounds the two-player coalitions.** If a three-player game has a
core allocation, the two-player coalitions' worths satisfy
`v{0,1} + v{0,2} + v{1,2} ≤ 2 v{0,1,2}`: the necessary condition of the single balanced
collection `{0,1}, {0,2}, {1,2}` (weights `1/2`); see `core3_nonempty_iff_balanced` for the
full Bondareva–Shapley theorem. -/
theorem core3_pairSum_le_of_mem (v : Game3) (x : Fin 3 → Rat) (hx : InCore3 v x) :
    v true true false + v true false true + v false true true ≤ 2 * v true true true := by
  obtain ⟨hsum, hc⟩ := hx
  have h1 := hc true true false
  have h2 := hc true false true
  have h3 := hc false true true
  simp [coalitionPayoff3] at h1 h2 h3
  grind

/-- **The three-player majority game has an empty core.** No allocation of the grand
coalition's worth `1` gives every two-player coalition at least `1`. -/
theorem majorityGame3_core_empty : ¬ ∃ x, InCore3 majorityGame3 x := by
  rintro ⟨x, hsum, hc⟩
  have h1 := hc true true false
  have h2 := hc true false true
  have h3 := hc false true true
  simp [coalitionPayoff3, majorityGame3, card3] at hsum h1 h2 h3
  grind

end EconLean.Cooperative

end
