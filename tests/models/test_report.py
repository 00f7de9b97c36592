"""The report's model section, from recorded samples (pure: rows in, lines out)."""

from __future__ import annotations

from etp.core import Verdict
from etp.pipeline.model_report import model_figures, model_section
from etp.store import AttemptRow
from etp.theorems import TheoremSpec


def attempt(tid: str, status: str, **meta) -> AttemptRow:
    sample = {"model": "m7b", "tokens_in": 100, "tokens_out": 50, "seconds": 2.0, "device": "cuda:0 (H200)",
              "round": 0, **meta}
    return AttemptRow(theorem_id=tid, goal_key=tid, prover="model", label="r0s0", purpose="candidate",
                      candidate="by\n  simp", allow_sorry=False, verdict=Verdict(status=status), meta=sample)


SPECS = {t: TheoremSpec(id=t, statement=f"theorem {t} : True", tier=tier, tags=tags)
         for t, tier, tags in (("a", "A", ("auctions", "x")), ("b", "A", ("matching",)), ("c", "B", ()))}


def test_model_figures_count_samples_tokens_devices_and_proofs():
    attempts = [attempt("a", "proved", same_text=[{"model": "m7b", "tokens_in": 100, "tokens_out": 10,
                                                   "seconds": 1.0, "device": "cpu", "round": 1}]),
                attempt("b", "failed"), attempt("c", "failed"),
                AttemptRow(theorem_id="c", goal_key="c", prover="automation", label="grind", purpose="candidate",
                           candidate="by\n  grind", allow_sorry=False, verdict=Verdict(status="proved"))]
    rows = [{"id": "a", "status": "proved", "prover": "model", "leaves": []},
            {"id": "b", "status": "failed", "prover": "", "leaves": []},
            {"id": "c", "status": "proved", "prover": "automation", "leaves": []}]
    (model, f), = model_figures(attempts, rows).items()
    assert model == "m7b" and f.samples == 4 and (f.tokens_in, f.tokens_out) == (400, 160)
    assert (f.gpu_seconds, f.cpu_seconds) == (6.0, 1.0) and f.rounds == {0, 1}
    assert f.theorems == {"a", "b", "c"} and f.proved == {"a"}
    text = "\n".join(model_section(attempts, rows, SPECS))
    assert "`m7b`: 4 sample(s) in 2 round(s); proved 1/3 (33%) of the theorems it sampled for; 560 tokens" in text
    assert "560 per proved theorem; generation 6.0 GPU s, 1.0 CPU s." in text
    for line in ("| tier A | 1/2 (50%) |", "| tier B | 0/1 (0%) |", "| auctions | 1/1 (100%) |",
                 "| matching | 0/1 (0%) |", "| (no tags) | 0/1 (0%) |"):
        assert line in text


def test_a_proof_assembled_from_a_models_leaf_counts_for_the_model():
    rows = [{"id": "a", "status": "proved", "prover": "assembly", "leaves": [{"statement": "s", "proved_by": "model:r0s1"}]}]
    assert model_figures([attempt("a", "sketch_ok")], rows)["m7b"].proved == {"a"}


def test_no_model_no_section():
    assert model_section([], [], SPECS) == []
