module

public import EconLean.GameTheory.Mixed

/-!
# Mixed strategies in 2×2 games: existence of equilibrium

* Every 2×2 game with integer payoffs has a Nash equilibrium in mixed strategies, with
  rational probabilities (Nash 1950, "Equilibrium points in n-person games", *PNAS* 36, for
  the case of two players with two strategies each). The proof is the textbook case analysis:
  if a pure strategy is always a best reply for one player, she plays it and the other
  replies; otherwise both players' gains change sign, and each player mixes so as to make the
  other indifferent.
* The indifference principle: in a mixed equilibrium, a strictly better pure reply gets
  probability one, so a strictly mixing player is indifferent.
* Matching Pennies (as a 2×2 game) has a unique Nash equilibrium in mixed strategies: both
  players mix `1/2`–`1/2`.
-/

@[expose] public section

namespace EconLean.GameTheory

/-- Nash's theorem for 2×2 games (Nash 1950): every two-player game in which each player has
two pure strategies (integer payoffs) has a mixed-strategy Nash equilibrium; the equilibrium
probabilities are rational. -/
theorem mixed_nash_exists_2x2 (g : Game2 Bool Bool) : ∃ p q, IsMixedNash2x2 g p q := by
  by_cases hA : 0 ≤ (g.u1 true true : Rat) - g.u1 false true ∧
      0 ≤ (g.u1 true false : Rat) - g.u1 false false
  · obtain ⟨q, hq, h1, h0⟩ := exists_prob_best_reply (colGain g.u2 1)
    exact ⟨1, q, isMixedNash2x2_of_gains g (by grind [IsProb]) hq (fun _ => rfl)
      (fun h => absurd h (Rat.not_lt.mpr (affine_nonneg hq hA.1 hA.2))) h1 h0⟩
  by_cases hB : (g.u1 true true : Rat) - g.u1 false true ≤ 0 ∧
      (g.u1 true false : Rat) - g.u1 false false ≤ 0
  · obtain ⟨q, hq, h1, h0⟩ := exists_prob_best_reply (colGain g.u2 0)
    have hn := affine_nonneg hq (a := -((g.u1 true true : Rat) - g.u1 false true))
      (b := -((g.u1 true false : Rat) - g.u1 false false)) (by grind) (by grind)
    refine ⟨0, q, isMixedNash2x2_of_gains g (by grind [IsProb]) hq (fun h => ?_) (fun _ => rfl)
      h1 h0⟩
    unfold rowGain at h
    grind
  by_cases hC : 0 ≤ (g.u2 true true : Rat) - g.u2 true false ∧
      0 ≤ (g.u2 false true : Rat) - g.u2 false false
  · obtain ⟨p, hp, h1, h0⟩ := exists_prob_best_reply (rowGain g.u1 1)
    exact ⟨p, 1, isMixedNash2x2_of_gains g hp (by grind [IsProb]) h1 h0 (fun _ => rfl)
      (fun h => absurd h (Rat.not_lt.mpr (affine_nonneg hp hC.1 hC.2)))⟩
  by_cases hD : (g.u2 true true : Rat) - g.u2 true false ≤ 0 ∧
      (g.u2 false true : Rat) - g.u2 false false ≤ 0
  · obtain ⟨p, hp, h1, h0⟩ := exists_prob_best_reply (rowGain g.u1 0)
    have hn := affine_nonneg hp (a := -((g.u2 true true : Rat) - g.u2 true false))
      (b := -((g.u2 false true : Rat) - g.u2 false false)) (by grind) (by grind)
    refine ⟨p, 0, isMixedNash2x2_of_gains g hp (by grind [IsProb]) h1 h0 (fun h => ?_)
      (fun _ => rfl)⟩
    unfold colGain at h
    grind
  obtain ⟨q, hq, eq⟩ := exists_prob_root (a := (g.u1 true true : Rat) - g.u1 false true)
    (b := (g.u1 true false : Rat) - g.u1 false false) (by grind)
  obtain ⟨p, hp, ep⟩ := exists_prob_root (a := (g.u2 true true : Rat) - g.u2 true false)
    (b := (g.u2 false true : Rat) - g.u2 false false) (by grind)
  have e1 : rowGain g.u1 q = 0 := eq
  have e2 : colGain g.u2 p = 0 := ep
  exact ⟨p, q, isMixedNash2x2_of_gains g hp hq (fun h => by grind) (fun h => by grind)
    (fun h => by grind) (fun h => by grind)⟩

/-- The indifference principle for 2×2 games: in a mixed Nash equilibrium each player puts
all her probability on a pure strategy that does strictly better than the other against the
opponent's mixed strategy; so a player who mixes strictly (`0 < p < 1`) is indifferent between
her two pure strategies. -/
theorem mixed_nash_indifference_2x2 (g : Game2 Bool Bool) (p q : Rat)
    (h : IsMixedNash2x2 g p q) :
    (0 < rowGain g.u1 q → p = 1) ∧ (rowGain g.u1 q < 0 → p = 0) ∧
      (0 < colGain g.u2 p → q = 1) ∧ (colGain g.u2 p < 0 → q = 0) :=
  h.gains

/-- Matching Pennies has a unique Nash equilibrium in mixed strategies: both players mix
`1/2`–`1/2`. -/
theorem matching_pennies_unique_mixed_nash (p q : Rat) :
    IsMixedNash2x2 matchingPennies2x2 p q ↔ p = 1 / 2 ∧ q = 1 / 2 := by
  constructor
  · intro h
    obtain ⟨a1, a0, b1, b0⟩ := h.gains
    have hp := h.1
    have hq := h.2.1
    simp only [rowGain, colGain, matchingPennies2x2] at a1 a0 b1 b0
    simp only [IsProb] at hp hq
    simp at a1 a0 b1 b0
    grind
  · rintro ⟨rfl, rfl⟩
    apply isMixedNash2x2_of_gains matchingPennies2x2 (by grind [IsProb]) (by grind [IsProb])
    all_goals (intro h; simp [rowGain, colGain, matchingPennies2x2] at h)
    all_goals grind

end EconLean.GameTheory

end
