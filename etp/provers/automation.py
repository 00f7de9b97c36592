"""The default prover: a portfolio of core Lean tactics and short combinations.

No Mathlib here (`norm_num`, `linarith`, `positivity` do not exist in core Lean). Core
automation does not unfold a library's definitions, so part of the portfolio first unfolds
the definitions the goal names (`simp only [defs] at *`, found by `etp.library`) or hands
them, with the library lemmas stated about them, to `grind`. Tactics are ordered per goal by
what closed goals of a similar shape before (success counts per tactic and shape feature,
read from the results store), the static order below breaking ties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from etp.config import AutomationOptions
from etp.goals import GoalParseError, binder_infos, head_symbol, parse_signature
from etp.library import LibraryIndex
from etp.library.premises import Relevant
from etp.library.source import identifiers
from etp.provers import Budget, Candidate, Goal
from etp.text import top_level_find


@dataclass(frozen=True)
class Tactic:
    """A portfolio entry: `label` names it in statistics; `scripts` gives its tactic lines
    for a goal and what the library offers for it (several for per-variable tactics, none
    when it does not apply)."""

    label: str
    scripts: Callable[[Goal, Relevant], list[str]]


def _always(script: str) -> Callable[[Goal, Relevant], list[str]]:
    return lambda goal, lib: [script]


def _when_head(heads: set[str], script: str) -> Callable[[Goal, Relevant], list[str]]:
    def make(goal: Goal, lib: Relevant) -> list[str]:
        return [script] if _head(goal) in heads else []

    return make


def _head(goal: Goal) -> str:
    try:
        return head_symbol(parse_signature(goal.statement).type)
    except GoalParseError:
        return "?"


def _binders(goal: Goal) -> list:
    """The statement's binder groups (none when it does not parse)."""
    try:
        return binder_infos(parse_signature(goal.statement).binders)
    except GoalParseError:
        return []


def _unfold_all(lib: Relevant) -> str:
    """The prefix that unfolds the goal's library definitions everywhere (empty without any)."""
    return f"simp [{', '.join(lib.definitions)}] at * <;> " if lib.definitions else ""


def _per_binder(pred: Callable[[str], bool], template: str, limit: int = 2) -> Callable[[Goal, Relevant], list[str]]:
    def make(goal: Goal, lib: Relevant) -> list[str]:
        infos = _binders(goal)
        names = [n for info in infos if pred(info.type) for n in info.names]
        return [template.format(x=n) for n in names[:limit]]

    return make


def _with_library(template: str, needs: str = "defs", heads: set[str] | None = None) -> Callable[[Goal, Relevant], list[str]]:
    """A script over the goal's library definitions `{defs}` and lemmas `{lemmas}`
    (`{hints}`: the first of both); none when the library offers nothing (`needs`: "defs"
    or "lemmas")."""

    def make(goal: Goal, lib: Relevant) -> list[str]:
        if (needs == "defs" and not lib.definitions) or (needs == "lemmas" and not lib.lemmas):
            return []
        if heads is not None and _head(goal) not in heads:
            return []
        # `{hints}`: what grind gets as extra theorems, capped (long lists make it run for minutes)
        return [template.format(defs=", ".join(lib.definitions), lemmas=", ".join(lib.lemmas),
                                hints=", ".join(lib.definitions[:6] + lib.lemmas[:4]))]

    return make


def _per_lemma(template: str, limit: int = 3) -> Callable[[Goal, Relevant], list[str]]:
    """One script per library lemma (`{lemma}`), the best `limit` of them: a lemma whose
    pattern `grind` cannot use fails only its own candidate, not a list's."""

    def make(goal: Goal, lib: Relevant) -> list[str]:
        unfold_direct = f"(try simp only [{', '.join(lib.direct)}] at *)\n  " if lib.direct else ""
        return [template.format(unfold=_unfold_all(lib), unfold_direct=unfold_direct, lemma=lemma)
                for lemma in lib.lemmas[:limit]]

    return make


# Core lemmas that turn a quantifier over `Bool` or `Fin n` (numeral n) into the
# conjunction (disjunction) of its instances: `∀ a b c : Bool, v a b c ≤ x(a, b, c)` in a
# hypothesis becomes its eight instances, which `grind` can then use as ground facts.
_FINITE_LEMMAS = ("Bool.forall_bool, Bool.exists_bool, Fin.forall_fin_succ, Fin.exists_fin_succ, "
                  "Fin.forall_fin_zero, Fin.exists_fin_zero")
_FINITE_TYPE = re.compile(r"Bool|Fin \d+")


def _finite_expansion(goal: Goal, lib: Relevant) -> list[str]:
    """The statement's `Bool`/`Fin n` variables reverted into the goal, then every finite
    quantifier expanded with the library definitions and lemmas unfolded, then `grind`."""
    finite = [n for info in _binders(goal) if _FINITE_TYPE.fullmatch(info.type) for n in info.names]
    if not finite and not lib.definitions:
        return []  # nothing finite in sight: the statement's text would show it
    revert = f"revert {' '.join(finite)}\n  " if finite else ""
    rules = ", ".join(lib.definitions + lib.lemmas + [_FINITE_LEMMAS])
    return [f"{revert}simp [{rules}] at * <;> grind"]


_NOT_APPLICABLE = {"∨", "∃", "=", "≠", "≤", "<", "≥", ">"}  # hypotheses no argument can be given to


def _instantiations(goal: Goal, lib: Relevant, limit: int = 48) -> list[str]:
    """Hypotheses applied to the statement's variables (`have := hx y`, each in `try`, so an
    ill-typed one is dropped), then the unfolding `simp` and `grind`: `grind` does not
    instantiate a hypothesis like `hx : IsCondorcetWinner p x` (a definition that unfolds
    to `∀ y, y ≠ x → ...`) at terms it has no pattern for."""
    hyps, terms = [], []
    for info in _binders(goal):
        head = head_symbol(info.type)
        if re.match(r"(Type|Sort|Prop)\b", info.type) or not info.names:
            continue  # type variables; instance binders have no names
        if head in ("∀", "¬") or all(n.startswith("h") for n in info.names):  # `h…`: Lean's naming habit
            if head not in _NOT_APPLICABLE:
                hyps += info.names
        else:
            terms += info.names
    heads = hyps + [f"{h}.{k}" for h in hyps for k in (1, 2)]  # `.1`/`.2`: a conjunction's sides
    lines = [f"try have := {h} {t}" for h in heads for t in terms]
    lines += [f"try have := {h} {t} {u}" for h in heads for t in terms for u in terms if t != u]
    if not lines:
        return []
    return ["\n  ".join(lines[:limit] + [_unfold_all(lib) + "grind"])]


def _unfold_only(names: list[str]) -> list[str]:
    """The line that unfolds just these definitions everywhere, outermost first (none for
    no names). `unfold`, not `simp only`: a definition whose body is a `fun` has equations
    only for its full application, which `value p (excessDemand E x)` is not."""
    return [f"(try unfold {' '.join(names)} at *)"] if names else []


def _lemma_instances(goal: Goal, lib: Relevant) -> list[str]:
    """Library lemmas applied to the goal's terms (`etp.library.instances.lemma_instances`), each in a
    `try have` (stated against the statement as written: `(h := h)` gives a lemma the
    statement's hypothesis), then the definitions no lemma is about unfolded everywhere,
    instances included; then `grind` with the first-order lemmas (`welfare w o = w i o +
    welfareOthers w i o`)."""
    if not lib.instances:
        return []
    # Definitions the instances name stay folded: unfolded, `welfareOthers w i o` becomes a
    # `fun` term grind finds no pattern in.
    named = set(identifiers(" ".join(lib.instances)))
    keep = [d for d in lib.surface if d.rsplit(".", 1)[-1] not in named]
    unfold = _unfold_only(keep)
    haves = [f"try have := {term}" for term in lib.instances]
    hints = f" [{', '.join(lib.first_order)}]" if lib.first_order else ""
    return ["\n  ".join(haves + unfold + ["grind" + hints])]


def _surface_rewrite(goal: Goal, lib: Relevant) -> list[str]:
    """Unfold only the definitions no library lemma is about, then rewrite with the lemmas
    and the hypotheses (`simp_all`), then `grind`: `excessDemand` unfolds to `value p (fun
    j => ...)`, which `value_sub` and `value_aggregate` rewrite and a hypothesis `hb : ∀ i,
    value p (x i) = ...` finishes; unfolding `value` as well would hide the lemmas' terms."""
    if not lib.lemmas:
        return []
    return ["\n  ".join(_unfold_only(lib.surface) + [f"(try simp_all [{', '.join(lib.lemmas)}])", "all_goals grind"])]


def _lemma_cases(goal: Goal, lib: Relevant) -> list[str]:
    """Facts the library's lemmas give from the statement's hypotheses (`IsConvex3.pairs
    hv`), then a case split on a lemma whose conclusion is a disjunction, applied to the
    statement's variables (`order3_cases pos hpos`: six orders of three players), each case
    simplified with its equations and the definitions, then `grind`."""
    if not lib.cases and not lib.applied:
        return []
    haves = [f"try have := {term}" for term in lib.applied]
    if not lib.cases:
        return ["\n  ".join(haves + [_unfold_all(lib) + "grind"])]
    term, disjuncts = lib.cases[0]
    rules = ", ".join(lib.definitions + [_FINITE_LEMMAS, "hcase"])
    split = f"rcases {term} with {' | '.join(['hcase'] * disjuncts)} <;> simp [{rules}] at * <;> grind"
    return ["\n  ".join(haves + [split])]


_POSITIVE = re.compile(r"0 < ([A-Za-z_][\w']*)")


def _division_hints(goal: Goal, lib: Relevant) -> list[str]:
    """Nonlinear facts over `Rat` for `grind`'s linear arithmetic, in the spirit of
    `nlinarith`'s products of hypotheses: for each hypothesis `hb : 0 < b`, `0 < b⁻¹`, and
    every strict hypothesis `u < w` multiplied by `b⁻¹` and by `b`; divisions become
    products with inverses split (`(a - c) / (2 * b)` is `(a - c) * (b⁻¹ * 2⁻¹)`), so
    `(a - c) * b⁻¹` is one atom on both sides. Each step in `try`: a hypothesis over `Nat`
    only drops its own lines."""
    infos = _binders(goal)
    positive = [(h, m.group(1)) for info in infos if (m := _POSITIVE.fullmatch(info.type)) for h in info.names]
    if not positive:
        return []
    strict = [h for info in infos if top_level_find(info.type, "<") >= 0 for h in info.names]
    lines = [f"try have := Rat.inv_pos.mpr {h}" for h, _ in positive]
    for s in strict:
        for h, _ in positive:
            if s != h:
                lines += [f"try have := Rat.mul_lt_mul_of_pos_right {s} (Rat.inv_pos.mpr {h})",
                          f"try have := Rat.mul_lt_mul_of_pos_right {s} {h}"]
    unfold = [f"try simp only [{', '.join(lib.direct)}] at *"] if lib.direct else []
    return ["\n  ".join(unfold + lines + ["try simp only [Rat.div_def, Rat.inv_mul_rev] at *", "grind"])]


def _when_closed(script: str) -> Callable[[Goal, Relevant], list[str]]:
    """For goals without binders (`decide` cannot decide a goal with free variables)."""

    def make(goal: Goal, lib: Relevant) -> list[str]:
        try:
            return [] if parse_signature(goal.statement).binders else [script]
        except GoalParseError:
            return []

    return make


_INTRO = {"∀", "→", "¬"}
_SPLIT = {"∧", "↔"}
_UNFOLD = "intros\n  (try simp only [{defs}] at *)\n  "

# The static order: measured on econ_core (the unfolding entries first: they closed most of
# its theorems; then library lemmas, hypothesis instantiation and finite case expansion,
# each the only proof of some econ_core theorems), cheap general tactics next, expensive
# searches last.
PORTFOLIO: list[Tactic] = [
    Tactic("simp_defs_grind", _with_library("simp [{defs}] at * <;> grind")),
    Tactic("decide", _when_closed("decide")),
    Tactic("simp_defs_lemmas_grind", _with_library("simp [{defs}, {lemmas}] at * <;> grind", needs="lemmas")),
    Tactic("instantiate_grind", _instantiations),
    Tactic("lemma_instances_grind", _lemma_instances),
    Tactic("surface_simp_all_lemmas", _surface_rewrite),
    Tactic("division_hints_grind", _division_hints),
    Tactic("lemma_cases_grind", _lemma_cases),
    Tactic("finite_expansion_grind", _finite_expansion),
    # grind with library lemmas as extra theorems: with every definition and lemma it ran
    # past the wall-clock limit on 7 equilibrium theorems, so the lists are capped.
    Tactic("grind_defs_lemmas", _with_library("grind [{hints}]", needs="lemmas")),
    Tactic("grind", _always("grind")),
    Tactic("grind_lemma", _per_lemma("{unfold}grind [{lemma}]")),
    Tactic("apply_lemma", _per_lemma("{unfold_direct}intros\n  apply {lemma} <;> grind")),
    Tactic("unfold_grind", _with_library(_UNFOLD + "grind")),
    Tactic("omega", _always("omega")),
    Tactic("simp_all", _always("simp_all")),
    Tactic("unfold_simp_all", _with_library(_UNFOLD + "simp_all")),
    Tactic("constructor_unfold_grind", _with_library(
        "constructor <;> intros <;> (try simp only [{defs}] at *) <;> grind", heads=_SPLIT)),
    Tactic("unfold_omega", _with_library(_UNFOLD + "omega")),
    Tactic("simp_all_defs", _with_library("simp_all [{defs}]")),
    Tactic("grind_defs", _with_library("grind [{defs}]")),
    Tactic("first_combo", _always("first | rfl | omega | decide | grind | simp_all")),
    Tactic("constructor_grind", _when_head(_SPLIT, "constructor <;> grind")),
    Tactic("intros_grind", _when_head(_INTRO, "intros\n  grind")),
    Tactic("intros_omega", _when_head(_INTRO, "intros\n  omega")),
    Tactic("intros_simp_all", _when_head(_INTRO, "intros\n  simp_all")),
    Tactic("simp", _always("simp")),
    Tactic("constructor_simp_all", _when_head(_SPLIT, "constructor <;> simp_all")),
    Tactic("cases_or_grind", _per_binder(lambda t: head_symbol(t) == "∨", "rcases {x} with {x} | {x} <;> grind")),
    Tactic("cases_bool_decide", _per_binder(lambda t: t == "Bool", "cases {x} <;> decide")),
    Tactic("cases_bool_simp_all", _per_binder(lambda t: t == "Bool", "cases {x} <;> simp_all")),
    Tactic("induction_simp_all", _per_binder(lambda t: t in ("Nat", "ℕ"), "induction {x} <;> simp_all")),
    Tactic("induction_grind", _per_binder(lambda t: t in ("Nat", "ℕ"), "induction {x} <;> grind")),
    Tactic("induction_omega", _per_binder(lambda t: t in ("Nat", "ℕ"), "induction {x} <;> omega")),
    Tactic("simp_arith", _always("simp +arith")),
    Tactic("simp_all_grind", _always("simp_all <;> grind")),
    Tactic("rfl", _always("rfl")),
    Tactic("trivial", _always("trivial")),
    Tactic("exact_search", _always("exact?")),
]


@dataclass
class TacticStats:
    """(label, feature) -> (proved, tried), from past runs."""

    counts: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)

    def to_json(self) -> list:
        return [[label, feat, p, t] for (label, feat), (p, t) in sorted(self.counts.items())]

    @classmethod
    def from_json(cls, rows: list) -> "TacticStats":
        return cls({(label, feat): (int(p), int(t)) for label, feat, p, t in rows})


def rank(portfolio: list[Tactic], features: frozenset[str], stats: TacticStats, prior_weight: float = 2.0) -> list[Tactic]:
    """The portfolio ordered for a goal with these features, best first.

    Score: the mean over the goal's features of a smoothed success rate whose prior falls
    gently with the static position, so that without data the static order stands.
    """
    scored = []
    for pos, tactic in enumerate(portfolio):
        prior = 0.5 - 0.01 * pos
        if features:
            rates = []
            for feat in features:
                proved, tried = stats.counts.get((tactic.label, feat), (0, 0))
                rates.append((proved + prior_weight * prior) / (tried + prior_weight))
            score = sum(rates) / len(rates)
        else:
            score = prior
        scored.append((-score, pos, tactic))
    scored.sort(key=lambda s: (s[0], s[1]))
    return [t for _, _, t in scored]


class AutomationProver:
    """Core Lean tactics, ordered by past success on goals of a similar shape."""

    name = "automation"

    def __init__(self, options: AutomationOptions | None = None, *, stats: TacticStats | None = None,
                 portfolio: list[Tactic] | None = None, library: LibraryIndex | None = None):
        self.options = options or AutomationOptions()
        self.stats = (stats or TacticStats()) if self.options.past_runs else TacticStats()
        self.portfolio = portfolio or PORTFOLIO
        self.library = library or LibraryIndex()

    def candidates_for(self, goal: Goal) -> list[Candidate]:
        """Every applicable candidate for the goal, best first."""
        out: list[Candidate] = []
        seen: set[str] = set()
        lib = self.library.relevant(goal.header.imports, goal.statement, goal.lemmas)
        for tactic in rank(self.portfolio, goal.features, self.stats, self.options.prior_weight):
            for script in tactic.scripts(goal, lib):
                proof = "by\n  " + script
                if proof not in seen:
                    seen.add(proof)
                    out.append(Candidate(goal_key=goal.key, proof=proof, prover=self.name, label=tactic.label))
        return out

    def propose(self, goals: list[Goal], budget: Budget) -> list[Candidate]:
        out = []
        for goal in goals:
            out.extend(self.candidates_for(goal)[: budget.left(goal)])
        return out
