module

public import EconLean.GameTheory.Defs

/-!
# Mixed strategies in 2×2 games: definitions and lemmas

A 2×2 game is a `Game2 Bool Bool` (each player has two pure strategies, `true` and `false`),
with integer payoffs. A mixed strategy is the probability, a rational number in `[0, 1]`, of
playing `true`. Expected payoffs are bilinear in the two probabilities; a player's expected
payoff is affine in her own probability, with slope the *gain* of `true` over `false` against
the opponent's mixed strategy. A mixed-strategy Nash equilibrium (Nash 1950, *PNAS* 36) is a
pair of probabilities each of which is a best reply, among all mixed strategies, to the other.

The lemmas: the affine decomposition of expected payoffs, the condition for a best reply
(play `true` if it gains, `false` if it loses, anything if indifferent), necessary and
sufficient for an equilibrium, and the
existence of an indifference probability when the gains at the two pure strategies of the
opponent have opposite signs. Expected payoffs in a zero-sum game are zero-sum.
-/

@[expose] public section

namespace EconLean.GameTheory

/-- `p` is a probability: `0 ≤ p ≤ 1`. -/
def IsProb (p : Rat) : Prop := 0 ≤ p ∧ p ≤ 1

/-- Expected payoff, under the payoff function `u`, when player 1 plays `true` with
probability `p` and player 2 plays `true` with probability `q` (independently). -/
def mixedPayoff (u : Bool → Bool → Int) (p q : Rat) : Rat :=
  p * q * (u true true : Rat) + p * (1 - q) * (u true false : Rat) +
    (1 - p) * q * (u false true : Rat) + (1 - p) * (1 - q) * (u false false : Rat)

/-- Player 1's gain from the row `true` over the row `false` when player 2 plays `true` with
probability `q`. -/
def rowGain (u : Bool → Bool → Int) (q : Rat) : Rat :=
  q * ((u true true : Rat) - u false true) + (1 - q) * ((u true false : Rat) - u false false)

/-- Player 2's gain from the column `true` over the column `false` when player 1 plays `true`
with probability `p`. -/
def colGain (u : Bool → Bool → Int) (p : Rat) : Rat :=
  p * ((u true true : Rat) - u true false) + (1 - p) * ((u false true : Rat) - u false false)

/-- `(p, q)` is a mixed-strategy Nash equilibrium of the 2×2 game `g`: both are probabilities,
and neither player gains by switching to any other mixed strategy. -/
def IsMixedNash2x2 (g : Game2 Bool Bool) (p q : Rat) : Prop :=
  IsProb p ∧ IsProb q ∧
    (∀ p', IsProb p' → mixedPayoff g.u1 p' q ≤ mixedPayoff g.u1 p q) ∧
    (∀ q', IsProb q' → mixedPayoff g.u2 p q' ≤ mixedPayoff g.u2 p q)

/-- Expected payoff is affine in player 1's probability, with slope `rowGain`. -/
theorem mixedPayoff_sub_row (u : Bool → Bool → Int) (p p' q : Rat) :
    mixedPayoff u p' q - mixedPayoff u p q = (p' - p) * rowGain u q := by
  unfold mixedPayoff rowGain
  grind

/-- Expected payoff is affine in player 2's probability, with slope `colGain`. -/
theorem mixedPayoff_sub_col (u : Bool → Bool → Int) (p q q' : Rat) :
    mixedPayoff u p q' - mixedPayoff u p q = (q' - q) * colGain u p := by
  unfold mixedPayoff colGain
  grind

/-- If `p` puts probability `1` on `true` whenever the slope `G` is positive and `0` whenever
it is negative, no probability `p'` does better: `(p' - p) * G ≤ 0`. -/
theorem affine_best_reply {p G : Rat} (hp : IsProb p) (h1 : 0 < G → p = 1) (h0 : G < 0 → p = 0)
    (p' : Rat) (hp' : IsProb p') : (p' - p) * G ≤ 0 := by
  by_cases hpos : 0 < G
  · have e := h1 hpos
    subst e
    have := Rat.mul_nonneg (a := 1 - p') (b := G) (by grind [IsProb]) (Rat.le_of_lt hpos)
    grind
  · by_cases hneg : G < 0
    · have e := h0 hneg
      subst e
      have := Rat.mul_nonneg (a := p') (b := -G) hp'.1 (by grind)
      grind
    · have e : G = 0 := by grind
      subst e
      grind

/-- A pair of probabilities is a mixed Nash equilibrium of a 2×2 game if each player puts all
weight on `true` when it gains and all weight on `false` when it loses. -/
theorem isMixedNash2x2_of_gains (g : Game2 Bool Bool) {p q : Rat} (hp : IsProb p)
    (hq : IsProb q) (h1 : 0 < rowGain g.u1 q → p = 1) (h0 : rowGain g.u1 q < 0 → p = 0)
    (k1 : 0 < colGain g.u2 p → q = 1) (k0 : colGain g.u2 p < 0 → q = 0) :
    IsMixedNash2x2 g p q := by
  refine ⟨hp, hq, fun p' hp' => ?_, fun q' hq' => ?_⟩
  · have e := mixedPayoff_sub_row g.u1 p p' q
    have := affine_best_reply hp h1 h0 p' hp'
    grind
  · have e := mixedPayoff_sub_col g.u2 p q q'
    have := affine_best_reply hq k1 k0 q' hq'
    grind

/-- In a mixed Nash equilibrium of a 2×2 game, a player puts probability `1` on a pure
strategy that does strictly better than the other against the opponent's mixed strategy. -/
theorem IsMixedNash2x2.gains {g : Game2 Bool Bool} {p q : Rat}
    (h : IsMixedNash2x2 g p q) :
    (0 < rowGain g.u1 q → p = 1) ∧ (rowGain g.u1 q < 0 → p = 0) ∧
      (0 < colGain g.u2 p → q = 1) ∧ (colGain g.u2 p < 0 → q = 0) := by
  obtain ⟨hp, hq, h1, h2⟩ := h
  have r1 := h1 1 (by grind [IsProb])
  have r0 := h1 0 (by grind [IsProb])
  have c1 := h2 1 (by grind [IsProb])
  have c0 := h2 0 (by grind [IsProb])
  have e1 := mixedPayoff_sub_row g.u1 p 1 q
  have e0 := mixedPayoff_sub_row g.u1 p 0 q
  have f1 := mixedPayoff_sub_col g.u2 p q 1
  have f0 := mixedPayoff_sub_col g.u2 p q 0
  refine ⟨fun hG => ?_, fun hG => ?_, fun hG => ?_, fun hG => ?_⟩
  · apply Classical.byContradiction
    intro hne
    have := Rat.mul_pos (a := 1 - p) (b := rowGain g.u1 q) (by grind [IsProb]) hG
    grind
  · apply Classical.byContradiction
    intro hne
    have := Rat.mul_pos (a := p) (b := -rowGain g.u1 q) (by grind [IsProb]) (by grind)
    grind
  · apply Classical.byContradiction
    intro hne
    have := Rat.mul_pos (a := 1 - q) (b := colGain g.u2 p) (by grind [IsProb]) hG
    grind
  · apply Classical.byContradiction
    intro hne
    have := Rat.mul_pos (a := q) (b := -colGain g.u2 p) (by grind [IsProb]) (by grind)
    grind

/-- For every slope there is a probability that is a best reply to it. -/
theorem exists_prob_best_reply (G : Rat) :
    ∃ p, IsProb p ∧ (0 < G → p = 1) ∧ (G < 0 → p = 0) := by
  by_cases h : 0 ≤ G
  · exact ⟨1, by grind [IsProb], fun _ => rfl, fun hG => by grind⟩
  · exact ⟨0, by grind [IsProb], fun hG => by grind, fun _ => rfl⟩

/-- If `a > 0 > b`, some probability `q` makes the affine combination `q a + (1 - q) b` zero. -/
theorem exists_prob_root_pos_neg {a b : Rat} (ha : 0 < a) (hb : b < 0) :
    ∃ q, IsProb q ∧ q * a + (1 - q) * b = 0 := by
  have hD : b - a ≠ 0 := by grind
  have e : b / (b - a) * (b - a) = b := Rat.div_mul_cancel hD
  refine ⟨b / (b - a), ⟨?_, ?_⟩, by grind⟩
  · apply Rat.not_lt.mp
    intro hq
    have := Rat.mul_pos (a := -(b / (b - a))) (b := a - b) (by grind) (by grind)
    grind
  · apply Rat.not_lt.mp
    intro hq
    have := Rat.mul_pos (a := b / (b - a) - 1) (b := a - b) (by grind) (by grind)
    grind

/-- If `a` and `b` have strictly opposite signs, some probability `q` makes
`q a + (1 - q) b` zero (the indifference probability). -/
theorem exists_prob_root {a b : Rat} (h : (0 < a ∧ b < 0) ∨ (a < 0 ∧ 0 < b)) :
    ∃ q, IsProb q ∧ q * a + (1 - q) * b = 0 := by
  rcases h with ⟨ha, hb⟩ | ⟨ha, hb⟩
  · exact exists_prob_root_pos_neg ha hb
  · obtain ⟨q, hq, e⟩ := exists_prob_root_pos_neg (a := -a) (b := -b) (by grind) (by grind)
    exact ⟨q, hq, by grind⟩

/-- If player 1's gain is nonnegative at both pure columns, it is nonnegative against every
mixed column. -/
theorem affine_nonneg {a b q : Rat} (hq : IsProb q) (ha : 0 ≤ a) (hb : 0 ≤ b) :
    0 ≤ q * a + (1 - q) * b := by
  have h1 := Rat.mul_nonneg hq.1 ha
  have h2 := Rat.mul_nonneg (a := 1 - q) (b := b) (by grind [IsProb]) hb
  grind

/-- In a zero-sum game, expected payoffs are zero-sum too. -/
theorem mixedPayoff_zero_sum {g : Game2 Bool Bool} (hz : g.IsZeroSum) (p q : Rat) :
    mixedPayoff g.u2 p q = - mixedPayoff g.u1 p q := by
  unfold mixedPayoff
  rw [hz, hz, hz, hz]
  simp only [Rat.intCast_neg]
  grind

/-- Matching Pennies as a 2×2 game: player 1 wins `1` if the coins match, loses `1` otherwise. -/
def matchingPennies2x2 : Game2 Bool Bool where
  u1 := fun s t => if s = t then 1 else -1
  u2 := fun s t => if s = t then -1 else 1

end EconLean.GameTheory

end
