"""Numba kernels of the genetic search over tactic scripts: scoring (fitness, novelty),
de-duplication (hashes), selection (tournaments) and variation (crossover, mutation).

A population of n scripts of at most L genes is three arrays:
- `tactics: int32[n, L]`, gene j of script i is the tactic template `tactics[i, j]`
  (0..n_tactics-1);
- `args: int32[n, L]`, its argument id, 0..arg_counts[tactic]-1, or 0 when the template
  takes no argument (`arg_counts[tactic] == 0`);
- `lengths: int32[n]`, the genes used (1..L); genes past the length are -1 in both arrays.

The public functions are thin wrappers: they fix dtypes and seeds, then call `@njit`
kernels. Every random draw comes from native.rng's counter-based generator, so results
depend on the seed alone (not on the thread count), and native/reference.py, in plain
Python, gives bit-identical results: it defines what each kernel means.
"""

from __future__ import annotations

import math

import numba
import numpy as np
from numba import prange

from native.rng import CROSSOVER, MUTATE, POPULATION, TOURNAMENT, below, draw, item_key, kernel_key, unit

# The order of FITNESS_WEIGHTS and of the terms of `fitness`.
FITNESS_TERMS = ("proved", "progress", "goals_left", "goal_size", "errors", "length", "novelty")
# A proof outweighs any mix of the other terms; among unproved scripts, those that
# elaborate further, leave fewer and smaller goals, fewer errors, are shorter and rarer win.
FITNESS_WEIGHTS = np.array([1000.0, 10.0, -1.0, -0.5, -0.5, -0.1, 1.0])
FITNESS_WEIGHTS.flags.writeable = False  # the defaults: pass a copy to change them


# ---------------------------------------------------------------- scoring


def weighted_sum(proved, progress, goals_left, goal_size, errors, length, novelty, weights):
    """One script's fitness, summed left to right in FITNESS_TERMS order; the goal size
    enters as log1p so that one huge goal does not drown the other terms. Plain Python:
    compiled for the CPU here and for the GPU in native/cuda.py."""
    total = weights[0] * proved
    total += weights[1] * progress
    total += weights[2] * goals_left
    total += weights[3] * math.log1p(goal_size)
    total += weights[4] * errors
    total += weights[5] * length
    total += weights[6] * novelty
    return total


_weighted_sum = numba.njit(cache=True)(weighted_sum)


@numba.njit(cache=True, parallel=True)
def _fitness(proved, progress, goals_left, goal_size, errors, lengths, novelty, weights):
    out = np.empty(proved.size, np.float64)
    for i in prange(proved.size):
        out[i] = _weighted_sum(proved[i], progress[i], goals_left[i], goal_size[i], errors[i], lengths[i],
                               novelty[i], weights)
    return out


def feedback_arrays(proved, progress, goals_left, goal_size, errors, lengths, novelty, weights) -> tuple:
    """The fitness inputs in the dtypes the kernels take (no copy when they already match)."""
    dtypes = (np.uint8, np.float32, np.int32, np.int32, np.int32, np.int32, np.float64, np.float64)
    arrays = tuple(np.ascontiguousarray(a, dtype=d)
                   for a, d in zip((proved, progress, goals_left, goal_size, errors, lengths, novelty, weights), dtypes))
    n = arrays[0].size
    if any(a.shape != (n,) for a in arrays[:7]) or arrays[7].shape != (len(FITNESS_TERMS),):
        raise ValueError(f"fitness takes 7 arrays of one length n and {len(FITNESS_TERMS)} weights")
    return arrays


def fitness(proved, progress, goals_left, goal_size, errors, lengths, novelty, weights=FITNESS_WEIGHTS) -> np.ndarray:
    """float64[n]: each script's weighted sum of its Lean feedback (see `weighted_sum`)."""
    return _fitness(*feedback_arrays(proved, progress, goals_left, goal_size, errors, lengths, novelty, weights))


@numba.njit(cache=True, parallel=True)
def _ngram_counts(tactics, lengths, n_tactics, slices):
    """Occurrences in the whole population of each tactic (`[t]`) and of each pair of
    adjacent tactics (`[n_tactics + t * n_tactics + next]`). Each thread counts a slice of the
    scripts; integer sums, so exact whatever the slicing."""
    n = lengths.size
    size = n_tactics + n_tactics * n_tactics
    partial = np.zeros((slices, size), np.int64)
    for s in prange(slices):
        for i in range(s * n // slices, (s + 1) * n // slices):
            for j in range(lengths[i]):
                t = tactics[i, j]
                partial[s, t] += 1
                if j > 0:
                    partial[s, n_tactics + tactics[i, j - 1] * n_tactics + t] += 1
    return partial.sum(axis=0)


@numba.njit(cache=True, parallel=True)
def _novelty(tactics, lengths, n_tactics, slices):
    # 1 / count once per n-gram rather than once per gene (the same bits: one division each)
    rarity = 1.0 / np.maximum(_ngram_counts(tactics, lengths, n_tactics, slices), 1)
    out = np.empty(lengths.size, np.float64)
    for i in prange(lengths.size):
        total = 0.0
        for j in range(lengths[i]):
            t = tactics[i, j]
            total += rarity[t]
            if j > 0:
                total += rarity[n_tactics + tactics[i, j - 1] * n_tactics + t]
        out[i] = total / (2 * lengths[i] - 1)
    return out


def novelty(tactics, args, lengths, n_tactics: int) -> np.ndarray:
    """float64[n] in (0, 1]: how rare a script's tactics are in this population.

    A script of m genes has m unigrams (its tactics) and m - 1 bigrams (adjacent pairs of
    tactics; arguments do not count). An n-gram that occurs c times in the whole population
    (this script's own occurrences included) has rarity 1 / c; a script's novelty is the
    mean rarity of its 2m - 1 n-grams, summed gene by gene (unigram j, then bigram (j-1, j)).
    1 means every n-gram of the script occurs nowhere else. Linear in the population's size.
    """
    tactics, _, lengths = population_arrays(tactics, args, lengths)
    # one slice per thread (numba.get_num_threads in a kernel would keep it out of the cache)
    slices = max(1, min(lengths.size, numba.get_num_threads()))
    return _novelty(tactics, lengths, int(n_tactics), slices)


# ---------------------------------------------------------------- de-duplication

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
_BYTE = np.uint64(0xFF)


@numba.njit(cache=True)
def _fnv1a_int32(h, value):
    """FNV-1a over the 4 little-endian bytes of an int32 (two's complement)."""
    v = np.uint64(value & 0xFFFFFFFF)
    for b in range(4):
        h = (h ^ ((v >> np.uint64(8 * b)) & _BYTE)) * _FNV_PRIME
    return h


@numba.njit(cache=True, parallel=True)
def _script_hashes(tactics, args, lengths):
    out = np.empty(lengths.size, np.uint64)
    for i in prange(lengths.size):
        h = _fnv1a_int32(_FNV_OFFSET, lengths[i])
        for j in range(lengths[i]):
            h = _fnv1a_int32(_fnv1a_int32(h, tactics[i, j]), args[i, j])
        out[i] = h
    return out


def script_hashes(tactics, args, lengths) -> np.ndarray:
    """uint64[n]: FNV-1a 64 of each script's bytes: its length, then tactic, argument of each
    used gene, each an int32 in little-endian order. Equal scripts hash equal."""
    return _script_hashes(*population_arrays(tactics, args, lengths))


@numba.njit(cache=True)
def _first_occurrences(hashes):
    order = np.argsort(hashes, kind="mergesort")  # stable: equal hashes stay in index order
    first = np.zeros(hashes.size, np.bool_)
    for k in range(hashes.size):
        if k == 0 or hashes[order[k]] != hashes[order[k - 1]]:
            first[order[k]] = True
    return first


def first_occurrences(hashes) -> np.ndarray:
    """bool[n]: True at the lowest index of each distinct hash (keep these, drop the rest)."""
    return _first_occurrences(np.ascontiguousarray(hashes, dtype=np.uint64))


# ---------------------------------------------------------------- selection


@numba.njit(cache=True, parallel=True)
def _tournament(fitness, n_out, k, key):
    winners = np.empty(n_out, np.int64)
    for o in prange(n_out):
        item = item_key(key, o)
        best = below(draw(item, 0), fitness.size)
        for d in range(1, k):
            c = below(draw(item, d), fitness.size)
            if fitness[c] > fitness[best] or (fitness[c] == fitness[best] and c < best):
                best = c
        winners[o] = best
    return winners


def tournament(fitness, n_out: int, k: int, seed: int) -> np.ndarray:
    """int64[n_out]: for each output slot o, the winner of a k-way tournament: draw d (0..k-1)
    of item o is the contestant `below(draw, n)` (with replacement); the highest fitness
    wins, ties to the lower index."""
    fitness = np.ascontiguousarray(fitness, dtype=np.float64)
    if fitness.size == 0 or k < 1 or n_out < 0:
        raise ValueError("tournament needs a non-empty population, k >= 1 and n_out >= 0")
    return _tournament(fitness, int(n_out), int(k), kernel_key(seed, TOURNAMENT))


# ---------------------------------------------------------------- variation


def population_arrays(tactics, args, lengths) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The population in the dtypes the kernels take (no copy when they already match).
    Only shapes are checked here; `check_population` checks the contents."""
    tactics = np.ascontiguousarray(tactics, dtype=np.int32)
    args = np.ascontiguousarray(args, dtype=np.int32)
    lengths = np.ascontiguousarray(lengths, dtype=np.int32)
    if tactics.ndim != 2 or args.shape != tactics.shape or lengths.shape != tactics.shape[:1]:
        raise ValueError(f"a population is tactics[n, L], args[n, L] and lengths[n]; got shapes "
                         f"{tactics.shape}, {args.shape}, {lengths.shape}")
    return tactics, args, lengths


def check_population(tactics, args, lengths, arg_counts) -> None:
    """Raise ValueError naming the first script that breaks the encoding (a length outside
    1..L, a tactic or argument out of range, padding that is not -1). The kernels trust
    their input: call this on populations built outside them."""
    tactics, args, lengths = population_arrays(tactics, args, lengths)
    arg_counts = np.ascontiguousarray(arg_counts, dtype=np.int32)
    used = np.arange(tactics.shape[1]) < lengths[:, None]
    safe = np.where(used, tactics, 0).clip(0, max(arg_counts.size - 1, 0))
    limit = np.maximum(arg_counts[safe], 1) if arg_counts.size else np.ones_like(safe)
    bad_gene = used & ((tactics < 0) | (tactics >= arg_counts.size) | (args < 0) | (args >= limit))
    bad_pad = ~used & ((tactics != -1) | (args != -1))
    bad = bad_lengths(lengths, tactics.shape[1]) | bad_gene.any(axis=1) | bad_pad.any(axis=1)
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(f"script {i} breaks the encoding: length {lengths[i]}, tactics "
                         f"{tactics[i].tolist()}, args {args[i].tolist()}")


def bad_lengths(lengths: np.ndarray, width: int) -> np.ndarray:
    return (lengths < 1) | (lengths > width)


@numba.njit(cache=True, parallel=True)
def _crossover(tactics, args, lengths, parent_a, parent_b, key):
    n_children, width = parent_a.size, tactics.shape[1]
    out_t = np.full((n_children, width), -1, np.int32)
    out_a = np.full((n_children, width), -1, np.int32)
    out_len = np.empty(n_children, np.int32)
    for c in prange(n_children):
        a, b = parent_a[c], parent_b[c]
        item = item_key(key, c)
        cut_a = 1 + below(draw(item, 0), lengths[a])
        cut_b = below(draw(item, 1), lengths[b])
        m = min(cut_a + lengths[b] - cut_b, width)
        for j in range(m):
            src, col = (a, j) if j < cut_a else (b, cut_b + j - cut_a)
            out_t[c, j] = tactics[src, col]
            out_a[c, j] = args[src, col]
        out_len[c] = m
    return out_t, out_a, out_len


def crossover(tactics, args, lengths, parent_a, parent_b, seed: int):
    """(tactics, args, lengths) of len(parent_a) children: child c is a[:i] + b[j:] cut to L
    genes, with a = parent_a[c], b = parent_b[c], i = 1 + below(draw 0, len(a)) and
    j = below(draw 1, len(b)) (so every child keeps at least a's first gene)."""
    tactics, args, lengths = population_arrays(tactics, args, lengths)
    parent_a = np.ascontiguousarray(parent_a, dtype=np.int64)
    parent_b = np.ascontiguousarray(parent_b, dtype=np.int64)
    if parent_a.shape != parent_b.shape or parent_a.ndim != 1:
        raise ValueError("parent_a and parent_b must be 1-d and of one length")
    n = lengths.size
    if bad_lengths(lengths, tactics.shape[1]).any():
        raise ValueError(f"lengths must be in 1..{tactics.shape[1]}")
    if parent_a.size and not (0 <= min(parent_a.min(), parent_b.min()) and max(parent_a.max(), parent_b.max()) < n):
        raise ValueError(f"parent indices must be in 0..{n - 1}")
    return _crossover(tactics, args, lengths, parent_a, parent_b, kernel_key(seed, CROSSOVER))


@numba.njit(cache=True, parallel=True)
def _random_population(n, width, arg_counts, key):
    tactics = np.full((n, width), -1, np.int32)
    args = np.full((n, width), -1, np.int32)
    lengths = np.empty(n, np.int32)
    for i in prange(n):
        item = item_key(key, i)
        lengths[i] = 1 + below(draw(item, 0), width)
        for j in range(lengths[i]):
            t = below(draw(item, 1 + 2 * j), arg_counts.size)
            tactics[i, j] = t
            args[i, j] = below(draw(item, 2 + 2 * j), arg_counts[t]) if arg_counts[t] > 0 else 0
    return tactics, args, lengths


def random_population(n: int, width: int, arg_counts, seed: int):
    """(tactics, args, lengths) of n random scripts of at most `width` genes: script i has
    length 1 + below(draw 0, width), and gene j the tactic below(draw 1 + 2j, n_tactics) with
    the argument below(draw 2 + 2j, arg_counts[tactic]) (0 when it takes none)."""
    arg_counts = np.ascontiguousarray(arg_counts, dtype=np.int32)
    if n < 0 or width < 1 or arg_counts.size == 0 or arg_counts.min() < 0:
        raise ValueError("random_population needs n >= 0, width >= 1 and arg_counts >= 0 for at least one tactic")
    return _random_population(int(n), int(width), arg_counts, kernel_key(seed, POPULATION))


SUBSTITUTE, INSERT, DELETE, REDRAW = 0, 1, 2, 3


@numba.njit(cache=True)
def _random_gene(item, arg_counts):
    """A random tactic (draw 3) with a random valid argument (draw 4)."""
    t = below(draw(item, 3), arg_counts.size)
    a = below(draw(item, 4), arg_counts[t]) if arg_counts[t] > 0 else 0
    return t, a


@numba.njit(cache=True)
def _nth_with_argument(tactics_row, m, arg_counts, nth):
    """Index of the nth gene (0-based) among those whose template takes an argument."""
    for j in range(m):
        if arg_counts[tactics_row[j]] > 0:
            if nth == 0:
                return j
            nth -= 1
    return -1


@numba.njit(cache=True)
def _operation(item, m, width, with_argument):
    """Draw 1 picks an operation uniformly; one that cannot apply becomes a substitution."""
    op = below(draw(item, 1), 4)
    if (op == INSERT and m == width) or (op == DELETE and m == 1) or (op == REDRAW and with_argument == 0):
        return SUBSTITUTE
    return op


@numba.njit(cache=True)
def _mutate_one(t_row, a_row, m, arg_counts, item):
    """Mutate one script in place; returns its new length. Draw 2 picks the position."""
    with_argument = 0
    for j in range(m):
        with_argument += arg_counts[t_row[j]] > 0
    op = _operation(item, m, t_row.size, with_argument)
    if op == INSERT:
        pos = below(draw(item, 2), m + 1)
        t_row[pos + 1:m + 1] = t_row[pos:m].copy()
        a_row[pos + 1:m + 1] = a_row[pos:m].copy()
        t_row[pos], a_row[pos] = _random_gene(item, arg_counts)
        return m + 1
    if op == DELETE:
        pos = below(draw(item, 2), m)
        t_row[pos:m - 1] = t_row[pos + 1:m].copy()
        a_row[pos:m - 1] = a_row[pos + 1:m].copy()
        t_row[m - 1], a_row[m - 1] = -1, -1
        return m - 1
    if op == REDRAW:
        pos = _nth_with_argument(t_row, m, arg_counts, below(draw(item, 2), with_argument))
        a_row[pos] = below(draw(item, 4), arg_counts[t_row[pos]])
        return m
    pos = below(draw(item, 2), m)
    t_row[pos], a_row[pos] = _random_gene(item, arg_counts)
    return m


@numba.njit(cache=True, parallel=True)
def _mutate(tactics, args, lengths, arg_counts, rate, key):
    """Mutate the arrays (copies of the caller's) in place."""
    for i in prange(lengths.size):
        item = item_key(key, i)
        if unit(draw(item, 0)) < rate:
            lengths[i] = _mutate_one(tactics[i], args[i], lengths[i], arg_counts, item)


def mutate(tactics, args, lengths, arg_counts, rate: float, seed: int):
    """New (tactics, args, lengths): script i is mutated when unit(draw 0) < rate, by one
    operation (draw 1, uniform): substitute a gene (draw 2 its position) by a random tactic
    (draw 3) with a random valid argument (draw 4); insert such a gene before position
    below(draw 2, m + 1) (at length L: substitute); delete the gene at below(draw 2, m) (at
    length 1: substitute); re-draw (draw 4) the argument of the below(draw 2, k)-th of its k
    genes that take one (none: substitute)."""
    tactics, args, lengths = (a.copy() for a in population_arrays(tactics, args, lengths))
    arg_counts = np.ascontiguousarray(arg_counts, dtype=np.int32)
    check_population(tactics, args, lengths, arg_counts)
    _mutate(tactics, args, lengths, arg_counts, float(rate), kernel_key(seed, MUTATE))
    return tactics, args, lengths
