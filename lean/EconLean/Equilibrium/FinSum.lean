module

public import Init

/-!
# Finite sums and maxima of rational numbers indexed by `Fin n`

Core Lean has no `Finset.sum`, so the economic models of this library (exchange economies,
mechanisms, games) sum over agents and goods with the recursive `finSum` defined here, and
take maxima with `finMax` (a maximum floored at `0`, used for auction prices), `finSup`
(the maximum of a nonempty family, used for welfare maximisation) and `finArgmax` (an index
attaining the maximum).

The lemmas are the standard algebra of finite sums (linearity, monotonicity, exchange of
the order of summation, sums of functions supported at one point) and the standard
properties of maxima; they are proved by induction on `n`.
-/

@[expose] public section

namespace EconLean

/-- `finSum n f = f 0 + f 1 + ... + f (n - 1)`. -/
def finSum : (n : Nat) → (Fin n → Rat) → Rat
  | 0, _ => 0
  | n + 1, f => finSum n (fun i => f i.castSucc) + f (Fin.last n)

/-- `finMax n f = max 0 (f 0) ... (f (n - 1))`: the largest value, floored at `0`. -/
def finMax : (n : Nat) → (Fin n → Rat) → Rat
  | 0, _ => 0
  | n + 1, f => max (finMax n (fun i => f i.castSucc)) (f (Fin.last n))

/-- `finSup n f` is the largest of the `n + 1` values `f 0, ..., f n`. -/
def finSup : (n : Nat) → (Fin (n + 1) → Rat) → Rat
  | 0, f => f 0
  | n + 1, f => max (finSup n (fun i => f i.castSucc)) (f (Fin.last (n + 1)))

theorem castSucc_ne_last {n : Nat} (i : Fin n) : i.castSucc ≠ Fin.last n := by
  intro e
  have := congrArg Fin.val e
  simp at this
  omega

/-- `finArgmax n f` is an index at which `f` attains its maximum (the last such index). -/
def finArgmax : (n : Nat) → (Fin (n + 1) → Rat) → Fin (n + 1)
  | 0, _ => 0
  | n + 1, f =>
    if f (finArgmax n (fun i => f i.castSucc)).castSucc ≤ f (Fin.last (n + 1)) then
      Fin.last (n + 1)
    else (finArgmax n (fun i => f i.castSucc)).castSucc

theorem finSum_zero (f : Fin 0 → Rat) : finSum 0 f = 0 := rfl

theorem finSum_succ (n : Nat) (f : Fin (n + 1) → Rat) :
    finSum (n + 1) f = finSum n (fun i => f i.castSucc) + f (Fin.last n) := rfl

theorem finSum_add (n : Nat) (f g : Fin n → Rat) :
    finSum n (fun i => f i + g i) = finSum n f + finSum n g := by
  induction n with
  | zero => simp only [finSum_zero]; grind
  | succ n ih =>
    simp only [finSum_succ]
    rw [ih (fun i => f i.castSucc) (fun i => g i.castSucc)]
    grind

theorem finSum_neg (n : Nat) (f : Fin n → Rat) :
    finSum n (fun i => - f i) = - finSum n f := by
  induction n with
  | zero => simp only [finSum_zero]; grind
  | succ n ih =>
    simp only [finSum_succ]
    rw [ih (fun i => f i.castSucc)]
    grind

theorem finSum_sub (n : Nat) (f g : Fin n → Rat) :
    finSum n (fun i => f i - g i) = finSum n f - finSum n g := by
  have h := finSum_add n f (fun i => - g i)
  rw [finSum_neg] at h
  have e : (fun i => f i - g i) = (fun i => f i + - g i) := by
    funext i; grind
  rw [e, h]; grind

theorem finSum_mul_left (n : Nat) (c : Rat) (f : Fin n → Rat) :
    finSum n (fun i => c * f i) = c * finSum n f := by
  induction n with
  | zero => simp only [finSum_zero]; grind
  | succ n ih =>
    simp only [finSum_succ]
    rw [ih (fun i => f i.castSucc)]
    grind

theorem finSum_congr (n : Nat) (f g : Fin n → Rat) (h : ∀ i, f i = g i) :
    finSum n f = finSum n g := by
  have : f = g := funext h
  rw [this]

theorem finSum_eq_zero (n : Nat) (f : Fin n → Rat) (h : ∀ i, f i = 0) : finSum n f = 0 := by
  induction n with
  | zero => rfl
  | succ n ih =>
    simp only [finSum_succ]
    rw [ih (fun i => f i.castSucc) (fun i => h _), h]
    grind

theorem finSum_le (n : Nat) (f g : Fin n → Rat) (h : ∀ i, f i ≤ g i) :
    finSum n f ≤ finSum n g := by
  induction n with
  | zero => simp only [finSum_zero]; grind
  | succ n ih =>
    simp only [finSum_succ]
    have h1 := ih (fun i => f i.castSucc) (fun i => g i.castSucc) (fun i => h _)
    have h2 := h (Fin.last n)
    grind

theorem finSum_nonneg (n : Nat) (f : Fin n → Rat) (h : ∀ i, 0 ≤ f i) : 0 ≤ finSum n f := by
  have := finSum_le n (fun _ => 0) f h
  rwa [finSum_eq_zero n (fun _ => 0) (fun _ => rfl)] at this

theorem finSum_lt (n : Nat) (f g : Fin n → Rat) (h : ∀ i, f i ≤ g i) (k : Fin n)
    (hk : f k < g k) : finSum n f < finSum n g := by
  induction n with
  | zero => exact k.elim0
  | succ n ih =>
    simp only [finSum_succ]
    cases k using Fin.lastCases with
    | last =>
      have h1 := finSum_le n (fun i => f i.castSucc) (fun i => g i.castSucc) (fun i => h _)
      grind
    | cast k =>
      have h1 := ih (fun i => f i.castSucc) (fun i => g i.castSucc) (fun i => h _) k hk
      have h2 := h (Fin.last n)
      grind

/-- Exchanging the order of a double finite sum. -/
theorem finSum_comm (n m : Nat) (f : Fin n → Fin m → Rat) :
    finSum n (fun i => finSum m (fun j => f i j)) =
      finSum m (fun j => finSum n (fun i => f i j)) := by
  induction n with
  | zero =>
    simp only [finSum_zero]
    exact (finSum_eq_zero m _ (fun _ => rfl)).symm
  | succ n ih =>
    simp only [finSum_succ]
    rw [ih (fun i j => f i.castSucc j)]
    exact (finSum_add m _ _).symm

/-- A sum of a function that vanishes off `k` is its value at `k`. -/
theorem finSum_single (n : Nat) (f : Fin n → Rat) (k : Fin n) (h : ∀ i, i ≠ k → f i = 0) :
    finSum n f = f k := by
  induction n with
  | zero => exact k.elim0
  | succ n ih =>
    simp only [finSum_succ]
    cases k using Fin.lastCases with
    | last =>
      rw [finSum_eq_zero n (fun i => f i.castSucc)
        (fun i => h _ (castSucc_ne_last i))]
      grind
    | cast k =>
      rw [ih (fun i => f i.castSucc) k (fun i hi => h _ (fun e => hi (Fin.castSucc_inj.mp e))),
        h (Fin.last n) (fun e => castSucc_ne_last k e.symm)]
      grind

/-- Splitting off the term at `k`: `∑ f = f k + ∑_{i ≠ k} f i`. -/
theorem finSum_split (n : Nat) (f : Fin n → Rat) (k : Fin n) :
    finSum n f = f k + finSum n (fun i => if i = k then 0 else f i) := by
  have e : f = fun i => (if i = k then f i else 0) + (if i = k then 0 else f i) := by
    funext i; by_cases h : i = k <;> simp [h] <;> grind
  conv => lhs; rw [e]
  rw [finSum_add, finSum_single n _ k (fun i hi => by simp [hi])]
  simp

theorem le_finMax (n : Nat) (f : Fin n → Rat) (i : Fin n) : f i ≤ finMax n f := by
  induction n with
  | zero => exact i.elim0
  | succ n ih =>
    simp only [finMax]
    cases i using Fin.lastCases with
    | last => grind
    | cast i =>
      have := ih (fun j => f j.castSucc) i
      grind

theorem finMax_nonneg (n : Nat) (f : Fin n → Rat) : 0 ≤ finMax n f := by
  induction n with
  | zero => simp only [finMax]; grind
  | succ n ih =>
    simp only [finMax]
    have := ih (fun j => f j.castSucc)
    grind

theorem finMax_le (n : Nat) (f : Fin n → Rat) (c : Rat) (hc : 0 ≤ c) (h : ∀ i, f i ≤ c) :
    finMax n f ≤ c := by
  induction n with
  | zero => simpa [finMax] using hc
  | succ n ih =>
    simp only [finMax]
    have h1 := ih (fun j => f j.castSucc) (fun j => h _)
    have h2 := h (Fin.last n)
    grind

theorem le_finSup (n : Nat) (f : Fin (n + 1) → Rat) (i : Fin (n + 1)) : f i ≤ finSup n f := by
  induction n with
  | zero =>
    have : i = 0 := by omega
    subst this; simp only [finSup]; grind
  | succ n ih =>
    simp only [finSup]
    cases i using Fin.lastCases with
    | last => grind
    | cast i =>
      have := ih (fun j => f j.castSucc) i
      grind

theorem finSup_le (n : Nat) (f : Fin (n + 1) → Rat) (c : Rat) (h : ∀ i, f i ≤ c) :
    finSup n f ≤ c := by
  induction n with
  | zero => simpa [finSup] using h 0
  | succ n ih =>
    simp only [finSup]
    have h1 := ih (fun j => f j.castSucc) (fun j => h _)
    have h2 := h (Fin.last (n + 1))
    grind

/-- The maximum of a nonempty finite family is attained. -/
theorem finSup_attained (n : Nat) (f : Fin (n + 1) → Rat) : ∃ i, finSup n f = f i := by
  induction n with
  | zero => exact ⟨0, rfl⟩
  | succ n ih =>
    simp only [finSup]
    obtain ⟨i, hi⟩ := ih (fun j => f j.castSucc)
    by_cases h : finSup n (fun j => f j.castSucc) ≤ f (Fin.last (n + 1))
    · exact ⟨Fin.last (n + 1), by rw [Rat.max_def, if_pos h]⟩
    · exact ⟨i.castSucc, by rw [Rat.max_def, if_neg h]; exact hi⟩

theorem le_finArgmax (n : Nat) (f : Fin (n + 1) → Rat) (i : Fin (n + 1)) :
    f i ≤ f (finArgmax n f) := by
  induction n with
  | zero =>
    have : i = 0 := by omega
    subst this; simp only [finArgmax]; grind
  | succ n ih =>
    simp only [finArgmax]
    have h := ih (fun j => f j.castSucc)
    cases i using Fin.lastCases with
    | last => split <;> grind
    | cast i =>
      have := h i
      split <;> grind

end EconLean

end
