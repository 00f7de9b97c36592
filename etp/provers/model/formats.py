"""The published prompt formats of DeepSeek-Prover-V1.5, DeepSeek-Prover-V2, Goedel-Prover-V2 and
Kimina-Prover, each copied from the project's own code or README (the source is named next to
each), with the theorem's own header (its imports and opens) where they put Mathlib's.

Their header is `import Mathlib\\nimport Aesop\\n\\nset_option maxHeartbeats 0\\n\\nopen BigOperators
Real Nat Topology Rat\\n\\n`; ours is rendered the same way (`header_block`): the imports, a blank
line, the `open` line, a blank line. Their informal statement is a docstring before the theorem,
`/-- TEXT-/\\n` in their data sets (`informal_prefix`); ours is the theorem set's `informal`.

A prompt is either a completion text (V1.5: the model continues the code after `:= by`) or chat
messages (V2, Goedel-V2, Kimina), rendered with the tokenizer's chat template by the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from etp.config import PROMPT_FORMATS
from etp.core import Header
from etp.provers import Goal, ProverSetupError

# DeepSeek-Prover-V1.5 prover/utils.py: LEAN4_DEFAULT_HEADER (what `header_block` replaces).
MATHLIB_HEADER = "import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 0\n\nopen BigOperators Real Nat Topology Rat\n\n"


def header_block(header: Header) -> str:
    """The theorem's header laid out as the published one: imports, blank line, opens, blank line."""
    parts = ["\n".join(f"import {m}" for m in header.imports)] if header.imports else []
    if header.open:
        parts.append("open " + " ".join(header.open))
    return "\n\n".join(parts) + "\n\n" if parts else ""


def informal_prefix(informal: str) -> str:
    """The informal statement as their data sets write it before the theorem (`/-- TEXT-/\\n`)."""
    return f"/-- {informal.strip()}-/\n" if informal.strip() else ""


@dataclass(frozen=True)
class Statement:
    """What a prompt shows: the header block, the informal statement (plain text) and the
    statement (`theorem NAME BINDERS : TYPE`, without `:=`)."""

    header: str
    informal: str
    statement: str

    @classmethod
    def of(cls, goal: Goal) -> "Statement":
        return cls(header_block(goal.header), goal.informal.strip(), goal.statement)

    @property
    def docstring(self) -> str:
        return informal_prefix(self.informal)

    @property
    def code(self) -> str:
        return self.header + self.docstring + self.statement


@dataclass(frozen=True)
class Prompt:
    """A completion text, or chat messages (role, content) rendered by the tokenizer's template."""

    text: str = ""
    messages: tuple[tuple[str, str], ...] = ()

    @property
    def chat(self) -> bool:
        return bool(self.messages)

    def as_messages(self) -> list[dict[str, str]]:
        return [{"role": role, "content": content} for role, content in self.messages]

    def with_turns(self, *turns: tuple[str, str]) -> "Prompt":
        return Prompt(messages=self.messages + turns)


# ---------------------------------------------------------------- DeepSeek-Prover-V1.5
# Source: github.com/deepseek-ai/DeepSeek-Prover-V1.5, prover/utils.py (non_cot_prompt, cot_prompt,
# post_process_output), data `formal_statement` ending in `:= by\n` (datasets/minif2f.jsonl);
# max_tokens 2048, temperature 1, top_p 0.95 in configs/sampling.py.

V15_NON_COT = "Complete the following Lean 4 code:\n\n```lean4\n{header}{informal_prefix}{formal_statement}"
V15_COT = ("Complete the following Lean 4 code with explanatory comments preceding each line of code:\n\n"
           "```lean4\n{header}{informal_prefix}{formal_statement}")


def _v15(template: str) -> Callable[[Statement], Prompt]:
    def make(s: Statement) -> Prompt:
        return Prompt(text=template.format(header=s.header, informal_prefix=s.docstring,
                                           formal_statement=s.statement + " := by\n"))

    return make


# ---------------------------------------------------------------- DeepSeek-Prover-V2
# Source: github.com/deepseek-ai/DeepSeek-Prover-V2, README.md "5. Quick Start" (the CoT prompt:
# formal_statement = header + docstring + theorem + ` := by\n  sorry`, stripped; max_new_tokens 8192).
# The non-CoT prompt is the same without the planning instruction: the paper's Appendix A.1
# ("Non-CoT Generation of DeepSeek-Prover-V2", DeepSeek_Prover_V2.pdf in that repository).

V2_PROMPT = "Complete the following Lean 4 code:\n\n```lean4\n{}\n```"
PLAN = ("Before producing the Lean 4 code to formally prove the given theorem, provide a detailed proof plan "
        "outlining the main proof steps and strategies.\nThe plan should highlight key ideas, intermediate lemmas, "
        "and proof structures that will guide the construction of the final formal proof.")


def _v2(cot: bool) -> Callable[[Statement], Prompt]:
    def make(s: Statement) -> Prompt:
        formal_statement = (s.code + " := by\n  sorry").strip()
        content = V2_PROMPT.format(formal_statement) + ("\n\n" + PLAN if cot else "")
        return Prompt(messages=(("user", content),))

    return make


# ---------------------------------------------------------------- Goedel-Prover-V2
# Source: github.com/Goedel-LM/Goedel-Prover-V2, src/utils.py, DeepSeekCoTHandler.prover_inference
# (the handler scripts/pipeline.sh runs, "dpskcot"): lean4_code.split(":= by")[0] + ":= by sorry",
# no newline before the closing fence; README "6. Quick Start": max_new_tokens 32768.


def _goedel(s: Statement) -> Prompt:
    formal_statement = s.code + " := by sorry"
    content = f"Complete the following Lean 4 code:\n\n```lean4\n{formal_statement}```\n\n{PLAN}"
    return Prompt(messages=(("user", content),))


# ---------------------------------------------------------------- Kimina-Prover
# Source: the model card of AI-MO/Kimina-Prover-Preview-Distill-7B, as Goedel-Prover-V2's
# src/utils.py KiminaCoTHandler.prover_inference reproduces it (system + user, `# Problem:` and
# `# Formal statement:`, the statement ending in `:= by`). The problem is the informal statement
# (the model card's), or without one the code with its import/open/blank lines removed
# (KiminaCoTHandler.clean_code_string). max_tokens 16000: kimina_prover_demo/error_fix.py of
# github.com/MoonshotAI/Kimina-Prover-Preview.

KIMINA_SYSTEM = "You are an expert in mathematics and Lean 4."


def clean_code_string(code: str) -> str:
    """Goedel-Prover-V2's KiminaCoTHandler.clean_code_string: drop import, set_option, open and blank lines."""
    return "\n".join(line for line in code.splitlines()
                     if not (line.startswith(("import", "set_option", "open")) or line.strip() == ""))


def _kimina(s: Statement, problem: str | None = None) -> Prompt:
    formal_statement = s.code + " := by"
    if problem is None:
        problem = clean_code_string(formal_statement)
    prompt = "Think about and solve the following problem step by step in Lean 4."
    prompt += f"\n# Problem:{problem}"
    prompt += f"\n# Formal statement:\n```lean4\n{formal_statement}\n```\n"
    return Prompt(messages=(("system", KIMINA_SYSTEM), ("user", prompt)))


def _kimina_goal(s: Statement) -> Prompt:
    return _kimina(s, s.informal or None)


# ---------------------------------------------------------------- the registry


@dataclass(frozen=True)
class PromptFormat:
    """One published format: how a goal becomes a prompt, how long an answer may be, and whether
    the answer continues the code (completion) or holds it in a ```lean4 block (chat)."""

    name: str
    render: Callable[[Statement], Prompt] = field(repr=False)
    max_new_tokens: int
    completion: bool  # the output continues the prompt's code right after `:= by`
    source: str

    def prompt(self, goal: Goal) -> Prompt:
        return self.render(Statement.of(goal))


FORMATS: dict[str, PromptFormat] = {f.name: f for f in (
    PromptFormat("deepseek-v1.5", _v15(V15_NON_COT), 2048, True,
                 "github.com/deepseek-ai/DeepSeek-Prover-V1.5 prover/utils.py non_cot_prompt"),
    PromptFormat("deepseek-v1.5-cot", _v15(V15_COT), 2048, True,
                 "github.com/deepseek-ai/DeepSeek-Prover-V1.5 prover/utils.py cot_prompt"),
    PromptFormat("deepseek-v2", _v2(cot=False), 8192, False,
                 "DeepSeek-Prover-V2 paper, Appendix A.1 (non-CoT); README Quick Start"),
    PromptFormat("deepseek-v2-cot", _v2(cot=True), 8192, False,
                 "github.com/deepseek-ai/DeepSeek-Prover-V2 README.md, 5. Quick Start"),
    PromptFormat("goedel-v2", _goedel, 32768, False,
                 "github.com/Goedel-LM/Goedel-Prover-V2 src/utils.py DeepSeekCoTHandler"),
    PromptFormat("kimina", _kimina_goal, 16000, False,
                 "huggingface.co/AI-MO/Kimina-Prover-Preview-Distill-7B, via Goedel-Prover-V2 src/utils.py "
                 "KiminaCoTHandler"),
)}
assert tuple(FORMATS) == PROMPT_FORMATS, "etp.config.PROMPT_FORMATS must name exactly these formats"


class UnknownFormat(ProverSetupError):
    """A prompt format that is not one of FORMATS."""


def get_format(name: str) -> PromptFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormat(f"unknown prompt format {name!r}; known formats: {', '.join(FORMATS)}") from None
