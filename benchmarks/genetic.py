"""The portfolio alone vs the portfolio then the genetic search, at the same budget of Lean
checks, side by side in one run (same runtime, fresh stores).

    python benchmarks/genetic.py [THEOREM_SET] [--failed-in RESULTS.jsonl] [--candidates 60]
                                 [--config FILE] [--depth 2] [--workers 2] [...]

Side one runs `provers.use = ["automation"]`, side two `["automation", "genetic"]`; every
other setting is the run configuration a user's `python -m etp.pipeline` run gets (defaults
< --config FILE < flags; the same flags). `budget.candidates` caps the candidates of a
theorem on both sides: the portfolio proposes what applies (fewer than the cap on most
goals) and the genetic search spends the rest. `--failed-in` keeps the theorems a previous
run's results.jsonl did not prove (the portfolio's failures). Prints per-theorem outcomes,
then proved, checks, Lean seconds and wall time of both sides and their ratios.
"""

from __future__ import annotations

import argparse
import json
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
SIDES = {"portfolio": ["automation"], "portfolio + genetic": ["automation", "genetic"]}


def run_side(name: str, specs, config: RunConfig, runtime) -> dict:
    """One run with a fresh store: its rows by id and its totals."""
    with tempfile.TemporaryDirectory(prefix="etp-bench-") as tmp:
        start = time.monotonic()
        with open_run(config, specs, Path(tmp), set_path="benchmark", runtime=runtime,
                      log=lambda m: print(f"  [{name}] {m}", file=sys.stderr, flush=True)) as run:
            summary = run.execute()
            attempts = [a for a in run.store.attempts(summary.run_id) if a.purpose != "final"]
        seconds = time.monotonic() - start
    by_prover: dict[str, int] = {}
    for a in attempts:
        by_prover[a.prover] = by_prover.get(a.prover, 0) + 1
    return {"rows": {r["id"]: r for r in summary.rows}, "seconds": seconds, "checks": summary.checks,
            "lean_seconds": sum(a.verdict.seconds for a in attempts), "by_prover": by_prover, "waves": summary.waves}


def failed_ids(results: Path) -> set[str]:
    rows = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"] for r in rows if r.get("status") != "proved"}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("theorem_set", nargs="?", type=Path, default=ROOT / "pipeline/theorem_sets/econ_core.jsonl")
    p.add_argument("--failed-in", type=Path, default=None, metavar="RESULTS",
                   help="keep only the theorems this results.jsonl did not prove")
    add_config_flags(p, sections=("budget", "checking"))
    p.add_argument("--runtime", choices=("auto", "native", "embedded"), default=None)
    args = p.parse_args()
    try:
        config = config_from_args(args)
        specs = load_theorem_set(args.theorem_set)
        if args.failed_in:
            keep = failed_ids(args.failed_in)
            specs = [s for s in specs if s.id in keep]
        runtime = select_runtime(args.runtime)
        configs = {name: config.with_overrides({"provers.use": use}, source="this benchmark")
                   for name, use in SIDES.items()}
    except (ConfigError, TheoremSetError, LeanUnavailable, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{args.theorem_set.name}: {len(specs)} theorems, {runtime.describe()}; configuration: "
          + ", ".join(f"{k} = {v}" for k, v in config.flat().items() if k.split(".")[0] in ("budget", "checking")))
    try:
        sides = {name: run_side(name, specs, cfg, runtime) for name, cfg in configs.items()}
    except (ConfigError, RunSetupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print_table(specs, sides)
    return 0


def print_table(specs, sides: dict[str, dict]) -> None:
    (a_name, a), (b_name, b) = sides.items()
    width = max([len(s.id) for s in specs] + [8])
    print(f"\n{'theorem':<{width}}  {a_name:<12}  {b_name}")
    for s in specs:
        x, y = a["rows"][s.id], b["rows"][s.id]
        how = f"{y['prover']}:{y['tactic']}" if y["status"] == "proved" else ""
        print(f"{s.id:<{width}}  {x['status']:<12}  {y['status']:<8} {how[:40]}")
    proved = [sum(r["status"] == "proved" for r in side["rows"].values()) for side in (a, b)]
    print(f"\n{'':<22}{a_name:>12}{b_name:>22}{'ratio':>9}")
    for name, x, y in (("proved", *proved), ("checks", a["checks"], b["checks"]),
                       ("Lean seconds", a["lean_seconds"], b["lean_seconds"]), ("waves", a["waves"], b["waves"]),
                       ("wall seconds", a["seconds"], b["seconds"])):
        ratio = f"{y / x:.2f}x" if x else "-"
        print(f"{name:<22}{x:>12.0f}{y:>22.0f}{ratio:>9}")
    print(f"\nchecks by prover: {a_name}: {a['by_prover']}; {b_name}: {b['by_prover']}")


if __name__ == "__main__":
    sys.exit(main())
