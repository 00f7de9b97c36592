module

public import EconLean.Cooperative.Defs

/-!
# Balanced collections of coalitions for three-player games

Lemmas for the Bondareva–Shapley theorem (Bondareva, "Some applications of
linear programming methods to the theory of cooperative games", *Problemy Kibernetiki* 10,
1963; Shapley, "On balanced sets and cores", *Naval Research Logistics Quarterly* 14, 1967;
Peleg and Sudhölter 2007, §3.1) for three players.

A system of *balancing weights* gives each nonempty coalition `S` a weight `λ_S ≥ 0` so that
every player belongs to coalitions of total weight `1`; a game is *balanced* when
`∑_S λ_S v(S) ≤ v(N)` for every such system. For three players the minimal balanced
collections are the partitions of `{0, 1, 2}` (weights `1`) and `{{0,1}, {0,2}, {1,2}}`
(weights `1/2`); `MinimalBalancedIneqs3` lists their inequalities (the partition `{N}` gives
the trivial `v(N) ≤ v(N)` and is left out). The definitions (`IsBalancedWeights3`,
`IsBalancedGame3`, `MinimalBalancedIneqs3`) are in `EconLean.Cooperative.Defs`.

Lemmas:
* `balanced_of_inCore3`: a game with a core allocation is balanced (the easy half of
  Bondareva–Shapley: `∑ λ_S v(S) ≤ ∑ λ_S x(S) = x(N) = v(N)`);
* `minimalBalancedIneqs3_of_balanced`: a balanced game satisfies the inequalities of the
  minimal balanced collections;
* `inCore3_of_minimalBalancedIneqs3`: a game with `v ∅ = 0` satisfying them has a core
  allocation (constructed by filling the bounds `v{i} ≤ xᵢ ≤ v(N) − v(N∖{i})` greedily).
-/

@[expose] public section

namespace EconLean.Cooperative

/-- **A game with a core allocation is balanced** (the necessity half of the
Bondareva–Shapley theorem): `∑ λ_S v(S) ≤ ∑ λ_S x(S) = ∑ᵢ xᵢ ∑_{S ∋ i} λ_S = x(N) = v(N)`. -/
theorem balanced_of_inCore3 {v : Game3} {x : Fin 3 → Rat} (hx : InCore3 v x) :
    IsBalancedGame3 v := by
  intro w ⟨hw0, hwnn, hwi⟩
  obtain ⟨hsum, hc⟩ := hx
  have e0 := hwi 0
  have e1 := hwi 1
  have e2 := hwi 2
  simp [sumCoalitions3, mem3] at e0 e1 e2
  have k : ∀ a b c, w a b c * v a b c ≤ w a b c * coalitionPayoff3 x a b c :=
    fun a b c => Rat.mul_le_mul_of_nonneg_left (hc a b c) (hwnn a b c)
  have k1 := k true false false
  have k2 := k false true false
  have k3 := k false false true
  have k4 := k true true false
  have k5 := k true false true
  have k6 := k false true true
  have k7 := k true true true
  simp [coalitionPayoff3] at k1 k2 k3 k4 k5 k6 k7
  have f0 := congrArg (x 0 * ·) e0
  have f1 := congrArg (x 1 * ·) e1
  have f2 := congrArg (x 2 * ·) e2
  simp only at f0 f1 f2
  simp [sumCoalitions3, hw0]
  grind

/-- **A balanced game satisfies the inequalities of the minimal balanced collections**
(apply the definition to the weights of each of them). -/
theorem minimalBalancedIneqs3_of_balanced {v : Game3} (hv : IsBalancedGame3 v) :
    MinimalBalancedIneqs3 v := by
  have hs := hv (fun a b c => if card3 a b c = 1 then 1 else 0)
    ⟨rfl, fun a b c => by cases a <;> cases b <;> cases c <;> simp [card3] <;> grind,
      fun i => by
        rcases fin3_cases i with rfl | rfl | rfl <;> simp [sumCoalitions3, mem3, card3] <;>
          grind⟩
  have h2 := hv (fun a b c => if (a && b && !c) || (!a && !b && c) then 1 else 0)
    ⟨rfl, fun a b c => by cases a <;> cases b <;> cases c <;> simp <;> grind,
      fun i => by rcases fin3_cases i with rfl | rfl | rfl <;> simp [sumCoalitions3, mem3] <;> grind⟩
  have h1 := hv (fun a b c => if (a && !b && c) || (!a && b && !c) then 1 else 0)
    ⟨rfl, fun a b c => by cases a <;> cases b <;> cases c <;> simp <;> grind,
      fun i => by rcases fin3_cases i with rfl | rfl | rfl <;> simp [sumCoalitions3, mem3] <;> grind⟩
  have h0 := hv (fun a b c => if (!a && b && c) || (a && !b && !c) then 1 else 0)
    ⟨rfl, fun a b c => by cases a <;> cases b <;> cases c <;> simp <;> grind,
      fun i => by rcases fin3_cases i with rfl | rfl | rfl <;> simp [sumCoalitions3, mem3] <;> grind⟩
  have hp := hv (fun a b c => if card3 a b c = 2 then 1 / 2 else 0)
    ⟨rfl, fun a b c => by cases a <;> cases b <;> cases c <;> simp [card3] <;> grind,
      fun i => by
        rcases fin3_cases i with rfl | rfl | rfl <;> simp [sumCoalitions3, mem3, card3] <;>
          grind⟩
  simp [sumCoalitions3, card3] at hs h2 h1 h0 hp
  refine ⟨?_, ?_, ?_, ?_, ?_⟩ <;> grind

/-- Numbers `xᵢ` between bounds `lᵢ ≤ xᵢ ≤ uᵢ` with a prescribed sum `N` exist when
`lᵢ ≤ uᵢ` and `∑ lᵢ ≤ N ≤ ∑ uᵢ`. -/
theorem exists_sum_between3 (l0 l1 l2 u0 u1 u2 N : Rat) (h0 : l0 ≤ u0) (h1 : l1 ≤ u1)
    (h2 : l2 ≤ u2) (hl : l0 + l1 + l2 ≤ N) (hu : N ≤ u0 + u1 + u2) :
    ∃ x0 x1 x2 : Rat, l0 ≤ x0 ∧ x0 ≤ u0 ∧ l1 ≤ x1 ∧ x1 ≤ u1 ∧ l2 ≤ x2 ∧ x2 ≤ u2 ∧
      x0 + x1 + x2 = N := by
  by_cases hA : u0 ≤ N - l1 - l2
  · by_cases hB : u1 ≤ N - u0 - l2
    · exact ⟨u0, u1, N - u0 - u1, by grind⟩
    · exact ⟨u0, N - u0 - l2, l2, by grind⟩
  · exact ⟨N - l1 - l2, l1, l2, by grind⟩

/-- **The minimal balanced inequalities give a core allocation.** A three-player game with
`v ∅ = 0` satisfying them has a core allocation: the core is the set of `x` with
`v{i} ≤ xᵢ ≤ v(N) − v(N∖{i})` and `x(N) = v(N)`, and the inequalities say exactly that these
bounds are consistent. -/
theorem inCore3_of_minimalBalancedIneqs3 {v : Game3} (h0 : v false false false = 0)
    (hv : MinimalBalancedIneqs3 v) : ∃ x, InCore3 v x := by
  obtain ⟨hs, h2, h1, h0', hp⟩ := hv
  obtain ⟨x0, x1, x2, a0, b0, a1, b1, a2, b2, hsum⟩ := exists_sum_between3
    (v true false false) (v false true false) (v false false true)
    (v true true true - v false true true) (v true true true - v true false true)
    (v true true true - v true true false) (v true true true) (by grind) (by grind) (by grind)
    hs (by grind)
  refine ⟨fun i => if i = 0 then x0 else if i = 1 then x1 else x2, by simp; grind, ?_⟩
  intro a b c
  cases a <;> cases b <;> cases c <;> simp [coalitionPayoff3, h0] <;> grind

end EconLean.Cooperative

end
