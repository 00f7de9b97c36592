module

public import EconLean.Cooperative.Balanced

/-!
# The Bondareva–Shapley theorem for three players

* `core3_nonempty_iff_balanced`: a three-player TU game (worths in `Rat`, `v ∅ = 0`) has a
  nonempty core if and only if it is balanced, i.e. `∑_S λ_S v(S) ≤ v(N)` for every system
  of balancing weights `λ` (Bondareva, "Some applications of linear programming methods to
  the theory of cooperative games", *Problemy Kibernetiki* 10, 1963; Shapley, "On balanced
  sets and cores", *Naval Research Logistics Quarterly* 14, 1967);
* `core3_nonempty_iff_minimalBalancedIneqs3`: the same with balancedness checked only on the
  minimal balanced collections of three players (the partitions, and `{0,1}, {0,2}, {1,2}`
  with weights `1/2`), i.e. by five explicit inequalities;
* `isBalancedGame3_iff_minimalBalancedIneqs3`: balancedness is equivalent to those five
  inequalities (Shapley 1967: the minimal balanced collections suffice).

The proofs go through the lemmas of `EconLean.Cooperative.Balanced`; the direction from
balancedness to a core allocation is proved constructively (not by linear-programming
duality), which is possible because the minimal balanced collections of three players are
known explicitly.
-/

@[expose] public section

namespace EconLean.Cooperative

/-- **Bondareva–Shapley theorem, three players** (Bondareva 1963, Shapley 1967). A
three-player TU game with worths in `Rat` and `v ∅ = 0` has a nonempty core if and only if it
is balanced: `∑_S λ_S v(S) ≤ v(N)` for every system of nonnegative weights `λ` on the
nonempty coalitions with `∑_{S ∋ i} λ_S = 1` for every player `i`. -/
theorem core3_nonempty_iff_balanced (v : Game3) (h0 : v false false false = 0) :
    (∃ x, InCore3 v x) ↔ IsBalancedGame3 v := by
  constructor
  · rintro ⟨x, hx⟩
    exact balanced_of_inCore3 hx
  · intro hv
    exact inCore3_of_minimalBalancedIneqs3 h0 (minimalBalancedIneqs3_of_balanced hv)

/-- **Nonempty core of a three-player game, explicitly.** A three-player TU game with
`v ∅ = 0` has a nonempty core if and only if the inequalities of its minimal balanced
collections hold: `v{0} + v{1} + v{2} ≤ v(N)`, `v{i,j} + v{k} ≤ v(N)` for each partition
`{i,j}{k}`, and `v{0,1} + v{0,2} + v{1,2} ≤ 2 v(N)`. -/
theorem core3_nonempty_iff_minimalBalancedIneqs3 (v : Game3) (h0 : v false false false = 0) :
    (∃ x, InCore3 v x) ↔ MinimalBalancedIneqs3 v := by
  constructor
  · rintro ⟨x, hx⟩
    exact minimalBalancedIneqs3_of_balanced (balanced_of_inCore3 hx)
  · exact inCore3_of_minimalBalancedIneqs3 h0

/-- **The minimal balanced collections suffice** (Shapley 1967), three players. A
three-player game with `v ∅ = 0` is balanced if and only if it satisfies the inequalities of
the minimal balanced collections (the partitions, and `{0,1}, {0,2}, {1,2}` with weights
`1/2`). -/
theorem isBalancedGame3_iff_minimalBalancedIneqs3 (v : Game3) (h0 : v false false false = 0) :
    IsBalancedGame3 v ↔ MinimalBalancedIneqs3 v := by
  constructor
  · exact minimalBalancedIneqs3_of_balanced
  · intro h
    obtain ⟨x, hx⟩ := inCore3_of_minimalBalancedIneqs3 h0 h
    exact balanced_of_inCore3 hx

end EconLean.Cooperative

end
