"""Every reference proof of a theorem set, checked by the verifier as the pipeline checks
candidates (batched, screened, isolated): how many come back proved, and which do not.

    python benchmarks/reference_proofs.py [pipeline/theorem_sets/econ_core.jsonl] [--config FILE]
                                          [--workers N] [--heartbeats N] [...] [--runtime auto]

The verifier is the one a user's run configuration gives (defaults < --config FILE < the
`checking` flags), printed; nothing is overridden.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from etp.config import ConfigError
from etp.core import CheckRequest
from etp.pipeline import RunSetupError, open_verifier
from etp.pipeline.cli import add_config_flags, config_from_args
from etp.theorems import TheoremSetError, load_theorem_set


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("theorem_set", nargs="?", type=Path, default=Path("pipeline/theorem_sets/econ_core.jsonl"))
    add_config_flags(p, sections=("checking",))
    p.add_argument("--runtime", choices=("auto", "native", "embedded"), default=None)
    args = p.parse_args()
    try:
        config = config_from_args(args)
        specs = [s for s in load_theorem_set(args.theorem_set) if s.reference_proof]
        verifier = open_verifier(config, specs, runtime=args.runtime)
    except (ConfigError, TheoremSetError, RunSetupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    start = time.monotonic()
    verdicts = verifier.check([CheckRequest(header=s.header, statement=s.lean_statement, proof=s.reference_proof)
                               for s in specs])
    wall = time.monotonic() - start
    proved = sum(v.proved for v in verdicts)
    print(f"runtime: {verifier.runtime.describe()}")
    print("configuration: " + ", ".join(f"{k} = {v}" for k, v in config.flat().items() if k.startswith("checking.")))
    print(f"reference proofs proved: {proved} of {len(specs)} in {wall:.0f} s, "
          f"{verifier.stats['lean_processes']} Lean processes, {verifier.stats['poisoned']} poisoned")
    for spec, verdict in zip(specs, verdicts):
        if not verdict.proved:
            print(f"  {spec.id}: {verdict.status}: {verdict.reason[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
