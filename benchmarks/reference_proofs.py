"""Every reference proof of a theorem set, checked by the verifier as the pipeline checks
candidates (batched, screened, isolated): how many come back proved, and which do not.

    python benchmarks/reference_proofs.py [pipeline/theorem_sets/econ_core.jsonl]
"""

from __future__ import annotations

import sys
import time

from etp.lean.build import build_dir, build_library
from etp.lean.runtime import select_runtime
from etp.core import CheckRequest
from etp.lean.verifier import Verifier
from etp.theorems import load_theorem_set


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "pipeline/theorem_sets/econ_core.jsonl"
    specs = [s for s in load_theorem_set(path) if s.reference_proof]
    runtime = select_runtime()
    build_library(runtime)
    verifier = Verifier(runtime, lean_path=[build_dir(runtime)])
    start = time.monotonic()
    verdicts = verifier.check([CheckRequest(header=s.header, statement=s.lean_statement, proof=s.reference_proof)
                               for s in specs])
    wall = time.monotonic() - start
    proved = sum(v.proved for v in verdicts)
    print(f"runtime: {runtime.describe()}")
    print(f"reference proofs proved: {proved} of {len(specs)} in {wall:.0f} s, "
          f"{verifier.stats['lean_processes']} Lean processes, {verifier.stats['poisoned']} poisoned")
    for spec, verdict in zip(specs, verdicts):
        if not verdict.proved:
            print(f"  {spec.id}: {verdict.status}: {verdict.reason[:200]}")


if __name__ == "__main__":
    main()
