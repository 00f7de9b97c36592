"""What a run reports: a row per theorem (saved to the store as the run goes), and at the end
results.jsonl, Proofs.lean, report.md, config.toml and the goal DAG in the output folder."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from etp.config import RunConfig, to_toml
from etp.dag import GoalDAG
from etp.lean.screen import normalize
from etp.lean.batch import PROJECT_OPTIONS
from etp.store import STAGES, GoalRow, Store, TheoremRow, TheoremStatus
from etp.theorems import TheoremSpec

from etp.pipeline.model_report import model_section
from etp.pipeline.schedule import TheoremState

if TYPE_CHECKING:
    from etp.pipeline.waves import Pipeline


@dataclass
class RunSummary:
    run_id: int
    rows: list[dict]
    waves: int
    checks: int
    replayed: int
    seconds: float
    stage_seconds: dict[str, tuple[float, int]]
    lean_processes: int
    final_checked: int = 0  # proofs re-checked by the final check
    final_refused: int = 0
    resumed: int = 0  # times the run was resumed (each time with its stored configuration)


def fmt_time(seconds: float | None) -> str:
    if seconds is None or not math.isfinite(seconds):
        return "?"
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


# ------------------------------------------------------------------ rows


def theorem_status(tid: str, theorems: dict[str, TheoremState], dag: GoalDAG,
                   final_failures: dict[str, str]) -> TheoremStatus:
    """A theorem's outcome, from its root goal and the final check."""
    if theorems[tid].invalid:
        return "invalid_statement"
    node = dag.goals.get(dag.roots.get(tid, ""))
    if node is None:
        return "invalid_statement"
    if tid in final_failures:
        return "failed"
    return {"proved": "proved", "invalid": "invalid_statement", "failed": "failed"}.get(node.status, "open")


def result_rows(specs: list[TheoremSpec], theorems: dict[str, TheoremState], dag: GoalDAG,
                final_failures: dict[str, str]) -> list[dict]:
    """One row per theorem, as results.jsonl holds it."""
    rows = []
    for spec in specs:
        state = theorems[spec.id]
        status = theorem_status(spec.id, theorems, dag, final_failures)
        node = dag.goals.get(dag.roots.get(spec.id, ""))
        row = {
            "id": spec.id, "status": status, "statement": spec.statement, "proof": None,
            "prover": "", "tactic": "", "attempts": state.candidates, "checks": state.checks,
            "seconds": round(state.seconds, 3),
            "reason": state.invalid or final_failures.get(spec.id) or (node.reason if node else ""),
            "imports": list(spec.imports), "open": list(spec.open), "leaves": [],
        }
        if node is not None and status == "proved":
            prover, _, tactic = node.proved_by.partition(":")
            row.update(proof=node.proof, prover=prover, tactic=tactic, reason="")
            row["leaves"] = [{"statement": leaf.statement, "proved_by": leaf.proved_by} for leaf in dag.leaves(node.key)]
        rows.append(row)
    return rows


def save_state(store: Store, run_id: int, dag: GoalDAG, rows: list[dict]) -> None:
    """The DAG's goals and the theorems' rows (open ones as "running"), into the store."""
    parents: dict[str, list[str]] = defaultdict(list)
    for dec in dag.decomps.values():
        for child in dec.children:
            parents[child].append(dec.parent)
    store.save_goals(run_id, [
        GoalRow(goal_key=g.key, theorem_id=g.theorem_id, statement=g.statement, depth=g.depth, status=g.status,
                proof=g.proof, proved_by=g.proved_by, parents=tuple(parents.get(g.key, [])), reason=g.reason)
        for g in dag.goals.values()
    ])
    store.save_theorems(run_id, [
        TheoremRow(theorem_id=row["id"], statement=row["statement"],
                   status="running" if row["status"] == "open" else row["status"], proof=row["proof"],
                   prover=row["prover"], tactic=row["tactic"], attempts=row["attempts"], checks=row["checks"],
                   seconds=row["seconds"], reason=row["reason"])
        for row in rows
    ])


# --------------------------------------------------------------- outputs


def proofs_file(rows: list[dict], specs: dict[str, TheoremSpec], heartbeats: int) -> str:
    """One Lean file with every proved theorem: all imports at the top, each theorem in its
    own section with its `open`s (a namespace when two theorems share a name)."""
    proved = [r for r in rows if r["status"] == "proved"]
    imports: list[str] = []
    for r in proved:
        for m in specs[r["id"]].imports:
            if m not in imports:
                imports.append(m)
    names: dict[str, int] = defaultdict(int)
    for r in proved:
        names[specs[r["id"]].name] += 1
    lines = [f"import {m}" for m in imports]
    lines += ["", "/-!", "# Proofs found by `python -m etp.pipeline`", "",
              "Each proof is the text Lean checked, after `:=` (in parentheses, as the verifier placed it),",
              "and passed the run's final check with its own theorem set's imports and opens.", "-/", "",
              *PROJECT_OPTIONS, ""]
    for r in proved:
        spec = specs[r["id"]]
        clash = names[spec.name] > 1
        scope = "etp_" + "".join(c if c.isalnum() else "_" for c in spec.id)
        lines.append(f"-- {spec.id}" + (f": {' '.join(spec.informal.split())}" if spec.informal else ""))
        lines.append(f"namespace {scope}" if clash else "section")
        if spec.open:
            lines.append("open " + " ".join(spec.open))
        lines.append(f"set_option maxHeartbeats {heartbeats} in")
        lines.extend(normalize(spec.lean_statement).split("\n"))
        lines.append(":= (")  # own line: a statement may end in a comment
        lines.extend(r["proof"].split("\n"))
        lines.append(")")
        lines.append(f"end {scope}" if clash else "end")
        lines.append("")
    return "\n".join(lines)


def report_markdown(summary: RunSummary, set_path: str, config: RunConfig, runtime: str, provers: list[str],
                    sections: list[str] = ()) -> str:
    """report.md: the run's figures, a row per theorem, where the time went, further `sections`
    (lines: the model provers'), the configuration."""
    rows = summary.rows
    proved = sum(r["status"] == "proved" for r in rows)
    budget = config.budget
    resumed = f" (resumed {summary.resumed} time(s), each with this configuration)" if summary.resumed else ""
    out = [
        f"# etp run {summary.run_id}: `{set_path}`", "",
        f"- runtime: {runtime}",
        f"- provers: {', '.join(provers)}; budget per theorem: {budget.candidates} candidates, "
        f"{budget.time_limit:g} s of Lean time; decomposition depth {budget.depth}",
        f"- proved **{proved}/{len(rows)}** in {summary.seconds:.1f} s: {summary.waves} wave(s), "
        f"{summary.checks} check(s) run, {summary.replayed} replayed from the store, "
        f"{summary.lean_processes} Lean process(es)",
        f"- final check: {summary.final_checked} proof(s) checked again as named theorems with their exact "
        f"statements and own imports, in pristine Lean runs; {summary.final_refused} refused "
        "(a theorem counts as proved only after this check)", "",
        "## Theorems", "",
        "| theorem | status | prover | tactic | candidates | checks | Lean s | note |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        note = r["reason"].splitlines()[0][:80] if r["reason"] else ""
        if r["status"] == "proved" and len(r["leaves"]) > 1:
            note = f"{len(r['leaves'])} subgoals"
        out.append(f"| `{r['id']}` | {r['status']} | {r['prover']} | `{r['tactic']}` | {r['attempts']} | "
                   f"{r['checks']} | {r['seconds']:.1f} | {note.replace('|', '/')} |")
    out += _time_table(summary)
    out += list(sections)
    out += ["## Configuration", "", f"As stored with the run{resumed}; also in config.toml "
            "(`--config` reads it back).", "", "```toml", to_toml(config, comments=False).rstrip(), "```", ""]
    return "\n".join(out)


def _time_table(summary: RunSummary) -> list[str]:
    out = ["", "## Where the time went", "", "| stage | seconds | share | checks |", "| --- | ---: | ---: | ---: |"]
    total = sum(s for s, _ in summary.stage_seconds.values()) or 1.0
    for stage in STAGES:
        secs, n = summary.stage_seconds.get(stage, (0.0, 0))
        out.append(f"| {stage} | {secs:.1f} | {100 * secs / total:.0f}% | {n} |")
    out += ["", "Checking is the provers' candidates; decomposition is structural probes, sketches and "
            "subgoal statement checks; assembly is re-checking assembled proofs. Wall time of each batched "
            "Lean call is shared out by each check's part of the Lean time.", ""]
    return out


def summary_table(rows: list[dict]) -> str:
    width = max([7] + [len(r["id"]) for r in rows])
    lines = [f"{'theorem':<{width}}  {'status':<17}  {'prover:tactic':<32}  {'checks':>6}  {'Lean s':>7}"]
    for r in rows:
        how = f"{r['prover']}:{r['tactic']}" if r["prover"] else ""
        lines.append(f"{r['id']:<{width}}  {r['status']:<17}  {how[:32]:<32}  {r['checks']:>6}  {r['seconds']:>7.1f}")
    return "\n".join(lines)


def write_outputs(out: Path, summary: RunSummary, pipeline: "Pipeline", set_path: str, runtime: str) -> list[Path]:
    """Every output file of the run; the list of those written."""
    out.mkdir(parents=True, exist_ok=True)
    specs = {s.id: s for s in pipeline.specs}
    with open(out / "results.jsonl", "w", encoding="utf-8") as f:
        for row in summary.rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    (out / "Proofs.lean").write_text(proofs_file(summary.rows, specs, pipeline.verifier.heartbeats), encoding="utf-8")
    provers = [p.name for p in pipeline.provers]
    models = model_section(pipeline.store.attempts(pipeline.run_id), summary.rows, specs)
    (out / "report.md").write_text(report_markdown(summary, set_path, pipeline.config, runtime, provers, models),
                                   encoding="utf-8")
    (out / "config.toml").write_text(to_toml(pipeline.config), encoding="utf-8")
    pipeline.dag.write_json(out / "dag.json")
    pipeline.dag.write_graphml(out / "dag.graphml")
    written = [out / n for n in ("results.jsonl", "Proofs.lean", "report.md", "config.toml", "dag.json", "dag.graphml")]
    try:
        pipeline.dag.draw_png(out / "dag.png")
        written.append(out / "dag.png")
    except ImportError:
        pass
    return written
