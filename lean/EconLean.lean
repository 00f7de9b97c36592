module

public import EconLean.Auctions.Defs
public import EconLean.Auctions.Reserve
public import EconLean.Auctions.Theorems
public import EconLean.Cooperative.Balanced
public import EconLean.Cooperative.BondarevaShapley
public import EconLean.Cooperative.Defs
public import EconLean.Cooperative.Desirability
public import EconLean.Cooperative.ShapleyCharacterization
public import EconLean.Cooperative.Theorems
public import EconLean.Cooperative.Unanimity
public import EconLean.Cooperative.ValueTheorems
public import EconLean.Equilibrium.Defs
public import EconLean.Equilibrium.FinSum
public import EconLean.Equilibrium.Theorems
public import EconLean.GameTheory.Defs
public import EconLean.GameTheory.Theorems
public import EconLean.GameTheory.Mixed
public import EconLean.GameTheory.MixedTheorems
public import EconLean.GameTheory.Minimax
public import EconLean.GameTheory.Congestion
public import EconLean.GameTheory.CongestionTheorems
public import EconLean.GameTheory.ExtensiveForm
public import EconLean.GameTheory.ExtensiveFormTheorems
public import EconLean.Matching.Defs
public import EconLean.Matching.Optimality
public import EconLean.Matching.Stability
public import EconLean.Matching.Theorems
public import EconLean.Matching.TTC
public import EconLean.Matching.TTCDefs
public import EconLean.Matching.TTCLemmas
public import EconLean.Oligopoly.Defs
public import EconLean.Oligopoly.Hotelling
public import EconLean.Oligopoly.HotellingDefs
public import EconLean.Oligopoly.Stackelberg
public import EconLean.Oligopoly.StackelbergDefs
public import EconLean.Oligopoly.Theorems
public import EconLean.SocialChoice.Arrow
public import EconLean.SocialChoice.ArrowDefs
public import EconLean.SocialChoice.ArrowLemmas
public import EconLean.SocialChoice.Defs
public import EconLean.SocialChoice.GibbardSatterthwaite
public import EconLean.SocialChoice.GibbardSatterthwaiteDefs
public import EconLean.SocialChoice.GibbardSatterthwaiteLemmas
public import EconLean.SocialChoice.Jury
public import EconLean.SocialChoice.Liberal
public import EconLean.SocialChoice.LiberalDefs
public import EconLean.SocialChoice.Theorems

/-!
# EconLean

A core-Lean-4 library of economic theorems: social choice, matching, game theory,
general equilibrium, auctions and mechanism design, oligopoly, and cooperative games.
Each area has `Defs` (definitions and helper lemmas) and `Theorems` (its main results).
This file imports the whole library.
-/
