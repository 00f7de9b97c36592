module

public import Init

/-!
# Cooperative games with transferable utility: definitions

Transferable-utility (TU) games with two and three players (von Neumann and Morgenstern,
*Theory of Games and Economic Behavior*, 1944; Peleg and Sudhölter, *Introduction to the
Theory of Cooperative Games*, 2nd ed. 2007). A coalition is encoded by the membership bits
of the players: a two-player game is `v : Bool → Bool → Rat` (`v true false` is the worth of
the coalition `{0}`), a three-player game is `v : Bool → Bool → Bool → Rat`
(`v true false true` is the worth of `{0, 2}`). Games are normalised by `v ∅ = 0` where a
theorem needs it, as a hypothesis.

Defined here:
* the core (efficient payoff vectors no coalition can improve upon; Gillies 1959),
* superadditivity and convexity (supermodularity; Shapley, "Cores of convex games",
  *International Journal of Game Theory* 1, 1971),
* the Shapley value (Shapley, "A value for n-person games", 1953) through its formula
  `φᵢ(v) = ∑_{S ∌ i} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S))`,
* marginal contribution vectors of orders of the players: for an order given by the
  position `pos p` of each player `p`, player `i` receives `v(P ∪ {i}) − v(P)` where `P` is
  the set of players before `i`.
-/

@[expose] public section

namespace EconLean.Cooperative

/-! ## Two-player games -/

/-- A two-player TU game: the worth `v a b` of the coalition with membership bits `a, b`. -/
abbrev Game2 := Bool → Bool → Rat

/-- The total payoff `x(S)` of the coalition `S` (membership bits `a, b`) under `x`. -/
def coalitionPayoff2 (x : Fin 2 → Rat) (a b : Bool) : Rat :=
  (if a then x 0 else 0) + (if b then x 1 else 0)

/-- The core of a two-player game: efficient payoff vectors with `x(S) ≥ v(S)` for every
coalition `S`. -/
def InCore2 (v : Game2) (x : Fin 2 → Rat) : Prop :=
  x 0 + x 1 = v true true ∧ ∀ a b, v a b ≤ coalitionPayoff2 x a b

/-- Superadditivity: disjoint coalitions together are worth at least as much as apart. -/
def IsSuperadditive2 (v : Game2) : Prop :=
  ∀ a b a' b', (a && a') = false → (b && b') = false → v a b + v a' b' ≤ v (a || a') (b || b')

/-- The Shapley value of a two-player game: each player gets half of her marginal
contribution to `∅` plus half of her marginal contribution to the other player. -/
def shapley2 (v : Game2) (i : Fin 2) : Rat :=
  if i = 0 then (v true false - v false false) / 2 + (v true true - v false true) / 2
  else (v false true - v false false) / 2 + (v true true - v true false) / 2

/-! ## Three-player games -/

/-- A three-player TU game: the worth `v a b c` of the coalition with membership bits
`a, b, c` (of players `0, 1, 2`). -/
abbrev Game3 := Bool → Bool → Bool → Rat

/-- Whether player `i` belongs to the coalition with membership bits `a, b, c`. -/
def mem3 (a b c : Bool) (i : Fin 3) : Bool := if i = 0 then a else if i = 1 then b else c

/-- The number of members of the coalition with membership bits `a, b, c`. -/
def card3 (a b c : Bool) : Nat := a.toNat + b.toNat + c.toNat

/-- The worth `v(S ∪ {i})` of the coalition `S` (bits `a, b, c`) joined by player `i`. -/
def withPlayer (v : Game3) (i : Fin 3) (a b c : Bool) : Rat :=
  v (a || decide (i = 0)) (b || decide (i = 1)) (c || decide (i = 2))

/-- The sum of `f` over all eight coalitions of three players. -/
def sumCoalitions3 (f : Bool → Bool → Bool → Rat) : Rat :=
  f false false false + f true false false + f false true false + f false false true +
    f true true false + f true false true + f false true true + f true true true

/-- The Shapley weight `|S|! (n − |S| − 1)! / n!` for `n = 3`: `1/3, 1/6, 1/3` for
`|S| = 0, 1, 2`. -/
def shapleyWeight3 (k : Nat) : Rat := if k = 1 then 1 / 6 else 1 / 3

/-- The Shapley value of a three-player game:
`φᵢ(v) = ∑_{S ∌ i} |S|! (2 − |S|)! / 3! · (v(S ∪ {i}) − v(S))`. -/
def shapley3 (v : Game3) (i : Fin 3) : Rat :=
  sumCoalitions3 fun a b c =>
    if mem3 a b c i then 0 else shapleyWeight3 (card3 a b c) * (withPlayer v i a b c - v a b c)

/-- The total payoff `x(S)` of the coalition `S` (membership bits `a, b, c`) under `x`. -/
def coalitionPayoff3 (x : Fin 3 → Rat) (a b c : Bool) : Rat :=
  (if a then x 0 else 0) + (if b then x 1 else 0) + (if c then x 2 else 0)

/-- The core of a three-player game: efficient payoff vectors with `x(S) ≥ v(S)` for every
coalition `S`. -/
def InCore3 (v : Game3) (x : Fin 3 → Rat) : Prop :=
  x 0 + x 1 + x 2 = v true true true ∧ ∀ a b c, v a b c ≤ coalitionPayoff3 x a b c

/-- Convexity (supermodularity): `v(S) + v(T) ≤ v(S ∪ T) + v(S ∩ T)` for all coalitions. -/
def IsConvex3 (v : Game3) : Prop :=
  ∀ a b c a' b' c', v a b c + v a' b' c' ≤
    v (a || a') (b || b') (c || c') + v (a && a') (b && b') (c && c')

/-- Players `i` and `j` are symmetric: they add the same worth to every coalition
containing neither of them. -/
def IsSymmetric3 (v : Game3) (i j : Fin 3) : Prop :=
  ∀ a b c, mem3 a b c i = false → mem3 a b c j = false → withPlayer v i a b c = withPlayer v j a b c

/-- Player `i` is a null player: she adds nothing to any coalition. -/
def IsNullPlayer3 (v : Game3) (i : Fin 3) : Prop :=
  ∀ a b c, withPlayer v i a b c = v a b c

/-- The marginal contribution vector of the order in which player `p` comes at position
`pos p`: player `i` receives `v(P ∪ {i}) − v(P)`, where `P` is the set of players before `i`. -/
def marginalVector (v : Game3) (pos : Fin 3 → Fin 3) (i : Fin 3) : Rat :=
  v (decide (pos 0 ≤ pos i)) (decide (pos 1 ≤ pos i)) (decide (pos 2 ≤ pos i)) -
    v (decide (pos 0 < pos i)) (decide (pos 1 < pos i)) (decide (pos 2 < pos i))

/-- The function `Fin 3 → Fin 3` with values `x, y, z` at `0, 1, 2`. -/
def tri (x y z : Fin 3) : Fin 3 → Fin 3 := fun p => if p = 0 then x else if p = 1 then y else z

/-- The six orders of three players, as position functions. -/
def orderPos (k : Fin 6) : Fin 3 → Fin 3 :=
  if k = 0 then tri 0 1 2 else if k = 1 then tri 0 2 1 else if k = 2 then tri 1 0 2
  else if k = 3 then tri 1 2 0 else if k = 4 then tri 2 0 1 else tri 2 1 0

/-- The three-player majority game: a coalition is worth `1` if it has at least two members
and `0` otherwise. -/
def majorityGame3 : Game3 := fun a b c => if 2 ≤ card3 a b c then 1 else 0

/-! ## Helper lemmas -/

theorem fin3_cases (i : Fin 3) : i = 0 ∨ i = 1 ∨ i = 2 := by
  revert i; decide

/-- An injective position function is one of the six orders of three players. -/
theorem order3_cases (pos : Fin 3 → Fin 3) (h : ∀ p q, pos p = pos q → p = q) :
    (pos 0 = 0 ∧ pos 1 = 1 ∧ pos 2 = 2) ∨ (pos 0 = 0 ∧ pos 1 = 2 ∧ pos 2 = 1) ∨
    (pos 0 = 1 ∧ pos 1 = 0 ∧ pos 2 = 2) ∨ (pos 0 = 1 ∧ pos 1 = 2 ∧ pos 2 = 0) ∨
    (pos 0 = 2 ∧ pos 1 = 0 ∧ pos 2 = 1) ∨ (pos 0 = 2 ∧ pos 1 = 1 ∧ pos 2 = 0) := by
  have h01 : pos 0 ≠ pos 1 := fun e => absurd (h _ _ e) (by decide)
  have h02 : pos 0 ≠ pos 2 := fun e => absurd (h _ _ e) (by decide)
  have h12 : pos 1 ≠ pos 2 := fun e => absurd (h _ _ e) (by decide)
  revert h01 h02 h12
  generalize pos 0 = x, pos 1 = y, pos 2 = z
  revert x y z
  decide

/-- The nine supermodularity inequalities of a convex three-player game for pairs of
coalitions neither of which contains the other. -/
theorem IsConvex3.pairs {v : Game3} (hv : IsConvex3 v) :
    v true false false + v false true false ≤ v true true false + v false false false ∧
    v true false false + v false false true ≤ v true false true + v false false false ∧
    v false true false + v false false true ≤ v false true true + v false false false ∧
    v true false false + v false true true ≤ v true true true + v false false false ∧
    v false true false + v true false true ≤ v true true true + v false false false ∧
    v false false true + v true true false ≤ v true true true + v false false false ∧
    v true true false + v true false true ≤ v true true true + v true false false ∧
    v true true false + v false true true ≤ v true true true + v false true false ∧
    v true false true + v false true true ≤ v true true true + v false false true :=
  ⟨hv true false false false true false, hv true false false false false true,
    hv false true false false false true, hv true false false false true true,
    hv false true false true false true, hv false false true true true false,
    hv true true false true false true, hv true true false false true true,
    hv true false true false true true⟩

end EconLean.Cooperative

end
