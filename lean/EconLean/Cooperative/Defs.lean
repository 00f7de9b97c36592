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
  the set of players before `i`,
* balancing weights, balanced games and the inequalities of the minimal balanced collections
  of three players (Bondareva 1963; Shapley, "On balanced sets and cores", 1967),
* unanimity games, Harsanyi dividends (Harsanyi 1963) and Shapley's axioms for a value,
* superadditivity and desirability (Maschler and Peleg 1966) for three players, weighted
  majority games (Shapley and Shubik 1954), the glove game of a small market, and the
  Banzhaf value (Banzhaf 1965; Lehrer 1988).
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

/-! ## Balanced collections (Bondareva 1963, Shapley 1967) -/

/-- A system of balancing weights for three players: nonnegative weights `w S` on the
coalitions, zero on the empty coalition, such that for every player `i` the weights of the
coalitions containing `i` add up to `1`. -/
def IsBalancedWeights3 (w : Bool → Bool → Bool → Rat) : Prop :=
  w false false false = 0 ∧ (∀ a b c, 0 ≤ w a b c) ∧
    ∀ i : Fin 3, sumCoalitions3 (fun a b c => if mem3 a b c i then w a b c else 0) = 1

/-- A balanced three-player game (Bondareva 1963, Shapley 1967): for every system of
balancing weights `λ`, `∑_S λ_S v(S) ≤ v(N)`. -/
def IsBalancedGame3 (v : Game3) : Prop :=
  ∀ w, IsBalancedWeights3 w → sumCoalitions3 (fun a b c => w a b c * v a b c) ≤ v true true true

/-- The inequalities `∑_S λ_S v(S) ≤ v(N)` of the minimal balanced collections of three
players other than `{N}`: the partitions `{0}{1}{2}`, `{0,1}{2}`, `{0,2}{1}`, `{1,2}{0}`
(weights `1`) and `{0,1}{0,2}{1,2}` (weights `1/2`, written multiplied by `2`). -/
def MinimalBalancedIneqs3 (v : Game3) : Prop :=
  v true false false + v false true false + v false false true ≤ v true true true ∧
  v true true false + v false false true ≤ v true true true ∧
  v true false true + v false true false ≤ v true true true ∧
  v false true true + v true false false ≤ v true true true ∧
  v true true false + v true false true + v false true true ≤ 2 * v true true true

/-! ## Unanimity games, Harsanyi dividends and Shapley's axioms -/

/-- The unanimity game of the coalition `T` (membership bits `p, q, r`) scaled by `k`: a
coalition `S` is worth `k` if `T ⊆ S` and `0` otherwise. -/
def unanimity3 (k : Rat) (p q r : Bool) : Game3 := fun a b c =>
  if ((!p || a) && (!q || b) && (!r || c)) = true then k else 0

/-- The Harsanyi dividend of the coalition `T` (bits `p, q, r`):
`d_T(v) = ∑_{S ⊆ T} (−1)^{|T|−|S|} v(S)`. -/
def dividend3 (v : Game3) (p q r : Bool) : Rat :=
  sumCoalitions3 fun a b c =>
    if ((a && !p) || (b && !q) || (c && !r)) = true then 0
    else if (card3 p q r - card3 a b c) % 2 = 0 then v a b c else - v a b c

/-- The sum of two games, coalition by coalition. -/
def addGame3 (v w : Game3) : Game3 := fun a b c => v a b c + w a b c

/-- The sum of a list of games (the zero game for the empty list). -/
def sumGames3 : List Game3 → Game3
  | [] => fun _ _ _ => 0
  | g :: gs => addGame3 g (sumGames3 gs)

/-- The seven games `d_T(v) · u_T` of the nonempty coalitions `T`. -/
def unanimityList3 (v : Game3) : List Game3 :=
  [unanimity3 (dividend3 v true false false) true false false,
    unanimity3 (dividend3 v false true false) false true false,
    unanimity3 (dividend3 v false false true) false false true,
    unanimity3 (dividend3 v true true false) true true false,
    unanimity3 (dividend3 v true false true) true false true,
    unanimity3 (dividend3 v false true true) false true true,
    unanimity3 (dividend3 v true true true) true true true]

/-- Shapley's axioms for a value `φ` on three-player games (Shapley 1953), each required on
the games with `v ∅ = 0`: efficiency, symmetry, the null player property and additivity. -/
structure ShapleyAxioms3 (φ : Game3 → Fin 3 → Rat) : Prop where
  /-- Efficiency: the values add up to the worth of the grand coalition. -/
  efficient : ∀ v : Game3, v false false false = 0 → φ v 0 + φ v 1 + φ v 2 = v true true true
  /-- Symmetry: symmetric players get the same value. -/
  symmetric : ∀ (v : Game3) (i j : Fin 3), v false false false = 0 → IsSymmetric3 v i j →
    φ v i = φ v j
  /-- Null player: a player adding nothing to any coalition gets `0`. -/
  null_player : ∀ (v : Game3) (i : Fin 3), v false false false = 0 → IsNullPlayer3 v i →
    φ v i = 0
  /-- Additivity: the value of a sum of games is the sum of their values. -/
  additive : ∀ (v w : Game3) (i : Fin 3), v false false false = 0 → w false false false = 0 →
    φ (addGame3 v w) i = φ v i + φ w i

/-! ## Superadditivity, desirability, weighted majority, glove and Banzhaf -/

/-- Superadditivity for three players: disjoint coalitions together are worth at least as
much as apart. -/
def IsSuperadditive3 (v : Game3) : Prop :=
  ∀ a b c a' b' c', (a && a') = false → (b && b') = false → (c && c') = false →
    v a b c + v a' b' c' ≤ v (a || a') (b || b') (c || c')

/-- Player `i` is at least as desirable as player `j` (Maschler and Peleg, "A
characterization, existence proof and dimension bounds for the kernel of a game", *Pacific
Journal of Mathematics* 18, 1966): joining any coalition containing neither of them, `i`
brings at least as much worth as `j`. -/
def IsMoreDesirable3 (v : Game3) (i j : Fin 3) : Prop :=
  ∀ a b c, mem3 a b c i = false → mem3 a b c j = false →
    withPlayer v j a b c ≤ withPlayer v i a b c

/-- The weighted majority game `[q; w₀, w₁, w₂]`: a coalition is winning (worth `1`) when its
total weight reaches the quota `q`, and losing (worth `0`) otherwise. Its Shapley value is the
Shapley–Shubik power index (Shapley and Shubik, "A method for evaluating the distribution of
power in a committee system", *American Political Science Review* 48, 1954). -/
def weightedMajority3 (q : Rat) (w : Fin 3 → Rat) : Game3 := fun a b c =>
  if q ≤ coalitionPayoff3 w a b c then 1 else 0

/-- The glove game of a small market: player `0` owns a left glove, players `1` and `2` own a
right glove each, and a coalition is worth the number of pairs it can form (`1` if it has the
left glove and a right glove, `0` otherwise). -/
def gloveGame3 : Game3 := fun a b c => if (a && (b || c)) = true then 1 else 0

/-- The Banzhaf value of a three-player game (Banzhaf, "Weighted voting doesn't work",
*Rutgers Law Review* 19, 1965; Owen 1975): the average of player `i`'s marginal
contributions over the four coalitions not containing her,
`βᵢ(v) = ¼ ∑_{S ∌ i} (v(S ∪ {i}) − v(S))`. -/
def banzhaf3 (v : Game3) (i : Fin 3) : Rat :=
  sumCoalitions3 fun a b c => if mem3 a b c i then 0 else (withPlayer v i a b c - v a b c) / 4

/-- The Banzhaf value of a two-player game: `βᵢ(v) = ½ ∑_{S ∌ i} (v(S ∪ {i}) − v(S))`. -/
def banzhaf2 (v : Game2) (i : Fin 2) : Rat :=
  if i = 0 then ((v true false - v false false) + (v true true - v false true)) / 2
  else ((v false true - v false false) + (v true true - v true false)) / 2

/-- The two-player game in which players `0` and `1` of a three-player game act as one
player `0` (and player `2` becomes player `1`). -/
def mergePlayers01 (v : Game3) : Game2 := fun a b => v a a b

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
