module

public import EconLean.Auctions.Defs

/-!
# Second-price auctions with a reserve price: main theorems

The seller announces a reserve price `r ≥ 0`; the highest bid wins if it meets the reserve,
and the winner pays the larger of `r` and the highest competing bid (Vickrey 1961; Myerson,
"Optimal auction design", *Mathematics of Operations Research* 6, 1981; Krishna, *Auction
Theory*, 2010, §2.5):

* bidding one's value is weakly dominant, whatever the value (also below the reserve), and
  gives a nonnegative utility;
* the good is sold if and only if some bid meets the reserve;
* when the good is sold the seller's revenue lies between the reserve and the highest bid;
  when no bid meets the reserve the revenue is `0`;
* when the good is sold at reserve `r`, the revenue is at least the revenue of the same
  auction without reserve (reserve `0`): the reserve can only raise the price it is paid.
-/

@[expose] public section

namespace EconLean.Auctions

open EconLean

/-- **Vickrey with a reserve price: truthful bidding is weakly dominant.** In the second-price
auction with reserve price `r ≥ 0`, whatever the other bids `b`, a bidder with value `v`
gets at least as much utility by bidding `v` as by bidding any `x`. -/
theorem second_price_reserve_truthful_weakly_dominant {n : Nat} (r : Rat) (hr : 0 ≤ r)
    (b : Fin n → Rat) (i : Fin n) (v x : Rat) :
    secondPriceReserveUtility r (setBid b i x) i v ≤
      secondPriceReserveUtility r (setBid b i v) i v := by
  unfold secondPriceReserveUtility
  rw [reservePrice_setBid, reservePrice_setBid]
  by_cases ht : WinsAt r (setBid b i v) i
  · have hp : reservePrice r b i ≤ v := by
      have := reservePrice_le_of_winsAt r hr _ i ht
      rwa [reservePrice_setBid, setBid_self] at this
    rw [if_pos ht]
    by_cases hx : WinsAt r (setBid b i x) i
    · rw [if_pos hx]; exact Rat.le_refl
    · rw [if_neg hx]; grind
  · rw [if_neg ht]
    by_cases hx : WinsAt r (setBid b i x) i
    · rw [if_pos hx]
      have := le_reservePrice_of_not_winsAt r b i v ht
      grind
    · rw [if_neg hx]; exact Rat.le_refl

/-- **Truthful bidders get nonnegative utility.** In the second-price auction with reserve
`r ≥ 0`, when everybody bids her value, every bidder's utility is nonnegative: the winner
never pays more than her value. -/
theorem second_price_reserve_truthful_utility_nonneg {n : Nat} (r : Rat) (hr : 0 ≤ r)
    (v : Fin n → Rat) (i : Fin n) : 0 ≤ secondPriceReserveUtility r v i (v i) := by
  unfold secondPriceReserveUtility
  split
  · have := reservePrice_le_of_winsAt r hr v i ‹_›
    grind
  · exact Rat.le_refl

/-- **The good is sold iff some bid meets the reserve.** With at least one bidder, some
bidder wins the auction with reserve `r` if and only if some bid is at least `r`. -/
theorem reserve_sold_iff {n : Nat} (r : Rat) (b : Fin (n + 1) → Rat) :
    (∃ i, WinsAt r b i) ↔ ∃ j, r ≤ b j := by
  constructor
  · rintro ⟨i, hi⟩
    exact ⟨i, hi.1⟩
  · rintro ⟨j, hj⟩
    obtain ⟨i, hi⟩ := exists_wins b
    have := le_of_wins b i hi j
    exact ⟨i, by grind, hi⟩

/-- **Revenue bounds when the good is sold.** In the second-price auction with reserve
`r ≥ 0`, if bidder `i` wins, the seller's revenue is at least the reserve and at most the
winning bid. -/
theorem second_price_reserve_revenue_bounds {n : Nat} (r : Rat) (hr : 0 ≤ r)
    (b : Fin n → Rat) (i : Fin n) (h : WinsAt r b i) :
    r ≤ secondPriceRevenue r b ∧ secondPriceRevenue r b ≤ b i := by
  rw [secondPriceRevenue_eq_of_winsAt r b i h]
  exact ⟨reserve_le_reservePrice r b i, reservePrice_le_of_winsAt r hr b i h⟩

/-- **No sale, no revenue.** If every bid is below the reserve, the good is not sold and the
seller's revenue is `0`. -/
theorem second_price_reserve_revenue_unsold {n : Nat} (r : Rat) (b : Fin n → Rat)
    (h : ∀ j, b j < r) : secondPriceRevenue r b = 0 :=
  finSum_eq_zero n _ (fun j => by
    rw [if_neg (fun hw => by have := h j; have := hw.1; grind)])

/-- **A reserve raises the revenue of a sale.** If the good is sold in the second-price
auction with reserve `r ≥ 0`, the seller's revenue is at least her revenue from the same
bids without a reserve (reserve `0`). -/
theorem reserve_revenue_ge_of_sold {n : Nat} (r : Rat) (hr : 0 ≤ r) (b : Fin n → Rat)
    (i : Fin n) (h : WinsAt r b i) : secondPriceRevenue 0 b ≤ secondPriceRevenue r b := by
  have h0 : WinsAt 0 b i := ⟨by have := h.1; grind, h.2⟩
  rw [secondPriceRevenue_eq_of_winsAt r b i h, secondPriceRevenue_eq_of_winsAt 0 b i h0]
  have e : reservePrice 0 b i = highestOther b i := by
    unfold reservePrice
    rw [Rat.max_def, if_pos (highestOther_nonneg b i)]
  rw [e]
  exact highestOther_le_reservePrice r b i

end EconLean.Auctions

end
