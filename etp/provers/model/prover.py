"""ModelProver: samples proofs from a language model in a published prompt format, and corrects
its failed samples from Lean's feedback in later rounds.

A round: every goal the pipeline gives gets up to `samples` samples (never more than its budget
left). In round 0 they answer the format's prompt; after a wave, `observe` reads the verdicts of
this prover's samples, and while a goal is unproved, has failed samples and correction rounds
left, `continues` asks the pipeline for another wave, whose `propose` answers the failed samples
with Lean's feedback (Goedel-Prover-V2's or Kimina-Prover's format), one correction per failed
sample in turn. Samples whose text is identical share one candidate (and one check); each is
recorded in the candidate's meta.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from etp.config import ModelOptions
from etp.core import Verdict
from etp.dag import parse_sketch
from etp.provers import Attempt, Budget, Candidate, Goal
from etp.provers.model.extraction import Extraction, extract
from etp.provers.model.feedback import correction_prompt, feedback_text
from etp.provers.model.formats import Prompt, Statement, get_format
from etp.provers.model.sampling import Engine, Generation, SamplingParams, sample_seed


@dataclass
class Sample:
    """One generated answer, its prompt and, once checked, its verdict."""

    goal: Goal
    index: int  # per goal, over all rounds
    round: int
    prompt: Prompt
    feedback: str = ""  # Lean's feedback this correction answers (round > 0)
    rendered: str = ""  # the prompt as the model reads it (chat template applied)
    output: str = ""
    proof: str = ""
    generation: Generation | None = None
    verdict: Verdict | None = None


@dataclass
class GoalState:
    """What the prover knows of one goal across rounds."""

    first: Prompt
    samples: list[Sample] = field(default_factory=list)
    failed: list[Sample] = field(default_factory=list)  # the last round's failed samples, to correct
    corrections: int = 0  # correction rounds made
    proved: bool = False


class ModelProver:
    """The `model` prover (see the module docstring); `engine` replaces loading one (tests)."""

    name = "model"

    def __init__(self, options: ModelOptions | None = None, *, engine: Engine | None = None):
        from etp.provers.model.loading import ModelSetupError, load_engine

        self.options = options or ModelOptions()
        self.format = get_format(self.options.format)
        self.engine = engine or load_engine(self.options)
        if not self.format.completion and not getattr(getattr(self.engine, "tokenizer", None), "chat_template", None):
            raise ModelSetupError(f"format {self.format.name!r} is a chat format, and the tokenizer of "
                                  f"{self.options.model!r} has no chat template; use a chat model, or a completion "
                                  "format (deepseek-v1.5, deepseek-v1.5-cot)")
        self.params = SamplingParams(temperature=self.options.temperature, top_p=self.options.top_p,
                                     max_new_tokens=self.options.max_new_tokens or self.format.max_new_tokens)
        self.goals: dict[str, GoalState] = {}
        self._by_label: dict[tuple[str, str], list[Sample]] = {}

    # ------------------------------------------------------------ protocol

    def propose(self, goals: list[Goal], budget: Budget) -> list[Candidate]:
        """Samples for each goal (corrections of its failed samples when a correction round is
        due), at most `samples` and the goal's budget each; identical proofs share a candidate."""
        planned: list[Sample] = []
        for goal in goals:
            n = min(self.options.samples, budget.left(goal))
            if n > 0:
                planned.extend(self._plan(goal, n))
        generations = self._generate(planned)
        return self._candidates(planned, generations)

    def observe(self, attempts: list[Attempt]) -> None:
        """Record the verdicts of a wave: a goal any prover proved is done; this prover's failed
        samples of the goal's latest round become the ones to correct."""
        touched: set[str] = set()
        for attempt in attempts:
            state = self.goals.get(attempt.goal.key)
            if state is None:
                continue
            if attempt.verdict.proved:
                state.proved = True
            if attempt.candidate.prover != self.name:
                continue
            for sample in self._by_label.get((attempt.goal.key, attempt.candidate.label), []):
                sample.verdict = attempt.verdict
                touched.add(attempt.goal.key)
        for key in touched:
            state = self.goals[key]
            latest = max(s.round for s in state.samples)
            state.failed = [s for s in state.samples if s.round == latest and s.verdict is not None
                            and not s.verdict.proved and s.verdict.status != "sketch_ok"]

    def continues(self, goal: Goal) -> bool:
        """True while the goal is unproved, has failed samples to correct and rounds left."""
        state = self.goals.get(goal.key)
        return (state is not None and not state.proved and bool(state.failed)
                and state.corrections < self.options.correction_rounds)

    # ------------------------------------------------------------ rounds

    def _plan(self, goal: Goal, n: int) -> list[Sample]:
        """The samples to draw for a goal now: corrections when due, else fresh samples."""
        state = self.goals.get(goal.key)
        if state is None:
            state = self.goals[goal.key] = GoalState(first=self.format.prompt(goal))
        start = len(state.samples)
        if self.continues(goal):
            state.corrections += 1
            failed, state.failed = state.failed, []
            style = self.options.feedback
            samples = []
            for i in range(n):
                old = failed[i % len(failed)]
                text = feedback_text(style, Statement.of(goal), old.proof, old.verdict)
                prompt = correction_prompt(self.format, state.first, old.prompt, old.output, text, style,
                                           state.corrections)
                samples.append(Sample(goal, start + i, state.corrections, prompt, feedback=text))
        else:
            round_ = state.corrections if not state.samples else max(s.round for s in state.samples) + 1
            samples = [Sample(goal, start + i, round_, state.first) for i in range(n)]
        state.samples.extend(samples)
        return samples

    def _generate(self, planned: list[Sample]) -> list[Generation]:
        """Generations for the planned samples, in batches of `batch_size`, in order."""
        out: list[Generation] = []
        size = self.options.batch_size
        for k in range(0, len(planned), size):
            batch = planned[k:k + size]
            seeds = [sample_seed(self.options.seed, s.goal.key, s.round, s.index) for s in batch]
            for s in batch:
                s.rendered = self.engine.render(s.prompt)
            texts = [s.rendered for s in batch]
            out.extend(self.engine.generate(texts, self.params, seeds, special_tokens=self.format.completion))
        return out

    # ------------------------------------------------------------ candidates

    def _candidates(self, planned: list[Sample], generations: list[Generation]) -> list[Candidate]:
        by_proof: dict[tuple[str, str], Candidate] = {}
        for sample, gen in zip(planned, generations):
            found = extract(gen.text, sample.goal.statement, completion=self.format.completion)
            sample.output, sample.proof, sample.generation = gen.text, found.proof, gen
            meta = self._meta(sample, gen, found)
            key = (sample.goal.key, found.proof)
            cand = by_proof.get(key)
            if cand is None:
                kind = "sketch" if found.found and parse_sketch(found.proof) is not None else "proof"
                label = f"r{sample.round}s{sample.index}" + ("" if found.found else ":no-proof")
                cand = by_proof[key] = Candidate(goal_key=sample.goal.key, proof=found.proof, prover=self.name,
                                                 label=label, kind=kind, meta=meta)
            else:
                cand.meta.setdefault("same_text", []).append(meta)
            self._by_label.setdefault((sample.goal.key, cand.label), []).append(sample)
        return list(by_proof.values())

    def _meta(self, sample: Sample, gen: Generation, found: Extraction) -> dict[str, Any]:
        return {
            "model": self.options.model, "format": self.format.name, "engine": self.engine.name,
            "round": sample.round, "sample": sample.index,
            "prompt_sha256": hashlib.sha256(sample.rendered.encode()).hexdigest(),
            "tokens_in": gen.tokens_in, "tokens_out": gen.tokens_out, "seconds": round(gen.seconds, 4),
            "device": self.engine.device, "seed": gen.seed, "finished": gen.finished,
            "extraction": found.how, **({"no_proof": found.note} if not found.found else {}),
            **({"feedback": sample.feedback} if sample.feedback else {}), "output": gen.text,
        }
