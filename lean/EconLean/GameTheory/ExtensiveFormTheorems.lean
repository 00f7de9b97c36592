module

public import EconLean.GameTheory.ExtensiveForm

/-!
# Finite games of perfect information: backward induction

* Backward induction yields a subgame-perfect equilibrium (Zermelo 1913, "Über eine Anwendung
  der Mengenlehre auf die Theorie des Schachspiels"; Kuhn 1953, "Extensive games and the
  problem of information", *Contributions to the Theory of Games* II; Selten 1965).
* Hence every finite game of perfect information has a subgame-perfect equilibrium in pure
  strategies, and in particular a pure-strategy Nash equilibrium (Kuhn's theorem).
-/

@[expose] public section

namespace EconLean.GameTheory

open GameTree

/-- Backward induction gives a subgame-perfect equilibrium (Zermelo 1913; Kuhn 1953): in every
finite game tree of perfect information, the backward-induction profile induces a Nash
equilibrium in every subgame. -/
theorem backward_induction_subgame_perfect {ι : Type} (t : GameTree ι) :
    t.IsSubgamePerfect t.biProfile := by
  induction t with
  | leaf u => exact True.intro
  | node i n next ih =>
    simp only [IsSubgamePerfect]
    refine ⟨isNash_node_of_biProfile i n next (fun a _ => (ih a).isNash), fun a _ => ?_⟩
    rw [shift_biProfile]
    exact ih a

/-- Every finite game of perfect information has a subgame-perfect equilibrium in pure
strategies (Kuhn 1953; Selten 1965). -/
theorem exists_subgame_perfect_equilibrium {ι : Type} (t : GameTree ι) :
    ∃ σ, t.IsSubgamePerfect σ :=
  ⟨t.biProfile, backward_induction_subgame_perfect t⟩

/-- Kuhn's theorem (Kuhn 1953): every finite game of perfect information has a Nash equilibrium
in pure strategies. -/
theorem perfect_information_has_pure_nash {ι : Type} (t : GameTree ι) : ∃ σ, t.IsNash σ :=
  ⟨t.biProfile, (backward_induction_subgame_perfect t).isNash⟩

end EconLean.GameTheory

end
