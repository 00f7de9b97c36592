module

public import EconLean.Equilibrium.FinSum

/-!
# Auctions and the Vickrey–Clarke–Groves mechanism: definitions

Sealed-bid auctions of a single indivisible good among `n` bidders with rational bids
(Vickrey, "Counterspeculation, auctions, and competitive sealed tenders",
*Journal of Finance* 16, 1961; Krishna, *Auction Theory*, 2nd ed. 2010, chapter 2):

* the seller sets a reserve price `r`; the highest bid wins provided it meets the reserve
  (`r ≤ bid`), ties are broken in favour of the bidder with the lowest index, and if no bid
  meets the reserve the good is not sold;
* in the second-price (Vickrey) auction with reserve `r` the winner pays the larger of `r`
  and the highest competing bid (Krishna 2010, §2.5; Myerson 1981);
* `secondPriceUtility` and `firstPriceUtility` are the auctions with reserve price `0`
  (only nonnegative bids can win, and a bidder facing no competitor pays `0` in the
  second-price auction); in the first-price auction the winner pays her own bid;
* a bidder with value `v` gets `v − price` if she wins and `0` otherwise; the seller's revenue
  is the winner's payment (`0` if the good is unsold).

The Clarke pivot mechanism (Clarke, "Multipart pricing of public goods", *Public Choice* 11,
1971; Groves 1973; Nisan et al., *Algorithmic Game Theory*, 2007, §9.3.3): `n` agents report
valuations over `k + 1` outcomes, an efficient (welfare-maximising) outcome is chosen, and
agent `i` receives the transfer `∑_{j≠i} w_j(o*) − max_o ∑_{j≠i} w_j(o)` (a payment when
negative).

Profiles in which bidder `i`'s bid is replaced by `x` are written `setBid b i x`; this is how
"bidder `i` deviates, the others' bids fixed" is expressed.
-/

@[expose] public section

namespace EconLean.Auctions

open EconLean

/-! ## Single-good sealed-bid auctions -/

/-- Bidder `i` is the highest bidder at bid profile `b`: her bid is strictly higher than the
bids of all bidders with a smaller index and at least as high as all the others (highest bid
wins, ties go to the lowest index). The good goes to her if her bid meets the reserve price
(`WinsAt`). -/
def Wins {n : Nat} (b : Fin n → Rat) (i : Fin n) : Prop :=
  (∀ j, j < i → b j < b i) ∧ (∀ j, i < j → b j ≤ b i)

/-- `Wins` is decidable (a finite check). It is marked `noncomputable` only because the
embedded (wasm) Lean has no compiled code for core's `Nat.decidableForallFin`; proofs by
`decide` are unaffected, since the kernel evaluates the instance. -/
noncomputable instance {n : Nat} (b : Fin n → Rat) (i : Fin n) : Decidable (Wins b i) := by
  unfold Wins; exact inferInstance

/-- Bidder `i` wins the good in an auction with reserve price `r`: she is the highest bidder
(ties to the lowest index) and her bid meets the reserve. -/
def WinsAt {n : Nat} (r : Rat) (b : Fin n → Rat) (i : Fin n) : Prop :=
  r ≤ b i ∧ Wins b i

/-- `WinsAt` is decidable (marked `noncomputable` for the same reason as `Wins`). -/
noncomputable instance {n : Nat} (r : Rat) (b : Fin n → Rat) (i : Fin n) :
    Decidable (WinsAt r b i) := by
  unfold WinsAt; exact inferInstance

/-- The highest bid among the bidders other than `i`, floored at `0`. -/
def highestOther {n : Nat} (b : Fin n → Rat) (i : Fin n) : Rat :=
  finMax n (fun j => if j = i then 0 else b j)

/-- The price bidder `i` pays if she wins the second-price auction with reserve price `r`:
the larger of the reserve and the highest competing bid. -/
def reservePrice {n : Nat} (r : Rat) (b : Fin n → Rat) (i : Fin n) : Rat :=
  max r (highestOther b i)

/-- The bid profile `b` with bidder `i`'s bid replaced by `x`. -/
def setBid {n : Nat} (b : Fin n → Rat) (i : Fin n) (x : Rat) : Fin n → Rat :=
  fun j => if j = i then x else b j

/-- Utility of bidder `i` with value `v` in the second-price auction with reserve price `r`
at bid profile `b`. -/
noncomputable def secondPriceReserveUtility {n : Nat} (r : Rat) (b : Fin n → Rat) (i : Fin n)
    (v : Rat) : Rat :=
  if WinsAt r b i then v - reservePrice r b i else 0

/-- The seller's revenue in the second-price auction with reserve price `r`: the winner's
payment, `0` if no bid meets the reserve. -/
noncomputable def secondPriceRevenue {n : Nat} (r : Rat) (b : Fin n → Rat) : Rat :=
  finSum n (fun i => if WinsAt r b i then reservePrice r b i else 0)

/-- Utility of bidder `i` with value `v` in the second-price auction (reserve price `0`) at
bid profile `b`. -/
noncomputable def secondPriceUtility {n : Nat} (b : Fin n → Rat) (i : Fin n) (v : Rat) : Rat :=
  secondPriceReserveUtility 0 b i v

/-- Utility of bidder `i` with value `v` in the first-price auction (reserve price `0`) at bid
profile `b`. -/
noncomputable def firstPriceUtility {n : Nat} (b : Fin n → Rat) (i : Fin n) (v : Rat) : Rat :=
  if WinsAt 0 b i then v - b i else 0

/-! ## The Clarke pivot mechanism -/

/-- Reported (or true) valuations: `w j o` is agent `j`'s value for outcome `o`, one of the
`k + 1` possible outcomes. -/
abbrev Valuations (n k : Nat) := Fin n → Fin (k + 1) → Rat

/-- Total (reported) welfare `∑ⱼ wⱼ(o)` of outcome `o`. -/
def welfare {n k : Nat} (w : Valuations n k) (o : Fin (k + 1)) : Rat :=
  finSum n (fun j => w j o)

/-- Welfare of the agents other than `i`, `∑_{j≠i} wⱼ(o)`. -/
def welfareOthers {n k : Nat} (w : Valuations n k) (i : Fin n) (o : Fin (k + 1)) : Rat :=
  finSum n (fun j => if j = i then 0 else w j o)

/-- A choice rule is efficient if it always selects an outcome maximising reported
welfare. -/
def IsEfficient {n k : Nat} (choice : Valuations n k → Fin (k + 1)) : Prop :=
  ∀ w o, welfare w o ≤ welfare w (choice w)

/-- The welfare-maximising choice rule (picking a maximiser of total reported welfare). -/
def efficientChoice {n k : Nat} (w : Valuations n k) : Fin (k + 1) :=
  finArgmax k (welfare w)

/-- The Clarke pivot transfer to agent `i`: the others' welfare at the chosen outcome minus
the largest welfare the others could get without `i` (a payment when negative). -/
def clarkeTransfer {n k : Nat} (choice : Valuations n k → Fin (k + 1)) (w : Valuations n k)
    (i : Fin n) : Rat :=
  welfareOthers w i (choice w) - finSup k (welfareOthers w i)

/-- The report profile `w` with agent `i`'s report replaced by `r`. -/
def setReport {n k : Nat} (w : Valuations n k) (i : Fin n) (r : Fin (k + 1) → Rat) :
    Valuations n k :=
  fun j => if j = i then r else w j

/-- Quasi-linear utility of agent `i` with true valuation `v` when the reports are `w`. -/
def clarkeUtility {n k : Nat} (choice : Valuations n k → Fin (k + 1)) (w : Valuations n k)
    (i : Fin n) (v : Fin (k + 1) → Rat) : Rat :=
  v (choice w) + clarkeTransfer choice w i

/-! ## Helper lemmas -/

theorem setBid_self {n : Nat} (b : Fin n → Rat) (i : Fin n) (x : Rat) : setBid b i x i = x := by
  simp [setBid]

theorem setBid_ne {n : Nat} (b : Fin n → Rat) (i j : Fin n) (x : Rat) (h : j ≠ i) :
    setBid b i x j = b j := by
  simp [setBid, h]

/-- Bidder `i`'s price does not depend on her own bid. -/
theorem highestOther_setBid {n : Nat} (b : Fin n → Rat) (i : Fin n) (x : Rat) :
    highestOther (setBid b i x) i = highestOther b i := by
  unfold highestOther setBid
  have : (fun j => if j = i then (0 : Rat) else if j = i then x else b j) =
      (fun j => if j = i then 0 else b j) := by
    funext j; by_cases h : j = i <;> simp [h]
  rw [this]

theorem wins_setBid_iff {n : Nat} (b : Fin n → Rat) (i : Fin n) (x : Rat) :
    Wins (setBid b i x) i ↔ (∀ j, j < i → b j < x) ∧ (∀ j, i < j → b j ≤ x) := by
  unfold Wins
  rw [setBid_self]
  constructor
  · rintro ⟨h1, h2⟩
    exact ⟨fun j hj => by have := h1 j hj; rwa [setBid_ne _ _ _ _ (Fin.ne_of_lt hj)] at this,
      fun j hj => by have := h2 j hj; rwa [setBid_ne _ _ _ _ (Fin.ne_of_gt hj)] at this⟩
  · rintro ⟨h1, h2⟩
    exact ⟨fun j hj => by rw [setBid_ne _ _ _ _ (Fin.ne_of_lt hj)]; exact h1 j hj,
      fun j hj => by rw [setBid_ne _ _ _ _ (Fin.ne_of_gt hj)]; exact h2 j hj⟩

theorem le_highestOther {n : Nat} (b : Fin n → Rat) (i j : Fin n) (h : j ≠ i) :
    b j ≤ highestOther b i := by
  have := le_finMax n (fun j => if j = i then 0 else b j) j
  simpa [h] using this

theorem highestOther_nonneg {n : Nat} (b : Fin n → Rat) (i : Fin n) : 0 ≤ highestOther b i :=
  finMax_nonneg n _

theorem highestOther_le {n : Nat} (b : Fin n → Rat) (i : Fin n) (c : Rat) (hc : 0 ≤ c)
    (h : ∀ j, j ≠ i → b j ≤ c) : highestOther b i ≤ c := by
  refine finMax_le n _ c hc (fun j => ?_)
  by_cases hj : j = i
  · simp [hj]; exact hc
  · simp [hj]; exact h j hj

/-- A winner's bid is at least every other bid. -/
theorem le_of_wins {n : Nat} (b : Fin n → Rat) (i : Fin n) (h : Wins b i) (j : Fin n) :
    b j ≤ b i := by
  rcases Nat.lt_trichotomy j.val i.val with hl | he | hg
  · exact Rat.le_of_lt (h.1 j hl)
  · rw [Fin.ext he]; exact Rat.le_refl
  · exact h.2 j hg

theorem welfareOthers_setReport {n k : Nat} (w : Valuations n k) (i : Fin n)
    (r : Fin (k + 1) → Rat) : welfareOthers (setReport w i r) i = welfareOthers w i := by
  funext o
  unfold welfareOthers setReport
  exact finSum_congr n _ _ (fun j => by by_cases h : j = i <;> simp [h])

/-- Welfare splits into agent `i`'s value and the others' welfare. -/
theorem welfare_eq_add_welfareOthers {n k : Nat} (w : Valuations n k) (i : Fin n)
    (o : Fin (k + 1)) : welfare w o = w i o + welfareOthers w i o :=
  finSum_split n (fun j => w j o) i

theorem setReport_self {n k : Nat} (w : Valuations n k) (i : Fin n) (r : Fin (k + 1) → Rat) :
    setReport w i r i = r := by
  simp [setReport]

/-- With at least one bidder, some bidder is the highest bidder. -/
theorem exists_wins {n : Nat} (b : Fin (n + 1) → Rat) : ∃ i, Wins b i := by
  induction n with
  | zero =>
    refine ⟨0, fun j hj => ?_, fun j hj => ?_⟩
    · have := j.isLt; simp [Fin.lt_def] at hj
    · have := j.isLt; simp [Fin.lt_def] at hj
  | succ n ih =>
    obtain ⟨i, hi⟩ := ih (fun j => b j.castSucc)
    by_cases h : b i.castSucc < b (Fin.last (n + 1))
    · refine ⟨Fin.last (n + 1), fun j hj => ?_, fun j hj => ?_⟩
      · cases j using Fin.lastCases with
        | last => exact absurd hj (Nat.lt_irrefl _)
        | cast j =>
          have := le_of_wins _ i hi j
          grind
      · have := j.isLt; simp [Fin.lt_def] at hj; omega
    · refine ⟨i.castSucc, fun j hj => ?_, fun j hj => ?_⟩
      · cases j using Fin.lastCases with
        | last => have := i.isLt; simp [Fin.lt_def] at hj; omega
        | cast j => exact hi.1 j hj
      · cases j using Fin.lastCases with
        | last => grind
        | cast j => exact hi.2 j hj

/-- There is at most one highest bidder. -/
theorem wins_unique {n : Nat} (b : Fin n → Rat) (i j : Fin n) (hi : Wins b i)
    (hj : Wins b j) : i = j := by
  rcases Nat.lt_trichotomy i.val j.val with h | h | h
  · have h1 := hj.1 i h
    have h2 := le_of_wins b i hi j
    grind
  · exact Fin.ext h
  · have h1 := hi.1 j h
    have h2 := le_of_wins b j hj i
    grind

/-- Bidder `i`'s second-price payment does not depend on her own bid. -/
theorem reservePrice_setBid {n : Nat} (r : Rat) (b : Fin n → Rat) (i : Fin n) (x : Rat) :
    reservePrice r (setBid b i x) i = reservePrice r b i := by
  unfold reservePrice
  rw [highestOther_setBid]

theorem reserve_le_reservePrice {n : Nat} (r : Rat) (b : Fin n → Rat) (i : Fin n) :
    r ≤ reservePrice r b i := by
  unfold reservePrice
  rw [Rat.max_def]
  split <;> grind

theorem highestOther_le_reservePrice {n : Nat} (r : Rat) (b : Fin n → Rat) (i : Fin n) :
    highestOther b i ≤ reservePrice r b i := by
  unfold reservePrice
  rw [Rat.max_def]
  split <;> grind

/-- With a nonnegative reserve, a winner's second-price payment is at most her bid. -/
theorem reservePrice_le_of_winsAt {n : Nat} (r : Rat) (hr : 0 ≤ r) (b : Fin n → Rat)
    (i : Fin n) (h : WinsAt r b i) : reservePrice r b i ≤ b i := by
  have hh := highestOther_le b i (b i) (by have := h.1; grind)
    (fun j _ => le_of_wins b i h.2 j)
  have := h.1
  unfold reservePrice
  rw [Rat.max_def]
  split <;> grind

/-- If bidding `v` does not win the good, the second-price payment is at least `v`: either
`v` is below the reserve or some competitor bids at least `v`. -/
theorem le_reservePrice_of_not_winsAt {n : Nat} (r : Rat) (b : Fin n → Rat) (i : Fin n)
    (v : Rat) (h : ¬ WinsAt r (setBid b i v) i) : v ≤ reservePrice r b i := by
  have h1 := reserve_le_reservePrice r b i
  have h2 := highestOther_le_reservePrice r b i
  by_cases hrv : r ≤ v
  · have hw : ¬ Wins (setBid b i v) i := fun hw => h ⟨by rw [setBid_self]; exact hrv, hw⟩
    have ht : ¬((∀ j, j < i → b j < v) ∧ (∀ j, i < j → b j ≤ v)) :=
      fun h' => hw ((wins_setBid_iff b i v).mpr h')
    have : ∃ j, j ≠ i ∧ v ≤ b j := Classical.byContradiction fun hne =>
      ht ⟨fun j hj => Rat.not_le.mp fun h' => hne ⟨j, Fin.ne_of_lt hj, h'⟩,
        fun j hj => Rat.le_of_lt (Rat.not_le.mp fun h' => hne ⟨j, Fin.ne_of_gt hj, h'⟩)⟩
    obtain ⟨j, hj, hvj⟩ := this
    have := le_highestOther b i j hj
    grind
  · grind

/-- The revenue of the second-price auction with reserve is the winner's payment. -/
theorem secondPriceRevenue_eq_of_winsAt {n : Nat} (r : Rat) (b : Fin n → Rat) (i : Fin n)
    (h : WinsAt r b i) : secondPriceRevenue r b = reservePrice r b i := by
  unfold secondPriceRevenue
  rw [finSum_single n _ i (fun j hj => by
    rw [if_neg (fun hj' => hj (wins_unique b j i hj'.2 h.2))]), if_pos h]

end EconLean.Auctions

end
