module

public import Init

/-!
# Condorcet's jury theorem: definitions

Independent voters, each correct with probability `p`; the probability that at least `k` of
`n` of them are correct (the binomial tail, defined by conditioning on the first voter), and
the probability that a majority of `2k + 1` voters is correct (Condorcet 1785, *Essai sur
l'application de l'analyse à la probabilité des décisions rendues à la pluralité des voix*;
Ladha 1992, *American Journal of Political Science* 36; Austen-Smith and Banks 1996,
*American Political Science Review* 90). Probabilities are rational numbers.
-/

@[expose] public section

noncomputable section

namespace EconLean.SocialChoice

/-- `atLeastCorrect n k p`: the probability that at least `k` of `n` independent voters, each
correct with probability `p`, are correct. Conditioning on the first voter: with probability
`p` they are correct and `k - 1` more correct votes are needed among the other `n - 1`;
with probability `1 - p` they are wrong and `k` are needed. -/
def atLeastCorrect : Nat → Nat → Rat → Rat
  | _, 0, _ => 1
  | 0, _ + 1, _ => 0
  | n + 1, k + 1, p => p * atLeastCorrect n k p + (1 - p) * atLeastCorrect n (k + 1) p

/-- The probability that a simple majority of `2k + 1` independent voters, each correct
with probability `p`, reaches the correct decision. -/
def majorityCorrect (k : Nat) (p : Rat) : Rat :=
  atLeastCorrect (2 * k + 1) (k + 1) p

/-- The gain of a three-member majority over a single voter factors as
`p (2p - 1)(1 - p)`. -/
theorem majorityCorrect_one_sub (p : Rat) :
    majorityCorrect 1 p - p = p * (2 * p - 1) * (1 - p) := by
  simp only [majorityCorrect, atLeastCorrect]
  grind

end EconLean.SocialChoice

end

end
