module

public import EconLean.GameTheory.ExtensiveForm

/-!
# Finite games of perfect information: backward induction

* Backward induction yields a subgame-perfect equilibrium (Zermelo 1913, "Über eine Anwendung
  der Mengenlehre auf die Theorie des Schachspiels"; Kuhn 1953, "Extensive games and the
  problem of information", *Contributions to the Theory of Games* II; Selten 1965).
* Hence every finite game of perfect information has a subgame-perfect equilibrium in pure
  strategies, and in particular a pure-strategy Nash equilibrium (Kuhn's theorem).
* Zermelo's theorem: a finite two-player zero-sum game of perfect information has a value,
  guaranteed by pure strategies of both players.
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

/-- Zermelo's theorem (Zermelo 1913; von Neumann 1928): a finite two-player zero-sum game of
perfect information (players `true` and `false`; at every play `false` gets minus what `true`
gets) has a value in pure strategies: some profile `σ` and value `v` are such that `true`'s
part of `σ` guarantees her at least `v` whatever `false` does, and `false`'s part of `σ` holds
her to at most `v` whatever she does. -/
theorem zermelo_zero_sum_perfect_information_value (t : GameTree Bool)
    (hz : ∀ σ, t.outcome σ false = - t.outcome σ true) :
    ∃ v σ, (∀ τ, t.AgreesOff false σ τ → v ≤ t.outcome τ true) ∧
      (∀ τ, t.AgreesOff true σ τ → t.outcome τ true ≤ v) := by
  refine ⟨t.outcome t.biProfile true, t.biProfile, fun τ hτ => ?_, fun τ hτ => ?_⟩
  · have := (backward_induction_subgame_perfect t).isNash false τ hτ
    rw [hz, hz] at this
    omega
  · exact (backward_induction_subgame_perfect t).isNash true τ hτ

end EconLean.GameTheory

end
