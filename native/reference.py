"""Plain-Python references of the kernels in native/genetic.py: loops over lists, no NumPy.
They define what each kernel means; the tests require the kernels to equal them exactly.

Populations are lists: `tactics` and `args` lists of n rows of L ints (-1 past the
length), `lengths` a list of n ints. Arrays may be passed after `.tolist()`.
"""

from __future__ import annotations

import math

from native.rng import CROSSOVER, MASK64, MUTATE, POPULATION, TOURNAMENT

# ---------------------------------------------------------------- the generator (native/rng.py)


def splitmix64(x: int) -> int:
    z = (x + 0x9E3779B97F4A7C15) & MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def stream_key(seed: int, stream: int) -> int:
    return splitmix64(splitmix64(seed & MASK64) ^ stream)


def item_key(key: int, index: int) -> int:
    return splitmix64((key + index) & MASK64)


def draw(item: int, number: int) -> int:
    return splitmix64((item + number) & MASK64)


def unit(value: int) -> float:
    return (value >> 11) * (1.0 / 9007199254740992.0)


# ---------------------------------------------------------------- scoring


def fitness(proved, progress, goals_left, goal_size, errors, lengths, novelty, weights) -> list[float]:
    out = []
    for i in range(len(proved)):
        terms = [proved[i], progress[i], goals_left[i], math.log1p(goal_size[i]), errors[i], lengths[i], novelty[i]]
        total = weights[0] * terms[0]
        for w, x in zip(weights[1:], terms[1:]):
            total += w * x
        out.append(total)
    return out


def novelty(tactics, args, lengths, n_tactics: int) -> list[float]:
    unigrams: dict[int, int] = {}
    bigrams: dict[tuple[int, int], int] = {}
    for row, m in zip(tactics, lengths):
        for j in range(m):
            unigrams[row[j]] = unigrams.get(row[j], 0) + 1
            if j > 0:
                bigrams[row[j - 1], row[j]] = bigrams.get((row[j - 1], row[j]), 0) + 1
    out = []
    for row, m in zip(tactics, lengths):
        total = 0.0
        for j in range(m):
            total += 1.0 / unigrams[row[j]]
            if j > 0:
                total += 1.0 / bigrams[row[j - 1], row[j]]
        out.append(total / (2 * m - 1))
    return out


# ---------------------------------------------------------------- de-duplication


def script_hashes(tactics, args, lengths) -> list[int]:
    out = []
    for t_row, a_row, m in zip(tactics, args, lengths):
        values = [m]
        for j in range(m):
            values += [t_row[j], a_row[j]]
        h = 0xCBF29CE484222325
        for v in values:
            for byte in (v & 0xFFFFFFFF).to_bytes(4, "little"):
                h = ((h ^ byte) * 0x100000001B3) & MASK64
        out.append(h)
    return out


def first_occurrences(hashes) -> list[bool]:
    seen = set()
    out = []
    for h in hashes:
        out.append(h not in seen)
        seen.add(h)
    return out


# ---------------------------------------------------------------- selection


def tournament(fitness, n_out: int, k: int, seed: int) -> list[int]:
    key = stream_key(seed, TOURNAMENT)
    winners = []
    for o in range(n_out):
        item = item_key(key, o)
        contestants = [draw(item, d) % len(fitness) for d in range(k)]
        winners.append(min(contestants, key=lambda c: (-fitness[c], c)))
    return winners


# ---------------------------------------------------------------- variation


def crossover(tactics, args, lengths, parent_a, parent_b, seed: int):
    key = stream_key(seed, CROSSOVER)
    width = len(tactics[0])
    out_t, out_a, out_len = [], [], []
    for c, (a, b) in enumerate(zip(parent_a, parent_b)):
        item = item_key(key, c)
        i = 1 + draw(item, 0) % lengths[a]
        j = draw(item, 1) % lengths[b]
        genes_t = (tactics[a][:i] + tactics[b][j:lengths[b]])[:width]
        genes_a = (args[a][:i] + args[b][j:lengths[b]])[:width]
        out_t.append(genes_t + [-1] * (width - len(genes_t)))
        out_a.append(genes_a + [-1] * (width - len(genes_a)))
        out_len.append(len(genes_t))
    return out_t, out_a, out_len


def random_population(n: int, width: int, arg_counts, seed: int):
    key = stream_key(seed, POPULATION)
    tactics, args, lengths = [], [], []
    for i in range(n):
        item = item_key(key, i)
        m = 1 + draw(item, 0) % width
        t_row = [draw(item, 1 + 2 * j) % len(arg_counts) for j in range(m)]
        a_row = [draw(item, 2 + 2 * j) % arg_counts[t] if arg_counts[t] > 0 else 0 for j, t in enumerate(t_row)]
        tactics.append(t_row + [-1] * (width - m))
        args.append(a_row + [-1] * (width - m))
        lengths.append(m)
    return tactics, args, lengths


def _random_gene(item: int, arg_counts) -> tuple[int, int]:
    t = draw(item, 3) % len(arg_counts)
    return t, (draw(item, 4) % arg_counts[t] if arg_counts[t] > 0 else 0)


def _mutate_one(t_row: list[int], a_row: list[int], width: int, arg_counts, item: int) -> tuple[list[int], list[int]]:
    """The used genes of one script, mutated (as in genetic.mutate's docstring)."""
    m = len(t_row)
    with_argument = [j for j in range(m) if arg_counts[t_row[j]] > 0]
    op = ["substitute", "insert", "delete", "redraw"][draw(item, 1) % 4]
    if (op == "insert" and m == width) or (op == "delete" and m == 1) or (op == "redraw" and not with_argument):
        op = "substitute"
    if op == "insert":
        pos = draw(item, 2) % (m + 1)
        t, a = _random_gene(item, arg_counts)
        return t_row[:pos] + [t] + t_row[pos:], a_row[:pos] + [a] + a_row[pos:]
    if op == "delete":
        pos = draw(item, 2) % m
        return t_row[:pos] + t_row[pos + 1:], a_row[:pos] + a_row[pos + 1:]
    if op == "redraw":
        pos = with_argument[draw(item, 2) % len(with_argument)]
        a_row[pos] = draw(item, 4) % arg_counts[t_row[pos]]
        return t_row, a_row
    pos = draw(item, 2) % m
    t_row[pos], a_row[pos] = _random_gene(item, arg_counts)
    return t_row, a_row


def mutate(tactics, args, lengths, arg_counts, rate: float, seed: int):
    key = stream_key(seed, MUTATE)
    width = len(tactics[0])
    out_t, out_a, out_len = [], [], []
    for i, m in enumerate(lengths):
        item = item_key(key, i)
        t_row, a_row = list(tactics[i][:m]), list(args[i][:m])
        if unit(draw(item, 0)) < rate:
            t_row, a_row = _mutate_one(t_row, a_row, width, arg_counts, item)
        out_t.append(t_row + [-1] * (width - len(t_row)))
        out_a.append(a_row + [-1] * (width - len(a_row)))
        out_len.append(len(t_row))
    return out_t, out_a, out_len
