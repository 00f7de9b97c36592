"""Vectorized NumPy versions of the scoring kernels (fitness, novelty, hashes): the baseline
that benchmarks/kernels.py measures the Numba kernels against. Same formulas as
native/genetic.py; floating-point sums may differ in the last bits (NumPy sums pairwise)."""

from __future__ import annotations

import numpy as np

from native.genetic import FITNESS_WEIGHTS


def fitness(proved, progress, goals_left, goal_size, errors, lengths, novelty, weights=FITNESS_WEIGHTS) -> np.ndarray:
    terms = (proved, progress, goals_left, np.log1p(goal_size), errors, lengths, novelty)
    total = weights[0] * terms[0].astype(np.float64)
    for w, x in zip(weights[1:], terms[1:]):
        total += w * x.astype(np.float64)
    return total


def novelty(tactics, args, lengths, n_tactics: int) -> np.ndarray:
    used = tactics >= 0
    pairs = used[:, 1:]
    bigram_ids = tactics[:, :-1].astype(np.int64) * n_tactics + tactics[:, 1:]
    unigram_counts = np.bincount(tactics[used], minlength=n_tactics)
    bigram_counts = np.bincount(bigram_ids[pairs], minlength=n_tactics * n_tactics)
    # 1 / count per n-gram id (ids that never occur are only looked up by padding, masked out)
    unigram_rarity = 1.0 / np.maximum(unigram_counts, 1)
    bigram_rarity = 1.0 / np.maximum(bigram_counts, 1)
    rarity = np.where(used, unigram_rarity[np.where(used, tactics, 0)], 0.0).sum(axis=1)
    rarity += np.where(pairs, bigram_rarity[np.where(pairs, bigram_ids, 0)], 0.0).sum(axis=1)
    return rarity / (2 * lengths - 1)


_FNV_PRIME = np.uint64(0x100000001B3)


def _fnv1a_columns(h: np.ndarray, values: np.ndarray, active: np.ndarray) -> np.ndarray:
    """FNV-1a of the int32 `values` (4 little-endian bytes) into `h` where `active`."""
    v = values.astype(np.int64) & 0xFFFFFFFF
    for b in range(4):
        mixed = (h ^ ((v >> (8 * b)) & 0xFF).astype(np.uint64)) * _FNV_PRIME
        h = np.where(active, mixed, h)
    return h


def script_hashes(tactics, args, lengths) -> np.ndarray:
    h = np.full(lengths.size, 0xCBF29CE484222325, dtype=np.uint64)
    everyone = np.ones(lengths.size, np.bool_)
    h = _fnv1a_columns(h, lengths, everyone)
    for j in range(tactics.shape[1]):
        active = j < lengths
        h = _fnv1a_columns(h, tactics[:, j], active)
        h = _fnv1a_columns(h, args[:, j], active)
    return h
