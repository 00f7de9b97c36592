module

public import EconLean.Matching.Stability

/-!
# Two-sided matching: the structure of the set of stable matchings

For the marriage model with `n` men, `n` women and complete strict preferences:
* Knuth's opposition of interests (Knuth, *Mariages stables*, 1976; Roth and Sotomayor,
  *Two-Sided Matching*, 1990, Theorem 2.13): if every man weakly prefers `μ` to a stable `μ'`,
  every woman weakly prefers `μ'` to `μ`;
* men-proposing deferred acceptance is man-optimal (Gale and Shapley, "College Admissions and
  the Stability of Marriage", *American Mathematical Monthly* 69 (1962), Theorem 2; Roth and
  Sotomayor 1990, Theorem 2.12) and woman-pessimal (McVitie and Wilson, "Stable marriage
  assignment for unequal sets", *BIT* 10 (1970); Roth and Sotomayor 1990, Corollary 2.14),
  and it is the only man-optimal stable matching;
* the lattice of stable matchings (Conway, in Knuth 1976; Roth and Sotomayor 1990,
  Theorem 2.16): the men's join of two stable matchings is stable, and it gives every woman the
  worse of her two husbands.
-/

@[expose] public section

namespace EconLean.Matching

/-- Knuth (1976), opposition of interests (Roth and Sotomayor 1990, Theorem 2.13): if `μ'` is
stable and every man weakly prefers his `μ`-wife to his `μ'`-wife, then every woman weakly
prefers her `μ'`-husband to her `μ`-husband (complete strict preferences, `n` men and `n`
women). Here `μ` is any assignment of wives; in particular the theorem holds for two stable
matchings `μ`, `μ'`. -/
theorem knuth_opposing_interests {n : Nat} (M : Market n) (hM : M.Complete)
    (μ μ' : Matching n) (hμ' : IsStable M μ')
    (hmen : ∀ m, M.mRank m (μ m) ≤ M.mRank m (μ' m)) :
    ∀ w m m', μ m = w → μ' m' = w → M.wRank w m' ≤ M.wRank w m := by
  intro w m m' hm hm'
  by_cases he : m = m'
  · rw [he]; exact Nat.le_refl _
  · have hne : μ m ≠ μ' m := fun e => he (hμ'.1 m m' (e.symm.trans (hm.trans hm'.symm)))
    obtain ⟨a, ha, hlt⟩ := woman_prefers_stable_husband_of_man_prefers M hM μ μ' hμ' m
      (mRank_lt_of_le_of_ne hM (hmen m) hne)
    rw [hμ'.1 a m' (ha.trans (hm.trans hm'.symm)), hm] at hlt
    exact Nat.le_of_lt hlt

/-- Gale and Shapley (1962, Theorem 2; Roth and Sotomayor 1990, Theorem 2.12): men-proposing
deferred acceptance is man-optimal. Every man weakly prefers his deferred-acceptance wife to
his wife in any stable matching (`n` men and `n` women; every man ranks every woman exactly once
and every woman ranks every man). -/
theorem deferred_acceptance_man_optimal {n : Nat} (M : Market n) (hM : M.Complete)
    (hnd : ∀ m, (M.menPref m).Nodup) (μ : Matching n) (hμ : IsStable M μ) (m : Fin n) :
    M.mRank m (daMatching M m) ≤ M.mRank m (μ m) := by
  obtain ⟨hinv, hfin⟩ := daRun_final M (fun m => length_le_of_nodup_fin _ (hnd m))
  obtain ⟨w, hw⟩ := all_held_of_final hM hinv hfin m
  rw [daMatching_eq_of_held hinv hw]
  exact held_rank_le hM hinv
    (daRun_noRejection hM hμ (n * n) _ (daInv_init M) (noRejection_init M μ)) hw

/-- Men-proposing deferred acceptance is woman-pessimal (McVitie and Wilson 1970; Roth and
Sotomayor 1990, Corollary 2.14): every woman weakly prefers her husband in any stable matching
to her deferred-acceptance husband (same assumptions as `deferred_acceptance_man_optimal`). -/
theorem deferred_acceptance_woman_pessimal {n : Nat} (M : Market n) (hM : M.Complete)
    (hnd : ∀ m, (M.menPref m).Nodup) (μ : Matching n) (hμ : IsStable M μ) :
    ∀ w m m', daMatching M m = w → μ m' = w → M.wRank w m' ≤ M.wRank w m := by
  obtain ⟨hinv, hfin⟩ := daRun_final M (fun m => length_le_of_nodup_fin _ (hnd m))
  have hr := daRun_noRejection hM hμ (n * n) _ (daInv_init M) (noRejection_init M μ)
  intro w m m' hm hm'
  by_cases he : m = m'
  · rw [he]; exact Nat.le_refl _
  · obtain ⟨w0, hw0⟩ := all_held_of_final hM hinv hfin m
    have hopt := held_rank_le hM hinv hr hw0
    rw [← daMatching_eq_of_held hinv hw0] at hopt
    have hne : daMatching M m ≠ μ m := fun e => he (hμ.1 m m' (e.symm.trans (hm.trans hm'.symm)))
    obtain ⟨a, ha, hlt⟩ := woman_prefers_stable_husband_of_man_prefers M hM (daMatching M) μ hμ
      m (mRank_lt_of_le_of_ne hM hopt hne)
    rw [hμ.1 a m' (ha.trans (hm.trans hm'.symm)), hm] at hlt
    exact Nat.le_of_lt hlt

/-- The man-optimal stable matching is unique (Gale and Shapley 1962; Roth and Sotomayor 1990,
Theorem 2.12): a stable matching that every man weakly prefers to every stable matching is the
men-proposing deferred-acceptance matching (same assumptions as
`deferred_acceptance_man_optimal`). -/
theorem man_optimal_stable_matching_eq_deferred_acceptance {n : Nat} (M : Market n)
    (hM : M.Complete) (hnd : ∀ m, (M.menPref m).Nodup) (μ : Matching n) (hμ : IsStable M μ)
    (hopt : ∀ ν, IsStable M ν → ∀ m, M.mRank m (μ m) ≤ M.mRank m (ν m)) :
    μ = daMatching M := by
  obtain ⟨hinv, hfin⟩ := daRun_final M (fun m => length_le_of_nodup_fin _ (hnd m))
  have hda := (stable_of_final hM hinv (all_held_of_final hM hinv hfin)).2
  have hr := daRun_noRejection hM hμ (n * n) _ (daInv_init M) (noRejection_init M μ)
  funext m
  obtain ⟨w, hw⟩ := all_held_of_final hM hinv hfin m
  have h1 := hopt (daMatching M) hda m
  have h2 := held_rank_le hM hinv hr hw
  rw [← daMatching_eq_of_held hinv hw] at h2
  apply Classical.byContradiction
  intro hne
  have := mRank_lt_of_le_of_ne hM h2 (fun e => hne e.symm)
  omega

/-- Conway's lattice theorem (Knuth 1976; Roth and Sotomayor 1990, Theorem 2.16): if `μ` and
`μ'` are stable, the matching that gives every man the better of his two wives is a stable
matching (complete strict preferences, `n` men and `n` women). -/
theorem men_join_stable {n : Nat} (M : Market n) (hM : M.Complete) (μ μ' : Matching n)
    (hμ : IsStable M μ) (hμ' : IsStable M μ') : IsStable M (menJoin M μ μ') := by
  have hinj := menJoin_isMatching hM hμ hμ'
  refine ⟨hinj, fun m w ⟨hpref, hwb⟩ => ?_⟩
  obtain ⟨m3, hm3⟩ := exists_husband hinj w
  have hw3 := hwb m3 hm3
  have hle := menJoin_le M μ μ' m
  rcases menJoin_cases M μ μ' m3 with ⟨e, _⟩ | ⟨e, _⟩
  · apply hμ.2 m w
    refine ⟨Nat.lt_of_lt_of_le hpref hle.1, fun m' hm' => ?_⟩
    rw [hμ.1 m' m3 (hm'.trans (e.symm.trans hm3).symm)]
    exact hw3
  · apply hμ'.2 m w
    refine ⟨Nat.lt_of_lt_of_le hpref hle.2, fun m' hm' => ?_⟩
    rw [hμ'.1 m' m3 (hm'.trans (e.symm.trans hm3).symm)]
    exact hw3

/-- Conway (Knuth 1976; Roth and Sotomayor 1990, Theorem 2.16): in the men's join of two stable
matchings every woman gets the worse of her two husbands: she weakly prefers her `μ`-husband and
her `μ'`-husband to her husband in the join (complete strict preferences). -/
theorem men_join_women_worse {n : Nat} (M : Market n) (hM : M.Complete) (μ μ' : Matching n)
    (hμ : IsStable M μ) (hμ' : IsStable M μ') :
    ∀ w m m1 m2, menJoin M μ μ' m = w → μ m1 = w → μ' m2 = w →
      M.wRank w m1 ≤ M.wRank w m ∧ M.wRank w m2 ≤ M.wRank w m := by
  intro w m m1 m2 hm h1 h2
  have hle := menJoin_le M μ μ' m
  constructor
  · by_cases he : m = m1
    · rw [he]; exact Nat.le_refl _
    · have hne : menJoin M μ μ' m ≠ μ m := fun e => he (hμ.1 m m1 (e.symm.trans (hm.trans h1.symm)))
      obtain ⟨a, ha, hlt⟩ := woman_prefers_stable_husband_of_man_prefers M hM (menJoin M μ μ') μ
        hμ m (mRank_lt_of_le_of_ne hM hle.1 hne)
      rw [hμ.1 a m1 (ha.trans (hm.trans h1.symm)), hm] at hlt
      exact Nat.le_of_lt hlt
  · by_cases he : m = m2
    · rw [he]; exact Nat.le_refl _
    · have hne : menJoin M μ μ' m ≠ μ' m :=
        fun e => he (hμ'.1 m m2 (e.symm.trans (hm.trans h2.symm)))
      obtain ⟨a, ha, hlt⟩ := woman_prefers_stable_husband_of_man_prefers M hM (menJoin M μ μ') μ'
        hμ' m (mRank_lt_of_le_of_ne hM hle.2 hne)
      rw [hμ'.1 a m2 (ha.trans (hm.trans h2.symm)), hm] at hlt
      exact Nat.le_of_lt hlt

end EconLean.Matching

end
