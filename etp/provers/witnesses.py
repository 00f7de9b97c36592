"""Moves read off one goal state: witnesses for an existential target, and the finite case
split that lets `decide` finish a goal over `Bool` and `Fin k` variables.

Lean prints `∃ μ, P μ` without the binder's type; the type comes from the statement, whose
`∃` binders keep their names in every state. A witness of type `T` is, in order: a variable
of the state of type `T`; for a number type, `0`, `1`, halves and midpoints of its variables;
for `A → B`, a constant function of a witness of `B`; a library constant or function whose
result type has `T`'s head, applied to the state's variables and to the target's own
library terms of each parameter's type (one level: `daMatching (market2 m0 m1 w0 w1)`).
"""

from __future__ import annotations

import itertools
import re

from etp.goals import GoalParseError, binder_infos, collapse, parse_printed_goal, parse_signature
from etp.library.source import Decl
from etp.text import BracketError, matching, top_level_find

MAX_WITNESSES = 16  # witness lines per state
MAX_ARGS = 4  # terms tried per parameter of a library function
NUMBERS = {"Nat", "ℕ", "Int", "ℤ", "Rat", "ℚ"}
FINITE = re.compile(r"Bool|Fin \d+|Fin \(\d+\)")  # a `revert ...; decide` is worth trying over these


def exists_binders(statement: str) -> dict[str, str]:
    """The names and types of the `∃` binders a statement writes with their types, anywhere
    in it (`∃ μ : Matching 2, ...`, `∃ (b : Fin n → Rat) (x : Rat), ...`)."""
    try:
        text = parse_signature(statement).type
    except GoalParseError:
        return {}
    out: dict[str, str] = {}
    for m in re.finditer("∃", text):
        out.update((name, type_) for name, type_ in _binders(text[m.start():]) if type_)
    return out


def _binders(target: str) -> list[tuple[str, str]]:
    """(name, type or "") of each variable the quantifier opening `target` binds, in order:
    `∃ x, ...`, `∀ x y : T, ...`, `∃ (x : T) (y : U), ...`."""
    comma = top_level_find(target, ",", 1)
    binder = target[1:comma].strip() if comma > 0 else ""
    groups = _groups(binder) if binder.startswith("(") else [binder]
    out = []
    for group in groups:
        names, _, type_ = group.partition(":")
        out += [(n, collapse(type_)) for n in names.split()]
    return out


def _groups(text: str) -> list[str]:
    """The insides of the bracket groups `(x : T) (y : U)`."""
    out, i = [], 0
    while i < len(text) and text[i] == "(":
        try:
            end = matching(text, i)
        except BracketError:
            return out
        out.append(text[i + 1:end - 1])
        i = end
        while i < len(text) and text[i].isspace():
            i += 1
    return out


def head(type_: str) -> str:
    """The first word of a type (`Matching` of `Matching n`), brackets dropped; a function
    type is its own head (`Fin n → Rat` is not a `Fin`)."""
    if top_level_find(type_, "→") >= 0:
        return collapse(type_)
    return type_.strip().lstrip("(").split(" ", 1)[0].split(")", 1)[0]


class StateMoves:
    """The moves of a goal's states: `moves(state)` gives (steps, closers) as tactic lines."""

    def __init__(self, statement: str, decls: list[Decl]):
        self.binder_types = exists_binders(statement)
        self.functions: list[tuple[str, list[str], str]] = []  # (short name, explicit parameter types, result type)
        for d in decls:
            if d.kind in ("def", "abbrev") and (sig := _signature(d)) is not None:
                self.functions.append(sig)

    def moves(self, state: str) -> tuple[list[str], list[str]]:
        try:
            goal = parse_printed_goal(state.split("\n\n", 1)[0])
        except GoalParseError:
            return [], []
        typed = [(n, h.type) for h in goal.hyps for n in h.names if "✝" not in n]  # `✝`: no name to use
        finite = [n for n, t in typed if FINITE.fullmatch(t)]
        closers = [f"revert {' '.join(finite)}; decide"] if finite else []
        binders = _binders(goal.target) if goal.target[:1] in ("∀", "∃") else []
        # plain names only: `∀ x ∈ s, ...` binds `x` alone
        names = [n for n, _ in binders] if all(re.fullmatch(r"[^\W\d][\w']*", n) for n, _ in binders) else []
        if goal.target.startswith("∀") and names:
            return [f"intro {' '.join(names)}"], closers  # `intros` would leave them nameless
        if not goal.target.startswith("∃") or not binders:
            return [], closers
        # the target's terms that mention a variable the `∃` binds cannot be a witness's part
        body = goal.target[top_level_find(goal.target, ",", 1) + 1:]
        name, type_ = binders[0]
        type_ = type_ or self.binder_types.get(name) or self.parameter_type(name, body)
        if not type_:
            return [], closers
        witnesses = self.witnesses(type_, typed, body, set(names))
        return [f"refine ⟨{w}, ?_⟩" for w in witnesses[:MAX_WITNESSES]], closers

    def parameter_type(self, name: str, text: str) -> str | None:
        """The type of the library function parameter `name` is passed as in `text`
        (`InCore2 v x` gives `x` the second explicit parameter's type of `InCore2`)."""
        for fname, params, _ in self.functions:
            for m in re.finditer(rf"(?<![\w.']){re.escape(fname)}(?![\w'])", text):
                args = _arguments(text, m.end())
                if name in args[:len(params)]:
                    return params[args.index(name)]
        return None

    def witnesses(self, type_: str, typed: list[tuple[str, str]], target: str, bound: set[str] = frozenset()) -> list[str]:
        same = [n for n, t in typed if t == type_]
        out = list(same)
        if type_ in NUMBERS:
            out += ["0", "1"] + ([f"{n} / 2" for n in same] + [f"({a} + {b}) / 2" for a, b in
                                 itertools.combinations(same, 2)] if type_ in ("Rat", "ℚ") else [])
        arrow = top_level_find(type_, "→")
        if arrow >= 0:
            out += [f"fun _ => {w}" for w in self.witnesses(type_[arrow + 1:].strip(), typed, target, bound)
                    if top_level_find(w, "→") < 0]
        if type_ not in NUMBERS:  # numbers have their own witnesses; any function returns one
            out += self._applications(type_, typed, target, bound)
        return list(dict.fromkeys(out))

    def _applications(self, type_: str, typed: list[tuple[str, str]], target: str, bound: set[str]) -> list[str]:
        """Library functions of result type `type_`'s head, applied to terms of each parameter's head."""
        subterms = [s for s in _parenthesized(target) if not bound & set(re.findall(r"[\w.'✝]+", s)) and "✝" not in s]
        # a subterm applying a library function has that function's result type
        typed_subterms = [(s, head(r)) for s in subterms for f, _, r in self.functions if s.startswith(f + " ")]
        out = []
        for name, params, result in self.functions:
            if head(result) != head(type_):
                continue
            choices = []
            for p in params:
                terms = [n for n, t in typed if head(t) == head(p)] + [s for s, h in typed_subterms if h == head(p)]
                choices.append([t if " " not in t else f"({t})" for t in dict.fromkeys(terms)][:MAX_ARGS])
            for args in itertools.islice(itertools.product(*choices), MAX_ARGS):
                out.append(" ".join([name, *args]) if args else name)
        return out


def _signature(d: Decl) -> tuple[str, list[str], str] | None:
    """(short name, explicit parameter types, result type) of a definition with a result type."""
    try:
        sig = parse_signature(re.sub(r"^\s*\S+", "theorem", d.signature, count=1))
    except GoalParseError:
        return None
    params = [info.type for b, info in zip(sig.binders, binder_infos(sig.binders)) if b.startswith("(")
              for _ in info.names]
    return d.name.rsplit(".", 1)[-1], params, sig.type


def _arguments(text: str, i: int) -> list[str]:
    """The arguments written after position `i` (a function's name): names, numbers and
    bracket groups, up to the first operator or closing bracket."""
    args = []
    while True:
        while i < len(text) and text[i] == " ":
            i += 1
        if i < len(text) and text[i] in "(⟨[":
            try:
                end = matching(text, i)
            except BracketError:
                return args
        elif m := re.match(r"[\w.'✝]+", text[i:]):
            end = i + m.end()
        else:
            return args
        args.append(text[i:end])
        i = end


def _parenthesized(text: str) -> list[str]:
    """Every parenthesized term of a text, inner text only, outermost first."""
    out = []
    for i, c in enumerate(text):
        if c == "(":
            try:
                out.append(collapse(text[i + 1:matching(text, i) - 1]))
            except BracketError:
                continue
    return out
