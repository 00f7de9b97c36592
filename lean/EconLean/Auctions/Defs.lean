module

public import EconLean.Equilibrium.FinSum

/-!
# Auctions and the Vickrey–Clarke–Groves mechanism: definitions

Sealed-bid auctions of a single indivisible good among `n` bidders with rational bids
(Vickrey, "Counterspeculation, auctions, and competitive sealed tenders",
*Journal of Finance* 16, 1961; Krishna, *Auction Theory*, 2nd ed. 2010, chapter 2):

* the highest bid wins; ties are broken in favour of the bidder with the lowest index;
* in the second-price (Vickrey) auction the winner pays the highest competing bid, floored at
  the seller's reserve price `0` (so a bidder facing no competitor pays nothing);
* in the first-price auction the winner pays her own bid;
* a bidder with value `v` gets `v − price` if she wins and `0` otherwise.

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

/-- Bidder `i` wins the good at bid profile `b`: her bid is strictly higher than the bids of
all bidders with a smaller index and at least as high as all the others (highest bid wins,
ties go to the lowest index). -/
def Wins {n : Nat} (b : Fin n → Rat) (i : Fin n) : Prop :=
  (∀ j, j < i → b j < b i) ∧ (∀ j, i < j → b j ≤ b i)

/-- `Wins` is decidable (a finite check). It is marked `noncomputable` only because the
embedded (wasm) Lean has no compiled code for core's `Nat.decidableForallFin`; proofs by
`decide` are unaffected, since the kernel evaluates the instance. -/
noncomputable instance {n : Nat} (b : Fin n → Rat) (i : Fin n) : Decidable (Wins b i) := by
  unfold Wins; exact inferInstance

/-- The highest bid among the bidders other than `i`, floored at the reserve price `0`:
the second-price auction's price for bidder `i`. -/
def highestOther {n : Nat} (b : Fin n → Rat) (i : Fin n) : Rat :=
  finMax n (fun j => if j = i then 0 else b j)

/-- The bid profile `b` with bidder `i`'s bid replaced by `x`. -/
def setBid {n : Nat} (b : Fin n → Rat) (i : Fin n) (x : Rat) : Fin n → Rat :=
  fun j => if j = i then x else b j

/-- Utility of bidder `i` with value `v` in the second-price auction at bid profile `b`. -/
noncomputable def secondPriceUtility {n : Nat} (b : Fin n → Rat) (i : Fin n) (v : Rat) : Rat :=
  if Wins b i then v - highestOther b i else 0

/-- Utility of bidder `i` with value `v` in the first-price auction at bid profile `b`. -/
noncomputable def firstPriceUtility {n : Nat} (b : Fin n → Rat) (i : Fin n) (v : Rat) : Rat :=
  if Wins b i then v - b i else 0

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

end EconLean.Auctions

end
