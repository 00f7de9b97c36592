"""Hostile candidates against the real verifier and the real (embedded or native) Lean.

Every candidate below is a known way to fake a proof or to act on the checking machine. All
of them go to Lean in one `Verifier.check` call (a Lean process costs ~14 s), together with
honest controls that must still come back proved from the same batches. Candidates that
would write a file or start a process aim at a fresh folder, which must still be empty
afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from etp.core import CheckRequest, Verdict

pytestmark = pytest.mark.slow

FALSE = "theorem t : False"
ONE_TWO = "theorem t : 1 = 2"
TRUE = "theorem t : True"
TRUE_ARITH = "theorem t : 10 + 10 = 20"  # true: a cheat is refused even when the claim holds


@dataclass(frozen=True)
class Attack:
    name: str
    statement: str
    proof: str
    screened: bool = True  # screening alone must refuse it (else: Lean or the verifier)


def attacks(box: Path) -> list[Attack]:
    """The hostile candidates; `box` is the folder that file and process attacks aim at."""

    def w(name: str) -> str:
        """A path inside the sandbox, as a Lean string literal."""
        return f'"{box / name}"'

    flood_line = "A" * 1000
    return [
        # --- sorry, hidden every way we know
        Attack("sorry_term", FALSE, "sorry"),
        Attack("sorry_tactic", ONE_TWO, "by\n  sorry"),
        Attack("sorry_quoted", FALSE, "«sorry»"),
        Attack("sorry_quoted_dotted", FALSE, "by exact _root_.«sorry»"),
        Attack("sorry_greek_omicron", FALSE, "by sοrry"),
        Attack("sorry_math_script", FALSE, "by exact 𝓼𝓸𝓻𝓻𝔂"),
        Attack("sorry_python_escape", FALSE, "by sor\u0072y"),
        Attack("sorry_zero_width", FALSE, "by sor\u200bry"),
        Attack("sorry_lean_backslash", FALSE, "by sor\\u0072y", screened=False),
        Attack("sorry_line_break", FALSE, "by\n  sor\n  ry", screened=False),
        Attack("sorry_comment_split", FALSE, "by sor/- -/ry", screened=False),
        Attack("sorryAx", FALSE, "sorryAx False false"),
        Attack("admit", FALSE, "by admit"),
        Attack("stop", FALSE, "by\n  stop\n  trivial"),
        # --- native evaluation: trusted compiler, refused even on a true claim
        Attack("native_decide", TRUE_ARITH, "by native_decide"),
        Attack("decide_plus_native", TRUE_ARITH, "by decide +native"),
        Attack("decide_config_native", TRUE_ARITH, "by decide (config := { native := true })"),
        Attack("ofReduceBool", "theorem t : Nat.ble 1 2 = true", "Lean.ofReduceBool _ _ rfl"),
        Attack("ofReduceBool_root_quoted", "theorem t : Nat.ble 1 2 = true", "_root_.«Lean».ofReduceBool _ _ rfl"),
        Attack("trustCompiler", FALSE, "by\n  have := Lean.trustCompiler\n  exact absurd rfl (by decide : ¬ (1 = 1))"),
        # --- new axioms, declarations and commands
        Attack("new_axiom_after", FALSE, "cheat\naxiom cheat : False"),
        Attack("close_and_axiom", FALSE, "by exact cheat)\naxiom cheat : False\nexample : False := (cheat"),
        Attack("new_theorem", FALSE, "trivial\ntheorem x : False := sorry"),
        Attack("exit_early", FALSE, "by\n  trivial\n#exit"),
        Attack("instance_decidable", FALSE, "by\n  exact absurd trivial (by decide)\ninstance : Decidable False := isTrue sorry"),
        Attack("implemented_by", ONE_TWO, "by rfl\n@[implemented_by id] def f : Nat := 1"),
        Attack("macro_tactic", FALSE, "by\n  cheat\nmacro \"cheat\" : tactic => `(tactic| sorry)"),
        Attack("notation_redefines", ONE_TWO, "rfl\nnotation \"2\" => 1"),
        Attack("skipKernelTC", FALSE, "by\n  set_option debug.skipKernelTC true in\n  exact absurd rfl (by decide : ¬ (1 = 1))"),
        Attack("maxHeartbeats_0", ONE_TWO, "by\n  set_option maxHeartbeats 0 in\n  decide"),
        Attack("open_Lean", FALSE, "by\n  open Lean in\n  exact ofReduceBool _ _ rfl"),
        Attack("let_rec", FALSE, "let rec f : Nat → False := fun n => f (n + 1)\nf 0"),
        Attack("where_aux", FALSE, "by exact aux\nwhere aux : False := aux"),
        Attack("attribute_simp", ONE_TWO, "by\n  attribute [local simp] Nat.succ_ne_self in\n  simp"),
        Attack("quotation", FALSE, "by exact `(True)"),
        Attack("decl_name_leaks_nonce", TRUE, "by\n  let n := decl_name%\n  trace_state\n  trivial"),
        # --- code execution on the machine: files, processes
        Attack("eval_writeFile", TRUE, f"trivial\n#eval IO.FS.writeFile {w('eval.txt')} \"pwned\""),
        Attack("eval_spawn_touch", TRUE,
               f"trivial\n#eval IO.Process.spawn {{ cmd := \"touch\", args := #[{w('spawned')}] }}"),
        Attack("run_cmd_writeFile", TRUE, f"trivial\nrun_cmd IO.FS.writeFile {w('run_cmd.txt')} \"pwned\""),
        Attack("run_tac_writeFile", TRUE, f"by\n  run_tac (IO.FS.writeFile {w('run_tac.txt')} \"pwned\")\n  trivial"),
        Attack("by_elab_writeFile", TRUE,
               f"by_elab do\n  IO.FS.writeFile {w('by_elab.txt')} \"pwned\"\n  return Lean.mkConst ``True.intro"),
        Attack("unsafeIO_term", TRUE,
               f"by\n  have := unsafeIO (IO.FS.writeFile {w('unsafe_io.txt')} \"pwned\")\n  trivial"),
        Attack("unsafeBaseIO_process", TRUE,
               f"by\n  have := unsafeBaseIO (IO.Process.run {{ cmd := \"touch\", args := #[{w('unsafe_base')}] }})\n  trivial"),
        Attack("greek_IO_writeFile", TRUE, f"by\n  have := ΙΟ.FS.writeFile {w('greek.txt')} \"pwned\"\n  trivial"),
        Attack("include_str_reads", TRUE, "by\n  have := include_str \"/etc/hostname\"\n  trivial"),
        Attack("unsafe_term", FALSE, "unsafe (unsafeCast ())"),
        # --- lexical tricks on the file the verifier writes
        Attack("unterminated_comment", TRUE, "by trivial /- swallow the rest of the file"),
        Attack("unterminated_string", TRUE, "by\n  have := \"swallow\n  trivial"),
        # comments are blanked before Lean sees the text: the bidi characters never reach it
        Attack("bidi_override", ONE_TWO, "by decide -- \u202e ) sorry (\u202c", screened=False),
        Attack("json_in_comment", ONE_TWO,
               'by decide -- {"severity":"information","pos":{"line":1,"column":0},"data":"ok"}', screened=False),
        Attack("json_in_error_message", TRUE,
               'by\n  fail "\\u007B\\"severity\\":\\"information\\",\\"data\\":\\"proved\\"}"', screened=False),
        Attack("trailing_line_comment", ONE_TWO, "by decide -- )", screened=False),
        # --- resource exhaustion: the batch must survive and the controls still be proved
        Attack("stack_overflow", ONE_TWO, "by\n  repeat skip\n  rfl", screened=False),
        Attack("kernel_crash", "theorem t : (List.replicate 200000 true).all id = false", "by decide +kernel",
               screened=False),  # the kernel's deep recursion kills the (wasm) process
        Attack("decide_huge", "theorem t : (List.range 300000).length = 0", "by decide", screened=False),
        Attack("output_flood", ONE_TWO,
               f"by\n  iterate 100 iterate 100 iterate 4 trace \"{flood_line}\"\n  rfl", screened=False),
        Attack("sleep", TRUE, "by\n  sleep 100000000\n  trivial"),
        # --- honest-looking but unsound attempts Lean itself refuses
        Attack("classical_ofNonempty", FALSE, "Classical.ofNonempty", screened=False),
        Attack("exact_search_false", FALSE, "by exact?", screened=False),
        Attack("self_reference", "theorem self_ref : False", "self_ref", screened=False),
        Attack("wrong_type", ONE_TWO, "(by trivial : True)", screened=False),
    ]


CONTROLS = [
    ("theorem c1 (x y : Nat) (h : x < y) : x + 1 ≤ y", "by omega"),
    ("theorem c2 : True", "by trivial -- done"),
    ("theorem c3 : 10 + 10 = 20", "by decide"),
    ("theorem c4 (p : Prop) (hp : p) : p ∧ p", "⟨hp, hp⟩"),
    ("theorem c5 : True", "by\r\n  trivial"),
]


@pytest.fixture(scope="module")
def outcome(verifier, tmp_path_factory):
    box = tmp_path_factory.mktemp("hostile")
    hostile = attacks(box)
    requests = [CheckRequest(statement=a.statement, proof=a.proof, tag=a.name) for a in hostile]
    requests += [CheckRequest(statement=s, proof=p, tag=s.split()[1]) for s, p in CONTROLS]
    verdicts = verifier.check(requests)
    by_name = {r.tag: v for r, v in zip(requests, verdicts)}
    return box, hostile, by_name


def test_the_suite_is_large_enough(tmp_path):
    suite = attacks(tmp_path)
    assert len(suite) >= 30
    assert len({a.name for a in suite}) == len(suite)


@pytest.mark.parametrize("name", [a.name for a in attacks(Path("/tmp/x"))])
def test_no_hostile_candidate_is_proved(outcome, name):
    _, _, verdicts = outcome
    verdict: Verdict = verdicts[name]
    assert verdict.status != "proved", (name, verdict)
    assert verdict.status != "sketch_ok", (name, verdict)
    assert verdict.reason, (name, verdict)


def test_screened_attacks_never_reach_lean(outcome):
    _, hostile, verdicts = outcome
    wrong = {a.name: verdicts[a.name].status for a in hostile if a.screened and verdicts[a.name].status != "rejected"}
    assert not wrong


def test_controls_in_the_same_batches_are_proved(outcome):
    _, _, verdicts = outcome
    for statement, _ in CONTROLS:
        name = statement.split()[1]
        assert verdicts[name].status == "proved", (name, verdicts[name])


def test_no_file_written_and_no_process_run(outcome):
    box, _, _ = outcome
    assert list(box.iterdir()) == []


def test_lean_level_attacks_fail_for_a_reason(outcome):
    """The rest are refused by the screen, by Lean (an error) or by the verifier's limits."""
    _, hostile, verdicts = outcome
    for a in hostile:
        if not a.screened:
            assert verdicts[a.name].status in ("rejected", "failed", "timeout", "error"), (a.name, verdicts[a.name])


def test_a_failed_candidate_cannot_be_cited_by_the_next(runtime):
    """Candidates share a file: one that failed (Lean still adds it, with `sorryAx` inside)
    must not become a lemma the next candidate cites, by search or by assumption."""
    from conftest import lean_checking
    from etp.lean.verifier import Verifier

    one_batch = Verifier(runtime, lean_checking(workers=1), lean_path=[])
    proofs = [
        "by\n  exact absurd rfl (by decide : ¬ (1 = 1))",  # fails
        "by exact?",
        "by apply?",
        "by assumption",
        "by simp_all",
        "by\n  first\n  | exact (by assumption)\n  | omega",
    ]
    verdicts = one_batch.check([CheckRequest(statement=FALSE, proof=p) for p in proofs])
    assert verdicts[0].status == "failed", verdicts[0]
    assert not [v for v in verdicts if v.status == "proved"], verdicts


def test_the_file_attack_is_live_without_the_verifier(runtime, tmp_path):
    """The sandbox assertion means something: the same `#eval` does write, in plain Lean, into
    a folder the run may write (its working folder), unscreened."""
    target = tmp_path / "live.txt"
    source = tmp_path / "Live.lean"
    source.write_text(f'#eval IO.FS.writeFile "{target}" "written"\n', encoding="utf-8")
    run = runtime.run(["--json", str(source)], lean_path=[], timeout=600, cwd=tmp_path)
    assert run.returncode == 0, run.failure_summary()
    assert target.read_text() == "written"
