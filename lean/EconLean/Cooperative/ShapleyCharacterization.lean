module

public import EconLean.Cooperative.Theorems
public import EconLean.Cooperative.Unanimity

/-!
# Shapley's characterisation of his value, three players

* `shapley3_unanimity`: the Shapley value of the unanimity game `k · u_T` gives `k / |T|` to
  each member of `T` and `0` to the others;
* `game3_eq_sum_unanimity`: every three-player game is the sum of its unanimity games
  weighted by the Harsanyi dividends, `v = ∑_T d_T(v) · u_T` (Shapley 1953; Harsanyi,
  "A simplified bargaining model for the n-person cooperative game", *International Economic
  Review* 4, 1963);
* `shapley3_eq_sum_dividends`: the Shapley value splits each dividend equally among the
  members of its coalition, `φᵢ(v) = ∑_{T ∋ i} d_T(v) / |T|` (Harsanyi 1963);
* `shapley3_unique`: a value on three-player games satisfying efficiency, symmetry, the null
  player property and additivity is the Shapley value (Shapley, "A value for n-person games",
  1953);
* `shapleyAxioms3_iff`: the full characterisation — a value satisfies the four axioms if and
  only if it agrees with the Shapley value on every game with `v ∅ = 0`.

The axioms are assumed only on games with `v ∅ = 0` (the games of the theory), and the value
is pinned down on those games.
-/

@[expose] public section

namespace EconLean.Cooperative

/-- **Shapley value of a unanimity game.** In the game `k · u_T` (worth `k` to the coalitions
containing `T`, `0` otherwise) each member of `T` gets `k / |T|` and every other player `0`. -/
theorem shapley3_unanimity (k : Rat) (p q r : Bool) (i : Fin 3) :
    shapley3 (unanimity3 k p q r) i = if mem3 p q r i then k / (card3 p q r : Rat) else 0 := by
  rcases fin3_cases i with rfl | rfl | rfl <;> cases p <;> cases q <;> cases r <;>
    simp [shapley3, sumCoalitions3, mem3, card3, shapleyWeight3, withPlayer, unanimity3] <;>
    grind

/-- **Unanimity decomposition of a game** (Shapley 1953; Harsanyi 1963). Every three-player
game is the sum over all coalitions `T` of the unanimity games `u_T` weighted by the Harsanyi
dividends `d_T(v) = ∑_{S ⊆ T} (−1)^{|T|−|S|} v(S)`: `v(S) = ∑_T d_T(v) u_T(S)`. -/
theorem game3_eq_sum_unanimity (v : Game3) (a b c : Bool) :
    v a b c = sumCoalitions3 fun p q r => unanimity3 (dividend3 v p q r) p q r a b c := by
  cases a <;> cases b <;> cases c <;>
    simp [sumCoalitions3, unanimity3, dividend3, card3] <;> grind

/-- **Harsanyi's dividend formula for the Shapley value** (Harsanyi 1963). Each player's
Shapley value is her equal share of the dividends of the coalitions she belongs to:
`φᵢ(v) = ∑_{T ∋ i} d_T(v) / |T|`. -/
theorem shapley3_eq_sum_dividends (v : Game3) (i : Fin 3) :
    shapley3 v i = sumCoalitions3 fun p q r =>
      if mem3 p q r i then dividend3 v p q r / (card3 p q r : Rat) else 0 := by
  rcases fin3_cases i with rfl | rfl | rfl <;>
    simp [shapley3, sumCoalitions3, mem3, card3, shapleyWeight3, withPlayer, dividend3] <;>
    grind

/-- **Uniqueness of the Shapley value, three players** (Shapley 1953). A value `φ` on
three-player TU games (worths in `Rat`) that is efficient, symmetric, additive and gives null
players `0` (each on the games with `v ∅ = 0`) equals the Shapley value on every game with
`v ∅ = 0`. -/
theorem shapley3_unique (φ : Game3 → Fin 3 → Rat) (hφ : ShapleyAxioms3 φ) (v : Game3)
    (h0 : v false false false = 0) (i : Fin 3) : φ v i = shapley3 v i := by
  calc φ v i = φ (sumGames3 (unanimityList3 v)) i :=
        congrArg (fun g => φ g i) (eq_sumGames3_unanimityList3 v h0)
    _ = ((unanimityList3 v).map fun g => φ g i).sum :=
        hφ.value_sumGames3 _ (unanimityList3_empty v) i
    _ = shapley3 v i := by
      rcases fin3_cases i with rfl | rfl | rfl <;>
        simp [unanimityList3, hφ.value_unanimity, mem3, card3, dividend3, sumCoalitions3,
          shapley3, shapleyWeight3, withPlayer, h0] <;> grind

/-- **Shapley's theorem, three players** (Shapley 1953). A value `φ` on three-player TU games
satisfies efficiency, symmetry, the null player property and additivity (on the games with
`v ∅ = 0`) if and only if it is the Shapley value on every game with `v ∅ = 0`. -/
theorem shapleyAxioms3_iff (φ : Game3 → Fin 3 → Rat) :
    ShapleyAxioms3 φ ↔ ∀ v : Game3, v false false false = 0 → ∀ i, φ v i = shapley3 v i := by
  constructor
  · intro hφ v h0 i
    calc φ v i = φ (sumGames3 (unanimityList3 v)) i :=
          congrArg (fun g => φ g i) (eq_sumGames3_unanimityList3 v h0)
      _ = ((unanimityList3 v).map fun g => φ g i).sum :=
          hφ.value_sumGames3 _ (unanimityList3_empty v) i
      _ = shapley3 v i := by
        rcases fin3_cases i with rfl | rfl | rfl <;>
          simp [unanimityList3, hφ.value_unanimity, mem3, card3, dividend3, sumCoalitions3,
            shapley3, shapleyWeight3, withPlayer, h0] <;> grind
  · intro h
    refine ⟨fun v h0 => ?_, fun v i j h0 hs => ?_, fun v i h0 hn => ?_,
      fun v w i hv hw => ?_⟩
    · rw [h v h0 0, h v h0 1, h v h0 2]
      exact shapley3_efficient v h0
    · rw [h v h0 i, h v h0 j]
      exact shapley3_symmetric v i j hs
    · rw [h v h0 i]
      exact shapley3_null_player v i hn
    · rw [h (addGame3 v w) (by simp only [addGame3]; grind) i, h v hv i, h w hw i]
      exact shapley3_additive v w i

end EconLean.Cooperative

end
