"""Numba kernels of the genetic search over tactic scripts (array-encoded populations):
scoring, de-duplication, selection and variation, and a CUDA fitness kernel. Imports
nothing from etp. See native/genetic.py for the encoding."""

from native.cuda import fitness_auto, fitness_cuda
from native.genetic import (
    FITNESS_TERMS,
    FITNESS_WEIGHTS,
    check_population,
    crossover,
    first_occurrences,
    fitness,
    mutate,
    novelty,
    random_population,
    script_hashes,
    tournament,
)

__all__ = [
    "FITNESS_TERMS",
    "FITNESS_WEIGHTS",
    "check_population",
    "crossover",
    "first_occurrences",
    "fitness",
    "fitness_auto",
    "fitness_cuda",
    "mutate",
    "novelty",
    "random_population",
    "script_hashes",
    "tournament",
]
