module

public import EconLean.Cooperative.Desirability

/-!
# Further results on three-player games: superadditivity, desirability, gloves, Banzhaf

* `isSuperadditive3_of_convex`: a convex game (with `v ∅ = 0`) is superadditive (Shapley,
  "Cores of convex games", *International Journal of Game Theory* 1, 1971);
* `shapley3_ge_individual_of_superadditive`: the Shapley value of a superadditive game gives
  every player at least her stand-alone worth (Shapley 1953);
* `shapley3_le_of_moreDesirable`: the Shapley value respects the desirability relation — a
  player at least as desirable as another gets at least as much (Maschler and Peleg 1966;
  Peleg and Sudhölter 2007, §8.1);
* `shapleyShubik3_le_of_weight_le`: in a weighted majority game, a player's Shapley–Shubik
  power index is monotone in her weight (Shapley and Shubik 1954);
* `gloveGame3_core_iff`: the core of the glove market with one left glove and two right
  gloves is the single allocation giving the whole worth to the owner of the scarce left
  glove (Shapley, "The solutions of a symmetric market game", 1959; Osborne and Rubinstein,
  *A Course in Game Theory*, 1994, Example 260.1; Maschler, Solan and Zamir 2013, §17);
* `banzhaf3_null_player`, `banzhaf3_symmetric`, `banzhaf3_additive`: the Banzhaf value
  satisfies the null player, symmetry and additivity axioms (Lehrer 1988);
* `banzhaf3_two_efficient`: the Banzhaf value is 2-efficient — when two players merge, the
  merged player's Banzhaf value is the sum of theirs (Lehrer, "An axiomatization of the
  Banzhaf value", *International Journal of Game Theory* 17, 1988), for three players merged
  into two.
-/

@[expose] public section

namespace EconLean.Cooperative

/-- **Convex games are superadditive** (Shapley 1971). A convex three-player game with
`v ∅ = 0` is superadditive: for disjoint coalitions `S, T`, `v(S) + v(T) ≤ v(S ∪ T)`. -/
theorem isSuperadditive3_of_convex (v : Game3) (h0 : v false false false = 0)
    (hv : IsConvex3 v) : IsSuperadditive3 v := by
  intro a b c a' b' c' ha hb hc
  have h := hv a b c a' b' c'
  rw [ha, hb, hc, h0] at h
  grind

/-- **The Shapley value of a superadditive game is individually rational** (Shapley 1953).
In a superadditive three-player game with `v ∅ = 0`, every player's Shapley value is at least
her stand-alone worth `v{i}`: each of her marginal contributions is at least `v{i}`. -/
theorem shapley3_ge_individual_of_superadditive (v : Game3) (h0 : v false false false = 0)
    (hs : IsSuperadditive3 v) (i : Fin 3) : withPlayer v i false false false ≤ shapley3 v i := by
  have e1 := hs true false false false true false rfl rfl rfl
  have e2 := hs true false false false false true rfl rfl rfl
  have e3 := hs false true false false false true rfl rfl rfl
  have e4 := hs true false false false true true rfl rfl rfl
  have e5 := hs false true false true false true rfl rfl rfl
  have e6 := hs false false true true true false rfl rfl rfl
  simp at e1 e2 e3 e4 e5 e6
  rcases fin3_cases i with rfl | rfl | rfl <;>
    simp [shapley3, sumCoalitions3, mem3, card3, shapleyWeight3, withPlayer, h0] <;> grind

/-- **The Shapley value respects desirability** (Maschler and Peleg 1966). In a
three-player game, if player `i` is at least as desirable as player `j` (joining any coalition
containing neither, `i` adds at least as much as `j`), then `φⱼ(v) ≤ φᵢ(v)`. -/
theorem shapley3_le_of_moreDesirable (v : Game3) (i j : Fin 3) (h : IsMoreDesirable3 v i j) :
    shapley3 v j ≤ shapley3 v i := by
  have h0 := h false false false
  have h1 := h true false false
  have h2 := h false true false
  have h3 := h false false true
  rcases fin3_cases i with rfl | rfl | rfl <;> rcases fin3_cases j with rfl | rfl | rfl <;>
    simp [mem3, withPlayer] at h0 h1 h2 h3 <;>
    simp [shapley3, sumCoalitions3, mem3, card3, shapleyWeight3, withPlayer] <;> grind

/-- **Shapley–Shubik power is monotone in the weights** (Shapley and Shubik 1954). In a
three-player weighted majority game `[q; w₀, w₁, w₂]` (any rational quota and weights), a
player whose weight is at least another's has at least her Shapley–Shubik index. -/
theorem shapleyShubik3_le_of_weight_le (q : Rat) (w : Fin 3 → Rat) (i j : Fin 3)
    (hw : w j ≤ w i) :
    shapley3 (weightedMajority3 q w) j ≤ shapley3 (weightedMajority3 q w) i := by
  have h := weightedMajority3_moreDesirable q w i j hw
  generalize weightedMajority3 q w = v at h ⊢
  have h0 := h false false false
  have h1 := h true false false
  have h2 := h false true false
  have h3 := h false false true
  rcases fin3_cases i with rfl | rfl | rfl <;> rcases fin3_cases j with rfl | rfl | rfl <;>
    simp [mem3, withPlayer] at h0 h1 h2 h3 <;>
    simp [shapley3, sumCoalitions3, mem3, card3, shapleyWeight3, withPlayer] <;> grind

/-- **The core of a glove market** (Shapley 1959). In the glove game with one left glove
(player `0`) and two right gloves (players `1` and `2`), an allocation is in the core if and
only if the owner of the scarce left glove gets the whole worth `1` and the others `0`. -/
theorem gloveGame3_core_iff (x : Fin 3 → Rat) :
    InCore3 gloveGame3 x ↔ x 0 = 1 ∧ x 1 = 0 ∧ x 2 = 0 := by
  constructor
  · rintro ⟨hs, hc⟩
    have h1 := hc true true false
    have h2 := hc true false true
    have h3 := hc false true false
    have h4 := hc false false true
    simp [coalitionPayoff3, gloveGame3] at hs h1 h2 h3 h4
    grind
  · rintro ⟨h0, h1, h2⟩
    refine ⟨?_, fun a b c => ?_⟩
    · simp [gloveGame3, h0, h1, h2] <;> grind
    · cases a <;> cases b <;> cases c <;> simp [coalitionPayoff3, gloveGame3, h0, h1, h2] <;>
        grind

/-- **Banzhaf value: null player** (Banzhaf 1965; Lehrer 1988). A player who adds nothing
to any coalition gets Banzhaf value `0`. -/
theorem banzhaf3_null_player (v : Game3) (i : Fin 3) (h : IsNullPlayer3 v i) :
    banzhaf3 v i = 0 := by
  have h0 := h false false false
  have h1 := h true false false
  have h2 := h false true false
  have h3 := h false false true
  have h4 := h true true false
  have h5 := h true false true
  have h6 := h false true true
  rcases fin3_cases i with rfl | rfl | rfl <;>
    simp [withPlayer] at h0 h1 h2 h3 h4 h5 h6 <;>
    simp [banzhaf3, sumCoalitions3, mem3, withPlayer] <;> grind

/-- **Banzhaf value: symmetry** (Lehrer 1988). Symmetric players (adding the same worth to
every coalition containing neither of them) get the same Banzhaf value. -/
theorem banzhaf3_symmetric (v : Game3) (i j : Fin 3) (h : IsSymmetric3 v i j) :
    banzhaf3 v i = banzhaf3 v j := by
  have h0 := h false false false
  have h1 := h true false false
  have h2 := h false true false
  have h3 := h false false true
  rcases fin3_cases i with rfl | rfl | rfl <;> rcases fin3_cases j with rfl | rfl | rfl <;>
    simp [mem3, withPlayer] at h0 h1 h2 h3 <;>
    simp [banzhaf3, sumCoalitions3, mem3, withPlayer] <;> grind

/-- **Banzhaf value: additivity** (Lehrer 1988). The Banzhaf value of the sum of two games is
the sum of their Banzhaf values. -/
theorem banzhaf3_additive (v w : Game3) (i : Fin 3) :
    banzhaf3 (fun a b c => v a b c + w a b c) i = banzhaf3 v i + banzhaf3 w i := by
  rcases fin3_cases i with rfl | rfl | rfl <;>
    simp [banzhaf3, sumCoalitions3, mem3, withPlayer] <;> grind

/-- **The Banzhaf value is 2-efficient** (Lehrer 1988). If players `0` and `1` of a
three-player game merge into one player, the merged player's Banzhaf value in the resulting
two-player game is the sum of their Banzhaf values in the original game. -/
theorem banzhaf3_two_efficient (v : Game3) :
    banzhaf2 (mergePlayers01 v) 0 = banzhaf3 v 0 + banzhaf3 v 1 := by
  simp [banzhaf2, mergePlayers01, banzhaf3, sumCoalitions3, mem3, withPlayer]
  grind

end EconLean.Cooperative

end
