"""The screen's alphabet against real Lean: every character the screen counts as part of a
name is one for Lean, and every symbol it accepts is not (the soundness argument in
etp/lean/screen.py rests on this). One Lean process checks all of them."""

from __future__ import annotations

import pytest

from etp.lean.screen import LETTERS, SUBSCRIPTS, SYMBOLS

pytestmark = pytest.mark.slow


def _probes() -> list[tuple[str, str, bool]]:
    """(character, its role, whether `let NAME : Nat := 0` with it in NAME must elaborate)."""
    probes = [(c, "starts a name", True) for c in sorted(LETTERS)]
    probes += [(c, "continues a name", True) for c in sorted(SUBSCRIPTS)]
    probes += [(c, "is not part of a name", False) for c in sorted(SYMBOLS)]
    return probes


def _name(c: str, role: str) -> str:
    return {"starts a name": f"{c}z", "continues a name": f"z{c}"}.get(role, f"z{c}w")


def test_alphabet_agrees_with_lean(runtime, tmp_path) -> None:
    probes = _probes()
    lines, spans = ["set_option autoImplicit false"], []
    for c, role, _ in probes:
        first = len(lines) + 1
        lines += ["example : True := by", f"  let {_name(c, role)} : Nat := 0", "  trivial"]
        spans.append((first, len(lines)))
    lines.append('#print "etp-alphabet-end"')
    path = tmp_path / "alphabet.lean"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = runtime.run(["-DmaxErrors=100000", "--json", str(path)], lean_path=[])
    assert any(m.data == "etp-alphabet-end" for m in run.messages), run.failure_summary()
    wrong = []
    for (c, role, must_elaborate), (first, last) in zip(probes, spans):
        errors = [m for m in run.messages if m.severity == "error" and first <= m.pos.line <= last]
        if must_elaborate == bool(errors):
            wrong.append(f"U+{ord(c):04X} {c!r} {role} for the screen, not for Lean")
    assert not wrong, "\n".join(wrong)
