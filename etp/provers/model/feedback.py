"""Lean's feedback on a failed sample, formatted as Goedel-Prover-V2 or Kimina-Prover show it to
their models, and the correction prompt that carries it.

Positions: a verdict's messages count lines from the candidate's first line (line 1). The code
the model is shown is `header + docstring + statement + " := " + proof` (`shown_code`), so
proof line 1 sits after ` := ` on the statement's last line; messages are moved there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from etp.core import Verdict
from etp.provers.model.formats import Prompt, PromptFormat, Statement

MAX_GOEDEL_ERRORS = 8  # src/utils.py get_error_str: error_num_thres = 8 when error_thres (the default)
MAX_KIMINA_ERRORS = 3  # kimina_prover_demo/utils.py filter_error_messages: error_messages[:3]


@dataclass(frozen=True)
class Span:
    """An error's place in the shown code: 0-based lines, columns."""

    line: int
    column: int
    end_line: int | None
    end_column: int | None
    message: str


def shown_code(s: Statement, proof: str) -> str:
    return f"{s.code} := {proof}"


def error_spans(s: Statement, proof: str, verdict: Verdict) -> list[Span]:
    """The verdict's errors placed in `shown_code` (an error before the proof goes to its start,
    one past its end to its last line)."""
    lines = shown_code(s, proof).split("\n")
    base = s.code.count("\n")
    shift = len(s.code.rsplit("\n", 1)[-1]) + len(" := ")

    def place(line: int, column: int) -> tuple[int, int]:
        if line < 1:
            return base, shift
        at = min(base + line - 1, len(lines) - 1)
        col = column + (shift if line == 1 else 0)
        return at, min(max(col, 0), len(lines[at]))

    spans = []
    for m in verdict.messages:
        if m.severity != "error":
            continue
        line, col = place(m.pos.line, m.pos.column)
        end_line, end_col = place(m.end_pos.line, m.end_pos.column) if m.end_pos is not None else (None, None)
        if end_line is not None and (end_line, end_col) < (line, col):
            end_line, end_col = line, col
        spans.append(Span(line, col, end_line, end_col, m.data))
    return spans


# ---------------------------------------------------------------- Goedel-Prover-V2
# Source: github.com/Goedel-LM/Goedel-Prover-V2 src/utils.py get_error_str (error_thres=True,
# inference.py's default) and DeepSeekCoTHandler/KiminaCoTHandler.generate_correction_prompt.


def goedel_errors(code: str, spans: list[Span]) -> str:
    """get_error_str: up to 8 errors, each with 4 lines before, the span in <error></error>
    (a long span cut after 6 lines), 1 line after, and the message."""
    lines = code.split("\n")
    out = ""
    for i, e in enumerate(spans[:MAX_GOEDEL_ERRORS]):
        start_line, start_col = e.line, e.column
        end_line = start_line if e.end_line is None else e.end_line
        end_col = len(lines[start_line]) if e.end_line is None else e.end_column
        out += f"\nError {i + 1}:\n"
        out += "\nCorresponding Code:\n```lean4\n"
        snippet = "".join(f"{lines[start_line + k]}\n" for k in range(-4, 0) if start_line + k >= 0)
        if start_line != end_line:
            snippet += lines[start_line][:start_col] + "<error>" + lines[start_line][start_col:] + "\n"
            show_line = 6
            j = start_line
            for j in range(start_line + 1, min(end_line, start_line + show_line)):
                snippet += f"{lines[j]}\n"
            if end_line > start_line + show_line:
                leading = len(lines[j]) - len(lines[j].lstrip(" "))
                snippet += "\n" + " " * leading + "... --[Truncated]-- ...\n"
            snippet += lines[end_line][:end_col] + "</error>" + lines[end_line][end_col:] + "\n"
        else:
            line = lines[start_line]
            snippet += line[:start_col] + "<error>" + line[start_col:end_col] + "</error>" + line[end_col:] + "\n"
        if end_line + 1 < len(lines):
            snippet += f"{lines[end_line + 1]}\n"
        out += snippet
        out += "\n```\n"
        out += f"\nError Message: {e.message}\n"
    if len(spans) > MAX_GOEDEL_ERRORS:
        out += f"\n... [Omitted {len(spans) - MAX_GOEDEL_ERRORS} more errors] ...\n"
    return out


GOEDEL_CORRECTION = ("The proof (Round {round}) is not correct. Following is the compilation error message, where "
                     "we use <error></error> to signal the position of the error.\n\n{errors}\n\nBefore producing "
                     "the Lean 4 code to formally prove the given theorem, provide a detailed analysis of the error "
                     "message.")
# DeepSeekNonCoTHandler.generate_correction_prompt (completion models): the errors as comments.
GOEDEL_NON_COT = ("-- The previous proof attempt (Round {round}) resulted in compilation errors:\n{errors}\n"
                  "-- Please provide a corrected version. Wrap the proof in ```lean4 and ```.")


# ---------------------------------------------------------------- Kimina-Prover
# Source: github.com/MoonshotAI/Kimina-Prover-Preview kimina_prover_demo/utils.py create_tool_message
# (the error-fix turn of error_fix.py). Kimina reads "the goals before the error" from Lean's
# info tree; etp's verdicts carry the goals Lean printed in an `unsolved goals` error, so those
# are shown, and no goal state for other errors. Snippet line numbers count from the first line
# after the imports (create_tool_message numbers them in the whole file, one header off).


def _goals_in(message: str) -> str | None:
    if not message.startswith("unsolved goals"):
        return None
    return message[len("unsolved goals"):].strip("\n") or None


def kimina_errors(code: str, spans: list[Span]) -> str:
    """create_tool_message: up to 3 errors, each with its goals, its message and a numbered snippet."""
    stripped = code.strip()
    lines = stripped.split("\n")
    skip = 0
    while skip < len(lines) and lines[skip].startswith("import"):
        skip += 1
    context = lines[skip:]
    offset = code[:len(code) - len(code.lstrip())].count("\n")  # lines the strip removed
    out = ""
    for i, e in enumerate(spans[:MAX_KIMINA_ERRORS], 1):
        out += f"# Error {i}:\n"
        line_num = e.line - offset - skip
        start, end = max(0, line_num - 2), min(len(context), line_num + 3)
        snippet = "```lean4\n" + "".join(
            f"{ln + 1:03d}{' >' if ln == line_num else '  '}| {context[ln].replace('count_heartbeats in', '')}\n"
            for ln in range(start, end)) + "```"
        goals = _goals_in(e.message)
        if goals:
            out += f"Goals state before error position: \n{goals}\n\n"
        out += f"Error message: \n{e.message.strip()}\n\n"
        out += f"Lean 4 code snippet with error:\n{snippet}\n"
    return out


# ---------------------------------------------------------------- the correction prompt

Feedback = Literal["goedel", "kimina"]


def feedback_text(style: Feedback, s: Statement, proof: str, verdict: Verdict) -> str:
    """Lean's word on `proof`, formatted; a verdict without positioned errors (refused by the
    screen, a timeout, an empty proof) gives its reason as the message."""
    code = shown_code(s, proof)
    spans = error_spans(s, proof, verdict)
    if not spans:
        reason = verdict.reason or verdict.status
        if style == "kimina":
            return f"# Error 1:\nError message: \n{reason}\n\n"
        return f"\nError 1:\n\nError Message: {reason}\n"
    return kimina_errors(code, spans) if style == "kimina" else goedel_errors(code, spans)


def correction_prompt(fmt: PromptFormat, first: Prompt, last: Prompt, output: str, feedback: str, style: Feedback,
                      round_: int) -> Prompt:
    """The prompt of correction round `round_` (1 for the first) after `output` answered `last`.
    Chat formats: the conversation goes on (the answer, then the feedback as the user's turn).
    Completion formats: Goedel's non-CoT correction text (the feedback as comments), then the
    first prompt again for the model to complete."""
    if fmt.completion:
        comments = "\n".join(f"-- {line}" for line in feedback.splitlines() if line.strip())
        return Prompt(text=GOEDEL_NON_COT.format(round=round_ - 1, errors=comments) + "\n\n" + first.text)
    user = feedback if style == "kimina" else GOEDEL_CORRECTION.format(round=round_ - 1, errors=feedback)
    return last.with_turns(("assistant", output), ("user", user))

