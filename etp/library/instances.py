"""Library lemmas applied to a goal's own terms, for automation that cannot instantiate them.

Two ways: by the goal's terms (`lemma_instances`: a lemma's function parameters matched, as
text, against applications in the statement or in the definitions it names, unfolded) and
by the goal's variables' types (`applied_lemmas`: explicit parameters filled by variables
whose types match). Matching is textual; an instance Lean rejects is dropped by the `try
have` that carries it.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from etp.goals import GoalParseError, binder_infos, parse_signature
from etp.library.source import Decl, bound_names, conclusion, identifiers
from etp.text import BracketError, matching, split_top_level, top_level_find

_MAX_ARGS = 8
_KEYWORDS = frozenset({"fun", "if", "then", "else", "let", "have", "with", "match", "by", "do", "at", "in"})
_ATOM = re.compile(r"[A-Za-z_\u0370-\u03FF][\w'.!?\u2080-\u209C]*|\d+")


@lru_cache(maxsize=4096)
def params(decl: Decl) -> tuple[tuple[str, bool, str], ...]:
    """A declaration's parameters in order, as (name, explicit, type); instance binders left
    out. Cached: every goal's lookup reads the signatures of all visible lemmas."""
    head = re.sub(r"^\S+", "theorem", decl.signature.strip(), count=1)
    for text in (head, head + " : Prop"):
        try:
            groups = parse_signature(text).binders
            break
        except GoalParseError:
            continue
    else:
        return ()
    return tuple((n, g.startswith("("), info.type) for g in groups if g[0] in "({⦃"
                 for info in binder_infos((g,)) for n in info.names)


def _applications(text: str, name: str, arity: int) -> list[list[str]]:
    """The argument lists (up to `arity` arguments: names, numerals, bracketed terms) that
    follow each occurrence of `name` in `text`."""
    out = []
    for m in re.finditer(rf"(?<![\w.']){re.escape(name)}(?![\w'])", text):
        args, j = [], m.end()
        while len(args) < arity:
            k = j
            while k < len(text) and text[k] in " \n":
                k += 1
            if k < len(text) and text[k] == "(":
                try:
                    end = matching(text, k)
                except BracketError:
                    break
                args.append(text[k:end])
                j = end
                continue
            atom = _ATOM.match(text, k)
            if not atom or atom.group() in _KEYWORDS:
                break
            args.append(atom.group())
            j = atom.end()
        if args:
            out.append(args)
    return out


def _unfold_text(statement: str, d: Decl) -> list[str]:
    """`d`'s body at each full application of `d` in the statement: explicit parameters
    replaced by the arguments, implicit ones by `_` (unknown here)."""
    ps = params(d)
    explicit = [n for n, e, _ in ps if e]
    if not explicit or not d.body.strip():
        return []
    short = d.name.rsplit(".", 1)[-1]
    out = []
    for args in _applications(statement, short, len(explicit)):
        if len(args) < len(explicit):
            continue
        values = dict(zip(explicit, args))
        values.update({n: "_" for n, e, _ in ps if not e})
        pattern = re.compile(r"(?<![\w.'])(" + "|".join(map(re.escape, values)) + r")(?![\w'])")
        out.append(pattern.sub(lambda m: values[m.group(1)], d.body))
    return out


def _assign(pattern: list[str], args: list[str], ps: dict[str, str], local: set[str]) -> dict[str, str] | None:
    """The lemma's parameters its conclusion's application `pattern` names, given the goal's
    terms `args` at the same places; None when one parameter would get two terms. Wildcards,
    named arguments and terms naming a locally bound variable are no assignment."""
    assigned: dict[str, str] = {}
    for var, arg in zip(pattern, args):
        if (var not in ps or arg == "_" or ":=" in arg or "_" in identifiers(arg)
                or set(identifiers(arg)) & local):
            continue
        if assigned.setdefault(var, arg) != arg:
            return None
    return assigned


def lemma_instances(statement: str, binders: list[tuple[str, str]], unfoldable: list[Decl], lemmas: list[Decl],
                    by_suffix: dict[str, list[Decl]], limit: int = 10) -> list[str]:
    """Lemmas applied, by named arguments, to terms of the goal their conclusion matches.

    `le_finSup (n) (f) (i) : f i ≤ finSup n f` has no pattern `grind` can use (`f i` is
    higher order), so `grind [le_finSup]` is refused. Where the goal, or the body of a
    definition it names, shows `finSup k (welfareOthers w i)`, the instance
    `le_finSup (f := welfareOthers w i)`, a fact `∀ i, welfareOthers w i i ≤ finSup k ...`,
    has a first-order pattern. Matching is textual; an instance Lean rejects is dropped by
    the `try have` that carries it."""
    texts = frontier = [statement]
    for _ in range(2):  # the definitions the statement names, and those their bodies name
        frontier = [t for text in frontier for d in unfoldable for t in _unfold_text(text, d) if t not in texts]
        texts = list(dict.fromkeys(texts + frontier))
    top_names = {n for n, _ in binders}
    local = {n for text in texts for n in bound_names(text)} - top_names  # `fun i => ...` in any of them
    hyps = sorted(n for n in top_names if n.startswith("h"))
    out: dict[str, None] = {}
    for lemma in lemmas:
        ps = {n: t for n, _, t in params(lemma)}
        # Functions (`f : Fin (n + 1) → Rat`): the parameters grind cannot find by itself.
        higher = {v for v, t in ps.items() if top_level_find(t, "→") >= 0}
        concl = conclusion(lemma.signature)
        for const in dict.fromkeys(identifiers(concl)):
            if const in ps or not any(not d.is_lemma for d in by_suffix.get(const, [])):
                continue
            for pattern in _applications(concl, const, _MAX_ARGS):
                for args in (a for text in texts for a in _applications(text, const, len(pattern))):
                    assigned = _assign(pattern, args, ps, local)
                    if assigned is None or not assigned.keys() & higher or len(out) >= limit:
                        continue
                    named = " ".join(f"({v} := {a})" for v, a in assigned.items())
                    out[f"{lemma.name} {named}"] = None
                    # The lemma's hypotheses given the statement's (`(h := h)`): Lean then
                    # infers the parameters they fix, which no term shows.
                    for hp in [v for v in ps if v.startswith("h") and v not in assigned][:1]:
                        for hs in hyps[:2]:
                            out.setdefault(f"{lemma.name} {named} ({hp} := {hs})", None)
    return list(out)[:limit]


# ------------------------------------------------------ lemmas applied by type

def _type_pattern(type_: str, implicit: set[str]) -> re.Pattern:
    """A parameter's type as a regex over a binder's type: the lemma's implicit parameters
    match any one token or bracketed term (`Fin n → Rat` matches `Fin (k + 1) → Rat`)."""
    parts = re.split(r"(?<![\w.'])(" + "|".join(map(re.escape, sorted(implicit))) + r")(?![\w'])", type_) if implicit else [type_]
    group: dict[str, str] = {}  # parameter name -> regex group name (`w'` is no group name)
    out = []
    for k, part in enumerate(parts):
        if k % 2 and part in group:
            out.append(f"(?P={group[part]})")
        elif k % 2:
            group[part] = f"g{len(group)}"
            out.append(rf"(?P<{group[part]}>[\w.']+|\([^()]*\))")
        else:
            out.append(re.escape(part))
    return re.compile("".join(out))


def applied_lemmas(binders: list[tuple[str, str]], decls: list[Decl], per_lemma: int = 2, limit: int = 6) -> dict:
    """Library lemmas whose explicit parameters the statement's variables fill by type
    (`order3_cases pos hpos` from `pos : Fin 3 → Fin 3`); a parameter no variable's type
    matches is left to `by assumption` (a hypothesis that holds up to unfolding,
    `Function.Injective pos` for `∀ p q, pos p = pos q → p = q`), at most one per lemma.
    Lemmas with a disjunction as conclusion are also returned apart, for a case split.
    `binders`: the statement's variables, (name, type)."""
    applied: list[str] = []
    cases: list[tuple[str, int]] = []
    for lemma in decls:
        if not lemma.is_lemma:
            continue
        ps = params(lemma)
        explicit = [(n, t) for n, e, t in ps if e]
        implicit = {n for n, e, _ in ps if not e}
        if not explicit:
            continue
        options: list[list[str]] = []
        for name, type_ in explicit:
            pattern = _type_pattern(type_, implicit)
            fits = [b for b, bt in binders if pattern.fullmatch(bt)]
            options.append(fits[:2] or ["(by assumption)"])
        disjuncts = len(split_top_level(conclusion(lemma.signature), "∨"))
        guesses = sum(o == ["(by assumption)"] for o in options)
        for combo in itertools.islice(itertools.product(*options), per_lemma):
            term = " ".join((lemma.name, *combo))
            if disjuncts > 1 and guesses <= min(1, len(options) - 1):
                cases.append((term, disjuncts))
            # A fact from the statement's hypotheses (`IsConvex3.pairs hv`), not a lemma
            # instantiated at whatever variables have the right type.
            elif not guesses and len(set(combo)) == len(combo) and any(c.startswith("h") for c in combo):
                applied.append(term)
    return {"applied": applied[:limit], "cases": cases[:2]}
