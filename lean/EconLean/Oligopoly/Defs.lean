module

public import Init

/-!
# Duopoly: Cournot and Bertrand competition — definitions

* Cournot (*Recherches sur les principes mathématiques de la théorie des richesses*, 1838):
  two firms choose quantities; linear inverse demand `P(Q) = a − b Q` and a common constant
  marginal cost `c`, so firm `i`'s profit is `(a − b (qᵢ + qⱼ)) qᵢ − c qᵢ`. Quantities are
  nonnegative; a Cournot–Nash equilibrium is a pair of mutual best responses.
  The benchmark monopoly has profit `(a − b Q) Q − c Q`.
* Bertrand (1883): two firms with the same constant marginal cost `c` choose prices; the
  firm with the lower price serves the whole market demand `D(p)`, and at equal prices the
  firms split demand equally.

Sources: Tirole, *The Theory of Industrial Organization* (1988), §5.1 and §5.4;
Mas-Colell, Whinston and Green, *Microeconomic Theory* (1995), §12.C.

Helper lemmas (the profit-gap identity `π(r) − π(q) = b (q − r)²` around the best response
`r`, and its consequences for optimal quantities; the profitability of undercutting in
Bertrand competition, and the steps of the proof that the Bertrand equilibrium is unique:
no firm prices below cost, no firm is strictly cheaper than the other, and a common price
equals cost) are at the end.
-/

@[expose] public section

namespace EconLean.Oligopoly

/-! ## Cournot duopoly with linear demand -/

/-- Profit of a Cournot firm producing `qi` when its rival produces `qj`, with inverse demand
`a − b (qi + qj)` and constant marginal cost `c`. -/
def cournotProfit (a b c qi qj : Rat) : Rat := (a - b * (qi + qj)) * qi - c * qi

/-- The (unconstrained) best response `(a − c − b qj) / (2 b)` to the rival's quantity `qj`,
where the first-order condition `a − c − 2 b qi − b qj = 0` holds. -/
def bestResponse (a b c qj : Rat) : Rat := (a - c - b * qj) / (2 * b)

/-- The Cournot equilibrium quantity of each firm, `(a − c) / (3 b)`. -/
def cournotQuantity (a b c : Rat) : Rat := (a - c) / (3 * b)

/-- A Cournot–Nash equilibrium: nonnegative quantities, each a best response to the other
among all nonnegative quantities. -/
def IsCournotNash (a b c q1 q2 : Rat) : Prop :=
  0 ≤ q1 ∧ 0 ≤ q2 ∧
    (∀ q, 0 ≤ q → cournotProfit a b c q q2 ≤ cournotProfit a b c q1 q2) ∧
    (∀ q, 0 ≤ q → cournotProfit a b c q q1 ≤ cournotProfit a b c q2 q1)

/-- Profit of a monopolist producing `Q` facing inverse demand `a − b Q` at marginal cost `c`. -/
def monopolyProfit (a b c Q : Rat) : Rat := (a - b * Q) * Q - c * Q

/-- The monopoly quantity `(a − c) / (2 b)`. -/
def monopolyQuantity (a b c : Rat) : Rat := (a - c) / (2 * b)

/-! ## Bertrand duopoly -/

/-- Demand served by a firm charging `pi` when its rival charges `pj`: all of the market
demand `D pi` if it is cheaper, half of it at equal prices, nothing if it is dearer. -/
def bertrandSales (D : Rat → Rat) (pi pj : Rat) : Rat :=
  if pi < pj then D pi else if pi = pj then D pi / 2 else 0

/-- Profit of a Bertrand firm with marginal cost `c` charging `pi` against a rival's `pj`. -/
def bertrandProfit (D : Rat → Rat) (c pi pj : Rat) : Rat := (pi - c) * bertrandSales D pi pj

/-- A Bertrand–Nash equilibrium in prices: each price is a best response to the other. -/
def IsBertrandNash (D : Rat → Rat) (c p1 p2 : Rat) : Prop :=
  (∀ p, bertrandProfit D c p p2 ≤ bertrandProfit D c p1 p2) ∧
    (∀ p, bertrandProfit D c p p1 ≤ bertrandProfit D c p2 p1)

/-! ## Helper lemmas -/

theorem mul_self_nonneg (x : Rat) : 0 ≤ x * x := by
  rcases Rat.le_total (a := 0) (b := x) with h | h
  · exact Rat.mul_nonneg h h
  · have := Rat.mul_nonneg (a := -x) (b := -x) (by grind) (by grind)
    grind

/-- The profit-gap identity: the best response beats `q` by `b (q − r)²`. -/
theorem cournotProfit_gap (a b c qj q : Rat) (hb : 0 < b) :
    cournotProfit a b c (bestResponse a b c qj) qj - cournotProfit a b c q qj =
      b * ((q - bestResponse a b c qj) * (q - bestResponse a b c qj)) := by
  unfold cournotProfit bestResponse
  grind

/-- The best response maximises profit against `qj` over all quantities. -/
theorem cournotProfit_le_bestResponse (a b c qj q : Rat) (hb : 0 < b) :
    cournotProfit a b c q qj ≤ cournotProfit a b c (bestResponse a b c qj) qj := by
  have h := cournotProfit_gap a b c qj q hb
  have := Rat.mul_nonneg (Rat.le_of_lt hb) (mul_self_nonneg (q - bestResponse a b c qj))
  grind

/-- If the best response is nonnegative, it is the only optimal nonnegative quantity. -/
theorem eq_bestResponse_of_optimal (a b c qi qj : Rat) (hb : 0 < b)
    (hr : 0 ≤ bestResponse a b c qj)
    (hopt : ∀ q, 0 ≤ q → cournotProfit a b c q qj ≤ cournotProfit a b c qi qj) :
    qi = bestResponse a b c qj := by
  have h1 := cournotProfit_gap a b c qj qi hb
  have h2 := hopt _ hr
  have h3 := Rat.mul_nonneg (Rat.le_of_lt hb) (mul_self_nonneg (qi - bestResponse a b c qj))
  have h4 : b * ((qi - bestResponse a b c qj) * (qi - bestResponse a b c qj)) = 0 := by grind
  rcases Rat.mul_eq_zero.mp h4 with h | h
  · grind
  · rcases Rat.mul_eq_zero.mp h with h | h <;> grind

/-- If the best response is negative, the only optimal nonnegative quantity is `0`. -/
theorem eq_zero_of_optimal_of_bestResponse_neg (a b c qi qj : Rat) (hb : 0 < b)
    (hr : bestResponse a b c qj < 0) (hqi : 0 ≤ qi)
    (hopt : ∀ q, 0 ≤ q → cournotProfit a b c q qj ≤ cournotProfit a b c qi qj) :
    qi = 0 := by
  have hA : a - c - b * qj < 0 := by
    unfold bestResponse at hr
    have := (Rat.div_lt_iff (a := a - c - b * qj) (b := 2 * b) (c := 0) (by grind)).mp hr
    grind
  have h0 := hopt 0 Rat.le_refl
  refine Rat.le_antisymm (Rat.not_lt.mp fun hpos => ?_) hqi
  have := Rat.mul_pos (a := b * qi - (a - c - b * qj)) (b := qi)
    (by have := Rat.mul_nonneg (Rat.le_of_lt hb) hqi; grind) hpos
  unfold cournotProfit at h0
  grind

/-- Undercutting a common price `p > c` slightly (to `(3p + c)/4`) is strictly profitable
when demand is positive at `p` and nonincreasing. -/
theorem bertrand_undercut_profitable (D : Rat → Rat) (c p : Rat) (hpc : c < p)
    (hD : ∀ x y, x ≤ y → D y ≤ D x) (hpos : 0 < D p) :
    bertrandProfit D c p p < bertrandProfit D c ((3 * p + c) / 4) p := by
  unfold bertrandProfit bertrandSales
  rw [if_neg (Rat.lt_irrefl), if_pos rfl, if_pos (by grind)]
  have h1 := Rat.mul_le_mul_of_nonneg_left (hD ((3 * p + c) / 4) p (by grind))
    (c := (3 * p + c) / 4 - c) (by grind)
  have h2 := Rat.mul_lt_mul_of_pos_right (a := (p - c) / 2) (b := (3 * p + c) / 4 - c)
    (by grind) hpos
  grind

/-- A firm pricing strictly above its rival sells nothing and earns zero. -/
theorem bertrandProfit_of_gt (D : Rat → Rat) (c p q : Rat) (h : q < p) :
    bertrandProfit D c p q = 0 := by
  unfold bertrandProfit bertrandSales
  rw [if_neg (by grind), if_neg (by grind)]
  grind

/-- Pricing below cost without being undercut makes a loss when demand is positive. -/
theorem bertrandProfit_neg_of_lt_cost (D : Rat → Rat) (c pi pj : Rat) (hpos : 0 < D pi)
    (hc : pi < c) (hle : pi ≤ pj) : bertrandProfit D c pi pj < 0 := by
  unfold bertrandProfit bertrandSales
  by_cases hlt : pi < pj
  · rw [if_pos hlt]
    have := Rat.mul_pos (a := c - pi) (b := D pi) (by grind) hpos
    grind
  · rw [if_neg hlt, if_pos (by grind)]
    have := Rat.mul_pos (a := c - pi) (b := D pi / 2) (by grind) (by grind)
    grind

/-- If demand is positive below the choke price `pbar > c`, then against any rival price
above cost some price earns a strictly positive profit (undercut the rival, staying below
`pbar`). -/
theorem exists_bertrandProfit_pos (D : Rat → Rat) (c pbar p : Rat)
    (hpos : ∀ x, x < pbar → 0 < D x) (hc : c < pbar) (hp : c < p) :
    ∃ q, 0 < bertrandProfit D c q p := by
  by_cases hle : p ≤ pbar
  · refine ⟨(c + p) / 2, ?_⟩
    unfold bertrandProfit bertrandSales
    rw [if_pos (by grind)]
    exact Rat.mul_pos (by grind) (hpos _ (by grind))
  · refine ⟨(c + pbar) / 2, ?_⟩
    unfold bertrandProfit bertrandSales
    rw [if_pos (by grind)]
    exact Rat.mul_pos (by grind) (hpos _ (by grind))

/-- Against a rival pricing at cost, no price earns a positive profit (when demand is
nonnegative below cost). -/
theorem bertrandProfit_against_cost_nonpos (D : Rat → Rat) (c p : Rat)
    (hD0 : p < c → 0 ≤ D p) : bertrandProfit D c p c ≤ 0 := by
  unfold bertrandProfit bertrandSales
  by_cases hp : p < c
  · rw [if_pos hp]
    have := Rat.mul_nonneg (a := c - p) (b := D p) (by grind) (hD0 hp)
    grind
  · rw [if_neg hp]
    by_cases he : p = c
    · rw [if_pos he]; subst he; grind
    · rw [if_neg he]; grind

/-- In a Bertrand–Nash equilibrium no firm prices below cost. -/
theorem bertrand_nash_cost_le (D : Rat → Rat) (c pbar p1 p2 : Rat)
    (hpos : ∀ x, x < pbar → 0 < D x) (hc : c < pbar) (h : IsBertrandNash D c p1 p2) :
    c ≤ p1 := by
  refine Rat.not_lt.mp fun hlt => ?_
  by_cases hle : p1 ≤ p2
  · have h1 := h.1 (p2 + 1)
    rw [bertrandProfit_of_gt D c (p2 + 1) p2 (by grind)] at h1
    have := bertrandProfit_neg_of_lt_cost D c p1 p2 (hpos p1 (by grind)) hlt hle
    grind
  · have h2 := h.2 (p1 + 1)
    rw [bertrandProfit_of_gt D c (p1 + 1) p1 (by grind)] at h2
    have := bertrandProfit_neg_of_lt_cost D c p2 p1 (hpos p2 (by grind)) (by grind) (by grind)
    grind

/-- In a Bertrand–Nash equilibrium firm 1 does not charge strictly less than firm 2:
either firm 2 could undercut profitably, or firm 1 (at cost) could raise its price. -/
theorem bertrand_nash_not_lt (D : Rat → Rat) (c pbar p1 p2 : Rat)
    (hpos : ∀ x, x < pbar → 0 < D x) (hc : c < pbar) (h : IsBertrandNash D c p1 p2) :
    ¬ p1 < p2 := by
  intro hlt
  have hc1 := bertrand_nash_cost_le D c pbar p1 p2 hpos hc h
  have h2zero := bertrandProfit_of_gt D c p2 p1 hlt
  by_cases hgt : c < p1
  · obtain ⟨q, hq⟩ := exists_bertrandProfit_pos D c pbar p1 hpos hc hgt
    have := h.2 q
    grind
  · obtain ⟨q, hq⟩ := exists_bertrandProfit_pos D c pbar p2 hpos hc (by grind)
    have := h.1 q
    have e : bertrandProfit D c p1 p2 = 0 := by
      unfold bertrandProfit
      rw [show p1 - c = 0 by grind]
      grind
    grind

/-- A Bertrand–Nash equilibrium with a common price has that price equal to cost. -/
theorem bertrand_nash_common_price_eq_cost (D : Rat → Rat) (c pbar p : Rat)
    (hD : ∀ x y, x ≤ y → D y ≤ D x) (hpos : ∀ x, x < pbar → 0 < D x) (hc : c < pbar)
    (h : IsBertrandNash D c p p) : p = c := by
  have hcp := bertrand_nash_cost_le D c pbar p p hpos hc h
  refine Rat.le_antisymm (Rat.not_lt.mp fun hlt => ?_) hcp
  by_cases hD0 : 0 < D p
  · have := h.1 ((3 * p + c) / 4)
    have := bertrand_undercut_profitable D c p hlt hD hD0
    grind
  · obtain ⟨q, hq⟩ := exists_bertrandProfit_pos D c pbar p hpos hc hlt
    have := h.1 q
    have : bertrandProfit D c p p ≤ 0 := by
      unfold bertrandProfit bertrandSales
      rw [if_neg (Rat.lt_irrefl), if_pos rfl]
      have := Rat.mul_nonneg (a := p - c) (b := -(D p / 2)) (by grind) (by grind)
      grind
    grind

end EconLean.Oligopoly

end
