"""Generation on this machine's devices, side by side: the same prompts (a theorem set's goals in a
prompt format, repeated to fill the batch), greedy, once on the CPU in float32 and once on CUDA in
bfloat16 where CUDA is present; tokens per second on each, and whether both gave the same
candidates (the same proof bodies: then Lean's verdicts are the same too).

    python benchmarks/model_device.py [THEOREM_SET] [--tiny | --model FOLDER] [--batch 64]
                                      [--max-new-tokens 64] [--format deepseek-v2] [--out candidates.json]

Needs no Lean (a GPU machine may have none): `--out` writes each device's candidates, to check
with `python -m etp.lean check` or the verifier where Lean runs. `--tiny` (the default without
`--model`) builds the random tiny Qwen model of the tests offline.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from etp.config import ModelOptions
from etp.core import Header
from etp.provers import Goal
from etp.provers.model.extraction import extract
from etp.provers.model.formats import get_format
from etp.provers.model.loading import ModelSetupError, load_engine
from etp.provers.model.sampling import SamplingParams
from etp.theorems import TheoremSetError, load_theorem_set

ROOT = Path(__file__).resolve().parents[1]


def side(model: str, device: str, fmt_name: str, goals: list[Goal], max_new: int) -> tuple[list[str], float, int]:
    """(proof bodies, seconds, generated tokens) of one greedy batch on `device`."""
    fmt = get_format(fmt_name)
    engine = load_engine(ModelOptions(model=model, device=device, format=fmt_name))
    texts = [engine.render(fmt.prompt(g)) for g in goals]
    params = SamplingParams(temperature=0, max_new_tokens=max_new)
    engine.generate(texts[:2], params, [0, 0], special_tokens=fmt.completion)  # warm-up
    start = time.perf_counter()
    out = engine.generate(texts, params, [0] * len(texts), special_tokens=fmt.completion)
    seconds = time.perf_counter() - start
    proofs = [extract(g.text, goal.statement, completion=fmt.completion).proof for g, goal in zip(out, goals)]
    return proofs, seconds, sum(g.tokens_out for g in out)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("theorem_set", nargs="?", type=Path, default=ROOT / "pipeline/theorem_sets/econ_core.jsonl")
    p.add_argument("--model", default=None, help="a model folder or hub id (default: a tiny random Qwen model)")
    p.add_argument("--tiny", action="store_true")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--max-new-tokens", type=int, default=64)
    p.add_argument("--format", default="deepseek-v2")
    p.add_argument("--out", type=Path, default=None)
    args = p.parse_args()
    try:
        specs = load_theorem_set(args.theorem_set)
    except TheoremSetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    goals = [Goal(key=s.id, header=Header(imports=s.imports, open=s.open), statement=s.lean_statement,
                  theorem_id=s.id, informal=s.informal) for s in specs]
    goals = (goals * (args.batch // max(1, len(goals)) + 1))[:args.batch]
    model = args.model
    if model is None or args.tiny:
        from etp.provers.model import tiny

        tokenizer = tiny.qwen_tokenizer()
        model = str(tiny.save(tiny.tiny_model(tokenizer), tokenizer, Path(tempfile.mkdtemp()) / "tiny"))
    import torch

    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    results = {}
    for device in devices:
        try:
            proofs, seconds, tokens = side(model, device, args.format, goals, args.max_new_tokens)
        except ModelSetupError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        results[device] = proofs
        print(f"{device:<5} batch {len(goals)}: {tokens} tokens in {seconds:.2f} s = {tokens / seconds:,.0f} tokens/s")
    if "cuda" in results:
        same = sum(a == b for a, b in zip(results["cpu"], results["cuda"]))
        print(f"same candidates on cpu (float32) and cuda (bfloat16): {same}/{len(goals)}")
    if args.out:
        args.out.write_text(json.dumps({"goals": [g.model_dump(mode="json") for g in goals], "candidates": results},
                                       ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
