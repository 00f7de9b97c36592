"""Decomposition on vs off: the same theorem set and budget with `--depth 0` and with the
default depth, side by side in one run (same verifier, same runtime, fresh stores).

    python benchmarks/decomposition.py [THEOREM_SET] [--candidates 32] [--time-limit 600]
                                       [--depth 2] [--workers 2] [--runtime auto]

Default set: pipeline/theorem_sets/decomposition.jsonl (core Lean: conjunctions of an
arithmetic fact and a computation, which no single portfolio tactic proves, a few that
the portfolio proves directly, and a false one). Prints per-theorem outcomes, proved
counts, checks, Lean processes and wall time of both sides, and their ratios.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from etp.lean.build import BuildError, build_library
from etp.lean.runtime import LeanUnavailable, select_runtime
from etp.lean.verifier import Verifier
from etp.pipeline import CORE_PREFIXES, DEFAULTS, Options, Pipeline
from etp.provers import make_prover
from etp.provers.automation import TacticStats
from etp.store import Store
from etp.theorems import TheoremSetError, load_theorem_set

ROOT = Path(__file__).resolve().parents[1]


def run_side(specs, verifier, depth: int, args) -> tuple[dict, float, int, int, int]:
    """One run with a fresh store (no tactic statistics carried over between the sides)."""
    with tempfile.TemporaryDirectory(prefix="etp-bench-") as tmp:
        store = Store(Path(tmp) / "results.sqlite")
        run_id = store.start_run("benchmark", "-", {"depth": depth})
        options = Options(candidates=args.candidates, time_limit=args.time_limit, depth=depth,
                          workers=args.workers, batch_size=args.batch_size)
        before = verifier.stats["lean_processes"]
        start = time.monotonic()
        pipeline = Pipeline(specs, verifier=verifier, store=store, run_id=run_id, options=options,
                            provers=[make_prover("automation", stats=TacticStats())],
                            log=lambda m: print(f"  [depth {depth}] {m}", file=sys.stderr, flush=True))
        summary = pipeline.run()
        seconds = time.monotonic() - start
        store.close()
    rows = {r["id"]: r for r in summary.rows}
    return rows, seconds, summary.checks, verifier.stats["lean_processes"] - before, summary.waves


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("theorem_set", nargs="?", type=Path, default=ROOT / "pipeline/theorem_sets/decomposition.jsonl")
    p.add_argument("--candidates", type=int, default=DEFAULTS["candidates"])
    p.add_argument("--time-limit", type=float, default=DEFAULTS["time_limit"])
    p.add_argument("--depth", type=int, default=DEFAULTS["depth"], help="the decomposing side's depth")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=48)
    p.add_argument("--runtime", choices=("auto", "native", "embedded"), default=None)
    args = p.parse_args()
    try:
        specs = load_theorem_set(args.theorem_set)
        runtime = select_runtime(args.runtime)
        if any(m.split(".")[0] not in CORE_PREFIXES for s in specs for m in s.imports):
            build_library(runtime, log=lambda m: print(m, file=sys.stderr))
    except (TheoremSetError, LeanUnavailable, BuildError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    verifier = Verifier(runtime, workers=args.workers, batch_size=args.batch_size)
    print(f"{args.theorem_set.name}: {len(specs)} theorems, {args.candidates} candidates and "
          f"{args.time_limit:g} Lean s per theorem, {runtime.describe()}")
    flat, flat_s, flat_checks, flat_procs, flat_waves = run_side(specs, verifier, 0, args)
    deep, deep_s, deep_checks, deep_procs, deep_waves = run_side(specs, verifier, args.depth, args)

    width = max(len(s.id) for s in specs)
    print(f"\n{'theorem':<{width}}  {'--depth 0':<18}  {f'--depth {args.depth}':<32}")
    for s in specs:
        a, b = flat[s.id], deep[s.id]
        how = f"{b['prover']}:{b['tactic']}" if b["status"] == "proved" else ""
        print(f"{s.id:<{width}}  {a['status']:<18}  {b['status']:<17} {how[:30]}")
    proved_flat = sum(r["status"] == "proved" for r in flat.values())
    proved_deep = sum(r["status"] == "proved" for r in deep.values())
    print(f"\n{'':<22}{'--depth 0':>12}{f'--depth {args.depth}':>12}{'ratio':>9}")
    for name, x, y in (("proved", proved_flat, proved_deep), ("checks", flat_checks, deep_checks),
                       ("Lean processes", flat_procs, deep_procs), ("waves", flat_waves, deep_waves),
                       ("wall seconds", flat_s, deep_s)):
        ratio = f"{y / x:.2f}x" if x else "-"
        print(f"{name:<22}{x:>12.0f}{y:>12.0f}{ratio:>9}" if isinstance(x, float) else
              f"{name:<22}{x:>12}{y:>12}{ratio:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
