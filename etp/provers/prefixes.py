"""The directed half of the genetic search: scripts whose every line ran and left a goal
state not seen before (Lean's `unsolved goals`), kept as prefixes to extend.

A prefix is extended in two ways: by one more step (a line that is not a closer: `intros`,
`revert m`, `induction n`, ...), and by a line that tries the next few closers on every goal
left (`all_goals (first | (grind; done) | (omega; done) | ...)`: one check tries several). The empty
script is the root; its first step, `skip`, tells the goal's own state, so a line that
changes nothing earns nothing. The best prefixes (fewest lines, smallest goals) take turns.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from etp.provers.vocabulary import STRUCTURAL, Feedback, Vocabulary

Genes = list[tuple[int, int]]
CLOSERS_PER_LINE = 4  # closers one extension line tries
TURNS = 4  # prefixes extended in turn


@dataclasses.dataclass
class Prefix:
    score: float
    genes: Genes
    closed_with: set[int] = dataclasses.field(default_factory=set)  # closers tried after it
    stepped: set[tuple[int, int]] = dataclasses.field(default_factory=set)  # steps tried after it
    own_steps: list[int] = dataclasses.field(default_factory=list)  # lines read off its state, tried first
    own_closers: list[int] = dataclasses.field(default_factory=list)

    @property
    def priority(self) -> float:
        """Its score, less for every extension it had: the search goes broad, not deep."""
        return self.score - 0.2 * (len(self.closed_with) / CLOSERS_PER_LINE + len(self.stepped))


class PrefixTree:
    """The prefixes of one goal's search and the goal states seen."""

    def __init__(self, vocab: Vocabulary, width: int, moves: Callable[[str], tuple[list[str], list[str]]] | None = None):
        self.vocab, self.width = vocab, width
        self.moves = moves  # (steps, closers) a goal state suggests (`etp.provers.witnesses`)
        self.skip = vocab.add("skip")
        self.states: set[str] = set()
        self.root = Prefix(float("inf"), [])
        self.open: list[Prefix] = [self.root]
        self.composite: set[int] = set()  # the closer lines made here (never steps)

    def credit(self, fb: Feedback, genes: Genes) -> Feedback:
        """A script that left goals earns its progress only when their state is new; a new
        state is kept as a prefix (the root's `skip` only tells the goal's own state)."""
        if not fb.unsolved:
            return fb
        if fb.state in self.states:
            return dataclasses.replace(fb, progress=0.0)
        self.states.add(fb.state)
        prefix = self.root
        if genes != [(self.skip, 0)]:
            prefix = Prefix(fb.progress - 0.1 * len(genes) - 0.01 * fb.goal_size, genes)
            self.open.append(prefix)
            self.open.sort(key=lambda p: -p.score)
        if self.moves is not None:
            steps, closers = self.moves(fb.state)
            prefix.own_steps = [t for t in map(self.vocab.add, steps) if t >= 0]
            prefix.own_closers = [t for t in map(self.vocab.add, closers) if t >= 0]
            self.composite.update(prefix.own_closers)
        return fb

    def closings(self, n: int, unseen: Callable[[list[Genes]], list[Genes]]) -> list[Genes]:
        """Up to `n` scripts: prefixes followed by a line trying their next untried closers."""
        out: list[Genes] = []

        def extend(prefix: Prefix) -> Genes | None:
            chunk = [t for t in dict.fromkeys(prefix.own_closers + self.vocab.closers)
                     if t not in prefix.closed_with][:CLOSERS_PER_LINE]
            if not prefix.genes or not chunk or len(prefix.genes) >= self.width:
                return None
            prefix.closed_with.update(chunk)
            # `done`: an alternative that leaves goals fails, so `first` goes on to the next
            line = self.vocab.add("all_goals (first | " + " | ".join(f"({self.vocab.line(t, 0)}; done)" for t in chunk)
                                  + ")")
            self.composite.add(line)
            return prefix.genes + [(line, 0)]

        return self._take_turns(n, extend, unseen, out, self.open[1:])

    def steps(self, n: int, unseen: Callable[[list[Genes]], list[Genes]]) -> list[Genes]:
        """Up to `n` scripts: prefixes followed by their next untried step."""
        # the root's `skip` first; the structural moves; lines over the goal's own terms; the others
        structural = {self.vocab.add(line) for line in STRUCTURAL}
        closers = set(self.vocab.closers) | self.composite
        counts = self.vocab.arg_counts()
        order = sorted((t for t in range(len(self.vocab)) if t not in closers),
                       key=lambda t: (t != self.skip, t not in structural, counts[t] == 0, t))

        def extend(prefix: Prefix) -> Genes | None:
            if len(prefix.genes) >= self.width:
                return None
            for t in dict.fromkeys(prefix.own_steps + order):
                if t == self.skip and prefix.genes:
                    continue
                for a in range(max(1, counts[t])):
                    if (t, a) not in prefix.stepped:
                        prefix.stepped.add((t, a))
                        return prefix.genes + [(t, a)]
            return None

        # the first moves (the root's steps) take half: every proof starts with one
        out = self._take_turns((n + 1) // 2, extend, unseen, [], self.open[:1])
        return self._take_turns(n, extend, unseen, out, self.open)

    def _take_turns(self, n: int, extend: Callable[[Prefix], Genes | None],
                    unseen: Callable[[list[Genes]], list[Genes]], out: list[Genes],
                    prefixes: list[Prefix] | None = None) -> list[Genes]:
        """The best TURNS prefixes extended in turn until `n` scripts (or none can be)."""
        spent: set[int] = set()
        while len(out) < n:
            ranked = sorted((p for p in (prefixes or self.open) if id(p) not in spent), key=lambda p: -p.priority)
            turn = ranked[:TURNS]
            if not turn:
                break
            for prefix in turn:
                if len(out) >= n:
                    break
                script = extend(prefix)
                if script is None:
                    spent.add(id(prefix))
                else:
                    out += unseen([script])
        return out
