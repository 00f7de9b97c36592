module

public import EconLean.SocialChoice.ArrowLemmas
public import EconLean.SocialChoice.GibbardSatterthwaiteDefs

/-!
# The Gibbard–Satterthwaite theorem: the lemmas of the proof

The classical reduction to Arrow's theorem (Gibbard 1973, *Econometrica* 41; Satterthwaite
1975, *Journal of Economic Theory* 10; see Reny 2001, *Economics Letters* 70, and Sen
2001): strategy-proofness implies Maskin monotonicity (`maskinMonotone_of_strategyProof`,
changing one voter at a time); with onto, weak Pareto efficiency and unanimity
(`not_chosen_of_unanimous_above`, `chosen_of_unanimous_top`); the social welfare function
induced by lifting two alternatives to the top of every ranking (`inducedSWF`) is a strict
linear order, weakly Pareto and IIA; its Arrow dictator dictates the social choice
function (`scfDictatorial_of_strategyProof`). Conversely, dictatorial social choice
functions are strategy-proof (`strategyProof_of_scfDictator`). The main theorems are in
`EconLean.SocialChoice.GibbardSatterthwaite`.
-/

@[expose] public section

-- The embedded Lean ships no compiled code for parts of core; definitions here are
-- only used in proofs, so nothing is compiled.
noncomputable section

namespace EconLean.SocialChoice.GibbardSatterthwaite

open EconLean.SocialChoice.Arrow

/-! ## Strategy-proofness implies Maskin monotonicity -/

/-- One voter's monotonic change keeps the outcome of a strategy-proof function. -/
theorem mono_step {n : Nat} {α : Type} {f : Profile n α → α} (hsp : StrategyProof f)
    {P P' : Profile n α} (hP : Admissible P) (hP' : Admissible P') {i : Fin n}
    (hj : ∀ j, j ≠ i → P' j = P j) {w : α} (hw : f P = w) (hi : ∀ v, P i w v → P' i w v) :
    f P' = w := by
  refine Classical.byContradiction fun hne => ?_
  have h1 : ¬ P i (f P') w := hw ▸ hsp P P' hP hP' i hj
  have h2 : P i w (f P') := ((hP i).not_iff hne).mp h1
  have hj' : ∀ j, j ≠ i → P j = P' j := fun j h => (hj j h).symm
  exact hsp P' P hP' hP i hj' (hw ▸ hi _ h2)

/-- The profile where voters `0, …, k-1` report as in `Q` and the others as in `P`. -/
def mixProfile {n : Nat} {α : Type} (P Q : Profile n α) (k : Nat) : Profile n α :=
  fun i => if i.val < k then Q i else P i

/-- Strategy-proofness implies Maskin monotonicity (changing the voters one at a time). -/
theorem maskinMonotone_of_strategyProof {n : Nat} {α : Type} {f : Profile n α → α}
    (hsp : StrategyProof f) : MaskinMonotone f := by
  intro P Q hP hQ w hw hmono
  have hadm : ∀ k, Admissible (mixProfile P Q k) := fun k i => by
    by_cases h : i.val < k
    · simp only [mixProfile, if_pos h]; exact hQ i
    · simp only [mixProfile, if_neg h]; exact hP i
  have key : ∀ k, k ≤ n → f (mixProfile P Q k) = w := by
    intro k
    induction k with
    | zero =>
      intro _
      have e : mixProfile P Q 0 = P := funext fun i => if_neg (Nat.not_lt_zero _)
      rw [e]; exact hw
    | succ k ih =>
      intro hk
      refine mono_step hsp (hadm k) (hadm (k + 1)) (i := ⟨k, by omega⟩) ?_ (ih (by omega)) ?_
      · intro j hj
        have hjk : j.val ≠ k := fun h => hj (Fin.ext h)
        simp only [mixProfile]
        by_cases h : j.val < k
        · rw [if_pos h, if_pos (by omega)]
        · rw [if_neg h, if_neg (by omega)]
      · intro v hv
        simp only [mixProfile, Nat.lt_irrefl, if_false, Nat.lt_succ_self, if_true] at hv ⊢
        exact hmono _ v hv
  have e : mixProfile P Q n = Q := funext fun i => if_pos i.isLt
  rw [← e]; exact key n (Nat.le_refl n)

/-- Onto and strategy-proof: if every voter ranks `x` above `y`, then `y` is not chosen
(weak Pareto efficiency). -/
theorem not_chosen_of_unanimous_above {n : Nat} {α : Type} {f : Profile n α → α}
    (hsp : StrategyProof f) (hon : Onto f) {P : Profile n α} (hP : Admissible P) {x y : α}
    (hxy : x ≠ y) (hall : ∀ i, P i x y) : f P ≠ y := by
  intro hy
  have hmm := maskinMonotone_of_strategyProof hsp
  obtain ⟨Q, hQ, hQx⟩ := hon x
  have hS : Admissible (fun i => toTop x (toTop y (P i))) := fun i => ((hP i).toTop y).toTop x
  have h1 : f (fun i => toTop x (toTop y (P i))) = y := hmm P _ hP hS y hy fun i v hv => by
    have hvx : v ≠ x := fun e => (hP i).asymm (hall i) (e ▸ hv)
    show toTop x (toTop y (P i)) y v
    rw [toTop_of_ne (Ne.symm hxy) hvx, toTop_left]
    exact Ne.symm ((hP i).ne hv)
  have h2 : f (fun i => toTop x (toTop y (P i))) = x := hmm Q _ hQ hS x hQx fun i v hv => by
    show toTop x (toTop y (P i)) x v
    exact toTop_left.mpr (Ne.symm ((hQ i).ne hv))
  exact hxy (h2.symm.trans h1)

/-- Onto and strategy-proof: if `x` is every voter's top alternative, `x` is chosen
(unanimity). -/
theorem chosen_of_unanimous_top {n : Nat} {α : Type} {f : Profile n α → α}
    (hsp : StrategyProof f) (hon : Onto f) {P : Profile n α} (hP : Admissible P) {x : α}
    (htop : ∀ i, IsTop x (P i)) : f P = x :=
  Classical.byContradiction fun hne =>
    not_chosen_of_unanimous_above hsp hon hP (Ne.symm hne) (fun i => htop i _ hne) rfl

/-- After lifting a nonempty set `S`, a strategy-proof onto function chooses in `S`. -/
theorem lift_mem {n : Nat} {α : Type} {f : Profile n α → α} (hsp : StrategyProof f)
    (hon : Onto f) {P : Profile n α} (hP : Admissible P) {S : α → Prop} {w : α} (hw : S w) :
    S (f (liftProfile S P)) :=
  Classical.byContradiction fun hz =>
    not_chosen_of_unanimous_above hsp hon (admissible_liftProfile hP S)
      (fun e => hz (by rw [← e]; exact hw)) (fun _ => Or.inl ⟨hw, hz⟩) rfl

/-- Lifting a set containing the chosen alternative keeps it chosen. -/
theorem lift_of_chosen {n : Nat} {α : Type} {f : Profile n α → α} (hsp : StrategyProof f)
    {P : Profile n α} (hP : Admissible P) {S : α → Prop} {w : α} (hw : S w)
    (hfw : f P = w) : f (liftProfile S P) = w :=
  maskinMonotone_of_strategyProof hsp P _ hP (admissible_liftProfile hP S) w hfw
    fun i v hv => by
      show liftSet S (P i) w v
      simp only [liftSet]
      by_cases hv' : S v
      · exact Or.inr ⟨iff_of_true hw hv', hv⟩
      · exact Or.inl ⟨hw, hv'⟩

/-- Shrinking the lifted set to a subset containing the chosen alternative keeps it
chosen. -/
theorem lift_shrink {n : Nat} {α : Type} {f : Profile n α → α} (hsp : StrategyProof f)
    {P : Profile n α} (hP : Admissible P) {S T : α → Prop} (hTS : ∀ u, T u → S u) {w : α}
    (hw : T w) (hfw : f (liftProfile S P) = w) : f (liftProfile T P) = w :=
  maskinMonotone_of_strategyProof hsp _ _ (admissible_liftProfile hP S)
    (admissible_liftProfile hP T) w hfw fun i v hv => by
      show liftSet T (P i) w v
      change liftSet S (P i) w v at hv
      simp only [liftSet] at hv ⊢
      have h1 := hTS w hw; have h2 := hTS v
      grind
/-- The induced ranking of a strategy-proof onto function is a strict linear order. -/
theorem inducedSWF_isSWF {n : Nat} {α : Type} {f : Profile n α → α} (hsp : StrategyProof f)
    (hon : Onto f) : IsSWF (inducedSWF f) := by
  intro P hP
  have mem : ∀ x y : α, f (liftProfile (fun u => u = x ∨ u = y) P) = x ∨
      f (liftProfile (fun u => u = x ∨ u = y) P) = y :=
    fun x y => lift_mem hsp hon hP (S := fun u => u = x ∨ u = y) (Or.inl rfl)
  refine ⟨fun x h => h.1 rfl, ?_, ?_⟩
  · intro x y z ⟨hxy, hfxy⟩ ⟨hyz, hfyz⟩
    have hxz : x ≠ z := by
      intro e; subst e
      rw [pair_comm] at hfxy
      exact hyz (hfyz.symm.trans hfxy)
    refine ⟨hxz, ?_⟩
    have hm := lift_mem hsp hon hP (S := fun u => u = x ∨ u = y ∨ u = z) (Or.inl rfl)
    rcases hm with h | h | h
    · exact lift_shrink hsp hP (S := fun u => u = x ∨ u = y ∨ u = z)
        (fun u hu => by rcases hu with hu | hu <;> simp [hu]) (Or.inl rfl) h
    · exact absurd ((lift_shrink hsp hP (S := fun u => u = x ∨ u = y ∨ u = z)
        (T := fun u => u = x ∨ u = y) (fun u hu => by rcases hu with hu | hu <;> simp [hu])
        (Or.inr rfl) h).symm.trans hfxy) (Ne.symm hxy)
    · exact absurd ((lift_shrink hsp hP (S := fun u => u = x ∨ u = y ∨ u = z)
        (T := fun u => u = y ∨ u = z) (fun u hu => by rcases hu with hu | hu <;> simp [hu])
        (Or.inr rfl) h).symm.trans hfyz) (Ne.symm hyz)
  · intro x y hxy
    rcases mem x y with h | h
    · exact Or.inl ⟨hxy, h⟩
    · refine Or.inr ⟨Ne.symm hxy, ?_⟩
      rw [pair_comm]; exact h

/-- The induced social welfare function satisfies weak Pareto (with at least one voter). -/
theorem inducedSWF_weakPareto {n : Nat} {α : Type} {f : Profile n α → α} (hn : 0 < n)
    (hsp : StrategyProof f) (hon : Onto f) : WeakPareto (inducedSWF f) := by
  intro P hP x y hall
  have hxy : x ≠ y := (hP ⟨0, hn⟩).ne (hall ⟨0, hn⟩)
  refine ⟨hxy, ?_⟩
  rcases lift_mem hsp hon hP (S := fun u => u = x ∨ u = y) (Or.inl rfl) with h | h
  · exact h
  · exact absurd h (not_chosen_of_unanimous_above hsp hon (admissible_liftProfile hP _) hxy
      fun i => Or.inr ⟨iff_of_true (Or.inl rfl) (Or.inr rfl), hall i⟩)

/-- The induced social welfare function satisfies independence of irrelevant
alternatives. -/
theorem inducedSWF_iia {n : Nat} {α : Type} {f : Profile n α → α} (hsp : StrategyProof f) :
    IIA (inducedSWF f) := by
  have side : ∀ P Q : Profile n α, Admissible P → Admissible Q → ∀ x y : α,
      (∀ i, (P i x y ↔ Q i x y) ∧ (P i y x ↔ Q i y x)) →
      inducedSWF f P x y → inducedSWF f Q x y := by
    intro P Q hP hQ x y h ⟨hxy, hf⟩
    refine ⟨hxy, maskinMonotone_of_strategyProof hsp _ _ (admissible_liftProfile hP _)
      (admissible_liftProfile hQ _) x hf fun i v hv => ?_⟩
    show liftSet _ (Q i) x v
    change liftSet _ (P i) x v at hv
    simp only [liftSet] at hv ⊢
    have h1 := h i; have h2 := (hP i).irrefl x
    grind
  intro P Q hP hQ x y h
  exact ⟨side P Q hP hQ x y h, side Q P hQ hP x y fun i => ⟨(h i).1.symm, (h i).2.symm⟩⟩

/-- A dictator of the induced social welfare function is a dictator of `f`. -/
theorem scfDictator_of_dictator {n : Nat} {α : Type} {f : Profile n α → α}
    (hsp : StrategyProof f) {i : Fin n} (hi : IsDictator (inducedSWF f) i) :
    IsSCFDictator f i := by
  intro P hP y hy
  refine ((hP i).not_iff hy).mp fun hyw => ?_
  have h1 := (hi P hP y (f P) hyw).2
  have h2 := lift_of_chosen hsp hP (S := fun u => u = y ∨ u = f P) (Or.inr rfl) rfl
  exact hy (h1.symm.trans h2)

/-- Gibbard–Satterthwaite through Arrow: a strategy-proof onto social choice function on at
least three alternatives with `n ≥ 1` voters is dictatorial. -/
theorem scfDictatorial_of_strategyProof {n : Nat} {α : Type} {f : Profile n α → α}
    (hn : 0 < n) (h3 : HasThreeAlternatives α) (hsp : StrategyProof f) (hon : Onto f) :
    SCFDictatorial f := by
  obtain ⟨i, hi⟩ := dictatorial_of_pareto_iia hn h3 (inducedSWF_isSWF hsp hon)
    (inducedSWF_weakPareto hn hsp hon) (inducedSWF_iia hsp)
  exact ⟨i, scfDictator_of_dictator hsp hi⟩

/-! ## The converse -/

/-- A dictatorial social choice function is strategy-proof. -/
theorem strategyProof_of_scfDictator {n : Nat} {α : Type} {f : Profile n α → α} {i : Fin n}
    (hd : IsSCFDictator f i) : StrategyProof f := by
  intro P P' hP hP' j hj hpref
  have hne : f P' ≠ f P := (hP j).ne hpref
  by_cases hji : j = i
  · subst hji; exact (hP j).asymm hpref (hd P hP _ hne)
  · have e : P' i = P i := hj i (fun h => hji h.symm)
    have h1 := hd P hP _ hne
    have h2 := hd P' hP' _ (Ne.symm hne)
    rw [e] at h2
    exact (hP i).asymm h1 h2

end EconLean.SocialChoice.GibbardSatterthwaite
