"""Lean's feedback for self-correction, compared with the published functions themselves (copied
below, unchanged but for layout): Goedel-Prover-V2's get_error_str and Kimina-Prover's
create_tool_message. Messages of a verdict count lines from the candidate's first line; the
code shown to the model is header + statement + ` := ` + proof."""

from __future__ import annotations

from etp.core import Header, LeanMessage, Position, Verdict
from etp.provers import Goal
from etp.provers.model.feedback import (correction_prompt, error_spans, feedback_text, goedel_errors, kimina_errors,
                                        shown_code)
from etp.provers.model.formats import Prompt, Statement, get_format


# ---- github.com/Goedel-LM/Goedel-Prover-V2 src/utils.py, get_error_str (verbatim)
def get_error_str(code, errors, error_thres):
    err_str = ""
    code_lines = code.split('\n')
    token_lengths = [len(line) + 1 for line in code_lines]
    error_num_thres = 8 if error_thres else len(errors)
    for i, error in enumerate(errors[:error_num_thres]):
        start_line = error['pos']['line'] - 1
        start_col = error['pos']['column']
        if error['endPos'] is None:
            end_line = start_line
            end_col = len(code_lines[start_line])
        else:
            end_line = error['endPos']['line'] - 1
            end_col = error['endPos']['column']
        start_char_pos = sum(token_lengths[:start_line]) + start_col  # noqa: F841
        end_char_pos = sum(token_lengths[:end_line]) + end_col  # noqa: F841
        err_str += f"\nError {i + 1}:\n"
        err_str += "\nCorresponding Code:\n```lean4\n"
        error_code = ""
        for ii in range(-4, 0):
            if start_line + ii >= 0:
                error_code += f"{code_lines[start_line + ii]}\n"
        if start_line != end_line:
            error_code += code_lines[start_line][:start_col] + "<error>" + code_lines[start_line][start_col:] + "\n"
            if not error_thres:
                for j in range(start_line + 1, end_line):
                    error_code += f"{code_lines[j]}\n"
            else:
                show_line = 6
                for j in range(start_line + 1, min(end_line, start_line + show_line)):
                    error_code += f"{code_lines[j]}\n"
                if end_line > start_line + show_line:
                    leading_spaces = len(code_lines[j]) - len(code_lines[j].lstrip(' '))
                    error_code += "\n" + " " * leading_spaces + "... --[Truncated]-- ...\n"
            error_code += code_lines[end_line][:end_col] + "</error>" + code_lines[end_line][end_col:] + "\n"
        else:
            error_code += (code_lines[start_line][:start_col] + "<error>" + code_lines[start_line][start_col:end_col]
                           + "</error>" + code_lines[start_line][end_col:] + "\n")
        if end_line + 1 < len(code_lines):
            error_code += f"{code_lines[end_line + 1]}\n"
        err_str += error_code
        err_str += "\n```\n"
        err_str += f"\nError Message: {error['data']}\n"
    if len(errors) > error_num_thres:
        err_str += f"\n... [Omitted {len(errors) - error_num_thres} more errors] ...\n"
    return err_str


# ---- github.com/MoonshotAI/Kimina-Prover-Preview kimina_prover_demo/utils.py (verbatim; no info tree here)
def split_proof_header(proof):
    proof = proof.strip()
    header_lines = []
    toggle = False
    proof_lines = proof.split("\n")
    index = 0
    for line in proof_lines:
        if line.startswith("import"):
            if toggle is False:
                toggle = True
            header_lines.append(line)
            index += 1
        else:
            if toggle is True:
                toggle = False
                break
    context_lines = proof_lines[index:]
    return "\n".join(header_lines).strip(), "\n".join(context_lines)


def create_tool_message(formal_code, lean_feedback):
    error_messages = [m for m in lean_feedback["response"]["messages"] if m.get("severity") == "error"][:3]
    _, context = split_proof_header(formal_code)
    proof_lines = context.split("\n")
    formatted_output = ""
    for i, error in enumerate(error_messages, 1):
        pos = error.get("pos")
        error_msg = error.get("data", "Unknown error")
        formatted_output += f"# Error {i}:\n"
        output_dict = {"error_message": error_msg.strip(), "goals_state": None, "code snippet": None}
        if pos:
            line_num = pos.get("line", 1) - 1
            start_line = max(0, line_num - 2)
            end_line = min(len(proof_lines), line_num + 3)
            snippet = "```lean4\n"
            for ln in range(start_line, end_line):
                proof_line = proof_lines[ln].replace("count_heartbeats in", "")
                snippet += f"{ln+1:03d}{' >' if ln == line_num else '  '}| {proof_line}\n"
            output_dict["code snippet"] = snippet + "```"
        if output_dict["goals_state"]:
            formatted_output += f"Goals state before error position: \n{output_dict['goals_state']}\n\n"
        formatted_output += f"Error message: \n{output_dict['error_message']}\n\n"
        if output_dict["code snippet"]:
            formatted_output += f"Lean 4 code snippet with error:\n{output_dict['code snippet']}\n"
    return formatted_output


STATEMENT = Statement("import Foo\n\nopen Nat\n\n", "", "theorem t (a b : Nat) (h : a ≤ b) :\n    a < b + 1")
PROOF = "by\n  have h2 : a ≤ b := h\n  simp at h2\n  omega_nat\n  exact foo\n  done"


def msg(line, col, data, end=None):
    return LeanMessage(severity="error", data=data, pos=Position(line=line, column=col),
                       end_pos=Position(line=end[0], column=end[1]) if end else None)


VERDICT = Verdict(status="failed", reason="unknown tactic", messages=[
    msg(4, 2, "unknown tactic 'omega_nat'", (4, 11)),
    msg(1, 0, "unsolved goals\na b : Nat\nh : a ≤ b\n⊢ a < b + 1", (6, 6)),
    LeanMessage(severity="warning", data="unused variable", pos=Position(line=2, column=7)),
    msg(5, 8, "unknown identifier 'foo'"),
])


def as_published(code: str, verdict: Verdict, base: int, shift: int) -> list[dict]:
    """The verdict's errors as the REPL reports them: lines of the whole code, from 1."""
    def pos(p):
        return {"line": base + p.line, "column": p.column + (shift if p.line == 1 else 0)}
    return [{"pos": pos(m.pos), "endPos": pos(m.end_pos) if m.end_pos else None, "data": m.data}
            for m in verdict.messages if m.severity == "error"]


def test_positions_move_into_the_shown_code():
    code = shown_code(STATEMENT, PROOF)
    assert code.split("\n")[5] == "    a < b + 1 := by"
    spans = error_spans(STATEMENT, PROOF, VERDICT)
    assert [(s.line, s.column) for s in spans] == [(8, 2), (5, 17), (9, 8)]
    assert code.split("\n")[8][2:11] == "omega_nat" and code.split("\n")[5][17:19] == "by"


def test_goedel_errors_equal_get_error_str():
    code = shown_code(STATEMENT, PROOF)
    published = get_error_str(code, as_published(code, VERDICT, 5, len("    a < b + 1 := ")), True)
    ours = goedel_errors(code, error_spans(STATEMENT, PROOF, VERDICT))
    assert ours == published
    assert "  <error>omega_nat</error>\n" in ours and "Error Message: unknown identifier 'foo'" in ours


def test_goedel_keeps_at_most_eight_errors_and_cuts_long_spans():
    proof = "by\n" + "\n".join(f"  step{k}" for k in range(12))
    verdict = Verdict(status="failed", messages=[msg(k + 2, 2, f"error {k}") for k in range(10)]
                      + [msg(2, 0, "long", (13, 3))])
    code = shown_code(STATEMENT, proof)
    errors = as_published(code, verdict, 5, len("    a < b + 1 := "))
    ours = goedel_errors(code, error_spans(STATEMENT, proof, verdict))
    assert ours == get_error_str(code, errors, True)
    assert "[Omitted 3 more errors]" in ours and "Error 9:" not in ours
    long_first = Verdict(status="failed", messages=[msg(2, 0, "long", (13, 3))])
    text = goedel_errors(code, error_spans(STATEMENT, proof, long_first))
    assert text == get_error_str(code, as_published(code, long_first, 5, 0), True)
    assert "... --[Truncated]-- ..." in text


def test_kimina_errors_equal_create_tool_message():
    statement = Statement("open Nat\n\n", "", STATEMENT.statement)  # no imports: Kimina's line numbers are ours
    code = shown_code(statement, PROOF)
    only = Verdict(status="failed", messages=[VERDICT.messages[0], VERDICT.messages[3]])
    published = create_tool_message(code, {"response": {"messages": [
        {"severity": "error", **e} for e in as_published(code, only, 3, 0)]}})  # (no first-line errors: no shift)
    assert kimina_errors(code, error_spans(statement, PROOF, only)) == published
    assert "007 >|   omega_nat" in published


def test_kimina_shows_the_goals_of_unsolved_goals_and_numbers_lines_after_the_imports():
    text = feedback_text("kimina", STATEMENT, PROOF, VERDICT)
    assert text.count("# Error") == 3
    assert "Goals state before error position: \na b : Nat\nh : a ≤ b\n⊢ a < b + 1\n\n" in text
    assert "008 >|   omega_nat" in text  # counted from the line after `import Foo`


def test_a_verdict_without_positions_gives_its_reason():
    refused = Verdict(status="rejected", reason="line 2, column 3: `native_decide` is not allowed")
    assert feedback_text("goedel", STATEMENT, "by\n  native_decide", refused) == (
        "\nError 1:\n\nError Message: line 2, column 3: `native_decide` is not allowed\n")
    assert "Error message: \nthe proof is empty" in feedback_text(
        "kimina", STATEMENT, "", Verdict(status="rejected", reason="the proof is empty"))


GOAL = Goal(key="k", header=Header(), statement="theorem t (a b : Nat) : a + b = b + a", theorem_id="t")


def test_chat_corrections_continue_the_conversation_as_goedel_does():
    fmt = get_format("deepseek-v2")
    first = fmt.prompt(GOAL)
    prompt = correction_prompt(fmt, first, first, "```lean4\n...\n```", "\nError 1:\n...", "goedel", 1)
    assert prompt.messages[:1] == first.messages
    assert prompt.messages[1] == ("assistant", "```lean4\n...\n```")
    assert prompt.messages[2] == ("user", "The proof (Round 0) is not correct. Following is the compilation error "
                                  "message, where we use <error></error> to signal the position of the error.\n\n"
                                  "\nError 1:\n...\n\nBefore producing the Lean 4 code to formally prove the given "
                                  "theorem, provide a detailed analysis of the error message.")
    second = correction_prompt(fmt, first, prompt, "again", "E", "kimina", 2)
    assert second.messages[-2:] == (("assistant", "again"), ("user", "E")) and len(second.messages) == 5


def test_completion_corrections_comment_the_errors_then_repeat_the_prompt():
    fmt = get_format("deepseek-v1.5")
    first = fmt.prompt(GOAL)
    prompt = correction_prompt(fmt, first, first, "  simp", "\nError 1:\n\nError Message: boom\n", "goedel", 2)
    assert prompt == Prompt(text="-- The previous proof attempt (Round 1) resulted in compilation errors:\n"
                                 "-- Error 1:\n-- Error Message: boom\n-- Please provide a corrected version. Wrap the "
                                 "proof in ```lean4 and ```.\n\n" + first.text)
