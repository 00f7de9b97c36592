"""The CUDA fitness kernel equals the CPU one: on numba's CUDA simulator here (a machine
without a GPU), in a fresh interpreter since NUMBA_ENABLE_CUDASIM must be set before numba
is imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np

import native

ROOT = Path(__file__).resolve().parents[2]

ON_THE_SIMULATOR = """
import numpy as np
from numba import cuda
import native
from native.cuda import fitness_cuda
from numba import config
assert config.ENABLE_CUDASIM, "not the simulator"
rng = np.random.default_rng(3)
n = 300  # more than one block of 256 threads
arg_counts = np.arange(16, dtype=np.int32) % 3
tactics, args, lengths = native.random_population(n, 8, arg_counts, seed=3)
nov = native.novelty(tactics, args, lengths, 16)
feedback = ((rng.random(n) < 0.3).astype(np.uint8), rng.random(n).astype(np.float32),
            rng.integers(0, 5, n).astype(np.int32), rng.integers(0, 10**6, n).astype(np.int32),
            rng.integers(0, 4, n).astype(np.int32), lengths, nov)
for weights in (native.FITNESS_WEIGHTS, np.array([2.0, -1.0, 0.5, 3.0, -0.25, 1.0, 7.0])):
    cpu = native.fitness(*feedback, weights)
    gpu = fitness_cuda(*feedback, weights)
    assert gpu.dtype == np.float64 and gpu.shape == (n,)
    assert np.allclose(gpu, cpu, rtol=1e-9, atol=1e-9), np.abs(gpu - cpu).max()
assert fitness_cuda(*(a[:0] for a in feedback)).shape == (0,)
print("simulated", n)
"""


def test_cuda_fitness_equals_cpu_fitness_on_the_simulator():
    env = {**os.environ, "NUMBA_ENABLE_CUDASIM": "1", "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", ON_THE_SIMULATOR], capture_output=True, text=True, env=env,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "simulated 300" in run.stdout


def test_fitness_auto_runs_where_there_is_no_gpu():
    lengths = np.array([1, 2], np.int32)
    feedback = (np.array([1, 0]), np.array([1.0, 0.5]), np.zeros(2), np.zeros(2), np.zeros(2), lengths, np.ones(2))
    assert np.allclose(native.fitness_auto(*feedback), native.fitness(*feedback), rtol=1e-9, atol=1e-9)
