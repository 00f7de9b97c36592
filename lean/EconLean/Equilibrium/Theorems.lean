module

public import EconLean.Equilibrium.Defs

/-!
# Pure exchange economies: Walras' law and the first welfare theorem

Main results on the finite exchange economies of `EconLean.Equilibrium.Defs`
(`n` consumers, `m` goods, rational quantities and prices):

* Walras' law: if every budget binds, the value of aggregate excess demand is zero; under
  local non-satiation demanded bundles exhaust the budget, so Walras' law holds for demands;
  hence if all markets but one clear and that good has a nonzero price, it clears too
  (Walras, *Éléments d'économie politique pure*, 1874; MWG Proposition 17.B.2).
* Competitive allocations are individually rational.
* The first fundamental theorem of welfare economics: under local non-satiation every
  Walrasian equilibrium allocation (nonnegative prices, free disposal) is Pareto efficient
  among all allocations that are feasible with free disposal (Arrow 1951, Debreu 1954;
  MWG Proposition 16.C.1), for any finite numbers of consumers and goods; and its version
  without disposal: an exactly market-clearing equilibrium at prices of any sign is Pareto
  efficient among exact redistributions of the endowment.
* The rule of free goods: under local non-satiation a good in excess supply at a Walrasian
  equilibrium has price zero (Arrow and Debreu 1954; MWG §17.B); hence with all prices
  positive every market clears exactly; and equilibrium prices are not all zero.
* Homogeneity: equilibrium prices are determined only up to a positive scale factor.
* A worked two-by-two example of a competitive equilibrium.
-/

@[expose] public section

namespace EconLean.Equilibrium

open EconLean

/-- **Walras' law.** If every consumer's bundle exhausts her budget at prices `p`
(`p · xᵢ = p · ωᵢ`), the value of aggregate excess demand is zero. -/
theorem walras_law {n m : Nat} (E : Economy n m) (p : Bundle m) (x : Fin n → Bundle m)
    (hb : ∀ i, value p (x i) = value p (E.endow i)) :
    value p (excessDemand E x) = 0 := by
  unfold excessDemand
  rw [value_sub, value_aggregate, value_aggregate, ← finSum_sub]
  exact finSum_eq_zero n _ (fun i => by rw [hb i]; grind)

/-- **Demand exhausts the budget.** Under local non-satiation, a bundle that maximises a
consumer's utility on her budget set costs exactly the value of her endowment. -/
theorem demand_exhausts_budget {n m : Nat} (E : Economy n m) (p : Bundle m) (i : Fin n)
    (x : Bundle m) (hu : LocallyNonsatiated (E.utility i)) (hx : IsDemand E p i x) :
    value p x = value p (E.endow i) := by
  obtain ⟨⟨hx0, hxb⟩, hmax⟩ := hx
  refine Rat.le_antisymm hxb (Rat.not_lt.mp fun hlt => ?_)
  obtain ⟨y, hy, hyv, hyu⟩ := exists_better_affordable _ hu p x _ hx0 hlt
  have := hmax y ⟨hy, Rat.le_of_lt hyv⟩
  grind

/-- **Walras' law for demands.** If every consumer is locally non-satiated and `xᵢ` is a
demanded bundle of every consumer `i` at prices `p`, the value of aggregate excess demand
at `p` is zero (whether or not markets clear). -/
theorem walras_law_of_demand {n m : Nat} (E : Economy n m) (p : Bundle m)
    (x : Fin n → Bundle m) (hu : ∀ i, LocallyNonsatiated (E.utility i))
    (hx : ∀ i, IsDemand E p i (x i)) :
    value p (excessDemand E x) = 0 := by
  unfold excessDemand
  rw [value_sub, value_aggregate, value_aggregate, ← finSum_sub]
  refine finSum_eq_zero n _ (fun i => ?_)
  have h1 := value_ge_of_utility_ge E p i (x i) (x i) (hu i) (hx i) (hx i).1.1 Rat.le_refl
  have h2 := (hx i).1.2
  grind

/-- **The last market clears.** If every budget binds, all markets except market `k` clear,
and good `k` has a nonzero price, then market `k` clears as well. -/
theorem market_clears_of_others_clear {n m : Nat} (E : Economy n m) (p : Bundle m)
    (x : Fin n → Bundle m) (hb : ∀ i, value p (x i) = value p (E.endow i)) (k : Fin m)
    (hk : p k ≠ 0) (hclear : ∀ j, j ≠ k → excessDemand E x j = 0) :
    excessDemand E x k = 0 := by
  have hw : value p (excessDemand E x) = 0 := by
    unfold excessDemand
    rw [value_sub, value_aggregate, value_aggregate, ← finSum_sub]
    exact finSum_eq_zero n _ (fun i => by rw [hb i]; grind)
  unfold value at hw
  rw [finSum_single m _ k (fun j hj => by rw [hclear j hj]; grind)] at hw
  rcases Rat.mul_eq_zero.mp hw with h | h
  · exact absurd h hk
  · exact h

/-- **Individual rationality.** In a competitive equilibrium every consumer with a
consumable endowment is at least as well off as with her endowment. -/
theorem competitive_allocation_individually_rational {n m : Nat} (E : Economy n m)
    (p : Bundle m) (x : Fin n → Bundle m) (hce : IsCompetitiveEquilibrium E p x)
    (hω : ∀ i, Nonneg (E.endow i)) (i : Fin n) :
    E.utility i (E.endow i) ≤ E.utility i (x i) :=
  (hce.2.1 i).2 (E.endow i) ⟨hω i, Rat.le_refl⟩

/-- **First fundamental theorem of welfare economics (free disposal).** If every consumer's
preferences are locally non-satiated, every Walrasian equilibrium allocation (nonnegative
prices, total consumption at most the total endowment) of a finite pure exchange economy is
Pareto efficient: no allocation that is feasible with free disposal Pareto dominates it
(MWG Proposition 16.C.1). -/
theorem first_welfare_theorem_free_disposal {n m : Nat} (E : Economy n m) (p : Bundle m)
    (x : Fin n → Bundle m) (hu : ∀ i, LocallyNonsatiated (E.utility i))
    (hce : IsCompetitiveEquilibrium E p x) :
    ParetoEfficient E x := by
  obtain ⟨hp, hd, hc⟩ := hce
  refine ⟨⟨fun i => (hd i).1.1, hc⟩, ?_⟩
  rintro ⟨y, ⟨hy0, hyc⟩, hle, i, hlt⟩
  have hsum := finSum_lt n (fun i => value p (E.endow i)) (fun i => value p (y i))
    (fun i => value_ge_of_utility_ge E p i (x i) (y i) (hu i) (hd i) (hy0 i) (hle i))
    i (value_gt_of_utility_gt E p i (x i) (y i) (hd i) (hy0 i) hlt)
  rw [← value_aggregate, ← value_aggregate] at hsum
  exact absurd hsum (Rat.not_lt.mpr (value_le_of_le p _ _ hp hyc))

/-- **First welfare theorem without disposal.** If every consumer's preferences are locally
non-satiated, every exactly market-clearing equilibrium allocation, at prices of any sign, is
Pareto efficient among the allocations that redistribute the aggregate endowment exactly. -/
theorem first_welfare_theorem_no_disposal {n m : Nat} (E : Economy n m) (p : Bundle m)
    (x : Fin n → Bundle m) (hu : ∀ i, LocallyNonsatiated (E.utility i))
    (hce : IsMarketClearingEquilibrium E p x) :
    ParetoEfficientExact E x := by
  refine ⟨⟨fun i => (hce.1 i).1.1, hce.2⟩, ?_⟩
  rintro ⟨y, ⟨hy0, hyc⟩, hle, i, hlt⟩
  have hsum := finSum_lt n (fun i => value p (E.endow i)) (fun i => value p (y i))
    (fun i => value_ge_of_utility_ge E p i (x i) (y i) (hu i) (hce.1 i) (hy0 i) (hle i))
    i (value_gt_of_utility_gt E p i (x i) (y i) (hce.1 i) (hy0 i) hlt)
  rw [← value_aggregate, ← value_aggregate, value_congr p (aggregate y) _ hyc] at hsum
  exact Rat.lt_irrefl hsum

/-- **Rule of free goods.** If every consumer is locally non-satiated, then at a Walrasian
equilibrium with free disposal every good in strict excess supply has price zero
(Arrow and Debreu 1954; MWG §17.B): by Walras' law `∑ⱼ pⱼ zⱼ = 0` with every term
`pⱼ zⱼ ≤ 0`. -/
theorem free_goods_rule {n m : Nat} (E : Economy n m) (p : Bundle m) (x : Fin n → Bundle m)
    (hu : ∀ i, LocallyNonsatiated (E.utility i)) (hce : IsCompetitiveEquilibrium E p x)
    (k : Fin m) (hk : aggregate x k < aggregate E.endow k) : p k = 0 := by
  obtain ⟨hp, hd, hc⟩ := hce
  have hw := walras_law_of_demand E p x hu hd
  unfold value at hw
  have ht := eq_zero_of_finSum_eq_zero_of_nonpos m _
    (fun j => mul_excessDemand_nonpos E p x j (hp j) (hc j)) hw k
  rcases Rat.mul_eq_zero.mp ht with h | h
  · exact h
  · simp only [excessDemand] at h
    grind

/-- **Markets clear at positive prices.** If every consumer is locally non-satiated and all
equilibrium prices are positive, a Walrasian equilibrium with free disposal clears every
market exactly. -/
theorem markets_clear_of_prices_pos {n m : Nat} (E : Economy n m) (p : Bundle m)
    (x : Fin n → Bundle m) (hu : ∀ i, LocallyNonsatiated (E.utility i))
    (hce : IsCompetitiveEquilibrium E p x) (hpos : ∀ j, 0 < p j) (j : Fin m) :
    aggregate x j = aggregate E.endow j := by
  obtain ⟨hp, hd, hc⟩ := hce
  refine Rat.le_antisymm (hc j) (Rat.not_lt.mp fun hlt => ?_)
  have hw := walras_law_of_demand E p x hu hd
  unfold value at hw
  have ht := eq_zero_of_finSum_eq_zero_of_nonpos m _
    (fun k => mul_excessDemand_nonpos E p x k (hp k) (hc k)) hw j
  rcases Rat.mul_eq_zero.mp ht with h | h
  · have := hpos j
    grind
  · simp only [excessDemand] at h
    grind

/-- **Equilibrium prices are not all zero.** If some consumer `i` is locally non-satiated,
at every Walrasian equilibrium some good has a positive price (at zero prices she would
have no demand). -/
theorem competitive_equilibrium_price_pos {n m : Nat} (E : Economy n m) (p : Bundle m)
    (x : Fin n → Bundle m) (i : Fin n) (hu : LocallyNonsatiated (E.utility i))
    (hce : IsCompetitiveEquilibrium E p x) : ∃ j, 0 < p j := by
  refine Classical.byContradiction fun hne => ?_
  have hp0 : p = fun _ => 0 :=
    funext fun j => Rat.le_antisymm (Rat.not_lt.mp fun h => hne ⟨j, h⟩) (hce.1 j)
  have hd := hce.2.1 i
  rw [hp0] at hd
  exact not_isDemand_zero_prices E i (x i) hu hd

/-- **Homogeneity of degree zero.** Scaling equilibrium prices by a positive factor gives
equilibrium prices again, with the same allocation. -/
theorem competitive_equilibrium_scale_prices {n m : Nat} (E : Economy n m) (p : Bundle m)
    (x : Fin n → Bundle m) (c : Rat) (hc : 0 < c) (hce : IsCompetitiveEquilibrium E p x) :
    IsCompetitiveEquilibrium E (fun j => c * p j) x := by
  have hb : ∀ y w : Bundle m, InBudget (fun j => c * p j) w y ↔ InBudget p w y := by
    intro y w
    unfold InBudget
    rw [value_smul_prices, value_smul_prices]
    constructor
    · rintro ⟨h0, h1⟩
      refine ⟨h0, Rat.not_lt.mp fun h => ?_⟩
      have := Rat.mul_lt_mul_of_pos_left h hc
      grind
    · rintro ⟨h0, h1⟩
      exact ⟨h0, Rat.mul_le_mul_of_nonneg_left h1 (Rat.le_of_lt hc)⟩
  refine ⟨fun j => Rat.mul_nonneg (Rat.le_of_lt hc) (hce.1 j),
    fun i => ⟨(hb _ _).mpr (hce.2.1 i).1, fun y hy => (hce.2.1 i).2 y ((hb _ _).mp hy)⟩,
    hce.2.2⟩

/-- **A competitive equilibrium of the two-by-two example.** In `exampleEconomy`, equal
prices of the two goods and the allocation in which each consumer gets one unit of her
preferred good (consumer `0` good `0`, consumer `1` good `1`) form a Walrasian
equilibrium. -/
theorem example_competitive_equilibrium :
    IsCompetitiveEquilibrium exampleEconomy (fun _ => 1)
      (fun i j => if i = j then 1 else 0) := by
  refine ⟨fun _ => by grind, fun i => ⟨⟨fun j => ?_, ?_⟩, fun y hy => ?_⟩, fun j => ?_⟩
  · dsimp only; split <;> grind
  · rcases i with ⟨_ | _ | _, hi⟩ <;> simp [value, finSum, exampleEconomy] <;> grind
  · obtain ⟨hy0, hyb⟩ := hy
    have h0 := hy0 0
    have h1 := hy0 1
    rcases i with ⟨_ | _ | _, hi⟩ <;> simp [value, finSum, exampleEconomy] at hyb ⊢ <;> grind
  · rcases j with ⟨_ | _ | _, hj⟩ <;> simp [aggregate, finSum, exampleEconomy] <;> grind

/-- **Pareto efficiency in the example.** The equilibrium allocation of `exampleEconomy`
is Pareto efficient (an instance of the first welfare theorem: linear utilities with
positive coefficients are locally non-satiated). -/
theorem example_allocation_pareto_efficient :
    ParetoEfficient exampleEconomy (fun i j => if i = j then 1 else 0) := by
  refine ⟨⟨fun i j => ?_, fun j => ?_⟩, ?_⟩
  · dsimp only; split <;> grind
  · rcases j with ⟨_ | _ | _, hj⟩ <;> simp [aggregate, finSum, exampleEconomy] <;> grind
  · rintro ⟨y, ⟨hy0, hyc⟩, hle, i, hlt⟩
    have c0 := hyc 0
    have c1 := hyc 1
    have l0 := hle 0
    have l1 := hle 1
    have a := hy0 0 0
    have b := hy0 0 1
    have c := hy0 1 0
    have d := hy0 1 1
    simp [aggregate, finSum, exampleEconomy] at c0 c1 l0 l1
    rcases i with ⟨_ | _ | _, hi⟩ <;> simp [exampleEconomy] at hlt <;> grind

end EconLean.Equilibrium

end
