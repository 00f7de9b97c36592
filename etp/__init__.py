"""etp, the Economic Theorem Prover: economic theorems proved in Lean 4."""

__version__ = "0.1.0"
