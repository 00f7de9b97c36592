"""Self-correction on vs off: the model prover with the same budget, once without correction
rounds (`provers.model.correction_rounds = 0`) and once with the configured rounds (at least 1),
side by side in one run (same runtime, same model, fresh stores).

    python benchmarks/self_correction.py [THEOREM_SET] --config my.toml [--candidates 16] [--depth 0]
    python benchmarks/self_correction.py --tiny      # no weights here: a random tiny Qwen model

Every other setting is the run configuration a user's `python -m etp.pipeline` run would get
(defaults < --config FILE < flags); the overrides are printed: the correction rounds of each
side, `provers.use = ["model"]` when the configuration does not use the model prover, and with
`--tiny` the model (a random Qwen2 with the real Qwen vocabulary, built offline: it measures the
machinery, it proves nothing). Default set: pipeline/theorem_sets/smoke.jsonl. Prints proved
counts, checks, samples, tokens, generation and wall seconds of both sides, and their ratios.
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
from etp.pipeline.model_report import ModelFigures, model_figures
from etp.provers import ProverSetupError
from etp.provers.model import ModelProver
from etp.theorems import TheoremSetError, load_theorem_set

ROOT = Path(__file__).resolve().parents[1]


def run_side(specs, config: RunConfig, runtime, label: str) -> tuple[int, int, ModelFigures, float, float]:
    """(proved, checks, the model's figures, generation seconds, wall seconds) of one run. The
    figures count every sample the prover drew (the store keeps one attempt per distinct text:
    a later sample repeating a checked text is replayed, not recorded again)."""
    with tempfile.TemporaryDirectory(prefix="etp-bench-") as tmp:
        start = time.monotonic()
        with open_run(config, specs, Path(tmp), set_path="benchmark", runtime=runtime,
                      log=lambda m: print(f"  [{label}] {m}", file=sys.stderr, flush=True)) as run:
            summary = run.execute()
            model = drawn(run.pipeline.provers, model_figures(run.store.attempts(run.run_id), summary.rows))
        seconds = time.monotonic() - start
    proved = sum(r["status"] == "proved" for r in summary.rows)
    return proved, summary.checks, model, summary.stage_seconds.get("generation", (0.0, 0))[0], seconds


def drawn(provers, recorded: dict[str, ModelFigures]) -> ModelFigures:
    """The model prover's samples as it drew them, with the proofs the store credits it with."""
    f = ModelFigures()
    for prover in provers:
        if not isinstance(prover, ModelProver):
            continue
        for state in prover.goals.values():
            for s in state.samples:
                if s.generation is not None:
                    f.samples += 1
                    f.tokens_in += s.generation.tokens_in
                    f.tokens_out += s.generation.tokens_out
                    f.rounds.add(s.round)
        f.proved = set().union(*(r.proved for r in recorded.values()))
    return f


def tiny_model(folder: Path) -> Path:
    from etp.provers.model import tiny

    tokenizer = tiny.qwen_tokenizer()
    return tiny.save(tiny.tiny_model(tokenizer), tokenizer, folder)


def configure(args) -> tuple[RunConfig, RunConfig, list[str]]:
    """(without correction, with correction, the overrides in words)."""
    config = config_from_args(args)
    overrides: dict = {}
    if "model" not in config.provers.use:
        overrides["provers.use"] = ["model"]
    if args.tiny:
        overrides["provers.model.model"] = str(tiny_model(Path(tempfile.mkdtemp(prefix="etp-tiny-")) / "model"))
    rounds = max(1, config.provers.model.correction_rounds)
    with_rounds = config.with_overrides({**overrides, "provers.model.correction_rounds": rounds}, "this benchmark")
    without = with_rounds.with_overrides({"provers.model.correction_rounds": 0}, "this benchmark")
    said = [f"{k} = {v!r}" for k, v in overrides.items()] + [f"provers.model.correction_rounds = 0 vs {rounds}"]
    return without, with_rounds, said


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("theorem_set", nargs="?", type=Path, default=ROOT / "pipeline/theorem_sets/smoke.jsonl")
    add_config_flags(p)
    p.add_argument("--runtime", choices=("auto", "native", "embedded"), default=None)
    p.add_argument("--tiny", action="store_true", help="use a random tiny Qwen model built offline")
    args = p.parse_args()
    try:
        specs = load_theorem_set(args.theorem_set)
        without, with_rounds, said = configure(args)
        runtime = select_runtime(args.runtime)
    except (ConfigError, TheoremSetError, LeanUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    m = with_rounds.provers.model
    chosen = [s for s in specs if not with_rounds.only or s.id in with_rounds.only]
    print(f"{args.theorem_set.name}: {len(chosen)} theorems, {runtime.describe()}; model {m.model} ({m.format}, "
          f"{m.samples} samples a round, temperature {m.temperature}); budget {with_rounds.budget.candidates} "
          f"candidates a theorem, depth {with_rounds.budget.depth}")
    print("overrides: " + "; ".join(said))
    try:
        a = run_side(specs, without, runtime, "no correction")
        b = run_side(specs, with_rounds, runtime, "correction")
    except (ConfigError, RunSetupError, ProverSetupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"\n{'':<24}{'no correction':>15}{'correction':>12}{'ratio':>9}")
    for name, x, y in (("proved", a[0], b[0]), ("checks", a[1], b[1]), ("samples", a[2].samples, b[2].samples),
                       ("rounds", len(a[2].rounds), len(b[2].rounds)),
                       ("tokens", a[2].tokens_in + a[2].tokens_out, b[2].tokens_in + b[2].tokens_out),
                       ("generation seconds", a[3], b[3]), ("wall seconds", a[4], b[4])):
        ratio = f"{y / x:.2f}x" if x else "-"
        cells = f"{x:>15.1f}{y:>12.1f}" if isinstance(x, float) else f"{x:>15}{y:>12}"
        print(f"{name:<24}{cells}{ratio:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
