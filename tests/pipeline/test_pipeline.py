"""The pipeline: the automation portfolio, the CLI a user runs, and whole runs with real Lean.

Fast tests cover what needs no Lean (portfolio order, CLI errors, the Proofs.lean layout).
Slow tests: one in-process run (a scripted prover drives every path: proofs at the root,
structural decomposition with `rename_i`, a sketch, shared goals, a false theorem, an invalid
statement) and one real CLI run (shared with tests/pipeline/test_resume.py).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import PIPELINE_SET, run_pipeline_cli
from etp.config import RunConfig
from etp.core import CheckRequest, Header
from etp.pipeline import Job, build_parser, check_order, open_run, open_verifier, proofs_file, rounds, write_outputs
from etp.provers import Budget, Candidate, Goal, Prover, UnknownProver, make_prover
from etp.provers.automation import PORTFOLIO, AutomationProver, TacticStats, rank
from etp.goals import goal_key, shape_features
from etp.theorems import TheoremSpec


def job(goal_key: str, header: Header, label: str, proof: str, purpose="candidate", allow_sorry=False) -> Job:
    return Job(goal_key, purpose, "automation", label,
               CheckRequest(header=header, statement=f"theorem {goal_key} : True", proof=proof, allow_sorry=allow_sorry))


def goal(statement: str, depth: int = 0) -> Goal:
    return Goal(key=goal_key(Header(), statement), header=Header(), statement=statement, theorem_id="t",
                depth=depth, features=shape_features(statement))


# ------------------------------------------------------------------ automation


def test_portfolio_static_order_and_goal_specific_scripts():
    prover = AutomationProver()
    assert isinstance(prover, Prover)
    g = goal("theorem t (b : Bool) (n m : Nat) (h : n = m ∨ m = 0) : n + 0 = n")
    proofs = [c.proof for c in prover.candidates_for(g)]
    finite = ("by\n  revert b\n  simp [Bool.forall_bool, Bool.exists_bool, Fin.forall_fin_succ, Fin.exists_fin_succ, "
              "Fin.forall_fin_zero, Fin.exists_fin_zero] at * <;> grind")
    assert proofs[:4] == [finite, "by\n  grind", "by\n  omega", "by\n  simp_all"]
    # `h` is a disjunction: nothing to instantiate
    assert not any("have :=" in p for p in proofs)
    inst = [c.proof for c in prover.candidates_for(goal("theorem t (f : Nat → Nat) (a b : Nat) (hf : ∀ x y, f x ≤ f y) : f a = f b"))
            if c.label == "instantiate_grind"]
    assert inst == ["by\n  " + "\n  ".join(
        [f"try have := {h} {t}" for h in ("hf", "hf.1", "hf.2") for t in ("f", "a", "b")]
        + [f"try have := {h} {t} {u}" for h in ("hf", "hf.1", "hf.2") for t in ("f", "a", "b") for u in ("f", "a", "b") if t != u]
        + ["grind"])]
    assert "by\n  decide" not in proofs  # the goal has free variables
    assert "by\n  decide" in [c.proof for c in prover.candidates_for(goal("theorem t : 2 + 2 = 4"))]
    assert "by\n  induction n <;> simp_all" in proofs and "by\n  induction m <;> simp_all" in proofs
    assert "by\n  cases b <;> decide" in proofs and "by\n  rcases h with h | h <;> grind" in proofs
    assert not any("constructor" in p or "intros" in p for p in proofs)  # the goal is no ∧ / ∀
    assert len(proofs) == len(set(proofs))
    assert all("norm_num" not in p and "linarith" not in p for p in proofs)  # Mathlib only
    split = [c.proof for c in prover.candidates_for(goal("theorem t (p q : Prop) (hp : p) (hq : q) : p ∧ q"))]
    assert "by\n  constructor <;> grind" in split


def test_past_successes_on_similar_goals_come_first():
    feats = shape_features("theorem t (x : Rat) (h : 0 ≤ x) : 0 ≤ x + x")
    stats = TacticStats({("simp_arith", f): (9, 10) for f in feats} | {("omega", f): (0, 10) for f in feats})
    order = [t.label for t in rank(PORTFOLIO, feats, stats)]
    assert order[0] == "simp_arith" and order.index("omega") > order.index("grind")
    # other shapes keep the static order
    other = shape_features("theorem t (p : Prop) (hp : p) : p ∧ p")
    assert [t.label for t in rank(PORTFOLIO, other, stats)][:3] == ["simp_defs_grind", "decide", "simp_defs_lemmas_grind"]
    assert TacticStats.from_json(stats.to_json()) == stats


def test_propose_respects_the_budget_per_goal():
    prover = make_prover("automation")
    g1, g2 = goal("theorem a (n : Nat) : n = n"), goal("theorem b (p : Prop) (hp : p) : p ∧ p")
    cands = prover.propose([g1, g2], Budget(per_goal={g1.key: 2, g2.key: 0}))
    assert [(c.goal_key, c.label) for c in cands] == [(g1.key, "grind"), (g1.key, "omega")]
    with pytest.raises(UnknownProver, match="unknown prover 'gpt'; known provers: automation"):
        make_prover("gpt")


def test_division_hints_multiply_strict_hypotheses_by_positive_ones():
    prover = AutomationProver()
    g = goal("theorem t (a b c : Rat) (hb : 0 < b) (hac : c < a) (n : Nat) (hn : 0 < n) : a / b > c / b")
    [script] = [c.proof for c in prover.candidates_for(g) if c.label == "division_hints_grind"]
    lines = script.splitlines()[1:]
    assert lines[:2] == ["  try have := Rat.inv_pos.mpr hb", "  try have := Rat.inv_pos.mpr hn"]
    assert "  try have := Rat.mul_lt_mul_of_pos_right hac (Rat.inv_pos.mpr hb)" in lines
    assert "  try have := Rat.mul_lt_mul_of_pos_right hac hb" in lines
    assert "  try have := Rat.mul_lt_mul_of_pos_right hb hb" not in lines  # not a hypothesis times itself
    assert lines[-2:] == ["  try simp only [Rat.div_def, Rat.inv_mul_rev] at *", "  grind"]
    # no positive hypothesis: nothing to multiply by
    assert not [c for c in prover.candidates_for(goal("theorem t (a c : Rat) (hac : c < a) : c ≤ a"))
                if c.label == "division_hints_grind"]


def test_check_order_puts_every_goals_best_candidates_first():
    """Ranks 0-2 of every goal (grouped by header, so one Lean process serves each) go
    before any goal's rank 3: a goal proved by its first candidate has at most two more
    checked in the same round, not its whole list."""
    h1, h2 = Header(imports=("A",)), Header(imports=("B",))
    goals = {"g1": h1, "g2": h2, "g3": h1}
    jobs = [job(g, h, f"c{r}", f"proof {r}") for g, h in goals.items() for r in range(5)]
    jobs.append(job("g2", h2, "statement", "by\n  sorry", purpose="statement", allow_sorry=True))
    order = [(j.goal_key, j.label) for j in check_order(jobs)]
    assert order == [
        ("g1", "c0"), ("g3", "c0"), ("g1", "c1"), ("g3", "c1"), ("g1", "c2"), ("g3", "c2"),  # header A
        ("g2", "c0"), ("g2", "statement"), ("g2", "c1"), ("g2", "c2"),  # header B
        ("g1", "c3"), ("g3", "c3"), ("g1", "c4"), ("g3", "c4"), ("g2", "c3"), ("g2", "c4"),  # the next ranks
    ]


def test_rounds_fill_lean_processes_one_header_each():
    """Each round is at most `workers` chunks, a chunk holds one header's jobs (one Lean
    process, at most batch_size checks, sizes equalized), every header's first chunk comes
    before any second one, and the checking order within a header is kept."""
    h1, h2, h3 = Header(imports=("A",)), Header(imports=("B",)), Header(imports=("C",))
    goals = {"a": h1, "b": h2, "c": h3}
    counts = {"a": 25, "b": 7, "c": 3}
    order = [job(g, h, f"c{r}", f"proof {r}") for g, h in goals.items() for r in range(counts[g])]
    cut = rounds(order, workers=2, batch_size=10)
    labels = [[(j.goal_key, j.label) for j in r] for r in cut]
    # A's 25 jobs: three chunks of 9, 9, 7 (not 10, 10, 5); B and C one chunk each
    assert [len(r) for r in cut] == [9 + 7, 3 + 9, 7]
    assert [g for g, _ in labels[0]] == ["a"] * 9 + ["b"] * 7
    assert [g for g, _ in labels[1]] == ["c"] * 3 + ["a"] * 9
    assert [l for r in labels for g, l in r if g == "a"] == [f"c{r}" for r in range(25)]
    assert sum(len(r) for r in cut) == len(order)


# ------------------------------------------------------------------------- CLI


def test_help_documents_every_option():
    text = build_parser().format_help()
    for opt in ("--provers", "--candidates", "--time-limit", "--workers", "--depth", "--runtime", "--out",
                "--resume", "--only", "--config", "--batch-size", "--check-timeout", "--heartbeats", "THEOREM_SET"):
        assert opt in text
    proc = run_pipeline_cli(["--help"], timeout=120)
    assert proc.returncode == 0 and "--time-limit" in proc.stdout


def test_cli_input_errors_exit_2_with_a_message(tmp_path, pipeline_set):
    missing = run_pipeline_cli([str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o1")], timeout=120)
    assert missing.returncode == 2 and "no such theorem set file" in missing.stderr
    assert "Traceback" not in missing.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(PIPELINE_SET[0]) + "\n" + json.dumps({"id": "x", "statment": "theorem x : True"}) + "\n")
    proc = run_pipeline_cli([str(bad), "--out", str(tmp_path / "o2")], timeout=120)
    assert proc.returncode == 2 and f"{bad}: line 2: unknown field 'statment'" in proc.stderr
    proc = run_pipeline_cli([str(pipeline_set), "--provers", "automation,oracle", "--out", str(tmp_path / "o3")], timeout=120)
    assert proc.returncode == 2 and "unknown prover 'oracle'" in proc.stderr
    proc = run_pipeline_cli([str(pipeline_set), "--only", "t1", "zz", "--out", str(tmp_path / "o4")], timeout=120)
    assert proc.returncode == 2 and "no theorem with id 'zz'" in proc.stderr
    proc = run_pipeline_cli([str(pipeline_set), "--heartbeats", "0", "--out", str(tmp_path / "o5")], timeout=120)
    assert proc.returncode == 2 and "--heartbeats: checking.heartbeats: Input should be greater than or equal to 1" in proc.stderr
    proc = run_pipeline_cli([str(pipeline_set), "--seed", "3", "--out", str(tmp_path / "o6")], timeout=120)
    assert proc.returncode == 2 and "unrecognized arguments: --seed" in proc.stderr  # no prover uses randomness


def test_cli_without_a_lean_runtime_says_so(tmp_path, pipeline_set):
    env = {**os.environ, "PATH": str(tmp_path)}  # no `lean` on PATH
    proc = subprocess.run([sys.executable, "-m", "etp.pipeline", str(pipeline_set), "--runtime", "native",
                           "--out", str(tmp_path / "o")], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2
    assert "no Lean runtime" in proc.stderr and "not on PATH" in proc.stderr and "Traceback" not in proc.stderr


def test_proofs_file_puts_all_imports_on_top_and_scopes_each_theorem():
    specs = {
        "a": TheoremSpec(id="a", imports=["EconLean.A"], open=["EconLean"], statement="theorem same : True"),
        "b": TheoremSpec(id="b", imports=["EconLean.B", "EconLean.A"], statement="theorem same : 1 = 1"),
        "c": TheoremSpec(id="c", statement="lemma other : True", informal="trivial\nreally"),
        "d": TheoremSpec(id="d", statement="theorem nope : False"),
    }
    rows = [{"id": k, "status": "proved" if k != "d" else "failed", "proof": "by\n  trivial"} for k in specs]
    text = proofs_file(rows, specs, heartbeats=400_000)
    lines = text.splitlines()
    assert lines[:2] == ["import EconLean.A", "import EconLean.B"]
    assert not any(l.startswith("import") for l in lines[2:])
    assert "namespace etp_a\nopen EconLean\nset_option maxHeartbeats 400000 in\ntheorem same : True\n:= (\nby\n  trivial\n)\nend etp_a" in text
    assert "namespace etp_b\nset_option" in text
    assert "-- c: trivial really\nsection\nset_option maxHeartbeats 400000 in\ntheorem other : True\n:= (" in text
    assert "set_option autoImplicit false" in text  # the project's option, as in the final check
    assert "nope" not in text


# ------------------------------------------------------------- real Lean runs


class ScriptedProver:
    """Candidates from a table: per theorem id for roots, a default list for subgoals."""

    name = "scripted"

    def __init__(self, roots: dict[str, list[tuple[str, str]]], subgoals: list[str]):
        self.roots, self.subgoals = roots, subgoals
        self.calls: list[list[str]] = []

    def propose(self, goals: list[Goal], budget: Budget) -> list[Candidate]:
        self.calls.append([g.statement for g in goals])
        out = []
        for g in goals:
            items = self.roots.get(g.theorem_id, []) if g.depth == 0 else [("proof", p) for p in self.subgoals]
            for kind, text in items[: budget.left(g)]:
                out.append(Candidate(goal_key=g.key, proof=text, prover=self.name, label=kind, kind=kind))
        return out


SKETCH = "by\n  have hab : a ≤ c := by sorry\n  have hc : c ≤ c + 1 := sorry\n  exact Nat.le_trans hab hc"
INPROCESS_SET = [
    TheoremSpec(id="direct", statement="theorem direct (a b : Nat) (h : a < b) : a + 1 ≤ b"),
    TheoremSpec(id="split", statement="theorem split (p q : Prop) (hp : p) (hq : q) : p ∧ q"),
    TheoremSpec(id="split_again", statement="theorem split_again (p q : Prop) (hp : p) (hq : q) : p ∧ q"),
    TheoremSpec(id="induct", statement="theorem induct (n : Nat) : 0 + n = n"),
    TheoremSpec(id="sketched", statement="theorem sketched (a b c : Nat) (h1 : a ≤ b) (h2 : b ≤ c) : a ≤ c + 1"),
    TheoremSpec(id="false_succ", statement="theorem false_succ (n : Nat) : n + 1 = n"),
    TheoremSpec(id="ill_typed", statement="theorem ill_typed (n : Nat) : n = (true : Bool)"),
    TheoremSpec(id="unparsable", statement="theorem unparsable (n : Nat) n = n"),
]


@pytest.fixture(scope="module")
def inprocess_run(verifier, tmp_path_factory):
    out = tmp_path_factory.mktemp("inprocess")
    prover = ScriptedProver(
        roots={"direct": [("proof", "by\n  omega")], "split": [("proof", "by\n  omega")],
               "induct": [("proof", "by\n  rfl")], "sketched": [("sketch", SKETCH), ("proof", "by\n  rfl")],
               "false_succ": [("proof", "by\n  omega")], "ill_typed": [("proof", "by\n  rfl")]},
        subgoals=["by\n  assumption", "by\n  omega"],
    )
    lines: list[str] = []
    config = RunConfig().with_overrides({"budget.candidates": 12, "budget.depth": 1})
    with open_run(config, INPROCESS_SET, out, set_path="inprocess", verifier=verifier, provers=[prover],
                  log=lines.append) as run:
        summary = run.execute()
        written = write_outputs(out, summary, run.pipeline, "inprocess", verifier.runtime.key)
        yield run.pipeline, summary, run.store, prover, out, lines, written


@pytest.mark.slow
def test_inprocess_run_proves_decomposes_and_assembles(inprocess_run):
    pipeline, summary, store, prover, out, lines, _ = inprocess_run
    rows = {r["id"]: r for r in summary.rows}
    assert {k: r["status"] for k, r in rows.items()} == {
        "direct": "proved", "split": "proved", "split_again": "proved", "induct": "proved", "sketched": "proved",
        "false_succ": "failed", "ill_typed": "invalid_statement", "unparsable": "invalid_statement",
    }
    assert (rows["direct"]["prover"], rows["direct"]["proof"]) == ("scripted", "by\n  omega")
    assert rows["split"]["prover"] == "decomposition" and rows["split"]["tactic"] == "constructor"
    assert rows["split"]["proof"] == "by\n  constructor\n  · assumption\n  · assumption"
    assert rows["split_again"]["proof"] == rows["split"]["proof"]  # the same goal, proved once
    assert rows["split_again"]["checks"] == 0
    assert rows["induct"]["proof"] == "by\n  induction n\n  · omega\n  · rename_i n_1 a_1\n    omega"
    assert rows["sketched"]["tactic"] == "sketch" and "sorry" not in rows["sketched"]["proof"]
    assert len(rows["sketched"]["leaves"]) == 2
    assert "statement" in rows["ill_typed"]["reason"]
    # three waves: theorems; subgoals; assemblies (their check is the final re-check)
    assert summary.waves == 3
    assembly = [r for r in store.attempts(summary.run_id) if r.purpose == "assembly"]
    assert sorted(r.status for r in assembly) == ["proved"] * 3
    # a goal's own candidates stop once it is proved; never a goal proposed twice
    proposed = [s for call in prover.calls for s in call]
    assert len(proposed) == len(set(proposed))
    assert store.duplicate_checks(summary.run_id) == []
    assert any(re.search(r"wave 2 .*theorems \d/8 done, \d proved .*checks/s .*elapsed .*left", l) for l in lines)


@pytest.mark.slow
def test_inprocess_run_store_and_outputs(inprocess_run):
    pipeline, summary, store, prover, out, lines, written = inprocess_run
    rows = store.attempts(summary.run_id)
    # every check of the waves, and the final check of each proved theorem
    assert len(rows) == summary.checks + summary.final_checked
    final = [r for r in rows if r.purpose == "final"]
    assert len(final) == summary.final_checked == 5 and all(r.verdict.proved for r in final)
    purposes = {r.purpose for r in rows}
    assert purposes == {"statement", "structure", "candidate", "sketch", "assembly", "final"}
    theorems = {r.theorem_id: r.status for r in store.theorems(summary.run_id)}
    assert theorems["induct"] == "proved" and theorems["ill_typed"] == "invalid_statement"
    goals = store.goals(summary.run_id)
    assert {g.depth for g in goals} == {0, 1}
    timings = store.stage_timings(summary.run_id)
    assert set(timings) >= {"checking", "decomposition", "assembly", "generation"}
    assert timings["assembly"][1] == 3
    names = {p.name for p in written}
    assert {"results.jsonl", "Proofs.lean", "report.md", "dag.json", "dag.graphml"} <= names
    results = [json.loads(l) for l in (out / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in results] == [s.id for s in INPROCESS_SET]
    report = (out / "report.md").read_text()
    assert "| `induct` | proved | decomposition | `induction n` |" in report and "## Where the time went" in report
    dag = json.loads((out / "dag.json").read_text())
    assert len(dag["decompositions"]) >= 4


@pytest.mark.slow
def test_proofs_file_checks_with_lean(inprocess_run):
    """`python -m etp.lean check Proofs.lean`: every proved theorem, one file, one Lean run."""
    *_, out, _, _ = inprocess_run
    text = (out / "Proofs.lean").read_text()
    assert text.count(":= (") == 5
    proc = subprocess.run([sys.executable, "-m", "etp.lean", "check", str(out / "Proofs.lean")],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "error" not in proc.stdout


@pytest.mark.slow
def test_cli_run(cli_run):
    proc, out, seconds = cli_run
    assert proc.returncode == 0, proc.stderr[-3000:]
    table = proc.stdout
    assert re.search(r"^t1\s+proved\s+automation:(grind|omega)", table, re.M)
    assert re.search(r"^false_succ\s+failed", table, re.M)
    assert re.search(r"^bad_syntax\s+invalid_statement", table, re.M)
    assert "proved 3/5" in table
    assert re.search(r"etp: wave 1 \[\d+/\d+\] \| theorems \d/5 done", proc.stderr)
    results = {json.loads(l)["id"]: json.loads(l) for l in (out / "results.jsonl").read_text().splitlines()}
    assert {k: r["status"] for k, r in results.items()} == {
        "t1": "proved", "t2": "proved", "t3": "proved", "false_succ": "failed", "bad_syntax": "invalid_statement"}
    assert all(results[k]["attempts"] <= 8 for k in results)  # --candidates 8
    for name in ("Proofs.lean", "report.md", "dag.json", "dag.graphml", "results.sqlite"):
        assert (out / name).exists(), name
    print(f"CLI run on {len(PIPELINE_SET)} theorems: {seconds:.1f} s")


# The kernel unrolls `Nat.repeat` a hundred million times: no heartbeat limit stops it, only
# the verifier's wall-clock limit.
LOOPING = "by\n  have : Nat.repeat (fun x => x + 1) 100000000 0 = 100000000 := by decide +kernel\n  rfl"


@pytest.mark.slow
def test_a_goal_whose_candidates_keep_timing_out_is_dropped_for_the_wave(runtime, tmp_path):
    """Two candidates run out of time (or crash Lean): the goal's later candidates are not
    checked in that wave, even ones that would prove it (each costs a Lean restart)."""
    spec = TheoremSpec(id="slow", statement="theorem slow : 2 + 2 = 4")
    prover = ScriptedProver(roots={"slow": [("proof", LOOPING), ("proof", LOOPING.replace("rfl", "decide")),
                                            ("proof", "by\n  omega"), ("proof", "by\n  decide")]}, subgoals=[])
    # one check per round, so the strikes of one round decide the next
    config = RunConfig().with_overrides({"budget.candidates": 4, "budget.depth": 0, "checking.workers": 1,
                                         "checking.batch_size": 1, "checking.check_timeout": 5})
    verifier = open_verifier(config, runtime=runtime, lean_path=[])
    with open_run(config, [spec], tmp_path, verifier=verifier, provers=[prover], log=lambda m: None) as run:
        summary = run.execute()
        attempts = [(a.label, a.status) for a in run.store.attempts(summary.run_id) if a.purpose == "candidate"]
    # (the kernel may also exhaust the wasm stack first: a crash counts the same)
    assert len(attempts) == 2 and all(status in ("timeout", "error") for _, status in attempts), attempts
    assert summary.rows[0]["status"] == "failed"
