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
time, in any order, produces such an `(x, r)`.

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

/-- The key lemma for top trading cycles: if a coalition reallocates its own houses so that
nobody in it is worse off than under the top-trading-cycles outcome, then everybody in it gets
exactly his top-trading-cycles house. By strong induction on the round: an agent of round `k`
who got a different, better house would get it from an agent of an earlier round; the members of
the coalition from earlier rounds keep their houses, so (pigeonhole) they hand their houses
round among themselves and none is left for him. -/
theorem ttc_coalition_keeps {n : Nat} {H : HousingMarket n} (hH : H.Complete)
    {x : Allocation n} {r : Fin n → Nat} (hx : IsTTCOutcome H x r) (S : Fin n → Prop)
    (y : Allocation n) (hmaps : ∀ i, S i → S (y i))
    (hinj : ∀ i j, S i → S j → y i = y j → i = j)
    (hle : ∀ i, S i → H.rank i (y i) ≤ H.rank i (x i)) : ∀ i, S i → y i = x i := by
  have key : ∀ k, ∀ i, r i = k → S i → y i = x i := by
    intro k
    induction k using Nat.strongRecOn with
    | _ k ih =>
      intro i hi hSi
      apply Classical.byContradiction
      intro hne
      have hlt : H.rank i (y i) < H.rank i (x i) := by
        have h1 := idxOf_ne_of_mem (hH i (y i)) (hH i (x i)) hne
        have h2 := hle i hSi
        unfold HousingMarket.rank at h2 ⊢
        omega
      have hry : r (y i) < k := by
        apply Classical.byContradiction
        intro hnot
        have := hx.top i (y i) (by omega)
        omega
      obtain ⟨a, ⟨hSa, hra⟩, hxa⟩ := exists_preimage_of_mapsTo (fun a => S a ∧ r a < k) x
        (fun a ⟨hSa, hra⟩ => by
          have hya := ih (r a) hra a rfl hSa
          refine ⟨by rw [← hya]; exact hmaps a hSa, ?_⟩
          rw [hx.same_round a]
          exact hra)
        (fun a b _ _ e => hx.inj a b e) (y i) ⟨hmaps i hSi, hry⟩
      have hya := ih (r a) hra a rfl hSa
      have := hinj a i hSa hSi (hya.trans hxa)
      rw [this] at hra
      omega
  exact fun i hSi => key (r i) i rfl hSi

/-- If an allocation `z` agrees with the top-trading-cycles outcome on every agent leaving before
round `k`, then it gives every agent of round `k` or later a house whose owner leaves in round
`k` or later: the houses of the earlier rounds are all taken by the earlier agents
(pigeonhole). -/
theorem ttc_later_round_of_agree {n : Nat} {H : HousingMarket n} {x : Allocation n}
    {r : Fin n → Nat} (hx : IsTTCOutcome H x r) {z : Allocation n}
    (hz : ∀ i j, z i = z j → i = j) (k : Nat) (hagree : ∀ a, r a < k → z a = x a)
    (j : Fin n) (hj : k ≤ r j) : k ≤ r (z j) := by
  apply Classical.byContradiction
  intro hlt
  obtain ⟨a, hra, hxa⟩ := exists_preimage_of_mapsTo (fun a => r a < k) x
    (fun a ha => by show r (x a) < k; rw [hx.same_round a]; exact ha)
    (fun a b _ _ e => hx.inj a b e) (z j) (by show r (z j) < k; omega)
  have := hz a j ((hagree a hra).trans hxa)
  rw [this] at hra
  omega

end EconLean.Matching

end

end
