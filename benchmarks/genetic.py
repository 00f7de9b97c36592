"""The portfolio alone vs the portfolio then the genetic search, at the same budget of Lean
checks, side by side in one run (same runtime, fresh stores).

    python benchmarks/genetic.py [THEOREM_SET] [--failed-in RESULTS.jsonl] [--ids A,B] [--candidates 60]
                                 [--sides portfolio,genetic] [--config FILE] [--depth 2] [...]

Side `portfolio` runs `provers.use = ["automation"]`, `genetic` `["automation", "genetic"]`,
`genetic-no-moves` the same without the moves read off goal states (`provers.genetic.state_moves =
false`: what those moves add); `--sides` picks them, the first is the baseline. Every
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
SIDES = {"portfolio": {"provers.use": ["automation"]},
         "genetic": {"provers.use": ["automation", "genetic"]},
         "genetic-no-moves": {"provers.use": ["automation", "genetic"], "provers.genetic.state_moves": False}}


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
    p.add_argument("--ids", default="", help="comma-separated theorem ids to keep (default: all)")
    p.add_argument("--sides", default="portfolio,genetic",
                   help="comma-separated, from: " + ", ".join(SIDES) + "; the first is the baseline")
    add_config_flags(p, sections=("budget", "checking"))
    p.add_argument("--runtime", choices=("auto", "native", "embedded"), default=None)
    args = p.parse_args()
    try:
        config = config_from_args(args)
        specs = load_theorem_set(args.theorem_set)
        if args.failed_in:
            keep = failed_ids(args.failed_in)
            specs = [s for s in specs if s.id in keep]
        if args.ids:
            wanted = [i.strip() for i in args.ids.split(",")]
            if missing := sorted(set(wanted) - {s.id for s in specs}):
                raise TheoremSetError(f"--ids: not in the set: {', '.join(missing)}")
            specs = [s for s in specs if s.id in wanted]
        names = [n.strip() for n in args.sides.split(",")]
        if unknown := [n for n in names if n not in SIDES]:
            raise ConfigError(f"--sides: no side {', '.join(unknown)} (the sides: {', '.join(SIDES)})")
        runtime = select_runtime(args.runtime)
        configs = {name: config.with_overrides(SIDES[name], source="this benchmark") for name in names}
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
    names = list(sides)
    width = max([len(s.id) for s in specs] + [8])
    print(f"\n{'theorem':<{width}}  " + "".join(f"{n:<18}" for n in names))
    for s in specs:
        rows = [sides[n]["rows"][s.id] for n in names]
        how = next((f"{r['prover']}:{r['tactic']}" for r in rows[1:] if r["status"] == "proved"), "")
        print(f"{s.id:<{width}}  " + "".join(f"{r['status']:<18}" for r in rows) + how[:40])
    base = sides[names[0]]
    ratio_heads = [f"ratio {k}" for k in range(1, len(names))]
    print(f"\n{'':<14}" + "".join(f"{n:>18}" for n in names) + "".join(f"{h:>10}" for h in ratio_heads))
    measures = {"proved": lambda side: sum(r["status"] == "proved" for r in side["rows"].values()),
                "checks": lambda side: side["checks"], "Lean seconds": lambda side: side["lean_seconds"],
                "waves": lambda side: side["waves"], "wall seconds": lambda side: side["seconds"]}
    for label, measure in measures.items():
        values = [measure(sides[n]) for n in names]
        ratios = [f"{v / values[0]:.2f}x" if values[0] else "-" for v in values[1:]]
        print(f"{label:<14}" + "".join(f"{v:>18.0f}" for v in values) + "".join(f"{r:>10}" for r in ratios))
    print("\nchecks by prover: " + "; ".join(f"{n}: {sides[n]['by_prover']}" for n in names))
    print(f"(ratio k: side k against {names[0]})")


if __name__ == "__main__":
    sys.exit(main())
