"""The verdict cache on a real SQLite file: keys, what is kept, reopening, threads, processes."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

import etp.lean.cache as cache_module
from etp.lean.cache import VerdictCache, cache_key, library_digest
from etp.core import Header, LeanMessage, Position, Verdict

RUNTIME = "embedded-4.28.0-pre"
HEADER = Header(imports=("EconLean.Auctions.Defs",), open=("EconLean",))
STATEMENT = "theorem t (x : Nat) : x + 0 = x"


def parts(**change):
    base = dict(runtime=RUNTIME, header=HEADER, statement=STATEMENT, proof="by simp", allow_sorry=False)
    base.update(change)
    return (base["runtime"], base["header"], base["statement"], base["proof"], base["allow_sorry"])


def failed_verdict() -> Verdict:
    msg = LeanMessage(severity="error", data="unsolved goals\n⊢ False", pos=Position(line=2, column=3),
                      end_pos=Position(line=2, column=7), file_name="/tmp/x.lean", kind="")
    return Verdict(status="failed", reason="unsolved goals", messages=[msg], first_error=msg.pos,
                   goals=["⊢ False"], seconds=0.4, runtime=RUNTIME)


def test_round_trip_keeps_every_field_and_marks_cached(tmp_path):
    cache = VerdictCache(tmp_path / "v.sqlite")
    verdict = failed_verdict()
    assert cache.get(*parts()) is None
    assert cache.put(*parts(), verdict)
    got = cache.get(*parts())
    assert got is not None and got.cached
    assert got.model_copy(update={"cached": False}) == verdict
    assert len(cache) == 1


@pytest.mark.parametrize("change", [
    {"runtime": "native-4.28.0"},
    {"header": Header(imports=("EconLean.Auctions.Defs",))},
    {"header": Header(imports=("EconLean.Auctions.Defs",), open=("EconLean", "Nat"))},
    {"statement": "theorem t (x : Nat) : 0 + x = x"},
    {"proof": "by simp "},
    {"allow_sorry": True},
])
def test_every_key_part_matters(tmp_path, change):
    cache = VerdictCache(tmp_path / "v.sqlite")
    cache.put(*parts(), Verdict(status="proved", runtime=RUNTIME))
    assert cache.get(*parts(**change)) is None
    assert cache.get(*parts()) is not None


@pytest.mark.parametrize("status", ["timeout", "error"])
def test_nondeterministic_verdicts_are_never_kept(tmp_path, status):
    cache = VerdictCache(tmp_path / "v.sqlite")
    assert cache.put(*parts(), Verdict(status=status, reason="load")) is False
    assert cache.get(*parts()) is None
    assert len(cache) == 0


@pytest.mark.parametrize("status", ["proved", "failed", "rejected", "sketch_ok"])
def test_deterministic_verdicts_are_kept(tmp_path, status):
    cache = VerdictCache(tmp_path / "v.sqlite")
    assert cache.put(*parts(), Verdict(status=status))
    assert cache.get(*parts()).status == status


def test_a_second_instance_reads_the_same_file(tmp_path):
    path = tmp_path / "sub" / "v.sqlite"
    first = VerdictCache(path)
    first.put(*parts(), Verdict(status="proved", runtime=RUNTIME))
    second = VerdictCache(path)  # while the first is still open (WAL)
    assert second.get(*parts()).status == "proved"
    second.put(*parts(proof="by omega"), Verdict(status="failed"))
    assert first.get(*parts(proof="by omega")).status == "failed"
    first.close()
    second.close()
    with VerdictCache(path) as third:  # and after both are closed
        assert len(third) == 2


def test_another_process_sees_what_this_one_wrote(tmp_path):
    path = tmp_path / "v.sqlite"
    VerdictCache(path).put("single-key", Verdict(status="proved", reason="from parent"))
    code = (
        "import sys\nfrom etp.lean.cache import VerdictCache\nfrom etp.core import Verdict\n"
        "c = VerdictCache(sys.argv[1])\nv = c.get('single-key')\nassert v.reason == 'from parent'\n"
        "c.put('child-key', Verdict(status='failed', reason='from child'))\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=120)
    assert VerdictCache(path).get("child-key").reason == "from child"


def test_threads_share_one_cache(tmp_path):
    cache = VerdictCache(tmp_path / "v.sqlite")
    errors: list[BaseException] = []

    def work(t: int) -> None:
        try:
            for i in range(40):
                cache.put(*parts(proof=f"p{t}-{i}"), Verdict(status="proved", reason=f"{t}-{i}"))
                assert cache.get(*parts(proof=f"p{t}-{i}")).reason == f"{t}-{i}"
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert len(cache) == 8 * 40


def test_a_precomputed_key_string_works_as_one_part(tmp_path):
    # The verifier hashes its own key and passes one string.
    cache = VerdictCache(tmp_path / "v.sqlite")
    cache.put("abc123", Verdict(status="sketch_ok"))
    assert cache.get("abc123").status == "sketch_ok"
    assert cache.get("abc124") is None


def test_new_screening_rules_invalidate_old_verdicts(tmp_path, monkeypatch):
    cache = VerdictCache(tmp_path / "v.sqlite")
    cache.put(*parts(), Verdict(status="proved"))
    old = cache_key(*parts())
    monkeypatch.setattr(cache_module, "RULES_VERSION", cache_module.RULES_VERSION + 1)
    assert cache_key(*parts()) != old
    assert cache.get(*parts()) is None


def test_unsupported_key_part_is_a_clear_error(tmp_path):
    cache = VerdictCache(tmp_path / "v.sqlite")
    with pytest.raises(TypeError, match="not supported"):
        cache.get(object())


def test_library_digest_follows_the_build(tmp_path):
    build = tmp_path / "build"
    (build / "EconLean").mkdir(parents=True)
    olean = build / "EconLean" / "A.olean"
    olean.write_bytes(b"v1")
    first = library_digest([build])
    assert library_digest([build]) == first
    olean.write_bytes(b"v2 longer")
    second = library_digest([build])
    assert second != first
    (build / ".etp-build.json").write_text('{"EconLean.A": "abc"}')
    third = library_digest([build])
    (build / ".etp-build.json").write_text('{"EconLean.A": "abd"}')
    assert library_digest([build]) not in (first, second, third)
    assert library_digest([]) != library_digest([tmp_path / "missing"])
