module

public import Init

/-!
# Two-sided matching: definitions

The marriage model of Gale and Shapley, "College Admissions and the Stability of Marriage",
*American Mathematical Monthly* 69 (1962): `n` men and `n` women (both indexed by `Fin n`),
preference lists, matchings, blocking pairs, stability, and the men-proposing deferred
acceptance algorithm (run with a fuel bound of `n * n` proposals, the algorithm's worst case).
The two ranking matrices of Gale and Shapley (1962, Examples 1 and 2) are encoded as markets.
-/

@[expose] public section

-- The embedded Lean ships no compiled code for parts of core; definitions here are
-- only used in proofs (kernel reduction), so nothing is compiled.
noncomputable section

namespace EconLean.Matching

/-- A marriage market: every man ranks women and every woman ranks men, best first. -/
structure Market (n : Nat) where
  /-- man `m`'s preference list over women, best first -/
  menPref : Fin n → List (Fin n)
  /-- woman `w`'s preference list over men, best first -/
  womenPref : Fin n → List (Fin n)

/-- Position of woman `w` in man `m`'s list (0 = best). -/
def Market.mRank {n : Nat} (M : Market n) (m w : Fin n) : Nat := (M.menPref m).idxOf w

/-- Position of man `m` in woman `w`'s list (0 = best). -/
def Market.wRank {n : Nat} (M : Market n) (w m : Fin n) : Nat := (M.womenPref w).idxOf m

/-- Complete preferences: every man lists every woman and every woman lists every man.
(Ranks are then strict: distinct partners get distinct ranks.) -/
def Market.Complete {n : Nat} (M : Market n) : Prop :=
  (∀ m w, w ∈ M.menPref m) ∧ (∀ w m, m ∈ M.womenPref w)

/-- A matching assigns each man a wife; it is a perfect matching when injective. -/
abbrev Matching (n : Nat) := Fin n → Fin n

/-- `μ` is a one-to-one assignment of men to women. -/
def IsMatching {n : Nat} (μ : Matching n) : Prop := ∀ m m', μ m = μ m' → m = m'

/-- `(m, w)` blocks `μ`: man `m` strictly prefers `w` to his wife, and `w` strictly prefers `m`
to her husband. -/
def Blocks {n : Nat} (M : Market n) (μ : Matching n) (m w : Fin n) : Prop :=
  M.mRank m w < M.mRank m (μ m) ∧ ∀ m', μ m' = w → M.wRank w m < M.wRank w m'

/-- A stable matching: a perfect matching with no blocking pair. -/
def IsStable {n : Nat} (M : Market n) (μ : Matching n) : Prop :=
  IsMatching μ ∧ ∀ m w, ¬ Blocks M μ m w

instance {n : Nat} (M : Market n) (μ : Matching n) : Decidable (IsStable M μ) := by
  unfold IsStable IsMatching Blocks; infer_instance

/-- The matching listing each man's wife in order (`l[m]`; unused default `m`). -/
def matchingOfList {n : Nat} (l : List (Fin n)) : Matching n := fun m => l.getD m.val m

/-! ## Deferred acceptance (men propose) -/

/-- State of deferred acceptance: how many proposals each man has made, and the man each
woman holds (if any). -/
structure DAState (n : Nat) where
  /-- number of proposals man `m` has made so far -/
  next : Fin n → Nat
  /-- the man woman `w` currently holds -/
  held : Fin n → Option (Fin n)

/-- Man `m` is not held by any woman. -/
def DAState.isFree {n : Nat} (s : DAState n) (m : Fin n) : Bool :=
  (List.finRange n).all (fun w => s.held w != some m)

/-- Woman `w` receives a proposal from `m`: she keeps the better of `m` and the man she holds. -/
def accept {n : Nat} (M : Market n) (w m : Fin n) : Option (Fin n) → Option (Fin n)
  | none => some m
  | some m0 => if M.wRank w m < M.wRank w m0 then some m else some m0

/-- One step: the first free man who still has a woman to propose to proposes to the best
woman he has not yet proposed to; she holds the better of him and her current man.
`none` when no free man can propose (the algorithm stops). -/
def daStep {n : Nat} (M : Market n) (s : DAState n) : Option (DAState n) :=
  match (List.finRange n).find? (fun m => s.isFree m && decide (s.next m < (M.menPref m).length)) with
  | none => none
  | some m =>
    match (M.menPref m)[s.next m]? with
    | none => none
    | some w => some
        { next := fun m' => if m' = m then s.next m + 1 else s.next m'
          held := fun w' => if w' = w then accept M w m (s.held w) else s.held w' }

/-- Run at most `fuel` proposal steps. -/
def daRun {n : Nat} (M : Market n) : Nat → DAState n → DAState n
  | 0, s => s
  | k + 1, s =>
    match daStep M s with
    | none => s
    | some s' => daRun M k s'

/-- The woman holding man `m` at the end, if any. -/
def DAState.wifeOf {n : Nat} (s : DAState n) (m : Fin n) : Option (Fin n) :=
  (List.finRange n).find? (fun w => s.held w == some m)

/-- Men-proposing deferred acceptance (Gale and Shapley 1962), with `n * n` proposal steps
(enough: no man proposes twice to the same woman). Returns each man's wife, if any. -/
def deferredAcceptance {n : Nat} (M : Market n) : Fin n → Option (Fin n) :=
  (daRun M (n * n) ⟨fun _ => 0, fun _ => none⟩).wifeOf

/-- Deferred acceptance as a matching (a man left unmatched, which does not happen for complete
preferences, would be sent to the woman with his own index). -/
def daMatching {n : Nat} (M : Market n) : Matching n := fun m => (deferredAcceptance M m).getD m

/-! ## The examples of Gale and Shapley (1962) -/

/-- Gale and Shapley (1962), Example 1: men `α β γ` (`0 1 2`), women `A B C` (`0 1 2`),
ranking matrix (man's rank of woman, woman's rank of man)
```
      A      B      C
α   (1,3)  (2,2)  (3,1)
β   (3,1)  (1,3)  (2,2)
γ   (2,2)  (3,1)  (1,3)
```
-/
def galeShapleyExample1 : Market 3 where
  menPref := fun m => [[0, 1, 2], [1, 2, 0], [2, 0, 1]].getD m.val []
  womenPref := fun w => [[1, 2, 0], [2, 0, 1], [0, 1, 2]].getD w.val []

/-- Gale and Shapley (1962), Example 2: men `α β γ δ` (`0 1 2 3`), women `A B C D`
(`0 1 2 3`), ranking matrix (man's rank of woman, woman's rank of man)
```
      A      B      C      D
α   (1,3)  (2,3)  (3,2)  (4,3)
β   (1,4)  (4,1)  (3,3)  (2,2)
γ   (2,2)  (1,4)  (3,4)  (4,1)
δ   (4,1)  (2,2)  (3,1)  (1,4)
```
-/
def galeShapleyExample2 : Market 4 where
  menPref := fun m => [[0, 1, 2, 3], [0, 3, 2, 1], [1, 0, 2, 3], [3, 1, 2, 0]].getD m.val []
  womenPref := fun w => [[3, 2, 0, 1], [1, 3, 0, 2], [3, 0, 1, 2], [2, 1, 0, 3]].getD w.val []

/-- The ranking matrix of Example 2 as printed by Gale and Shapley (1962), row = man. -/
def galeShapleyMatrix2 : List (List (Nat × Nat)) :=
  [[(1, 3), (2, 3), (3, 2), (4, 3)],
   [(1, 4), (4, 1), (3, 3), (2, 2)],
   [(2, 2), (1, 4), (3, 4), (4, 1)],
   [(4, 1), (2, 2), (3, 1), (1, 4)]]

/-- The encoding of Example 2 reproduces the printed ranking matrix (ranks counted from 1). -/
theorem galeShapleyExample2_matrix :
    ∀ m w : Fin 4, ((galeShapleyMatrix2.getD m.val []).getD w.val (0, 0)) =
      (galeShapleyExample2.mRank m w + 1, galeShapleyExample2.wRank w m + 1) := by
  decide

/-- The stable matching of Example 2: `αC, βD, γA, δB`. -/
def galeShapleySolution2 : Matching 4 := matchingOfList [2, 3, 0, 1]

/-- A 2 × 2 market with strict preferences; each Boolean picks one agent's ranking
(`true`: prefers partner `0` to partner `1`). Every strict 2 × 2 market is of this form. -/
def market2 (m0 m1 w0 w1 : Bool) : Market 2 where
  menPref := fun m => if (if m.val = 0 then m0 else m1) then [0, 1] else [1, 0]
  womenPref := fun w => if (if w.val = 0 then w0 else w1) then [0, 1] else [1, 0]

/-! ## Helper lemmas -/

/-- Distinct members of a list have distinct positions. -/
theorem idxOf_ne_of_mem {α : Type} [DecidableEq α] :
    ∀ {l : List α} {x y : α}, x ∈ l → y ∈ l → x ≠ y → l.idxOf x ≠ l.idxOf y
  | [], _, _, hx, _, _ => by simp at hx
  | z :: l, x, y, hx, hy, hxy => by
    simp only [List.idxOf_cons]
    cases h1 : (z == x) <;> cases h2 : (z == y)
    · simp only [cond_false]
      simp at h1 h2
      have hx' : x ∈ l := by
        rcases List.mem_cons.mp hx with h | h
        · exact absurd h.symm h1
        · exact h
      have hy' : y ∈ l := by
        rcases List.mem_cons.mp hy with h | h
        · exact absurd h.symm h2
        · exact h
      have := idxOf_ne_of_mem hx' hy' hxy
      omega
    · simp
    · simp
    · simp at h1 h2
      exact absurd (h1.symm.trans h2) hxy

/-- A 4-man matching is determined by its list of wives. -/
theorem eq_matchingOfList_four (μ : Matching 4) : μ = matchingOfList [μ 0, μ 1, μ 2, μ 3] := by
  funext m
  match m with
  | ⟨0, _⟩ => rfl
  | ⟨1, _⟩ => rfl
  | ⟨2, _⟩ => rfl
  | ⟨3, _⟩ => rfl

/-- A 3-man matching is determined by its list of wives. -/
theorem eq_matchingOfList_three (μ : Matching 3) : μ = matchingOfList [μ 0, μ 1, μ 2] := by
  funext m
  match m with
  | ⟨0, _⟩ => rfl
  | ⟨1, _⟩ => rfl
  | ⟨2, _⟩ => rfl

/-! ## Correctness of deferred acceptance: invariants and lemmas -/

/-- `List.finRange n` lists each element once. -/
theorem nodup_finRange : ∀ n, (List.finRange n).Nodup
  | 0 => by simp
  | n + 1 => by
    rw [List.finRange_succ, List.nodup_cons]
    refine ⟨by simp [List.mem_map, Fin.succ_ne_zero], ?_⟩
    unfold List.Nodup
    rw [List.pairwise_map]
    exact (nodup_finRange n).imp (fun h e => h (Fin.succ_inj.mp e))

theorem length_le_of_nodup_of_subset {α : Type} [DecidableEq α] :
    ∀ (l l' : List α), l.Nodup → (∀ x ∈ l, x ∈ l') → l.length ≤ l'.length
  | [], _, _, _ => Nat.zero_le _
  | x :: xs, l', hnd, hsub => by
    rw [List.nodup_cons] at hnd
    have hx : x ∈ l' := hsub x List.mem_cons_self
    have ih := length_le_of_nodup_of_subset xs (l'.erase x) hnd.2 (fun y hy =>
      (List.mem_erase_of_ne (fun e => hnd.1 (by rw [← e]; exact hy))).mpr (hsub y (List.mem_cons_of_mem _ hy)))
    rw [List.length_erase_of_mem hx] at ih
    have : 0 < l'.length := List.length_pos_of_mem hx
    simp only [List.length_cons]
    omega

theorem idxOf_le_of_getElem? {α : Type} [DecidableEq α] :
    ∀ (l : List α) (k : Nat) (x : α), l[k]? = some x → l.idxOf x ≤ k
  | [], k, x, h => by simp at h
  | y :: l, 0, x, h => by
    simp only [List.getElem?_cons_zero, Option.some.injEq] at h
    subst h
    simp
  | y :: l, k + 1, x, h => by
    simp only [List.getElem?_cons_succ] at h
    have := idxOf_le_of_getElem? l k x h
    simp only [List.idxOf_cons]
    cases y == x <;> simp <;> omega

theorem mem_take_of_idxOf_lt {α : Type} [DecidableEq α] :
    ∀ (l : List α) (k : Nat) (x : α), x ∈ l → l.idxOf x < k → x ∈ l.take k
  | [], _, _, hx, _ => by simp at hx
  | _ :: _, 0, _, _, h => by omega
  | y :: l, k + 1, x, hx, h => by
    simp only [List.take_succ_cons, List.mem_cons]
    by_cases hy : y = x
    · exact Or.inl hy.symm
    · right
      have hx' : x ∈ l := by
        rcases List.mem_cons.mp hx with h' | h'
        · exact absurd h'.symm hy
        · exact h'
      have hb : (y == x) = false := by simp [hy]
      rw [List.idxOf_cons, hb] at h
      simp only [cond_false] at h
      exact mem_take_of_idxOf_lt l k x hx' (by omega)

theorem sum_map_bump {α : Type} [DecidableEq α] (f : α → Nat) (a : α) :
    ∀ (l : List α), l.Nodup →
      (l.map (fun x => if x = a then f a + 1 else f x)).sum = (l.map f).sum + (if a ∈ l then 1 else 0)
  | [], _ => by simp
  | x :: l, hnd => by
    rw [List.nodup_cons] at hnd
    have ih := sum_map_bump f a l hnd.2
    by_cases hx : x = a
    · subst hx
      simp [hnd.1] at ih ⊢
      omega
    · have : (a ∈ x :: l) ↔ a ∈ l := by
        simp only [List.mem_cons]
        exact ⟨fun h => h.resolve_left (fun e => hx e.symm), Or.inr⟩
      simp only [List.map_cons, List.sum_cons, hx, if_false, this]
      omega

theorem sum_map_le {α : Type} (f : α → Nat) (k : Nat) :
    ∀ (l : List α), (∀ x ∈ l, f x ≤ k) → (l.map f).sum ≤ l.length * k
  | [], _ => by simp
  | y :: l, hle => by
    have hy := hle y List.mem_cons_self
    have ih := sum_map_le f k l (fun z hz => hle z (List.mem_cons_of_mem _ hz))
    simp only [List.map_cons, List.sum_cons, List.length_cons, Nat.succ_mul]
    omega

theorem eq_of_sum_eq {α : Type} (f : α → Nat) (k : Nat) :
    ∀ (l : List α), (∀ x ∈ l, f x ≤ k) → (l.map f).sum = l.length * k → ∀ x ∈ l, f x = k
  | [], _, _, x, hx => by simp at hx
  | y :: l, hle, hsum, x, hx => by
    simp only [List.map_cons, List.sum_cons, List.length_cons, Nat.succ_mul] at hsum
    have hy := hle y List.mem_cons_self
    have hl : ∀ z ∈ l, f z ≤ k := fun z hz => hle z (List.mem_cons_of_mem _ hz)
    have hbound := sum_map_le f k l hl
    rcases List.mem_cons.mp hx with h | h
    · subst h; omega
    · exact eq_of_sum_eq f k l hl (by omega) x h

theorem isFree_iff {n : Nat} (s : DAState n) (m : Fin n) :
    s.isFree m = true ↔ ∀ w, s.held w ≠ some m := by
  simp [DAState.isFree, List.all_eq_true, List.mem_finRange]

/-- Invariants of deferred acceptance. -/
structure DAInv {n : Nat} (M : Market n) (s : DAState n) : Prop where
  /-- no man proposes beyond the end of his list -/
  next_le : ∀ m, s.next m ≤ (M.menPref m).length
  /-- a held man's latest proposal went to the woman holding him -/
  held_last : ∀ w m, s.held w = some m → 1 ≤ s.next m ∧ (M.menPref m)[s.next m - 1]? = some w
  /-- a woman who received a proposal from `m` holds a man she ranks at least as high as `m` -/
  proposed_held : ∀ m w, w ∈ (M.menPref m).take (s.next m) →
    ∃ m', s.held w = some m' ∧ M.wRank w m' ≤ M.wRank w m

theorem daInv_init {n : Nat} (M : Market n) : DAInv M ⟨fun _ => 0, fun _ => none⟩ :=
  ⟨fun _ => Nat.zero_le _, fun _ _ h => by simp at h, fun _ _ h => by simp at h⟩

theorem DAInv.held_inj {n : Nat} {M : Market n} {s : DAState n} (hs : DAInv M s) {w w' m : Fin n}
    (h : s.held w = some m) (h' : s.held w' = some m) : w = w' := by
  have a := (hs.held_last w m h).2
  have b := (hs.held_last w' m h').2
  rw [a] at b
  exact Option.some.inj b

theorem accept_isSome {n : Nat} (M : Market n) (w m : Fin n) (o : Option (Fin n)) :
    ∃ m', accept M w m o = some m' := by
  cases o with
  | none => exact ⟨m, rfl⟩
  | some m0 =>
    simp only [accept]
    split
    · exact ⟨m, rfl⟩
    · exact ⟨m0, rfl⟩

theorem accept_le_new {n : Nat} {M : Market n} {w m m' : Fin n} {o : Option (Fin n)}
    (h : accept M w m o = some m') : M.wRank w m' ≤ M.wRank w m := by
  cases o with
  | none => simp [accept] at h; subst h; exact Nat.le_refl _
  | some m0 =>
    simp only [accept] at h
    split at h
    · simp at h; subst h; exact Nat.le_refl _
    · simp at h; subst h; omega

theorem accept_le_old {n : Nat} {M : Market n} {w m m' m0 : Fin n}
    (h : accept M w m (some m0) = some m') : M.wRank w m' ≤ M.wRank w m0 := by
  simp only [accept] at h
  split at h
  · simp at h; subst h; omega
  · simp at h; subst h; exact Nat.le_refl _

theorem accept_eq {n : Nat} {M : Market n} {w m m' : Fin n} {o : Option (Fin n)}
    (h : accept M w m o = some m') : m' = m ∨ o = some m' := by
  cases o with
  | none => simp [accept] at h; exact Or.inl h.symm
  | some m0 =>
    simp only [accept] at h
    split at h
    · simp at h; exact Or.inl h.symm
    · simp at h; exact Or.inr (congrArg some h)

theorem daStep_some {n : Nat} {M : Market n} {s s' : DAState n} (h : daStep M s = some s') :
    ∃ m w, s.isFree m = true ∧ s.next m < (M.menPref m).length ∧
      (M.menPref m)[s.next m]? = some w ∧
      s' = { next := fun m' => if m' = m then s.next m + 1 else s.next m'
             held := fun w' => if w' = w then accept M w m (s.held w) else s.held w' } := by
  unfold daStep at h
  split at h
  · simp at h
  · rename_i m hm
    split at h
    · simp at h
    · rename_i w hw
      have hp := List.find?_some hm
      simp only [Bool.and_eq_true, decide_eq_true_eq] at hp
      exact ⟨m, w, hp.1, hp.2, hw, (Option.some.inj h).symm⟩

theorem daStep_none {n : Nat} {M : Market n} {s : DAState n} (h : daStep M s = none) (m : Fin n)
    (hm : s.isFree m = true) : (M.menPref m).length ≤ s.next m := by
  unfold daStep at h
  split at h
  · rename_i hn
    have := List.find?_eq_none.mp hn m (List.mem_finRange m)
    simp only [hm, Bool.true_and, decide_eq_true_eq] at this
    omega
  · rename_i m' hm'
    split at h
    · rename_i hw
      have hp := List.find?_some hm'
      simp only [Bool.and_eq_true, decide_eq_true_eq] at hp
      rw [List.getElem?_eq_getElem hp.2] at hw
      simp at hw
    · simp at h

theorem mem_take_succ_of_getElem? {α : Type} {l : List α} {k : Nat} {w x : α}
    (hw : l[k]? = some w) (h : x ∈ l.take (k + 1)) : x ∈ l.take k ∨ x = w := by
  rw [List.take_add_one, hw] at h
  simpa using h

theorem daInv_step {n : Nat} {M : Market n} {s s' : DAState n} (hs : DAInv M s)
    (h : daStep M s = some s') : DAInv M s' := by
  obtain ⟨m, w, hfree, hlt, hw, rfl⟩ := daStep_some h
  rw [isFree_iff] at hfree
  constructor
  · intro m'
    by_cases hm : m' = m
    · subst hm; simp; omega
    · simp only [hm, if_false]; exact hs.next_le m'
  · intro w' m' hheld
    simp only at hheld ⊢
    by_cases hm : m' = m
    · subst hm
      by_cases hw' : w' = w
      · subst hw'; simpa using hw
      · simp only [hw', if_false] at hheld
        exact absurd hheld (hfree w')
    · simp only [hm, if_false]
      by_cases hw' : w' = w
      · subst hw'
        simp only [if_true] at hheld
        rcases accept_eq hheld with e | e
        · exact absurd e hm
        · exact hs.held_last w' m' e
      · simp only [hw', if_false] at hheld
        exact hs.held_last w' m' hheld
  · intro m'' w' hmem
    simp only at hmem ⊢
    by_cases hm : m'' = m
    · subst hm
      simp only [if_true] at hmem
      rcases mem_take_succ_of_getElem? hw hmem with hold | e
      · by_cases hw' : w' = w
        · subst hw'
          obtain ⟨m', hm'⟩ := accept_isSome M w' m'' (s.held w')
          exact ⟨m', by simp [hm'], accept_le_new hm'⟩
        · obtain ⟨m', h1, h2⟩ := hs.proposed_held m'' w' hold
          exact ⟨m', by simp [hw', h1], h2⟩
      · subst e
        obtain ⟨m', hm'⟩ := accept_isSome M w' m'' (s.held w')
        exact ⟨m', by simp [hm'], accept_le_new hm'⟩
    · simp only [hm, if_false] at hmem
      obtain ⟨m0, h1, h2⟩ := hs.proposed_held m'' w' hmem
      by_cases hw' : w' = w
      · subst hw'
        obtain ⟨m', hm'⟩ := accept_isSome M w' m (s.held w')
        rw [h1] at hm'
        refine ⟨m', by simp [h1, hm'], ?_⟩
        have := accept_le_old hm'
        omega
      · exact ⟨m0, by simp [hw', h1], h2⟩

/-- Total number of proposals made so far. -/
def DAState.proposals {n : Nat} (s : DAState n) : Nat := ((List.finRange n).map s.next).sum

theorem proposals_step {n : Nat} {M : Market n} {s s' : DAState n} (h : daStep M s = some s') :
    s'.proposals = s.proposals + 1 := by
  obtain ⟨m, w, _, _, _, rfl⟩ := daStep_some h
  have := sum_map_bump s.next m (List.finRange n) (nodup_finRange n)
  simp only [List.mem_finRange, if_true] at this
  exact this

theorem daRun_spec {n : Nat} (M : Market n) :
    ∀ (k : Nat) (s : DAState n), DAInv M s →
      DAInv M (daRun M k s) ∧
        (daStep M (daRun M k s) = none ∨ (daRun M k s).proposals = s.proposals + k)
  | 0, s, hs => ⟨hs, Or.inr rfl⟩
  | k + 1, s, hs => by
    simp only [daRun]
    split
    · rename_i hn
      exact ⟨hs, Or.inl hn⟩
    · rename_i s' hs'
      have ⟨h1, h2⟩ := daRun_spec M k s' (daInv_step hs hs')
      refine ⟨h1, ?_⟩
      rcases h2 with h2 | h2
      · exact Or.inl h2
      · right; rw [h2, proposals_step hs']; omega

/-- At the end of deferred acceptance every free man has exhausted his list. -/
theorem daRun_final {n : Nat} (M : Market n) (hlen : ∀ m, (M.menPref m).length ≤ n) :
    DAInv M (daRun M (n * n) ⟨fun _ => 0, fun _ => none⟩) ∧
      ∀ m, (daRun M (n * n) ⟨fun _ => 0, fun _ => none⟩).isFree m = true →
        (M.menPref m).length ≤ (daRun M (n * n) ⟨fun _ => 0, fun _ => none⟩).next m := by
  have ⟨hinv, hend⟩ := daRun_spec M (n * n) _ (daInv_init M)
  refine ⟨hinv, fun m hm => ?_⟩
  rcases hend with hn | hp
  · exact daStep_none hn m hm
  · have h0 : (DAState.proposals (⟨fun _ => 0, fun _ => none⟩ : DAState n)) = 0 := by
      simp only [DAState.proposals]
      generalize List.finRange n = l
      induction l <;> simp_all
    rw [h0] at hp
    simp only [DAState.proposals] at hp
    have hall := eq_of_sum_eq (daRun M (n * n) ⟨fun _ => 0, fun _ => none⟩).next n
      (List.finRange n) (fun x _ => Nat.le_trans (hinv.next_le x) (hlen x))
      (by rw [List.length_finRange, hp]; omega)
    rw [hall m (List.mem_finRange m)]
    exact hlen m

/-- When every free man has exhausted a complete list, no man is free (pigeonhole). -/
theorem all_held_of_final {n : Nat} {M : Market n} (hM : M.Complete) {s : DAState n}
    (hs : DAInv M s) (hfin : ∀ m, s.isFree m = true → (M.menPref m).length ≤ s.next m)
    (m : Fin n) : ∃ w, s.held w = some m := by
  apply Classical.byContradiction
  intro hno
  have hfree : s.isFree m = true := by
    rw [isFree_iff]; intro w hw; exact hno ⟨w, hw⟩
  have htake : (M.menPref m).take (s.next m) = M.menPref m :=
    List.take_of_length_le (hfin m hfree)
  have hheld : ∀ w, ∃ m', s.held w = some m' ∧ m' ≠ m := by
    intro w
    have hmem : w ∈ (M.menPref m).take (s.next m) := by rw [htake]; exact hM.1 m w
    obtain ⟨m', h1, _⟩ := hs.proposed_held m w hmem
    exact ⟨m', h1, fun e => hno ⟨w, e ▸ h1⟩⟩
  let g : Fin n → Fin n := fun w => (s.held w).getD m
  have hg : ∀ w, s.held w = some (g w) ∧ g w ≠ m := by
    intro w
    obtain ⟨m', h1, h2⟩ := hheld w
    refine ⟨?_, ?_⟩ <;> simp [g, h1, h2]
  have hnd : ((List.finRange n).map g).Nodup := by
    unfold List.Nodup
    rw [List.pairwise_map]
    exact (nodup_finRange n).imp (fun {a b} hne e => hne (hs.held_inj (hg a).1 (by rw [e]; exact (hg b).1)))
  have hsub : ∀ x ∈ (List.finRange n).map g, x ∈ (List.finRange n).erase m := by
    intro x hx
    obtain ⟨w, _, rfl⟩ := List.mem_map.mp hx
    exact (List.mem_erase_of_ne (hg w).2).mpr (List.mem_finRange _)
  have := length_le_of_nodup_of_subset _ _ hnd hsub
  rw [List.length_map, List.length_erase_of_mem (List.mem_finRange m), List.length_finRange] at this
  have : 0 < n := Nat.lt_of_le_of_lt (Nat.zero_le _) m.isLt
  omega

theorem wifeOf_eq {n : Nat} {M : Market n} {s : DAState n} (hs : DAInv M s) {w m : Fin n}
    (h : s.held w = some m) : s.wifeOf m = some w := by
  unfold DAState.wifeOf
  cases hf : (List.finRange n).find? (fun w => s.held w == some m) with
  | none =>
    have := List.find?_eq_none.mp hf w (List.mem_finRange w)
    simp [h] at this
  | some w' =>
    have := List.find?_some hf
    simp only [beq_iff_eq] at this
    rw [hs.held_inj this h]

/-- A final state of deferred acceptance in which every man is held yields a stable matching. -/
theorem stable_of_final {n : Nat} {M : Market n} (hM : M.Complete) {t : DAState n}
    (hinv : DAInv M t) (hheld : ∀ m, ∃ w, t.held w = some m) :
    (∀ m, (t.wifeOf m).isSome) ∧ IsStable M (fun m => (t.wifeOf m).getD m) := by
  have hwife : ∀ m w, t.held w = some m → (t.wifeOf m).getD m = w := by
    intro m w h
    rw [wifeOf_eq hinv h, Option.getD_some]
  have hμ : ∀ m, t.held ((t.wifeOf m).getD m) = some m := by
    intro m
    obtain ⟨w, hw⟩ := hheld m
    rw [hwife m w hw]
    exact hw
  refine ⟨fun m => ?_, fun m m' he => ?_, fun m w ⟨hpref, hbl⟩ => ?_⟩
  · obtain ⟨w, hw⟩ := hheld m
    simp [wifeOf_eq hinv hw]
  · have h1 := hμ m
    have h2 := hμ m'
    simp only at he
    rw [he] at h1
    rw [h1] at h2
    exact Option.some.inj h2
  · obtain ⟨hle, hlast⟩ := hinv.held_last _ _ (hμ m)
    have hidx := idxOf_le_of_getElem? _ _ _ hlast
    simp only [Market.mRank] at hpref
    have hmem := mem_take_of_idxOf_lt _ _ _ (hM.1 m w)
      (show (M.menPref m).idxOf w < t.next m by omega)
    obtain ⟨m', h1, h2⟩ := hinv.proposed_held m w hmem
    have := hbl m' (hwife m' w h1)
    omega

/-- A list without repetitions of elements of `Fin n` has at most `n` entries. -/
theorem length_le_of_nodup_fin {n : Nat} (l : List (Fin n)) (h : l.Nodup) : l.length ≤ n := by
  have := length_le_of_nodup_of_subset l (List.finRange n) h (fun x _ => List.mem_finRange x)
  rwa [List.length_finRange] at this

end EconLean.Matching

end

end
