"""RunConfig: every setting of a pipeline run, each default defined once (here).

Sources, lowest precedence first: the defaults of the models below; a TOML file
(`--config FILE`; `pipeline/configs/default.toml` holds every key with its default and is
generated from these models: `python -m etp.config`); command-line flags. An unknown or
misspelled key is an error naming the key, where it came from and the closest valid key.
A run's configuration is stored with the run (`etp.store`), and `--resume` continues with
exactly that configuration.

Adding a prover's section: a model `XOptions(Section)` and a field `x: XOptions` on
`ProversConfig`; its name is then a valid entry of `provers.use` (and the prover registers
a factory in `etp.provers.PROVERS`).
"""

from __future__ import annotations

import difflib
import json
import sys
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


class ConfigError(ValueError):
    """A configuration a user wrote wrong: the message names the key and its source."""


class Section(BaseModel):
    """A table of the configuration: unknown keys are errors, values are fixed once built."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class BudgetConfig(Section):
    """What one theorem may cost; its subgoals share it."""

    candidates: int = Field(20, ge=1, description="prover candidates per theorem, shared by its subgoals "
                            "(a goal that may still be split uses half of its share)")
    time_limit: float = Field(600.0, gt=0, description="seconds of Lean checking time per theorem")
    depth: int = Field(2, ge=0, description="how many times a goal may be split into subgoals; 0 disables "
                       "decomposition")


class CheckingConfig(Section):
    """How candidates are checked with Lean (the verifier's settings)."""

    workers: int = Field(2, ge=1, description="Lean processes run at once")
    batch_size: int = Field(48, ge=1, description="checks per Lean process (each pays a start-up); verdicts are "
                            "committed after every round of at most batch_size x workers checks")
    heartbeats: int = Field(200_000, ge=1, description="Lean's maxHeartbeats per candidate: past it the candidate "
                            "fails and the Lean process goes on")
    check_timeout: float = Field(20.0, ge=1, description="wall-clock seconds a candidate may run before its Lean "
                                 "process is stopped and it counts as a timeout")
    startup_timeout: float = Field(300.0, gt=0, description="seconds a Lean process may take to start and import "
                                   "its header")
    max_output_mib: int = Field(32, ge=1, description="MiB of output a Lean process may write before it is "
                                "stopped as a flood")
    embedded_workers: Literal["host", "process"] = Field(
        "host", description="embedded runtime only: 'host' keeps long-lived Node workers that pay the wasm start-up "
        "once and start every checked file from a pristine Lean; 'process' starts a fresh Node process per file "
        "(native Lean always starts a process: its start-up is cheap)")


class BackendConfig(Section):
    """Where the Lean checks run."""

    kind: Literal["local", "ray"] = Field("local", description="local: a pool of Lean processes on this machine "
                                          "(ray: not yet available)")

    @field_validator("kind")
    @classmethod
    def _available(cls, kind: str) -> str:
        if kind != "local":
            raise ValueError(f"the {kind!r} backend is not yet available; use 'local'")
        return kind


class AutomationOptions(Section):
    """The automation portfolio (etp.provers.automation)."""

    past_runs: bool = Field(True, description="order the portfolio by what proved goals of a similar shape in "
                            "earlier runs of the same results store")
    prior_weight: float = Field(2.0, gt=0, description="weight of the static order against those past counts")


class GeneticOptions(Section):
    """The genetic search over tactic scripts (etp.provers.genetic)."""

    population: int = Field(24, ge=2, description="scripts kept per island (the best survive: elitism)")
    children: int = Field(6, ge=1, description="new scripts each island proposes per round (within the goal's "
                          "budget)")
    islands: int = Field(2, ge=1, description="populations bred apart; the best of each joins the next every "
                         "other generation")
    generations: int = Field(8, ge=1, description="rounds per goal; each is one wave of checks, bred from the "
                             "verdicts of the rounds before")
    max_genes: int = Field(8, ge=1, le=64, description="tactic lines a script may have")
    tournament: int = Field(3, ge=1, description="scripts drawn per tournament when parents are chosen")
    mutation_rate: float = Field(0.7, ge=0, le=1, description="chance that a child is mutated (substitute, insert, "
                                 "delete a line, or re-draw an argument)")
    patience: int = Field(2, ge=1, description="generations an island's best may stand still before the island "
                          "restarts from fresh scripts")
    state_moves: bool = Field(True, description="also grow scripts by moves read off Lean's goal states (`intro` "
                              "with the target's names, `∃` witnesses, `decide` over finite variables); false: the "
                              "vocabulary alone")
    seed: int = Field(0, description="seed of every random choice: a run is reproducible")


# The prompt formats of the model prover (etp.provers.model.formats defines each, with its source).
PROMPT_FORMATS = ("deepseek-v1.5", "deepseek-v1.5-cot", "deepseek-v2", "deepseek-v2-cot", "goedel-v2", "kimina")


class ModelOptions(Section):
    """The model prover (etp.provers.model): a causal language model through transformers (or vLLM)."""

    model: str = Field("deepseek-ai/DeepSeek-Prover-V2-7B", description="a Hugging Face hub id or a local folder "
                       "saved with save_pretrained (read offline when it exists, or when HF_HUB_OFFLINE=1)")
    format: str = Field("deepseek-v2", description="prompt format, as published: " + ", ".join(PROMPT_FORMATS))
    engine: Literal["transformers", "vllm"] = Field("transformers", description="transformers' generate, or vLLM "
                                                     "(needs the vllm package, not part of the models extra)")
    device: str = Field("auto", description="auto (CUDA when present, spread over the GPUs; else CPU), cpu, cuda or "
                        "cuda:N")
    dtype: Literal["auto", "bfloat16", "float16", "float32"] = Field(
        "auto", description="weights' dtype; auto: bfloat16 on CUDA, float32 on CPU")
    samples: int = Field(8, ge=1, description="samples per goal and round (pass@n), at most the goal's candidate "
                         "budget left")
    temperature: float = Field(1.0, ge=0, description="sampling temperature (0: greedy)")
    top_p: float = Field(0.95, gt=0, le=1, description="nucleus sampling")
    max_new_tokens: int = Field(0, ge=0, description="tokens a sample may generate; 0: the format's published "
                                "default")
    batch_size: int = Field(16, ge=1, description="samples generated together (left-padded)")
    seed: int = Field(0, description="the run's seed: each batch's seed derives from it, the goal and the sample "
                      "index, and is recorded with every sample")
    correction_rounds: int = Field(1, ge=0, description="rounds of self-correction: a failed sample is shown Lean's "
                                   "errors and answers again (0 disables)")
    feedback: Literal["goedel", "kimina"] = Field("goedel", description="how Lean's errors are shown: goedel (code "
                                                   "around each error with <error> markup, at most 8 errors) or "
                                                   "kimina (the goals before each error, at most 3)")
    trust_remote_code: bool = Field(False, description="let transformers run code shipped with the model")

    @field_validator("format")
    @classmethod
    def _known_format(cls, name: str) -> str:
        if name not in PROMPT_FORMATS:
            raise ValueError(f"unknown prompt format {name!r}; known formats: {', '.join(PROMPT_FORMATS)}")
        return name


class ProversConfig(Section):
    """Which provers propose candidates, and one table of options per prover."""

    use: list[str] = Field(["automation"], min_length=1, description="candidate generators, in order")
    automation: AutomationOptions = AutomationOptions()
    genetic: GeneticOptions = GeneticOptions()
    model: ModelOptions = ModelOptions()

    @field_validator("use")
    @classmethod
    def _known(cls, names: list[str]) -> list[str]:
        known = prover_names()
        for name in names:
            if name not in known:
                raise ValueError(f"unknown prover {name!r}; known provers: {', '.join(known)}")
        return names

    def options(self, name: str) -> Section:
        """The options table of prover `name`."""
        return getattr(self, name)


def prover_names() -> list[str]:
    """Every prover that has an options table."""
    return sorted(k for k, f in ProversConfig.model_fields.items() if k != "use")


class RunConfig(Section):
    """Every setting of a run."""

    only: list[str] = Field([], description="prove only these theorem ids (empty: every theorem of the set)")
    budget: BudgetConfig = BudgetConfig()
    checking: CheckingConfig = CheckingConfig()
    backend: BackendConfig = BackendConfig()
    provers: ProversConfig = ProversConfig()

    def flat(self) -> dict[str, Any]:
        """Every key, dotted (`budget.candidates`), with its value."""
        return _flatten(self.model_dump(mode="json"))

    def with_overrides(self, overrides: dict[str, Any], source: str = "override") -> "RunConfig":
        """A copy with dotted keys set (`{"checking.batch_size": 1}`), validated."""
        return build_config(self.model_dump(mode="json"), {k: (v, source) for k, v in overrides.items()})

    def differences(self, other: "RunConfig") -> list[tuple[str, Any, Any]]:
        """(key, value here, value there) for every key whose values differ."""
        mine, theirs = self.flat(), other.flat()
        return [(k, mine[k], theirs[k]) for k in mine if mine[k] != theirs[k]]


# ------------------------------------------------------------------- building

Overrides = dict[str, tuple[Any, str]]  # dotted key -> (value, where it came from: a file, a flag)


def read_toml(path: str | Path) -> dict[str, Any]:
    """A TOML file as a dict; ConfigError if it is missing or not TOML."""
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def file_overrides(path: str | Path) -> Overrides:
    """Every key a TOML file sets, dotted, with the file as its source."""
    return {key: (value, str(path)) for key, value in _flatten(read_toml(path)).items()}


def load_config(path: str | Path) -> RunConfig:
    """The configuration in a TOML file; keys it does not set keep their defaults."""
    return build_config({}, file_overrides(path))


def build_config(base: dict[str, Any], overrides: Overrides, source: str = "defaults") -> RunConfig:
    """`base` (a nested dict, from `source`) with dotted `overrides` set on top, validated;
    a ConfigError names each bad key and where it came from."""
    data = json.loads(json.dumps(base))  # a deep copy
    for key, (value, where) in overrides.items():
        table = data
        *parents, last = key.split(".")
        for part in parents:
            table = table.setdefault(part, {})
            if not isinstance(table, dict):
                raise ConfigError(f"{where}: {key}: {part!r} is not a table")
        table[last] = value
    try:
        return RunConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError("\n".join(_explain(e, overrides, source) for e in exc.errors())) from None


def conflicts(stored: RunConfig, requested: Overrides) -> list[str]:
    """One line for each requested key whose value differs from the stored configuration's
    (the requested values validated first: a bad one is a ConfigError)."""
    asked = build_config(stored.model_dump(mode="json"), requested, source="the stored configuration")
    return [f"{key} = {mine!r} (from {_source_of(key, requested, '?')}); the run has {theirs!r}"
            for key, mine, theirs in asked.differences(stored)]


def describe(key: str) -> tuple[str, Any]:
    """(description, default) of a dotted key."""
    *path, last = key.split(".")
    return _model_at(path).model_fields[last].description or "", RunConfig().flat()[key]


def _source_of(key: str, overrides: Overrides, default: str) -> str:
    """Where the value of `key` (or of a table above or below it) came from."""
    return next((where for k, (_, where) in overrides.items()
                 if key == k or k.startswith(key + ".") or key.startswith(k + ".")), default)


def _explain(error: dict, overrides: Overrides, default_source: str) -> str:
    """One line for one pydantic error: where, which key, what is wrong."""
    loc = [str(p) for p in error["loc"] if not isinstance(p, int)]
    key = ".".join(loc)
    where = _source_of(key, overrides, default_source)
    if error["type"] == "extra_forbidden":
        table = _model_at(loc[:-1])
        hint = difflib.get_close_matches(loc[-1], list(table.model_fields) if table else [], n=1)
        return f"{where}: unknown key {key!r}" + (f"; did you mean {'.'.join(loc[:-1] + hint)!r}?" if hint else "")
    return f"{where}: {key}: {error['msg'].removeprefix('Value error, ')}"


def _model_at(path: list[str]) -> type[BaseModel] | None:
    """The model of the table at `path` (None if there is no such table)."""
    model: type[BaseModel] = RunConfig
    for part in path:
        field = model.model_fields.get(part)
        if field is None or not (isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel)):
            return None
        model = field.annotation
    return model


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


# ------------------------------------------------------------------- writing


def to_toml(config: RunConfig, comments: bool = True) -> str:
    """The configuration as TOML that `load_config` reads back to the same RunConfig; with
    `comments`, each table and key preceded by its description."""
    lines = ["# etp run configuration: python -m etp.pipeline SET --config FILE",
             "# (flags given on the command line override the keys below)"] if comments else []
    _write_table(lines, type(config), config.model_dump(mode="json"), [], comments)
    return "\n".join(lines).strip() + "\n"


def _write_table(lines: list[str], model: type[BaseModel], data: dict, path: list[str], comments: bool) -> None:
    tables = []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append(key)
            continue
        if comments:
            lines.append(f"# {model.model_fields[key].description}")
        lines.append(f"{key} = {_toml_value(value)}")
    for key in tables:
        sub = model.model_fields[key].annotation
        lines.append("")
        if comments:
            lines.append(f"# {(sub.__doc__ or '').strip()}")
        lines.append(f"[{'.'.join(path + [key])}]")
        _write_table(lines, sub, data[key], path + [key], comments)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON's escapes are TOML's
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {value!r}")


if __name__ == "__main__":  # python -m etp.config > pipeline/configs/default.toml
    sys.stdout.write(to_toml(RunConfig()))
