"""The fitness kernel on an NVIDIA GPU (numba.cuda), one thread per script, with the same
formula as the CPU kernel (`genetic.weighted_sum`, compiled for the device). Importing this
module needs no GPU: kernels compile on first call. Under `NUMBA_ENABLE_CUDASIM=1` (set
before numba is imported) the same code runs on numba's CUDA simulator."""

from __future__ import annotations

import functools

import numpy as np
from numba import cuda

from native.genetic import FITNESS_WEIGHTS, feedback_arrays, fitness, weighted_sum

_THREADS_PER_BLOCK = 256


@functools.cache
def _kernel():
    """Compiled on first use, so that importing native costs nothing without a GPU."""
    score = cuda.jit(device=True)(weighted_sum)

    @cuda.jit
    def kernel(proved, progress, goals_left, goal_size, errors, lengths, novelty, weights, out):
        i = cuda.grid(1)
        if i < out.size:
            out[i] = score(proved[i], progress[i], goals_left[i], goal_size[i], errors[i], lengths[i],
                           novelty[i], weights)

    return kernel


def fitness_cuda(proved, progress, goals_left, goal_size, errors, lengths, novelty, weights=FITNESS_WEIGHTS) -> np.ndarray:
    """`genetic.fitness` on the GPU: the same float64 results (up to the device's log1p, whose
    last bit may differ from the CPU's)."""
    inputs = [cuda.to_device(a) for a in feedback_arrays(proved, progress, goals_left, goal_size, errors, lengths,
                                                         novelty, weights)]
    n = inputs[0].size
    out = cuda.device_array(n, np.float64)
    if n:
        blocks = (n + _THREADS_PER_BLOCK - 1) // _THREADS_PER_BLOCK
        _kernel()[blocks, _THREADS_PER_BLOCK](*inputs, out)
    return out.copy_to_host()


@functools.cache
def gpu_available() -> bool:
    return cuda.is_available()


def fitness_auto(proved, progress, goals_left, goal_size, errors, lengths, novelty, weights=FITNESS_WEIGHTS) -> np.ndarray:
    """`fitness_cuda` where a CUDA GPU is available, else the CPU kernel `fitness`."""
    score = fitness_cuda if gpu_available() else fitness
    return score(proved, progress, goals_left, goal_size, errors, lengths, novelty, weights)
