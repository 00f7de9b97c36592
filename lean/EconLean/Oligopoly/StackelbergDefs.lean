module

public import EconLean.Oligopoly.Defs

/-!
# Stackelberg duopoly with linear demand: definitions

Von Stackelberg, *Marktform und Gleichgewicht* (1934); Tirole, *The Theory of Industrial
Organization* (1988), §8.2. Two firms with common constant marginal cost `c` face inverse
demand `P(Q) = a − b Q`; the leader chooses its quantity first, the follower observes it and
chooses its own. Profits are those of the Cournot model (`cournotProfit`). A follower
strategy is a function from leader quantities to quantities; a subgame-perfect equilibrium
asks the follower to best-respond after every leader quantity and the leader to maximise
given that strategy.

Helper lemmas: the follower's truncated best response is optimal and unique, it answers
`(a − c) / (4 b)` to `(a − c) / (2 b)`, and every other leader quantity gives the leader
strictly less profit.
-/

@[expose] public section

namespace EconLean.Oligopoly

/-- The follower's reply to the leader's quantity `q1`: the best response
`(a − c − b q1) / (2 b)` when it is nonnegative, otherwise `0`. -/
def followerReply (a b c q1 : Rat) : Rat :=
  if 0 ≤ bestResponse a b c q1 then bestResponse a b c q1 else 0

/-- The Stackelberg leader's quantity `(a − c) / (2 b)` (the monopoly quantity). -/
def stackelbergLeaderQuantity (a b c : Rat) : Rat := (a - c) / (2 * b)

/-- The Stackelberg follower's quantity `(a − c) / (4 b)`. -/
def stackelbergFollowerQuantity (a b c : Rat) : Rat := (a - c) / (4 * b)

/-- A subgame-perfect equilibrium of the Stackelberg game: the leader chooses `q1 ≥ 0`, the
follower's strategy `R` maps each nonnegative leader quantity to a nonnegative quantity;
the follower best-responds to every leader quantity (sequential rationality in every
subgame), and the leader's quantity maximises her profit given the follower's strategy. -/
def IsStackelbergEquilibrium (a b c q1 : Rat) (R : Rat → Rat) : Prop :=
  (∀ x, 0 ≤ x → 0 ≤ R x ∧ ∀ q, 0 ≤ q → cournotProfit a b c q x ≤ cournotProfit a b c (R x) x) ∧
    0 ≤ q1 ∧ ∀ x, 0 ≤ x → cournotProfit a b c x (R x) ≤ cournotProfit a b c q1 (R q1)

/-- The best response is negative exactly when `a − c − b q1 < 0`. -/
theorem bestResponse_neg_iff (a b c x : Rat) (hb : 0 < b) :
    bestResponse a b c x < 0 ↔ a - c - b * x < 0 := by
  unfold bestResponse
  rw [Rat.div_lt_iff (by grind)]
  grind

/-- The follower's reply is a nonnegative best response to every leader quantity. -/
theorem followerReply_optimal (a b c x : Rat) (hb : 0 < b) :
    0 ≤ followerReply a b c x ∧
      ∀ q, 0 ≤ q → cournotProfit a b c q x ≤ cournotProfit a b c (followerReply a b c x) x := by
  unfold followerReply
  by_cases hr : 0 ≤ bestResponse a b c x
  · rw [if_pos hr]
    exact ⟨hr, fun q _ => cournotProfit_le_bestResponse a b c x q hb⟩
  · rw [if_neg hr]
    have hA := (bestResponse_neg_iff a b c x hb).mp (Rat.not_le.mp hr)
    refine ⟨Rat.le_refl, fun q hq => ?_⟩
    have h1 := Rat.mul_nonneg (Rat.le_of_lt hb) hq
    have h2 := Rat.mul_nonneg (a := b * q - (a - c - b * x)) (b := q) (by grind) hq
    unfold cournotProfit
    grind

/-- The follower's best response among nonnegative quantities is unique. -/
theorem eq_followerReply_of_optimal (a b c x y : Rat) (hb : 0 < b) (hy : 0 ≤ y)
    (hopt : ∀ q, 0 ≤ q → cournotProfit a b c q x ≤ cournotProfit a b c y x) :
    y = followerReply a b c x := by
  unfold followerReply
  by_cases hr : 0 ≤ bestResponse a b c x
  · rw [if_pos hr]; exact eq_bestResponse_of_optimal a b c y x hb hr hopt
  · rw [if_neg hr]
    exact eq_zero_of_optimal_of_bestResponse_neg a b c y x hb (Rat.not_le.mp hr) hy hopt

/-- The leader's quantity is nonnegative when `a > c`. -/
theorem stackelbergLeaderQuantity_nonneg (a b c : Rat) (hb : 0 < b) (hac : c < a) :
    0 ≤ stackelbergLeaderQuantity a b c := by
  unfold stackelbergLeaderQuantity
  exact Rat.le_of_lt ((Rat.lt_div_iff (by grind)).mpr (by grind))

/-- The follower replies to the leader's quantity `(a − c) / (2 b)` with `(a − c) / (4 b)`. -/
theorem followerReply_leader (a b c : Rat) (hb : 0 < b) (hac : c < a) :
    followerReply a b c (stackelbergLeaderQuantity a b c) = stackelbergFollowerQuantity a b c := by
  have e : bestResponse a b c (stackelbergLeaderQuantity a b c) =
      stackelbergFollowerQuantity a b c := by
    unfold bestResponse stackelbergLeaderQuantity stackelbergFollowerQuantity; grind
  have h : 0 ≤ stackelbergFollowerQuantity a b c := by
    unfold stackelbergFollowerQuantity
    exact Rat.le_of_lt ((Rat.lt_div_iff (by grind)).mpr (by grind))
  unfold followerReply
  rw [e, if_pos h]

/-- A nonzero square is positive. -/
theorem mul_self_pos_of_ne (x y : Rat) (h : x ≠ y) : 0 < (x - y) * (x - y) := by
  by_cases hl : x < y
  · have := Rat.mul_pos (a := y - x) (b := y - x) (by grind) (by grind)
    grind
  · exact Rat.mul_pos (by grind) (by grind)

/-- Any nonnegative leader quantity other than `(a − c) / (2 b)` gives the leader strictly
less profit, given the follower's reply (on the interior branch the gap is
`(b / 2) (x − q*)²`; where the follower stays out the leader makes a loss). -/
theorem leader_profit_lt (a b c x : Rat) (hb : 0 < b) (hac : c < a) (hx : 0 ≤ x)
    (hne : x ≠ stackelbergLeaderQuantity a b c) :
    cournotProfit a b c x (followerReply a b c x) <
      cournotProfit a b c (stackelbergLeaderQuantity a b c)
        (followerReply a b c (stackelbergLeaderQuantity a b c)) := by
  rw [followerReply_leader a b c hb hac]
  have hs : cournotProfit a b c (stackelbergLeaderQuantity a b c)
      (stackelbergFollowerQuantity a b c) = b / 2 *
        (stackelbergLeaderQuantity a b c * stackelbergLeaderQuantity a b c) := by
    unfold cournotProfit stackelbergLeaderQuantity stackelbergFollowerQuantity; grind
  have hsq := mul_self_pos_of_ne x (stackelbergLeaderQuantity a b c) hne
  unfold followerReply
  by_cases hr : 0 ≤ bestResponse a b c x
  · rw [if_pos hr]
    have e : cournotProfit a b c x (bestResponse a b c x) = b / 2 *
        (stackelbergLeaderQuantity a b c * stackelbergLeaderQuantity a b c) -
          b / 2 * ((x - stackelbergLeaderQuantity a b c) * (x - stackelbergLeaderQuantity a b c)) := by
      unfold cournotProfit bestResponse stackelbergLeaderQuantity; grind
    have := Rat.mul_pos (a := b / 2) (by grind) hsq
    grind
  · rw [if_neg hr]
    have hA := (bestResponse_neg_iff a b c x hb).mp (Rat.not_le.mp hr)
    have hxpos : 0 < x := Rat.not_le.mp fun h => by
      have : x = 0 := Rat.le_antisymm h hx
      subst this; grind
    have h1 := Rat.mul_pos (a := -(a - c - b * x)) (b := x) (by grind) hxpos
    have h2 := Rat.mul_nonneg (a := b / 2) (by grind) (mul_self_nonneg (stackelbergLeaderQuantity a b c))
    rw [hs]
    unfold cournotProfit
    grind

end EconLean.Oligopoly

end
