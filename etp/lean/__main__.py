"""`python -m etp.lean`: show, install and use the Lean runtime.

  python -m etp.lean --version          the chosen runtime and its Lean version
  python -m etp.lean install [--verify] install the embedded runtime (no-op when intact)
  python -m etp.lean build              build the EconLean library
  python -m etp.lean check FILE...      check Lean files against the built library
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from etp.lean.build import BuildError, build_dir, build_library
from etp.lean.install import InstallError, ensure_installed, install_root, verify, EmbeddedInstall
from etp.lean.runtime import RUNTIME_CHOICES, LeanUnavailable, select_runtime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etp.lean", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="store_true", help="print the chosen runtime and its Lean version")
    parser.add_argument("--runtime", choices=RUNTIME_CHOICES, default=None,
                        help="override the runtime (default: $ETP_LEAN_RUNTIME or auto)")
    parser.add_argument("--cache-dir", type=Path, default=None, help="embedded runtime cache (default: $ETP_CACHE_DIR or ~/.cache/etp)")
    sub = parser.add_subparsers(dest="command")
    p_install = sub.add_parser("install", help="install the embedded runtime")
    p_install.add_argument("--verify", action="store_true", help="re-hash every installed file")
    p_build = sub.add_parser("build", help="build the Lean library")
    p_build.add_argument("--jobs", type=int, default=2)
    p_build.add_argument("--out", type=Path, default=None,
                         help="build folder (default: build/lean/<runtime>; native: lake's .lake/build)")
    p_check = sub.add_parser("check", help="check Lean files (against the built library)")
    p_check.add_argument("files", nargs="+", type=Path)
    p_check.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args(argv)

    try:
        if args.command == "install":
            start = time.monotonic()
            inst = ensure_installed(args.cache_dir, full_check=args.verify)
            print(f"embedded Lean ready at {inst.root} ({time.monotonic() - start:.1f} s)")
            return 0
        runtime = select_runtime(args.runtime, cache_dir=args.cache_dir)
        if args.version or args.command is None:
            print(runtime.describe())
            return 0
        if args.command == "build":
            report = build_library(runtime, out_dir=args.out, jobs=args.jobs)
            print(f"built {len(report.built)} module(s), {len(report.skipped)} up to date, "
                  f"in {report.seconds:.1f} s -> {args.out or build_dir(runtime)}")
            return 0
        if args.command == "check":
            worst = 0
            for file in args.files:
                if not file.exists():
                    print(f"error: no such file: {file}", file=sys.stderr)
                    worst = 1
                    continue
                run = runtime.run(["--json", str(file.resolve())], lean_path=[build_dir(runtime)],
                                  timeout=args.timeout)
                for msg in run.messages:
                    print(msg.format())
                if not run.ok:
                    worst = 1
                    if not run.errors:
                        print(f"{file}: {run.failure_summary()}", file=sys.stderr)
            return worst
    except (LeanUnavailable, InstallError, BuildError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
