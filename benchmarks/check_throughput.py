"""Checking throughput, side by side in one run on the chosen runtime:

- naive: a fresh Lean process per candidate (start-up and import for every one, as
  DeepSeek-Prover-V1.5's verifier does): `checking.batch_size = 1`, `embedded_workers = process`;
- batched: candidates share a fresh Lean process per batch: `embedded_workers = process`;
- workers: long-lived embedded workers (etp.lean.host) that pay Node/wasm start-up once and
  start every batch from a pristine Lean: `embedded_workers = host` (the default).

    python benchmarks/check_throughput.py [--naive 8] [--candidates 96] [--config FILE] [--workers 2]

Every side uses the verifier a user's run configuration gives (defaults < --config FILE < the
`checking` flags), the same candidates, no library; each side's override is printed. Per-batch
overhead is the time of a batch of one trivial candidate (start-up, import, restore) once the
side is warm; the workers' start-up is paid once per worker, before the candidates, and shown
on its own line. The naive side checks a prefix of the candidates (it is slow).
"""

from __future__ import annotations

import argparse
import math
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
        "p95": sorted(finished)[max(0, math.ceil(0.95 * len(finished)) - 1)],
        "proved": sum(v.status == "proved" for v in verdicts),
        "verdicts": [v.status for v in verdicts],
        "processes": verifier.stats["lean_processes"],
        "count": len(reqs),
    }


SIDES = {
    "naive": {"checking.batch_size": 1, "checking.embedded_workers": "process"},
    "batched": {"checking.embedded_workers": "process"},
    "workers": {"checking.embedded_workers": "host"},
}
TRIVIAL = CheckRequest(statement="theorem trivial_one : True", proof="trivial")


def run_side(config, runtime, reqs: list[CheckRequest]) -> dict:
    with open_verifier(config, runtime=runtime, lean_path=[]) as verifier:
        t0 = time.monotonic()
        verifier.executor.start()
        startup = time.monotonic() - t0
        t0 = time.monotonic()
        verifier.check([TRIVIAL])
        overhead = time.monotonic() - t0
        runs_before = verifier.stats["lean_processes"]
        result = measure(verifier, reqs)
        result["processes"] -= runs_before
    return {**result, "startup": startup, "overhead": overhead}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--naive", type=int, default=8, help="candidates checked the naive way")
    parser.add_argument("--candidates", type=int, default=96, help="candidates checked by the other sides")
    add_config_flags(parser, sections=("checking",))
    parser.add_argument("--runtime", default=None)
    args = parser.parse_args()
    try:
        config = config_from_args(args)
        configs = {name: config.with_overrides(o, source="this benchmark") for name, o in SIDES.items()}
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    runtime = select_runtime(args.runtime)
    reqs = requests(args.candidates)
    sides = {name: run_side(c, runtime, reqs[: args.naive] if name == "naive" else reqs) for name, c in configs.items()}
    report(sides, config, runtime, args)
    return 0


def report(sides: dict, config, runtime, args) -> None:
    naive, batched, workers = sides["naive"], sides["batched"], sides["workers"]
    print(f"runtime: {runtime.describe()}")
    print("configuration: " + ", ".join(f"{k} = {v}" for k, v in config.flat().items() if k.startswith("checking.")))
    for name, overrides in SIDES.items():
        print(f"override on the {name} side: " + ", ".join(f"{k} = {v}" for k, v in overrides.items()))
    rows = [
        ("candidates", "d", lambda s: s["count"]),
        ("Lean runs", "d", lambda s: s["processes"]),
        ("worker start-up, once (s)", ".1f", lambda s: s["startup"]),
        ("per-batch overhead (s)", ".1f", lambda s: s["overhead"]),
        ("checks per second", ".3f", lambda s: s["rate"]),
        ("p50 latency (s)", ".1f", lambda s: s["p50"]),
        ("p95 latency (s)", ".1f", lambda s: s["p95"]),
    ]
    print(f"{'':28s} {'naive':>10s} {'batched':>10s} {'workers':>10s} {'workers/batched':>16s}")
    for label, fmt, get in rows:
        values = " ".join(f"{get(s):10{fmt}}" for s in (naive, batched, workers))
        print(f"{label:28s} {values}")
    print(f"{'':28s} {'':32s} {workers['rate'] / batched['rate']:15.2f}x (checks/s)")
    agree = naive["verdicts"] == batched["verdicts"][: args.naive] and batched["verdicts"] == workers["verdicts"]
    print(f"verdicts agree across the three sides: {agree}")


if __name__ == "__main__":
    sys.exit(main())
