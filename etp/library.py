"""What the imported Lean library defines: an index read from its sources, for provers.

Core Lean's automation does not unfold a library's definitions by itself (`grind` and
`simp` see `cournotProfit a b c q q'` as an opaque function application), and it does not
know which library lemmas matter. This index gives a prover, for a goal, the library
definitions its statement mentions (and those their bodies mention, transitively) and the
library lemmas stated about them: the raw material of `simp only [defs]`-then-automation
candidates and of lemma hints (`grind [lemmas]`), a symbolic premise selection.

It reads the source files of the imported modules that live under the project's Lean
source folder (core modules have no sources here and are not indexed). The reading is
textual (declarations start at column 0, namespaces tracked); a name it misreads only
costs a candidate that Lean then rejects.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from etp.goals import GoalParseError, _matching, binder_infos, parse_signature, top_level_find
from etp.lean.build import read_imports, strip_comments
from etp.lean.runtime import PROJECT_ROOT

SOURCE_ROOT = PROJECT_ROOT / "lean"
_MODIFIERS = r"(?:(?:private|protected|noncomputable|partial|nonrec|public|unsafe|@\[[^\]]*\])\s+)*"
_DECL = re.compile(rf"^{_MODIFIERS}(def|abbrev|theorem|lemma|structure|class|inductive|instance|opaque)\s+([^\s:({{\[]+)")
_NAMESPACE = re.compile(r"^namespace\s+(\S+)")
_SECTION = re.compile(r"^(?:noncomputable\s+)?section(?:\s+(\S+))?")
_END = re.compile(r"^end(?:\s+(\S+))?\s*$")
_IDENT = re.compile(r"[A-Za-z_\u00C0-\u024F\u0370-\u03FF\u1F00-\u1FFF\u2100-\u214F][\w'!?\u2080-\u209C.]*")
_BINDER_GROUP = re.compile(r"[({⦃\[]\s*([^():{}\[\]⦃⦄]+?)\s*:")
_BINDER_WORD = re.compile(r"(?:\bfun|∀|∃|λ|\blet|\bhave|\bintro|\bobtain)\s+([^,:=↦]+?)\s*(?:[,:]|=>|↦|:=)")


@dataclass(frozen=True)
class Decl:
    """One library declaration: `kind` is the keyword, `name` the full name; `signature` is
    the text before its top-level `:=` (all of it for a structure), `body` the rest."""

    kind: str
    name: str
    module: str
    signature: str
    body: str

    @property
    def unfoldable(self) -> bool:
        """A definition `simp only [name]` can unfold without looping: a `def` that does not
        call itself (recursive ones are left to `decide` and their own lemmas)."""
        short = re.escape(self.name.rsplit(".", 1)[-1])
        uses = re.findall(rf"(?<![\w.']){short}(?![\w'])", self.signature + "\n" + self.body)
        return self.kind == "def" and len(uses) <= 1  # the one use is its own name

    @property
    def is_lemma(self) -> bool:
        return self.kind in ("theorem", "lemma")


def identifiers(text: str) -> list[str]:
    """Identifier tokens of a Lean text, with their dotted suffixes, in order of first
    appearance; the order keeps generated candidates the same run to run."""
    out: dict[str, None] = {}
    for tok in _IDENT.findall(text):
        tok = tok.rstrip(".")
        parts = tok.split(".")
        out[tok] = None
        # `M.Complete` may be generalized field notation for `Market.Complete`; `h.1` a projection.
        for i in range(1, len(parts)):
            out[".".join(parts[i:])] = None
        out.update((p, None) for p in parts if p and not p[0].isdigit())
    return list(out)


def bound_names(text: str) -> set[str]:
    """Names a Lean text binds (binder groups, `fun`/`∀`/`∃`/`let` binders): local names
    that must not be read as library constants."""
    out: set[str] = set()
    for m in list(_BINDER_GROUP.finditer(text)) + list(_BINDER_WORD.finditer(text)):
        out.update(tok for tok in re.split(r"[\s()⟨⟩,]+", m.group(1)) if tok)
    return out


def _split_top_level_assign(text: str) -> tuple[str, str]:
    """(signature, body) split at the first `:=` (or `where`) outside brackets."""
    cuts = [(i, len(tok)) for tok in (":=", " where") if (i := top_level_find(text, tok)) >= 0]
    if not cuts:
        return text, ""
    i, n = min(cuts)
    return text[:i], text[i + n:]


def parse_module(source: str, module: str) -> tuple[list[str], list[Decl]]:
    """(imports, declarations) of one Lean source file."""
    text = strip_comments(source)
    decls: list[Decl] = []
    scopes: list[tuple[str, str]] = []  # ("namespace"|"section", name)
    current: tuple[str, str, list[str]] | None = None  # (kind, full name, lines)

    def flush() -> None:
        nonlocal current
        if current is not None:
            kind, name, lines = current
            sig, body = _split_top_level_assign("\n".join(lines))
            if kind in ("structure", "class", "inductive"):
                sig, body = "\n".join(lines), ""
            decls.append(Decl(kind, name, module, sig.strip(), body.strip()))
        current = None

    def namespace() -> str:
        return ".".join(n for k, n in scopes if k == "namespace")

    for line in text.splitlines():
        if not line.strip():
            continue
        if line[0].isspace():
            if current is not None:
                current[2].append(line)
            continue
        flush()
        stripped = line.strip()
        if m := _NAMESPACE.match(stripped):
            scopes.extend(("namespace", part) for part in m.group(1).split("."))
        elif m := _SECTION.match(stripped):
            scopes.append(("section", m.group(1) or ""))
        elif m := _END.match(stripped):
            # `end A.B` closes one scope per component; a bare `end` closes one section.
            count = len(m.group(1).split(".")) if m.group(1) else 1
            del scopes[len(scopes) - min(count, len(scopes)):]
        elif m := _DECL.match(stripped):
            kind, short = m.group(1), m.group(2)
            if kind == "instance":
                continue
            name = short[len("_root_."):] if short.startswith("_root_.") else ".".join(filter(None, [namespace(), short]))
            current = (kind, name, [stripped[m.start(1):]])
    flush()
    return read_imports(source), decls


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


class LibraryIndex:
    """Declarations of the library modules under `src_root`, looked up by import."""

    def __init__(self, src_root: Path = SOURCE_ROOT):
        self.src_root = Path(src_root)
        self._modules: dict[str, tuple[list[str], list[Decl]]] = {}

    def _module(self, name: str) -> tuple[list[str], list[Decl]]:
        if name not in self._modules:
            path = self.src_root.joinpath(*name.split(".")).with_suffix(".lean")
            try:
                self._modules[name] = parse_module(path.read_text(encoding="utf-8"), name)
            except (OSError, UnicodeDecodeError):
                self._modules[name] = ([], [])  # a core module or one we cannot read
        return self._modules[name]

    def declarations(self, imports: tuple[str, ...]) -> list[Decl]:
        """Every declaration visible through `imports` (their library imports followed)."""
        seen: set[str] = set()
        order: list[str] = []
        stack = list(reversed(imports))
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            seen.add(name)
            order.append(name)
            stack.extend(reversed(self._module(name)[0]))
        return [d for name in order for d in self._module(name)[1]]

    def non_inductive_types(self, imports: tuple[str, ...]) -> frozenset[str]:
        """Every name (and dotted suffix) of a visible `def`/`abbrev`/`structure`/`class`:
        a variable of such a type has no cases worth a split."""
        return _non_inductive(self, tuple(imports))

    def relevant(self, imports: tuple[str, ...], statement: str, max_defs: int = 12, max_lemmas: int = 6) -> Relevant:
        return _relevant(self, tuple(imports), statement, max_defs, max_lemmas)


def _by_suffix(decls: list[Decl]) -> dict[str, list[Decl]]:
    """Declarations by every dotted suffix of their names (`EconLean.finSup`, `finSup`):
    how a statement, with its namespaces opened, may name them."""
    out: dict[str, list[Decl]] = {}
    for d in decls:
        parts = d.name.split(".")
        for i in range(len(parts)):
            out.setdefault(".".join(parts[i:]), []).append(d)
    return out


@lru_cache(maxsize=256)
def _non_inductive(index: LibraryIndex, imports: tuple[str, ...]) -> frozenset[str]:
    kinds = ("def", "abbrev", "structure", "class")
    return frozenset(name for name, ds in _by_suffix(index.declarations(imports)).items()
                     if any(d.kind in kinds for d in ds))


def _conclusion(statement: str) -> str:
    """The type after the binders (the whole text when it does not parse)."""
    try:
        return parse_signature(statement).type
    except GoalParseError:
        return statement


@lru_cache(maxsize=4096)
def _relevant(index: LibraryIndex, imports: tuple[str, ...], statement: str, max_defs: int, max_lemmas: int) -> Relevant:
    decls = index.declarations(imports)
    by_suffix = _by_suffix(decls)

    def resolve(text: str) -> list[Decl]:
        found: dict[str, Decl] = {}
        bound = bound_names(text)
        for tok in identifiers(text):
            if tok in bound:
                continue
            for d in by_suffix.get(tok, []):
                found.setdefault(d.name, d)
        return list(found.values())

    named = [d for d in resolve(statement) if not d.is_lemma]
    direct = [d for d in named if d.unfoldable]
    # Definitions their bodies use, breadth first, up to max_defs in all. `depth` keeps how
    # far from the statement every constant reached is; recursive definitions (`finSum`) are
    # reached but never unfolded, and lemmas about them are often what a proof needs.
    defs: dict[str, Decl] = {d.name: d for d in direct}
    # Constants only the binders name (`Valuations`, `Market`) say less than the conclusion's.
    conclusion = {d.name for d in resolve(_conclusion(statement))}
    depth: dict[str, int] = {d.name: 0 if d.name in conclusion else 2 for d in named}
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
    # Lemmas ranked by the goal constants they name, those nearer the statement weighing more,
    # then by fewest foreign constants (a lemma about exactly these constants is the best hint).
    scored = []
    index_of = {d.name: d for d in decls}
    for pos, d in enumerate(decls):
        if not d.is_lemma:
            continue
        consts = {e.name for e in resolve(_conclusion(d.signature)) if not e.is_lemma}
        weight = sum(2.0 ** -depth[c] for c in consts if c in depth)
        if weight:
            scored.append((-weight, len(consts - depth.keys()), pos, d.name))
    scored.sort()
    lemmas = [name for *_, name in scored]
    try:
        binders = [(n, info.type) for info in binder_infos(parse_signature(statement).binders) for n in info.names]
    except GoalParseError:
        binders = []
    # Unfolding these exposes the terms the lemmas are about (`excessDemand` to `value p (fun
    # j => ...)` for `value_sub`), where unfolding `value` too would hide them.
    about = {e.name for n in lemmas[:max_lemmas] for e in resolve(_conclusion(index_of[n].signature))}
    surface = [name for name in defs if name not in about]
    # `unfold a b` unfolds `a` first: a definition before those its body names, or what its
    # body brings in stays folded.
    named_in = {n: {e.name for e in resolve(defs[n].body)} for n in surface}
    surface = sorted(surface, key=lambda n: sum(n in named_in[m] for m in named_in if m != n))
    # `grind [lemma]` refuses a lemma with no usable pattern, typically `f i` for a function
    # parameter `f`, and with it the whole call.
    first_order = [n for n in lemmas[:max_lemmas]
                   if not any(top_level_find(t, "→") >= 0 for _, _, t in _params(index_of[n]))]
    return Relevant(
        definitions=list(defs), direct=[d.name for d in direct], lemmas=lemmas[:max_lemmas],
        instances=lemma_instances(statement, binders, list(defs.values()), [index_of[n] for n in lemmas], by_suffix),
        surface=surface, first_order=first_order, **_applied(binders, decls),
    )


# ---------------------------------------------------------------- lemma instances

_MAX_ARGS = 8
_KEYWORDS = frozenset({"fun", "if", "then", "else", "let", "have", "with", "match", "by", "do", "at", "in"})
_ATOM = re.compile(r"[A-Za-z_\u0370-\u03FF][\w'.!?\u2080-\u209C]*|\d+")


@lru_cache(maxsize=4096)
def _params(decl: Decl) -> tuple[tuple[str, bool, str], ...]:
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
                    end = _matching(text, k)
                except GoalParseError:
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
    params = _params(d)
    explicit = [n for n, e, _ in params if e]
    if not explicit or not d.body.strip():
        return []
    short = d.name.rsplit(".", 1)[-1]
    out = []
    for args in _applications(statement, short, len(explicit)):
        if len(args) < len(explicit):
            continue
        values = dict(zip(explicit, args))
        values.update({n: "_" for n, e, _ in params if not e})
        pattern = re.compile(r"(?<![\w.'])(" + "|".join(map(re.escape, values)) + r")(?![\w'])")
        out.append(pattern.sub(lambda m: values[m.group(1)], d.body))
    return out


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
        params = {n: t for n, _, t in _params(lemma)}
        # Functions (`f : Fin (n + 1) → Rat`): the parameters grind cannot find by itself.
        higher = {v for v, t in params.items() if top_level_find(t, "→") >= 0}
        conclusion = _conclusion(lemma.signature)
        for const in dict.fromkeys(identifiers(conclusion)):
            if const in params or not any(not d.is_lemma for d in by_suffix.get(const, [])):
                continue
            for pattern in _applications(conclusion, const, _MAX_ARGS):
                for text in texts:
                    for args in _applications(text, const, len(pattern)):
                        assigned: dict[str, str] = {}
                        for var, arg in zip(pattern, args):
                            if (var not in params or arg == "_" or ":=" in arg or "_" in identifiers(arg)
                                    or set(identifiers(arg)) & local):
                                continue
                            if assigned.setdefault(var, arg) != arg:
                                break
                        else:
                            if assigned.keys() & higher and len(out) < limit:
                                named = " ".join(f"({v} := {a})" for v, a in assigned.items())
                                out[f"{lemma.name} {named}"] = None
                                # The lemma's hypotheses given the statement's (`(h := h)`): Lean
                                # then infers the parameters they fix, which no term shows.
                                for hp in [v for v in params if v.startswith("h") and v not in assigned][:1]:
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


def _applied(binders: list[tuple[str, str]], decls: list[Decl], per_lemma: int = 2, limit: int = 6) -> dict:
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
        params = _params(lemma)
        explicit = [(n, t) for n, e, t in params if e]
        implicit = {n for n, e, _ in params if not e}
        if not explicit:
            continue
        options: list[list[str]] = []
        for name, type_ in explicit:
            pattern = _type_pattern(type_, implicit)
            fits = [b for b, bt in binders if pattern.fullmatch(bt)]
            options.append(fits[:2] or ["(by assumption)"])
        disjuncts = len(_top_level_split(_conclusion(lemma.signature), "∨"))
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


def _top_level_split(text: str, sep: str) -> list[str]:
    parts, start = [], 0
    while (k := top_level_find(text, sep, start)) >= 0:
        parts.append(text[start:k])
        start = k + len(sep)
    return parts + [text[start:]]
