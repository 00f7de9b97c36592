"""The library index: declarations of the library modules a header imports, read from their
sources under the project's Lean folder (core modules have no sources here and are not
indexed), with the lookups provers and plans ask for, cached per import list."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from etp.lean.runtime import PROJECT_ROOT
from etp.library.premises import Relevant, select_premises
from etp.library.source import Decl, by_suffix, parse_module

SOURCE_ROOT = PROJECT_ROOT / "lean"


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

    def unseen_hints(self, imports: tuple[str, ...], hints: tuple[str, ...]) -> list[str]:
        """The hints that name no declaration visible through `imports` (a set's mistake:
        provers ignore them)."""
        suffixes = by_suffix(self.declarations(tuple(imports)))
        return [h for h in hints if h not in suffixes]

    def relevant(self, imports: tuple[str, ...], statement: str, hints: tuple[str, ...] = (),
                 max_defs: int = 12, max_lemmas: int = 6) -> Relevant:
        """What the library offers a goal (`etp.library.premises`), cached; `hints` are lemma
        names a theorem set points to, ranked first."""
        return _relevant(self, tuple(imports), statement, tuple(hints), max_defs, max_lemmas)


@lru_cache(maxsize=256)
def _non_inductive(index: LibraryIndex, imports: tuple[str, ...]) -> frozenset[str]:
    kinds = ("def", "abbrev", "structure", "class")
    return frozenset(name for name, ds in by_suffix(index.declarations(imports)).items()
                     if any(d.kind in kinds for d in ds))


@lru_cache(maxsize=4096)
def _relevant(index: LibraryIndex, imports: tuple[str, ...], statement: str, hints: tuple[str, ...],
              max_defs: int, max_lemmas: int) -> Relevant:
    return select_premises(index.declarations(imports), statement, max_defs, max_lemmas, hints)
