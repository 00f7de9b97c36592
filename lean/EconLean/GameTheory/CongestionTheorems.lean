module

public import EconLean.GameTheory.Congestion
public import EconLean.GameTheory.Theorems

/-!
# Congestion games: Rosenthal's theorem

* Rosenthal's potential is an exact potential of every congestion game (Rosenthal 1973,
  "A class of games possessing pure-strategy Nash equilibria", *International Journal of
  Game Theory* 2; Monderer and Shapley 1996, *Games and Economic Behavior* 14, Thm. 3.1).
* Hence every congestion game with finitely many strategy profiles has a pure-strategy Nash
  equilibrium (Rosenthal 1973): a profile maximizing the potential.
-/

@[expose] public section

namespace EconLean.GameTheory

open CongestionGame

/-- Rosenthal's theorem (Rosenthal 1973): in every congestion game, Rosenthal's potential
`Φ(σ) = - Σ_r Σ_{k = 1}^{n_r(σ)} c_r(k)` is an exact potential — a unilateral deviation changes
the deviator's payoff (minus her cost) by exactly the change in `Φ`. -/
theorem rosenthal_potential_is_exact_potential {ι R : Type} [DecidableEq ι] {S : ι → Type}
    (G : CongestionGame ι R S) : IsExactPotential G.toGame G.rosenthalPotential := by
  intro σ i x
  have h1 := listSum_sub
    (fun r => if G.uses i (update σ i x i) r then G.cost r (G.load (update σ i x) r) else 0)
    (fun r => if G.uses i (σ i) r then G.cost r (G.load σ r) else 0) G.resources
  have h2 := listSum_sub (fun r => rosenthalSum (G.cost r) (G.load (update σ i x) r))
    (fun r => rosenthalSum (G.cost r) (G.load σ r)) G.resources
  have h3 := listSum_congr _ _ G.resources (G.cost_change_eq_rosenthal_change σ i x)
  simp only [toGame, playerCost, rosenthalPotential]
  omega

/-- Every finite congestion game has a pure-strategy Nash equilibrium (Rosenthal 1973).
Finiteness: `profiles` lists every strategy profile; `σ0` is some profile. -/
theorem congestion_game_has_pure_nash {ι R : Type} [DecidableEq ι] {S : ι → Type}
    (G : CongestionGame ι R S) (profiles : List (StrategyProfile S))
    (hall : ∀ σ, σ ∈ profiles) (σ0 : StrategyProfile S) : ∃ σ, IsNash G.toGame σ :=
  exact_potential_game_has_pure_nash G.toGame G.rosenthalPotential
    (rosenthal_potential_is_exact_potential G) profiles hall σ0

end EconLean.GameTheory

end
