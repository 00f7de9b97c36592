module

public import EconLean.SocialChoice.Defs
public import EconLean.SocialChoice.Liberal
public import EconLean.SocialChoice.Jury

/-!
# Social choice: main theorems

* Condorcet's paradox (Condorcet 1785): the profile `abc, bca, cab` has a majority cycle and
  no Condorcet winner; a Condorcet winner, when it exists, is unique.
* With an odd number of voters, pairwise majority between strict rankings is complete
  (no ties).
* The Borda count violates Arrow's independence of irrelevant alternatives (Arrow 1951) and can
  reject a Condorcet winner, but it satisfies weak Pareto; a Condorcet winner is Pareto
  optimal; plurality can elect a Condorcet loser (Borda 1781, *Mémoire sur
  les élections au scrutin*).
* Sen's liberal paradox (Sen 1970, *Journal of Political Economy* 78): no social decision
  function with unrestricted domain satisfies weak Pareto and minimal liberalism and always
  yields an acyclic social preference.
* May's theorem (May 1952, *Econometrica* 20): for two alternatives, a social decision function
  is anonymous, neutral and positively responsive if and only if it is simple majority rule.
* The median voter theorem (Black 1948, *Journal of Political Economy* 56): with single-peaked
  preferences on a line and an odd number of voters, the median peak is a Condorcet winner;
  conversely every Condorcet winner is a median peak.
* Black's theorem (Black 1948; Arrow 1951, ch. VII): under single-peaked preferences pairwise
  majority has no cycle among three positions, and with strict preferences and an odd number
  of voters it is transitive.
* Condorcet's jury theorem for three voters (Condorcet 1785; Ladha 1992): a majority of three
  independent voters, each correct with probability `p`, is correct with probability
  `3p² - 2p³`, which exceeds `p` for `1/2 < p < 1`, is below `p` for `0 < p < 1/2`, and equals
  `p` exactly at `p = 0, 1/2, 1`; it increases strictly with `p`, and for `1/2 < p < 1` a
  majority of five beats a majority of three.
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

/-- The Borda count satisfies the weak Pareto principle: if every voter (at least one) ranks
`x` above `y`, then `x` has a strictly higher Borda score than `y` (Borda 1781; see Young 1974,
*Journal of Economic Theory* 9, for the axiomatics of the Borda count). -/
theorem borda_pareto {α : Type} [DecidableEq α] (p : Profile α) (hne : p ≠ []) (x y : α)
    (hall : ∀ b ∈ p, b.prefers x y = true) : BordaPrefers p x y := by
  unfold BordaPrefers bordaScore
  induction p with
  | nil => exact absurd rfl hne
  | cons b p ih =>
    have hb := hall b List.mem_cons_self
    have hy := List.idxOf_lt_length_of_mem (b.complete y)
    unfold Ballot.prefers at hb
    simp at hb
    have hpts : b.bordaPoints y < b.bordaPoints x := by
      unfold Ballot.bordaPoints; omega
    simp only [List.map_cons, List.sum_cons]
    by_cases hp : p = []
    · subst hp; simp; omega
    · have := ih hp (fun c hc => hall c (List.mem_cons_of_mem b hc))
      omega

/-- A Condorcet winner is Pareto optimal: no alternative is ranked above it by every voter
(at least one voter). -/
theorem condorcet_winner_pareto_optimal {α : Type} [DecidableEq α] (p : Profile α) (hne : p ≠ [])
    (x : α) (hx : IsCondorcetWinner p x) : ¬ ∃ y, ∀ b ∈ p, b.prefers y x = true := by
  rintro ⟨y, hall⟩
  by_cases hyx : y = x
  · subst hyx
    obtain ⟨b, hb⟩ := List.exists_mem_of_ne_nil p hne
    have := hall b hb
    simp [Ballot.prefers] at this
  · have h := hx y hyx
    unfold MajorityPrefers support at h
    have e1 : p.countP (fun b => b.prefers y x) = p.length := List.countP_eq_length.mpr hall
    have e2 : p.countP (fun b => b.prefers x y) = 0 :=
      List.countP_eq_zero.mpr (fun b hb => by simp [Ballot.prefers_asymm b y x (hall b hb)])
    omega

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

/-- Completeness of pairwise majority with an odd electorate: if the number of voters is odd,
then for any two distinct alternatives one of them beats the other (every voter submits a
strict ranking, so there are no majority ties). -/
theorem majority_complete_of_odd {α : Type} [DecidableEq α] (p : Profile α)
    (hodd : p.length % 2 = 1) (x y : α) (hxy : x ≠ y) :
    MajorityPrefers p x y ∨ MajorityPrefers p y x := by
  have h := support_add_support p hxy
  unfold MajorityPrefers
  omega

/-- Borda's (1781) criticism of plurality rule: with three voters `abc`, two `bca` and two
`cba`, plurality elects `a` (three first places against two and two), yet `a` is the
Condorcet loser, beaten by `b` and by `c` four votes to three. -/
theorem plurality_elects_condorcet_loser :
    IsCondorcetLoser pluralityProfile a ∧
      ∀ y, y ≠ a → pluralityScore pluralityProfile y < pluralityScore pluralityProfile a := by
  decide

/-- Sen's liberal paradox (Sen 1970, *JPE* 78): let `F` be a social decision function with
unrestricted domain (defined at every profile of strict rankings of `n` individuals) over any
finite set of alternatives (a type `α` admitting a ranking). If `F` satisfies weak Pareto and
minimal liberalism (two different individuals, each decisive over some pair of distinct
alternatives), then `F` does not always yield an acyclic social strict preference.
(Minimal liberalism forces at least two individuals and, with the pairs, at least two
alternatives; the pairs may coincide, share one alternative, or be disjoint. Every `Fin m`
admits a ballot, by the instance `instNonemptyBallotFin`.) -/
theorem sen_liberal_paradox {n : Nat} {α : Type} [DecidableEq α] [Nonempty (Ballot α)]
    (F : SocialDecisionFunction n α) (hP : WeakPareto F) (hL : MinimalLiberalism F) :
    ¬ ∀ p, Acyclic (F p) := by
  intro hac
  obtain ⟨p, hp⟩ := sen_exists_cyclic_profile F hP hL
  exact hp (hac p)

/-- Under single-peaked preferences on a line, pairwise majority among positions has no cycle
of length three: there are no positions `x, y, z` with `x` beating `y`, `y` beating `z` and
`z` beating `x` (Black 1948; any number of voters, indifference allowed). -/
theorem single_peaked_no_majority_cycle (vs : List Voter) (hsp : ∀ v ∈ vs, SinglePeaked v)
    (x y z : Int) :
    ¬ (SpatialMajority vs x y ∧ SpatialMajority vs y z ∧ SpatialMajority vs z x) := by
  rintro ⟨hxy, hyz, hzx⟩
  have nxy : x ≠ y := by intro e; subst e; unfold SpatialMajority at hxy; omega
  have nyz : y ≠ z := by intro e; subst e; unfold SpatialMajority at hyz; omega
  have nzx : z ≠ x := by intro e; subst e; unfold SpatialMajority at hzx; omega
  by_cases h1 : (x < y ∧ y < z) ∨ (z < y ∧ y < x)
  · exact no_majority_cycle_through_middle vs hsp z y x (by omega) ⟨hyz, hzx, hxy⟩
  · by_cases h2 : (y < x ∧ x < z) ∨ (z < x ∧ x < y)
    · exact no_majority_cycle_through_middle vs hsp y x z (by omega) ⟨hxy, hyz, hzx⟩
    · exact no_majority_cycle_through_middle vs hsp x z y (by omega) ⟨hzx, hxy, hyz⟩

/-- Black's theorem (Black 1948, *JPE* 56): if every voter has single-peaked strict preferences
over positions on a line and the number of voters is odd, then pairwise majority rule is
transitive: if `x` beats `y` and `y` beats `z` then `x` beats `z`. -/
theorem black_majority_transitive (vs : List Voter) (hsp : ∀ v ∈ vs, SinglePeaked v)
    (hst : ∀ v ∈ vs, StrictPreferences v) (hodd : vs.length % 2 = 1) (x y z : Int)
    (hxy : SpatialMajority vs x y) (hyz : SpatialMajority vs y z) : SpatialMajority vs x z := by
  have nxy : x ≠ y := by intro e; subst e; unfold SpatialMajority at hxy; omega
  have nyz : y ≠ z := by intro e; subst e; unfold SpatialMajority at hyz; omega
  have nxz : x ≠ z := by intro e; subst e; unfold SpatialMajority at hxy hyz; omega
  have hsum := spatialSupport_add_of_strict vs hst x z nxz
  by_cases hzx : SpatialMajority vs z x
  · exfalso
    by_cases h1 : (x < y ∧ y < z) ∨ (z < y ∧ y < x)
    · exact no_majority_cycle_through_middle vs hsp z y x (by omega) ⟨hyz, hzx, hxy⟩
    · by_cases h2 : (y < x ∧ x < z) ∨ (z < x ∧ x < y)
      · exact no_majority_cycle_through_middle vs hsp y x z (by omega) ⟨hxy, hyz, hzx⟩
      · exact no_majority_cycle_through_middle vs hsp x z y (by omega) ⟨hzx, hxy, hyz⟩
  · unfold SpatialMajority at *
    omega

/-- Converse of the median voter theorem: under single-peaked preferences on the integer line,
every Condorcet winner among positions is a median of the voters' peaks (any number of
voters). With the median voter theorem: for an odd number of voters the Condorcet winners are
exactly the median peaks. -/
theorem spatial_condorcet_winner_is_median (vs : List Voter) (hsp : ∀ v ∈ vs, SinglePeaked v)
    (m : Int) (hcw : IsSpatialCondorcetWinner vs m) : IsMedianPeak vs m := by
  have h1 := hcw (m - 1) (by omega)
  have h2 := hcw (m + 1) (by omega)
  unfold spatialSupport at h1 h2
  have d1 := countP_add_le_length vs (fun v => decide (v.utility m < v.utility (m - 1)))
    (fun v => decide (v.utility (m - 1) < v.utility m)) (by intro v _ h h'; simp at h h'; omega)
  have d2 := countP_add_le_length vs (fun v => decide (v.utility m < v.utility (m + 1)))
    (fun v => decide (v.utility (m + 1) < v.utility m)) (by intro v _ h h'; simp at h h'; omega)
  have l1 : vs.countP (fun v => decide (v.peak < m)) ≤
      vs.countP (fun v => decide (v.utility m < v.utility (m - 1))) := by
    apply List.countP_mono_left
    intro v hv h
    simp at h ⊢
    exact (hsp v hv).2 (m - 1) m (by omega) (by omega)
  have l2 : vs.countP (fun v => decide (m < v.peak)) ≤
      vs.countP (fun v => decide (v.utility m < v.utility (m + 1))) := by
    apply List.countP_mono_left
    intro v hv h
    simp at h ⊢
    exact (hsp v hv).1 m (m + 1) (by omega) (by omega)
  unfold IsMedianPeak
  omega

/-- Condorcet's jury theorem, three voters: if three voters decide independently and each is
correct with probability `p`, the majority is correct with probability
`p³ + 3p²(1 - p) = 3p² - 2p³` (any rational `p`; a probability for `0 ≤ p ≤ 1`). -/
theorem jury_majority_of_three_prob (p : Rat) : majorityCorrect 1 p = 3 * p ^ 2 - 2 * p ^ 3 := by
  simp only [majorityCorrect, atLeastCorrect]
  grind

/-- Condorcet's jury theorem for three voters (Condorcet 1785; Ladha 1992): if each of three
independent voters is correct with probability `p` with `1/2 < p < 1`, majority rule is
correct with probability strictly greater than `p` (at `p = 1` both are `1`). -/
theorem condorcet_jury_three (p : Rat) (h1 : 1 / 2 < p) (h2 : p < 1) :
    p < majorityCorrect 1 p := by
  have key := majorityCorrect_one_sub p
  have := Rat.mul_pos (Rat.mul_pos (show 0 < p by grind) (show 0 < 2 * p - 1 by grind))
    (show 0 < 1 - p by grind)
  grind

/-- The reverse side of the jury theorem for three voters: if each independent voter is correct
with probability `p` with `0 < p < 1/2`, majority rule is correct with probability strictly
less than `p` (majority amplifies incompetence). -/
theorem jury_three_below_half (p : Rat) (h1 : 0 < p) (h2 : p < 1 / 2) :
    majorityCorrect 1 p < p := by
  have key := majorityCorrect_one_sub p
  have := Rat.mul_pos (Rat.mul_pos h1 (show 0 < 1 - 2 * p by grind)) (show 0 < 1 - p by grind)
  grind

/-- The majority of three independent voters is exactly as reliable as a single voter only at
`p = 0`, `p = 1/2` and `p = 1`. -/
theorem jury_three_fixed_points (p : Rat) :
    majorityCorrect 1 p = p ↔ p = 0 ∨ p = 1 / 2 ∨ p = 1 := by
  have key := majorityCorrect_one_sub p
  constructor
  · intro h
    have h0 : p * (2 * p - 1) * (1 - p) = 0 := by grind
    rcases Rat.mul_eq_zero.mp h0 with h3 | h3
    · rcases Rat.mul_eq_zero.mp h3 with h4 | h4
      · exact Or.inl h4
      · exact Or.inr (Or.inl (by grind))
    · exact Or.inr (Or.inr (by grind))
  · rintro (h | h | h) <;> subst h <;> grind

/-- The majority of three independent voters becomes strictly more reliable as individual
competence rises: for `0 ≤ p < q ≤ 1` the majority is correct with strictly higher
probability at `q` than at `p`. -/
theorem jury_three_strictly_increasing (p q : Rat) (hp : 0 ≤ p) (hpq : p < q) (hq : q ≤ 1) :
    majorityCorrect 1 p < majorityCorrect 1 q := by
  simp only [majorityCorrect, atLeastCorrect]
  have h1 := Rat.mul_nonneg (show 0 ≤ q by grind) (show 0 ≤ 1 - q by grind)
  have h2 := Rat.mul_nonneg hp (show 0 ≤ 1 - q by grind)
  have h3 := Rat.mul_nonneg hp (show 0 ≤ 1 - p by grind)
  have h4 := Rat.mul_nonneg (show 0 ≤ q - p by grind)
    (show 0 ≤ 2 * (q * (1 - q)) + 2 * (p * (1 - q)) + 2 * (p * (1 - p)) by grind)
  have h5 := Rat.mul_pos (show 0 < q - p by grind) (show 0 < q - p by grind)
  grind

/-- Condorcet's jury theorem, larger juries (three versus five voters): if every voter is
independently correct with probability `p` with `1/2 < p < 1`, a majority of five is correct
with strictly higher probability than a majority of three (the difference is
`3p²(1 - p)²(2p - 1)`). -/
theorem condorcet_jury_five_beats_three (p : Rat) (h1 : 1 / 2 < p) (h2 : p < 1) :
    majorityCorrect 1 p < majorityCorrect 2 p := by
  simp only [majorityCorrect, atLeastCorrect]
  have := Rat.mul_pos (Rat.mul_pos (Rat.mul_pos (show 0 < p by grind) (show 0 < p by grind))
    (Rat.mul_pos (show 0 < 1 - p by grind) (show 0 < 1 - p by grind))) (show 0 < 2 * p - 1 by grind)
  grind

end EconLean.SocialChoice

end
