"""Embedded Lean: a fresh process per file vs one long-lived host (etp/lean/host.py).

    python benchmarks/host_startup.py [--repeat 3] [--theorems 50] [--library]

For each kind of file, side by side, the wall seconds of `runtime.run` (a fresh Node process)
and of `LeanHost.run` (one request to a running host), each measured `--repeat` times:

- `--version`: start-up only (a fresh process) vs a request's fixed cost (host);
- `empty`: a file with one trivial theorem: start-up + importing Init + one theorem;
- `N theorems`: a file of N small theorems (the marginal cost per theorem);
- `EconLean` (with `--library`): the same with `import EconLean` from the project's
  embedded library build, when it exists.

Also printed: the host's own start-up (once), and its reset after each request (restoring
the snapshot, done after the reply, overlapping the caller's work). The machine's load is
printed with the figures: on a shared 2-core machine they are noisy, so compare medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# the checkout this script is in, not whatever `etp` the environment has installed
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from etp.lean.host import LeanHost  # noqa: E402
from etp.lean.runtime import PROJECT_ROOT, select_runtime  # noqa: E402


def theorem_file(n: int, header: str = "") -> str:
    lines = [header] if header else []
    for k in range(n):
        lines.append(f"theorem t{k} (a b : Nat) (h : a < b) : a + {k % 5} < b + {k % 5} := by omega")
    return "\n".join(lines) + "\n"


def median(xs: list[float]) -> str:
    return f"{statistics.median(xs):6.2f}" if xs else "   -  "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--theorems", type=int, default=50)
    parser.add_argument("--library", action="store_true", help="also time `import EconLean`")
    parser.add_argument("--no-fresh", action="store_true", help="skip the fresh processes (slow)")
    args = parser.parse_args()

    runtime = select_runtime("embedded")
    build = PROJECT_ROOT / "build" / "lean" / f"embedded-{runtime.version}"
    lean_path = [build] if args.library and build.is_dir() else []
    work = Path(tempfile.mkdtemp(prefix="etp-bench-"))
    cases: list[tuple[str, list[str], list[Path]]] = [("--version", ["--version"], [])]
    (work / "empty.lean").write_text(theorem_file(1))
    cases.append(("1 theorem (Init)", ["--json", str(work / "empty.lean")], []))
    (work / "many.lean").write_text(theorem_file(args.theorems))
    cases.append((f"{args.theorems} theorems", ["--json", str(work / "many.lean")], []))
    if lean_path:
        (work / "lib.lean").write_text(theorem_file(1, "import EconLean"))
        cases.append(("1 theorem + import EconLean", ["--json", str(work / "lib.lean")], lean_path))

    print(f"runtime: {runtime.describe()}; load average {os.getloadavg()}; {os.cpu_count()} CPUs")
    host = LeanHost(runtime, lean_path=lean_path)
    t = time.monotonic()
    host.start()
    print(f"host start-up: {time.monotonic() - t:.1f} s (once)")

    rows = []
    for name, argv, lp in cases:
        fresh, hosted = [], []
        for _ in range(args.repeat):
            if not args.no_fresh:
                run = runtime.run(argv, lean_path=lp, timeout=900)
                assert argv == ["--version"] or (run.returncode in (0, 1) and run.started), run.failure_summary()
                fresh.append(run.seconds)
            run = host.run(argv, lean_path=lp or None, timeout=900)
            assert argv == ["--version"] or run.returncode in (0, 1), run.failure_summary()
            hosted.append(run.seconds)
        rows.append((name, fresh, hosted))
        print(f"  {name}: fresh {[round(x, 2) for x in fresh]}  host {[round(x, 2) for x in hosted]}", flush=True)
    host._wait_ready()
    print()
    print(f"{'wall seconds (median of ' + str(args.repeat) + ')':32} {'fresh':>7} {'host':>7}")
    for name, fresh, hosted in rows:
        print(f"{name:32} {median(fresh)} {median(hosted)}")
    by_name = {name: (f, h) for name, f, h in rows}
    one, many = by_name["1 theorem (Init)"], by_name[f"{args.theorems} theorems"]
    if one[1] and many[1]:
        per = (statistics.median(many[1]) - statistics.median(one[1])) / max(1, args.theorems - 1)
        print(f"marginal seconds per theorem (host): {per:.3f}")
    print(f"host resets (after each reply): median {median(host.reset_seconds)} s over {len(host.reset_seconds)}; "
          f"host starts: {host.starts}; load average {os.getloadavg()}")
    if host.reset_timing:
        phases = {}
        for t in host.reset_timing:
            for k, v in t.items():
                phases.setdefault(k, []).append(v)
        print("reset phases (median s): " + ", ".join(f"{k} {statistics.median(v):.3f}" for k, v in phases.items()))
    host.close()


if __name__ == "__main__":
    main()
