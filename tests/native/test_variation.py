"""Selection and variation kernels (native/genetic.py) against their plain-Python references
(native/reference.py), exactly, and the invariants the genetic search relies on: every
output is a valid population (lengths in 1..L, padding -1, arguments valid for their
tactics), and the inputs are left as they were."""

from __future__ import annotations

import numpy as np
import pytest

import native
from conftest import native_populations
from native import reference, rng

POPULATIONS = native_populations()
CASES = pytest.mark.parametrize("case", sorted(POPULATIONS))


def lists(*arrays) -> list:
    return [a.tolist() for a in arrays]


def test_generator_equals_reference():
    for seed in (0, 1, 2**63 + 5, -3):
        # numba returns Python ints; kernels pass uint64 between these functions
        key = rng.kernel_key(seed, rng.MUTATE)
        assert int(key) == reference.stream_key(seed, rng.MUTATE)
        item = np.uint64(rng.item_key(key, 12345))
        assert int(item) == reference.item_key(int(key), 12345)
        value = np.uint64(rng.draw(item, 7))
        assert int(value) == reference.draw(int(item), 7)
        assert rng.below(value, 1000) == int(value) % 1000
        assert rng.unit(value) == reference.unit(int(value))


@pytest.mark.parametrize("n,width,n_tactics", [(1, 1, 1), (50, 16, 7), (300, 4, 64)])
def test_random_population_equals_reference_and_is_valid(n, width, n_tactics):
    arg_counts = np.arange(n_tactics, dtype=np.int32) % 3
    got = native.random_population(n, width, arg_counts, seed=n)
    assert lists(*got) == list(reference.random_population(n, width, arg_counts.tolist(), seed=n))
    native.check_population(*got, arg_counts)


@CASES
def test_tournament_equals_reference(case):
    lengths = POPULATIONS[case][2]
    fitness = np.round(np.random.default_rng(0).random(lengths.size) * 5)  # many ties
    for n_out, k in [(1, 1), (37, 2), (200, 5)]:
        got = native.tournament(fitness, n_out, k, seed=k)
        assert got.dtype == np.int64
        assert got.tolist() == reference.tournament(fitness.tolist(), n_out, k, seed=k)


def test_tournaments_pick_the_fittest_contestant_and_ties_go_to_the_lower_index():
    fitness = np.zeros(10)
    fitness[7] = 1.0
    # a huge tournament sees every index: the fittest always wins
    assert (native.tournament(fitness, 20, 200, seed=3) == 7).all()
    assert (native.tournament(np.zeros(10), 20, 200, seed=3) == 0).all()


@CASES
def test_crossover_equals_reference_and_children_are_valid(case):
    tactics, args, lengths, arg_counts = POPULATIONS[case]
    n = lengths.size
    parents = np.random.default_rng(1).integers(0, n, (2, 3 * n + 1))
    before = [a.copy() for a in (tactics, args, lengths)]
    got = native.crossover(tactics, args, lengths, parents[0], parents[1], seed=11)
    assert lists(*got) == list(reference.crossover(*lists(tactics, args, lengths, *parents), seed=11))
    native.check_population(*got, arg_counts)
    assert all((a == b).all() for a, b in zip(before, (tactics, args, lengths)))


def test_a_child_is_a_head_of_one_parent_and_a_tail_of_the_other():
    tactics = np.array([[0, 1, 2, 3], [4, 5, 6, -1]], np.int32)
    args = np.where(tactics >= 0, 0, -1)
    lengths = np.array([4, 3], np.int32)
    children, _, child_lengths = native.crossover(tactics, args, lengths, np.zeros(300, int), np.ones(300, int), 5)
    seen = set()
    for row, m in zip(children.tolist(), child_lengths.tolist()):
        i = next((j for j in range(m) if row[j] >= 4), m)
        head, tail = row[:i], row[i:m]
        j = tail[0] - 4 if tail else 0
        assert 1 <= i and head == [0, 1, 2, 3][:i] and tail == [4, 5, 6][j:j + len(tail)]
        assert m == 4 or j + len(tail) == 3  # b's tail whole, unless cut at L genes
        seen.add((i, m))
    assert {i for i, _ in seen} == {1, 2, 3, 4} and max(m for _, m in seen) == 4  # cut to L


@CASES
@pytest.mark.parametrize("rate", [0.0, 0.5, 1.0])
def test_mutate_equals_reference_and_mutants_are_valid(case, rate):
    tactics, args, lengths, arg_counts = POPULATIONS[case]
    before = [a.copy() for a in (tactics, args, lengths)]
    got = native.mutate(tactics, args, lengths, arg_counts, rate, seed=21)
    want = reference.mutate(*lists(tactics, args, lengths, arg_counts), rate, seed=21)
    assert lists(*got) == list(want)
    native.check_population(*got, arg_counts)
    assert all((a == b).all() for a, b in zip(before, (tactics, args, lengths)))
    if rate == 0.0:
        assert lists(*got) == lists(tactics, args, lengths)


def test_mutation_uses_every_operation():
    tactics, args, lengths, arg_counts = POPULATIONS["n400-L16-T64"]
    new_t, new_a, new_len = native.mutate(tactics, args, lengths, arg_counts, 1.0, seed=4)
    changed = (new_t != tactics).any(axis=1) | (new_a != args).any(axis=1)
    assert (new_len > lengths).any() and (new_len < lengths).any()  # inserts, deletes
    same_tactics = (new_t == tactics).all(axis=1)
    assert (same_tactics & (new_a != args).any(axis=1)).any()  # argument re-drawn
    assert changed.mean() > 0.8  # a substitution or re-draw may draw what was there


def test_bad_populations_are_refused_with_the_script_named():
    good = POPULATIONS["n60-L4-T3"]
    native.check_population(*good)
    i = int(np.argmax(good[2] < 4))  # a script with padding
    # (array: 0 tactics, 1 args, 2 lengths; where; value)
    for k, where, value in [(2, i, 0), (2, i, 5), (0, (i, 0), 3), (0, (i, 0), -2), (1, (i, 0), 7), (0, (i, 3), 0)]:
        bad = [a.copy() for a in good]
        bad[k][where] = value
        with pytest.raises(ValueError, match=f"script {i} breaks the encoding"):
            native.mutate(*bad, 0.5, seed=0)
    with pytest.raises(ValueError, match="lengths must be in 1..4"):
        native.crossover(good[0], good[1], np.zeros_like(good[2]), [0], [1], seed=0)
