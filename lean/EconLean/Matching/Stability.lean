module

public import EconLean.Matching.Defs

/-!
# Two-sided matching: lemmas on stable matchings

Lemmas behind the structure of the set of stable matchings (Gale and Shapley, "College
Admissions and the Stability of Marriage", *American Mathematical Monthly* 69 (1962);
Knuth, *Mariages stables* (1976); Roth and Sotomayor, *Two-Sided Matching* (1990), Ch. 2):
* `woman_prefers_stable_husband_of_man_prefers`: if a man prefers his wife in some matching
  to his wife in a stable matching, that woman prefers her stable husband to him (the step
  behind Knuth's opposition of interests);
* a pigeonhole lemma (`exists_preimage_of_mapsTo`): a map of `Fin n` that is injective on a set
  and maps it into itself maps it onto itself; so perfect matchings are bijections;
* the men's join `menJoin` of two matchings (Conway, in Knuth 1976) and why it is one-to-one;
* the invariant of men-proposing deferred acceptance behind its man-optimality (Gale and
  Shapley 1962, Theorem 2): no man is ever rejected by a woman who is his wife in some stable
  matching.
-/

@[expose] public section

noncomputable section

namespace EconLean.Matching

/-! ## Strict preferences and pigeonhole -/

/-- With complete lists, a man's weak preference between two distinct women is strict. -/
theorem mRank_lt_of_le_of_ne {n : Nat} {M : Market n} (hM : M.Complete) {m w w' : Fin n}
    (hle : M.mRank m w ≤ M.mRank m w') (hne : w ≠ w') : M.mRank m w < M.mRank m w' := by
  have := idxOf_ne_of_mem (hM.1 m w) (hM.1 m w') hne
  unfold Market.mRank at hle ⊢
  omega

/-- With complete lists, a woman's weak preference between two distinct men is strict. -/
theorem wRank_lt_of_le_of_ne {n : Nat} {M : Market n} (hM : M.Complete) {w m m' : Fin n}
    (hle : M.wRank w m ≤ M.wRank w m') (hne : m ≠ m') : M.wRank w m < M.wRank w m' := by
  have := idxOf_ne_of_mem (hM.2 w m) (hM.2 w m') hne
  unfold Market.wRank at hle ⊢
  omega

/-- If `l₁` has no repetitions, lies inside `l₂` and is at least as long, then every member of
`l₂` is in `l₁`. -/
theorem mem_of_nodup_subset_length {α : Type} [DecidableEq α] (l₁ l₂ : List α)
    (hnd : l₁.Nodup) (hsub : ∀ x ∈ l₁, x ∈ l₂) (hlen : l₂.length ≤ l₁.length) :
    ∀ z ∈ l₂, z ∈ l₁ := by
  intro z hz
  apply Classical.byContradiction
  intro hnz
  have h := length_le_of_nodup_of_subset l₁ (l₂.erase z) hnd (fun x hx =>
    (List.mem_erase_of_ne (fun e => hnz (by rw [← e]; exact hx))).mpr (hsub x hx))
  rw [List.length_erase_of_mem hz] at h
  have : 0 < l₂.length := List.length_pos_of_mem hz
  omega

/-- Pigeonhole: a map of `Fin n` that sends a set `T` into itself and is one-to-one on `T`
sends `T` onto itself. -/
theorem exists_preimage_of_mapsTo {n : Nat} (T : Fin n → Prop) (f : Fin n → Fin n)
    (hmaps : ∀ a, T a → T (f a)) (hinj : ∀ a b, T a → T b → f a = f b → a = b)
    (z : Fin n) (hz : T z) : ∃ a, T a ∧ f a = z := by
  have : DecidablePred T := fun a => Classical.propDecidable (T a)
  have hL : ∀ a, a ∈ (List.finRange n).filter (fun a => decide (T a)) ↔ T a := by
    intro a
    simp [List.mem_filter, List.mem_finRange]
  have hndL : ((List.finRange n).filter (fun a => decide (T a))).Nodup :=
    List.Pairwise.sublist (List.filter_sublist) (nodup_finRange n)
  have hnd : (((List.finRange n).filter (fun a => decide (T a))).map f).Nodup := by
    unfold List.Nodup
    rw [List.pairwise_map]
    exact List.Pairwise.imp_of_mem
      (fun ha hb hab e => hab (hinj _ _ ((hL _).mp ha) ((hL _).mp hb) e)) hndL
  have hmem := mem_of_nodup_subset_length _ _ hnd
    (fun x hx => by
      obtain ⟨a, ha, rfl⟩ := List.mem_map.mp hx
      exact (hL _).mpr (hmaps a ((hL a).mp ha)))
    (by rw [List.length_map]; exact Nat.le_refl _) z ((hL z).mpr hz)
  obtain ⟨a, ha, hfa⟩ := List.mem_map.mp hmem
  exact ⟨a, (hL a).mp ha, hfa⟩

/-- A perfect matching is onto: every woman has a husband. -/
theorem exists_husband {n : Nat} {μ : Matching n} (hμ : IsMatching μ) (w : Fin n) :
    ∃ m, μ m = w := by
  obtain ⟨m, _, hm⟩ := exists_preimage_of_mapsTo (fun _ => True) μ (fun _ _ => trivial)
    (fun a b _ _ e => hμ a b e) w trivial
  exact ⟨m, hm⟩

/-! ## Opposition of interests -/

/-- Let `μ'` be stable and `μ` any matching. If man `m` strictly prefers his `μ`-wife `w` to his
`μ'`-wife, then `w` strictly prefers her `μ'`-husband to `m` (complete strict preferences);
otherwise `(m, w)` would block `μ'`. -/
theorem woman_prefers_stable_husband_of_man_prefers {n : Nat} (M : Market n) (hM : M.Complete)
    (μ μ' : Matching n) (hμ' : IsStable M μ') (m : Fin n)
    (h : M.mRank m (μ m) < M.mRank m (μ' m)) :
    ∃ m', μ' m' = μ m ∧ M.wRank (μ m) m' < M.wRank (μ m) m := by
  apply Classical.byContradiction
  intro hno
  apply hμ'.2 m (μ m)
  refine ⟨h, fun m' hm' => ?_⟩
  have hne : m ≠ m' := by
    intro e
    subst e
    rw [hm'] at h
    exact Nat.lt_irrefl _ h
  have h1 : ¬ M.wRank (μ m) m' < M.wRank (μ m) m := fun hlt => hno ⟨m', hm', hlt⟩
  have h2 := idxOf_ne_of_mem (hM.2 (μ m) m) (hM.2 (μ m) m') hne
  unfold Market.wRank at h1 h2 ⊢
  omega

/-! ## The men's join of two matchings -/

/-- The men's join of two matchings (Conway, in Knuth 1976): every man takes the better of
his two wives. -/
def menJoin {n : Nat} (M : Market n) (μ μ' : Matching n) : Matching n :=
  fun m => if M.mRank m (μ' m) < M.mRank m (μ m) then μ' m else μ m

/-- In the men's join each man gets his `μ`-wife (weakly better) or his `μ'`-wife (strictly
better). -/
theorem menJoin_cases {n : Nat} (M : Market n) (μ μ' : Matching n) (m : Fin n) :
    (menJoin M μ μ' m = μ m ∧ M.mRank m (μ m) ≤ M.mRank m (μ' m)) ∨
      (menJoin M μ μ' m = μ' m ∧ M.mRank m (μ' m) < M.mRank m (μ m)) := by
  unfold menJoin
  by_cases h : M.mRank m (μ' m) < M.mRank m (μ m)
  · exact Or.inr ⟨if_pos h, h⟩
  · exact Or.inl ⟨if_neg h, by omega⟩

/-- Every man weakly prefers the men's join to both matchings. -/
theorem menJoin_le {n : Nat} (M : Market n) (μ μ' : Matching n) (m : Fin n) :
    M.mRank m (menJoin M μ μ' m) ≤ M.mRank m (μ m) ∧
      M.mRank m (menJoin M μ μ' m) ≤ M.mRank m (μ' m) := by
  rcases menJoin_cases M μ μ' m with ⟨e, h⟩ | ⟨e, h⟩
  · rw [e]; exact ⟨Nat.le_refl _, h⟩
  · rw [e]; exact ⟨Nat.le_of_lt h, Nat.le_refl _⟩

/-- Two stable matchings cannot give one woman to two different men, one who (weakly) prefers
her in `μ` and one who strictly prefers her in `μ'`: she would be the better choice of both,
and each stable matching would need her to prefer its husband to the other man. -/
theorem not_join_collision {n : Nat} {M : Market n} (hM : M.Complete) {μ μ' : Matching n}
    (hμ : IsStable M μ) (hμ' : IsStable M μ') {m1 m2 : Fin n} (hne : m1 ≠ m2)
    (h1 : M.mRank m1 (μ m1) ≤ M.mRank m1 (μ' m1))
    (h2 : M.mRank m2 (μ' m2) < M.mRank m2 (μ m2)) (he : μ m1 = μ' m2) : False := by
  obtain ⟨a, ha, hlta⟩ := woman_prefers_stable_husband_of_man_prefers M hM μ' μ hμ m2 h2
  have ha1 : a = m1 := hμ.1 a m1 (ha.trans he.symm)
  have hne' : μ m1 ≠ μ' m1 := fun e => hne (hμ'.1 m1 m2 (e.symm.trans he))
  obtain ⟨b, hb, hltb⟩ := woman_prefers_stable_husband_of_man_prefers M hM μ μ' hμ' m1
    (mRank_lt_of_le_of_ne hM h1 hne')
  have hb2 : b = m2 := hμ'.1 b m2 (hb.trans he)
  rw [ha1] at hlta
  rw [hb2, he] at hltb
  omega

/-- The men's join of two stable matchings is one-to-one. -/
theorem menJoin_isMatching {n : Nat} {M : Market n} (hM : M.Complete) {μ μ' : Matching n}
    (hμ : IsStable M μ) (hμ' : IsStable M μ') : IsMatching (menJoin M μ μ') := by
  intro m1 m2 he
  apply Classical.byContradiction
  intro hne
  rcases menJoin_cases M μ μ' m1 with ⟨e1, h1⟩ | ⟨e1, h1⟩ <;>
    rcases menJoin_cases M μ μ' m2 with ⟨e2, h2⟩ | ⟨e2, h2⟩
  · exact hne (hμ.1 m1 m2 (e1.symm.trans (he.trans e2)))
  · exact not_join_collision hM hμ hμ' hne h1 h2 (e1.symm.trans (he.trans e2))
  · exact not_join_collision hM hμ hμ' (fun e => hne e.symm) h2 h1
      (e2.symm.trans (he.symm.trans e1))
  · exact hne (hμ'.1 m1 m2 (e1.symm.trans (he.trans e2)))

/-! ## Deferred acceptance never loses an achievable wife -/

/-- The invariant of deferred acceptance relative to a stable matching `μ`: a woman to whom
man `m` has proposed and who does not hold him now (she rejected him) is not his `μ`-wife. -/
def NoAchievableRejection {n : Nat} (M : Market n) (μ : Matching n) (s : DAState n) : Prop :=
  ∀ m w, w ∈ (M.menPref m).take (s.next m) → s.held w ≠ some m → μ m ≠ w

theorem noRejection_init {n : Nat} (M : Market n) (μ : Matching n) :
    NoAchievableRejection M μ ⟨fun _ => 0, fun _ => none⟩ := by
  intro m w h
  simp at h

/-- A woman missing from the first `k` entries of a complete list has rank at least `k`. -/
theorem le_mRank_of_not_mem_take {n : Nat} {M : Market n} (hM : M.Complete) (m w : Fin n)
    (k : Nat) (h : ∀ w', w' ∈ (M.menPref m).take k → w ≠ w') : k ≤ M.mRank m w := by
  apply Classical.byContradiction
  intro hlt
  exact h w (mem_take_of_idxOf_lt _ _ _ (hM.1 m w) (by unfold Market.mRank at hlt; omega)) rfl

/-- Under the invariant, a man held by `w` ranks `w` at least as high as his `μ`-wife. -/
theorem held_rank_le {n : Nat} {M : Market n} (hM : M.Complete) {μ : Matching n}
    {s : DAState n} (hs : DAInv M s) (hr : NoAchievableRejection M μ s) {w m : Fin n}
    (h : s.held w = some m) : M.mRank m w ≤ M.mRank m (μ m) := by
  by_cases he : μ m = w
  · rw [he]; exact Nat.le_refl _
  · have hk := le_mRank_of_not_mem_take hM m (μ m) (s.next m) (fun w' hw' e => by
      by_cases hw'w : w' = w
      · exact he (e.trans hw'w)
      · exact hr m w' hw' (fun h' => hw'w (hs.held_inj h' h)) e)
    obtain ⟨h1, hlast⟩ := hs.held_last w m h
    have := idxOf_le_of_getElem? _ _ _ hlast
    unfold Market.mRank at hk ⊢
    omega

/-- One proposal step keeps the invariant: a woman who rejects a man in favour of another
cannot be his stable wife, since she and the preferred man would block `μ`. -/
theorem noRejection_step {n : Nat} {M : Market n} (hM : M.Complete) {μ : Matching n}
    (hμ : IsStable M μ) {s s' : DAState n} (hs : DAInv M s)
    (hr : NoAchievableRejection M μ s) (h : daStep M s = some s') :
    NoAchievableRejection M μ s' := by
  obtain ⟨m, w, hfree, _, hw, rfl⟩ := daStep_some h
  rw [isFree_iff] at hfree
  have hidx : M.mRank m w ≤ s.next m := idxOf_le_of_getElem? _ _ _ hw
  -- the proposing man prefers `w` to his `μ`-wife, unless she is `w`
  have hmpref : μ m ≠ w → M.mRank m w < M.mRank m (μ m) := by
    intro hne
    have hk := le_mRank_of_not_mem_take hM m (μ m) (s.next m)
      (fun w' hw' => hr m w' hw' (hfree w'))
    have := idxOf_ne_of_mem (hM.1 m w) (hM.1 m (μ m)) (fun e => hne e.symm)
    unfold Market.mRank at hk hidx ⊢
    omega
  intro m'' w'' hmem hnh hμw
  simp only at hmem hnh
  by_cases hw'' : w'' = w
  · rw [if_pos hw''] at hnh
    rw [hw''] at hmem hμw
    by_cases hm : m'' = m
    · -- `m` proposed to `w` and was rejected in favour of the man she held
      rw [hm] at hnh hμw
      cases hh : s.held w with
      | none => rw [hh] at hnh; exact hnh rfl
      | some m0 =>
        rw [hh] at hnh
        simp only [accept] at hnh
        split at hnh
        · exact hnh rfl
        · rename_i hnot
          have hm0 : m0 ≠ m := fun e => hfree w (by rw [hh, e])
          have hμm0 : μ m0 ≠ w := fun e => hm0 (hμ.1 m0 m (e.trans hμw.symm))
          have hle := held_rank_le hM hs hr hh
          apply hμ.2 m0 w
          refine ⟨mRank_lt_of_le_of_ne hM hle (fun e => hμm0 e.symm), fun m' hm' => ?_⟩
          rw [hμ.1 m' m (hm'.trans hμw.symm)]
          exact wRank_lt_of_le_of_ne hM (by omega) hm0
    · rw [if_neg hm] at hmem
      by_cases hh : s.held w = some m''
      · -- `w` dropped `m''` for the better man `m`
        rw [hh] at hnh
        simp only [accept] at hnh
        split at hnh
        · rename_i hlt
          have hne : μ m ≠ w := fun e => hm (hμ.1 m'' m (hμw.trans e.symm))
          apply hμ.2 m w
          refine ⟨hmpref hne, fun m' hm' => ?_⟩
          rw [hμ.1 m' m'' (hm'.trans hμw.symm)]
          exact hlt
        · exact hnh rfl
      · exact hr m'' w hmem hh hμw
  · rw [if_neg hw''] at hnh
    by_cases hm : m'' = m
    · rw [if_pos hm] at hmem
      rw [hm] at hmem hnh hμw
      rcases mem_take_succ_of_getElem? hw hmem with hold | e
      · exact hr m w'' hold hnh hμw
      · exact hw'' e
    · rw [if_neg hm] at hmem
      exact hr m'' w'' hmem hnh hμw

/-- The invariant holds throughout deferred acceptance. -/
theorem daRun_noRejection {n : Nat} {M : Market n} (hM : M.Complete) {μ : Matching n}
    (hμ : IsStable M μ) :
    ∀ (k : Nat) (s : DAState n), DAInv M s → NoAchievableRejection M μ s →
      NoAchievableRejection M μ (daRun M k s)
  | 0, _, _, hr => hr
  | k + 1, s, hs, hr => by
    simp only [daRun]
    split
    · exact hr
    · rename_i s' hs'
      exact daRun_noRejection hM hμ k s' (daInv_step hs hs') (noRejection_step hM hμ hs hr hs')

/-- The wife deferred acceptance gives a man is the woman holding him at the end. -/
theorem daMatching_eq_of_held {n : Nat} {M : Market n} {w m : Fin n}
    (hinv : DAInv M (daRun M (n * n) ⟨fun _ => 0, fun _ => none⟩))
    (h : (daRun M (n * n) ⟨fun _ => 0, fun _ => none⟩).held w = some m) :
    daMatching M m = w := by
  show ((daRun M (n * n) ⟨fun _ => 0, fun _ => none⟩).wifeOf m).getD m = w
  rw [wifeOf_eq hinv h]
  rfl

end EconLean.Matching

end

end
