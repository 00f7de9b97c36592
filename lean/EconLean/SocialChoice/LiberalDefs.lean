module

public import EconLean.SocialChoice.Defs

/-!
# Sen's liberal paradox: definitions

Social decision functions on profiles of identified individuals, the weak Pareto principle,
decisiveness of an individual over a pair, minimal liberalism and acyclicity of a social
strict preference (Sen 1970, "The Impossibility of a Paretian Liberal", *Journal of Political
Economy* 78(1), 152–157; Sen, *Collective Choice and Social Welfare*, 1970, ch. 6*).

Also a construction of ballots with a prescribed top segment (`Ballot.withTop`), used to
build the profiles in the proof of the paradox, and the ranking `0, 1, …, m - 1` of `Fin m`
(so every `Fin m` admits a ballot).
-/

@[expose] public section

noncomputable section

namespace EconLean.SocialChoice

/-- A profile of `n` identified individuals: individual `i` submits the ballot `p i`. -/
abbrev VoterProfile (n : Nat) (α : Type) := Fin n → Ballot α

/-- A social decision function with unrestricted domain: at every profile of rankings it
gives society's strict preference, `F p x y` meaning "`x` is socially preferred to `y`". -/
abbrev SocialDecisionFunction (n : Nat) (α : Type) := VoterProfile n α → α → α → Prop

/-- Weak Pareto: if every individual ranks `x` above `y`, society strictly prefers `x`
to `y`. -/
def WeakPareto {n : Nat} {α : Type} [DecidableEq α] (F : SocialDecisionFunction n α) : Prop :=
  ∀ p x y, (∀ i, (p i).prefers x y = true) → F p x y

/-- Individual `i` is decisive over the pair `{x, y}`: whichever way `i` ranks `x` versus
`y`, society strictly prefers the same way. -/
def DecisiveOver {n : Nat} {α : Type} [DecidableEq α] (F : SocialDecisionFunction n α)
    (i : Fin n) (x y : α) : Prop :=
  ∀ p, ((p i).prefers x y = true → F p x y) ∧ ((p i).prefers y x = true → F p y x)

/-- Sen's minimal liberalism: there are two different individuals, each decisive over some
pair of distinct alternatives. -/
def MinimalLiberalism {n : Nat} {α : Type} [DecidableEq α] (F : SocialDecisionFunction n α) :
    Prop :=
  ∃ i j : Fin n, i ≠ j ∧ ∃ x y z w : α, x ≠ y ∧ z ≠ w ∧
    DecisiveOver F i x y ∧ DecisiveOver F j z w

/-- A strict relation is acyclic: no chain `x R x₁ R ⋯ R x` returns to its start. -/
def Acyclic {α : Type} (R : α → α → Prop) : Prop :=
  ∀ x, ¬ Relation.TransGen R x x

/-- Decisiveness over a pair does not depend on the order in which the pair is written. -/
theorem decisiveOver_symm {n : Nat} {α : Type} [DecidableEq α] {F : SocialDecisionFunction n α}
    {i : Fin n} {x y : α} (h : DecisiveOver F i x y) : DecisiveOver F i y x :=
  fun p => ⟨(h p).2, (h p).1⟩

/-- The list `0, 1, …, m - 1` of the elements of `Fin m` has no repetitions. -/
theorem finRange_nodup : ∀ m : Nat, (List.finRange m).Nodup
  | 0 => by simp
  | m + 1 => by
    rw [List.finRange_succ]
    refine List.nodup_cons.mpr ⟨by simp [Fin.succ_ne_zero], ?_⟩
    exact List.pairwise_map.mpr
      (List.Pairwise.imp (fun h e => h (Fin.succ_inj.mp e)) (finRange_nodup m))

/-- Every finite set of alternatives `Fin m` can be ranked (by `0, 1, …, m - 1`), so the
results stated for types admitting a ballot apply to `Fin m`. -/
instance instNonemptyBallotFin (m : Nat) : Nonempty (Ballot (Fin m)) :=
  ⟨⟨List.finRange m, finRange_nodup m, List.mem_finRange⟩⟩

/-- The ballot that lists `top` first (in that order) and then the remaining alternatives in
the order of the ballot `r`. -/
def Ballot.withTop {α : Type} [DecidableEq α] (top : List α) (htop : top.Nodup) (r : Ballot α) :
    Ballot α where
  ranking := top ++ r.ranking.filter (fun x => !top.contains x)
  nodup := by
    refine List.nodup_append.mpr ⟨htop, List.Nodup.sublist List.filter_sublist r.nodup, ?_⟩
    intro u hu v hv huv
    subst huv
    simp [List.mem_filter, hu] at hv
  complete := by
    intro x
    by_cases hx : x ∈ top
    · exact List.mem_append_left _ hx
    · exact List.mem_append_right _ (List.mem_filter.mpr ⟨r.complete x, by simp [hx]⟩)

/-- On alternatives of its top segment, `Ballot.withTop top` ranks as the list `top` does. -/
theorem Ballot.withTop_prefers {α : Type} [DecidableEq α] (top : List α) (htop : top.Nodup)
    (r : Ballot α) {x y : α} (hx : x ∈ top) (hy : y ∈ top) :
    (Ballot.withTop top htop r).prefers x y = decide (top.idxOf x < top.idxOf y) := by
  simp [Ballot.withTop, Ballot.prefers, List.idxOf_append, hx, hy]

/-- The profile in which individual `i` submits `bi`, individual `j` submits `bj` and everybody
else submits `bo`. -/
def twoVoterProfile {n : Nat} {α : Type} (i j : Fin n) (bi bj bo : Ballot α) : VoterProfile n α :=
  fun k => if k = i then bi else if k = j then bj else bo

theorem twoVoterProfile_i {n : Nat} {α : Type} (i j : Fin n) (bi bj bo : Ballot α) :
    twoVoterProfile i j bi bj bo i = bi := by
  simp [twoVoterProfile]

theorem twoVoterProfile_j {n : Nat} {α : Type} {i j : Fin n} (hij : i ≠ j) (bi bj bo : Ballot α) :
    twoVoterProfile i j bi bj bo j = bj := by
  simp [twoVoterProfile, Ne.symm hij]

/-- A property shared by the three ballots of `twoVoterProfile` holds for every individual. -/
theorem twoVoterProfile_all {n : Nat} {α : Type} (i j : Fin n) (bi bj bo : Ballot α)
    (P : Ballot α → Prop) (hi : P bi) (hj : P bj) (ho : P bo) (k : Fin n) :
    P (twoVoterProfile i j bi bj bo k) := by
  unfold twoVoterProfile
  by_cases hki : k = i
  · rw [if_pos hki]; exact hi
  · by_cases hkj : k = j
    · rw [if_neg hki, if_pos hkj]; exact hj
    · rw [if_neg hki, if_neg hkj]; exact ho

/-- A social strict preference with a cycle of length three is not acyclic. -/
theorem not_acyclic_of_cycle3 {α : Type} {R : α → α → Prop} {x y z : α}
    (h1 : R x y) (h2 : R y z) (h3 : R z x) : ¬ Acyclic R :=
  fun h => h x (.tail (.tail (.single h1) h2) h3)

/-- A social strict preference with a cycle of length four is not acyclic. -/
theorem not_acyclic_of_cycle4 {α : Type} {R : α → α → Prop} {x y z w : α}
    (h1 : R x y) (h2 : R y z) (h3 : R z w) (h4 : R w x) : ¬ Acyclic R :=
  fun h => h x (.tail (.tail (.tail (.single h1) h2) h3) h4)

/-- A social strict preference that ranks `x` above `y` and `y` above `x` is not acyclic. -/
theorem not_acyclic_of_cycle2 {α : Type} {R : α → α → Prop} {x y : α}
    (h1 : R x y) (h2 : R y x) : ¬ Acyclic R :=
  fun h => h x (.tail (.single h1) h2)

end EconLean.SocialChoice

end

end
