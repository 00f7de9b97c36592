"""Lean runtimes (native, embedded), the library build, and the verifier."""

from etp.lean.runtime import (
    EmbeddedRuntime,
    LeanRun,
    LeanRuntime,
    LeanUnavailable,
    NativeRuntime,
    select_runtime,
)

__all__ = ["EmbeddedRuntime", "LeanRun", "LeanRuntime", "LeanUnavailable", "NativeRuntime", "select_runtime"]
