module

public import EconLean.SocialChoice.LiberalDefs

/-!
# Sen's liberal paradox: the profiles

The three configurations in Sen's proof (Sen 1970, *Journal of Political Economy* 78(1)):
the two liberal individuals are decisive over the same pair (a cycle of length two), over
two pairs sharing one alternative (a cycle of length three), or over two disjoint pairs
(a cycle of length four). In each case a profile of rankings makes the social strict
preference cyclic under weak Pareto; `sen_exists_cyclic_profile` combines them.
-/

@[expose] public section

noncomputable section

namespace EconLean.SocialChoice

variable {n : Nat} {α : Type} [DecidableEq α] [Nonempty (Ballot α)]

/-- Two individuals decisive over the same pair `{x, y}` and ranking it oppositely force
society to prefer `x` to `y` and `y` to `x`. -/
theorem sen_same_pair (F : SocialDecisionFunction n α) {i j : Fin n} (hij : i ≠ j) {x y : α}
    (hxy : x ≠ y) (hi : DecisiveOver F i x y) (hj : DecisiveOver F j x y) :
    ∃ p, ¬ Acyclic (F p) := by
  obtain ⟨r⟩ : Nonempty (Ballot α) := inferInstance
  have n1 : [x, y].Nodup := by simp [hxy]
  have n2 : [y, x].Nodup := by simp [Ne.symm hxy]
  let bi := Ballot.withTop [x, y] n1 r
  let bj := Ballot.withTop [y, x] n2 r
  refine ⟨twoVoterProfile i j bi bj bi, not_acyclic_of_cycle2 (x := x) (y := y) ?_ ?_⟩
  · apply (hi _).1
    rw [twoVoterProfile_i, Ballot.withTop_prefers _ _ _ (by simp) (by simp)]
    simp [List.idxOf_cons, Bool.cond_eq_ite, beq_iff_eq, hxy]
  · apply (hj _).2
    rw [twoVoterProfile_j hij, Ballot.withTop_prefers _ _ _ (by simp) (by simp)]
    simp [List.idxOf_cons, Bool.cond_eq_ite, beq_iff_eq, Ne.symm hxy]

/-- Individual `i` decisive over `{s, a}` and `j` decisive over `{s, b}` (three distinct
alternatives): with `i` ranking `s a b`, `j` ranking `a b s` and everybody else `s a b`,
society prefers `s` to `a` (`i`), `a` to `b` (Pareto) and `b` to `s` (`j`). -/
theorem sen_shared_alternative (F : SocialDecisionFunction n α) (hP : WeakPareto F)
    {i j : Fin n} (hij : i ≠ j) {s a b : α} (hsa : s ≠ a) (hsb : s ≠ b) (hab : a ≠ b)
    (hi : DecisiveOver F i s a) (hj : DecisiveOver F j s b) :
    ∃ p, ¬ Acyclic (F p) := by
  obtain ⟨r⟩ : Nonempty (Ballot α) := inferInstance
  have n1 : [s, a, b].Nodup := by simp [hsa, hsb, hab]
  have n2 : [a, b, s].Nodup := by simp [hab, Ne.symm hsa, Ne.symm hsb]
  let bi := Ballot.withTop [s, a, b] n1 r
  let bj := Ballot.withTop [a, b, s] n2 r
  refine ⟨twoVoterProfile i j bi bj bi, not_acyclic_of_cycle3 (x := s) (y := a) (z := b) ?_ ?_ ?_⟩
  · apply (hi _).1
    rw [twoVoterProfile_i, Ballot.withTop_prefers _ _ _ (by simp) (by simp)]
    simp [List.idxOf_cons, Bool.cond_eq_ite, beq_iff_eq, hsa, hsb, hab]
  · apply hP
    apply twoVoterProfile_all i j bi bj bi (fun q => q.prefers a b = true)
    · show (Ballot.withTop [s, a, b] n1 r).prefers a b = true
      rw [Ballot.withTop_prefers _ _ _ (by simp) (by simp)]
      simp [List.idxOf_cons, Bool.cond_eq_ite, beq_iff_eq, hsa, hsb, hab]
    · show (Ballot.withTop [a, b, s] n2 r).prefers a b = true
      rw [Ballot.withTop_prefers _ _ _ (by simp) (by simp)]
      simp [List.idxOf_cons, Bool.cond_eq_ite, beq_iff_eq, hsa, hsb, hab]
    · show (Ballot.withTop [s, a, b] n1 r).prefers a b = true
      rw [Ballot.withTop_prefers _ _ _ (by simp) (by simp)]
      simp [List.idxOf_cons, Bool.cond_eq_ite, beq_iff_eq, hsa, hsb, hab]
  · apply (hj _).2
    rw [twoVoterProfile_j hij, Ballot.withTop_prefers _ _ _ (by simp) (by simp)]
    simp [List.idxOf_cons, Bool.cond_eq_ite, beq_iff_eq, hsa, hsb, hab, Ne.symm hsa, Ne.symm hsb, Ne.symm hab]

/-- Individual `i` decisive over `{x, y}` and `j` decisive over `{z, w}` (four distinct
alternatives): with `i` ranking `w x y z`, `j` ranking `y z w x` and everybody else `w x y z`,
society prefers `x` to `y` (`i`), `y` to `z` (Pareto), `z` to `w` (`j`) and `w` to `x`
(Pareto). -/
theorem sen_disjoint_pairs (F : SocialDecisionFunction n α) (hP : WeakPareto F)
    {i j : Fin n} (hij : i ≠ j) {x y z w : α} (hxy : x ≠ y) (hxz : x ≠ z) (hxw : x ≠ w)
    (hyz : y ≠ z) (hyw : y ≠ w) (hzw : z ≠ w)
    (hi : DecisiveOver F i x y) (hj : DecisiveOver F j z w) :
    ∃ p, ¬ Acyclic (F p) := by
  obtain ⟨r⟩ : Nonempty (Ballot α) := inferInstance
  have n1 : [w, x, y, z].Nodup := by
    simp [hxy, hxz, hyz, Ne.symm hxw, Ne.symm hyw, Ne.symm hzw]
  have n2 : [y, z, w, x].Nodup := by
    simp [hyz, hyw, hzw, Ne.symm hxy, Ne.symm hxz, Ne.symm hxw]
  let bi := Ballot.withTop [w, x, y, z] n1 r
  let bj := Ballot.withTop [y, z, w, x] n2 r
  have ne := And.intro hxy (And.intro hxz (And.intro hxw (And.intro hyz (And.intro hyw hzw))))
  have ne' := And.intro (Ne.symm hxy) (And.intro (Ne.symm hxz) (And.intro (Ne.symm hxw)
    (And.intro (Ne.symm hyz) (And.intro (Ne.symm hyw) (Ne.symm hzw)))))
  refine ⟨twoVoterProfile i j bi bj bi,
    not_acyclic_of_cycle4 (x := x) (y := y) (z := z) (w := w) ?_ ?_ ?_ ?_⟩
  · apply (hi _).1
    rw [twoVoterProfile_i, Ballot.withTop_prefers _ _ _ (by simp) (by simp)]
    simp [List.idxOf_cons, Bool.cond_eq_ite, beq_iff_eq, ne, ne']
  · apply hP
    apply twoVoterProfile_all i j bi bj bi (fun q => q.prefers y z = true)
    · show (Ballot.withTop [w, x, y, z] n1 r).prefers y z = true
      rw [Ballot.withTop_prefers _ _ _ (by simp) (by simp)]
      simp [List.idxOf_cons, Bool.cond_eq_ite, beq_iff_eq, ne, ne']
    · show (Ballot.withTop [y, z, w, x] n2 r).prefers y z = true
      rw [Ballot.withTop_prefers _ _ _ (by simp) (by simp)]
      simp [List.idxOf_cons, Bool.cond_eq_ite, beq_iff_eq, ne, ne']
    · show (Ballot.withTop [w, x, y, z] n1 r).prefers y z = true
      rw [Ballot.withTop_prefers _ _ _ (by simp) (by simp)]
      simp [List.idxOf_cons, Bool.cond_eq_ite, beq_iff_eq, ne, ne']
  · apply (hj _).1
    rw [twoVoterProfile_j hij, Ballot.withTop_prefers _ _ _ (by simp) (by simp)]
    simp [List.idxOf_cons, Bool.cond_eq_ite, beq_iff_eq, ne, ne']
  · apply hP
    apply twoVoterProfile_all i j bi bj bi (fun q => q.prefers w x = true)
    · show (Ballot.withTop [w, x, y, z] n1 r).prefers w x = true
      rw [Ballot.withTop_prefers _ _ _ (by simp) (by simp)]
      simp [List.idxOf_cons, Bool.cond_eq_ite, beq_iff_eq, ne, ne']
    · show (Ballot.withTop [y, z, w, x] n2 r).prefers w x = true
      rw [Ballot.withTop_prefers _ _ _ (by simp) (by simp)]
      simp [List.idxOf_cons, Bool.cond_eq_ite, beq_iff_eq, ne, ne']
    · show (Ballot.withTop [w, x, y, z] n1 r).prefers w x = true
      rw [Ballot.withTop_prefers _ _ _ (by simp) (by simp)]
      simp [List.idxOf_cons, Bool.cond_eq_ite, beq_iff_eq, ne, ne']

/-- Under weak Pareto and minimal liberalism some profile of rankings makes the social strict
preference cyclic (the case analysis of Sen's proof). -/
theorem sen_exists_cyclic_profile (F : SocialDecisionFunction n α) (hP : WeakPareto F)
    (hL : MinimalLiberalism F) : ∃ p, ¬ Acyclic (F p) := by
  obtain ⟨i, j, hij, x, y, z, w, hxy, hzw, hi, hj⟩ := hL
  by_cases hxz : x = z
  · rw [← hxz] at hj hzw
    by_cases hyw : y = w
    · rw [← hyw] at hj
      exact sen_same_pair F hij hxy hi hj
    · exact sen_shared_alternative F hP hij hxy hzw hyw hi hj
  · by_cases hxw : x = w
    · rw [← hxw] at hj hzw
      have hj' := decisiveOver_symm hj
      by_cases hyz : y = z
      · rw [← hyz] at hj'
        exact sen_same_pair F hij hxy hi hj'
      · exact sen_shared_alternative F hP hij hxy hxz hyz hi hj'
    · by_cases hyz : y = z
      · rw [← hyz] at hj hzw
        exact sen_shared_alternative F hP hij (Ne.symm hxy) hzw hxw (decisiveOver_symm hi) hj
      · by_cases hyw : y = w
        · rw [← hyw] at hj hzw
          exact sen_shared_alternative F hP hij (Ne.symm hxy) (Ne.symm hzw) hxz
            (decisiveOver_symm hi) (decisiveOver_symm hj)
        · exact sen_disjoint_pairs F hP hij hxy hxz hxw hyz hyw hzw hi hj

end EconLean.SocialChoice

end

end
