"""`python -m etp.pipeline THEOREM_SET [--config FILE] [flags]`: the command line, turned
into a RunConfig (defaults < --config FILE < flags), then `open_run`, the run, its outputs.

With `--resume` the run continues with the configuration stored with it; a `--config` or
flag that sets a key to another value than the stored one is refused (exit 2), naming it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from etp.config import ConfigError, Overrides, RunConfig, build_config, conflicts, describe, file_overrides
from etp.provers import ProverSetupError, UnknownProver
from etp.theorems import TheoremSetError, load_theorem_set

from etp.pipeline.report import summary_table, write_outputs
from etp.pipeline.run import Run, RunSetupError, latest_run, open_run


def _names(text: str) -> list[str]:
    return [p.strip() for p in text.split(",") if p.strip()]


# flag -> (configuration key, how the flag's text is read, metavar)
FLAGS: dict[str, tuple[str, Any, str]] = {
    "--provers": ("provers.use", _names, "A,B"),
    "--candidates": ("budget.candidates", int, "N"),
    "--time-limit": ("budget.time_limit", float, "S"),
    "--depth": ("budget.depth", int, "D"),
    "--workers": ("checking.workers", int, "N"),
    "--batch-size": ("checking.batch_size", int, "N"),
    "--check-timeout": ("checking.check_timeout", float, "S"),
    "--heartbeats": ("checking.heartbeats", int, "N"),
    "--embedded-workers": ("checking.embedded_workers", str, "host|process"),
}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m etp.pipeline",
        description="Prove the theorems of a theorem set (JSONL) with Lean-checked candidates. Settings: the "
                    "defaults (pipeline/configs/default.toml lists them all), overridden by --config FILE, "
                    "overridden by the flags below.",
        epilog="Exit status: 0 when the run completed (whatever was proved), 2 for bad input or no Lean runtime, "
               "130 when interrupted (Ctrl-C; what was recorded is kept, --resume continues).",
    )
    p.add_argument("theorem_set", metavar="THEOREM_SET", type=Path, help="a JSONL theorem set, e.g. pipeline/theorem_sets/decomposition.jsonl")
    add_config_flags(p)
    p.add_argument("--runtime", choices=("auto", "native", "embedded"), default=None,
                   help="Lean runtime (default: $ETP_LEAN_RUNTIME or auto: native Lean if it matches lean-toolchain, "
                        "else embedded); a property of this machine, not of the run configuration")
    p.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="output folder: results.sqlite, results.jsonl, Proofs.lean, report.md, config.toml, dag.* "
                        "(default runs/<set name>)")
    p.add_argument("--resume", action="store_true",
                   help="continue the latest run in the output folder with the configuration it started with; checks "
                        "already made are not redone; --config or flags that contradict it are refused")
    return p


def add_config_flags(p: argparse.ArgumentParser, sections: tuple[str, ...] = ()) -> None:
    """--config FILE and the flags that set configuration keys (only the keys of `sections`,
    and no --only, when `sections` is given: a benchmark's own flags may use the other names)."""
    p.add_argument("--config", type=Path, default=None, metavar="FILE",
                   help="a TOML run configuration (e.g. pipeline/configs/default.toml, or a run's config.toml); "
                        "keys it does not set keep their defaults; flags override it")
    for flag, (key, kind, metavar) in FLAGS.items():
        if sections and key.split(".")[0] not in sections:
            continue
        text, default = describe(key)
        shown = ",".join(default) if isinstance(default, list) else f"{default:_}" if isinstance(default, int) else default
        p.add_argument(flag, type=kind, default=None, metavar=metavar, help=f"{text} (key {key}; default {shown})")
    if not sections:
        p.add_argument("--only", nargs="+", default=None, metavar="ID", help=describe("only")[0] + " (key only)")


def requested(args: argparse.Namespace) -> Overrides:
    """What the command line sets: the --config file's keys, then the flags' (which win)."""
    out: Overrides = dict(file_overrides(args.config)) if args.config else {}
    for flag, (key, _, _) in FLAGS.items():
        value = getattr(args, flag[2:].replace("-", "_"), None)
        if value is not None:
            out[key] = (value, flag)
    if getattr(args, "only", None) is not None:
        out["only"] = (args.only, "--only")
    return out


def config_from_args(args: argparse.Namespace) -> RunConfig:
    """The configuration the command line asks for: defaults < --config FILE < flags."""
    return build_config({}, requested(args))


def resolve_config(args: argparse.Namespace, out: Path) -> tuple[RunConfig, bool]:
    """(the run's configuration, resume?): a new run's from the command line; a resumed
    run's as stored, after checking that the command line does not contradict it."""
    previous = latest_run(out) if args.resume else None
    if previous is None:
        return config_from_args(args), args.resume
    info, stored = previous
    clash = conflicts(stored, requested(args))
    if clash:
        raise ConfigError(f"--resume continues run {info.id} with the configuration it started with, and the "
                          "command line contradicts it:\n  " + "\n  ".join(clash)
                          + f"\nDrop these, or start a new run (another --out than {out}).")
    return stored, True


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None, *, verifier=None) -> int:
    try:
        return _cli(argv, verifier)
    except KeyboardInterrupt:  # before the run started (loading, building): nothing to keep
        print("\netp: interrupted", file=sys.stderr)
        return 130


def _cli(argv: list[str] | None, verifier) -> int:
    args = build_parser().parse_args(argv)
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    out = args.out or Path("runs") / args.theorem_set.stem
    try:
        specs = load_theorem_set(args.theorem_set)
        config, resume = resolve_config(args, out)
        run = open_run(config, specs, out, set_path=str(args.theorem_set), resume=resume, runtime=args.runtime,
                       verifier=verifier, log=log)
    except (TheoremSetError, ConfigError, RunSetupError, UnknownProver, ProverSetupError) as exc:
        return _fail(str(exc))
    with run:
        try:
            return _execute(run, str(args.theorem_set))
        except KeyboardInterrupt:
            made = run.store.checks_made(run.run_id)
            log(f"\netp: interrupted; {made} check(s) of this run are recorded in {out / 'results.sqlite'}. "
                f"Continue with: python -m etp.pipeline {args.theorem_set} --out {out} --resume")
            return 130


def _execute(run: Run, set_path: str) -> int:
    summary = run.execute()
    written = write_outputs(run.out, summary, run.pipeline, set_path, run.verifier.runtime.key)
    proved = sum(r["status"] == "proved" for r in summary.rows)
    print(summary_table(summary.rows))
    print(f"\nproved {proved}/{len(summary.rows)} in {summary.seconds:.1f} s ({summary.waves} waves, "
          f"{summary.checks} checks, {summary.replayed} replayed, {summary.lean_processes} Lean processes)")
    print(f"final check: {summary.final_checked} proof(s) checked again in pristine Lean runs, "
          f"{summary.final_refused} refused")
    print("wrote " + ", ".join(str(p) for p in written))
    return 0
