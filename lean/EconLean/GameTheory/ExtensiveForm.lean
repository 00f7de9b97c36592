module

public import Init

/-!
# Finite games of perfect information: definitions and lemmas

A finite extensive-form game of perfect information is a finite tree (an inductive type, so
every play ends after finitely many moves): a leaf carries a payoff for every player; a
decision node names the player who moves there and has `n + 1` moves, numbered `0, ..., n`,
each leading to a subtree (the family `next : Nat → GameTree ι` is only read at `0, ..., n`).

A pure strategy profile assigns a move to every decision node; nodes are named by their
history, the list of moves leading to them from the root, so a profile is a function
`List Nat → Nat` (at a node with `n + 1` moves, the number `σ h` is read modulo `n + 1`).
The restriction of a profile to the subgame after move `a` is `shift σ a`.

A profile is a Nash equilibrium when no player gains by changing her moves at her own nodes;
it is subgame perfect (Selten 1965, *Zeitschrift für die gesamte Staatswissenschaft* 121)
when it induces a Nash equilibrium in every subgame. Backward induction (Zermelo 1913; Kuhn
1953, *Contributions to the Theory of Games* II) computes, from the leaves up, the move of
the mover that maximizes her backward-induction payoff (the last best move in case of ties).

The lemmas: the chosen move is a best move, and following the backward-induction profile
yields the backward-induction payoffs.
-/

@[expose] public section

noncomputable section

namespace EconLean.GameTheory

/-- A finite game tree of perfect information with players `ι` and integer payoffs. -/
inductive GameTree (ι : Type) where
  /-- a terminal node, with each player's payoff -/
  | leaf (payoff : ι → Int)
  /-- a decision node of `player`, with moves `0, ..., n` leading to `next 0, ..., next n` -/
  | node (player : ι) (n : Nat) (next : Nat → GameTree ι)

/-- A pure strategy profile: the move chosen at the node reached by each history. -/
abbrev TreeProfile := List Nat → Nat

/-- The profile induced in the subgame after move `a`. -/
def shift (σ : TreeProfile) (a : Nat) : TreeProfile := fun h => σ (a :: h)

namespace GameTree

variable {ι : Type}

/-- The payoffs of the play induced by the profile `σ`. -/
def outcome : GameTree ι → TreeProfile → ι → Int
  | .leaf u, _ => u
  | .node _ n next, σ => (next (σ [] % (n + 1))).outcome (shift σ (σ [] % (n + 1)))

/-- `τ` differs from `σ` only at nodes of player `i`: at every decision node of another player,
both choose the same move (so `τ` is a unilateral deviation of `i` from `σ`). -/
def AgreesOff (i : ι) : GameTree ι → TreeProfile → TreeProfile → Prop
  | .leaf _, _, _ => True
  | .node j n next, σ, τ =>
    (j ≠ i → σ [] % (n + 1) = τ [] % (n + 1)) ∧
      ∀ a, a < n + 1 → AgreesOff i (next a) (shift σ a) (shift τ a)

/-- `σ` is a (pure) Nash equilibrium of the game tree `t`: no player gains by a unilateral
deviation, i.e. by changing her moves at her own nodes. -/
def IsNash (t : GameTree ι) (σ : TreeProfile) : Prop :=
  ∀ i τ, AgreesOff i t σ τ → t.outcome τ i ≤ t.outcome σ i

/-- `σ` is a subgame-perfect equilibrium of `t` (Selten 1965): it induces a Nash equilibrium
in the game and, recursively, in every subgame (whether reached or not). -/
def IsSubgamePerfect : GameTree ι → TreeProfile → Prop
  | .leaf _, _ => True
  | .node j n next, σ =>
    IsNash (.node j n next) σ ∧ ∀ a, a < n + 1 → IsSubgamePerfect (next a) (shift σ a)

end GameTree

/-- `bestMove f n` is a move in `0, ..., n` maximizing `f` (the last maximizer). -/
def bestMove (f : Nat → Int) : Nat → Nat
  | 0 => 0
  | k + 1 => if f (bestMove f k) ≤ f (k + 1) then k + 1 else bestMove f k

theorem bestMove_le (f : Nat → Int) (n : Nat) : bestMove f n ≤ n := by
  induction n with
  | zero => simp [bestMove]
  | succ k ih =>
    simp only [bestMove]
    split <;> omega

theorem bestMove_max (f : Nat → Int) (n : Nat) : ∀ a, a ≤ n → f a ≤ f (bestMove f n) := by
  induction n with
  | zero =>
    intro a ha
    have e : a = 0 := by omega
    subst e
    simp [bestMove]
  | succ k ih =>
    intro a ha
    simp only [bestMove]
    split
    · rename_i h
      by_cases hk : a = k + 1
      · subst hk; exact Int.le_refl _
      · have := ih a (by omega)
        omega
    · rename_i h
      by_cases hk : a = k + 1
      · subst hk; omega
      · exact ih a (by omega)

namespace GameTree

variable {ι : Type}

/-- The backward-induction payoffs of a game tree: at a decision node, those of the subtree
after the mover's best move. -/
def biValue : GameTree ι → ι → Int
  | .leaf u => u
  | .node i n next => biValue (next (bestMove (fun a => biValue (next a) i) n))

/-- The backward-induction strategy profile: at every decision node (reached or not), the
mover's best move given backward-induction play afterwards. -/
def biProfile : GameTree ι → TreeProfile
  | .leaf _ => fun _ => 0
  | .node i n next => fun h => match h with
    | [] => bestMove (fun a => biValue (next a) i) n
    | a :: h' => biProfile (next a) h'

theorem biValue_node (i : ι) (n : Nat) (next : Nat → GameTree ι) :
    biValue (.node i n next) = biValue (next (bestMove (fun a => biValue (next a) i) n)) := by
  simp only [biValue]

theorem shift_biProfile (i : ι) (n : Nat) (next : Nat → GameTree ι) (a : Nat) :
    shift (biProfile (.node i n next)) a = biProfile (next a) := by
  funext h
  simp only [shift, biProfile]

theorem biProfile_root (i : ι) (n : Nat) (next : Nat → GameTree ι) :
    biProfile (.node i n next) [] % (n + 1) = bestMove (fun a => biValue (next a) i) n := by
  simp only [biProfile]
  exact Nat.mod_eq_of_lt (Nat.lt_succ_of_le (bestMove_le _ n))

/-- Following the backward-induction profile yields the backward-induction payoffs. -/
theorem outcome_biProfile (t : GameTree ι) : t.outcome (biProfile t) = biValue t := by
  induction t with
  | leaf u => simp only [outcome, biValue]
  | node i n next ih =>
    simp only [outcome]
    rw [biProfile_root, shift_biProfile, ih, biValue_node]

/-- A subgame-perfect profile is a Nash equilibrium. -/
theorem IsSubgamePerfect.isNash {t : GameTree ι} {σ : TreeProfile} (h : IsSubgamePerfect t σ) :
    IsNash t σ := by
  cases t with
  | leaf u => intro i τ _; exact Int.le_refl _
  | node j n next => exact h.1

/-- At a decision node, if the profile `σ` follows backward induction at the root and induces
Nash equilibria in all subgames, it is a Nash equilibrium of the whole tree. -/
theorem isNash_node_of_biProfile (i : ι) (n : Nat) (next : Nat → GameTree ι)
    (h : ∀ a, a < n + 1 → IsNash (next a) (biProfile (next a))) :
    IsNash (.node i n next) (biProfile (.node i n next)) := by
  intro k τ hag
  have hb := biProfile_root i n next
  rw [outcome_biProfile, biValue_node]
  simp only [outcome]
  simp only [AgreesOff] at hag
  have hc : τ [] % (n + 1) < n + 1 := Nat.mod_lt _ (Nat.succ_pos n)
  have hag' := hag.2 _ hc
  rw [shift_biProfile] at hag'
  have hle := h _ hc k _ hag'
  rw [outcome_biProfile] at hle
  by_cases hk : i = k
  · subst hk
    have := bestMove_max (fun a => biValue (next a) i) n (τ [] % (n + 1)) (by omega)
    exact Int.le_trans hle this
  · have e := hag.1 hk
    rw [hb] at e
    rw [e]
    exact hle

end GameTree

end EconLean.GameTheory

end
