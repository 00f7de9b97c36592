"""Reading a Lean source file of the library: its declarations (kind, full name, signature,
body), and the names a Lean text mentions or binds.

The reading is textual: comments are blanked as Lean reads them (`etp.text`), declarations
start at column 0, namespaces and sections are tracked; a name it misreads only costs a
candidate that Lean then rejects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etp.goals import GoalParseError, parse_signature
from etp.lean.build import read_imports
from etp.text import blank_comments, top_level_find

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


def conclusion(statement: str) -> str:
    """The type after the binders (the whole text when it does not parse)."""
    try:
        return parse_signature(statement).type
    except GoalParseError:
        return statement


def by_suffix(decls: list[Decl]) -> dict[str, list[Decl]]:
    """Declarations by every dotted suffix of their names (`EconLean.finSup`, `finSup`):
    how a statement, with its namespaces opened, may name them."""
    out: dict[str, list[Decl]] = {}
    for d in decls:
        parts = d.name.split(".")
        for i in range(len(parts)):
            out.setdefault(".".join(parts[i:]), []).append(d)
    return out


def _split_top_level_assign(text: str) -> tuple[str, str]:
    """(signature, body) split at the first `:=` (or `where`) outside brackets."""
    cuts = [(i, len(tok)) for tok in (":=", " where") if (i := top_level_find(text, tok)) >= 0]
    if not cuts:
        return text, ""
    i, n = min(cuts)
    return text[:i], text[i + n:]


def _declaration(kind: str, name: str, module: str, lines: list[str]) -> Decl:
    sig, body = _split_top_level_assign("\n".join(lines))
    if kind in ("structure", "class", "inductive"):
        sig, body = "\n".join(lines), ""
    return Decl(kind, name, module, sig.strip(), body.strip())


def _close_scopes(scopes: list[tuple[str, str]], closed: str | None) -> None:
    """`end A.B` closes one scope per component; a bare `end` closes one section."""
    count = len(closed.split(".")) if closed else 1
    del scopes[len(scopes) - min(count, len(scopes)):]


def parse_module(source: str, module: str) -> tuple[list[str], list[Decl]]:
    """(imports, declarations) of one Lean source file."""
    decls: list[Decl] = []
    scopes: list[tuple[str, str]] = []  # ("namespace"|"section", name)
    current: tuple[str, str, list[str]] | None = None  # (kind, full name, lines)
    for line in blank_comments(source).splitlines():
        if not line.strip():
            continue
        if line[0].isspace():
            if current is not None:
                current[2].append(line)
            continue
        if current is not None:
            decls.append(_declaration(*current[:2], module, current[2]))
            current = None
        stripped = line.strip()
        if m := _NAMESPACE.match(stripped):
            scopes.extend(("namespace", part) for part in m.group(1).split("."))
        elif m := _SECTION.match(stripped):
            scopes.append(("section", m.group(1) or ""))
        elif m := _END.match(stripped):
            _close_scopes(scopes, m.group(1))
        elif (m := _DECL.match(stripped)) and m.group(1) != "instance":
            kind, short = m.group(1), m.group(2)
            namespace = ".".join(n for k, n in scopes if k == "namespace")
            name = short[len("_root_."):] if short.startswith("_root_.") else ".".join(filter(None, [namespace, short]))
            current = (kind, name, [stripped[m.start(1):]])
    if current is not None:
        decls.append(_declaration(*current[:2], module, current[2]))
    return read_imports(source), decls
