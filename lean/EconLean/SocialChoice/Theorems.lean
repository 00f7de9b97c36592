module

public import EconLean.SocialChoice.Defs

/-!
# Social choice: main theorems

* Condorcet's paradox (Condorcet 1785): the profile `abc, bca, cab` has a majority cycle and
  no Condorcet winner; a Condorcet winner, when it exists, is unique.
* The Borda count violates Arrow's independence of irrelevant alternatives (Arrow 1951) and can
  reject a Condorcet winner.
* May's theorem (May 1952, *Econometrica* 20): for two alternatives, a social decision function
  is anonymous, neutral and positively responsive if and only if it is simple majority rule.
* The median voter theorem (Black 1948, *Journal of Political Economy* 56): with single-peaked
  preferences on a line and an odd number of voters, the median peak is a Condorcet winner.
-/

@[expose] public section

namespace EconLean.SocialChoice

/-- Condorcet's paradox: in the profile `abc, bca, cab` pairwise majority is cyclic,
`a` beats `b`, `b` beats `c` and `c` beats `a`. -/
theorem condorcet_paradox_majority_cycle :
    MajorityPrefers condorcetProfile a b ∧ MajorityPrefers condorcetProfile b c ∧
      MajorityPrefers condorcetProfile c a := by
  decide

/-- The Condorcet paradox profile `abc, bca, cab` has no Condorcet winner. -/
theorem condorcet_paradox_no_condorcet_winner :
    ∀ x : Fin 3, ¬ IsCondorcetWinner condorcetProfile x := by
  decide

/-- Pairwise majority is asymmetric: if `x` beats `y` then `y` does not beat `x`. -/
theorem majority_prefers_asymmetric {α : Type} [DecidableEq α] (p : Profile α) (x y : α)
    (h : MajorityPrefers p x y) : ¬ MajorityPrefers p y x := by
  unfold MajorityPrefers at *
  omega

/-- A Condorcet winner is unique when it exists (any set of alternatives, any finite
electorate). -/
theorem condorcet_winner_unique {α : Type} [DecidableEq α] (p : Profile α) (x y : α)
    (hx : IsCondorcetWinner p x) (hy : IsCondorcetWinner p y) : x = y := by
  by_cases h : y = x
  · exact h.symm
  · have h1 := hx y h
    have h2 := hy x (fun e => h e.symm)
    unfold MajorityPrefers at h1 h2
    omega

/-- A Borda profile pair violating independence of irrelevant alternatives: every voter ranks
`a` versus `b` the same way in both profiles (only `c` moves), yet the Borda count ranks `b`
above `a` in the first profile and `a` above `b` in the second. -/
theorem borda_iia_counterexample :
    AgreeOn bordaProfile1 bordaProfile2 a b ∧ BordaPrefers bordaProfile1 b a ∧
      BordaPrefers bordaProfile2 a b := by
  decide

/-- The Borda count does not satisfy Arrow's independence of irrelevant alternatives
(three alternatives). -/
theorem borda_violates_iia : ¬ SatisfiesIIA (BordaPrefers (α := Fin 3)) := by
  intro h
  have key := h bordaProfile1 bordaProfile2 a b (by decide)
  exact absurd key (by decide)

/-- The Borda count can reject a Condorcet winner: in the profile with three voters `abc`
and two voters `bca`, `a` is the Condorcet winner but `b` has the higher Borda score. -/
theorem borda_rejects_condorcet_winner :
    IsCondorcetWinner bordaProfile1 a ∧ BordaPrefers bordaProfile1 b a := by
  decide

/-- Simple majority rule is anonymous (May 1952). -/
theorem majority_rule_anonymous : Anonymous majorityRule := by
  intro p q h
  simp only [majorityRule, tally_perm h]

/-- Simple majority rule is neutral (May 1952). -/
theorem majority_rule_neutral : Neutral majorityRule := by
  intro p
  simp only [majorityRule, tally_map_flip]
  by_cases h1 : 0 < tally p <;> by_cases h2 : tally p < 0 <;>
    simp [h1, h2, Vote.flip] <;> omega

/-- Simple majority rule is positively responsive (May 1952). -/
theorem majority_rule_positively_responsive : PositivelyResponsive majorityRule := by
  intro p q hi hne h0
  have ⟨hle, heq⟩ := tally_le_of_improves hi
  have hlt : tally p < tally q := by
    rcases Int.lt_or_eq_of_le hle with h | h
    · exact h
    · exact absurd (heq h) hne
  have hp : 0 ≤ tally p := by
    unfold majorityRule at h0
    by_cases h1 : 0 < tally p
    · omega
    · by_cases h2 : tally p < 0
      · simp [h1, h2, Vote.val] at h0
      · omega
  simp [majorityRule, show 0 < tally q by omega]

/-- May's theorem (May 1952): a social decision function for two alternatives is anonymous,
neutral and positively responsive if and only if it is simple majority rule.
(Decision rules are defined on electorates of every size; each axiom and the conclusion
concern one electorate size at a time.) -/
theorem may_theorem (F : DecisionRule) :
    (Anonymous F ∧ Neutral F ∧ PositivelyResponsive F) ↔ ∀ p, F p = majorityRule p := by
  constructor
  · rintro ⟨hA, hN, hP⟩
    have tie : ∀ q, tally q = 0 → F q = .abstain := by
      intro q hq
      have h1 := hA _ _ (perm_map_flip_of_tally_zero q hq)
      rw [hN] at h1
      cases hF : F q <;> simp_all [Vote.flip]
    have pos : ∀ k : Nat, ∀ q, tally q = (k : Int) + 1 → F q = .forA := by
      intro k
      induction k with
      | zero =>
        intro q hq
        have h0 := tally_lowerFirst q (by omega)
        apply hP (lowerFirst q) q (improves_lowerFirst q)
        · intro he; rw [he] at h0; omega
        · rw [tie _ (by omega)]; decide
      | succ k ih =>
        intro q hq
        have h0 := tally_lowerFirst q (by omega)
        apply hP (lowerFirst q) q (improves_lowerFirst q)
        · intro he; rw [he] at h0; omega
        · rw [ih _ (by omega)]; decide
    intro p
    unfold majorityRule
    by_cases h1 : 0 < tally p
    · simp only [h1, if_true]
      exact pos (tally p - 1).toNat p (by omega)
    · by_cases h2 : tally p < 0
      · simp only [h1, h2, if_true, if_false]
        have h3 := pos (-(tally p) - 1).toNat (p.map Vote.flip) (by rw [tally_map_flip]; omega)
        rw [hN] at h3
        cases hF : F p <;> simp_all [Vote.flip]
      · simp only [h1, h2, if_false]
        exact tie p (by omega)
  · intro h
    have hF : F = majorityRule := funext h
    subst hF
    refine ⟨fun p q h => by simp only [majorityRule, tally_perm h], fun p => ?_, ?_⟩
    · simp only [majorityRule, tally_map_flip]
      by_cases h1 : 0 < tally p <;> by_cases h2 : tally p < 0 <;>
        simp [h1, h2, Vote.flip] <;> omega
    · intro p q hi hne h0
      have ⟨hle, heq⟩ := tally_le_of_improves hi
      have hlt : tally p < tally q := by
        rcases Int.lt_or_eq_of_le hle with h | h
        · exact h
        · exact absurd (heq h) hne
      have hp : 0 ≤ tally p := by
        unfold majorityRule at h0
        by_cases h1 : 0 < tally p
        · omega
        · by_cases h2 : tally p < 0
          · simp [h1, h2, Vote.val] at h0
          · omega
      simp [majorityRule, show 0 < tally q by omega]

/-- The distance-based voter with ideal point `p` (utility `-|x - p|`) has single-peaked
preferences. -/
theorem ideal_point_voter_single_peaked (p : Int) : SinglePeaked (Voter.ofIdeal p) := by
  constructor <;> intro x y h1 h2 <;> simp only [Voter.ofIdeal] at * <;> (repeat' split) <;> omega

/-- Median voter theorem (Black 1948): if every voter has single-peaked preferences over
positions on a line and the number of voters is odd, then a median `m` of the voters' peaks is
a Condorcet winner: against every other position `y`, strictly more voters prefer `m` to `y`
than `y` to `m`. -/
theorem median_voter_theorem (vs : List Voter) (m : Int)
    (hsp : ∀ v ∈ vs, SinglePeaked v) (hodd : vs.length % 2 = 1) (hmed : IsMedianPeak vs m) :
    IsSpatialCondorcetWinner vs m := by
  intro y hy
  unfold spatialSupport
  unfold IsMedianPeak at hmed
  have hdisj := countP_add_le_length vs (fun v => decide (v.utility m < v.utility y))
    (fun v => decide (v.utility y < v.utility m))
    (by intro v _ h1 h2; simp at h1 h2; omega)
  rcases Int.lt_or_gt_of_ne hy with hlt | hgt
  · have hmono : vs.countP (fun v => !decide (v.peak < m)) ≤
        vs.countP (fun v => decide (v.utility y < v.utility m)) := by
      apply List.countP_mono_left
      intro v hv h
      simp at h ⊢
      exact (hsp v hv).1 y m hlt h
    have := countP_add_countP_not vs (fun v => decide (v.peak < m))
    omega
  · have hmono : vs.countP (fun v => !decide (m < v.peak)) ≤
        vs.countP (fun v => decide (v.utility y < v.utility m)) := by
      apply List.countP_mono_left
      intro v hv h
      simp at h ⊢
      exact (hsp v hv).2 m y h hgt
    have := countP_add_countP_not vs (fun v => decide (m < v.peak))
    omega

end EconLean.SocialChoice

end
