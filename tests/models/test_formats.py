"""Prompt formats, byte for byte: each published format rendered for the projects' own examples
(with Mathlib's header) equals the text their code or README produces, written out here from the
source; with a theorem set's own header the layout is the same; chat formats go through the
tokenizer's chat template."""

from __future__ import annotations

import pytest

from etp.config import PROMPT_FORMATS
from etp.core import Header
from etp.provers import Goal
from etp.provers.model.formats import (FORMATS, MATHLIB_HEADER, Prompt, Statement, UnknownFormat, get_format,
                                       header_block)

# miniF2F's mathd_algebra_478 as DeepSeek-Prover-V1.5 (datasets/minif2f.jsonl) and Goedel-Prover-V2
# (dataset/test.jsonl) store it: informal_prefix, then formal_statement.
INFORMAL_478 = ("The volume of a cone is given by the formula $V = \\frac{1}{3}Bh$, where $B$ is the area of the base "
                "and $h$ is the height. The area of the base of a cone is 30 square units, and its height is 6.5 "
                "units. What is the number of cubic units in its volume? Show that it is 65.")
STATEMENT_478 = ("theorem mathd_algebra_478 (b h v : ℝ) (h₀ : 0 < b ∧ 0 < h ∧ 0 < v) (h₁ : v = 1 / 3 * (b * h))\n"
                 "    (h₂ : b = 30) (h₃ : h = 13 / 2) : v = 65")
MATHD_478 = Statement(MATHLIB_HEADER, INFORMAL_478, STATEMENT_478)

# DeepSeek-Prover-V2 README, 5. Quick Start.
MATHD_10 = Statement(MATHLIB_HEADER, "What is the positive difference between $120\\%$ of 30 and $130\\%$ of 20? "
                     "Show that it is 10.", "theorem mathd_algebra_10 : abs ((120 : ℝ) / 100 * 30 - 130 / 100 * 20) = 10")


def render(name: str, statement: Statement) -> Prompt:
    return get_format(name).render(statement)


def test_v15_completion_prompts_match_prover_utils():
    # prover/utils.py non_cot_prompt / cot_prompt: the prefix, then header + informal_prefix + formal_statement
    # (which ends in ":= by\n" in datasets/minif2f.jsonl).
    code = ("import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 0\n\nopen BigOperators Real Nat Topology Rat\n\n"
            "/-- The volume of a cone is given by the formula $V = \\frac{1}{3}Bh$, where $B$ is the area of the base "
            "and $h$ is the height. The area of the base of a cone is 30 square units, and its height is 6.5 units. "
            "What is the number of cubic units in its volume? Show that it is 65.-/\n"
            "theorem mathd_algebra_478 (b h v : ℝ) (h₀ : 0 < b ∧ 0 < h ∧ 0 < v) (h₁ : v = 1 / 3 * (b * h))\n"
            "    (h₂ : b = 30) (h₃ : h = 13 / 2) : v = 65 := by\n")
    assert render("deepseek-v1.5", MATHD_478) == Prompt(text="Complete the following Lean 4 code:\n\n```lean4\n" + code)
    assert render("deepseek-v1.5-cot", MATHD_478) == Prompt(
        text="Complete the following Lean 4 code with explanatory comments preceding each line of code:\n\n```lean4\n"
             + code)


V2_README_STATEMENT = """
import Mathlib
import Aesop

set_option maxHeartbeats 0

open BigOperators Real Nat Topology Rat

/-- What is the positive difference between $120\\%$ of 30 and $130\\%$ of 20? Show that it is 10.-/
theorem mathd_algebra_10 : abs ((120 : ℝ) / 100 * 30 - 130 / 100 * 20) = 10 := by
  sorry
""".strip()

V2_README_PROMPT = """
Complete the following Lean 4 code:

```lean4
{}
```

Before producing the Lean 4 code to formally prove the given theorem, provide a detailed proof plan outlining the main proof steps and strategies.
The plan should highlight key ideas, intermediate lemmas, and proof structures that will guide the construction of the final formal proof.
""".strip()


def test_v2_chat_prompts_match_the_readme_and_the_paper():
    cot = render("deepseek-v2-cot", MATHD_10)
    assert cot.messages == (("user", V2_README_PROMPT.format(V2_README_STATEMENT)),)
    # non-CoT (paper, Appendix A.1): the same code block, no planning instruction
    plain = render("deepseek-v2", MATHD_10)
    assert plain.messages == (("user", "Complete the following Lean 4 code:\n\n```lean4\n" + V2_README_STATEMENT
                               + "\n```"),)


def test_goedel_v2_prompt_matches_src_utils():
    # src/utils.py DeepSeekCoTHandler.prover_inference on dataset/test.jsonl's lean4_code
    lean4_code = MATHLIB_HEADER + f"/-- {INFORMAL_478}-/\n" + STATEMENT_478 + " := by\n"
    formal_statement = lean4_code.split(":= by")[0] + ":= by sorry"
    expected = (f"Complete the following Lean 4 code:\n\n```lean4\n{formal_statement}```\n\nBefore producing the Lean 4 "
                "code to formally prove the given theorem, provide a detailed proof plan outlining the main proof steps "
                "and strategies.\nThe plan should highlight key ideas, intermediate lemmas, and proof structures that "
                "will guide the construction of the final formal proof.")
    assert render("goedel-v2", MATHD_478).messages == (("user", expected),)


def test_kimina_prompt_matches_the_model_card():
    # The model card (AI-MO/Kimina-Prover-Preview-Distill-7B) as Goedel-Prover-V2's KiminaCoTHandler writes it.
    formal_statement = MATHLIB_HEADER + f"/-- {INFORMAL_478}-/\n" + STATEMENT_478 + " := by"
    prompt = "Think about and solve the following problem step by step in Lean 4."
    prompt += f"\n# Problem:{INFORMAL_478}"
    prompt += f"\n# Formal statement:\n```lean4\n{formal_statement}\n```\n"
    assert render("kimina", MATHD_478).messages == (
        ("system", "You are an expert in mathematics and Lean 4."), ("user", prompt))
    # without an informal statement: KiminaCoTHandler's problem, the code without header lines
    bare = Statement(MATHLIB_HEADER, "", STATEMENT_478)
    user = render("kimina", bare).messages[1][1]
    assert user.startswith("Think about and solve the following problem step by step in Lean 4.\n# Problem:"
                           "theorem mathd_algebra_478 (b h v : ℝ)")
    assert "\n# Formal statement:\n```lean4\nimport Mathlib\nimport Aesop\n\nset_option" in user


ECON = Goal(key="k", header=Header(imports=("EconLean.SocialChoice.Defs", "EconLean.Matching.Defs"),
                                   open=("EconLean", "EconLean.SocialChoice")),
            statement="theorem t (p : Prop) (hp : p) : p", theorem_id="t", informal="Anything implies itself.")


def test_the_theorems_own_header_is_laid_out_as_mathlibs():
    assert header_block(ECON.header) == ("import EconLean.SocialChoice.Defs\nimport EconLean.Matching.Defs\n\n"
                                         "open EconLean EconLean.SocialChoice\n\n")
    assert header_block(Header()) == ""
    assert header_block(Header(open=("Nat",))) == "open Nat\n\n"
    assert get_format("deepseek-v1.5").prompt(ECON).text == (
        "Complete the following Lean 4 code:\n\n```lean4\nimport EconLean.SocialChoice.Defs\n"
        "import EconLean.Matching.Defs\n\nopen EconLean EconLean.SocialChoice\n\n/-- Anything implies itself.-/\n"
        "theorem t (p : Prop) (hp : p) : p := by\n")


def test_chat_prompts_are_rendered_with_the_tokenizers_chat_template(tiny_engine):
    text = tiny_engine.render(get_format("deepseek-v2").prompt(ECON))
    assert text == ("<|im_start|>user\nComplete the following Lean 4 code:\n\n```lean4\n"
                    "import EconLean.SocialChoice.Defs\nimport EconLean.Matching.Defs\n\n"
                    "open EconLean EconLean.SocialChoice\n\n/-- Anything implies itself.-/\n"
                    "theorem t (p : Prop) (hp : p) : p := by\n  sorry\n```<|im_end|>\n<|im_start|>assistant\n")
    kimina = tiny_engine.render(get_format("kimina").prompt(ECON))
    assert kimina.startswith("<|im_start|>system\nYou are an expert in mathematics and Lean 4.<|im_end|>\n"
                             "<|im_start|>user\nThink about and solve the following problem step by step in Lean 4.\n"
                             "# Problem:Anything implies itself.\n# Formal statement:\n```lean4\nimport EconLean")
    # a completion format is used as is
    assert tiny_engine.render(get_format("deepseek-v1.5").prompt(ECON)).startswith("Complete the following")


def test_every_configurable_format_exists_and_names_its_source():
    assert tuple(FORMATS) == PROMPT_FORMATS
    assert all(f.source and f.max_new_tokens > 0 for f in FORMATS.values())
    assert {n: f.max_new_tokens for n, f in FORMATS.items()} == {
        "deepseek-v1.5": 2048, "deepseek-v1.5-cot": 2048, "deepseek-v2": 8192, "deepseek-v2-cot": 8192,
        "goedel-v2": 32768, "kimina": 16000}


def test_an_unknown_format_is_an_error_naming_the_known_ones():
    with pytest.raises(UnknownFormat, match="unknown prompt format 'deepseek-v3'; known formats: deepseek-v1.5"):
        get_format("deepseek-v3")
