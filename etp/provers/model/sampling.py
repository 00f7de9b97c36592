"""Generation: batches of prompts to samples, with transformers (left-padded batches) or vLLM,
each sample with its token counts, time, device and seed.

Seeds: every batch (transformers) or sample (vLLM) gets a seed derived from the run's seed, the
goal, the round and the sample index (`sample_seed`), so a run with the same configuration and
goals generates the same samples; the seed is recorded with each sample.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from typing import Any, Protocol

from etp.provers.model.formats import Prompt


@dataclass(frozen=True)
class SamplingParams:
    """The published defaults are temperature 1.0 and top_p 0.95; temperature 0 is greedy."""

    temperature: float = 1.0
    top_p: float = 0.95
    max_new_tokens: int = 2048

    @property
    def greedy(self) -> bool:
        return self.temperature == 0


@dataclass(frozen=True)
class Generation:
    """One sample: the decoded text (special tokens dropped) and what it cost."""

    text: str
    tokens_in: int
    tokens_out: int
    seconds: float  # the batch's wall time shared equally by its samples
    seed: int
    finished: bool  # ended by an end-of-sequence token (not by max_new_tokens)


def sample_seed(run_seed: int, goal_key: str, round_: int, sample: int) -> int:
    """A 31-bit seed from the run's seed, the goal, the round and the sample index."""
    digest = hashlib.sha256(f"{run_seed}\0{goal_key}\0{round_}\0{sample}".encode()).hexdigest()
    return int(digest[:8], 16) & 0x7FFFFFFF


class Engine(Protocol):
    """What the prover needs of a generation backend."""

    name: str
    device: str  # e.g. "cpu", "cuda:0", "cuda x4"

    def render(self, prompt: Prompt) -> str: ...

    def generate(self, texts: list[str], params: SamplingParams, seeds: list[int], *,
                 special_tokens: bool) -> list[Generation]: ...


def render_with(tokenizer: Any, prompt: Prompt) -> str:
    """A completion prompt as is; chat messages through the tokenizer's chat template."""
    if not prompt.chat:
        return prompt.text
    return tokenizer.apply_chat_template(prompt.as_messages(), tokenize=False, add_generation_prompt=True)


def _eos_ids(model: Any, tokenizer: Any) -> set[int]:
    ids = getattr(model.generation_config, "eos_token_id", None)
    if ids is None:
        ids = tokenizer.eos_token_id
    return set(ids if isinstance(ids, (list, tuple)) else [] if ids is None else [ids])


class TransformersEngine:
    """`model.generate` on left-padded batches; one `torch.manual_seed` per batch (its first seed)."""

    name = "transformers"

    def __init__(self, model: Any, tokenizer: Any, device: str):
        self.model = model
        self.tokenizer = tokenizer
        self.device = device
        tokenizer.padding_side = "left"
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        self.eos = _eos_ids(model, tokenizer)

    def render(self, prompt: Prompt) -> str:
        return render_with(self.tokenizer, prompt)

    def generate(self, texts: list[str], params: SamplingParams, seeds: list[int], *,
                 special_tokens: bool) -> list[Generation]:
        import torch

        enc = self.tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=special_tokens)
        enc = {k: v.to(self.model.device) for k, v in enc.items()}
        options: dict[str, Any] = dict(max_new_tokens=params.max_new_tokens, pad_token_id=self.tokenizer.pad_token_id)
        if params.greedy:
            options.update(do_sample=False)
        else:
            options.update(do_sample=True, temperature=params.temperature, top_p=params.top_p, top_k=0)
        seed = seeds[0]
        start = time.perf_counter()
        torch.manual_seed(seed)
        with torch.inference_mode():
            out = self.model.generate(**enc, **options)
        seconds = (time.perf_counter() - start) / len(texts)
        width = enc["input_ids"].shape[1]
        prompt_tokens = enc["attention_mask"].sum(dim=1).tolist()
        results = []
        for i, row in enumerate(out[:, width:].tolist()):
            end = next((k + 1 for k, t in enumerate(row) if t in self.eos), None)
            kept = row if end is None else row[:end]
            text = self.tokenizer.decode(kept, skip_special_tokens=True)
            results.append(Generation(text, int(prompt_tokens[i]), len(kept), seconds, seed, end is not None))
        return results


class VLLMEngine:
    """vLLM's `LLM.generate` on the same token ids (tokenized here, as for transformers), one
    seed per sample (vLLM's SamplingParams take one)."""

    name = "vllm"

    def __init__(self, llm: Any, device: str):
        self.llm = llm
        self.tokenizer = llm.get_tokenizer()
        self.device = device

    def render(self, prompt: Prompt) -> str:
        return render_with(self.tokenizer, prompt)

    def generate(self, texts: list[str], params: SamplingParams, seeds: list[int], *,
                 special_tokens: bool) -> list[Generation]:
        from vllm import SamplingParams as VLLMParams

        prompts = [{"prompt_token_ids": self.tokenizer(t, add_special_tokens=special_tokens)["input_ids"]}
                   for t in texts]
        sampling = [VLLMParams(n=1, temperature=params.temperature, top_p=params.top_p,
                               max_tokens=params.max_new_tokens, seed=s) for s in seeds]
        start = time.perf_counter()
        outputs = self.llm.generate(prompts, sampling, use_tqdm=False)
        seconds = (time.perf_counter() - start) / len(texts)
        return [Generation(o.outputs[0].text, len(o.prompt_token_ids), len(o.outputs[0].token_ids), seconds, s,
                           o.outputs[0].finish_reason == "stop") for o, s in zip(outputs, seeds)]
