module

public import EconLean.Oligopoly.Defs

/-!
# Duopoly: Cournot and Bertrand equilibria — main theorems

* Cournot duopoly with inverse demand `a − b Q` (`b > 0`) and marginal cost `c < a`:
  `q₁ = q₂ = (a − c) / (3 b)` are mutual best responses, they solve the first-order
  conditions, the first-order conditions have no other solution, and the Cournot–Nash
  equilibrium is unique; the equilibrium price is `(a + 2c) / 3` and each firm earns
  `(a − c)² / (9 b)`. Compared with monopoly, industry output is larger and industry profit
  smaller (Tirole 1988, §5.4; MWG §12.C).
* Bertrand duopoly with equal marginal costs `c`: pricing at cost is a Nash equilibrium with
  zero profits; with positive nonincreasing demand no common price above cost is an
  equilibrium, and every symmetric equilibrium price equals cost; the Bertrand paradox
  proper: with nonincreasing demand positive below a choke price above `c`, the unique
  Nash equilibrium over all price profiles is `p₁ = p₂ = c` (Bertrand, *Journal des
  Savants*, 1883; Tirole 1988, §5.1; MWG Proposition 12.C.1).
-/

@[expose] public section

namespace EconLean.Oligopoly

/-- **Cournot equilibrium.** With `b > 0` and `a > c`, the quantities
`q₁ = q₂ = (a − c) / (3 b)` are nonnegative mutual best responses: no firm can raise its
profit by deviating to any other nonnegative quantity. -/
theorem cournot_equilibrium (a b c : Rat) (hb : 0 < b) (hac : c < a) :
    IsCournotNash a b c (cournotQuantity a b c) (cournotQuantity a b c) := by
  have hbr : bestResponse a b c (cournotQuantity a b c) = cournotQuantity a b c := by
    unfold bestResponse cournotQuantity; grind
  have hq : 0 ≤ cournotQuantity a b c := by
    unfold cournotQuantity
    exact Rat.le_of_lt ((Rat.lt_div_iff (by grind)).mpr (by grind))
  have hopt : ∀ q, 0 ≤ q → cournotProfit a b c q (cournotQuantity a b c) ≤
      cournotProfit a b c (cournotQuantity a b c) (cournotQuantity a b c) := by
    intro q _
    have := cournotProfit_le_bestResponse a b c (cournotQuantity a b c) q hb
    rwa [hbr] at this
  exact ⟨hq, hq, hopt, hopt⟩

/-- **First-order conditions.** The Cournot quantity satisfies each firm's first-order
condition `a − c − 2 b qᵢ − b qⱼ = 0` at `q₁ = q₂ = (a − c) / (3 b)`. -/
theorem cournot_quantity_first_order_condition (a b c : Rat) (hb : 0 < b) :
    a - c - 2 * b * cournotQuantity a b c - b * cournotQuantity a b c = 0 := by
  unfold cournotQuantity
  grind

/-- **Uniqueness of the solution of the first-order conditions.** If both firms' first-order
conditions hold, both quantities equal `(a − c) / (3 b)`; in particular the symmetric
interior solution is unique. -/
theorem cournot_foc_unique (a b c q1 q2 : Rat) (hb : 0 < b)
    (h1 : a - c - 2 * b * q1 - b * q2 = 0) (h2 : a - c - 2 * b * q2 - b * q1 = 0) :
    q1 = cournotQuantity a b c ∧ q2 = cournotQuantity a b c := by
  unfold cournotQuantity
  constructor <;> grind

/-- **Uniqueness of the Cournot–Nash equilibrium.** With `b > 0` and `a > c`, every
Cournot–Nash equilibrium (over nonnegative quantities) is `q₁ = q₂ = (a − c) / (3 b)`. -/
theorem cournot_nash_unique (a b c q1 q2 : Rat) (hb : 0 < b) (hac : c < a)
    (h : IsCournotNash a b c q1 q2) :
    q1 = cournotQuantity a b c ∧ q2 = cournotQuantity a b c := by
  obtain ⟨hq1, hq2, hopt1, hopt2⟩ := h
  by_cases hr1 : 0 ≤ bestResponse a b c q2
  · by_cases hr2 : 0 ≤ bestResponse a b c q1
    · have e1 := eq_bestResponse_of_optimal a b c q1 q2 hb hr1 hopt1
      have e2 := eq_bestResponse_of_optimal a b c q2 q1 hb hr2 hopt2
      unfold bestResponse at e1 e2
      unfold cournotQuantity
      constructor <;> grind
    · have z2 := eq_zero_of_optimal_of_bestResponse_neg a b c q2 q1 hb
        (Rat.not_le.mp hr2) hq2 hopt2
      subst z2
      have hr : 0 ≤ bestResponse a b c 0 := by
        unfold bestResponse
        exact Rat.le_of_lt ((Rat.lt_div_iff (by grind)).mpr (by grind))
      have e1 := eq_bestResponse_of_optimal a b c q1 0 hb hr hopt1
      unfold bestResponse at e1 hr2
      have := (Rat.div_lt_iff (a := a - c - b * q1) (b := 2 * b) (c := 0) (by grind)).mp
        (Rat.not_le.mp hr2)
      grind
  · have z1 := eq_zero_of_optimal_of_bestResponse_neg a b c q1 q2 hb
      (Rat.not_le.mp hr1) hq1 hopt1
    subst z1
    have hr : 0 ≤ bestResponse a b c 0 := by
      unfold bestResponse
      exact Rat.le_of_lt ((Rat.lt_div_iff (by grind)).mpr (by grind))
    have e2 := eq_bestResponse_of_optimal a b c q2 0 hb hr hopt2
    unfold bestResponse at e2 hr1
    have := (Rat.div_lt_iff (a := a - c - b * q2) (b := 2 * b) (c := 0) (by grind)).mp
      (Rat.not_le.mp hr1)
    grind

/-- **Cournot equilibrium price.** At the Cournot equilibrium the market price
`a − b (q₁ + q₂)` equals `(a + 2 c) / 3`. -/
theorem cournot_equilibrium_price (a b c : Rat) (hb : 0 < b) :
    a - b * (cournotQuantity a b c + cournotQuantity a b c) = (a + 2 * c) / 3 := by
  unfold cournotQuantity
  grind

/-- **Cournot equilibrium profit.** Each firm earns `(a − c)² / (9 b)` at the Cournot
equilibrium. -/
theorem cournot_equilibrium_profit (a b c : Rat) (hb : 0 < b) :
    cournotProfit a b c (cournotQuantity a b c) (cournotQuantity a b c) =
      (a - c) * (a - c) / (9 * b) := by
  unfold cournotProfit cournotQuantity
  grind

/-- **Monopoly optimum.** With `b > 0`, the monopoly quantity `(a − c) / (2 b)` maximises the
monopolist's profit over all quantities. -/
theorem monopoly_quantity_optimal (a b c Q : Rat) (hb : 0 < b) :
    monopolyProfit a b c Q ≤ monopolyProfit a b c (monopolyQuantity a b c) := by
  have hgap : monopolyProfit a b c (monopolyQuantity a b c) - monopolyProfit a b c Q =
      b * ((Q - monopolyQuantity a b c) * (Q - monopolyQuantity a b c)) := by
    unfold monopolyProfit monopolyQuantity; grind
  have := Rat.mul_nonneg (Rat.le_of_lt hb) (mul_self_nonneg (Q - monopolyQuantity a b c))
  grind

/-- **Cournot output exceeds monopoly output.** With `b > 0` and `a > c`, total Cournot output
`2 (a − c) / (3 b)` is strictly larger than the monopoly output `(a − c) / (2 b)`. -/
theorem cournot_output_gt_monopoly (a b c : Rat) (hb : 0 < b) (hac : c < a) :
    monopolyQuantity a b c < cournotQuantity a b c + cournotQuantity a b c := by
  have hpos : 0 < (a - c) / (6 * b) := (Rat.lt_div_iff (by grind)).mpr (by grind)
  have e : cournotQuantity a b c + cournotQuantity a b c - monopolyQuantity a b c =
      (a - c) / (6 * b) := by
    unfold monopolyQuantity cournotQuantity; grind
  grind

/-- **Cournot industry profit is below monopoly profit.** With `b > 0` and `a > c`, the two
Cournot firms together earn strictly less than a monopolist. -/
theorem cournot_industry_profit_lt_monopoly (a b c : Rat) (hb : 0 < b) (hac : c < a) :
    cournotProfit a b c (cournotQuantity a b c) (cournotQuantity a b c) +
        cournotProfit a b c (cournotQuantity a b c) (cournotQuantity a b c) <
      monopolyProfit a b c (monopolyQuantity a b c) := by
  have hsq := Rat.mul_pos (a := a - c) (b := a - c) (by grind) (by grind)
  have hpos : 0 < (a - c) * (a - c) / (36 * b) := (Rat.lt_div_iff (by grind)).mpr (by grind)
  have e : monopolyProfit a b c (monopolyQuantity a b c) -
      (cournotProfit a b c (cournotQuantity a b c) (cournotQuantity a b c) +
        cournotProfit a b c (cournotQuantity a b c) (cournotQuantity a b c)) =
      (a - c) * (a - c) / (36 * b) := by
    unfold cournotProfit monopolyProfit cournotQuantity monopolyQuantity; grind
  grind

/-- **Bertrand: pricing at marginal cost is an equilibrium.** With equal marginal costs `c`
and nonnegative demand, both firms charging `c` is a Bertrand–Nash equilibrium. -/
theorem bertrand_marginal_cost_equilibrium (D : Rat → Rat) (c : Rat)
    (hD : ∀ p, 0 ≤ D p) : IsBertrandNash D c c c := by
  have h : ∀ p, bertrandProfit D c p c ≤ bertrandProfit D c c c := by
    intro p
    unfold bertrandProfit bertrandSales
    rw [if_neg (Rat.lt_irrefl), if_pos rfl]
    by_cases hp : p < c
    · rw [if_pos hp]
      have := Rat.mul_nonneg (a := c - p) (b := D p) (by grind) (hD p)
      grind
    · rw [if_neg hp]
      by_cases he : p = c
      · rw [if_pos he]; subst he; grind
      · rw [if_neg he]; grind
  exact ⟨h, h⟩

/-- **Bertrand: zero profit at marginal cost pricing.** When both firms charge their common
marginal cost, each earns zero profit. -/
theorem bertrand_marginal_cost_zero_profit (D : Rat → Rat) (c : Rat) :
    bertrandProfit D c c c = 0 := by
  unfold bertrandProfit
  grind

/-- **Bertrand: no common price above cost is an equilibrium.** If demand is nonincreasing and
positive at a common price `p > c`, either firm gains by slightly undercutting. -/
theorem bertrand_no_equilibrium_above_cost (D : Rat → Rat) (c p : Rat) (hpc : c < p)
    (hD : ∀ x y, x ≤ y → D y ≤ D x) (hpos : 0 < D p) : ¬ IsBertrandNash D c p p := by
  intro h
  have := h.1 ((3 * p + c) / 4)
  have := bertrand_undercut_profitable D c p hpc hD hpos
  grind

/-- **Symmetric Bertrand equilibria price at cost.** In any symmetric Bertrand–Nash
equilibrium `(p, p)` with nonincreasing demand that is positive at `p`, the common price
equals marginal cost. (Only symmetric profiles; `bertrand_nash_iff_marginal_cost` covers all
price profiles.) -/
theorem bertrand_symmetric_equilibrium_price_eq_cost (D : Rat → Rat) (c p : Rat)
    (hD : ∀ x y, x ≤ y → D y ≤ D x) (hpos : 0 < D p) (h : IsBertrandNash D c p p) :
    p = c := by
  rcases Rat.le_total (a := p) (b := c) with hle | hge
  · refine Rat.le_antisymm hle (Rat.not_lt.mp fun hlt => ?_)
    -- below cost: raising the price above the rival's gives zero instead of a loss
    have h1 := h.1 (p + 1)
    unfold bertrandProfit bertrandSales at h1
    rw [if_neg (by grind), if_neg (by grind), if_neg (Rat.lt_irrefl), if_pos rfl] at h1
    have := Rat.mul_pos (a := c - p) (b := D p / 2) (by grind) (by grind)
    grind
  · refine Rat.le_antisymm (Rat.not_lt.mp fun hlt => ?_) hge
    have := h.1 ((3 * p + c) / 4)
    have := bertrand_undercut_profitable D c p hlt hD hpos
    grind

/-- **The Bertrand paradox (uniqueness over all price profiles).** In the Bertrand duopoly
with a homogeneous good, identical constant marginal cost `c`, the cheaper firm serving the
whole market demand `D` and ties splitting it, suppose demand is nonincreasing and positive
at every price below a choke price `pbar > c`. Then `(p₁, p₂)` is a pure-strategy Nash
equilibrium if and only if `p₁ = p₂ = c` (Bertrand 1883; Tirole 1988, §5.1; MWG
Proposition 12.C.1). Prices are arbitrary rationals. -/
theorem bertrand_nash_iff_marginal_cost (D : Rat → Rat) (c pbar p1 p2 : Rat)
    (hD : ∀ x y, x ≤ y → D y ≤ D x) (hpos : ∀ x, x < pbar → 0 < D x) (hc : c < pbar) :
    IsBertrandNash D c p1 p2 ↔ p1 = c ∧ p2 = c := by
  constructor
  · intro h
    have h12 := bertrand_nash_not_lt D c pbar p1 p2 hpos hc h
    have h21 := bertrand_nash_not_lt D c pbar p2 p1 hpos hc ⟨h.2, h.1⟩
    have e : p2 = p1 := by grind
    rw [e] at h ⊢
    have := bertrand_nash_common_price_eq_cost D c pbar p1 hD hpos hc h
    exact ⟨this, this⟩
  · rintro ⟨h1, h2⟩
    rw [h1, h2]
    have hz : bertrandProfit D c c c = 0 := by unfold bertrandProfit; grind
    have hb : ∀ p, bertrandProfit D c p c ≤ bertrandProfit D c c c := fun p => by
      rw [hz]
      exact bertrandProfit_against_cost_nonpos D c p (fun hp => Rat.le_of_lt (hpos p (by grind)))
    exact ⟨hb, hb⟩

end EconLean.Oligopoly

end
