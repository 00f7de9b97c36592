"""Checking throughput: one Lean process per candidate (the naive way) vs the batched,
pooled verifier, side by side in one run on the chosen runtime.

    python benchmarks/check_throughput.py [--naive 8] [--candidates 96] [--config FILE] [--workers 2]

Both sides use the verifier a user's run configuration gives (defaults < --config FILE <
the `checking` flags: pool size, heartbeats, timeouts), the same candidates, no library;
the naive side overrides one key, `checking.batch_size = 1` (a fresh Lean process, start-up
and import for every candidate, as DeepSeek-Prover-V1.5's verifier does), printed. The naive
side checks a prefix of the candidates (it is slow); rates are per candidate.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from etp.config import ConfigError
from etp.lean.runtime import select_runtime
from etp.core import CheckRequest
from etp.pipeline import open_verifier
from etp.pipeline.cli import add_config_flags, config_from_args

# (statement, a proof that works, a broken variant)
BASE = [
    ("theorem t_lt (a b : Nat) (h : a < b) : a + 1 ≤ b", "by omega", "by simp"),
    ("theorem t_and (p q : Prop) (hp : p) (hq : q) : p ∧ q", "⟨hp, hq⟩", "⟨hq, hp⟩"),
    ("theorem t_dec : 2 ^ 10 = 1024", "by decide", "by decide +kernel; rfl"),
    ("theorem t_rat (x y : Rat) (h : x ≤ y) : x + 1 ≤ y + 1", "by grind", "by omega"),
    ("theorem t_list (l : List Nat) : (l ++ []).length = l.length", "by simp", "rfl"),
    ("theorem t_or (p q : Prop) (h : p ∨ q) : q ∨ p", "by\n  cases h with\n  | inl hp => exact Or.inr hp\n  | inr hq => exact Or.inl hq", "by exact h"),
    ("theorem t_mul (n : Nat) : n * 0 = 0", "by simp", "by decide"),
    ("theorem t_iff (p : Prop) : p ↔ p", "Iff.rfl", "by constructor"),
]


def requests(count: int) -> list[CheckRequest]:
    out = []
    for k in range(count):
        stmt, good, bad = BASE[k % len(BASE)]
        stmt = stmt.replace("theorem t_", f"theorem t{k}_")
        out.append(CheckRequest(statement=stmt, proof=good if k % 3 else bad, tag=str(k)))
    return out


def measure(verifier: Verifier, reqs: list[CheckRequest]) -> dict:
    finished: list[float] = []
    start = time.monotonic()
    last = [0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic() - start
        finished.extend([now] * (done - last[0]))
        last[0] = done

    verdicts = verifier.check(reqs, progress=progress)
    wall = time.monotonic() - start
    return {
        "wall": wall,
        "rate": len(reqs) / wall,
        "p50": statistics.median(finished),
        "p95": sorted(finished)[max(0, int(0.95 * len(finished)) - 1)],
        "proved": sum(v.status == "proved" for v in verdicts),
        "verdicts": [v.status for v in verdicts],
        "processes": verifier.stats["lean_processes"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--naive", type=int, default=8, help="candidates checked the naive way")
    parser.add_argument("--candidates", type=int, default=96, help="candidates checked batched")
    add_config_flags(parser, sections=("checking",))
    parser.add_argument("--runtime", default=None)
    args = parser.parse_args()
    try:
        config = config_from_args(args)
        naive_config = config.with_overrides({"checking.batch_size": 1}, source="this benchmark")
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    runtime = select_runtime(args.runtime)
    reqs = requests(args.candidates)
    naive = measure(open_verifier(naive_config, runtime=runtime, lean_path=[]), reqs[: args.naive])
    batched = measure(open_verifier(config, runtime=runtime, lean_path=[]), reqs)
    agree = naive["verdicts"] == batched["verdicts"][: args.naive]
    print(f"runtime: {runtime.describe()}")
    print("configuration: " + ", ".join(f"{k} = {v}" for k, v in config.flat().items() if k.startswith("checking.")))
    print("override: checking.batch_size = 1 on the naive side")
    print(f"{'':28s} {'naive':>12s} {'batched':>12s} {'ratio':>8s}")
    print(f"{'candidates':28s} {args.naive:12d} {args.candidates:12d}")
    print(f"{'Lean processes':28s} {naive['processes']:12d} {batched['processes']:12d}")
    print(f"{'checks per second':28s} {naive['rate']:12.3f} {batched['rate']:12.3f} {batched['rate'] / naive['rate']:7.1f}x")
    print(f"{'p50 latency per candidate (s)':28s} {naive['p50']:12.1f} {batched['p50']:12.1f}")
    print(f"{'p95 latency per candidate (s)':28s} {naive['p95']:12.1f} {batched['p95']:12.1f}")
    print(f"verdicts on the common prefix agree: {agree}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
