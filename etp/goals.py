"""Goals as text: statements split into binders and type, Lean's printed goals turned back
into statements, normalized keys (identical goals are proved once) and shape features.

Pure functions over strings; nothing here runs Lean.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from etp.core import Header, Signature, split_statement
from etp.text import BracketError, matching, top_level_find

INACCESSIBLE = "✝"


class GoalParseError(ValueError):
    """A statement or printed goal that cannot be turned into binders and a type."""


def collapse(text: str) -> str:
    """Whitespace runs to one space (Lean terms do not depend on the layout we print)."""
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def parse_signature(statement: str) -> Signature:
    """Split `theorem NAME (x : T) ... : TYPE` into name, binder groups and type. Cached:
    provers, plans and the library ask for the same statements again and again."""
    try:
        name, rest = split_statement(statement)
    except ValueError as exc:
        raise GoalParseError(str(exc)) from None
    binders = []
    i = 0
    while True:
        while i < len(rest) and rest[i].isspace():
            i += 1
        if i < len(rest) and rest[i] in "([{⦃":
            try:
                end = matching(rest, i)
            except BracketError as exc:
                raise GoalParseError(str(exc)) from None
            binders.append(collapse(rest[i:end]))
            i = end
            continue
        break
    if not rest.startswith(":", i):
        raise GoalParseError(f"expected `:` before the type of {name}, found {rest[i:i + 30]!r}")
    type_ = collapse(rest[i + 1:])
    if not type_:
        raise GoalParseError(f"{name} has no type")
    return Signature(name, tuple(binders), type_)


def goal_key(header: Header, statement: str) -> str:
    """Names a goal up to its declaration name: goals share a key only when Lean reads the
    same text (exact signature, same header). No normalization here: collapsing blanks would
    merge `"a  b"` with `"a b"`, or a `--` comment with the line after it."""
    try:
        _, signature = split_statement(statement)
    except ValueError:
        signature = statement
    payload = "\n".join(["\0".join(header.imports), "\0".join(header.open), signature.strip()])
    return hashlib.sha256(payload.encode()).hexdigest()[:20]


# ----------------------------------------------------------------- printed goals


@dataclass(frozen=True)
class Hypothesis:
    names: tuple[str, ...]
    type: str


@dataclass(frozen=True)
class PrintedGoal:
    """A goal as Lean prints it: optional case tag, hypotheses, target."""

    case: str | None
    hyps: tuple[Hypothesis, ...]
    target: str

    @property
    def inaccessible(self) -> list[str]:
        """Inaccessible hypothesis names (`x✝`, `h✝¹`) in context order."""
        return [n for h in self.hyps for n in h.names if INACCESSIBLE in n]


def parse_printed_goal(text: str) -> PrintedGoal:
    """`case tag`, `x y : T` lines (continuations indented), then `⊢ target`."""
    lines = text.strip("\n").split("\n")
    case = None
    if lines and lines[0].startswith("case "):
        case = lines[0][5:].strip()
        lines = lines[1:]
    entries: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        if line[0].isspace() and entries:
            entries[-1] += " " + line.strip()
        else:
            entries.append(line.strip())
    if not entries or not entries[-1].startswith("⊢"):
        raise GoalParseError("no `⊢` target in the goal")
    target = collapse(entries[-1][1:])
    hyps = []
    for entry in entries[:-1]:
        sep = entry.find(" : ")
        if sep <= 0:
            raise GoalParseError(f"cannot read hypothesis {entry[:60]!r}")
        names = tuple(entry[:sep].split())
        type_ = collapse(entry[sep + 3:])
        if top_level_find(type_, ":=") >= 0:
            raise GoalParseError(f"let-bound hypothesis {names[0]} cannot become a binder")
        hyps.append(Hypothesis(names, type_))
    return PrintedGoal(case, tuple(hyps), target)


def _replace_name(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<![\w.'✝]){re.escape(old)}(?![\w'✝])", new, text)


@dataclass(frozen=True)
class ChildStatement:
    """A printed goal as a standalone statement, plus what makes the parent context match."""

    statement: str
    renames: tuple[str, ...] = ()  # fresh names for the goal's inaccessible hypotheses, in order
    case: str | None = None


def goal_to_statement(goal: str | PrintedGoal, name: str) -> ChildStatement:
    """`x : T`, `h : P`, `⊢ Q` as `theorem name (x : T) (h : P) : Q`.

    Inaccessible names (`n✝`) get fresh names; the parent must `rename_i` them (in order)
    before using the child's proof. Instance hypotheses become `[inst : C]` binders.
    """
    pg = parse_printed_goal(goal) if isinstance(goal, str) else goal
    taken = {n for h in pg.hyps for n in h.names}
    mapping: dict[str, str] = {}
    for old in pg.inaccessible:
        base = re.sub(r"[✝⁰¹²³⁴⁵⁶⁷⁸⁹]+$", "", old) or "x"
        k = 1
        while f"{base}_{k}" in taken:
            k += 1
        mapping[old] = f"{base}_{k}"
        taken.add(mapping[old])

    def rename(text: str) -> str:
        for old in sorted(mapping, key=len, reverse=True):
            text = _replace_name(text, old, mapping[old])
        return text

    if INACCESSIBLE in rename(" ".join(h.type for h in pg.hyps) + " " + pg.target):
        raise GoalParseError("the goal mentions an inaccessible name that is not a hypothesis")
    binders = []
    for hyp in pg.hyps:
        names = [mapping.get(n, n) for n in hyp.names]
        type_ = rename(hyp.type)
        if all(n.startswith("inst") for n in names):
            binders.extend(f"[{n} : {type_}]" for n in names)
        else:
            binders.append(f"({' '.join(names)} : {type_})")
    statement = " ".join(["theorem", name, *binders, ":", rename(pg.target)])
    return ChildStatement(statement, tuple(mapping[o] for o in pg.inaccessible), pg.case)


# ---------------------------------------------------------------- shape features

_RELATIONS = ("↔", "→", "∨", "∧", "≠", "≤", "≥", "=", "<", ">")
_TYPES = ("Nat", "Int", "Rat", "Bool", "Prop", "Fin", "List", "Finset")


def head_symbol(type_: str) -> str:
    """The outermost connective of a proposition's text: ∀, ∃, ¬, ↔, →, ∧, =, ≤, ... or app."""
    t = type_.strip()
    for q in ("∀", "∃", "¬"):
        if t.startswith(q):
            return q
    while t.startswith("(") and _group_end(t) == len(t):
        t = t[1:-1].strip()
    for rel in _RELATIONS:
        if top_level_find(t, rel) >= 0:
            return rel
    return "app"


def _group_end(t: str) -> int:
    """Where the bracket group opening `t` ends (-1 when it does not close)."""
    try:
        return matching(t, 0)
    except BracketError:
        return -1


def shape_features(statement: str) -> frozenset[str]:
    """Coarse features of a goal, used to order tactics by what worked on similar goals."""
    try:
        return signature_features(parse_signature(statement))
    except GoalParseError:
        return frozenset({"head:?"})


def signature_features(sig: Signature) -> frozenset[str]:
    """`shape_features` of a statement already parsed."""
    feats = {f"head:{head_symbol(sig.type)}"}
    text = " ".join(sig.binders) + " " + sig.type
    for ty in _TYPES:
        if re.search(rf"(?<![\w.]){ty}(?![\w])", text):
            feats.add(f"type:{ty}")
    for b in sig.binders:
        inner = b[1:-1]
        sep = top_level_find(inner, ":")
        if sep > 0 and (h := head_symbol(inner[sep + 1:])) != "app":
            feats.add(f"hyp:{h}")
    if re.search(r"[*/]", sig.type):
        feats.add("op:mul")
    if not sig.binders:
        feats.add("closed")
    return frozenset(feats)


@dataclass
class BinderInfo:
    """Names bound by one binder group and their type (for picking `cases`/`induction`)."""

    names: list[str] = field(default_factory=list)
    type: str = ""


def binder_infos(binders: tuple[str, ...]) -> list[BinderInfo]:
    out = []
    for b in binders:
        inner = b[1:-1].strip()
        if b.startswith("{{"):
            inner = b[2:-2].strip()
        sep = top_level_find(inner, ":")
        if sep <= 0:
            continue
        out.append(BinderInfo(inner[:sep].split(), collapse(inner[sep + 1:])))
    return out
