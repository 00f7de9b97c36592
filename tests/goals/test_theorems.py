"""Theorem sets: the schema a user writes, and the errors they get for mistakes."""

from __future__ import annotations

import json

import pytest

from etp.core import Header
from etp.theorems import TheoremSetError, TheoremSpec, lean_statement, load_theorem_set, theorem_name

GOOD = {
    "id": "t1",
    "imports": [],
    "statement": "theorem t1 (a b : Nat) (h : a < b) : a + 1 ≤ b",
    "informal": "a < b gives a + 1 ≤ b",
    "tier": "A",
    "tags": ["smoke"],
    "reference_proof": "by\n  omega",
}


def write(tmp_path, lines, name="set.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(l if isinstance(l, str) else json.dumps(l, ensure_ascii=False) for l in lines) + "\n")
    return path


def test_loads_a_valid_set_in_order(tmp_path):
    other = {"id": "econ.walras-1", "imports": ["EconLean.Equilibrium.Defs"], "open": ["EconLean"],
             "statement": "lemma walras_law (x : Nat) : x = x"}
    specs = load_theorem_set(write(tmp_path, [GOOD, "", other]))
    assert [s.id for s in specs] == ["t1", "econ.walras-1"]
    assert specs[0].name == "t1" and specs[0].tier == "A" and specs[0].reference_proof == "by\n  omega"
    assert specs[1].header == Header(imports=("EconLean.Equilibrium.Defs",), open=("EconLean",))
    assert specs[0].header == Header()
    # `lemma` is Mathlib's keyword; core Lean reads `theorem`
    assert specs[1].lean_statement == "theorem walras_law (x : Nat) : x = x"


def test_unknown_field_names_file_line_and_field(tmp_path):
    bad = dict(GOOD, id="t2")
    bad["statment"] = bad.pop("statement")
    path = write(tmp_path, [GOOD, GOOD | {"id": "t3"}, bad])
    with pytest.raises(TheoremSetError) as err:
        load_theorem_set(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}: line 3: ")
    assert "unknown field 'statment'" in msg and "missing field 'statement'" in msg


def test_invalid_json_names_the_line(tmp_path):
    path = write(tmp_path, [GOOD, GOOD | {"id": "t2"}, '{"id": "t3", '])
    with pytest.raises(TheoremSetError, match=r"set.jsonl: line 3: invalid JSON: "):
        load_theorem_set(path)


def test_duplicate_id_names_both_lines(tmp_path):
    path = write(tmp_path, [GOOD, GOOD | {"id": "foo"}, GOOD | {"id": "bar"}, GOOD | {"id": "foo"}])
    with pytest.raises(TheoremSetError, match=r"line 4: duplicate id 'foo' \(first on line 2\)"):
        load_theorem_set(path)


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(TheoremSetError, match="no such theorem set file"):
        load_theorem_set(tmp_path / "nope.jsonl")
    with pytest.raises(TheoremSetError, match="empty"):
        load_theorem_set(write(tmp_path, [""]))


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"id": "has space"}, "field 'id'"),
        ({"tier": "F"}, "field 'tier'"),
        ({"imports": ["Econ Lean"]}, "not a Lean module"),
        ({"lemmas": ["foo] <;> exact bar"]}, "not a Lean declaration name"),
        ({"statement": "def f : Nat"}, "must start with `theorem NAME`"),
        ({"statement": "theorem : True"}, "must start with `theorem NAME`"),
        ({"tags": "smoke"}, "field 'tags'"),
    ],
)
def test_field_errors(tmp_path, change, expected):
    with pytest.raises(TheoremSetError, match=r"line 1: .*" + expected.replace("(", r"\(").replace("`", ".")):
        load_theorem_set(write(tmp_path, [GOOD | change]))


def test_a_json_array_line_is_refused(tmp_path):
    with pytest.raises(TheoremSetError, match="line 1: expected a JSON object"):
        load_theorem_set(write(tmp_path, ["[1, 2]"]))


def test_theorem_name_helper():
    assert theorem_name("theorem walras_law {n : Nat} : n = n") == "walras_law"
    assert theorem_name("  lemma Foo.bar' (x : Nat) : x = x") == "Foo.bar'"
    assert theorem_name("theorem t: True") == "t"
    with pytest.raises(ValueError):
        theorem_name("example : True")
    assert lean_statement("lemma x : True") == "theorem x : True"


def test_spec_is_frozen_and_forbids_extras():
    spec = TheoremSpec(**GOOD)
    with pytest.raises(Exception):
        spec.id = "other"  # type: ignore[misc]
    with pytest.raises(Exception):
        TheoremSpec(**GOOD, extra=1)


def test_a_colon_equals_inside_the_type_is_part_of_the_statement():
    """`let x := v; ...` and named arguments are statements; whether text after a `:=` is a
    proof smuggled in is for Lean to say (the checked file puts the candidate after it)."""
    for statement in ("theorem x : f (α := Nat) = f (α := Nat)", "theorem x : let y := 1; y = 1",
                      "theorem x : True -- ends in a comment"):
        assert TheoremSpec(id="x", imports=[], statement=statement).statement == statement
