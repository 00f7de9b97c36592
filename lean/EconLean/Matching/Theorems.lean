module

public import EconLean.Matching.Defs

/-!
# Two-sided matching: main theorems

Gale and Shapley, "College Admissions and the Stability of Marriage", *American Mathematical
Monthly* 69 (1962):
* deferred acceptance always returns a stable matching, so every market with complete strict
  preferences has one;
* deferred acceptance on the paper's Examples 1 and 2, and the sets of stable matchings there;
* every 2 × 2 market has a stable matching;
* general facts: a blocking pair destroys stability; mutual first choices are matched in every
  stable matching.

The structure of the set of stable matchings (Knuth 1976) is in `EconLean.Matching.Optimality`,
Shapley and Scarf's housing market in `EconLean.Matching.TTC`.
-/

@[expose] public section

namespace EconLean.Matching

/-- A matching with a blocking pair is not stable. -/
theorem not_stable_of_blocks {n : Nat} (M : Market n) (μ : Matching n) (m w : Fin n)
    (h : Blocks M μ m w) : ¬ IsStable M μ := by
  intro hs
  exact hs.2 m w h

/-- Deferred acceptance on the 4 × 4 example of Gale and Shapley (1962, Example 2) matches
every man and returns the matching `αC, βD, γA, δB`. -/
theorem deferred_acceptance_gale_shapley_example2 :
    ∀ m : Fin 4, deferredAcceptance galeShapleyExample2 m = some (galeShapleySolution2 m) := by
  decide

/-- Deferred acceptance on the 4 × 4 example of Gale and Shapley (1962, Example 2) returns a
stable matching, and every man is matched. -/
theorem deferred_acceptance_gale_shapley_example2_stable :
    (∀ m : Fin 4, (deferredAcceptance galeShapleyExample2 m).isSome) ∧
      IsStable galeShapleyExample2 (daMatching galeShapleyExample2) := by
  decide

/-- In Gale and Shapley's Example 2 the matching `αC, βD, γA, δB` is the only stable
matching. -/
theorem gale_shapley_example2_unique_stable (μ : Matching 4) :
    IsStable galeShapleyExample2 μ ↔ ∀ m, μ m = galeShapleySolution2 m := by
  have key : ∀ a b c d : Fin 4, IsStable galeShapleyExample2 (matchingOfList [a, b, c, d]) ↔
      ∀ m, matchingOfList [a, b, c, d] m = galeShapleySolution2 m := by
    decide
  rw [eq_matchingOfList_four μ]
  exact key _ _ _ _

/-- In Gale and Shapley's Example 1 (3 × 3) exactly three of the six matchings are stable:
everyone's first choice for the men (`αA, βB, γC`), everyone's second choice (`αB, βC, γA`),
and everyone's first choice for the women (`αC, βA, γB`). -/
theorem gale_shapley_example1_three_stable (μ : Matching 3) :
    IsStable galeShapleyExample1 μ ↔
      ((μ 0 = 0 ∧ μ 1 = 1 ∧ μ 2 = 2) ∨ (μ 0 = 1 ∧ μ 1 = 2 ∧ μ 2 = 0) ∨
        (μ 0 = 2 ∧ μ 1 = 0 ∧ μ 2 = 1)) := by
  have key : ∀ a b c : Fin 3, IsStable galeShapleyExample1 (matchingOfList [a, b, c]) ↔
      ((a = 0 ∧ b = 1 ∧ c = 2) ∨ (a = 1 ∧ b = 2 ∧ c = 0) ∨ (a = 2 ∧ b = 0 ∧ c = 1)) := by
    decide
  rw [eq_matchingOfList_three μ]
  exact key _ _ _

/-- Deferred acceptance on Gale and Shapley's Example 1 gives every man his first choice
(`αA, βB, γC`), a stable matching. -/
theorem deferred_acceptance_gale_shapley_example1 :
    (∀ m : Fin 3, deferredAcceptance galeShapleyExample1 m = some m) ∧
      IsStable galeShapleyExample1 (daMatching galeShapleyExample1) := by
  decide

/-- Every 2 × 2 marriage market with strict preferences has a stable matching; deferred
acceptance finds one. -/
theorem stable_matching_exists_two_by_two :
    ∀ m0 m1 w0 w1 : Bool, ∃ μ : Matching 2, IsStable (market2 m0 m1 w0 w1) μ := by
  intro m0 m1 w0 w1
  refine ⟨daMatching (market2 m0 m1 w0 w1), ?_⟩
  revert m0 m1 w0 w1
  decide

/-- If man `m` and woman `w` rank each other first, every stable matching pairs them
(complete strict preferences). -/
theorem mutual_top_choices_matched {n : Nat} (M : Market n) (hM : M.Complete)
    (μ : Matching n) (hμ : IsStable M μ) (m w : Fin n)
    (hm : ∀ w', M.mRank m w ≤ M.mRank m w') (hw : ∀ m', M.wRank w m ≤ M.wRank w m') :
    μ m = w := by
  apply Classical.byContradiction
  intro hne
  apply hμ.2 m w
  constructor
  · have h1 := hm (μ m)
    have h2 := idxOf_ne_of_mem (hM.1 m w) (hM.1 m (μ m)) (fun e => hne e.symm)
    unfold Market.mRank at h1 ⊢
    omega
  · intro m' hm'
    have hmm : m ≠ m' := fun e => hne (e ▸ hm')
    have h1 := hw m'
    have h2 := idxOf_ne_of_mem (hM.2 w m) (hM.2 w m') hmm
    unfold Market.wRank at h1 ⊢
    omega

/-- Gale and Shapley (1962), correctness of deferred acceptance: if every man ranks every woman
exactly once and every woman ranks every man, men-proposing deferred acceptance (with its
`n * n` proposal bound) matches every man and returns a stable matching. -/
theorem deferred_acceptance_stable {n : Nat} (M : Market n) (hM : M.Complete)
    (hnd : ∀ m, (M.menPref m).Nodup) :
    (∀ m, (deferredAcceptance M m).isSome) ∧ IsStable M (daMatching M) := by
  obtain ⟨hinv, hfin⟩ := daRun_final M (fun m => length_le_of_nodup_fin _ (hnd m))
  exact stable_of_final hM hinv (all_held_of_final hM hinv hfin)

/-- Gale and Shapley (1962): every marriage market with complete strict preferences has a stable
matching. -/
theorem stable_matching_exists {n : Nat} (M : Market n) (hM : M.Complete)
    (hnd : ∀ m, (M.menPref m).Nodup) : ∃ μ : Matching n, IsStable M μ := by
  obtain ⟨hinv, hfin⟩ := daRun_final M (fun m => length_le_of_nodup_fin _ (hnd m))
  exact ⟨_, (stable_of_final hM hinv (all_held_of_final hM hinv hfin)).2⟩

end EconLean.Matching

end
