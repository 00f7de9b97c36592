module

public import Init

/-!
# Social choice: definitions

Ballots (strict rankings of all alternatives: lists without repetitions that contain every
alternative), profiles, pairwise majority, Condorcet winners and losers, plurality, the Borda
count and Arrow's independence of irrelevant alternatives (Condorcet 1785; Borda 1781;
Arrow 1951); two-alternative social decision functions and May's axioms
(May 1952, *Econometrica* 20); single-peaked preferences on a line, medians and pairwise
majority among positions (Black 1948, *Journal of Political Economy* 56).

Helper lemmas used by the main theorems in `EconLean.SocialChoice.Theorems`
live here as well.
-/

@[expose] public section

-- The embedded Lean ships no compiled code for parts of core; definitions here are
-- only used in proofs (kernel reduction), so nothing is compiled.
noncomputable section

namespace EconLean.SocialChoice

/-! ## Ballots, profiles, pairwise majority -/

/-- A ballot: a strict ranking of all the alternatives, listed from best to worst.
It is a list with no repetitions that contains every alternative (a permutation of the
alternatives); a type of alternatives that admits a ballot is therefore finite. -/
structure Ballot (α : Type) where
  /-- the alternatives, from best to worst -/
  ranking : List α
  /-- no alternative is listed twice -/
  nodup : ranking.Nodup
  /-- every alternative is listed -/
  complete : ∀ x, x ∈ ranking

/-- The ballot listing `l` (over `Fin n`), its well-formedness checked by `decide`. -/
def Ballot.ofList {n : Nat} (l : List (Fin n))
    (h : l.Nodup ∧ ∀ x, x ∈ l := by decide) : Ballot (Fin n) :=
  ⟨l, h.1, h.2⟩

/-- A preference profile: one ballot (a strict ranking of all alternatives) per voter. -/
abbrev Profile (α : Type) := List (Ballot α)

/-- `b.prefers x y`: the ballot ranks `x` strictly above `y`. -/
def Ballot.prefers {α : Type} [DecidableEq α] (b : Ballot α) (x y : α) : Bool :=
  decide (b.ranking.idxOf x < b.ranking.idxOf y)

/-- Number of voters in `p` who rank `x` strictly above `y`. -/
def support {α : Type} [DecidableEq α] (p : Profile α) (x y : α) : Nat :=
  p.countP (fun b => b.prefers x y)

/-- `x` beats `y` under pairwise majority rule: strictly more voters rank `x` above `y`
than rank `y` above `x`. -/
def MajorityPrefers {α : Type} [DecidableEq α] (p : Profile α) (x y : α) : Prop :=
  support p y x < support p x y

instance {α : Type} [DecidableEq α] (p : Profile α) (x y : α) :
    Decidable (MajorityPrefers p x y) := by
  unfold MajorityPrefers; infer_instance

/-- A Condorcet winner beats every other alternative under pairwise majority rule. -/
def IsCondorcetWinner {α : Type} [DecidableEq α] (p : Profile α) (x : α) : Prop :=
  ∀ y, y ≠ x → MajorityPrefers p x y

instance {n : Nat} (p : Profile (Fin n)) (x : Fin n) : Decidable (IsCondorcetWinner p x) := by
  unfold IsCondorcetWinner; infer_instance

/-- A Condorcet loser loses to every other alternative under pairwise majority rule. -/
def IsCondorcetLoser {α : Type} [DecidableEq α] (p : Profile α) (x : α) : Prop :=
  ∀ y, y ≠ x → MajorityPrefers p y x

instance {n : Nat} (p : Profile (Fin n)) (x : Fin n) : Decidable (IsCondorcetLoser p x) := by
  unfold IsCondorcetLoser; infer_instance

/-- Plurality score of `x`: the number of voters who rank `x` first. -/
def pluralityScore {α : Type} [DecidableEq α] (p : Profile α) (x : α) : Nat :=
  p.countP (fun b => b.ranking.head? == some x)

/-- Positions in a list without repetitions identify its members. -/
theorem idxOf_inj {α : Type} [DecidableEq α] :
    ∀ (l : List α) (x y : α), x ∈ l → l.idxOf x = l.idxOf y → x = y
  | [], x, _, h, _ => by simp at h
  | z :: l, x, y, hx, he => by
    rw [List.idxOf_cons, List.idxOf_cons] at he
    by_cases hzx : z = x
    · subst hzx
      by_cases hzy : z = y
      · exact hzy
      · simp [hzy, Bool.cond_eq_ite, beq_iff_eq] at he
    · by_cases hzy : z = y
      · subst hzy; simp [hzx, Bool.cond_eq_ite, beq_iff_eq] at he
      · simp [hzx, hzy, Bool.cond_eq_ite, beq_iff_eq] at he
        exact idxOf_inj l x y ((List.mem_cons.mp hx).resolve_left (fun h => hzx h.symm)) he

/-- A ballot ranks any two distinct alternatives one way or the other. -/
theorem Ballot.prefers_or {α : Type} [DecidableEq α] (b : Ballot α) {x y : α} (hxy : x ≠ y) :
    b.prefers x y = true ∨ b.prefers y x = true := by
  have hne : b.ranking.idxOf x ≠ b.ranking.idxOf y :=
    fun h => hxy (idxOf_inj b.ranking x y (b.complete x) h)
  unfold Ballot.prefers
  by_cases h : b.ranking.idxOf x < b.ranking.idxOf y
  · exact Or.inl (by simp [h])
  · exact Or.inr (by simp; omega)

/-- A ballot never ranks `x` above `y` and `y` above `x`. -/
theorem Ballot.prefers_asymm {α : Type} [DecidableEq α] (b : Ballot α) (x y : α)
    (h : b.prefers x y = true) : b.prefers y x = false := by
  unfold Ballot.prefers at *
  simp at h ⊢
  omega

/-- For two distinct alternatives, every voter ranks one above the other, so the two
supports add up to the number of voters. -/
theorem support_add_support {α : Type} [DecidableEq α] (p : Profile α) {x y : α}
    (hxy : x ≠ y) : support p x y + support p y x = p.length := by
  induction p with
  | nil => rfl
  | cons b p ih =>
    simp only [support, List.countP_cons, List.length_cons] at *
    rcases b.prefers_or hxy with h | h
    · simp [h, b.prefers_asymm x y h]; omega
    · simp [h, b.prefers_asymm y x h]; omega

/-! ## The Condorcet paradox profile -/

/-- Alternative `a` of the three-alternative examples. -/
def a : Fin 3 := 0
/-- Alternative `b` of the three-alternative examples. -/
def b : Fin 3 := 1
/-- Alternative `c` of the three-alternative examples. -/
def c : Fin 3 := 2

/-- Condorcet's paradox profile: three voters with rankings `abc`, `bca`, `cab`
(each shown to be a ranking of `a, b, c` by `decide`). -/
def condorcetProfile : Profile (Fin 3) :=
  [.ofList [a, b, c], .ofList [b, c, a], .ofList [c, a, b]]

/-! ## Borda count and independence of irrelevant alternatives -/

/-- Borda points a ballot gives to `x`: `k - 1 - position` on a ranking of `k`
alternatives (top gets `k - 1`, bottom gets `0`). -/
def Ballot.bordaPoints {α : Type} [DecidableEq α] (b : Ballot α) (x : α) : Nat :=
  b.ranking.length - 1 - b.ranking.idxOf x

/-- Borda score of `x`: the sum over voters of the Borda points of `x`. -/
def bordaScore {α : Type} [DecidableEq α] (p : Profile α) (x : α) : Nat :=
  (p.map (fun b => b.bordaPoints x)).sum

/-- The Borda rule's strict social preference: `x` has a strictly higher Borda score. -/
def BordaPrefers {α : Type} [DecidableEq α] (p : Profile α) (x y : α) : Prop :=
  bordaScore p y < bordaScore p x

instance {α : Type} [DecidableEq α] (p : Profile α) (x y : α) :
    Decidable (BordaPrefers p x y) := by
  unfold BordaPrefers; infer_instance

/-- Two profiles (over the same voters, in the same order) agree on the pair `x, y`:
every voter ranks `x` versus `y` the same way in both. -/
def AgreeOn {α : Type} [DecidableEq α] (p q : Profile α) (x y : α) : Prop :=
  p.map (fun b => (b.prefers x y, b.prefers y x)) = q.map (fun b => (b.prefers x y, b.prefers y x))

instance {α : Type} [DecidableEq α] (p q : Profile α) (x y : α) :
    Decidable (AgreeOn p q x y) := by
  unfold AgreeOn; infer_instance

/-- Arrow's independence of irrelevant alternatives for a social preference
`F p x y` ("society strictly prefers `x` to `y` at profile `p`"): for any two profiles of
rankings (ballots are well-formed rankings by construction), the social ranking of
`x` versus `y` depends only on the voters' rankings of `x` versus `y`. -/
def SatisfiesIIA {α : Type} [DecidableEq α] (F : Profile α → α → α → Prop) : Prop :=
  ∀ p q x y, AgreeOn p q x y → (F p x y ↔ F q x y)

/-- First Borda profile: three voters `abc`, two voters `bca`. -/
def bordaProfile1 : Profile (Fin 3) :=
  [.ofList [a, b, c], .ofList [a, b, c], .ofList [a, b, c], .ofList [b, c, a], .ofList [b, c, a]]

/-- Second Borda profile: the same voters' rankings of `a` versus `b` as in `bordaProfile1`,
only `c` moves: three voters `abc`, two voters `bac`. -/
def bordaProfile2 : Profile (Fin 3) :=
  [.ofList [a, b, c], .ofList [a, b, c], .ofList [a, b, c], .ofList [b, a, c], .ofList [b, a, c]]

/-- Borda's (1781) plurality profile: three voters `abc`, two voters `bca`, two voters `cba`. -/
def pluralityProfile : Profile (Fin 3) :=
  [.ofList [a, b, c], .ofList [a, b, c], .ofList [a, b, c], .ofList [b, c, a], .ofList [b, c, a],
    .ofList [c, b, a], .ofList [c, b, a]]

/-! ## May's theorem: two alternatives -/

/-- A voter's stance on two alternatives `A` and `B`: every one of the three values is a
well-formed (weak) preference over two alternatives, so lists of votes are exactly the
well-formed two-alternative profiles. -/
inductive Vote where
  /-- prefers `A` -/
  | forA
  /-- indifferent -/
  | abstain
  /-- prefers `B` -/
  | forB
  deriving DecidableEq, Repr

/-- Numerical value of a vote: `forA = 1`, `abstain = 0`, `forB = -1`. -/
def Vote.val : Vote → Int
  | .forA => 1
  | .abstain => 0
  | .forB => -1

/-- Reverse a vote (exchange the names of the two alternatives). -/
def Vote.flip : Vote → Vote
  | .forA => .forB
  | .abstain => .abstain
  | .forB => .forA

/-- A social decision function for two alternatives: it maps the voters' stances
(one per voter) to society's stance. -/
abbrev DecisionRule := List Vote → Vote

/-- Net support of `A`: number of votes for `A` minus number of votes for `B`. -/
def tally : List Vote → Int
  | [] => 0
  | v :: p => v.val + tally p

/-- Simple majority rule: `A` if more voters prefer `A`, `B` if more prefer `B`, else a tie. -/
def majorityRule (p : List Vote) : Vote :=
  if 0 < tally p then .forA else if tally p < 0 then .forB else .abstain

/-- Anonymity: permuting the voters' ballots does not change the outcome. -/
def Anonymous (F : DecisionRule) : Prop :=
  ∀ p q : List Vote, p.Perm q → F p = F q

/-- Neutrality: exchanging the two alternatives in every ballot exchanges them in the outcome. -/
def Neutral (F : DecisionRule) : Prop :=
  ∀ p : List Vote, F (p.map Vote.flip) = (F p).flip

/-- `Improves p q`: profile `q` arises from `p` (same voters) by some voters raising
their support for `A` (each voter's stance in `q` is at least as favourable to `A`). -/
def Improves : List Vote → List Vote → Prop
  | [], [] => True
  | u :: p, v :: q => u.val ≤ v.val ∧ Improves p q
  | _, _ => False

/-- Positive responsiveness: if society weakly favours `A` (outcome `A` or tie) and some
voters raise their support for `A` (others unchanged, the profile actually changes),
then society strictly favours `A`. -/
def PositivelyResponsive (F : DecisionRule) : Prop :=
  ∀ p q : List Vote, Improves p q → p ≠ q → 0 ≤ (F p).val → F q = .forA

theorem tally_perm {p q : List Vote} (h : p.Perm q) : tally p = tally q := by
  induction h with
  | nil => rfl
  | cons x _ ih => simp [tally, ih]
  | swap x y l => simp [tally]; omega
  | trans _ _ ih1 ih2 => omega

theorem tally_map_flip (p : List Vote) : tally (p.map Vote.flip) = - tally p := by
  induction p with
  | nil => rfl
  | cons v p ih => cases v <;> simp [tally, Vote.flip, Vote.val, ih] <;> omega

theorem flip_flip (v : Vote) : v.flip.flip = v := by cases v <;> rfl

theorem improves_refl (p : List Vote) : Improves p p := by
  induction p with
  | nil => trivial
  | cons v p ih => exact ⟨Int.le_refl _, ih⟩

/-- Raising support never lowers the tally, and leaves it unchanged only if nothing changed. -/
theorem tally_le_of_improves :
    ∀ {p q : List Vote}, Improves p q → tally p ≤ tally q ∧ (tally p = tally q → p = q)
  | [], [], _ => ⟨Int.le_refl _, fun _ => rfl⟩
  | u :: p, v :: q, ⟨huv, h⟩ => by
      have ih := tally_le_of_improves h
      refine ⟨by simp [tally]; omega, fun he => ?_⟩
      simp only [tally] at he
      have h1 : u.val = v.val := by omega
      have h2 : p = q := ih.2 (by omega)
      have h3 : u = v := by cases u <;> cases v <;> simp_all [Vote.val]
      rw [h2, h3]
  | [], _ :: _, h => h.elim
  | _ :: _, [], h => h.elim

/-- Replace the first vote for `A` by an abstention. -/
def lowerFirst : List Vote → List Vote
  | [] => []
  | .forA :: p => .abstain :: p
  | v :: p => v :: lowerFirst p

theorem improves_lowerFirst : ∀ p : List Vote, Improves (lowerFirst p) p
  | [] => trivial
  | .forA :: p => ⟨by decide, improves_refl p⟩
  | .abstain :: p => ⟨Int.le_refl _, improves_lowerFirst p⟩
  | .forB :: p => ⟨Int.le_refl _, improves_lowerFirst p⟩

theorem tally_lowerFirst :
    ∀ p : List Vote, 0 < tally p → tally (lowerFirst p) = tally p - 1
  | [], h => by simp [tally] at h
  | .forA :: p, _ => by simp [lowerFirst, tally, Vote.val]; omega
  | .abstain :: p, h => by
      simp [lowerFirst, tally, Vote.val] at h ⊢
      have := tally_lowerFirst p h; omega
  | .forB :: p, h => by
      simp [lowerFirst, tally, Vote.val] at h ⊢
      have := tally_lowerFirst p (by omega); omega

/-- Votes for `A` minus votes for `B`, as counts. -/
theorem tally_eq_count (p : List Vote) :
    tally p = (p.count .forA : Int) - (p.count .forB : Int) := by
  induction p with
  | nil => rfl
  | cons v p ih => cases v <;> simp [tally, Vote.val, ih] <;> omega

theorem count_map_flip (p : List Vote) (v : Vote) :
    (p.map Vote.flip).count v = p.count v.flip := by
  induction p with
  | nil => rfl
  | cons u p ih => cases u <;> cases v <;> simp [Vote.flip, ih]

/-- With as many votes for `A` as for `B`, flipping every ballot only permutes the ballots. -/
theorem perm_map_flip_of_tally_zero (p : List Vote) (h : tally p = 0) :
    (p.map Vote.flip).Perm p := by
  rw [List.perm_iff_count]
  intro v
  rw [count_map_flip]
  have := tally_eq_count p
  cases v <;> simp [Vote.flip] <;> omega

/-! ## Single-peaked preferences on a line (median voter theorem) -/

/-- A voter with an ideal point `peak` on the integer line and a utility over positions. -/
structure Voter where
  /-- the voter's most preferred position -/
  peak : Int
  /-- the voter's utility of each position -/
  utility : Int → Int

/-- Single-peaked preferences: utility strictly rises up to the peak and strictly falls
after it. -/
def SinglePeaked (v : Voter) : Prop :=
  (∀ x y, x < y → y ≤ v.peak → v.utility x < v.utility y) ∧
  (∀ x y, v.peak ≤ x → x < y → v.utility y < v.utility x)

/-- The voter with ideal point `p` and distance-based utility `-|x - p|`. -/
def Voter.ofIdeal (p : Int) : Voter :=
  ⟨p, fun x => if x ≤ p then x - p else p - x⟩

/-- Number of voters who strictly prefer position `x` to position `y`. -/
def spatialSupport (vs : List Voter) (x y : Int) : Nat :=
  vs.countP (fun v => decide (v.utility y < v.utility x))

/-- Position `x` is a Condorcet winner among all positions: for every other position `y`,
strictly more voters prefer `x` to `y` than `y` to `x`. -/
def IsSpatialCondorcetWinner (vs : List Voter) (x : Int) : Prop :=
  ∀ y, y ≠ x → spatialSupport vs y x < spatialSupport vs x y

/-- `m` is a median of the voters' peaks: at most half of the voters have their peak strictly
to the left of `m` and at most half strictly to the right. -/
def IsMedianPeak (vs : List Voter) (m : Int) : Prop :=
  2 * vs.countP (fun v => decide (v.peak < m)) ≤ vs.length ∧
  2 * vs.countP (fun v => decide (m < v.peak)) ≤ vs.length

/-- Counting two mutually exclusive properties never exceeds the number of elements. -/
theorem countP_add_le_length {β : Type} (l : List β) (p q : β → Bool)
    (h : ∀ x ∈ l, p x = true → q x = true → False) :
    l.countP p + l.countP q ≤ l.length := by
  induction l with
  | nil => simp
  | cons x l ih =>
    have ih' := ih (fun y hy => h y (List.mem_cons_of_mem x hy))
    have hx := h x List.mem_cons_self
    simp only [List.countP_cons, List.length_cons]
    cases hp : p x <;> cases hq : q x <;> simp_all <;> omega

/-- Every element either has a property or does not. -/
theorem countP_add_countP_not {β : Type} (l : List β) (p : β → Bool) :
    l.countP p + l.countP (fun x => !p x) = l.length := by
  induction l with
  | nil => simp
  | cons x l ih =>
    simp only [List.countP_cons, List.length_cons]
    cases hp : p x <;> simp <;> omega

/-! ## Pairwise majority among positions: Black's theorem -/

/-- Pairwise majority among positions: strictly more voters prefer `x` to `y` than `y`
to `x`. -/
def SpatialMajority (vs : List Voter) (x y : Int) : Prop :=
  spatialSupport vs y x < spatialSupport vs x y

/-- Strict preferences: the voter is never indifferent between two different positions. -/
def StrictPreferences (v : Voter) : Prop :=
  ∀ x y, x ≠ y → v.utility x ≠ v.utility y

/-- Under single-peaked preferences the middle one of three positions on the line is never
ranked strictly last: the voter strictly prefers it to one of the two extreme positions. -/
theorem single_peaked_middle_not_worst (v : Voter) (hsp : SinglePeaked v) (e₁ m e₂ : Int)
    (hbet : (e₁ < m ∧ m < e₂) ∨ (e₂ < m ∧ m < e₁)) :
    v.utility e₁ < v.utility m ∨ v.utility e₂ < v.utility m := by
  rcases hbet with ⟨h1, h2⟩ | ⟨h1, h2⟩
  · by_cases hp : v.peak ≤ m
    · exact Or.inr (hsp.2 m e₂ hp h2)
    · exact Or.inl (hsp.1 e₁ m h1 (by omega))
  · by_cases hp : v.peak ≤ m
    · exact Or.inl (hsp.2 m e₁ hp h2)
    · exact Or.inr (hsp.1 e₂ m h1 (by omega))

/-- No majority cycle runs through the middle one `m` of three positions: under single-peaked
preferences it is impossible that `m` beats `e₁`, `e₁` beats `e₂` and `e₂` beats `m`
(any number of voters). -/
theorem no_majority_cycle_through_middle (vs : List Voter) (hsp : ∀ v ∈ vs, SinglePeaked v)
    (e₁ m e₂ : Int) (hbet : (e₁ < m ∧ m < e₂) ∨ (e₂ < m ∧ m < e₁)) :
    ¬ (SpatialMajority vs m e₁ ∧ SpatialMajority vs e₁ e₂ ∧ SpatialMajority vs e₂ m) := by
  rintro ⟨_, h2, h3⟩
  unfold SpatialMajority spatialSupport at *
  have hA : vs.countP (fun v => decide (v.utility m < v.utility e₂)) ≤
      vs.countP (fun v => decide (v.utility e₁ < v.utility e₂)) := by
    apply List.countP_mono_left
    intro v hv h
    simp at h ⊢
    rcases single_peaked_middle_not_worst v (hsp v hv) e₁ m e₂ hbet with h' | h' <;> omega
  have hB : vs.countP (fun v => decide (v.utility e₂ < v.utility e₁)) ≤
      vs.countP (fun v => decide (v.utility e₂ < v.utility m)) := by
    apply List.countP_mono_left
    intro v hv h
    simp at h ⊢
    rcases single_peaked_middle_not_worst v (hsp v hv) e₁ m e₂ hbet with h' | h' <;> omega
  omega

/-- With strict preferences, for two different positions every voter prefers one of them, so
the two supports add up to the number of voters. -/
theorem spatialSupport_add_of_strict (vs : List Voter) (hst : ∀ v ∈ vs, StrictPreferences v)
    (x y : Int) (hxy : x ≠ y) : spatialSupport vs x y + spatialSupport vs y x = vs.length := by
  induction vs with
  | nil => rfl
  | cons v vs ih =>
    have hv := hst v List.mem_cons_self x y hxy
    have ih' := ih (fun w hw => hst w (List.mem_cons_of_mem v hw))
    simp only [spatialSupport, List.countP_cons, List.length_cons] at *
    by_cases h : v.utility y < v.utility x
    · simp [h, show ¬ v.utility x < v.utility y by omega]; omega
    · simp [h, show v.utility x < v.utility y by omega]; omega

end EconLean.SocialChoice

end

end
