"""The report's section on model provers, from the samples recorded with the attempts
(`AttemptRow.meta`, written by etp.provers.model): per model, theorems proved out of those it
sampled for, by tier and by area (a theorem's first tag), tokens per proved theorem, and the
generation seconds spent on GPUs and CPUs. Pure: rows in, Markdown lines out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from etp.store import AttemptRow
from etp.theorems import TheoremSpec


@dataclass
class ModelFigures:
    """What one model did in a run."""

    samples: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    gpu_seconds: float = 0.0
    cpu_seconds: float = 0.0
    rounds: set[int] = field(default_factory=set)
    theorems: set[str] = field(default_factory=set)  # sampled for (at any depth)
    proved: set[str] = field(default_factory=set)  # whose proof used one of its samples


def _samples(row: AttemptRow) -> list[dict]:
    """The samples behind an attempt: its own meta and those of identical texts folded into it."""
    return [row.meta, *row.meta.get("same_text", [])] if "model" in row.meta else []


def model_figures(attempts: list[AttemptRow], rows: list[dict]) -> dict[str, ModelFigures]:
    """Per model (its `model` meta: a hub id or a folder), from a run's attempts and result rows."""
    figures: dict[str, ModelFigures] = defaultdict(ModelFigures)
    prover_of: dict[str, str] = {}
    for row in attempts:
        for sample in _samples(row):
            f = figures[sample["model"]]
            f.samples += 1
            f.tokens_in += int(sample.get("tokens_in", 0))
            f.tokens_out += int(sample.get("tokens_out", 0))
            seconds = float(sample.get("seconds", 0.0))
            if str(sample.get("device", "cpu")).startswith("cpu"):
                f.cpu_seconds += seconds
            else:
                f.gpu_seconds += seconds
            f.rounds.add(int(sample.get("round", 0)))
            f.theorems.add(row.theorem_id)
            prover_of[row.prover] = sample["model"]
    for result in rows:
        if result["status"] != "proved":
            continue
        used = {result["prover"]} | {leaf["proved_by"].partition(":")[0] for leaf in result["leaves"]}
        for prover in used & set(prover_of):
            figures[prover_of[prover]].proved.add(result["id"])
    return dict(figures)


def _rate(proved: int, tried: int) -> str:
    return f"{proved}/{tried} ({100 * proved / tried:.0f}%)" if tried else "0/0"


def model_section(attempts: list[AttemptRow], rows: list[dict], specs: dict[str, TheoremSpec]) -> list[str]:
    """report.md's "Model provers" section (no lines when no model sampled)."""
    figures = model_figures(attempts, rows)
    if not figures:
        return []
    out = ["## Model provers", ""]
    for model, f in sorted(figures.items()):
        tokens = f.tokens_in + f.tokens_out
        per_proof = f"{tokens / len(f.proved):,.0f}" if f.proved else "-"
        proved = _rate(len(f.proved), len(f.theorems))
        out += [f"`{model}`: {f.samples} sample(s) in {len(f.rounds)} round(s); proved {proved} of the theorems it "
                f"sampled for; {tokens:,} tokens ({f.tokens_in:,} in, {f.tokens_out:,} out), {per_proof} per proved "
                f"theorem; generation {f.gpu_seconds:.1f} GPU s, {f.cpu_seconds:.1f} CPU s.", "",
                "| tier or area | proved |", "| --- | ---: |"]
        groups: dict[str, list[str]] = defaultdict(list)
        for tid in sorted(f.theorems):
            spec = specs.get(tid)
            if spec is None:
                continue
            groups[f"tier {spec.tier or '-'}"].append(tid)
            groups[spec.tags[0] if spec.tags else "(no tags)"].append(tid)
        for name in sorted(groups, key=lambda g: (not g.startswith("tier "), g)):
            out.append(f"| {name} | {_rate(sum(t in f.proved for t in groups[name]), len(groups[name]))} |")
        out.append("")
    return out
