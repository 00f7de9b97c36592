"""Scoring and de-duplication kernels (native/genetic.py) against their plain-Python
references (native/reference.py): equal to the last bit, on every population of
tests/conftest.py's `native_populations`."""

from __future__ import annotations

import numpy as np
import pytest

import native
from conftest import native_feedback, native_populations
from native import numpy_impl, reference

POPULATIONS = native_populations()
CASES = pytest.mark.parametrize("case", sorted(POPULATIONS))


def lists(*arrays) -> list:
    return [a.tolist() for a in arrays]


def scored(case: str) -> tuple:
    """(feedback + lengths + novelty as fitness takes them, the population)."""
    tactics, args, lengths, arg_counts = POPULATIONS[case]
    nov = native.novelty(tactics, args, lengths, arg_counts.size)
    return (*native_feedback(lengths, seed=len(case)), lengths, nov), (tactics, args, lengths, arg_counts)


@CASES
def test_novelty_equals_reference(case):
    tactics, args, lengths, arg_counts = POPULATIONS[case]
    got = native.novelty(tactics, args, lengths, arg_counts.size)
    assert got.tolist() == reference.novelty(*lists(tactics, args, lengths), arg_counts.size)
    assert ((0 < got) & (got <= 1)).all()


def test_novelty_is_one_for_a_script_whose_ngrams_occur_nowhere_else_and_falls_with_copies():
    tactics = np.array([[0, 1, 2], [0, 1, 2], [3, 4, -1]], np.int32)
    lengths = np.array([3, 3, 2], np.int32)
    got = native.novelty(tactics, np.where(tactics >= 0, 0, -1), lengths, 5)
    assert got.tolist() == [0.5, 0.5, 1.0]


@CASES
def test_fitness_equals_reference(case):
    inputs, _ = scored(case)
    weights = native.FITNESS_WEIGHTS
    assert native.fitness(*inputs, weights).tolist() == reference.fitness(*lists(*inputs), weights.tolist())
    other = np.array([3.0, -2.0, 0.25, 1.5, -7.0, 0.125, 11.0])
    assert native.fitness(*inputs, other).tolist() == reference.fitness(*lists(*inputs), other.tolist())


def test_a_proved_script_beats_every_unproved_one_with_the_default_weights():
    # proved: the longest script, nothing rare about it; unproved: the best feedback short of a proof
    proved = (1, 1.0, 0, 0, 0, 16, 0.0)
    unproved = (0, 1.0, 0, 0, 0, 1, 1.0)
    worse = (0, 0.2, 5, 50_000, 3, 16, 0.0)
    columns = [np.array(c) for c in zip(proved, unproved, worse)]
    score = native.fitness(*columns)
    assert score[0] > score[1] > score[2]
    assert native.FITNESS_TERMS == ("proved", "progress", "goals_left", "goal_size", "errors", "length", "novelty")


@CASES
def test_hashes_and_first_occurrences_equal_reference(case):
    tactics, args, lengths, _ = POPULATIONS[case]
    hashes = native.script_hashes(tactics, args, lengths)
    assert hashes.dtype == np.uint64
    assert hashes.tolist() == reference.script_hashes(*lists(tactics, args, lengths))
    assert native.first_occurrences(hashes).tolist() == reference.first_occurrences(hashes.tolist())


def test_hashes_tell_scripts_apart_and_first_occurrences_keep_the_lowest_index():
    tactics = np.array([[1, 2], [1, 2], [1, 2], [1, -1], [2, 1]], np.int32)
    args = np.array([[0, 0], [0, 1], [0, 0], [0, -1], [0, 0]], np.int32)
    lengths = np.array([2, 2, 2, 1, 2], np.int32)
    hashes = native.script_hashes(tactics, args, lengths)
    assert hashes[0] == hashes[2] and len(set(hashes.tolist())) == 4
    assert native.first_occurrences(hashes).tolist() == [True, True, False, True, True]
    duplicates = POPULATIONS["all-duplicates"]
    assert native.first_occurrences(native.script_hashes(*duplicates[:3])).tolist() == [True] + [False] * 49


@CASES
def test_numpy_baseline_agrees_with_the_kernels(case):
    """The benchmark's NumPy versions compute the same figures (sums up to rounding)."""
    inputs, (tactics, args, lengths, arg_counts) = scored(case)
    assert np.allclose(numpy_impl.novelty(tactics, args, lengths, arg_counts.size), inputs[-1], rtol=1e-12, atol=0)
    assert np.allclose(numpy_impl.fitness(*inputs), native.fitness(*inputs), rtol=1e-12, atol=1e-12)
    assert (numpy_impl.script_hashes(tactics, args, lengths) == native.script_hashes(tactics, args, lengths)).all()


def test_wrong_shapes_are_refused_with_a_message():
    with pytest.raises(ValueError, match="tactics\\[n, L\\]"):
        native.script_hashes(np.zeros((3, 2)), np.zeros((3, 2)), np.ones(4))
    with pytest.raises(ValueError, match="7 arrays"):
        native.fitness(*[np.zeros(3)] * 6, np.zeros(2))
