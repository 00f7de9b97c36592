module

public import EconLean.Matching.TTCDefs

/-!
# Housing markets and top trading cycles: lemmas

The two lemmas behind the core of the housing market (Shapley and Scarf, "On Cores and
Indivisibility", *Journal of Mathematical Economics* 1 (1974); Roth and Postlewaite, "Weak
versus strong domination in a market with indivisible goods", *Journal of Mathematical
Economics* 4 (1977)):
* `ttc_coalition_keeps`: a coalition that reallocates its own houses without making a member
  worse off than under top trading cycles gives every member his top-trading-cycles house;
* `ttc_later_round_of_agree`: an allocation agreeing with top trading cycles on the earlier
  rounds gives the later agents only houses of later rounds.
Both rest on the pigeonhole lemma `exists_preimage_of_mapsTo`.
-/

@[expose] public section

noncomputable section

namespace EconLean.Matching

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
