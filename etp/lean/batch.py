"""A batch of candidates in one checked file: how the file is written, and how Lean's
messages about it become verdicts. Pure: nothing here runs Lean (see `etp.lean.executor`).

The file: the header, the project's options, a `#print "<nonce>-start"` sentinel, then per
candidate a named theorem (`theorem_lines`) followed by its own `#print "<nonce>-<k>"`
sentinel (and, on native Lean, `#print axioms`), then `#print "<nonce>-end"`. The nonce is
random per batch, so a candidate cannot forge a sentinel. A candidate counts as proved only
if its sentinel came back, no error and no `sorry` was reported inside its span, and the
process ended normally. A parse error inside a span, or a message outside every span that is
not the checker's own sentinel, means the candidate may have changed the Lean process: it is
refused and the candidates after it are checked again in a fresh process (`poisoned`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etp.core import CheckRequest, Header, LeanMessage, Position, Status, Verdict, split_statement
from etp.lean.runtime import LeanRun

ALLOWED_AXIOMS = frozenset({"propext", "Quot.sound", "Classical.choice"})
_SORRY_WARNING = re.compile(r"declaration uses\W+sorry")  # Lean 4.28 prints `sorry`, older ones 'sorry'
_TIMEOUT_MARKERS = ("(deterministic) timeout", "maxHeartbeats")
# The project's Lean options (lakefile.lean), set in every checked file after its header.
PROJECT_OPTIONS = ("set_option autoImplicit false", "set_option relaxedAutoImplicit false")
# Checked files also elaborate each theorem before the next command: with Lean's default
# asynchronous proofs, a later candidate's crash (say, the parser's stack) can come before an
# earlier one's sentinel is printed, and the earlier, innocent one would be blamed.
CHECK_OPTIONS = (*PROJECT_OPTIONS, "set_option Elab.async false")
MAX_ERRORS = 100_000  # Lean stops a file after `maxErrors` errors (100 by default); a batch has many
_PARSE_ERROR_STARTS = ("unexpected ", "expected ", "unterminated ", "missing end of", "invalid escape",
                       "tabs are not allowed", "unknown token")


def parse_goals(message: str) -> list[str]:
    """The goals of an `unsolved goals` error, each as Lean printed it."""
    if not message.startswith("unsolved goals"):
        return []
    body = message[len("unsolved goals"):].strip("\n")
    return [g.strip("\n") for g in re.split(r"\n\s*\n", body) if g.strip()]


def parse_axioms(message: str) -> list[str] | None:
    """Axioms listed by `#print axioms`, or None when the message is not such a listing."""
    if "does not depend on any axioms" in message:
        return []
    match = re.search(r"depends on axioms: \[(.*)\]", message, re.S)
    if not match:
        return None
    return [a.strip() for a in match.group(1).split(",") if a.strip()]


def is_parse_error(message: LeanMessage) -> bool:
    """Lean's parser (not the elaborator) reported it: the declaration may have ended early."""
    first = message.data.split("\n", 1)[0]
    return message.severity == "error" and (first.startswith(_PARSE_ERROR_STARTS) or "; expected " in first)


def theorem_lines(name: str, signature: str, proof: str, heartbeats: int) -> list[str]:
    """A checked declaration: the heartbeat limit, a named theorem (Lean refuses a type that is
    not a proposition), and the proof in parentheses on lines of its own (a trailing comment
    in the statement cannot hide `:=`, and the proof is parsed as one term)."""
    return [f"set_option maxHeartbeats {heartbeats} in", *f"theorem {name} {signature}".split("\n"), ":= (",
            *proof.split("\n"), ")"]


@dataclass
class Slot:
    """Where one candidate sits in a batch file."""

    index: int  # position in the caller's request list
    sentinel: str
    first_line: int  # file line of the candidate's first line
    last_line: int  # file line of the closing parenthesis
    decl_line: int  # file line of the `theorem` line
    axioms_line: int | None = None  # native: the `#print axioms` line
    sentinel_line: int = 0

    @property
    def span(self) -> range:
        """File lines where the candidate's own messages may land: its `set_option` line to `)`."""
        return range(self.decl_line - 1, self.last_line + 1)

    def messages(self, run: LeanRun) -> list[LeanMessage]:
        return [m.model_copy(deep=True) for m in run.messages if m.pos.line in self.span]


@dataclass
class Batch:
    """Candidates (indices into the caller's request list) sharing one header and one file."""

    header: Header
    indices: list[int]
    attempt: int = 0
    nonce: str = ""
    slots: list[Slot] = field(default_factory=list)
    start_line: int = 0  # the `#print` after the header
    end_line: int = 0  # the closing `#print`


def render(batch: Batch, requests: list[CheckRequest], proofs: dict[int, str], nonce: str, *,
           heartbeats: int, list_axioms: bool) -> str:
    """The checked file of a batch (`proofs` are the screened, normalized candidates); fills
    in the batch's nonce, slots and sentinel lines."""
    from etp.lean.screen import normalize

    lines = batch.header.render().splitlines() + list(CHECK_OPTIONS)
    # Imports done: from here on the watchdog allows each candidate its time limit.
    lines.append(f'#print "{nonce}-start"')
    batch.nonce, batch.start_line, batch.slots = nonce, len(lines), []
    for n, i in enumerate(batch.indices):
        _, signature = split_statement(requests[i].statement)
        name = f"etp_{nonce}_{n}"
        decl_line = len(lines) + 2  # after the `set_option` line
        lines.extend(theorem_lines(name, normalize(signature), proofs[i], heartbeats))
        first = len(lines) - len(proofs[i].split("\n"))  # the proof's lines end just before `)`
        slot = Slot(index=i, sentinel=f"{nonce}-{n}", first_line=first, last_line=len(lines), decl_line=decl_line)
        if list_axioms:
            lines.append(f"#print axioms {name}")
            slot.axioms_line = len(lines)
        lines.append(f'#print "{slot.sentinel}"')
        slot.sentinel_line = len(lines)
        batch.slots.append(slot)
    lines.append(f'#print "{nonce}-end"')
    batch.end_line = len(lines)
    return "\n".join(lines) + "\n"


def poisoned(batch: Batch, run: LeanRun) -> tuple[int, str] | None:
    """(position in the batch of the first candidate that may have changed the Lean process,
    why), or None. Signs: a parse error inside its span (a command can only follow a
    declaration that ended early), or any message outside every span that is not the checker's
    own `#print` on its own line (the output of a command)."""
    expected = {batch.start_line: None, batch.end_line: None}
    for slot in batch.slots:
        expected[slot.sentinel_line] = slot.sentinel
        if slot.axioms_line is not None:
            expected[slot.axioms_line] = None  # native `#print axioms`: checked by the judge
    first: tuple[int, str] | None = None
    for m in run.messages:
        line = m.pos.line
        k = next((k for k, s in enumerate(batch.slots) if line in s.span), None)
        if k is not None:
            why = f"a parse error: {m.data.splitlines()[0]}" if is_parse_error(m) else None
        elif line < batch.start_line:
            continue  # header messages: handled as a failed header
        elif line in expected and m.severity == "information" and (expected[line] is None or m.data == expected[line]):
            continue
        else:
            k = max((k for k, s in enumerate(batch.slots) if s.decl_line - 1 <= line), default=0)
            why = f"a message outside its own declaration (line {line}: {m.data.splitlines()[0][:200] if m.data else ''})"
        if why and (first is None or k < first[0]):
            first = (k, why)
    return first


@dataclass
class Decision:
    """What one Lean run of a batch settled: verdicts by request index, batches to run again."""

    decided: dict[int, Verdict] = field(default_factory=dict)
    retry: list[Batch] = field(default_factory=list)
    poisoned: bool = False
    split: bool = False


@dataclass
class Judge:
    """Turns one Lean run of a batch into verdicts; `key` names the runtime on each verdict."""

    key: str
    list_axioms: bool

    def decide(self, batch: Batch, run: LeanRun, requests: list[CheckRequest]) -> Decision:
        seen = {m.data for m in run.messages if m.severity == "information"}
        ended_normally = run.returncode in (0, 1) and not run.timed_out and not run.output_overflow
        ended_normally = ended_normally and f"{batch.nonce}-end" in seen
        share = run.seconds / max(1, len(batch.slots))
        header_errors = [m for m in run.messages if m.severity == "error" and m.pos.line < batch.start_line]
        if header_errors:
            # The header itself failed (an unknown import, say): no candidate was checked.
            reason = "header: " + "; ".join(m.data for m in header_errors)[:2000]
            status: Status = "failed" if run.started else "error"
            return Decision({s.index: Verdict(status=status, reason=reason, messages=header_errors, runtime=self.key)
                             for s in batch.slots})
        poison = poisoned(batch, run)
        out = Decision()
        unfinished: list[Slot] = []
        for slot in batch.slots if poison is None else batch.slots[:poison[0]]:
            verdict = self.judge(slot, slot.messages(run), run, slot.sentinel in seen, ended_normally, share,
                                 requests[slot.index].allow_sorry)
            if verdict is None:
                unfinished.append(slot)
            else:
                out.decided[slot.index] = verdict
        if poison is not None:
            self._after_poison(batch, run, poison, share, requests, out)
        self._retry_unfinished(batch, run, unfinished, out)
        return out

    def _after_poison(self, batch: Batch, run: LeanRun, poison: tuple[int, str], share: float,
                      requests: list[CheckRequest], out: Decision) -> None:
        """Everything Lean said after the poisoning candidate may have been changed by it: the
        candidates after it are checked again in a fresh process, without it."""
        k, why = poison
        poisoner = batch.slots[k]
        own = poisoner.messages(run)
        verdict = self.judge(poisoner, own, run, True, True, share, requests[poisoner.index].allow_sorry)
        if verdict is None or verdict.status not in ("failed", "timeout"):
            verdict = Verdict(status="rejected", reason=f"it changed its Lean process: {why}", messages=own,
                              seconds=share, runtime=self.key)
        out.decided[poisoner.index] = verdict
        again: list[Slot] = []
        for slot in batch.slots[k + 1:]:
            own = slot.messages(run)
            if any(is_parse_error(m) for m in own):
                # A parse error is never a proof, and in a fresh process this candidate
                # would poison the rest again: it fails now (at worst a false negative).
                out.decided[slot.index] = self.judge(slot, own, run, True, True, share, False) or Verdict(
                    status="failed", reason="a parse error", messages=own, seconds=share, runtime=self.key)
            else:
                again.append(slot)
        if again:
            out.retry.append(Batch(batch.header, [s.index for s in again], attempt=batch.attempt + 1))
        out.poisoned = True

    def _retry_unfinished(self, batch: Batch, run: LeanRun, unfinished: list[Slot], out: Decision) -> None:
        """The process ended abnormally: the first candidate whose sentinel never came back was
        running when it stopped. A candidate that made no progress in time, or ran Lean out of
        stack, gets its verdict at once (alone it would only do so again); after any other
        crash (memory, say, which earlier candidates share) it is retried alone. The rest are
        retried together."""
        if not unfinished:
            return
        seen = {m.data for m in run.messages if m.severity == "information"}
        unseen = [s for s in unfinished if s.sentinel not in seen]
        culprit = unseen[0] if unseen else unfinished[-1]
        rest = [s for s in unfinished if s is not culprit]
        imported = f"{batch.nonce}-start" in seen  # else the header, not the candidate, may be what hung
        groups = [[s.index for s in rest]] if rest else []
        if len(batch.indices) == 1 or (imported and (run.timed_out or run.stack_overflow)):
            out.decided[culprit.index] = self.abnormal(run)
        else:
            groups.insert(0, [culprit.index])
        out.split = out.split or bool(groups)
        # Retries go first: the candidates after a poisoner wait for these to settle.
        out.retry[:0] = [Batch(batch.header, g, attempt=batch.attempt + 1) for g in groups]

    def judge(self, slot: Slot, own: list[LeanMessage], run: LeanRun, sentinel_seen: bool,
              ended_normally: bool, share: float, allow_sorry: bool) -> Verdict | None:
        """The verdict of one candidate, or None when it must be checked again."""
        for m in own:
            m.pos = Position(line=m.pos.line - slot.first_line + 1, column=m.pos.column)
            if m.end_pos is not None:
                m.end_pos = Position(line=m.end_pos.line - slot.first_line + 1, column=m.end_pos.column)
        errors = [m for m in own if m.severity == "error"]
        if errors:
            goals = [g for m in errors for g in parse_goals(m.data)]
            timed = any(any(t in m.data for t in _TIMEOUT_MARKERS) for m in errors)
            return Verdict(
                status="timeout" if timed else "failed",
                reason=errors[0].data.splitlines()[0] if errors[0].data else "error",
                messages=own, first_error=errors[0].pos, goals=goals, seconds=share, runtime=self.key,
            )
        if not (sentinel_seen and ended_normally):
            return None
        sorry_used = any(m.kind == "hasSorry" or _SORRY_WARNING.search(m.data) for m in own if m.severity != "error")
        if self.list_axioms:
            refused = self._audit_axioms(slot, run, own, share)
            if isinstance(refused, Verdict):
                return refused
            sorry_used = sorry_used or refused
        if allow_sorry:
            return Verdict(status="sketch_ok", messages=own, seconds=share, runtime=self.key)
        return Verdict(status="proved" if not sorry_used else "failed",
                       reason="" if not sorry_used else "declaration uses sorry",
                       messages=own, seconds=share, runtime=self.key)

    def _audit_axioms(self, slot: Slot, run: LeanRun, own: list[LeanMessage], share: float) -> Verdict | bool:
        """Native: a refusal when the theorem's axioms are not listed or not allowed, else
        whether it depends on `sorryAx`."""
        listing = [parse_axioms(m.data) for m in run.messages
                   if m.pos.line == slot.axioms_line and m.severity == "information"]
        listing = [a for a in listing if a is not None]
        if not listing:
            return Verdict(status="error", reason="Lean did not list the axioms of the theorem",
                           messages=own, seconds=share, runtime=self.key)
        if "sorryAx" in listing[0]:
            return True
        bad = sorted(set(listing[0]) - ALLOWED_AXIOMS)
        if bad:
            return Verdict(status="rejected", reason=f"depends on disallowed axioms: {', '.join(bad)}",
                           messages=own, seconds=share, runtime=self.key)
        return False

    def abnormal(self, run: LeanRun) -> Verdict:
        if run.timed_out:
            return Verdict(status="timeout", reason=run.failure_summary() or "no progress within the time limit",
                           seconds=run.seconds, runtime=self.key)
        return Verdict(status="error", reason=run.failure_summary() or "Lean stopped before finishing",
                       seconds=run.seconds, runtime=self.key)
