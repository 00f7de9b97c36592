"""The genetic search's scoring kernels (native/), side by side in one run: plain Python
(native/reference.py), vectorized NumPy (native/numpy_impl.py), Numba on one thread, Numba
on all threads, and CUDA where a GPU is present.

    python benchmarks/kernels.py [--sizes 1000,10000,100000,1000000] [--repeat 5]
                                 [--width 16] [--tactics 64] [--python-sample 100000]

Two tasks on random populations of n scripts of at most `--width` genes:
- score: novelty + fitness of every script (what a generation's selection needs);
- hash: the FNV-1a hash of every script (what de-duplication needs).

Each figure is the best of `--repeat` runs after a warm-up (JIT compiled and cached
first); pure Python runs once, and above `--python-sample` scripts it runs on the first
`--python-sample` of them and its time is scaled up linearly (marked `~`). Bandwidth is the
least traffic a kernel needs (each input array read once per pass, each output written
once) over its time, beside the machine's: a large NumPy copy (read + write) in the same run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numba
import numpy as np

# the checkout this script is in, not whatever `native` the environment has installed
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import native  # noqa: E402
from native import numpy_impl, reference  # noqa: E402
from native.cuda import fitness_cuda, gpu_available  # noqa: E402


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def machine_bandwidth(repeat: int) -> float:
    """Bytes per second of a 256 MiB NumPy copy, counting the read and the write."""
    src = np.ones(32 * 2**20, np.float64)
    dst = np.empty_like(src)
    return 2 * src.nbytes / best_of(lambda: np.copyto(dst, src), repeat)


def population(n: int, width: int, n_tactics: int, seed: int = 1) -> dict:
    arg_counts = np.arange(n_tactics, dtype=np.int32) % 4
    tactics, args, lengths = native.random_population(n, width, arg_counts, seed)
    rng = np.random.default_rng(seed)
    feedback = ((rng.random(n) < 0.1).astype(np.uint8), rng.random(n).astype(np.float32),
                rng.integers(0, 6, n).astype(np.int32), rng.integers(0, 10**5, n).astype(np.int32),
                rng.integers(0, 4, n).astype(np.int32))
    return {"tactics": tactics, "args": args, "lengths": lengths, "feedback": feedback, "n_tactics": n_tactics}


def scorers(p: dict) -> dict:
    """task -> (kernel on arrays, the same with NumPy, the reference on lists of the first m scripts)."""
    t, a, m, fb, nt = p["tactics"], p["args"], p["lengths"], p["feedback"], p["n_tactics"]

    def score(impl):
        return lambda: impl.fitness(*fb, m, impl.novelty(t, a, m, nt))

    def python_score(k):
        rows = [x[:k].tolist() for x in (t, a, m, *fb)]
        weights = native.FITNESS_WEIGHTS.tolist()
        return lambda: reference.fitness(*rows[3:], rows[2], reference.novelty(*rows[:3], nt), weights)

    def python_hash(k):
        rows = [x[:k].tolist() for x in (t, a, m)]
        return lambda: reference.script_hashes(*rows)

    return {"score": (score(native), score(numpy_impl), python_score),
            "hash": (lambda: native.script_hashes(t, a, m), lambda: numpy_impl.script_hashes(t, a, m), python_hash)}


def traffic(task: str, n: int, width: int) -> int:
    """Least bytes a task moves: score reads tactics twice (histogram, rarity) and lengths
    twice, writes novelty, then fitness reads 29 bytes a script and writes 8; hash reads
    tactics, args and lengths and writes 8 bytes a script."""
    return n * (8 * width + 8 + 8 + 29 + 8) if task == "score" else n * (8 * width + 4 + 8)


def measure(task: str, n: int, fns: tuple, p: dict, args) -> dict:
    kernel, with_numpy, python = fns
    threads = numba.config.NUMBA_NUM_THREADS
    k = min(n, args.python_sample)
    row = {"python": best_of(python(k), 1) * n / k, "sampled": k < n, "numpy": best_of(with_numpy, args.repeat)}
    numba.set_num_threads(1)
    row["numba_1"] = best_of(kernel, args.repeat)
    numba.set_num_threads(threads)
    row["numba_all"] = best_of(kernel, args.repeat)
    row["cuda"] = cuda_time(p, args.repeat) if task == "score" and gpu_available() else None
    row["bytes"] = traffic(task, n, args.width)
    return row


def cuda_time(p: dict, repeat: int) -> float:
    """Novelty on the CPU (all threads), fitness on the GPU, transfers included."""
    t, a, m, fb = p["tactics"], p["args"], p["lengths"], p["feedback"]
    return best_of(lambda: fitness_cuda(*fb, m, native.novelty(t, a, m, p["n_tactics"])), repeat)


def print_table(task: str, rows: dict, bandwidth: float) -> None:
    threads = numba.config.NUMBA_NUM_THREADS
    print(f"\n{task}: seconds (best of the repeats); speed-ups of Numba on 1 and {threads} threads over "
          f"Python and NumPy; bandwidth of the faster Numba side")
    print(f"{'n':>9} {'Python':>10} {'NumPy':>9} {'Numba 1T':>9} {f'Numba {threads}T':>9} {'CUDA':>9} "
          f"{'Py/1T':>6} {f'Py/{threads}T':>6} {'NP/1T':>6} {f'NP/{threads}T':>6} {'GB/s':>6} {'of copy':>7}")
    for n, r in rows.items():
        one, many = r["numba_1"], r["numba_all"]
        python = ("~" if r["sampled"] else " ") + f"{r['python']:.4f}"
        cuda = "-" if r["cuda"] is None else f"{r['cuda']:.5f}"
        achieved = r["bytes"] / min(one, many)
        print(f"{n:>9} {python:>10} {r['numpy']:>9.5f} {one:>9.5f} {many:>9.5f} {cuda:>9} "
              f"{r['python'] / one:>6.0f} {r['python'] / many:>6.0f} {r['numpy'] / one:>6.1f} "
              f"{r['numpy'] / many:>6.1f} {achieved / 1e9:>6.2f} {achieved / bandwidth:>7.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000,1000000", help="population sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--width", type=int, default=16, help="L, the most genes a script has")
    parser.add_argument("--tactics", type=int, default=64, help="tactic templates")
    parser.add_argument("--python-sample", type=int, default=100_000, help="most scripts pure Python runs on")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    warm = population(100, args.width, args.tactics)
    for kernel, *_ in scorers(warm).values():
        kernel()
    if gpu_available():
        cuda_time(warm, 1)
    bandwidth = machine_bandwidth(args.repeat)
    print(f"{os.cpu_count()} CPUs, Numba threads {numba.config.NUMBA_NUM_THREADS} "
          f"({numba.threading_layer()} layer), load average {os.getloadavg()[0]:.2f}; L={args.width}, {args.tactics} tactics; machine copy bandwidth "
          f"{bandwidth / 1e9:.2f} GB/s (NumPy copy, read + write)")
    print("CUDA: " + ("novelty on the CPU + fitness_cuda, transfers included" if gpu_available()
                      else "not measured (no CUDA GPU on this machine)"))
    results: dict[str, dict] = {"score": {}, "hash": {}}
    for n in sizes:
        p = population(n, args.width, args.tactics)
        for task, fns in scorers(p).items():
            results[task][n] = measure(task, n, fns, p, args)
    for task, rows in results.items():
        print_table(task, rows, bandwidth)
    if any(n > args.python_sample for n in sizes):
        print(f"\n~ pure Python timed on the first {args.python_sample} scripts, scaled up linearly")
    print(f"load average at the end {os.getloadavg()[0]:.2f} (above the CPU count, threads wait to be scheduled)")


if __name__ == "__main__":
    main()
