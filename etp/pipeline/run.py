"""Wiring a run from its configuration: the theorems it selects, the Lean runtime, the library
build, the verifier, the store (a new run, or the one to resume with the configuration stored
with it) and the provers. `open_run` is what the CLI, the benchmarks and the tests use."""

from __future__ import annotations

import hashlib
import json
import sys
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from etp.config import ConfigError, RunConfig, build_config
from etp.core import CORE_PREFIXES
from etp.provers import Prover, make_prover
from etp.store import RunInfo, Store
from etp.theorems import TheoremSpec

from etp.pipeline.report import RunSummary
from etp.pipeline.waves import Pipeline

Log = Callable[[str], None]


class RunSetupError(Exception):
    """A run that cannot start (no Lean runtime, a library that does not build, an unknown
    theorem id): the message says why."""


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def set_hash(specs: list[TheoremSpec]) -> str:
    payload = json.dumps([s.model_dump(mode="json") for s in specs], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def select_theorems(specs: list[TheoremSpec], only: list[str], set_path: str = "") -> list[TheoremSpec]:
    """The theorems `only` names (all when it is empty); an unknown id is an error."""
    if not only:
        return specs
    known = {s.id for s in specs}
    unknown = [i for i in only if i not in known]
    if unknown:
        raise RunSetupError(f"--only: no theorem with id {', '.join(map(repr, unknown))} in {set_path or 'the set'}")
    return [s for s in specs if s.id in set(only)]


def open_verifier(config: RunConfig, specs: list[TheoremSpec] = (), *, runtime=None, lean_path=None,
                  log: Log = _stderr):
    """The verifier the configuration's `checking` section describes, on `runtime` (a
    LeanRuntime, or a choice "auto"/"native"/"embedded"; None: $ETP_LEAN_RUNTIME or auto),
    with the library built first when `specs` import it (and no `lean_path` is given)."""
    from etp.lean.runtime import LeanUnavailable, select_runtime
    from etp.lean.verifier import Verifier

    if runtime is None or isinstance(runtime, str):
        try:
            runtime = select_runtime(runtime, log=log)
        except LeanUnavailable as exc:
            raise RunSetupError(f"no Lean runtime: {exc}") from None
    if lean_path is None and any(m.split(".")[0] not in CORE_PREFIXES for s in specs for m in s.imports):
        from etp.lean.build import BuildError, build_library

        try:
            report = build_library(runtime, log=log)
        except BuildError as exc:
            raise RunSetupError(f"the Lean library does not build:\n{exc}") from None
        if report.built:
            log(f"etp: built {len(report.built)} library module(s) in {report.seconds:.1f} s")
    # backend.kind is "local", the only one there is: a pool of Lean processes here
    return Verifier(runtime, config.checking, lean_path=lean_path)


# ------------------------------------------------------------- stored runs


def stored_config(info: RunInfo, log: Log = _stderr) -> RunConfig:
    """The configuration stored with a run. (Runs recorded before configurations were stored
    whole kept only their budget, provers, heartbeats and `only`: the rest are the defaults.)"""
    if "run_config" in info.config:
        return build_config(info.config["run_config"], {}, source=f"the configuration stored with run {info.id}")
    old = info.config.get("settings", {})
    keys = {"provers": "provers.use", "candidates": "budget.candidates", "time_limit": "budget.time_limit",
            "depth": "budget.depth", "heartbeats": "checking.heartbeats", "only": "only"}
    log(f"etp: run {info.id} was recorded before whole configurations were stored: "
        "its budget, provers, heartbeats and theorem selection are kept, every other setting is the default")
    return build_config({}, {new: (old[k], f"run {info.id}'s settings") for k, new in keys.items() if k in old})


def latest_run(out: Path, log: Log = _stderr) -> tuple[RunInfo, RunConfig] | None:
    """The latest run in an output folder and its configuration, if there is one."""
    if not (out / "results.sqlite").exists():
        return None
    with Store(out / "results.sqlite") as store:
        info = store.latest_run()
    return None if info is None else (info, stored_config(info, log))


# ---------------------------------------------------------------- open_run


@dataclass
class Run(AbstractContextManager):
    """An opened run: `execute()` it, then `close()` (or use it as a context manager)."""

    config: RunConfig
    out: Path
    run_id: int
    resumed: bool
    store: Store
    verifier: object
    pipeline: Pipeline

    def execute(self) -> RunSummary:
        return self.pipeline.run()

    def close(self) -> None:
        self.verifier.close()
        self.store.close()

    def __exit__(self, *exc) -> None:  # (AbstractContextManager's __enter__ returns the run)
        self.close()


def open_run(config: RunConfig, specs: list[TheoremSpec], out: Path, *, set_path: str = "", resume: bool = False,
             runtime=None, verifier=None, provers: list[Prover] | None = None, log: Log = _stderr) -> Run:
    """A run of `specs` under `config`, its results in `out`/results.sqlite.

    `resume`: continue the latest run recorded there, which must have been started with
    this same configuration (ConfigError otherwise; a new run when there is none). The
    verifier is built from the configuration unless one is given (`runtime`: see
    open_verifier); the provers are those of `provers.use` with their option tables unless
    `provers` is given. RunSetupError or ConfigError when the run cannot start."""
    specs = select_theorems(specs, config.only, set_path)
    verifier = verifier or open_verifier(config, specs, runtime=runtime, log=log)
    store = Store(Path(out) / "results.sqlite")
    try:
        run_id, stats, resumed = _start_or_resume(store, config, specs, set_path, resume, verifier.runtime.key, log)
        if provers is None:
            past = store.proved_proofs()
            provers = [make_prover(name, config.provers.options(name), stats=stats, past_proofs=past)
                       for name in config.provers.use]
        pipeline = Pipeline(specs, verifier=verifier, store=store, run_id=run_id, config=config, provers=provers,
                            log=log)
    except BaseException:
        store.close()
        raise
    return Run(config=config, out=Path(out), run_id=run_id, resumed=resumed, store=store, verifier=verifier,
               pipeline=pipeline)


def _start_or_resume(store: Store, config: RunConfig, specs: list[TheoremSpec], set_path: str, resume: bool,
                     runtime_key: str, log: Log):
    """(run id, the automation portfolio's statistics, resumed?): a new run stores its
    configuration and the statistics it orders the portfolio by; a resumed one reads both."""
    from etp.provers.automation import TacticStats

    previous = store.latest_run() if resume else None
    if resume and previous is None:
        log(f"etp: nothing to resume in {store.path.parent}; starting a new run")
    if previous is None:
        stats = TacticStats(store.tactic_stats("automation"))
        stored = {"run_config": config.model_dump(mode="json"), "automation_stats": stats.to_json()}
        return store.start_run(set_path, set_hash(specs), stored, runtime_key), stats, False
    differ = stored_config(previous, lambda msg: None).differences(config)
    if differ:
        raise ConfigError(f"run {previous.id} in {store.path} was started with another configuration: "
                          + "; ".join(f"{k} is {theirs!r} there, {mine!r} here" for k, theirs, mine in differ))
    if previous.set_hash != set_hash(specs):
        log("etp: the theorem set changed since the run started; continuing with the file as it is now")
    store.mark_resumed(previous.id)
    log(f"etp: resuming run {previous.id} ({store.checks_made(previous.id)} check(s) already made) "
        "with the configuration it started with")
    return previous.id, TacticStats.from_json(previous.config.get("automation_stats", [])), True
