module

public import EconLean.Oligopoly.StackelbergDefs

/-!
# Stackelberg duopoly with linear demand: main theorems

With inverse demand `a − b Q` (`b > 0`) and common marginal cost `c < a`
(von Stackelberg 1934; Tirole 1988, §8.2):

* the leader quantity `(a − c) / (2 b)` with the follower's best-response strategy is a
  subgame-perfect equilibrium, and every subgame-perfect equilibrium has outcome
  `q₁ = (a − c) / (2 b)`, `q₂ = (a − c) / (4 b)`;
* the leader earns more and the follower less than at the Cournot equilibrium, and total
  output is larger than Cournot output.
-/

@[expose] public section

namespace EconLean.Oligopoly

/-- **Stackelberg equilibrium.** With inverse demand `a − b Q` (`b > 0`) and common marginal
cost `c < a`, the leader producing `(a − c) / (2 b)` and the follower replying with her best
response `max 0 ((a − c − b q₁) / (2 b))` to every leader quantity form a subgame-perfect
equilibrium (von Stackelberg 1934; Tirole 1988, §8.2). -/
theorem stackelberg_equilibrium (a b c : Rat) (hb : 0 < b) (hac : c < a) :
    IsStackelbergEquilibrium a b c (stackelbergLeaderQuantity a b c) (followerReply a b c) := by
  refine ⟨fun x _ => followerReply_optimal a b c x hb,
    stackelbergLeaderQuantity_nonneg a b c hb hac, fun x hx => ?_⟩
  by_cases hxs : x = stackelbergLeaderQuantity a b c
  · rw [hxs]; exact Rat.le_refl
  · exact Rat.le_of_lt (leader_profit_lt a b c x hb hac hx hxs)

/-- **Uniqueness of the Stackelberg outcome.** In every subgame-perfect equilibrium of the
linear Stackelberg duopoly (`b > 0`, `c < a`) the leader produces `(a − c) / (2 b)` and the
follower `(a − c) / (4 b)`. -/
theorem stackelberg_unique (a b c q1 : Rat) (R : Rat → Rat) (hb : 0 < b) (hac : c < a)
    (h : IsStackelbergEquilibrium a b c q1 R) :
    q1 = stackelbergLeaderQuantity a b c ∧ R q1 = stackelbergFollowerQuantity a b c := by
  obtain ⟨hf, hq1, hl⟩ := h
  have hR : ∀ x, 0 ≤ x → R x = followerReply a b c x := fun x hx =>
    eq_followerReply_of_optimal a b c x (R x) hb (hf x hx).1 (hf x hx).2
  have hs := stackelbergLeaderQuantity_nonneg a b c hb hac
  have h1 := hl _ hs
  rw [hR _ hs, hR _ hq1] at h1
  have e : q1 = stackelbergLeaderQuantity a b c := Classical.byContradiction fun hne =>
    absurd h1 (Rat.not_le.mpr (leader_profit_lt a b c q1 hb hac hq1 hne))
  refine ⟨e, ?_⟩
  rw [hR _ hq1, e]
  exact followerReply_leader a b c hb hac

/-- **First-mover advantage.** The Stackelberg leader earns `(a − c)² / (8 b)`, strictly more
than the Cournot profit `(a − c)² / (9 b)` (`b > 0`, `c < a`). -/
theorem stackelberg_leader_profit_gt_cournot (a b c : Rat) (hb : 0 < b) (hac : c < a) :
    cournotProfit a b c (cournotQuantity a b c) (cournotQuantity a b c) <
      cournotProfit a b c (stackelbergLeaderQuantity a b c) (stackelbergFollowerQuantity a b c) := by
  have hsq := Rat.mul_pos (a := a - c) (b := a - c) (by grind) (by grind)
  have hpos : 0 < (a - c) * (a - c) / (72 * b) := (Rat.lt_div_iff (by grind)).mpr (by grind)
  have e : cournotProfit a b c (stackelbergLeaderQuantity a b c) (stackelbergFollowerQuantity a b c) -
      cournotProfit a b c (cournotQuantity a b c) (cournotQuantity a b c) =
      (a - c) * (a - c) / (72 * b) := by
    unfold cournotProfit stackelbergLeaderQuantity stackelbergFollowerQuantity cournotQuantity
    grind
  grind

/-- **The follower is worse off than under Cournot.** The Stackelberg follower earns
`(a − c)² / (16 b)`, strictly less than the Cournot profit `(a − c)² / (9 b)`. -/
theorem stackelberg_follower_profit_lt_cournot (a b c : Rat) (hb : 0 < b) (hac : c < a) :
    cournotProfit a b c (stackelbergFollowerQuantity a b c) (stackelbergLeaderQuantity a b c) <
      cournotProfit a b c (cournotQuantity a b c) (cournotQuantity a b c) := by
  have hsq := Rat.mul_pos (a := a - c) (b := a - c) (by grind) (by grind)
  have hpos : 0 < 7 * ((a - c) * (a - c)) / (144 * b) := (Rat.lt_div_iff (by grind)).mpr (by grind)
  have e : cournotProfit a b c (cournotQuantity a b c) (cournotQuantity a b c) -
      cournotProfit a b c (stackelbergFollowerQuantity a b c) (stackelbergLeaderQuantity a b c) =
      7 * ((a - c) * (a - c)) / (144 * b) := by
    unfold cournotProfit stackelbergLeaderQuantity stackelbergFollowerQuantity cournotQuantity
    grind
  grind

/-- **Stackelberg output exceeds Cournot output.** Total Stackelberg output
`3 (a − c) / (4 b)` is strictly larger than total Cournot output `2 (a − c) / (3 b)`
(`b > 0`, `c < a`), so the market price is lower. -/
theorem stackelberg_output_gt_cournot (a b c : Rat) (hb : 0 < b) (hac : c < a) :
    cournotQuantity a b c + cournotQuantity a b c <
      stackelbergLeaderQuantity a b c + stackelbergFollowerQuantity a b c := by
  have hpos : 0 < (a - c) / (12 * b) := (Rat.lt_div_iff (by grind)).mpr (by grind)
  have e : stackelbergLeaderQuantity a b c + stackelbergFollowerQuantity a b c -
      (cournotQuantity a b c + cournotQuantity a b c) = (a - c) / (12 * b) := by
    unfold stackelbergLeaderQuantity stackelbergFollowerQuantity cournotQuantity; grind
  grind

end EconLean.Oligopoly

end
