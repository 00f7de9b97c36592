"""Loading a model and its tokenizer: from the Hugging Face hub or a local folder, on CUDA in
bfloat16 (spread over the GPUs) when there is one, else on the CPU in float32; or a vLLM
engine. Every way this can fail is a ModelSetupError whose message says what to do (the
pipeline's CLI prints it and exits with status 2)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from etp.config import ModelOptions
from etp.provers import ProverSetupError
from etp.provers.model.sampling import Engine, TransformersEngine, VLLMEngine

MODELS_EXTRA = "install the models extra: pip install -e '.[models]'"


class ModelSetupError(ProverSetupError):
    """A model prover that cannot start: missing packages, weights or device."""


def import_backend() -> tuple[Any, Any]:
    """(torch, transformers), or ModelSetupError naming the extra to install."""
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise ModelSetupError(f"the model prover needs torch and transformers ({exc}); {MODELS_EXTRA}") from None
    return torch, transformers


def model_source(name: str) -> tuple[str, bool]:
    """(what from_pretrained reads, offline?): an existing folder is read offline; a name that
    is a path (`/`, `.`, `~`) must exist; anything else is a hub id, read offline when
    HF_HUB_OFFLINE=1."""
    path = Path(name).expanduser()
    if path.exists():
        if not path.is_dir():
            raise ModelSetupError(f"model {name!r}: not a folder (a model folder holds config.json and the weights "
                                  "that save_pretrained wrote)")
        if not (path / "config.json").exists():
            raise ModelSetupError(f"model folder {name!r} has no config.json: not a saved model")
        return str(path), True
    if name.startswith(("/", ".", "~")) or name.count("/") > 1 or "\\" in name:
        raise ModelSetupError(f"model folder {name!r} does not exist")
    return name, os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0")


def pick_device(torch: Any, device: str, dtype: str) -> tuple[str, Any]:
    """(device: "cpu", "cuda" (all GPUs) or "cuda:N", torch dtype) for the options."""
    cuda = torch.cuda.is_available()
    if device == "auto":
        device = "cuda" if cuda else "cpu"
    elif device.startswith("cuda"):
        if not cuda:
            raise ModelSetupError(f"device {device!r} was asked for, but CUDA is not available here "
                                  "(torch.cuda.is_available() is False: no GPU visible, or a CPU build of torch); "
                                  "use device = 'auto' or 'cpu'")
        index = device.partition(":")[2]
        if index and (not index.isdigit() or int(index) >= torch.cuda.device_count()):
            raise ModelSetupError(f"device {device!r}: there are {torch.cuda.device_count()} CUDA device(s)")
    elif device != "cpu":
        raise ModelSetupError(f"device {device!r}: use auto, cpu, cuda or cuda:N")
    if dtype == "auto":
        dtype = "float32" if device == "cpu" else "bfloat16"
    return device, getattr(torch, dtype)


def device_label(torch: Any, model: Any, device: str) -> str:
    if device == "cpu":
        return "cpu"
    gpus = sorted({str(d) for d in (getattr(model, "hf_device_map", None) or {}).values()})
    name = torch.cuda.get_device_name(0)
    return f"cuda x{len(gpus)} ({name})" if len(gpus) > 1 else f"{model.device} ({name})"


def load_engine(options: ModelOptions) -> Engine:
    """The generation engine the options describe."""
    if options.engine == "vllm":
        return load_vllm(options)
    torch, transformers = import_backend()
    source, offline = model_source(options.model)
    device, dtype = pick_device(torch, options.device, options.dtype)
    transformers.utils.logging.disable_progress_bar()
    kwargs: dict[str, Any] = dict(local_files_only=offline, trust_remote_code=options.trust_remote_code)
    dtype_key = "dtype" if int(transformers.__version__.split(".")[0]) >= 5 else "torch_dtype"
    placement = {"device_map": "auto"} if device == "cuda" else {"device_map": {"": device}} if device != "cpu" else {}
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(source, **kwargs)
        model = transformers.AutoModelForCausalLM.from_pretrained(source, **kwargs, **{dtype_key: dtype}, **placement)
    except (OSError, ValueError) as exc:
        where = ("the local folder" if Path(source).exists() else
                 "the hub cache (offline: HF_HUB_OFFLINE=1)" if offline else "the hub")
        raise ModelSetupError(f"cannot load model {options.model!r} from {where}: {exc}") from None
    model.eval()
    return TransformersEngine(model, tokenizer, device_label(torch, model, device))


def load_vllm(options: ModelOptions) -> Engine:
    """A vLLM engine (vllm is not part of the models extra: it needs a CUDA machine)."""
    try:
        import vllm
    except ImportError:
        raise ModelSetupError("engine = 'vllm' needs the vllm package (pip install vllm, on a machine with CUDA); "
                              "or use engine = 'transformers'") from None
    torch, _ = import_backend()
    source, _ = model_source(options.model)
    device, dtype = pick_device(torch, options.device, options.dtype)
    if device == "cpu":
        raise ModelSetupError("engine = 'vllm' runs on CUDA; use engine = 'transformers' on a CPU")
    parallel = torch.cuda.device_count() if device == "cuda" else 1
    llm = vllm.LLM(model=source, dtype=str(dtype).removeprefix("torch."), seed=options.seed,
                   trust_remote_code=options.trust_remote_code, tensor_parallel_size=parallel)
    return VLLMEngine(llm, f"cuda x{parallel} (vllm)" if parallel > 1 else "cuda:0 (vllm)")
