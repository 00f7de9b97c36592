module

public import EconLean.Oligopoly.HotellingDefs

/-!
# Hotelling's linear city: main theorems

* Location game (Hotelling 1929): two firms on `[0, 1]`, uniform consumers buying from the
  nearer firm; the unique Nash equilibrium puts both firms at the median `1 / 2`.
* Price game with firms at the two ends and linear transport cost `t` (d'Aspremont,
  Gabszewicz and Thisse 1979; Tirole 1988, §7.1): both firms charging `c + t` is a Nash
  equilibrium, and each earns `t / 2`.
-/

@[expose] public section

namespace EconLean.Oligopoly

/-- **Hotelling's principle of minimum differentiation (median location).** In the location
game of two firms on `[0, 1]` with uniformly distributed consumers who buy from the nearer
firm (fixed equal prices), `(x₁, x₂)` is a Nash equilibrium if and only if both firms locate
at the median `1 / 2` (Hotelling, "Stability in competition", *Economic Journal* 39, 1929;
Tirole 1988, §7.1). -/
theorem hotelling_nash_iff_median (x1 x2 : Rat) :
    IsHotellingNash x1 x2 ↔ x1 = 1 / 2 ∧ x2 = 1 / 2 := by
  constructor
  · rintro ⟨h1, h2, hb1, hb2⟩
    have n12 : ¬ x1 < x2 := fun hlt => absurd (hb1 _ (inUnit_midpoint x1 x2 h1 h2))
      (Rat.not_le.mpr (hotellingShare_lt_midpoint x1 x2 hlt))
    have n21 : ¬ x2 < x1 := fun hlt => absurd (hb2 _ (inUnit_midpoint x2 x1 h2 h1))
      (Rat.not_le.mpr (hotellingShare_lt_midpoint x2 x1 hlt))
    have e : x2 = x1 := by grind
    rw [e] at hb1
    have hc : x1 = 1 / 2 := Classical.byContradiction fun hne =>
      absurd (hb1 _ inUnit_half) (Rat.not_le.mpr (hotellingShare_lt_centre x1 hne))
    exact ⟨hc, by rw [e, hc]⟩
  · rintro ⟨rfl, rfl⟩
    have hb : ∀ x, InUnit x → hotellingShare x (1 / 2) ≤ hotellingShare (1 / 2) (1 / 2) :=
      fun x _ => by rw [hotellingShare_self]; exact hotellingShare_le_half x
    exact ⟨inUnit_half, inUnit_half, hb, hb⟩

/-- **Price equilibrium in the linear city.** With the two firms at the ends of `[0, 1]`,
linear transport cost `t > 0`, unit demands and a covered market, both firms charging
`c + t` is a Nash equilibrium of the price game (Hotelling 1929; d'Aspremont, Gabszewicz and
Thisse, *Econometrica* 47, 1979; Tirole 1988, §7.1). -/
theorem hotelling_price_equilibrium (c t : Rat) (ht : 0 < t) :
    IsHotellingPriceNash c t (c + t) (c + t) := by
  have h : ∀ p, hotellingProfit c t p (c + t) ≤ hotellingProfit c t (c + t) (c + t) :=
    fun p => by rw [hotellingProfit_symmetric c t ht]; exact hotellingProfit_le_half_t c t p ht
  exact ⟨h, h⟩

/-- **Equilibrium profits in the linear city.** At the price equilibrium `p₁ = p₂ = c + t`
each firm serves half of the consumers and earns `t / 2`: product differentiation, measured
by `t`, restores the profits that Bertrand competition destroys. -/
theorem hotelling_equilibrium_profit (c t : Rat) (ht : 0 < t) :
    hotellingProfit c t (c + t) (c + t) = t / 2 :=
  hotellingProfit_symmetric c t ht

end EconLean.Oligopoly

end
