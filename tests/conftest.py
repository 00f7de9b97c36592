"""Shared fixtures: one Lean runtime and one verifier for the whole session.

Lean is real here: the embedded (wasm) runtime on a machine without a native Lean. Its
processes cost ~14 s each to start, so tests batch their candidates.
"""

from __future__ import annotations

import pytest

from etp.lean.runtime import select_runtime


@pytest.fixture(scope="session")
def runtime():
    return select_runtime()


@pytest.fixture(scope="session")
def verifier(runtime):
    from etp.lean.verifier import Verifier

    return Verifier(runtime, lean_path=[])
