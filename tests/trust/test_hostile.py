"""The hostile acceptance suite of issue #11: no false "proved", no code run on the machine.

Three parts, each with real Lean (core only, the session `verifier` of conftest.py):

(a) Every candidate of tests/trust/hostile/candidates.py (comment, string and identifier-alphabet
    desyncs, injector/partner pairs, file/secret/process attacks, the classics) and every
    reference proof of the hostile theorem sets go to Lean in ONE `Verifier.check` call,
    interleaved with honest controls. No attack may come back proved, every control must;
    no file may appear where the attacks aim (project tree, temp folder, home, the cache,
    a pytest folder, `/`), the canary they try to delete must survive, and neither the
    secret file's content nor the secret environment variable may show up in a verdict.
(b) ONE pipeline CLI run over all loadable sets of tests/trust/hostile/sets (ids prefixed with
    their set's name), checked against tests/trust/hostile/sets/expected.json; the malformed sets
    are checked by `load_theorem_set` alone.
(c) A differential fuzz: random candidates from fragments that desynchronized screens
    before; those the screen accepts are checked for real against `theorem t : False`:
    none may be proved and none may run its `#eval` sentinel.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import run_pipeline_cli
from etp.core import CheckRequest, Verdict
from etp.theorems import TheoremSetError, TheoremSpec, load_theorem_set
from hostile.candidates import CLASSES, FALSE, ONE_TWO, SECRET_ENV, Case, Targets, build

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SETS = Path(__file__).resolve().parent / "hostile" / "sets"
EXPECTED: dict = {k: v for k, v in json.loads((SETS / "expected.json").read_text(encoding="utf-8")).items()
                  if not k.startswith("_")}
LOADABLE = sorted(name for name, exp in EXPECTED.items() if "load_error" not in exp)
MALFORMED = sorted(name for name, exp in EXPECTED.items() if "load_error" in exp)
CHEATING_REFERENCE = "cheating_reference"

_PLACEHOLDER_CASES = build(Targets.placeholder())
ATTACK_NAMES = [c.name for c in _PLACEHOLDER_CASES if not c.honest]
HONEST_NAMES = [c.name for c in _PLACEHOLDER_CASES if c.honest]


# ------------------------------------------------------------------ helpers


def load_sets(*, skip_errors: bool = False) -> dict[str, list[TheoremSpec]]:
    """The loadable sets; with `skip_errors`, a set the loader refuses is left out (its own
    test reports it) so that the other checks still run."""
    out = {}
    for name in LOADABLE:
        try:
            out[name] = load_theorem_set(SETS / f"{name}.jsonl")
        except TheoremSetError:
            if not skip_errors:
                raise
    return out


def watched_folders(t: Targets) -> list[Path]:
    """Every folder an attack aims at, plus `/` (relative `../..` paths) and this process's
    working directory (relative paths, should Lean run there)."""
    folders = [*t.folders.values(), Path("/"), Path.cwd()]
    return list(dict.fromkeys(f for f in folders if f.is_dir()))


def snapshot(folders: list[Path]) -> dict[Path, set[str]]:
    return {f: set(os.listdir(f)) for f in folders}


def new_entries(before: dict[Path, set[str]], marker: str) -> list[Path]:
    """Entries that appeared in the snapshotted folders and carry `marker` in their name."""
    return sorted(f / n for f, names in before.items() for n in set(os.listdir(f)) - names if marker in n)


def remove(paths: list[Path]) -> None:
    """Clean up what an attack managed to create (only paths carrying the session token)."""
    for p in paths:
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)


def reference_requests(sets: dict[str, list[TheoremSpec]]) -> list[tuple[str, bool, CheckRequest]]:
    """(set.id, must it be proved, request) for every reference proof of the loadable sets."""
    out = []
    for name, specs in sets.items():
        for spec in specs:
            if spec.reference_proof is None:
                continue
            must = EXPECTED[name][spec.id] == "proved" and CHEATING_REFERENCE not in spec.tags
            out.append((f"{name}.{spec.id}", must,
                        CheckRequest(header=spec.header, statement=spec.lean_statement, proof=spec.reference_proof,
                                     tag=f"ref:{name}.{spec.id}")))
    return out


def verdict_text(v: Verdict) -> str:
    return v.model_dump_json()


# ------------------------------------------------------------------ (a) the candidates


@dataclass
class Outcome:
    targets: Targets
    cases: list[Case]
    verdicts: dict[str, Verdict]
    references: list[tuple[str, bool, Verdict]]
    appeared: list[Path]  # files or folders the attacks created
    canary_intact: bool
    secrets: tuple[str, str]  # (secret file content, secret environment value)
    seconds: float


@pytest.fixture(scope="module")
def outcome(verifier, tmp_path_factory) -> Outcome:
    token = secrets.token_hex(4)
    box = tmp_path_factory.mktemp("hostile-box")
    private = tmp_path_factory.mktemp("hostile-private")
    file_secret, env_secret = secrets.token_hex(16), secrets.token_hex(16)
    (private / "secret.txt").write_text(file_secret, encoding="utf-8")
    canary = private / "canary.txt"
    canary.write_text("still here", encoding="utf-8")
    targets = Targets(token=token, repo=REPO, temp=Path(tempfile.gettempdir()), home=Path.home(),
                      cache=Path.home() / ".cache" / "etp", box=box, secret_file=private / "secret.txt",
                      canary=canary)
    cases = build(targets)
    refs = reference_requests(load_sets(skip_errors=True))
    requests = [CheckRequest(statement=c.statement, proof=c.proof, tag=c.name) for c in cases]
    requests += [r for _, _, r in refs]

    before = snapshot(watched_folders(targets))
    start = time.monotonic()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv(SECRET_ENV, env_secret)
            verdicts = verifier.check(requests)
    finally:  # whatever happened, find and remove what the attacks created
        appeared = sorted(set(new_entries(before, targets.prefix)) | {p for p in targets.named if p.exists()})
        stray = [p for p in (REPO / "rc_eval_written", Path.cwd() / "rc_eval_written")  # a reference proof's
                 if p.exists() and p.name not in before.get(p.parent, set())]  # relative write
        remove(appeared + stray)
    seconds = time.monotonic() - start
    print(f"\nhostile suite: {len(requests)} checks ({len(cases)} candidates, {len(refs)} reference proofs) "
          f"in {seconds:.1f} s; {verifier.stats}")
    return Outcome(
        targets=targets, cases=cases, verdicts={c.name: v for c, v in zip(cases, verdicts)},
        references=[(name, must, v) for (name, must, _), v in zip(refs, verdicts[len(cases):])],
        appeared=appeared + stray, canary_intact=canary.exists(), secrets=(file_secret, env_secret), seconds=seconds,
    )


def test_the_suite_covers_every_class_several_ways():
    targets = Targets.placeholder()
    cases = build(targets)
    names = [c.name for c in cases]
    assert len(names) == len(set(names))
    attacks = [c for c in cases if not c.honest]
    assert len(attacks) >= 110 and len(cases) - len(attacks) >= 15
    per_class = {k: sum(c.cls == k for c in cases) for k in CLASSES}
    assert all(n >= 5 for n in per_class.values()), per_class
    partners = [c for c in cases if c.partner_of]
    assert len(partners) >= 8
    for partner in partners:
        assert names.index(partner.partner_of) < names.index(partner.name), partner.name
        assert partner.statement in (FALSE, ONE_TWO), partner.name  # false: only the injection could prove it
    hidden = {c.via for c in cases if c.cls == "machine" and c.via}
    assert len(hidden) >= 10, hidden  # writes hidden by comment, string and alphabet desyncs
    assert {p.parent for p in targets.named} == set(targets.folders.values())


@pytest.mark.parametrize("name", ATTACK_NAMES)
def test_no_attack_is_proved(outcome, name):
    verdict = outcome.verdicts[name]
    assert verdict.status not in ("proved", "sketch_ok"), (name, verdict.status, verdict.reason[:300])


@pytest.mark.parametrize("name", HONEST_NAMES)
def test_honest_controls_in_the_same_call_are_proved(outcome, name):
    verdict = outcome.verdicts[name]
    assert verdict.status == "proved", (name, verdict.status, verdict.reason[:300])


def test_no_file_written_outside_scratch(outcome):
    assert not outcome.appeared, "created by the attacks (since removed):\n" + "\n".join(map(str, outcome.appeared))


def test_no_file_deleted(outcome):
    assert outcome.canary_intact


def test_no_secret_leaks_into_a_verdict(outcome):
    file_secret, env_secret = outcome.secrets
    leaked = {name: [s for s, what in ((file_secret, "secret file"), (env_secret, "environment")) if s in verdict_text(v)]
              for name, v in outcome.verdicts.items()}
    leaked = {k: v for k, v in leaked.items() if v}
    assert not leaked, "\n".join(f"{k}: {', '.join(v)}" for k, v in leaked.items())


def test_reference_proofs(outcome):
    """Honest reference proofs of true statements are proved; cheating ones (tagged
    `cheating_reference`) and those of statements that must not be proved are not."""
    assert outcome.references
    wrong = [f"{name}: {v.status} (expected {'proved' if must else 'not proved'}) {v.reason[:150]}"
             for name, must, v in outcome.references if (v.status == "proved") != must]
    assert not wrong, "\n".join(wrong)


# ------------------------------------------------------------------ (b) theorem sets


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_sets_are_refused_naming_the_line(name):
    expected = EXPECTED[name]["load_error"]
    with pytest.raises(TheoremSetError) as info:
        load_theorem_set(SETS / f"{name}.jsonl")
    message = str(info.value)
    assert f"{name}.jsonl" in message, message
    if expected["line"] is not None:
        assert f"line {expected['line']}" in message, message
    assert expected["mentions"].lower() in message.lower(), message


def test_loadable_sets_load_as_recorded():
    assert len(LOADABLE) + len(MALFORMED) >= 22
    assert {p.stem for p in SETS.glob("*.jsonl")} == set(EXPECTED)
    names: dict[str, str] = {}
    for name, specs in load_sets().items():
        assert [s.id for s in specs] == list(EXPECTED[name]), name
        for s in specs:  # one Proofs.lean holds them all: declaration names must not clash
            assert s.name not in names, (name, s.id, names.get(s.name))
            names[s.name] = f"{name}.{s.id}"
    outcomes = [o for exp in (EXPECTED[n] for n in LOADABLE) for o in exp.values()]
    assert outcomes.count("proved") >= 10 and outcomes.count("not_proved") >= 40


def combined_set(path: Path) -> dict[str, str]:
    """All loadable sets as one JSONL file (ids `set.id`); returns id -> expected outcome."""
    expected, lines = {}, []
    for name in LOADABLE:
        for line in (SETS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            expected[f"{name}.{row['id']}"] = EXPECTED[name][row["id"]]
            row["id"] = f"{name}.{row['id']}"
            lines.append(json.dumps(row, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return expected


@pytest.fixture(scope="module")
def pipeline_outcome(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-pipeline")
    expected = combined_set(folder / "hostile.jsonl")
    out = folder / "out"
    start = time.monotonic()
    proc = run_pipeline_cli([str(folder / "hostile.jsonl"), "--candidates", "6", "--depth", "0", "--workers", "2",
                             "--check-timeout", "60", "--out", str(out)])
    seconds = time.monotonic() - start
    print(f"\nhostile pipeline run: {len(expected)} theorems in {seconds:.1f} s")
    rows = {}
    if (out / "results.jsonl").exists():
        rows = {r["id"]: r for r in map(json.loads, (out / "results.jsonl").read_text(encoding="utf-8").splitlines())}
    return proc, expected, rows


def test_pipeline_run_completes_with_a_row_per_theorem(pipeline_outcome):
    proc, expected, rows = pipeline_outcome
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert set(rows) == set(expected)


def test_pipeline_proves_no_hostile_theorem(pipeline_outcome):
    _, expected, rows = pipeline_outcome
    assert rows
    wrong = [f"{i}: proved by {rows[i]['proof']!r}" for i, exp in expected.items()
             if exp == "not_proved" and i in rows and rows[i]["status"] == "proved"]
    assert not wrong, "\n".join(wrong)


def test_pipeline_proves_the_honest_theorems(pipeline_outcome):
    _, expected, rows = pipeline_outcome
    assert rows
    missed = [f"{i}: {rows.get(i, {}).get('status')}" for i, exp in expected.items()
              if exp == "proved" and rows.get(i, {}).get("status") != "proved"]
    assert not missed, "\n".join(missed)


# ------------------------------------------------------------------ (c) differential fuzz

FUZZ_SEED = 20261130
FUZZ_COUNT = 150  # the screen accepts about 1 in 11; each accepted one with a parse error costs a Lean process
FRAGMENTS = ["/-", "-/", "--", "<-", "//", '"', "'", 'r"', 'r#"', '"#', "\\u{", "41}", "\\0", "\\\n", "«", "»",
             "é", "ⱼ", "ł", "(", ")", "\n", "\n\n", "set_option warn.sorry false", "axiom fz : False", "x", "h'"]
BENIGN = ["trivial", "by", "exact", "h", "x", "1", "+", " ", "(", ")", "\n  ", "decide", "fun", "=>", "rfl"]
SENTINEL = "#eval IO.FS.writeFile {path} \"\""


def fuzz_candidates(box: Path) -> list[str]:
    """FUZZ_COUNT random candidates; each `#eval` sentinel names a file of its own in `box`.
    A third of them wrap part of their pieces in a comment, so that many candidates a
    screen accepts still carry fragments and sentinels in what it reads as comment."""
    rng = random.Random(FUZZ_SEED)

    def piece(i: int, k: int) -> str:
        roll = rng.random()
        if roll < 0.2:
            return SENTINEL.format(path=f'"{box}/fuzz_{i}_{k}"')
        return rng.choice(FRAGMENTS) if roll < 0.6 else rng.choice(BENIGN)

    def join(pieces: list[str]) -> str:
        return "".join(p + rng.choice(["", " ", " ", "\n"]) for p in pieces)

    out = []
    for i in range(FUZZ_COUNT):
        pieces = [piece(i, k) for k in range(rng.randint(2, 10))]
        if rng.random() < 0.35:
            a = rng.randrange(len(pieces))
            b = rng.randrange(a, len(pieces)) + 1
            opener, closer = rng.choice([("/-", "-/"), ("--", "\n"), ("/-/-", "-/"), ("<--", "\n"), ("//-", "-/")])
            pieces[a:b] = [opener, *pieces[a:b], closer]
        if rng.random() < 0.5:
            pieces.insert(0, rng.choice(["trivial", "by\n  decide", "rfl", "by exact h"]))
        out.append(join(pieces).strip() or "x")
    return out


def test_fuzz_accepted_candidates_prove_nothing_and_run_nothing(verifier, tmp_path):
    from etp.lean.screen import screen

    box = tmp_path / "fuzz"
    box.mkdir()
    candidates = fuzz_candidates(box)
    assert len(set(candidates)) > FUZZ_COUNT * 0.9
    accepted = [c for c in candidates if screen(c) is None]
    print(f"\nfuzz: the screen accepted {len(accepted)} of {len(candidates)}")
    assert accepted, "no fuzz candidate was accepted: the test would check nothing"
    assert len(accepted) < len(candidates)
    start = time.monotonic()
    verdicts = verifier.check([CheckRequest(statement=FALSE, proof=c, tag=f"fuzz{i}") for i, c in enumerate(accepted)])
    print(f"fuzz: {len(accepted)} checks in {time.monotonic() - start:.1f} s")
    proved = [c for c, v in zip(accepted, verdicts) if v.status == "proved"]
    assert not proved, "\n---\n".join(proved)
    written = sorted(p.name for p in box.iterdir())
    assert not written, [c for c in accepted if any(w in c for w in written)]
