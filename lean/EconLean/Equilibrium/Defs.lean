module

public import EconLean.Equilibrium.FinSum

/-!
# Pure exchange economies: definitions

A finite pure exchange economy with `n` consumers and `m` goods over the rationals, as in
Mas-Colell, Whinston and Green, *Microeconomic Theory* (1995), chapters 15–16, and Debreu,
*Theory of Value* (1959). The consumption set of every consumer is the nonnegative orthant;
preferences are represented by utility functions `Bundle m → Rat`.

Defined here: bundles and their value at given prices, budget sets, demand (utility
maximisation on the budget set), aggregate and excess demand, feasible allocations with
free disposal (total consumption at most the total endowment, MWG Definition 16.B.1) and
without disposal (exact redistribution), Walrasian (competitive) equilibrium with free
disposal and nonnegative prices (MWG §16.B, §17.B; Arrow and Debreu, *Econometrica* 22,
1954), market-clearing equilibrium at prices of any sign, Pareto dominance and efficiency
(relative to either notion of feasibility), and local non-satiation (in the sup-norm: every
neighbourhood of a bundle contains a strictly preferred bundle of the consumption set).

The helper lemmas at the end (linearity of value, the continuity estimate for the value
of a bundle, and the consequence of local non-satiation that a bundle strictly inside the
budget can be improved upon within the budget) are the building blocks of Walras' law and
the first welfare theorem in `EconLean.Equilibrium.Theorems`.
-/

@[expose] public section

namespace EconLean.Equilibrium

open EconLean

/-- A commodity bundle: a quantity of each of the `m` goods. -/
abbrev Bundle (m : Nat) := Fin m → Rat

/-- The value `p · x = ∑ⱼ pⱼ xⱼ` of bundle `x` at prices `p`. -/
def value {m : Nat} (p x : Bundle m) : Rat := finSum m (fun j => p j * x j)

/-- A bundle lies in the consumption set: no good is consumed in negative quantity. -/
def Nonneg {m : Nat} (x : Bundle m) : Prop := ∀ j, 0 ≤ x j

/-- A pure exchange economy: each consumer `i` has an endowment and a utility function. -/
structure Economy (n m : Nat) where
  /-- the endowment of consumer `i` -/
  endow : Fin n → Bundle m
  /-- the utility function of consumer `i` -/
  utility : Fin n → Bundle m → Rat

/-- `x` is in the budget set of a consumer with endowment `w` at prices `p`:
a consumable bundle that costs no more than the endowment is worth. -/
def InBudget {m : Nat} (p w x : Bundle m) : Prop := Nonneg x ∧ value p x ≤ value p w

/-- `x` is a demanded bundle of consumer `i` at prices `p`: it is in the budget set and
maximises the consumer's utility on the budget set. -/
def IsDemand {n m : Nat} (E : Economy n m) (p : Bundle m) (i : Fin n) (x : Bundle m) : Prop :=
  InBudget p (E.endow i) x ∧ ∀ y, InBudget p (E.endow i) y → E.utility i y ≤ E.utility i x

/-- The aggregate bundle `∑ᵢ xᵢ` of an allocation. -/
def aggregate {n m : Nat} (x : Fin n → Bundle m) : Bundle m := fun j => finSum n (fun i => x i j)

/-- Aggregate excess demand `∑ᵢ xᵢ − ∑ᵢ ωᵢ` of the allocation `x`. -/
def excessDemand {n m : Nat} (E : Economy n m) (x : Fin n → Bundle m) : Bundle m :=
  fun j => aggregate x j - aggregate E.endow j

/-- A feasible allocation with free disposal (MWG, Definition 16.B.1): every consumer gets a
consumable bundle and total consumption of every good is at most its total endowment. -/
def Feasible {n m : Nat} (E : Economy n m) (x : Fin n → Bundle m) : Prop :=
  (∀ i, Nonneg (x i)) ∧ ∀ j, aggregate x j ≤ aggregate E.endow j

/-- A feasible allocation without disposal: consumable bundles that redistribute the
aggregate endowment exactly. -/
def FeasibleExact {n m : Nat} (E : Economy n m) (x : Fin n → Bundle m) : Prop :=
  (∀ i, Nonneg (x i)) ∧ ∀ j, aggregate x j = aggregate E.endow j

/-- A Walrasian (competitive) equilibrium with free disposal `(p, x)` (MWG §16.B and
§17.B; Arrow and Debreu 1954): prices are nonnegative, every consumer demands `xᵢ` at
prices `p`, and total consumption of every good is at most its total endowment. (Under
local non-satiation a good in excess supply is then free: `free_goods_rule`.) -/
def IsCompetitiveEquilibrium {n m : Nat} (E : Economy n m) (p : Bundle m)
    (x : Fin n → Bundle m) : Prop :=
  (∀ j, 0 ≤ p j) ∧ (∀ i, IsDemand E p i (x i)) ∧ ∀ j, aggregate x j ≤ aggregate E.endow j

/-- A market-clearing equilibrium at prices of any sign: every consumer demands `xᵢ` at
prices `p` and every market clears exactly (no disposal, no sign restriction on prices). -/
def IsMarketClearingEquilibrium {n m : Nat} (E : Economy n m) (p : Bundle m)
    (x : Fin n → Bundle m) : Prop :=
  (∀ i, IsDemand E p i (x i)) ∧ ∀ j, aggregate x j = aggregate E.endow j

/-- Allocation `y` Pareto dominates `x`: nobody is worse off and somebody is better off. -/
def ParetoDominates {n m : Nat} (E : Economy n m) (y x : Fin n → Bundle m) : Prop :=
  (∀ i, E.utility i (x i) ≤ E.utility i (y i)) ∧ ∃ i, E.utility i (x i) < E.utility i (y i)

/-- A Pareto efficient allocation (MWG, Definition 16.B.2): feasible with free disposal,
and no such feasible allocation Pareto dominates it. -/
def ParetoEfficient {n m : Nat} (E : Economy n m) (x : Fin n → Bundle m) : Prop :=
  Feasible E x ∧ ¬ ∃ y, Feasible E y ∧ ParetoDominates E y x

/-- Pareto efficiency without disposal: exactly feasible, and no exactly feasible allocation
Pareto dominates it. -/
def ParetoEfficientExact {n m : Nat} (E : Economy n m) (x : Fin n → Bundle m) : Prop :=
  FeasibleExact E x ∧ ¬ ∃ y, FeasibleExact E y ∧ ParetoDominates E y x

/-- Local non-satiation: for every consumable bundle `x` and every `ε > 0` there is a
consumable bundle within `ε` of `x` in every coordinate that is strictly preferred. -/
def LocallyNonsatiated {m : Nat} (u : Bundle m → Rat) : Prop :=
  ∀ x, Nonneg x → ∀ ε, 0 < ε →
    ∃ y, Nonneg y ∧ (∀ j, x j - ε < y j ∧ y j < x j + ε) ∧ u x < u y

/-- A two-consumer, two-good example: consumer `0` owns one unit of good `1`, consumer `1`
owns one unit of good `0`; utilities are linear, `u₀ x = 2 x₀ + x₁` and `u₁ x = x₀ + 2 x₁`,
so each consumer prefers the good owned by the other. -/
def exampleEconomy : Economy 2 2 where
  endow := fun i j => if i = j then 0 else 1
  utility := fun i x => if i = 0 then 2 * x 0 + x 1 else x 0 + 2 * x 1

/-- Absolute value of a rational number. -/
def qabs (a : Rat) : Rat := if 0 ≤ a then a else -a

/-! ## Helper lemmas -/

theorem qabs_nonneg (a : Rat) : 0 ≤ qabs a := by
  unfold qabs; split <;> grind

theorem value_sub {m : Nat} (p x y : Bundle m) :
    value p (fun j => x j - y j) = value p x - value p y := by
  unfold value
  rw [← finSum_sub]
  exact finSum_congr m _ _ (fun j => by grind)

/-- The value of the aggregate bundle is the sum of the values of the individual bundles. -/
theorem value_aggregate {n m : Nat} (p : Bundle m) (x : Fin n → Bundle m) :
    value p (aggregate x) = finSum n (fun i => value p (x i)) := by
  unfold value aggregate
  rw [finSum_comm n m (fun i j => p j * x i j)]
  exact finSum_congr m _ _ (fun j => (finSum_mul_left n (p j) (fun i => x i j)).symm)

theorem value_smul_prices {m : Nat} (c : Rat) (p x : Bundle m) :
    value (fun j => c * p j) x = c * value p x := by
  unfold value
  rw [← finSum_mul_left]
  exact finSum_congr m _ _ (fun j => by grind)

theorem value_congr {m : Nat} (p x y : Bundle m) (h : ∀ j, x j = y j) :
    value p x = value p y := by
  have : x = y := funext h
  rw [this]

/-- One term of the continuity estimate: `p (y - x) ≤ |p| ε` when `|y - x| < ε`. -/
theorem mul_sub_le_qabs_mul (p x y ε : Rat) (h1 : x - ε < y) (h2 : y < x + ε) :
    p * y - p * x ≤ qabs p * ε := by
  unfold qabs
  split
  · have := Rat.mul_le_mul_of_nonneg_left (a := y - x) (b := ε) (c := p) (by grind) (by grind)
    grind
  · have := Rat.mul_le_mul_of_nonneg_left (a := x - y) (b := ε) (c := -p) (by grind) (by grind)
    grind

/-- Continuity of the value of a bundle: moving every coordinate by less than `ε` changes
the value by at most `ε ∑ⱼ |pⱼ|`. -/
theorem value_le_of_near {m : Nat} (p x y : Bundle m) (ε : Rat)
    (h : ∀ j, x j - ε < y j ∧ y j < x j + ε) :
    value p y ≤ value p x + ε * finSum m (fun j => qabs (p j)) := by
  have hs := finSum_le m (fun j => p j * y j - p j * x j) (fun j => ε * qabs (p j))
    (fun j => by
      have := mul_sub_le_qabs_mul (p j) (x j) (y j) ε (h j).1 (h j).2
      grind)
  rw [finSum_sub, finSum_mul_left] at hs
  unfold value
  grind

/-- Under local non-satiation, a consumable bundle that costs strictly less than the income
`I` can be improved upon by a consumable bundle that still costs less than `I`. -/
theorem exists_better_affordable {m : Nat} (u : Bundle m → Rat) (hu : LocallyNonsatiated u)
    (p x : Bundle m) (I : Rat) (hx : Nonneg x) (hlt : value p x < I) :
    ∃ y, Nonneg y ∧ value p y < I ∧ u x < u y := by
  have hS := finSum_nonneg m (fun j => qabs (p j)) (fun j => qabs_nonneg _)
  let S := finSum m (fun j => qabs (p j))
  have hε : 0 < (I - value p x) / (S + 1) := by
    rw [Rat.lt_div_iff (by grind)]; grind
  obtain ⟨y, hy, hnear, hlt'⟩ := hu x hx _ hε
  refine ⟨y, hy, ?_, hlt'⟩
  have hv := value_le_of_near p x y _ hnear
  have hm := Rat.mul_lt_mul_of_pos_left (a := S) (b := S + 1) (by grind) hε
  have hd : (I - value p x) / (S + 1) * (S + 1) = I - value p x :=
    Rat.div_mul_cancel (by grind)
  grind

/-- Under local non-satiation, a bundle at least as good as a demanded bundle costs at least
as much as the endowment. -/
theorem value_ge_of_utility_ge {n m : Nat} (E : Economy n m) (p : Bundle m) (i : Fin n)
    (x y : Bundle m) (hu : LocallyNonsatiated (E.utility i)) (hx : IsDemand E p i x)
    (hy : Nonneg y) (hxy : E.utility i x ≤ E.utility i y) :
    value p (E.endow i) ≤ value p y := by
  refine Rat.not_lt.mp fun hlt => ?_
  obtain ⟨z, hz, hzv, hzu⟩ := exists_better_affordable _ hu p y _ hy hlt
  have := hx.2 z ⟨hz, Rat.le_of_lt hzv⟩
  grind

/-- A bundle strictly better than a demanded bundle costs strictly more than the endowment. -/
theorem value_gt_of_utility_gt {n m : Nat} (E : Economy n m) (p : Bundle m) (i : Fin n)
    (x y : Bundle m) (hx : IsDemand E p i x) (hy : Nonneg y)
    (hxy : E.utility i x < E.utility i y) :
    value p (E.endow i) < value p y := by
  refine Rat.not_le.mp fun hle => ?_
  have := hx.2 y ⟨hy, hle⟩
  grind

/-- At nonnegative prices, a componentwise smaller bundle costs no more. -/
theorem value_le_of_le {m : Nat} (p x y : Bundle m) (hp : ∀ j, 0 ≤ p j)
    (h : ∀ j, x j ≤ y j) : value p x ≤ value p y :=
  finSum_le m _ _ (fun j => Rat.mul_le_mul_of_nonneg_left (h j) (hp j))

/-- Every bundle costs nothing at zero prices. -/
theorem value_zero_prices {m : Nat} (x : Bundle m) : value (fun _ => 0) x = 0 :=
  finSum_eq_zero m _ (fun j => by grind)

/-- Under local non-satiation no bundle is demanded at zero prices: the whole consumption
set is affordable, and it has no best element. -/
theorem not_isDemand_zero_prices {n m : Nat} (E : Economy n m) (i : Fin n) (x : Bundle m)
    (hu : LocallyNonsatiated (E.utility i)) : ¬ IsDemand E (fun _ => 0) i x := by
  rintro ⟨⟨hx0, _⟩, hmax⟩
  obtain ⟨y, hy0, _, hlt⟩ := hu x hx0 1 (by grind)
  have := hmax y ⟨hy0, by rw [value_zero_prices, value_zero_prices]; exact Rat.le_refl⟩
  exact absurd this (Rat.not_le.mpr hlt)

/-- At a nonnegative price, a good in (weak) excess supply contributes a nonpositive amount
to the value of excess demand. -/
theorem mul_excessDemand_nonpos {n m : Nat} (E : Economy n m) (p : Bundle m)
    (x : Fin n → Bundle m) (j : Fin m) (hp : 0 ≤ p j)
    (h : aggregate x j ≤ aggregate E.endow j) : p j * excessDemand E x j ≤ 0 := by
  have := Rat.mul_nonneg (a := p j) (b := aggregate E.endow j - aggregate x j) hp (by grind)
  simp only [excessDemand]
  grind

/-- If a sum of nonpositive terms vanishes, every term vanishes. -/
theorem eq_zero_of_finSum_eq_zero_of_nonpos (n : Nat) (f : Fin n → Rat) (h : ∀ i, f i ≤ 0)
    (hs : finSum n f = 0) (k : Fin n) : f k = 0 := by
  refine Rat.le_antisymm (h k) (Rat.not_lt.mp fun hk => ?_)
  have := finSum_lt n f (fun _ => 0) h k hk
  rw [finSum_eq_zero n (fun _ => 0) (fun _ => rfl)] at this
  grind

end EconLean.Equilibrium

end
