"""Decomposition on vs off: the same theorem set and configuration with `budget.depth = 0`
and with the configured depth, side by side in one run (same runtime, fresh stores).

    python benchmarks/decomposition.py [THEOREM_SET] [--config FILE] [--candidates 32]
                                       [--depth 2] [--workers 2] [--runtime auto] [...]

Every other setting is the run configuration a user's `python -m etp.pipeline` run would
get (defaults < --config FILE < flags; the same flags); the one override, `budget.depth =
0` on the first side, is printed. Default set: pipeline/theorem_sets/decomposition.jsonl
(core Lean: conjunctions of an arithmetic fact and a computation, which no single portfolio
tactic proves, a few that the portfolio proves directly, and a false one). Prints
per-theorem outcomes, proved counts, checks, Lean processes and wall time of both sides,
and their ratios.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from etp.config import ConfigError, RunConfig
from etp.lean.runtime import LeanUnavailable, select_runtime
from etp.pipeline import RunSetupError, open_run
from etp.pipeline.cli import add_config_flags, config_from_args
from etp.theorems import TheoremSetError, load_theorem_set

ROOT = Path(__file__).resolve().parents[1]


def run_side(specs, config: RunConfig, runtime) -> tuple[dict, float, int, int, int]:
    """One run with a fresh store (no tactic statistics carried over between the sides)."""
    depth = config.budget.depth
    with tempfile.TemporaryDirectory(prefix="etp-bench-") as tmp:
        start = time.monotonic()
        with open_run(config, specs, Path(tmp), set_path="benchmark", runtime=runtime,
                      log=lambda m: print(f"  [depth {depth}] {m}", file=sys.stderr, flush=True)) as run:
            summary = run.execute()
            processes = run.verifier.stats["lean_processes"]
        seconds = time.monotonic() - start
    rows = {r["id"]: r for r in summary.rows}
    return rows, seconds, summary.checks, processes, summary.waves


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("theorem_set", nargs="?", type=Path, default=ROOT / "pipeline/theorem_sets/decomposition.jsonl")
    add_config_flags(p)
    p.add_argument("--runtime", choices=("auto", "native", "embedded"), default=None)
    args = p.parse_args()
    try:
        config = config_from_args(args)
        specs = load_theorem_set(args.theorem_set)
        runtime = select_runtime(args.runtime)
        flat_config = config.with_overrides({"budget.depth": 0}, source="this benchmark")
    except (ConfigError, TheoremSetError, LeanUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    depth = config.budget.depth
    print(f"{args.theorem_set.name}: {len(specs)} theorems, {runtime.describe()}; configuration: "
          + ", ".join(f"{k} = {v}" for k, v in config.flat().items() if k.split(".")[0] in ("budget", "checking")))
    print(f"override: budget.depth = 0 on the first side (the second keeps the configured {depth})")
    try:
        flat, flat_s, flat_checks, flat_procs, flat_waves = run_side(specs, flat_config, runtime)
        deep, deep_s, deep_checks, deep_procs, deep_waves = run_side(specs, config, runtime)
    except (ConfigError, RunSetupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    width = max(len(s.id) for s in specs)
    print(f"\n{'theorem':<{width}}  {'--depth 0':<18}  {f'--depth {depth}':<32}")
    for s in specs:
        a, b = flat[s.id], deep[s.id]
        how = f"{b['prover']}:{b['tactic']}" if b["status"] == "proved" else ""
        print(f"{s.id:<{width}}  {a['status']:<18}  {b['status']:<17} {how[:30]}")
    proved_flat = sum(r["status"] == "proved" for r in flat.values())
    proved_deep = sum(r["status"] == "proved" for r in deep.values())
    print(f"\n{'':<22}{'--depth 0':>12}{f'--depth {depth}':>12}{'ratio':>9}")
    for name, x, y in (("proved", proved_flat, proved_deep), ("checks", flat_checks, deep_checks),
                       ("Lean processes", flat_procs, deep_procs), ("waves", flat_waves, deep_waves),
                       ("wall seconds", flat_s, deep_s)):
        ratio = f"{y / x:.2f}x" if x else "-"
        print(f"{name:<22}{x:>12.0f}{y:>12.0f}{ratio:>9}" if isinstance(x, float) else
              f"{name:<22}{x:>12}{y:>12}{ratio:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
