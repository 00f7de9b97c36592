module

public import EconLean.GameTheory.Defs

/-!
# Congestion games: definitions and lemmas

A congestion game (Rosenthal 1973, "A class of games possessing pure-strategy Nash
equilibria", *International Journal of Game Theory* 2): a finite set of players, a finite list
of resources, for each player a set of strategies, each strategy using some of the resources,
and for each resource a cost depending only on the number of players using it. A player's
cost is the sum of the costs of the resources her strategy uses; her payoff is minus her cost.

Rosenthal's potential is `Φ(σ) = - Σ_r Σ_{k = 1}^{n_r(σ)} c_r(k)`, where `n_r(σ)` is the number
of players using `r` at the profile `σ`. The key lemma: when one player changes strategy, the
change of her payoff equals the change of `Φ` (resource by resource, a player joining a
resource used by `m` others pays `c_r(m + 1)`, which is exactly the new term of `Φ`).

Players are listed without repetition (`players`, `players_nodup`, `players_complete`);
costs are integers.
-/

@[expose] public section

namespace EconLean.GameTheory

/-- The sum of `f` over a list. -/
def listSum {α : Type} (f : α → Int) : List α → Int
  | [] => 0
  | a :: l => f a + listSum f l

theorem listSum_sub {α : Type} (f g : α → Int) (l : List α) :
    listSum f l - listSum g l = listSum (fun a => f a - g a) l := by
  induction l with
  | nil => simp [listSum]
  | cons a l ih => simp only [listSum]; omega

theorem listSum_congr {α : Type} (f g : α → Int) (l : List α) (h : ∀ a, f a = g a) :
    listSum f l = listSum g l := by
  induction l with
  | nil => rfl
  | cons a l ih => simp only [listSum, h a, ih]

/-- A congestion game with players `ι`, resources `R` and strategy sets `S i`. -/
structure CongestionGame (ι R : Type) (S : ι → Type) where
  /-- all players, each listed once -/
  players : List ι
  /-- no player is listed twice -/
  players_nodup : players.Nodup
  /-- every player is listed -/
  players_complete : ∀ i, i ∈ players
  /-- the resources -/
  resources : List R
  /-- `uses i x r`: player `i`'s strategy `x` uses resource `r` -/
  uses : (i : ι) → S i → R → Bool
  /-- `cost r k`: the cost of resource `r` to each of its users when `k` players use it -/
  cost : R → Nat → Int

namespace CongestionGame

variable {ι R : Type} {S : ι → Type}

/-- The number of players of the list `l` who use resource `r` at the profile `σ`. -/
def countUsers (G : CongestionGame ι R S) (σ : StrategyProfile S) (r : R) : List ι → Nat
  | [] => 0
  | j :: l => (if G.uses j (σ j) r then 1 else 0) + G.countUsers σ r l

/-- The load `n_r(σ)` of resource `r`: the number of players using it. -/
def load (G : CongestionGame ι R S) (σ : StrategyProfile S) (r : R) : Nat :=
  G.countUsers σ r G.players

/-- Player `i`'s cost at `σ`: the sum, over the resources her strategy uses, of their cost at
their current load. -/
def playerCost (G : CongestionGame ι R S) (σ : StrategyProfile S) (i : ι) : Int :=
  listSum (fun r => if G.uses i (σ i) r then G.cost r (G.load σ r) else 0) G.resources

/-- The normal-form game of a congestion game: payoffs are minus costs. -/
def toGame (G : CongestionGame ι R S) : Game ι S :=
  ⟨fun i σ => - G.playerCost σ i⟩

/-- `rosenthalSum c n = c 1 + c 2 + ... + c n`. -/
def rosenthalSum (c : Nat → Int) : Nat → Int
  | 0 => 0
  | k + 1 => rosenthalSum c k + c (k + 1)

/-- Rosenthal's potential: minus the sum, over resources, of `c_r(1) + ... + c_r(n_r(σ))`. -/
def rosenthalPotential (G : CongestionGame ι R S) (σ : StrategyProfile S) : Int :=
  - listSum (fun r => rosenthalSum (G.cost r) (G.load σ r)) G.resources

variable [DecidableEq ι]

/-- A deviation by a player not in the list does not change how many of its players use `r`. -/
theorem countUsers_update_not_mem (G : CongestionGame ι R S) (σ : StrategyProfile S) (r : R)
    (i : ι) (x : S i) (l : List ι) (hi : i ∉ l) :
    G.countUsers (update σ i x) r l = G.countUsers σ r l := by
  induction l with
  | nil => rfl
  | cons j l ih =>
    have hj : j ≠ i := fun e => hi (e ▸ List.mem_cons_self)
    have hl : i ∉ l := fun h => hi (List.mem_cons_of_mem _ h)
    simp only [countUsers, update_ne σ i x hj, ih hl]

/-- When player `i` (listed once) switches from `σ i` to `x`, the count of users of `r` loses
`i`'s old use and gains her new one. -/
theorem countUsers_update_mem (G : CongestionGame ι R S) (σ : StrategyProfile S) (r : R)
    (i : ι) (x : S i) (l : List ι) (hnd : l.Nodup) (hi : i ∈ l) :
    G.countUsers (update σ i x) r l + (if G.uses i (σ i) r then 1 else 0) =
      G.countUsers σ r l + (if G.uses i x r then 1 else 0) := by
  induction l with
  | nil => simp at hi
  | cons j l ih =>
    rw [List.nodup_cons] at hnd
    by_cases hj : j = i
    · subst hj
      simp only [countUsers, update_same, countUsers_update_not_mem G σ r j x l hnd.1]
      omega
    · have hl : i ∈ l := by
        rcases List.mem_cons.mp hi with h | h
        · exact absurd h.symm hj
        · exact h
      have := ih hnd.2 hl
      simp only [countUsers, update_ne σ i x hj]
      omega

/-- The load of `r` after player `i` switches to `x`. -/
theorem load_update (G : CongestionGame ι R S) (σ : StrategyProfile S) (r : R) (i : ι)
    (x : S i) :
    G.load (update σ i x) r + (if G.uses i (σ i) r then 1 else 0) =
      G.load σ r + (if G.uses i x r then 1 else 0) :=
  G.countUsers_update_mem σ r i x G.players G.players_nodup (G.players_complete i)

/-- Resource by resource, the change in the deviating player's cost equals the change in
Rosenthal's sum. -/
theorem cost_change_eq_rosenthal_change (G : CongestionGame ι R S) (σ : StrategyProfile S)
    (i : ι) (x : S i) (r : R) :
    (if G.uses i (update σ i x i) r then G.cost r (G.load (update σ i x) r) else 0) -
        (if G.uses i (σ i) r then G.cost r (G.load σ r) else 0) =
      rosenthalSum (G.cost r) (G.load (update σ i x) r) -
        rosenthalSum (G.cost r) (G.load σ r) := by
  have hc := G.load_update σ r i x
  rw [update_same]
  generalize G.load (update σ i x) r = n' at *
  generalize G.load σ r = n at *
  cases hA : G.uses i (σ i) r <;> cases hB : G.uses i x r <;>
    simp only [hA, hB, ↓reduceIte, Bool.false_eq_true] at hc ⊢
  all_goals first
    | (have e : n' = n := by omega
       subst e; omega)
    | (have e : n' = n + 1 := by omega
       subst e; simp only [rosenthalSum]; omega)
    | (have e : n = n' + 1 := by omega
       subst e; simp only [rosenthalSum]; omega)

end CongestionGame

end EconLean.GameTheory

end
