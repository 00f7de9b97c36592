"""What a wave's verdicts do to the goal DAG: proofs mark goals proved, accepted sketches and
structural probes that leave unsolved goals become decompositions, statements that do not
elaborate mark their goals invalid, assembled proofs settle their decompositions."""

from __future__ import annotations

from etp.dag import GoalDAG, parse_sketch, sketch_plan, structural_plan
from etp.goals import GoalParseError

from etp.pipeline.schedule import Job


def apply_verdicts(dag: GoalDAG, jobs: list[Job]) -> None:
    """Apply checked jobs (each with its verdict), in the order that keeps the provers'
    preference: candidates and sketches, then probes, statements, assemblies."""
    _apply_candidates(dag, [j for j in jobs if j.purpose in ("candidate", "sketch")])
    _apply_structure(dag, [j for j in jobs if j.purpose == "structure"])
    _apply_statements(dag, [j for j in jobs if j.purpose == "statement"])
    # Assemblies: accepted ones first (an accepted parent proof stands on its own), then
    # the rest, lower levels before higher ones (the order they were assembled in).
    assemblies = [j for j in jobs if j.purpose == "assembly"]
    for job in sorted(assemblies, key=lambda j: not j.verdict.proved):
        dag.assembly_checked(job.decomposition, job.verdict.proved, job.verdict.reason)


def _apply_candidates(dag: GoalDAG, jobs: list[Job]) -> None:
    for job in jobs:
        if job.purpose == "candidate" and job.verdict.proved:
            dag.mark_proved(job.goal_key, job.proof, f"{job.prover}:{job.label}")
        elif job.purpose == "sketch" and job.verdict.status == "sketch_ok":
            sketch = parse_sketch(job.proof)
            if sketch is not None:
                try:
                    dag.add_option(job.goal_key, sketch_plan(dag.goals[job.goal_key].statement, sketch))
                except GoalParseError:
                    pass


def _apply_structure(dag: GoalDAG, jobs: list[Job]) -> None:
    """A probe that proves its goal proves it; one that leaves only unsolved goals offers
    them as a decomposition."""
    for job in jobs:
        v = job.verdict
        if v.proved:
            dag.mark_proved(job.goal_key, job.proof, f"structure:{job.label}")
        elif v.status == "failed" and v.goals and all(
            m.data.startswith("unsolved goals") for m in v.messages if m.severity == "error"
        ):
            try:
                plan = structural_plan(dag.goals[job.goal_key].statement, job.label, v.goals)
            except GoalParseError:
                continue
            dag.add_option(job.goal_key, plan)


def _apply_statements(dag: GoalDAG, jobs: list[Job]) -> None:
    for job in jobs:
        v = job.verdict
        node = dag.goals[job.goal_key]
        if v.status == "sketch_ok":
            node.statement_ok = True
        elif v.status in ("failed", "rejected"):
            node.statement_ok = False
            why = v.reason or "the statement does not elaborate"
            if node.status == "open":
                dag.mark_failed(node.key, f"statement: {why}", status="invalid")
