"""Premise selection: what the library offers one goal.

Core Lean's automation does not unfold a library's definitions by itself (`grind` and
`simp` see `cournotProfit a b c q q'` as an opaque function application), and it does not
know which library lemmas matter. For a goal this gives the library definitions its
statement mentions (and those their bodies mention, transitively) and the library lemmas
stated about them, ranked: the raw material of `simp only [defs]`-then-automation candidates
and of lemma hints (`grind [lemmas]`), a symbolic premise selection. Lemmas applied to the
goal's own terms come from `etp.library.instances`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from etp.goals import GoalParseError, binder_infos, parse_signature
from etp.library.instances import applied_lemmas, lemma_instances, params
from etp.library.source import Decl, bound_names, by_suffix, conclusion, identifiers
from etp.text import top_level_find

Resolver = Callable[[str], list[Decl]]


@dataclass
class Relevant:
    """What the library offers for one goal."""

    definitions: list[str]  # unfoldable definitions, those the statement names first
    direct: list[str]  # the ones the statement itself names
    lemmas: list[str]  # library lemmas about them, best first
    instances: list[str] = field(default_factory=list)  # lemmas partly applied to the goal's terms
    surface: list[str] = field(default_factory=list)  # definitions no chosen lemma is about
    applied: list[str] = field(default_factory=list)  # lemmas applied to the statement's variables, by type
    cases: list[tuple[str, int]] = field(default_factory=list)  # ... of them with a disjunction: (term, disjuncts)
    first_order: list[str] = field(default_factory=list)  # chosen lemmas with no function parameter


def _resolver(suffixes: dict[str, list[Decl]]) -> Resolver:
    """The declarations a text names (its bound names excepted), in order of appearance."""

    def resolve(text: str) -> list[Decl]:
        found: dict[str, Decl] = {}
        bound = bound_names(text)
        for tok in identifiers(text):
            if tok in bound:
                continue
            for d in suffixes.get(tok, []):
                found.setdefault(d.name, d)
        return list(found.values())

    return resolve


def _definitions(resolve: Resolver, statement: str, max_defs: int) -> tuple[list[Decl], dict[str, Decl], dict[str, int]]:
    """(the unfoldable definitions the statement names, those and the ones their bodies use
    breadth first up to `max_defs`, how far from the statement each constant reached is).
    Recursive definitions (`finSum`) are reached but never unfolded: lemmas about them are
    often what a proof needs."""
    named = [d for d in resolve(statement) if not d.is_lemma]
    direct = [d for d in named if d.unfoldable]
    defs: dict[str, Decl] = {d.name: d for d in direct}
    # Constants only the binders name (`Valuations`, `Market`) say less than the conclusion's.
    in_conclusion = {d.name for d in resolve(conclusion(statement))}
    depth: dict[str, int] = {d.name: 0 if d.name in in_conclusion else 2 for d in named}
    frontier = list(direct)
    level = 0
    while frontier and len(defs) < max_defs:
        level += 1
        nxt = []
        for d in frontier:
            for e in resolve(d.body):
                if e.is_lemma:
                    continue
                depth.setdefault(e.name, level)
                if e.unfoldable and e.name not in defs and len(defs) < max_defs:
                    defs[e.name] = e
                    nxt.append(e)
        frontier = nxt
    return direct, defs, depth


def _rank_lemmas(resolve: Resolver, decls: list[Decl], depth: dict[str, int]) -> list[str]:
    """Lemmas ranked by the goal constants their conclusions name, those nearer the statement
    weighing more, then by fewest foreign constants (a lemma about exactly these constants
    is the best hint)."""
    scored = []
    for pos, d in enumerate(decls):
        if not d.is_lemma:
            continue
        consts = {e.name for e in resolve(conclusion(d.signature)) if not e.is_lemma}
        weight = sum(2.0 ** -depth[c] for c in consts if c in depth)
        if weight:
            scored.append((-weight, len(consts - depth.keys()), pos, d.name))
    scored.sort()
    return [name for *_, name in scored]


def _surface(resolve: Resolver, defs: dict[str, Decl], chosen: list[Decl]) -> list[str]:
    """The definitions no chosen lemma is about: unfolding these exposes the terms the lemmas
    are about (`excessDemand` to `value p (fun j => ...)` for `value_sub`), where unfolding
    `value` too would hide them. Ordered for `unfold a b`, which unfolds `a` first: a
    definition before those its body names, or what its body brings in stays folded."""
    about = {e.name for lemma in chosen for e in resolve(conclusion(lemma.signature))}
    surface = [name for name in defs if name not in about]
    named_in = {n: {e.name for e in resolve(defs[n].body)} for n in surface}
    return sorted(surface, key=lambda n: sum(n in named_in[m] for m in named_in if m != n))


def _statement_binders(statement: str) -> list[tuple[str, str]]:
    """The statement's variables as (name, type); none when it does not parse."""
    try:
        return [(n, info.type) for info in binder_infos(parse_signature(statement).binders) for n in info.names]
    except GoalParseError:
        return []


def select_premises(decls: list[Decl], statement: str, max_defs: int = 12, max_lemmas: int = 6,
                    hints: tuple[str, ...] = ()) -> Relevant:
    """What the declarations `decls` (those a header makes visible) offer the goal; the visible
    lemmas among `hints` (full or dotted-suffix names) come first."""
    suffixes = by_suffix(decls)
    resolve = _resolver(suffixes)
    direct, defs, depth = _definitions(resolve, statement, max_defs)
    hinted = [d.name for h in hints for d in suffixes.get(h, []) if d.is_lemma]
    lemmas = list(dict.fromkeys(hinted + _rank_lemmas(resolve, decls, depth)))
    lemmas_kept = lemmas[:max(max_lemmas, len(hinted))]  # every visible hint, however many
    index_of = {d.name: d for d in decls}
    chosen = [index_of[n] for n in lemmas_kept]
    binders = _statement_binders(statement)
    # `grind [lemma]` refuses a lemma with no usable pattern, typically `f i` for a function
    # parameter `f`, and with it the whole call.
    first_order = [d.name for d in chosen if not any(top_level_find(t, "→") >= 0 for _, _, t in params(d))]
    return Relevant(
        definitions=list(defs), direct=[d.name for d in direct], lemmas=lemmas_kept,
        instances=lemma_instances(statement, binders, list(defs.values()), [index_of[n] for n in lemmas], suffixes),
        surface=_surface(resolve, defs, chosen), first_order=first_order, **applied_lemmas(binders, decls),
    )
