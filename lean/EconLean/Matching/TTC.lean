module

public import EconLean.Matching.TTCLemmas

/-!
# Housing markets: top trading cycles is in the core

Shapley and Scarf, "On Cores and Indivisibility", *Journal of Mathematical Economics* 1 (1974):
the allocation found by David Gale's top trading cycles algorithm is in the core of the housing
market; Roth and Postlewaite, "Weak versus strong domination in a market with indivisible
goods", *Journal of Mathematical Economics* 4 (1977): with strict preferences it is in the
strict core (no coalition can make a member better off without making another worse off).
Top trading cycles always produces an outcome (`ttc_outcome_exists`), so the strict core is
nonempty. Consequences: top trading cycles is individually rational and Pareto efficient, and (Roth and
Postlewaite 1977) it is the only allocation in the strict core.
All for `n` agents with complete strict preferences over the `n` houses.
-/

@[expose] public section

namespace EconLean.Matching

/-- Top trading cycles (Gale, in Shapley and Scarf 1974) always terminates with an allocation:
every housing market with `n` agents has a top-trading-cycles outcome (agents point to the owner
of their favourite remaining house, the cycles trade and leave, round after round). -/
theorem ttc_outcome_exists {n : Nat} (H : HousingMarket n) :
    ∃ x : Allocation n, ∃ r : Fin n → Nat, IsTTCOutcome H x r := by
  obtain ⟨x, r, _, hinj, hround, htop⟩ := ttc_exists_on H _ (fun _ => true) rfl
  exact ⟨x, r, ⟨fun i j e => hinj i j rfl rfl e, fun i => hround i rfl,
    fun i h hle => htop i h rfl rfl hle⟩⟩

/-- Shapley and Scarf (1974), Roth and Postlewaite (1977): the top-trading-cycles allocation of a
housing market with complete strict preferences is in the strict core: no coalition can
reallocate its own houses so that none of its members is worse off and one is better off. -/
theorem ttc_in_strict_core {n : Nat} (H : HousingMarket n) (hH : H.Complete) (x : Allocation n)
    (r : Fin n → Nat) (hx : IsTTCOutcome H x r) : InStrictCore H x := by
  intro S y ⟨hmaps, hinj, hle, i, hSi, hlt⟩
  rw [ttc_coalition_keeps hH hx S y hmaps hinj hle i hSi] at hlt
  exact Nat.lt_irrefl _ hlt

/-- Top trading cycles is individually rational (Shapley and Scarf 1974): every agent weakly
prefers the house he receives to his own house (complete strict preferences). -/
theorem ttc_individually_rational {n : Nat} (H : HousingMarket n) (hH : H.Complete)
    (x : Allocation n) (r : Fin n → Nat) (hx : IsTTCOutcome H x r) (i : Fin n) :
    H.rank i (x i) ≤ H.rank i i := by
  apply Classical.byContradiction
  intro hnot
  have := ttc_coalition_keeps hH hx (fun j => j = i) (fun j => j) (fun _ h => h)
    (fun a b ha hb _ => ha.trans hb.symm)
    (fun j hj => by
      show H.rank j j ≤ H.rank j (x j)
      rw [hj]
      unfold HousingMarket.rank at hnot ⊢
      omega) i rfl
  rw [← this] at hnot
  exact hnot (Nat.le_refl _)

/-- Top trading cycles is Pareto efficient (Shapley and Scarf 1974): no reallocation of the
houses makes every agent weakly better off and some agent strictly better off (complete strict
preferences). -/
theorem ttc_pareto_efficient {n : Nat} (H : HousingMarket n) (hH : H.Complete)
    (x : Allocation n) (r : Fin n → Nat) (hx : IsTTCOutcome H x r) (y : Allocation n)
    (hy : ∀ i j, y i = y j → i = j) (hle : ∀ i, H.rank i (y i) ≤ H.rank i (x i)) :
    ¬ ∃ i, H.rank i (y i) < H.rank i (x i) := by
  intro ⟨i, hlt⟩
  rw [ttc_coalition_keeps hH hx (fun _ => True) y (fun _ _ => trivial)
    (fun a b _ _ e => hy a b e) (fun j _ => hle j) i trivial] at hlt
  exact Nat.lt_irrefl _ hlt

/-- Roth and Postlewaite (1977): in a housing market with complete strict preferences the strict
core contains exactly one allocation, the top-trading-cycles allocation: every one-to-one
allocation in the strict core equals it. -/
theorem strict_core_allocation_eq_ttc {n : Nat} (H : HousingMarket n) (hH : H.Complete)
    (x : Allocation n) (r : Fin n → Nat) (hx : IsTTCOutcome H x r) (z : Allocation n)
    (hz : ∀ i j, z i = z j → i = j) (hcore : InStrictCore H z) : z = x := by
  have key : ∀ k, ∀ i, r i = k → z i = x i := by
    intro k
    induction k using Nat.strongRecOn with
    | _ k ih =>
      intro i hi
      apply Classical.byContradiction
      intro hne
      have hagree : ∀ a, r a < k → z a = x a := fun a ha => ih (r a) ha a rfl
      have hbetter : ∀ j, r j ≤ k → H.rank j (x j) ≤ H.rank j (z j) := by
        intro j hj
        by_cases hjk : r j < k
        · rw [hagree j hjk]; exact Nat.le_refl _
        · exact hx.top j (z j)
            (by have := ttc_later_round_of_agree hx hz k hagree j (by omega); omega)
      apply hcore (fun j => r j ≤ k) x
      refine ⟨fun j hj => by show r (x j) ≤ k; rw [hx.same_round j]; exact hj,
        fun a b _ _ e => hx.inj a b e, hbetter, i, (by show r i ≤ k; omega), ?_⟩
      have h1 := hbetter i (by omega)
      have h2 := idxOf_ne_of_mem (hH i (x i)) (hH i (z i)) (fun e => hne e.symm)
      unfold HousingMarket.rank at h1 ⊢
      omega
  funext i
  exact key (r i) i rfl

end EconLean.Matching

end
