module

public import EconLean.Cooperative.Defs

/-!
# Desirability in weighted majority games: lemmas

In a weighted majority game `[q; w₀, w₁, w₂]` a player with a larger weight is at least as
desirable as one with a smaller weight (Maschler and Peleg 1966): whatever coalition she
joins, she turns at least as many losing coalitions into winning ones.
-/

@[expose] public section

namespace EconLean.Cooperative

/-- The winning indicator `[q ≤ s]` is monotone in the weight `s`. -/
theorem indicator_le_indicator {q s t : Rat} (h : s ≤ t) :
    (if q ≤ s then (1 : Rat) else 0) ≤ if q ≤ t then 1 else 0 := by
  by_cases h1 : q ≤ s <;> by_cases h2 : q ≤ t <;> simp [h1, h2] <;> grind

/-- **Heavier players are more desirable.** In the weighted majority game `[q; w]`, if
`w j ≤ w i` then player `i` is at least as desirable as player `j`. -/
theorem weightedMajority3_moreDesirable (q : Rat) (w : Fin 3 → Rat) (i j : Fin 3)
    (h : w j ≤ w i) : IsMoreDesirable3 (weightedMajority3 q w) i j := by
  intro a b c ha hb
  simp only [withPlayer, weightedMajority3]
  apply indicator_le_indicator
  rcases fin3_cases i with rfl | rfl | rfl <;> rcases fin3_cases j with rfl | rfl | rfl <;>
    simp_all [mem3, coalitionPayoff3] <;> grind

end EconLean.Cooperative

end
