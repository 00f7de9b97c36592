"""The library builder with real Lean: order, incremental skips, errors with positions; and
the pure parts: imports read as Lean reads comments, the library's digest."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from etp.lean.build import STATE_FILE, BuildError, build_library, library_digest, module_graph, read_imports

HEADER = "module\n\npublic import Init\n\n@[expose] public section\n\n"


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_read_imports_skips_comments_and_stops_at_first_command():
    src = "module\n/- a comment\nimport Fake -/\npublic import A.B -- trailing\nimport C\n\ndef x := 1\nimport D\n"
    assert read_imports(src) == ["A.B", "C"]


def test_read_imports_reads_nested_comments_as_lean_does():
    """`/- /- -/ import Fake -/` is one comment for Lean: the first `-/` closes only the
    inner one. A regex that stopped at the first `-/` read `import Fake` as code (and the
    rest of the header as garbage)."""
    src = "module\n/- outer /- inner -/\nimport Fake -/\npublic import A.B\n/-- doc -/\nimport C --/- not a comment opener\ndef x := 1\n"
    assert read_imports(src) == ["A.B", "C"]
    # an unterminated comment runs to the end of the file, as for Lean
    assert read_imports("module\nimport A\n/- open /- -/\nimport B\n") == ["A"]


def test_module_graph_ignores_imports_inside_nested_comments(tmp_path):
    write(tmp_path, "Pkg/A.lean", "module\n/- /- -/ public import Pkg.Nope -/\npublic import Pkg.B\n")
    write(tmp_path, "Pkg/B.lean", "module\n")
    assert sorted(module_graph(tmp_path).edges) == [("Pkg.B", "Pkg.A")]


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
    (build / STATE_FILE).write_text('{"EconLean.A": "abc"}')
    third = library_digest([build])
    (build / STATE_FILE).write_text('{"EconLean.A": "abd"}')
    assert library_digest([build]) not in (first, second, third)
    assert library_digest([]) != library_digest([tmp_path / "missing"])
    # the same build in another checkout (a copy elsewhere) has the same digest
    import shutil

    copy = shutil.copytree(build, tmp_path / "elsewhere" / "build")
    assert library_digest([copy]) == library_digest([build])


def test_missing_module_names_the_file(tmp_path):
    write(tmp_path, "Pkg/A.lean", "module\npublic import Pkg.Nope\n")
    with pytest.raises(BuildError, match=r"A\.lean: imports Pkg\.Nope"):
        module_graph(tmp_path)


def test_import_cycle_names_the_files(tmp_path):
    write(tmp_path, "Pkg/A.lean", "module\npublic import Pkg.B\n")
    write(tmp_path, "Pkg/B.lean", "module\npublic import Pkg.A\n")
    with pytest.raises(BuildError, match=r"import cycle: .*Pkg\.A \(.*A\.lean\).*Pkg\.B \(.*B\.lean\)"):
        module_graph(tmp_path)


@pytest.mark.slow
def test_build_dependants_errors_and_noop_rebuild(runtime, tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    write(src, "Pkg/Base.lean", HEADER + "def double (n : Nat) : Nat := 2 * n\n\ntheorem double_pos (n : Nat) (h : 0 < n) : 0 < double n := by\n  unfold double; omega\n\nend\n")
    write(src, "Pkg/Use.lean", "module\n\npublic import Pkg.Base\n\n@[expose] public section\n\ntheorem double_two : double 2 = 4 := by decide\n\nend\n")
    report = build_library(runtime, src, out, jobs=2, log=lambda _: None)
    assert report.built == ["Pkg.Base", "Pkg.Use"]  # dependency first
    assert (out / "Pkg" / "Use.olean").exists()

    # A no-op rebuild starts no Lean process at all.
    again = build_library(runtime, src, out, log=lambda _: None)
    assert again.built == [] and sorted(again.skipped) == ["Pkg.Base", "Pkg.Use"]
    assert again.seconds < 2

    # An error comes back as file:line:col with Lean's message; dependants are not built.
    write(src, "Pkg/Base.lean", HEADER + "def double (n : Nat) : Nat := 2 * n\n\ntheorem bad : double 1 = 3 := by decide\n\nend\n")
    with pytest.raises(BuildError) as err:
        build_library(runtime, src, out, log=lambda _: None)
    text = str(err.value)
    assert f"{src / 'Pkg' / 'Base.lean'}:9:" in text
    assert "decide" in text and "not built (depend on a failed module): Pkg.Use" in text


@pytest.mark.slow
def test_cli_build_errors_exit_nonzero(tmp_path):
    env_runtime = subprocess.run(
        [sys.executable, "-m", "etp.lean", "--runtime", "bogus", "--version"], capture_output=True, text=True
    )
    assert env_runtime.returncode != 0 and "bogus" in env_runtime.stderr
