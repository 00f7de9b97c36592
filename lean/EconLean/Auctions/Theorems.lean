module

public import EconLean.Auctions.Reserve

/-!
# Auctions and the Clarke pivot mechanism: main theorems

* Vickrey (1961): in the second-price sealed-bid auction (reserve price `0`; the general
  reserve is in `EconLean.Auctions.Reserve`), bidding one's value weakly dominates every
  other bid (it is never worse, and with a competitor present it is
  strictly better against some bids); under truthful bidding the winner has the highest
  value and gets a nonnegative utility. Winners exist and are unique under the fixed
  tie-break.
* First-price auction: truthful bidding yields zero utility, overbidding is weakly
  dominated by truthful bidding, and shading the bid can be strictly profitable, so
  truthful bidding is not dominant (Krishna, *Auction Theory*, 2010, §2.3).
* Clarke (1971) pivot rule: with an efficient choice rule, truthful reporting is a dominant
  strategy (dominant-strategy incentive compatibility), transfers are never positive (no
  agent is paid, so the mechanism never runs a deficit), a non-pivotal agent pays nothing,
  and with nonnegative valuations truthful agents get nonnegative utility
  (Nisan et al., *Algorithmic Game Theory*, 2007, Theorem 9.17 and Lemma 9.20).
-/

@[expose] public section

namespace EconLean.Auctions

open EconLean

/-- **Vickrey: truthful bidding is weakly dominant.** In the second-price auction, whatever
the other bids `b`, a bidder with nonnegative value `v` gets at least as much utility by
bidding `v` as by bidding any `x`. -/
theorem vickrey_truthful_weakly_dominant {n : Nat} (b : Fin n → Rat) (i : Fin n) (v x : Rat)
    (hv : 0 ≤ v) :
    secondPriceUtility (setBid b i x) i v ≤ secondPriceUtility (setBid b i v) i v :=
  second_price_reserve_truthful_weakly_dominant 0 Rat.le_refl b i v x

/-- **Vickrey: truthful bidding is strictly better against some bids.** If bidder `i` has a
competitor `j` and a positive value `v`, then for every other nonnegative bid `x ≠ v` there
are bids of the others against which bidding `v` gives strictly more utility than bidding
`x` (so truthful bidding weakly dominates every other bid in the strict sense). -/
theorem vickrey_truthful_strictly_better {n : Nat} (i j : Fin n) (hji : j ≠ i) (v x : Rat)
    (hv : 0 < v) (hx : 0 ≤ x) (hxv : x ≠ v) :
    ∃ b : Fin n → Rat,
      secondPriceUtility (setBid b i x) i v < secondPriceUtility (setBid b i v) i v := by
  refine ⟨fun _ => (x + v) / 2, ?_⟩
  have hp : reservePrice 0 (fun _ => (x + v) / 2) i = (x + v) / 2 := by
    have h1 : highestOther (fun _ => (x + v) / 2) i = (x + v) / 2 :=
      Rat.le_antisymm (highestOther_le _ i _ (by grind) (fun _ _ => Rat.le_refl))
        (le_highestOther _ i j hji)
    unfold reservePrice
    rw [h1, Rat.max_def, if_pos (by grind)]
  unfold secondPriceUtility secondPriceReserveUtility
  rw [reservePrice_setBid, reservePrice_setBid, hp]
  have hwin : ∀ y, (x + v) / 2 < y → WinsAt 0 (setBid (fun _ => (x + v) / 2) i y) i :=
    fun y hy => ⟨by rw [setBid_self]; grind,
      (wins_setBid_iff _ i y).mpr ⟨fun _ _ => hy, fun _ _ => Rat.le_of_lt hy⟩⟩
  have hlose : ∀ y, y < (x + v) / 2 → ¬ WinsAt 0 (setBid (fun _ => (x + v) / 2) i y) i :=
    fun y hy h => by
      have := le_of_wins _ i h.2 j
      rw [setBid_ne _ _ _ _ hji, setBid_self] at this
      grind
  by_cases h : x < v
  · rw [if_pos (hwin v (by grind)), if_neg (hlose x (by grind))]; grind
  · rw [if_pos (hwin x (by grind)), if_neg (hlose v (by grind))]; grind

/-- **Vickrey: the winner has the highest value.** When everybody bids her value, the
bidder who wins the good has a value at least as high as every other bidder's. -/
theorem vickrey_winner_highest_value {n : Nat} (v : Fin n → Rat) (i : Fin n)
    (h : Wins v i) (j : Fin n) : v j ≤ v i :=
  le_of_wins v i h j

/-- **Vickrey: truthful bidders get nonnegative utility.** When everybody bids her
(nonnegative) value, every bidder's utility in the second-price auction is nonnegative:
the winner never pays more than her value. -/
theorem vickrey_truthful_utility_nonneg {n : Nat} (v : Fin n → Rat) (hv : ∀ j, 0 ≤ v j)
    (i : Fin n) : 0 ≤ secondPriceUtility v i (v i) :=
  second_price_reserve_truthful_utility_nonneg 0 Rat.le_refl v i

/-- **The highest bidder is unique.** With the lowest-index tie-break at most one bidder is
the highest bidder (so at most one bidder wins, whatever the reserve). -/
theorem auction_winner_unique {n : Nat} (b : Fin n → Rat) (i j : Fin n) (hi : Wins b i)
    (hj : Wins b j) : i = j :=
  wins_unique b i j hi hj

/-- **A highest bidder exists.** With at least one bidder, some bidder is the highest bidder
(she wins the good when her bid meets the reserve: `reserve_sold_iff`). -/
theorem auction_winner_exists {n : Nat} (b : Fin (n + 1) → Rat) : ∃ i, Wins b i :=
  exists_wins b

/-- **First-price auction: truthful bidding yields zero utility.** Bidding one's value in a
first-price auction gives utility `0` whatever the other bids. -/
theorem first_price_truthful_utility_zero {n : Nat} (b : Fin n → Rat) (i : Fin n) (v : Rat) :
    firstPriceUtility (setBid b i v) i v = 0 := by
  unfold firstPriceUtility
  rw [setBid_self]
  split <;> grind

/-- **First-price auction: overbidding is weakly dominated.** Bidding `x ≥ v` never gives
more utility than bidding one's value `v`. -/
theorem first_price_overbid_dominated {n : Nat} (b : Fin n → Rat) (i : Fin n) (v x : Rat)
    (hvx : v ≤ x) :
    firstPriceUtility (setBid b i x) i v ≤ firstPriceUtility (setBid b i v) i v := by
  unfold firstPriceUtility
  rw [setBid_self, setBid_self]
  split <;> split <;> grind

/-- **First-price auction: truthful bidding is not dominant.** A bidder with a positive value
`v` can face bids of the others against which some bid below `v` gives strictly more utility
than bidding `v`. -/
theorem first_price_shading_profitable {n : Nat} (i : Fin n) (v : Rat) (hv : 0 < v) :
    ∃ (b : Fin n → Rat) (x : Rat), x < v ∧
      firstPriceUtility (setBid b i v) i v < firstPriceUtility (setBid b i x) i v := by
  refine ⟨fun _ => 0, v / 2, by grind, ?_⟩
  have hw : WinsAt 0 (setBid (fun _ => 0) i (v / 2)) i :=
    ⟨by rw [setBid_self]; grind,
      (wins_setBid_iff _ i _).mpr ⟨fun _ _ => by grind, fun _ _ => by grind⟩⟩
  have hw' : WinsAt 0 (setBid (fun _ => 0) i v) i :=
    ⟨by rw [setBid_self]; exact Rat.le_of_lt hv,
      (wins_setBid_iff _ i _).mpr ⟨fun _ _ => hv, fun _ _ => Rat.le_of_lt hv⟩⟩
  unfold firstPriceUtility
  rw [if_pos hw, if_pos hw', setBid_self, setBid_self]
  grind

/-- **The welfare-maximising choice rule is efficient.** `efficientChoice` always selects an
outcome that maximises total reported welfare. -/
theorem efficientChoice_isEfficient {n k : Nat} :
    IsEfficient (efficientChoice (n := n) (k := k)) :=
  fun w o => le_finArgmax k (welfare w) o

/-- **Clarke pivot mechanism is dominant-strategy incentive compatible.** With an efficient
choice rule and Clarke pivot transfers, whatever the other agents report, agent `i` with
true valuation `v` gets at least as much utility by reporting `v` as by reporting any `r`. -/
theorem clarke_truthful_dominant {n k : Nat} (choice : Valuations n k → Fin (k + 1))
    (hc : IsEfficient choice) (w : Valuations n k) (i : Fin n) (v r : Fin (k + 1) → Rat) :
    clarkeUtility choice (setReport w i r) i v ≤ clarkeUtility choice (setReport w i v) i v := by
  unfold clarkeUtility clarkeTransfer
  rw [welfareOthers_setReport, welfareOthers_setReport]
  have h := hc (setReport w i v) (choice (setReport w i r))
  rw [welfare_eq_add_welfareOthers _ i, welfare_eq_add_welfareOthers _ i, setReport_self,
    welfareOthers_setReport] at h
  grind

/-- **Clarke pivot transfers are never positive.** Under the Clarke pivot rule no agent is
ever paid: every transfer is a (nonnegative) payment. -/
theorem clarke_transfer_nonpos {n k : Nat} (choice : Valuations n k → Fin (k + 1))
    (w : Valuations n k) (i : Fin n) : clarkeTransfer choice w i ≤ 0 := by
  unfold clarkeTransfer
  have := le_finSup k (welfareOthers w i) (choice w)
  grind

/-- **The Clarke mechanism never runs a deficit.** The sum of all Clarke pivot transfers is
nonpositive (weak budget balance). -/
theorem clarke_no_deficit {n k : Nat} (choice : Valuations n k → Fin (k + 1))
    (w : Valuations n k) : finSum n (fun i => clarkeTransfer choice w i) ≤ 0 := by
  have h := finSum_le n (fun i => clarkeTransfer choice w i) (fun _ => 0) (fun i => by
    unfold clarkeTransfer
    have := le_finSup k (welfareOthers w i) (choice w)
    grind)
  rwa [finSum_eq_zero n (fun _ => 0) (fun _ => rfl)] at h

/-- **A non-pivotal agent pays nothing.** If the chosen outcome already maximises the welfare
of the agents other than `i`, agent `i`'s Clarke transfer is zero. -/
theorem clarke_transfer_eq_zero_of_not_pivotal {n k : Nat}
    (choice : Valuations n k → Fin (k + 1)) (w : Valuations n k) (i : Fin n)
    (h : ∀ o, welfareOthers w i o ≤ welfareOthers w i (choice w)) :
    clarkeTransfer choice w i = 0 := by
  unfold clarkeTransfer
  have h1 := le_finSup k (welfareOthers w i) (choice w)
  have h2 := finSup_le k (welfareOthers w i) _ h
  grind

/-- **Clarke mechanism is individually rational.** With an efficient choice rule and
nonnegative valuations, every agent reporting truthfully gets nonnegative utility. -/
theorem clarke_individually_rational {n k : Nat} (choice : Valuations n k → Fin (k + 1))
    (hc : IsEfficient choice) (w : Valuations n k) (hw : ∀ j o, 0 ≤ w j o) (i : Fin n) :
    0 ≤ clarkeUtility choice w i (w i) := by
  obtain ⟨o, ho⟩ := finSup_attained k (welfareOthers w i)
  have h1 := hc w o
  have e1 := welfare_eq_add_welfareOthers w i o
  have e2 := welfare_eq_add_welfareOthers w i (choice w)
  have := hw i o
  unfold clarkeUtility clarkeTransfer
  grind

end EconLean.Auctions

end
