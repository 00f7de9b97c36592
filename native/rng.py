"""A counter-based random number generator: every draw is a pure function of
(seed, stream, index, draw number), so a parallel kernel gives the same numbers whatever the
thread count or scheduling, and a plain-Python loop (native/reference.py) gives them too.

    key   = splitmix64(splitmix64(seed) ^ stream)       once per kernel call
    item  = splitmix64(key + index)                     once per script (or output slot)
    value = splitmix64(item + draw)                     draw 0, 1, 2, ... of that item

All arithmetic is on uint64, wrapping; every function casts its inputs to uint64 first, since
numba types a Python int below 2**63 as int64, and int64 + uint64 is float64 in numba. `below(value, m)` is `value % m` (its bias, at most
m / 2**64, does not matter here); `unit(value)` is `(value >> 11) * 2**-53`, in [0, 1).
"""

from __future__ import annotations

import numba
import numpy as np

# Each kernel draws from its own stream, so one seed given to several kernels gives
# unrelated numbers in each.
TOURNAMENT, CROSSOVER, MUTATE, POPULATION = 1, 2, 3, 4

_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_U30, _U27, _U31, _U11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
_INV_2_53 = 1.0 / 9007199254740992.0

MASK64 = (1 << 64) - 1


def as_seed(seed: int) -> np.uint64:
    """Any Python int as the uint64 the kernels take (negative seeds wrap)."""
    return np.uint64(int(seed) & MASK64)


@numba.njit(cache=True)
def splitmix64(x):
    z = np.uint64(x) + _GAMMA
    z = (z ^ (z >> _U30)) * _MIX1
    z = (z ^ (z >> _U27)) * _MIX2
    return z ^ (z >> _U31)


@numba.njit(cache=True)
def stream_key(seed, stream):
    return splitmix64(splitmix64(seed) ^ np.uint64(stream))


def kernel_key(seed: int, stream: int) -> np.uint64:
    """A kernel call's key, as a uint64 scalar (a Python int would type as int64 or uint64
    depending on its value, and a kernel compiled for one refuses the other)."""
    return np.uint64(stream_key(as_seed(seed), stream))


@numba.njit(cache=True)
def item_key(key, index):
    return splitmix64(np.uint64(key) + np.uint64(index))


@numba.njit(cache=True)
def draw(item, number):
    return splitmix64(np.uint64(item) + np.uint64(number))


@numba.njit(cache=True)
def below(value, m):
    """An int64 in [0, m) for m >= 1."""
    return np.int64(np.uint64(value) % np.uint64(m))


@numba.njit(cache=True)
def unit(value):
    """A float64 in [0, 1) with 53 random bits."""
    return np.float64(np.uint64(value) >> _U11) * _INV_2_53
