module

public import EconLean.Cooperative.Defs

/-!
# Unanimity games, Harsanyi dividends and Shapley's axioms (three players)

Lemmas for Shapley's characterisation of his value (Shapley, "A value for
n-person games", in *Contributions to the Theory of Games II*, Annals of Mathematics
Studies 28, 1953) for three players, following the textbook proof through unanimity games
(Peleg and Sudhölter 2007, §8.1; Maschler, Solan and Zamir, *Game Theory*, 2013, §18.2).

The definitions are in `EconLean.Cooperative.Defs`: the unanimity game `unanimity3 k T`
(worth `k` to the coalitions containing `T`, `0` otherwise), the Harsanyi dividend
`dividend3 v T = ∑_{S ⊆ T} (−1)^{|T|−|S|} v(S)` (Harsanyi, "A simplified bargaining model
for the n-person cooperative game", *International Economic Review* 4, 1963), and
`ShapleyAxioms3 φ` (efficiency, symmetry, null player, additivity on the games with
`v ∅ = 0`). Lemmas:
* `ShapleyAxioms3.value_unanimity`: a value satisfying the axioms gives `k / |T|` to each
  member of `T` in `k · u_T` and `0` to the others;
* `ShapleyAxioms3.value_sumGames3`: it is additive over finite sums of games;
* `eq_sumGames3_unanimityList3`: a game with `v ∅ = 0` is the sum of the seven games
  `d_T(v) · u_T` over the nonempty coalitions `T`.
-/

@[expose] public section

namespace EconLean.Cooperative

/-- A unanimity game of a nonempty coalition is worth `0` to the empty coalition. -/
theorem unanimity3_empty (k : Rat) (p q r : Bool) (hT : (p || q || r) = true) :
    unanimity3 k p q r false false false = 0 := by
  cases p <;> cases q <;> cases r <;> simp_all [unanimity3]

/-- In a unanimity game, the players outside `T` are null players. -/
theorem unanimity3_null (k : Rat) (p q r : Bool) (j : Fin 3) (hj : mem3 p q r j = false) :
    IsNullPlayer3 (unanimity3 k p q r) j := by
  intro a b c
  rcases fin3_cases j with rfl | rfl | rfl <;> simp_all [mem3, withPlayer, unanimity3]

/-- In a unanimity game, any two players of `T` are symmetric. -/
theorem unanimity3_symmetric (k : Rat) (p q r : Bool) (j l : Fin 3)
    (hj : mem3 p q r j = true) (hl : mem3 p q r l = true) :
    IsSymmetric3 (unanimity3 k p q r) j l := by
  intro a b c ha hb
  rcases fin3_cases j with rfl | rfl | rfl <;> rcases fin3_cases l with rfl | rfl | rfl <;>
    simp_all [mem3, withPlayer, unanimity3]

/-- **A value satisfying Shapley's axioms on a unanimity game.** In `k · u_T` (`T` nonempty)
each member of `T` gets `k / |T|` and every other player `0`: the others are null players,
the members are symmetric, and efficiency splits `k` among them. -/
theorem ShapleyAxioms3.value_unanimity {φ : Game3 → Fin 3 → Rat} (hφ : ShapleyAxioms3 φ)
    (k : Rat) (p q r : Bool) (hT : (p || q || r) = true) (i : Fin 3) :
    φ (unanimity3 k p q r) i = if mem3 p q r i then k / (card3 p q r : Rat) else 0 := by
  have h0 := unanimity3_empty k p q r hT
  have he := hφ.efficient _ h0
  have hN : unanimity3 k p q r true true true = k := by simp [unanimity3]
  rw [hN] at he
  have n : ∀ j, mem3 p q r j = false → φ (unanimity3 k p q r) j = 0 :=
    fun j hj => hφ.null_player _ j h0 (unanimity3_null k p q r j hj)
  have s : ∀ j l, mem3 p q r j = true → mem3 p q r l = true →
      φ (unanimity3 k p q r) j = φ (unanimity3 k p q r) l :=
    fun j l hj hl => hφ.symmetric _ j l h0 (unanimity3_symmetric k p q r j l hj hl)
  have n0 := n 0
  have n1 := n 1
  have n2 := n 2
  have s01 := s 0 1
  have s02 := s 0 2
  have s12 := s 1 2
  clear n s
  rcases fin3_cases i with rfl | rfl | rfl <;> cases p <;> cases q <;> cases r <;>
    simp_all [mem3, card3] <;> grind

/-- A sum of games that are each worth `0` to the empty coalition is worth `0` to it. -/
theorem sumGames3_empty (L : List Game3) (hL : ∀ g ∈ L, g false false false = 0) :
    sumGames3 L false false false = 0 := by
  induction L with
  | nil => rfl
  | cons g gs ih =>
    have hg : g false false false = 0 := hL g (by simp)
    have hgs : ∀ g' ∈ gs, g' false false false = 0 := fun g' hg' => hL g' (by simp [hg'])
    show g false false false + sumGames3 gs false false false = 0
    rw [hg, ih hgs]
    grind

/-- **Additivity over finite sums.** A value satisfying Shapley's axioms gives the value of a
sum of games (each worth `0` to the empty coalition) as the sum of their values; the empty
sum, the zero game, has value `0` since every player is null in it. -/
theorem ShapleyAxioms3.value_sumGames3 {φ : Game3 → Fin 3 → Rat} (hφ : ShapleyAxioms3 φ)
    (L : List Game3) (hL : ∀ g ∈ L, g false false false = 0) (i : Fin 3) :
    φ (sumGames3 L) i = (L.map fun g => φ g i).sum := by
  induction L with
  | nil => exact hφ.null_player _ i rfl (fun _ _ _ => rfl)
  | cons g gs ih =>
    have hg : g false false false = 0 := hL g (by simp)
    have hgs : ∀ g' ∈ gs, g' false false false = 0 := fun g' hg' => hL g' (by simp [hg'])
    rw [show sumGames3 (g :: gs) = addGame3 g (sumGames3 gs) from rfl,
      hφ.additive _ _ i hg (sumGames3_empty gs hgs), ih hgs]
    simp [List.map_cons, List.sum_cons]

/-- The seven games `d_T(v) · u_T` are worth `0` to the empty coalition. -/
theorem unanimityList3_empty (v : Game3) :
    ∀ g ∈ unanimityList3 v, g false false false = 0 := by
  simp [unanimityList3, unanimity3]

/-- **Unanimity decomposition.** A three-player game with `v ∅ = 0` is the sum of the seven
games `d_T(v) · u_T` over the nonempty coalitions `T`. -/
theorem eq_sumGames3_unanimityList3 (v : Game3) (h0 : v false false false = 0) :
    v = sumGames3 (unanimityList3 v) := by
  funext a b c
  cases a <;> cases b <;> cases c <;>
    simp [sumGames3, unanimityList3, addGame3, unanimity3, dividend3, sumCoalitions3, card3,
      h0] <;> grind

end EconLean.Cooperative

end
