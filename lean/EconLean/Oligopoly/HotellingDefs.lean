module

public import EconLean.Oligopoly.Defs

/-!
# Hotelling's linear city: definitions

Hotelling, "Stability in competition", *Economic Journal* 39 (1929); d'Aspremont, Gabszewicz
and Thisse, "On Hotelling's 'Stability in competition'", *Econometrica* 47 (1979); Tirole,
*The Theory of Industrial Organization* (1988), §7.1. Consumers are uniformly distributed
on `[0, 1]`.

* Location game: at fixed equal prices each consumer buys from the nearer firm; a firm's
  payoff is its market share.
* Price game: the firms sit at the two ends of the line, a consumer at `y` pays the price
  plus `t` times the distance travelled, and buys one unit from the cheaper firm so
  reckoned (the market is covered).

Helper lemmas: the market-share facts behind the median-location result, and the bound
`t / 2` on a firm's profit against a rival charging `c + t`.
-/

@[expose] public section

namespace EconLean.Oligopoly

/-- A location in the unit interval `[0, 1]`. -/
def InUnit (x : Rat) : Prop := 0 ≤ x ∧ x ≤ 1

/-- Market share of a firm located at `x` when its rival is at `y`: consumers are uniform on
`[0, 1]` and buy from the nearer firm (ties split), so the firm on the left gets everything
up to the midpoint `(x + y) / 2`. Meant for locations in `[0, 1]`. -/
def hotellingShare (x y : Rat) : Rat :=
  if x < y then (x + y) / 2 else if x = y then 1 / 2 else 1 - (x + y) / 2

/-- A Nash equilibrium of the location game: both locations in `[0, 1]`, each maximising the
firm's market share over `[0, 1]` given the other's location. -/
def IsHotellingNash (x1 x2 : Rat) : Prop :=
  InUnit x1 ∧ InUnit x2 ∧ (∀ x, InUnit x → hotellingShare x x2 ≤ hotellingShare x1 x2) ∧
    (∀ x, InUnit x → hotellingShare x x1 ≤ hotellingShare x2 x1)

/-- `z` clamped to `[0, 1]`. -/
def clampUnit (z : Rat) : Rat := if z ≤ 0 then 0 else if 1 ≤ z then 1 else z

/-- Demand of a firm charging `pi` against a rival charging `pj`, the two firms at the ends of
`[0, 1]` with linear transport cost `t` per unit of distance: the consumers up to the
indifferent one at `(pj − pi + t) / (2 t)` (clamped to `[0, 1]`); the market is covered. -/
def hotellingDemand (t pi pj : Rat) : Rat := clampUnit ((pj - pi + t) / (2 * t))

/-- Profit of a firm with marginal cost `c` charging `pi` against `pj`. -/
def hotellingProfit (c t pi pj : Rat) : Rat := (pi - c) * hotellingDemand t pi pj

/-- A Nash equilibrium of the price game between the two firms at the ends of the line. -/
def IsHotellingPriceNash (c t p1 p2 : Rat) : Prop :=
  (∀ p, hotellingProfit c t p p2 ≤ hotellingProfit c t p1 p2) ∧
    (∀ p, hotellingProfit c t p p1 ≤ hotellingProfit c t p2 p1)

/-- The centre lies in `[0, 1]`. -/
theorem inUnit_half : InUnit (1 / 2) := ⟨by grind, by grind⟩

/-- Midpoints of points of `[0, 1]` lie in `[0, 1]`. -/
theorem inUnit_midpoint (x y : Rat) (hx : InUnit x) (hy : InUnit y) : InUnit ((x + y) / 2) := by
  obtain ⟨h1, h2⟩ := hx
  obtain ⟨h3, h4⟩ := hy
  exact ⟨by grind, by grind⟩

/-- Two firms at the same place split the market. -/
theorem hotellingShare_self (x : Rat) : hotellingShare x x = 1 / 2 := by
  unfold hotellingShare
  rw [if_neg (Rat.lt_irrefl), if_pos rfl]

/-- Against a rival at the centre, no location gets more than half the market. -/
theorem hotellingShare_le_half (x : Rat) : hotellingShare x (1 / 2) ≤ 1 / 2 := by
  unfold hotellingShare
  split
  · grind
  · split <;> grind

/-- A firm to the left of its rival gains by moving halfway towards it. -/
theorem hotellingShare_lt_midpoint (x y : Rat) (h : x < y) :
    hotellingShare x y < hotellingShare ((x + y) / 2) y := by
  unfold hotellingShare
  rw [if_pos h, if_pos (by grind)]
  grind

/-- A firm sharing an off-centre location with its rival gains by moving to the centre. -/
theorem hotellingShare_lt_centre (x : Rat) (h : x ≠ 1 / 2) :
    hotellingShare x x < hotellingShare (1 / 2) x := by
  rw [hotellingShare_self]
  unfold hotellingShare
  by_cases hl : 1 / 2 < x
  · rw [if_pos hl]; grind
  · rw [if_neg hl, if_neg (fun e => h e.symm)]; grind

/-- Against a rival charging `c + t`, no price earns more than `t / 2`: on the interior
branch the gap is `(p − c − t)² / (2 t)`. -/
theorem hotellingProfit_le_half_t (c t p : Rat) (ht : 0 < t) :
    hotellingProfit c t p (c + t) ≤ t / 2 := by
  unfold hotellingProfit hotellingDemand clampUnit
  split
  · grind
  · rename_i h1
    split
    · rename_i h2
      have : ¬ c < p := fun hcp =>
        absurd h2 (Rat.not_le.mpr ((Rat.div_lt_iff (by grind)).mpr (by grind)))
      grind
    · have e : t / 2 - (p - c) * ((c + t - p + t) / (2 * t)) =
          (p - c - t) * (p - c - t) / (2 * t) := by grind
      have : 0 ≤ (p - c - t) * (p - c - t) / (2 * t) := Rat.not_lt.mp fun hlt => by
        have := (Rat.div_lt_iff (by grind)).mp hlt
        have := mul_self_nonneg (p - c - t)
        grind
      grind

/-- At prices `c + t` each firm serves half the market and earns `t / 2`. -/
theorem hotellingProfit_symmetric (c t : Rat) (ht : 0 < t) :
    hotellingProfit c t (c + t) (c + t) = t / 2 := by
  unfold hotellingProfit hotellingDemand clampUnit
  have e : (c + t - (c + t) + t) / (2 * t) = 1 / 2 := by grind
  rw [e, if_neg (by grind), if_neg (by grind)]
  grind

end EconLean.Oligopoly

end
