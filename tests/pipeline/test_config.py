"""The run configuration: one set of defaults (pipeline/configs/default.toml is generated from
them), a TOML file and the equivalent flags give the same RunConfig, unknown keys are errors
that name the key and its source, prover options are strict, and a run's configuration is
stored with it so that `--resume` continues with exactly that configuration.

Fast except the last test, which resumes a copy of the shared CLI run (tests/conftest.py).
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from conftest import PIPELINE_ARGS, run_pipeline_cli
from etp.config import ConfigError, RunConfig, conflicts, file_overrides, load_config, to_toml
from etp.pipeline import build_parser, latest_run
from etp.pipeline.cli import config_from_args
from etp.provers import UnknownProver, make_prover

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TOML = ROOT / "pipeline" / "configs" / "default.toml"


def cli_config(*argv: str) -> RunConfig:
    """The configuration `python -m etp.pipeline SET ARGV` would start a new run with."""
    return config_from_args(build_parser().parse_args(["set.jsonl", *argv]))


def test_default_toml_holds_every_key_with_its_default_and_a_comment():
    assert load_config(DEFAULT_TOML) == RunConfig()
    assert set(file_overrides(DEFAULT_TOML)) == set(RunConfig().flat())
    # generated from the models' defaults and descriptions, so it cannot drift from them
    assert DEFAULT_TOML.read_text() == to_toml(RunConfig()), "run: python -m etp.config > pipeline/configs/default.toml"
    lines = DEFAULT_TOML.read_text().splitlines()
    for i, line in enumerate(lines):
        if "=" in line and not line.startswith("#"):
            assert lines[i - 1].startswith("# ") and len(lines[i - 1]) > 10, line


def test_the_cli_defaults_are_the_defaults_and_keep_the_former_behaviour():
    config = cli_config()
    assert config == RunConfig() == cli_config("--config", str(DEFAULT_TOML))
    flat = config.flat()
    assert (flat["budget.candidates"], flat["budget.time_limit"], flat["budget.depth"]) == (20, 600.0, 2)
    assert (flat["checking.workers"], flat["checking.batch_size"], flat["checking.heartbeats"],
            flat["checking.check_timeout"]) == (2, 48, 200_000, 20.0)
    assert flat["provers.use"] == ["automation"] and flat["backend.kind"] == "local"


def test_a_toml_file_and_the_equivalent_flags_give_the_same_config(tmp_path):
    toml = tmp_path / "mine.toml"
    toml.write_text('only = ["t1", "t2"]\n[budget]\ncandidates = 8\ndepth = 1\ntime_limit = 30\n'
                    '[checking]\nworkers = 1\nbatch_size = 12\nheartbeats = 100000\ncheck_timeout = 5\n'
                    '[provers]\nuse = ["automation"]\n')
    flags = ["--candidates", "8", "--depth", "1", "--time-limit", "30", "--workers", "1", "--batch-size", "12",
             "--heartbeats", "100000", "--check-timeout", "5", "--provers", "automation", "--only", "t1", "t2"]
    from_file, from_flags = cli_config("--config", str(toml)), cli_config(*flags)
    assert from_file == from_flags
    assert from_file.differences(RunConfig()) == [
        ("only", ["t1", "t2"], []), ("budget.candidates", 8, 20), ("budget.time_limit", 30.0, 600.0),
        ("budget.depth", 1, 2), ("checking.workers", 1, 2), ("checking.batch_size", 12, 48),
        ("checking.heartbeats", 100000, 200000), ("checking.check_timeout", 5.0, 20.0)]
    # flags win over the file; keys neither sets keep their defaults
    mixed = cli_config("--config", str(toml), "--candidates", "3")
    assert mixed.budget.candidates == 3 and mixed.budget.depth == 1 and mixed.checking.startup_timeout == 300.0


def test_written_toml_reads_back_to_the_same_config():
    config = RunConfig().with_overrides({"only": ["a"], "budget.time_limit": 12.5, "provers.automation.past_runs": False})
    for comments in (True, False):
        assert RunConfig.model_validate(tomllib.loads(to_toml(config, comments=comments))) == config


@pytest.mark.parametrize("text, message", [
    ("[budget]\ncandidats = 8\n", "unknown key 'budget.candidats'; did you mean 'budget.candidates'?"),
    ("[budjet]\ncandidates = 8\n", "unknown key 'budjet'; did you mean 'budget'?"),
    ("[provers.automation]\nprior_weigth = 3.0\n",
     "unknown key 'provers.automation.prior_weigth'; did you mean 'provers.automation.prior_weight'?"),
    ("[provers.automaton]\npast_runs = false\n", "unknown key 'provers.automaton'; did you mean 'provers.automation'?"),
    ("seed = 3\n", "unknown key 'seed'"),
    ("[checking]\nheartbeats = 0\n", "checking.heartbeats: Input should be greater than or equal to 1"),
    ("[provers]\nuse = [\"automation\", \"oracle\"]\n", "provers.use: unknown prover 'oracle'; known provers: automation, genetic, model"),
    ("[backend]\nkind = \"ray\"\n", "backend.kind: the 'ray' backend is not yet available; use 'local'"),
    ("[budget\n", "not valid TOML"),
])
def test_a_wrong_key_or_value_in_a_file_is_an_error_naming_it_and_the_file(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert str(exc.value) == f"{path}: {message}" or (message == "not valid TOML" and message in str(exc.value))


def test_a_wrong_flag_value_names_the_flag_and_the_cli_says_so_without_a_traceback(tmp_path, pipeline_set):
    with pytest.raises(ConfigError, match=r"^--provers: provers.use: unknown prover 'gpt'"):
        cli_config("--provers", "gpt")
    bad = tmp_path / "bad.toml"
    bad.write_text("[checking]\nworkerz = 4\n")
    proc = run_pipeline_cli([str(pipeline_set), "--config", str(bad), "--out", str(tmp_path / "o")], timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert f"error: {bad}: unknown key 'checking.workerz'; did you mean 'checking.workers'?" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "o").exists()


def test_prover_options_are_strict():
    assert make_prover("automation", {"prior_weight": 3.0}).options.prior_weight == 3.0
    with pytest.raises(UnknownProver, match=r"no option 'seed' \(its options: past_runs, prior_weight\)"):
        make_prover("automation", {"seed": 1})
    with pytest.raises(UnknownProver, match="no context 'seed'"):
        make_prover("automation", seed=1)


def test_resume_refuses_a_configuration_that_contradicts_the_stored_one():
    stored = RunConfig().with_overrides({"budget.candidates": 8, "budget.depth": 1})
    assert conflicts(stored, {"budget.candidates": (8, "--candidates")}) == []
    assert conflicts(stored, {"budget.candidates": (9, "--candidates"), "budget.depth": (1, "x.toml")}) == [
        "budget.candidates = 9 (from --candidates); the run has 8"]
    with pytest.raises(ConfigError, match="--heartbeats: checking.heartbeats"):
        conflicts(stored, {"checking.heartbeats": (-1, "--heartbeats")})


@pytest.mark.slow
def test_the_run_stores_its_configuration_and_resume_uses_it(cli_run, pipeline_set, tmp_path):
    """The shared CLI run (--candidates 8 --depth 1) stored its configuration; a copy of its
    folder resumed with no flags continues with it, one resumed with a contradicting flag is
    refused before anything runs, one resumed with an equivalent TOML file is accepted."""
    proc, ref_out, _ = cli_run
    assert proc.returncode == 0, proc.stderr[-2000:]
    expected = cli_config(*PIPELINE_ARGS)
    info, stored = latest_run(ref_out)
    assert stored == expected and stored.budget.candidates == 8 and stored.budget.depth == 1
    assert load_config(ref_out / "config.toml") == expected
    assert "candidates = 8" in (ref_out / "report.md").read_text()

    out = tmp_path / "out"
    shutil.copytree(ref_out, out)
    refused = run_pipeline_cli([str(pipeline_set), "--resume", "--out", str(out), "--candidates", "9"], timeout=120)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "budget.candidates = 9 (from --candidates); the run has 8" in refused.stderr
    assert latest_run(out)[0].resumed == 0

    same = tmp_path / "same.toml"
    same.write_text("[budget]\ncandidates = 8\ndepth = 1\n")
    resumed = run_pipeline_cli([str(pipeline_set), "--resume", "--out", str(out), "--config", str(same)])
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert f"resuming run {info.id} (" in resumed.stderr and "with the configuration it started with" in resumed.stderr
    assert ", 0 checks," in resumed.stdout  # every check replayed from the store
    assert latest_run(out)[0].resumed == 1 and load_config(out / "config.toml") == expected
    assert (out / "Proofs.lean").read_text() == (ref_out / "Proofs.lean").read_text()
