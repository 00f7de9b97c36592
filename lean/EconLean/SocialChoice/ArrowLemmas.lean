module

public import EconLean.SocialChoice.ArrowDefs

/-!
# Arrow's impossibility theorem: the lemmas of the proof

The first proof of Geanakoplos (2005), "Three brief proofs of Arrow's impossibility
theorem", *Economic Theory* 26, for the setting of `EconLean.SocialChoice.ArrowDefs`
(Arrow 1951): the extremal lemma (`extremal`), the existence of a pivotal voter
(`exists_pivot`), the pivotal voter dictates the pairs without the pivot alternative
(`pivot_dictatesOff`), the pivotal voter is a dictator (`pivot_isDictator`), and Arrow's
theorem (`dictatorial_of_pareto_iia`); conversely dictatorships are Pareto and IIA
(`dictatorshipSWF_pareto_iia`), and a dictator is unique (`dictator_unique`). The main
theorems are in
`EconLean.SocialChoice.Arrow`.
-/

@[expose] public section

-- The embedded Lean ships no compiled code for parts of core; definitions here are
-- only used in proofs, so nothing is compiled.
noncomputable section

namespace EconLean.SocialChoice.Arrow

/-! ## The extremal lemma -/

/-- **Extremal lemma** (Geanakoplos 2005): if every voter ranks `b` at the top or at the
bottom, then so does society, for a Pareto and IIA social welfare function. -/
theorem extremal {n : Nat} {α : Type} {F : Profile n α → α → α → Prop} (hF : IsSWF F)
    (hPar : WeakPareto F) (hI : IIA F) {P : Profile n α} (hP : Admissible P) (b : α)
    (hb : ∀ i, IsTop b (P i) ∨ IsBot b (P i)) : IsTop b (F P) ∨ IsBot b (F P) := by
  classical
  have hFP := hF P hP
  refine Classical.byContradiction fun hcon => ?_
  obtain ⟨x, hxb, hx⟩ : ∃ x, x ≠ b ∧ F P x b := by
    refine Classical.byContradiction fun hne => hcon (Or.inl fun x hxb => ?_)
    exact (hFP.total b x (Ne.symm hxb)).resolve_right fun h => hne ⟨x, hxb, h⟩
  obtain ⟨y, hyb, hy⟩ : ∃ y, y ≠ b ∧ F P b y := by
    refine Classical.byContradiction fun hne => hcon (Or.inr fun y hyb => ?_)
    exact (hFP.total y b hyb).resolve_right fun h => hne ⟨y, hyb, h⟩
  have hxy : x ≠ y := by intro e; subst e; exact hFP.asymm hx hy
  obtain ⟨Q, hQ⟩ : ∃ Q : Profile n α, ∀ i,
      (IsTop b (P i) ∧ Q i = toTop b (toTop y (P i))) ∨
      (IsBot b (P i) ∧ Q i = toBot b (toTop y (P i))) :=
    ⟨fun i => if IsTop b (P i) then toTop b (toTop y (P i)) else toBot b (toTop y (P i)),
     fun i => by
      by_cases h : IsTop b (P i)
      · exact Or.inl ⟨h, if_pos h⟩
      · exact Or.inr ⟨(hb i).resolve_left h, if_neg h⟩⟩
  have hQ' : Admissible Q := fun i => by
    rcases hQ i with ⟨_, e⟩ | ⟨_, e⟩ <;> rw [e]
    · exact ((hP i).toTop y).toTop b
    · exact ((hP i).toTop y).toBot b
  have hyx : F Q y x := hPar Q hQ' y x fun i => by
    rcases hQ i with ⟨_, e⟩ | ⟨_, e⟩ <;> rw [e]
    · rw [toTop_of_ne hyb hxb, toTop_left]; exact hxy
    · rw [toBot_of_ne hyb hxb, toTop_left]; exact hxy
  have hxb' : F Q x b := (iia_of_linear hI hP hQ' hxb fun i => by
    rcases hQ i with ⟨ht, e⟩ | ⟨hbt, e⟩ <;> rw [e]
    · exact iff_of_false (ht.not_above (hP i) hxb) not_toTop_right
    · exact iff_of_true (hbt x hxb) (toBot_right.mpr hxb)).mp hx
  have hby' : F Q b y := (iia_of_linear hI hP hQ' (Ne.symm hyb) fun i => by
    rcases hQ i with ⟨ht, e⟩ | ⟨hbt, e⟩ <;> rw [e]
    · exact iff_of_true (ht y hyb) (toTop_left.mpr hyb)
    · exact iff_of_false (hbt.not_below (hP i) hyb) not_toBot_left).mp hy
  exact (hF Q hQ').asymm hyx ((hF Q hQ').trans x b y hxb' hby')

/-! ## The pivotal voter -/

/-- The profile in which voters `0, …, k-1` move `b` to the top of their ranking in `P`
and the other voters move `b` to the bottom. -/
def pivotProfile {n : Nat} {α : Type} (P : Profile n α) (b : α) (k : Nat) : Profile n α :=
  fun i => if i.val < k then toTop b (P i) else toBot b (P i)

/-- Voters before `k` have `b` at the top in the pivot profile. -/
theorem pivotProfile_lt {n : Nat} {α : Type} {P : Profile n α} {b : α} {k : Nat} {i : Fin n}
    (h : i.val < k) : pivotProfile P b k i = toTop b (P i) := if_pos h

/-- Voters from `k` on have `b` at the bottom in the pivot profile. -/
theorem pivotProfile_ge {n : Nat} {α : Type} {P : Profile n α} {b : α} {k : Nat} {i : Fin n}
    (h : ¬ i.val < k) : pivotProfile P b k i = toBot b (P i) := if_neg h

/-- Pivot profiles are admissible. -/
theorem admissible_pivotProfile {n : Nat} {α : Type} {P : Profile n α} (hP : Admissible P)
    (b : α) (k : Nat) : Admissible (pivotProfile P b k) := fun i => by
  by_cases h : i.val < k
  · rw [pivotProfile_lt h]; exact (hP i).toTop b
  · rw [pivotProfile_ge h]; exact (hP i).toBot b

/-- A property false at `0` and true at `n` switches on at some `k < n`. -/
theorem exists_switch (T : Nat → Prop) (n : Nat) (h0 : ¬ T 0) (hn : T n) :
    ∃ k, k < n ∧ ¬ T k ∧ T (k + 1) := by
  induction n with
  | zero => exact absurd hn h0
  | succ m ih =>
    by_cases hm : T m
    · obtain ⟨k, hk, h1, h2⟩ := ih hm
      exact ⟨k, by omega, h1, h2⟩
    · exact ⟨m, by omega, hm, hn⟩

/-- **Existence of a pivotal voter** (Geanakoplos 2005): moving `b` from the bottom to the
top voter by voter, there is a voter `k` whose move takes `b` from the bottom of the social
ranking to its top. -/
theorem exists_pivot {n : Nat} {α : Type} {F : Profile n α → α → α → Prop} (hF : IsSWF F)
    (hPar : WeakPareto F) (hI : IIA F) {P : Profile n α} (hP : Admissible P) (b : α)
    (hne : ∃ a, a ≠ b) :
    ∃ k, k < n ∧ IsBot b (F (pivotProfile P b k)) ∧ IsTop b (F (pivotProfile P b (k + 1))) := by
  obtain ⟨a, hab⟩ := hne
  have h0 : ¬ IsTop b (F (pivotProfile P b 0)) := fun ht =>
    (hF _ (admissible_pivotProfile hP b 0)).asymm (ht a hab)
      (hPar _ (admissible_pivotProfile hP b 0) a b fun i => by
        rw [pivotProfile_ge (Nat.not_lt_zero _)]; exact toBot_right.mpr hab)
  have hn : IsTop b (F (pivotProfile P b n)) := fun x hx =>
    hPar _ (admissible_pivotProfile hP b n) b x fun i => by
      rw [pivotProfile_lt i.isLt]; exact toTop_left.mpr hx
  obtain ⟨k, hk, h1, h2⟩ := exists_switch (fun k => IsTop b (F (pivotProfile P b k))) n h0 hn
  refine ⟨k, hk, ?_, h2⟩
  refine (extremal hF hPar hI (admissible_pivotProfile hP b k) b fun i => ?_).resolve_left h1
  by_cases h : i.val < k
  · rw [pivotProfile_lt h]; exact Or.inl fun x hx => toTop_left.mpr hx
  · rw [pivotProfile_ge h]; exact Or.inr fun x hx => toBot_right.mpr hx

/-- Voter `i` dictates every pair of alternatives other than `c`. -/
def DictatesOff {n : Nat} {α : Type} (F : Profile n α → α → α → Prop) (i : Fin n) (c : α) :
    Prop :=
  ∀ P, Admissible P → ∀ x y, x ≠ c → y ≠ c → P i x y → F P x y


/-- **The pivotal voter dictates pairs without `b`** (Geanakoplos 2005): the voter `k` whose
move of `b` from bottom to top flips `b` in the social ranking decides every pair `a, c`
of alternatives other than `b`. -/
theorem pivot_dictatesOff {n : Nat} {α : Type} {F : Profile n α → α → α → Prop}
    (hF : IsSWF F) (hI : IIA F) {P₀ : Profile n α} (hP₀ : Admissible P₀) {b : α} {k : Nat}
    (hk : k < n) (hbot : IsBot b (F (pivotProfile P₀ b k)))
    (htop : IsTop b (F (pivotProfile P₀ b (k + 1)))) : DictatesOff F ⟨k, hk⟩ b := by
  classical
  intro P hP a c hab hcb hac
  have hac' : a ≠ c := (hP _).ne hac
  obtain ⟨Q, hQ⟩ : ∃ Q : Profile n α, ∀ i,
      (i.val < k ∧ Q i = toTop b (P i)) ∨
      (i.val = k ∧ Q i = toTop a (toTop b (P i))) ∨
      (k < i.val ∧ Q i = toBot b (P i)) :=
    ⟨fun i => if i.val < k then toTop b (P i) else if i.val = k then toTop a (toTop b (P i))
        else toBot b (P i),
     fun i => by
      by_cases h1 : i.val < k
      · exact Or.inl ⟨h1, if_pos h1⟩
      · by_cases h2 : i.val = k
        · exact Or.inr (Or.inl ⟨h2, by dsimp only; rw [if_neg h1, if_pos h2]⟩)
        · exact Or.inr (Or.inr ⟨by omega, by dsimp only; rw [if_neg h1, if_neg h2]⟩)⟩
  have hQ' : Admissible Q := fun i => by
    rcases hQ i with ⟨_, e⟩ | ⟨_, e⟩ | ⟨_, e⟩ <;> rw [e]
    · exact (hP i).toTop b
    · exact ((hP i).toTop b).toTop a
    · exact (hP i).toBot b
  have hab' : F Q a b := by
    refine (iia_of_linear hI (admissible_pivotProfile hP₀ b k) hQ' hab fun i => ?_).mp
      (hbot a hab)
    rcases hQ i with ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ <;> rw [e]
    · rw [pivotProfile_lt h]; exact iff_of_false not_toTop_right not_toTop_right
    · rw [pivotProfile_ge (by omega)]
      exact iff_of_true (toBot_right.mpr hab) (toTop_left.mpr (Ne.symm hab))
    · rw [pivotProfile_ge (by omega)]
      exact iff_of_true (toBot_right.mpr hab) (toBot_right.mpr hab)
  have hbc' : F Q b c := by
    refine (iia_of_linear hI (admissible_pivotProfile hP₀ b (k + 1)) hQ' (Ne.symm hcb)
      fun i => ?_).mp (htop c hcb)
    rcases hQ i with ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ <;> rw [e]
    · rw [pivotProfile_lt (by omega)]
      exact iff_of_true (toTop_left.mpr hcb) (toTop_left.mpr hcb)
    · rw [pivotProfile_lt (by omega), toTop_of_ne (Ne.symm hab) (Ne.symm hac')]
      exact iff_of_true (toTop_left.mpr hcb) (toTop_left.mpr hcb)
    · rw [pivotProfile_ge (by omega)]; exact iff_of_false not_toBot_left not_toBot_left
  refine (iia_of_linear hI hP hQ' hac' fun i => ?_).mpr ((hF Q hQ').trans a b c hab' hbc')
  rcases hQ i with ⟨h, e⟩ | ⟨h, e⟩ | ⟨h, e⟩ <;> rw [e]
  · exact (toTop_of_ne hab hcb).symm
  · have hi : i = ⟨k, hk⟩ := Fin.ext h
    subst hi
    exact iff_of_true hac (toTop_left.mpr (Ne.symm hac'))
  · exact (toBot_of_ne hab hcb).symm

/-- The voter who dictates the pairs without `c` is the pivotal voter for any `b ≠ c`. -/
theorem dictatesOff_eq_pivot {n : Nat} {α : Type} {F : Profile n α → α → α → Prop}
    (hF : IsSWF F) {P₀ : Profile n α} (hP₀ : Admissible P₀) {b c : α} {k : Nat} (hk : k < n)
    (hbot : IsBot b (F (pivotProfile P₀ b k)))
    (htop : IsTop b (F (pivotProfile P₀ b (k + 1)))) (hbc : b ≠ c) {a : α} (hab : a ≠ b)
    (hac : a ≠ c) {j : Fin n} (hj : DictatesOff F j c) : j = ⟨k, hk⟩ := by
  refine Classical.byContradiction fun hne => ?_
  have hjk : j.val ≠ k := fun h => hne (Fin.ext h)
  by_cases hlt : j.val < k
  · have h := hj _ (admissible_pivotProfile hP₀ b k) b a hbc hac (by
      rw [pivotProfile_lt hlt]; exact toTop_left.mpr hab)
    exact (hF _ (admissible_pivotProfile hP₀ b k)).asymm (hbot a hab) h
  · have h := hj _ (admissible_pivotProfile hP₀ b (k + 1)) a b hac hbc (by
      rw [pivotProfile_ge (by omega)]; exact toBot_right.mpr hab)
    exact (hF _ (admissible_pivotProfile hP₀ b (k + 1))).asymm (htop a hab) h

/-- **The pivotal voter is a dictator** (Geanakoplos 2005), with at least three
alternatives. -/
theorem pivot_isDictator {n : Nat} {α : Type} {F : Profile n α → α → α → Prop}
    (hF : IsSWF F) (hPar : WeakPareto F) (hI : IIA F) (h3 : HasThreeAlternatives α)
    {P₀ : Profile n α} (hP₀ : Admissible P₀) {b : α} {k : Nat} (hk : k < n)
    (hbot : IsBot b (F (pivotProfile P₀ b k)))
    (htop : IsTop b (F (pivotProfile P₀ b (k + 1)))) : IsDictator F ⟨k, hk⟩ := by
  intro P hP x y hxy
  have hne : x ≠ y := (hP _).ne hxy
  by_cases hb : x ≠ b ∧ y ≠ b
  · exact pivot_dictatesOff hF hI hP₀ hk hbot htop P hP x y hb.1 hb.2 hxy
  obtain ⟨z, hzx, hzy⟩ := exists_ne_ne h3 x y
  have hzb : b ≠ z := by
    intro e; subst e; exact hb ⟨Ne.symm hzx, Ne.symm hzy⟩
  obtain ⟨kz, hkz, hbotz, htopz⟩ := exists_pivot hF hPar hI hP₀ z ⟨b, hzb⟩
  have hdz := pivot_dictatesOff hF hI hP₀ hkz hbotz htopz
  obtain ⟨a, hab, haz⟩ : ∃ a, a ≠ b ∧ a ≠ z := by
    by_cases hxb : x = b
    · exact ⟨y, fun e => hne (hxb.trans e.symm), Ne.symm hzy⟩
    · exact ⟨x, hxb, Ne.symm hzx⟩
  have e := dictatesOff_eq_pivot hF hP₀ hk hbot htop hzb hab haz hdz
  rw [← e] at hxy
  exact hdz P hP x y (Ne.symm hzx) (Ne.symm hzy) hxy

/-- Arrow's theorem, proved through the pivotal voter: a Pareto and IIA social welfare
function on at least three alternatives and `n ≥ 1` voters is dictatorial. -/
theorem dictatorial_of_pareto_iia {n : Nat} {α : Type} {F : Profile n α → α → α → Prop}
    (hn : 0 < n) (h3 : HasThreeAlternatives α) (hF : IsSWF F) (hPar : WeakPareto F)
    (hI : IIA F) : Dictatorial F := by
  by_cases hex : ∃ P : Profile n α, Admissible P
  · obtain ⟨P₀, hP₀⟩ := hex
    obtain ⟨a, b, c, hab, _, _⟩ := h3
    obtain ⟨k, hk, hbot, htop⟩ := exists_pivot hF hPar hI hP₀ b ⟨a, hab⟩
    exact ⟨⟨k, hk⟩, pivot_isDictator hF hPar hI ⟨a, b, c, hab, by assumption, by assumption⟩
      hP₀ hk hbot htop⟩
  · exact ⟨⟨0, hn⟩, fun P hP => absurd ⟨P, hP⟩ hex⟩

/-! ## Converse and uniqueness -/

/-- The dictatorship of voter `i`: the social ranking is voter `i`'s ranking. -/
def dictatorshipSWF {n : Nat} {α : Type} (i : Fin n) (P : Profile n α) : α → α → Prop :=
  P i

/-- A dictatorship is a social welfare function satisfying weak Pareto and IIA. -/
theorem dictatorshipSWF_pareto_iia {n : Nat} {α : Type} (i : Fin n) :
    IsSWF (dictatorshipSWF (α := α) i) ∧ WeakPareto (dictatorshipSWF (α := α) i) ∧
      IIA (dictatorshipSWF (α := α) i) ∧ IsDictator (dictatorshipSWF (α := α) i) i :=
  ⟨fun _ hP => hP i, fun _ _ _ _ h => h i, fun _ _ _ _ _ _ h => (h i).1, fun _ _ _ _ h => h⟩

/-- A social welfare function has at most one dictator (when there are two distinct
alternatives and some admissible profile). -/
theorem dictator_unique {n : Nat} {α : Type} {F : Profile n α → α → α → Prop} (hF : IsSWF F)
    {P₀ : Profile n α} (hP₀ : Admissible P₀) {a b : α} (hab : a ≠ b) {i j : Fin n}
    (hi : IsDictator F i) (hj : IsDictator F j) : i = j := by
  classical
  refine Classical.byContradiction fun hne => ?_
  obtain ⟨P, hPi, hPo⟩ : ∃ P : Profile n α,
      P i = toTop a (P₀ i) ∧ ∀ k, k ≠ i → P k = toTop b (P₀ k) :=
    ⟨fun k => if k = i then toTop a (P₀ k) else toTop b (P₀ k), if_pos rfl,
      fun k h => if_neg h⟩
  have hP : Admissible P := fun k => by
    by_cases h : k = i
    · subst h; rw [hPi]; exact (hP₀ k).toTop a
    · rw [hPo k h]; exact (hP₀ k).toTop b
  have h1 := hi P hP a b (by rw [hPi]; exact toTop_left.mpr (Ne.symm hab))
  have h2 := hj P hP b a (by rw [hPo j (fun e => hne e.symm)]; exact toTop_left.mpr hab)
  exact (hF P hP).asymm h1 h2

end EconLean.SocialChoice.Arrow
