module

public import EconLean.GameTheory.MixedTheorems

/-!
# The minimax theorem for 2×2 zero-sum games

* von Neumann's minimax theorem (von Neumann 1928, "Zur Theorie der Gesellschaftsspiele",
  *Mathematische Annalen* 100) for 2×2 zero-sum games with integer payoffs: there are mixed
  strategies `p*`, `q*` and a value `v` such that `p*` guarantees player 1 at least `v`
  against every mixed strategy of player 2, and `q*` holds player 1 to at most `v` against
  every mixed strategy of player 1. So `max_p min_q E(p, q) = min_q max_p E(p, q) = v`, both
  attained (at `p*` and `q*`), and `(p*, q*)` is a saddle point.
* The easy half, valid for any payoff function: what player 1 can guarantee never exceeds what
  player 2 can hold her to (`max min ≤ min max`).
* In a zero-sum 2×2 game all mixed equilibria give the same expected payoff (the value) and
  equilibrium strategies are interchangeable.
-/

@[expose] public section

namespace EconLean.GameTheory

/-- The easy half of the minimax theorem (`max min ≤ min max`): if `p` guarantees player 1 at
least `v` against every mixed strategy of player 2 and `q` holds her to at most `w` against
every mixed strategy of hers, then `v ≤ w`. -/
theorem maxmin_le_minmax_2x2 (u : Bool → Bool → Int) (p q v w : Rat) (hp : IsProb p)
    (hq : IsProb q) (hv : ∀ q', IsProb q' → v ≤ mixedPayoff u p q')
    (hw : ∀ p', IsProb p' → mixedPayoff u p' q ≤ w) : v ≤ w := by
  have h1 := hv q hq
  have h2 := hw p hp
  grind

/-- von Neumann's minimax theorem for 2×2 zero-sum games (von Neumann 1928): some mixed
strategies `p`, `q` and value `v` satisfy `E(p, q') ≥ v` for every mixed `q'` and
`E(p', q) ≤ v` for every mixed `p'`, i.e. `max_p min_q E = min_q max_p E = v`, attained. -/
theorem minimax_theorem_2x2 (g : Game2 Bool Bool) (hz : g.IsZeroSum) :
    ∃ p q v, IsProb p ∧ IsProb q ∧ (∀ q', IsProb q' → v ≤ mixedPayoff g.u1 p q') ∧
      (∀ p', IsProb p' → mixedPayoff g.u1 p' q ≤ v) := by
  obtain ⟨p, q, hp, hq, h1, h2⟩ := mixed_nash_exists_2x2 g
  refine ⟨p, q, mixedPayoff g.u1 p q, hp, hq, fun q' hq' => ?_, h1⟩
  have := h2 q' hq'
  rw [mixedPayoff_zero_sum hz, mixedPayoff_zero_sum hz] at this
  grind

/-- In a 2×2 zero-sum game, any two mixed Nash equilibria give player 1 the same expected
payoff (the value of the game), and equilibrium strategies are interchangeable
(von Neumann 1928). -/
theorem zero_sum_mixed_nash_value_interchangeable (g : Game2 Bool Bool) (hz : g.IsZeroSum)
    (p q p' q' : Rat) (h : IsMixedNash2x2 g p q) (h' : IsMixedNash2x2 g p' q') :
    mixedPayoff g.u1 p q = mixedPayoff g.u1 p' q' ∧ IsMixedNash2x2 g p q' := by
  obtain ⟨hp, hq, a1, a2⟩ := h
  obtain ⟨hp', hq', b1, b2⟩ := h'
  have z := mixedPayoff_zero_sum hz
  have c1 := a1 p' hp'
  have c2 := a2 q' hq'
  have d1 := b1 p hp
  have d2 := b2 q hq
  rw [z, z] at c2 d2
  refine ⟨by grind, hp, hq', fun r hr => ?_, fun r hr => ?_⟩
  · have := b1 r hr
    grind
  · have := a2 r hr
    rw [z, z] at this
    rw [z, z]
    grind

end EconLean.GameTheory

end
