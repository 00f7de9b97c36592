"""Batched generation with the real tiny model: left padding changes nothing (batched greedy ==
unbatched), seeds make samples reproducible, token counts are the real ones."""

from __future__ import annotations

from etp.provers.model.sampling import SamplingParams, sample_seed

PROMPTS = ["Complete the following Lean 4 code:\n\n```lean4\ntheorem t (a b : Nat) : a + b = b + a := by\n",
           "theorem short : True := by\n",
           "<|im_start|>user\nProve that every natural number is at least zero, in Lean 4.<|im_end|>\n"
           "<|im_start|>assistant\n"]
GREEDY = SamplingParams(temperature=0, max_new_tokens=24)


def test_batched_greedy_generation_equals_unbatched(tiny_engine):
    batched = tiny_engine.generate(PROMPTS, GREEDY, [1, 2, 3], special_tokens=False)
    alone = [tiny_engine.generate([p], GREEDY, [1], special_tokens=False)[0] for p in PROMPTS]
    assert [g.text for g in batched] == [g.text for g in alone]
    assert [(g.tokens_in, g.tokens_out) for g in batched] == [(g.tokens_in, g.tokens_out) for g in alone]
    assert len({g.text for g in batched}) == len(PROMPTS)  # the prompts lead to different answers
    # the counts are the tokenizer's and the generation's
    assert [g.tokens_in for g in batched] == [len(tiny_engine.tokenizer(p)["input_ids"]) for p in PROMPTS]
    assert all(0 < g.tokens_out <= 24 and g.seconds > 0 for g in batched)


def test_sampling_is_reproducible_from_the_recorded_seed(tiny_engine):
    params = SamplingParams(temperature=1.0, top_p=0.95, max_new_tokens=16)
    first = tiny_engine.generate(PROMPTS[:2] * 2, params, [7, 8, 9, 10], special_tokens=False)
    again = tiny_engine.generate(PROMPTS[:2] * 2, params, [7, 8, 9, 10], special_tokens=False)
    other = tiny_engine.generate(PROMPTS[:2] * 2, params, [11, 8, 9, 10], special_tokens=False)
    assert [g.text for g in first] == [g.text for g in again]
    assert [g.text for g in first] != [g.text for g in other]
    assert all(g.seed == 7 for g in first)  # one torch.manual_seed per batch: its first seed
    assert first[0].text != first[2].text  # the same prompt twice in a batch: two samples


def test_seeds_derive_from_run_goal_round_and_sample():
    seeds = {sample_seed(0, "g", r, s) for r in range(3) for s in range(50)}
    assert len(seeds) == 150 and all(0 <= s < 2**31 for s in seeds)
    assert sample_seed(0, "g", 0, 1) == sample_seed(0, "g", 0, 1) != sample_seed(1, "g", 0, 1)
    assert sample_seed(0, "g", 0, 1) != sample_seed(0, "h", 0, 1)
