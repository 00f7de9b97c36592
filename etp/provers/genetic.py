"""The genetic search: populations of tactic scripts bred from Lean's verdicts.

Per goal, islands of scripts (arrays of gene ids, `etp.provers.vocabulary`) evolve over
rounds: each round's children are checked in one wave, and each verdict is read back
(`observe`) into a fitness (proved; how far the script ran before its first error; the goals
left and their size; errors; length; novelty against the island). The next round's parents
are drawn by tournament from the best scripts kept (elitism), crossed at tactic boundaries
and mutated; scripts already checked are never proposed again. Every other round the best of
each island joins the next; an island whose best stands still for `patience` rounds
restarts from fresh scripts. The array work (fitness, novelty, tournaments, crossover,
mutation, hashing) is done by the Numba kernels of `native`.

Beside the islands, a third of each round extends the best prefixes (scripts that ran
through and left a new goal state) by one step, and a third tries closers after them
(`etp.provers.prefixes`): the directed moves a tactic-tree search makes.

Run after another prover (`provers.use = ["automation", "genetic"]`), the search waits for
that prover's verdicts on a goal and starts from them: the lines of its failed candidates
join the vocabulary and the candidates themselves the populations.
"""

from __future__ import annotations

import hashlib

import numpy as np

import native
from etp.config import GeneticOptions
from etp.library import LibraryIndex
from etp.provers import Attempt, Budget, Candidate, Goal
from etp.provers.prefixes import PrefixTree
from etp.provers.witnesses import StateMoves
from etp.provers.vocabulary import Feedback, Vocabulary, build_vocabulary, feedback, tactic_lines

Genes = list[tuple[int, int]]


def stable_seed(*parts) -> int:
    """A seed from any values, the same on every machine and run (`hash()` is salted)."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "little") >> 1


def to_arrays(scripts: list[Genes], width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(tactics, args, lengths) of scripts, padded with -1 to `width` genes."""
    tactics = np.full((len(scripts), width), -1, dtype=np.int32)
    args = np.full((len(scripts), width), -1, dtype=np.int32)
    lengths = np.zeros(len(scripts), dtype=np.int32)
    for i, genes in enumerate(scripts):
        genes = genes[:width]
        lengths[i] = len(genes)
        for j, (t, a) in enumerate(genes):
            tactics[i, j], args[i, j] = t, a
    return tactics, args, lengths


def genes_at(tactics: np.ndarray, args: np.ndarray, lengths: np.ndarray, i: int) -> Genes:
    return [(int(tactics[i, j]), int(args[i, j])) for j in range(int(lengths[i]))]


class Island:
    """One population: its best scored scripts, best first, at most `size`."""

    def __init__(self, size: int, width: int):
        self.size, self.width = size, width
        self.best: list[float] = []  # the best fitness after each round
        self.clear()

    def clear(self) -> None:
        self.tactics, self.args, self.lengths = to_arrays([], self.width)
        self.fitness = np.zeros(0, dtype=np.float64)

    def __len__(self) -> int:
        return len(self.fitness)

    def add(self, tactics, args, lengths, fitness) -> None:
        """Take scored scripts in; keep the best `size` (a stable sort: ties keep their order)."""
        self.tactics = np.concatenate([self.tactics, tactics])
        self.args = np.concatenate([self.args, args])
        self.lengths = np.concatenate([self.lengths, lengths])
        self.fitness = np.concatenate([self.fitness, fitness])
        keep = np.argsort(-self.fitness, kind="stable")[: self.size]
        self.tactics, self.args, self.lengths, self.fitness = (
            self.tactics[keep], self.args[keep], self.lengths[keep], self.fitness[keep])


class Search:
    """The search for one goal: its vocabulary, islands, the scripts already checked."""

    def __init__(self, goal: Goal, vocab: Vocabulary, options: GeneticOptions, moves: StateMoves | None = None):
        self.goal, self.vocab, self.options = goal, vocab, options
        self.islands = [Island(options.population, options.max_genes) for _ in range(options.islands)]
        self.seen: set[int] = set()  # hashes of every script proposed or observed
        self.started = False  # scripts of its own proposed
        self.generation = 0  # rounds scored
        self.proved = False
        self.tree = PrefixTree(vocab, options.max_genes, moves.moves if moves else None)
        self._seeded = 0

    def seed(self, *parts) -> int:
        return stable_seed(self.options.seed, self.goal.key, self.generation, *parts)

    # ------------------------------------------------------------ breeding

    def breed(self, n: int) -> list[tuple[int, Genes]]:
        """Up to `n` new scripts (island, genes), none checked before: a third extend the
        best prefixes with closers, a third with one more step (`etp.provers.prefixes`),
        the rest are bred on the islands."""
        unseen = lambda scripts: self._unseen(*to_arrays(scripts, self.options.max_genes))  # noqa: E731
        out = [(0, g) for g in self.tree.closings(n // 3, unseen)]
        out += [(1 % len(self.islands), g) for g in self.tree.steps(n // 3, unseen)]
        n -= len(out)
        for k, island in enumerate(self.islands):
            quota = n // len(self.islands) + (1 if k < n % len(self.islands) else 0)
            for attempt in range(3):
                if quota <= 0:
                    break
                fresh = self._unseen(*self._children(island, 4 * quota, k, attempt))[:quota]
                out += [(k, genes) for genes in fresh]
                quota -= len(fresh)
        return out

    def _children(self, island: Island, m: int, k: int, attempt: int):
        """`m` children of the island's scripts (fresh random scripts while it has fewer than two)."""
        if len(island) < 2:
            return self._random(m, self.seed("random", k, attempt))
        parents = native.tournament(island.fitness, 2 * m, self.options.tournament, self.seed("parents", k, attempt))
        tactics, args, lengths = native.crossover(island.tactics, island.args, island.lengths, parents[:m],
                                                  parents[m:], self.seed("cross", k, attempt))
        return native.mutate(tactics, args, lengths, self.vocab.arg_counts(), self.options.mutation_rate,
                             self.seed("mutate", k, attempt))

    def _random(self, m: int, seed: int):
        """`m` random scripts of one to three genes."""
        width = self.options.max_genes
        tactics, args, lengths = native.random_population(m, min(3, width), self.vocab.arg_counts(), seed)
        pad = np.full((m, width - tactics.shape[1]), -1, dtype=np.int32)
        return np.hstack([tactics, pad]), np.hstack([args, pad]), lengths

    def _unseen(self, tactics, args, lengths) -> list[Genes]:
        """The scripts not seen before (the first of duplicates), marked seen."""
        hashes = native.script_hashes(tactics, args, lengths)
        first = native.first_occurrences(hashes)
        out = []
        for i in range(len(lengths)):
            h = int(hashes[i])
            if first[i] and h not in self.seen:
                self.seen.add(h)
                out.append(genes_at(tactics, args, lengths, i))
        return out

    # ------------------------------------------------------------- scoring

    def score(self, attempts: list[Attempt]) -> None:
        """Read a wave's verdicts on this goal into the islands; then migrate and restart."""
        scored: dict[int, list[tuple[Genes, Feedback]]] = {}
        ours = False
        for att in attempts:
            if att.candidate.kind != "proof":
                continue
            meta = att.candidate.meta
            if att.candidate.prover == GeneticProver.name and "genes" in meta:
                found = (int(meta["island"]) % len(self.islands), [(int(t), int(a)) for t, a in meta["genes"]])
                ours = True
            else:  # another prover's candidate: its lines join the vocabulary
                if not 0 < len(tactic_lines(att.candidate.proof)) <= self.options.max_genes:
                    continue
                genes = self.vocab.encode(att.candidate.proof)
                if not self._unseen(*to_arrays([genes], self.options.max_genes)):
                    continue
                found = (self._seeded % len(self.islands), genes)
                self._seeded += 1
            island, genes = found
            fb = self.tree.credit(feedback(att.verdict, len(genes)), genes)
            self.proved = self.proved or fb.proved
            scored.setdefault(island, []).append((genes, fb))
        for k, items in scored.items():
            self._admit(self.islands[k], items)
        if ours:
            self.generation += 1
            self._migrate_and_restart()

    def _admit(self, island: Island, items: list[tuple[Genes, Feedback]]) -> None:
        tactics, args, lengths = to_arrays([g for g, _ in items], self.options.max_genes)
        fbs = [f for _, f in items]
        everyone = [np.concatenate([a, b]) for a, b in zip((island.tactics, island.args, island.lengths),
                                                           (tactics, args, lengths))]
        novelty = native.novelty(*everyone, len(self.vocab))[len(island):]
        fitness = native.fitness_auto(
            np.array([f.proved for f in fbs], dtype=np.uint8), np.array([f.progress for f in fbs], dtype=np.float32),
            np.array([f.goals_left for f in fbs], dtype=np.int32), np.array([f.goal_size for f in fbs], dtype=np.int32),
            np.array([f.errors for f in fbs], dtype=np.int32), lengths, novelty, native.FITNESS_WEIGHTS)
        island.add(tactics, args, lengths, fitness)

    def _migrate_and_restart(self) -> None:
        islands = self.islands
        if len(islands) > 1 and self.generation % 2 == 0:
            bests = [(k, isl.tactics[:1], isl.args[:1], isl.lengths[:1], isl.fitness[:1]) for k, isl in enumerate(islands)]
            for k, *rows in bests:
                if len(rows[-1]):
                    islands[(k + 1) % len(islands)].add(*rows)
        for isl in islands:
            isl.best.append(float(isl.fitness[0]) if len(isl) else float("-inf"))
            window = isl.best[-(self.options.patience + 1):]
            if len(window) > self.options.patience and max(window[1:]) <= window[0]:
                isl.clear()
                isl.best.clear()


class GeneticProver:
    """A genetic search per goal (see the module docstring)."""

    name = "genetic"

    def __init__(self, options: GeneticOptions | None = None, *, library: LibraryIndex | None = None,
                 past_proofs: list[str] = ()):
        self.options = options or GeneticOptions()
        self.library = library or LibraryIndex()
        self.past_lines = list(dict.fromkeys(line for p in past_proofs for line in tactic_lines(p)))
        self.searches: dict[str, Search] = {}

    def _search(self, goal: Goal) -> Search:
        if goal.key not in self.searches:
            lib = self.library.relevant(goal.header.imports, goal.statement, goal.lemmas)
            vocab = build_vocabulary(goal.statement, lib, self.past_lines)
            moves = (StateMoves(goal.statement, self.library.declarations(goal.header.imports))
                     if self.options.state_moves else None)
            self.searches[goal.key] = Search(goal, vocab, self.options, moves)
        return self.searches[goal.key]

    def propose(self, goals: list[Goal], budget: Budget) -> list[Candidate]:
        out = []
        for goal in goals:
            search = self._search(goal)
            if budget.taken.get(goal.key, 0) and not search.started:
                continue  # another prover has candidates out on the goal: start from its verdicts
            size = min(budget.left(goal), self.options.children * self.options.islands)
            for island, genes in search.breed(size):
                search.started = True
                proof = search.vocab.render(genes)
                out.append(Candidate(goal_key=goal.key, proof=proof, prover=self.name, label=f"g{search.generation}",
                                     meta={"generation": search.generation, "island": island,
                                           "genes": [list(g) for g in genes]}))
        return out

    def observe(self, attempts: list[Attempt]) -> None:
        by_goal: dict[str, list[Attempt]] = {}
        for att in attempts:
            by_goal.setdefault(att.goal.key, []).append(att)
        for key, group in by_goal.items():
            self._search(group[0].goal).score(group)

    def continues(self, goal: Goal) -> bool:
        search = self.searches.get(goal.key)
        return search is not None and not search.proved and search.generation < self.options.generations
