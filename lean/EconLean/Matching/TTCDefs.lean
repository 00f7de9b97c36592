module

public import EconLean.Matching.Stability

/-!
# Housing markets and top trading cycles: definitions

The housing market of Shapley and Scarf, "On Cores and Indivisibility", *Journal of
Mathematical Economics* 1 (1974): `n` agents, agent `i` owns house `i` and ranks all houses
strictly. An allocation gives each agent one house. The top trading cycles algorithm (Gale, in
Shapley and Scarf 1974) lets every remaining agent point to the owner of his favourite
remaining house, and removes the cycles, each agent receiving the house he points to.

`IsTTCOutcome H x r` says that the allocation `x` results from removing cycles in rounds:
agent `i` leaves in round `r i`, the owner of the house he receives leaves in the same round
(so the agents of a round trade their houses in cycles among themselves), and the house he
receives is his favourite among the houses still on the market at his round (those whose owners
leave at the same round or later). Removing the cycles of the pointing graph one round at a
time, in any order, produces such an `(x, r)`; `housingExample3_ttc` is one.

Blocking and the (strict) core (Roth and Postlewaite, "Weak versus strong domination in a
market with indivisible goods", *Journal of Mathematical Economics* 4 (1977)): a coalition
blocks an allocation if it can reallocate its own houses so that nobody in it is worse off and
somebody is better off.
-/

@[expose] public section

noncomputable section

namespace EconLean.Matching

/-- A housing market (Shapley and Scarf 1974): agent `i` owns house `i` and ranks houses,
best first. -/
structure HousingMarket (n : Nat) where
  /-- agent `i`'s preference list over houses, best first -/
  pref : Fin n → List (Fin n)

/-- Position of house `h` in agent `i`'s list (0 = best). -/
def HousingMarket.rank {n : Nat} (H : HousingMarket n) (i h : Fin n) : Nat := (H.pref i).idxOf h

/-- Complete preferences: every agent lists every house (ranks are then strict). -/
def HousingMarket.Complete {n : Nat} (H : HousingMarket n) : Prop := ∀ i h, h ∈ H.pref i

/-- An allocation gives agent `i` the house `x i` (a reallocation of the houses when
one-to-one). -/
abbrev Allocation (n : Nat) := Fin n → Fin n

/-- `x` is the outcome of top trading cycles, agent `i` leaving in round `r i`: `x` is
one-to-one, the owner of `x i` leaves in the same round as `i`, and `x i` is `i`'s favourite
house among those whose owners leave in his round or later. -/
structure IsTTCOutcome {n : Nat} (H : HousingMarket n) (x : Allocation n) (r : Fin n → Nat) :
    Prop where
  /-- every house goes to one agent -/
  inj : ∀ i j, x i = x j → i = j
  /-- agents trade within their round: the owner of `x i` leaves with `i` -/
  same_round : ∀ i, r (x i) = r i
  /-- each agent gets his favourite house among those still on the market -/
  top : ∀ i h, r i ≤ r h → H.rank i (x i) ≤ H.rank i h

/-- Coalition `S` weakly blocks allocation `x` through `y`: `y` reallocates the houses of `S`
among the members of `S` (one-to-one), nobody in `S` is worse off than under `x`, and somebody
in `S` is better off. -/
def WeaklyBlocks {n : Nat} (H : HousingMarket n) (x : Allocation n) (S : Fin n → Prop)
    (y : Allocation n) : Prop :=
  (∀ i, S i → S (y i)) ∧ (∀ i j, S i → S j → y i = y j → i = j) ∧
    (∀ i, S i → H.rank i (y i) ≤ H.rank i (x i)) ∧ (∃ i, S i ∧ H.rank i (y i) < H.rank i (x i))

/-- The strict core: no coalition weakly blocks. -/
def InStrictCore {n : Nat} (H : HousingMarket n) (x : Allocation n) : Prop :=
  ∀ S y, ¬ WeaklyBlocks H x S y

/-! ## An example -/

/-- A three-agent housing market: agents `0` and `1` each rank the other's house first; agent
`2` ranks house `0` first, then house `1`, then his own. -/
def housingExample3 : HousingMarket 3 where
  pref := fun i => [[1, 0, 2], [0, 1, 2], [0, 1, 2]].getD i.val []

/-- `housingExample3` has complete preferences. -/
theorem housingExample3_complete : housingExample3.Complete := by
  unfold HousingMarket.Complete
  decide

/-- In `housingExample3` top trading cycles first removes the cycle `0 → 1 → 0` (agents `0`
and `1` swap houses), then agent `2` keeps his own house: a top-trading-cycles outcome (so the
definition is not vacuous). -/
theorem housingExample3_ttc :
    IsTTCOutcome housingExample3 (fun i => [1, 0, 2].getD i.val i)
      (fun i => [0, 0, 1].getD i.val 0) := by
  refine ⟨?_, ?_, ?_⟩ <;> decide

end EconLean.Matching

end

end
