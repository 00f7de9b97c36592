"""`python -m etp.pipeline THEOREM_SET`: prove a theorem set, wave by wave, with Lean.

Flow: load the set; resolve the run configuration (etp.config: defaults < --config FILE <
flags, or the stored one with --resume); `open_run` picks the Lean runtime, builds the
EconLean library if the set imports it, and opens the verifier, the store and the provers;
then waves until nothing is left to do. A wave sends, in one batched verifier call, every
check that is ready across all theorems: each theorem statement's own check (does it
elaborate?), the provers' candidates for every ready goal, structural probes (`constructor`,
`intros`, `cases`, ... whose unsolved goals become child goals when the candidates fail),
and the assembled proofs of goals whose children are all proved. Verdicts are committed to
the store as each batch returns; `--resume` replays them and checks only what is missing.
At the end: a summary on stdout, and results.jsonl, Proofs.lean, report.md, config.toml and
the goal DAG (dag.json, dag.graphml, dag.png with matplotlib) in the output folder.

Modules: cli (command line -> RunConfig), run (open_run: the wiring), waves (the Pipeline),
schedule (budget shares, check order, rounds), checks (verifier calls and the store),
verdicts (what verdicts do to the DAG), final (the final check), report (rows and outputs).
"""

from etp.pipeline.cli import build_parser, main
from etp.pipeline.report import RunSummary, proofs_file, report_markdown, summary_table, write_outputs
from etp.pipeline.run import Run, RunSetupError, latest_run, open_run, open_verifier, set_hash
from etp.pipeline.schedule import Job, TheoremState, check_order, rounds
from etp.pipeline.waves import Pipeline

__all__ = [
    "Job", "Pipeline", "Run", "RunSetupError", "RunSummary", "TheoremState", "build_parser",
    "check_order", "latest_run", "main", "open_run", "open_verifier", "proofs_file", "report_markdown", "rounds",
    "set_hash", "summary_table", "write_outputs",
]
