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
* `ttc_exists_on`: the top trading cycles algorithm, run by strong induction on the number of
  remaining agents (remove the cycles of the pointing graph, recurse on the rest), always
  produces an outcome `IsTTCOutcome`.
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

/-! ## Top trading cycles terminates with an outcome -/

/-- `ttcIter p k i`: follow the pointer map `p` from agent `i` for `k` steps. -/
def ttcIter {n : Nat} (p : Fin n → Fin n) : Nat → Fin n → Fin n
  | 0, i => i
  | k + 1, i => ttcIter p k (p i)

/-- Following `k` steps and then `j` steps is following `j + k` steps. -/
theorem ttcIter_add {n : Nat} (p : Fin n → Fin n) :
    ∀ j k i, ttcIter p (j + k) i = ttcIter p j (ttcIter p k i)
  | _, 0, _ => rfl
  | j, k + 1, i => ttcIter_add p j k (p i)

/-- One more step applies the pointer map once more at the end. -/
theorem ttcIter_succ' {n : Nat} (p : Fin n → Fin n) :
    ∀ k i, ttcIter p (k + 1) i = p (ttcIter p k i)
  | 0, _ => rfl
  | k + 1, i => ttcIter_succ' p k (p i)

/-- Pointers that stay in a set keep every walk in it. -/
theorem ttcIter_mem {n : Nat} (p : Fin n → Fin n) (R : Fin n → Bool)
    (hR : ∀ i, R i = true → R (p i) = true) : ∀ k i, R i = true → R (ttcIter p k i) = true
  | 0, _, h => h
  | k + 1, i, h => ttcIter_mem p R hR k (p i) (hR i h)

/-- A walk that returns after `k + 1` steps returns after every multiple of `k + 1`. -/
theorem ttcIter_period {n : Nat} (p : Fin n → Fin n) {a : Fin n} {k : Nat}
    (h : ttcIter p (k + 1) a = a) : ∀ m, ttcIter p (m * (k + 1)) a = a
  | 0 => by rw [Nat.zero_mul]; rfl
  | m + 1 => by rw [Nat.add_mul, Nat.one_mul, ttcIter_add, h, ttcIter_period p h m]

/-- The pointer map is one-to-one on agents lying on cycles. -/
theorem eq_of_ttcIter_periodic {n : Nat} (p : Fin n → Fin n) {a b : Fin n} {ka kb : Nat}
    (ha : ttcIter p (ka + 1) a = a) (hb : ttcIter p (kb + 1) b = b) (e : p a = p b) : a = b := by
  have h1 := ttcIter_period p ha (kb + 1)
  have h2 := ttcIter_period p hb (ka + 1)
  rw [Nat.mul_comm] at h2
  have hK : (kb + 1) * (ka + 1) = (kb * (ka + 1) + ka) + 1 := by
    rw [Nat.add_mul, Nat.one_mul]; omega
  rw [hK] at h1 h2
  rw [← h1, ← h2]
  show ttcIter p (kb * (ka + 1) + ka) (p a) = ttcIter p (kb * (ka + 1) + ka) (p b)
  rw [e]

/-- Every walk of the pointer map reaches a cycle (pigeonhole on its first `n + 1` steps). -/
theorem exists_ttcIter_periodic {n : Nat} (p : Fin n → Fin n) (i0 : Fin n) :
    ∃ j k, ttcIter p (k + 1) (ttcIter p j i0) = ttcIter p j i0 := by
  apply Classical.byContradiction
  intro hno
  have hinj : ∀ a b, a < b → ttcIter p a i0 ≠ ttcIter p b i0 := by
    intro a b hab e
    apply hno
    refine ⟨a, b - a - 1, ?_⟩
    rw [← ttcIter_add]
    have : b - a - 1 + 1 + a = b := by omega
    rw [this]; exact e.symm
  have hnd : ((List.range (n + 1)).map (fun j => ttcIter p j i0)).Nodup := by
    unfold List.Nodup
    rw [List.pairwise_map]
    exact List.Pairwise.imp_of_mem (fun {a b} _ _ hab => by
      rcases Nat.lt_or_gt_of_ne hab with h | h
      · exact hinj a b h
      · exact fun e => hinj b a h e.symm) List.nodup_range
  have := length_le_of_nodup_fin _ hnd
  rw [List.length_map, List.length_range] at this
  omega

/-- A satisfiable predicate on `Nat` has a least witness. -/
theorem exists_least_nat (P : Nat → Prop) : ∀ k, P k → ∃ m, P m ∧ ∀ j, P j → m ≤ j := by
  intro k
  induction k using Nat.strongRecOn with
  | _ k ih =>
    intro hk
    apply Classical.byContradiction
    intro hno
    have : ∃ j, P j ∧ j < k := by
      apply Classical.byContradiction
      intro h2
      exact hno ⟨k, hk, fun j hj => Nat.le_of_not_lt (fun hlt => h2 ⟨j, hj, hlt⟩)⟩
    obtain ⟨j, hj, hlt⟩ := this
    exact hno (ih j hlt hj)

/-- Every agent has a favourite house among a nonempty set of houses. -/
theorem exists_favourite_house {n : Nat} (H : HousingMarket n) (R : Fin n → Bool) (i h0 : Fin n)
    (h0R : R h0 = true) : ∃ f, R f = true ∧ ∀ h, R h = true → H.rank i f ≤ H.rank i h := by
  obtain ⟨m, ⟨f, hf, hfm⟩, hmin⟩ :=
    exists_least_nat (fun k => ∃ f, R f = true ∧ H.rank i f = k) _ ⟨h0, h0R, rfl⟩
  exact ⟨f, hf, fun h hh => by rw [hfm]; exact hmin _ ⟨h, hh, rfl⟩⟩

/-- Filtering by a stronger predicate that drops a member of the list keeps fewer elements. -/
theorem length_filter_lt_of_imp {α : Type} (P Q : α → Bool) (hPQ : ∀ a, P a = true → Q a = true)
    (a : α) (hQa : Q a = true) (hPa : P a = false) :
    ∀ l : List α, a ∈ l → (l.filter P).length < (l.filter Q).length := by
  have hle : ∀ l : List α, (l.filter P).length ≤ (l.filter Q).length := by
    intro l
    induction l with
    | nil => exact Nat.le_refl _
    | cons c l ih =>
      rw [List.filter_cons, List.filter_cons]
      by_cases hp : P c = true
      · rw [if_pos hp, if_pos (hPQ c hp)]
        simp only [List.length_cons]
        omega
      · rw [if_neg hp]
        by_cases hq : Q c = true
        · rw [if_pos hq]; simp only [List.length_cons]; omega
        · rw [if_neg hq]; exact ih
  intro l
  induction l with
  | nil => intro h; simp at h
  | cons c l ih =>
    intro h
    rw [List.filter_cons, List.filter_cons]
    by_cases hp : P c = true
    · rw [if_pos hp, if_pos (hPQ c hp)]
      simp only [List.length_cons]
      have hca : c ≠ a := fun e => by rw [e, hPa] at hp; exact Bool.false_ne_true hp
      have hal : a ∈ l := by
        rcases List.mem_cons.mp h with e | e
        · exact absurd e.symm hca
        · exact e
      have := ih hal
      omega
    · rw [if_neg hp]
      by_cases hq : Q c = true
      · rw [if_pos hq]; simp only [List.length_cons]; have := hle l; omega
      · rw [if_neg hq]
        have hca : c ≠ a := fun e => by rw [e] at hq; exact hq hQa
        have hal : a ∈ l := by
          rcases List.mem_cons.mp h with e | e
          · exact absurd e.symm hca
          · exact e
        exact ih hal

/-- Top trading cycles on the agents of a set `R` (of size `c`), by strong induction on `c`:
every agent of `R` points to the owner of his favourite house in `R`; the agents on cycles of the
pointing graph (a nonempty set, on which the pointers are one-to-one) trade along their cycles
and leave in round `0`; top trading cycles on the remaining agents, one round later, does the
rest. -/
theorem ttc_exists_on {n : Nat} (H : HousingMarket n) :
    ∀ (c : Nat) (R : Fin n → Bool), ((List.finRange n).filter R).length = c →
      ∃ x : Allocation n, ∃ r : Fin n → Nat,
        (∀ i, R i = true → R (x i) = true) ∧
        (∀ i j, R i = true → R j = true → x i = x j → i = j) ∧
        (∀ i, R i = true → r (x i) = r i) ∧
        (∀ i h, R i = true → R h = true → r i ≤ r h → H.rank i (x i) ≤ H.rank i h) := by
  intro c
  induction c using Nat.strongRecOn with
  | _ c ih =>
    intro R hc
    by_cases hne : ∃ i0, R i0 = true
    · obtain ⟨i0, hi0⟩ := hne
      have hfav := fun i => exists_favourite_house H R i i0 hi0
      obtain ⟨p, hp⟩ : ∃ p : Fin n → Fin n,
          ∀ i, R (p i) = true ∧ ∀ h, R h = true → H.rank i (p i) ≤ H.rank i h :=
        ⟨fun i => Classical.choose (hfav i), fun i => Classical.choose_spec (hfav i)⟩
      obtain ⟨C, hC⟩ : ∃ C : Fin n → Prop,
          ∀ i, C i ↔ (R i = true ∧ ∃ k, ttcIter p (k + 1) i = i) := ⟨_, fun _ => Iff.rfl⟩
      have hCmaps : ∀ i, C i → C (p i) := by
        intro i hi
        obtain ⟨_, k, hk⟩ := (hC i).mp hi
        refine (hC (p i)).mpr ⟨(hp i).1, k, ?_⟩
        show ttcIter p (k + 1 + 1) i = p i
        rw [ttcIter_succ', hk]
      have hCinj : ∀ a b, C a → C b → p a = p b → a = b := by
        intro a b ha hb e
        obtain ⟨_, ka, hka⟩ := (hC a).mp ha
        obtain ⟨_, kb, hkb⟩ := (hC b).mp hb
        exact eq_of_ttcIter_periodic p hka hkb e
      obtain ⟨j, k, hjk⟩ := exists_ttcIter_periodic p i0
      have hy : C (ttcIter p j i0) :=
        (hC _).mpr ⟨ttcIter_mem p R (fun i _ => (hp i).1) j i0 hi0, k, hjk⟩
      obtain ⟨Cb, hCb⟩ : ∃ Cb : Fin n → Bool, ∀ i, Cb i = true ↔ C i :=
        ⟨fun i => @decide (C i) (Classical.propDecidable _),
          fun i => ⟨@of_decide_eq_true (C i) (Classical.propDecidable _),
            @decide_eq_true (C i) (Classical.propDecidable _)⟩⟩
      obtain ⟨R', hR'⟩ : ∃ R' : Fin n → Bool, ∀ i, R' i = true ↔ (R i = true ∧ Cb i = false) :=
        ⟨fun i => R i && !Cb i, fun i => by
          show (R i && !Cb i) = true ↔ _
          cases R i <;> cases Cb i <;> simp⟩
      have hlt : ((List.finRange n).filter R').length < c := by
        rw [← hc]
        exact length_filter_lt_of_imp R' R (fun a ha => ((hR' a).mp ha).1) (ttcIter p j i0)
          ((hC _).mp hy).1
          (by
            cases h : R' (ttcIter p j i0) with
            | false => rfl
            | true =>
              have h2 := ((hR' _).mp h).2
              rw [(hCb _).mpr hy] at h2
              exact (Bool.false_ne_true h2.symm).elim)
          _ (List.mem_finRange _)
      obtain ⟨x', r', hmaps', hinj', hround', htop'⟩ := ih _ hlt R' rfl
      have hCbp : ∀ i, Cb i = true → Cb (p i) = true :=
        fun i hi => (hCb _).mpr (hCmaps i ((hCb i).mp hi))
      have hR'of : ∀ i, R i = true → ¬ Cb i = true → R' i = true :=
        fun i hi hci => (hR' i).mpr ⟨hi, by simpa using hci⟩
      have hx'f : ∀ i, R' i = true → Cb (x' i) = false := fun i hi => ((hR' _).mp (hmaps' i hi)).2
      refine ⟨fun i => if Cb i = true then p i else x' i,
        fun i => if Cb i = true then 0 else r' i + 1, ?_, ?_, ?_, ?_⟩
      · intro i hi
        dsimp only
        by_cases hci : Cb i = true
        · rw [if_pos hci]; exact (hp i).1
        · rw [if_neg hci]; exact ((hR' _).mp (hmaps' i (hR'of i hi hci))).1
      · intro a b ha hb e
        dsimp only at e
        by_cases hca : Cb a = true <;> by_cases hcb : Cb b = true
        · rw [if_pos hca, if_pos hcb] at e
          exact hCinj a b ((hCb a).mp hca) ((hCb b).mp hcb) e
        · rw [if_pos hca, if_neg hcb] at e
          have h1 := hCbp a hca
          rw [e, hx'f b (hR'of b hb hcb)] at h1
          exact absurd h1 Bool.false_ne_true
        · rw [if_neg hca, if_pos hcb] at e
          have h1 := hCbp b hcb
          rw [← e, hx'f a (hR'of a ha hca)] at h1
          exact absurd h1 Bool.false_ne_true
        · rw [if_neg hca, if_neg hcb] at e
          exact hinj' a b (hR'of a ha hca) (hR'of b hb hcb) e
      · intro i hi
        dsimp only
        by_cases hci : Cb i = true
        · simp [hci, hCbp i hci]
        · have hcf : Cb i = false := by simpa using hci
          simp [hcf, hx'f i (hR'of i hi hci), hround' i (hR'of i hi hci)]
      · intro i h hi hh hle
        dsimp only at hle ⊢
        by_cases hci : Cb i = true
        · rw [if_pos hci]; exact (hp i).2 h hh
        · rw [if_neg hci] at hle ⊢
          by_cases hch : Cb h = true
          · rw [if_pos hch] at hle; omega
          · rw [if_neg hch] at hle
            exact htop' i h (hR'of i hi hci) (hR'of h hh hch) (by omega)
    · exact ⟨fun i => i, fun _ => 0, fun i hi => absurd ⟨i, hi⟩ hne,
        fun i _ hi _ _ => absurd ⟨i, hi⟩ hne, fun i hi => absurd ⟨i, hi⟩ hne,
        fun i _ hi _ _ => absurd ⟨i, hi⟩ hne⟩

end EconLean.Matching

end

end
