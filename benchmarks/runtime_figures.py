"""Measure the embedded runtime's figures quoted in the README.

    python benchmarks/runtime_figures.py

Fresh install (empty cache, empty npm cache), a second install (no-op), start-up
(`lean --version`), checking a one-theorem file, building the library and a no-op rebuild.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.monotonic()
    subprocess.run(cmd, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def main() -> None:
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, ETP_CACHE_DIR=f"{tmp}/cache", npm_config_cache=f"{tmp}/npm", ETP_LEAN_RUNTIME="embedded")
        rows = [("fresh install (empty caches)", timed([py, "-m", "etp.lean", "install"], env))]
        rows.append(("second install (no-op)", timed([py, "-m", "etp.lean", "install"], env)))
        rows.append(("first start-up (lean --version, then kept)", timed([py, "-m", "etp.lean", "--version"], env)))
        one = Path(tmp) / "One.lean"
        one.write_text("theorem two_add_two : 2 + 2 = 4 := by decide\n")
        rows.append(("check a one-theorem file", timed([py, "-m", "etp.lean", "check", str(one)], env)))
        out = f"{tmp}/build"
        rows.append(("build the EconLean library from clean", timed([py, "-m", "etp.lean", "build", "--out", out], env)))
        rows.append(("no-op rebuild", timed([py, "-m", "etp.lean", "build", "--out", out], env)))
    print(f"{'step':45s} {'seconds':>8s}")
    for name, secs in rows:
        print(f"{name:45s} {secs:8.1f}")


if __name__ == "__main__":
    main()
