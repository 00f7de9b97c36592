"""Hostile proof candidates (the text after `:=`) for the acceptance suite of issue #11.

Each `Case` pairs a candidate with the statement it is checked against and names its class:

* `comment`   screen/Lean disagreement on comments: `/-/- -/` nesting (Lean reads one
              level), `/-` and `--` inside longer tokens (`<--`, `//-`, `\\/-`), doc comments;
* `string`    string and char literals whose escapes Lean rejects (`\\u{41}`, `\\0`, a string
              gap followed by a blank line): Lean's parse-error recovery resumes *inside* the
              literal and runs what it finds there; raw and interpolated strings;
* `alphabet`  identifier alphabets: Lean 4.28 reads `xé'`, `xł'`, `xⱼ'` as one name, so the
              quote after it starts a string for Lean and a char literal for a narrower
              lexer; homoglyphs, quoted names, invisible characters;
* `injection` injector/partner pairs: the injector hides a command (an instance,
              `macro_rules`, `set_option`, an `axiom`, `notation`, `attribute [simp]`, `open`)
              and its partner, checked later in the same call, is an innocent-looking proof
              of a false statement that only an injected command could make pass;
* `machine`   `#eval`/`run_cmd`/`run_tac`/IO aimed at the checking machine: writes to the
              project tree, the temp folder, the home folder, the cache, a pytest folder, a
              relative path; reads of a secret file and of the environment; processes; each
              spelled several ways, directly and hidden by the desyncs above;
* `classic`   `sorry` spellings, native evaluation, axioms, `#exit`, `decide +kernel` with
              `debug.skipKernelTC`, `implemented_by`, `unsafe`, `let rec`/`where`,
              `termination_by`, commands after the proof, closing the parenthesis early;
* `honest`    ordinary proofs of true statements, interleaved with the attacks: they must
              come back proved from the same call.

Statements are core Lean (the suite's verifier has no library). An attack is checked against
a false statement wherever its text could, after some normalization, become an honest
proof; true statements are used only where the cheat itself is the only means (native
evaluation, `sorry`), so that "proved" is wrong whatever a screen drops.

Attacks that act on the machine name their targets through `Targets` (every file name
carries a random token, so the test can look for it); `build(targets)` returns the cases in
the order they go to the verifier, injectors before their partners.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FALSE = "theorem t : False"
ONE_TWO = "theorem t : (1 : Nat) = 2"
TRUE_ARITH = "theorem t : 10 + 10 = 20"  # true: the cheat must be refused although the claim holds
BLE = "theorem t : Nat.ble 1 2 = true"  # true, for `ofReduceBool`

CLASSES = ("comment", "string", "alphabet", "injection", "machine", "classic", "honest")
SECRET_ENV = "ETP_HOSTILE_SECRET"  # the test puts a random value in this variable


@dataclass(frozen=True)
class Targets:
    """Where machine attacks aim. Every path a case names is `folder / f"{prefix}{case}..."`."""

    token: str  # random per test session; part of every file name an attack uses
    repo: Path  # the project tree (found from the test file)
    temp: Path  # tempfile.gettempdir()
    home: Path  # ~
    cache: Path  # ~/.cache/etp
    box: Path  # a pytest tmp_path
    secret_file: Path  # holds a random secret the attacks try to read
    canary: Path  # an existing file the attacks try to delete
    named: list[Path] = field(default_factory=list, compare=False)  # every path `path` handed out

    @property
    def prefix(self) -> str:
        return f"ETP_HOSTILE_{self.token}_"

    @property
    def folders(self) -> dict[str, Path]:
        return {"repo": self.repo, "temp": self.temp, "home": self.home, "cache": self.cache, "box": self.box}

    def path(self, where: str, name: str) -> Path:
        target = self.folders[where] / f"{self.prefix}{name}"
        self.named.append(target)
        return target

    @classmethod
    def placeholder(cls) -> "Targets":
        """Targets with dummy folders: enough to list the cases' names and classes."""
        p = Path("/nonexistent")
        return cls("0", p / "repo", p / "temp", p / "home", p / "cache", p / "box", p / "secret", p / "canary")


@dataclass(frozen=True)
class Case:
    name: str
    cls: str  # one of CLASSES
    statement: str
    proof: str
    via: str = ""  # how the payload is hidden (a desync of classes 1-3), if it is
    partner_of: str = ""  # injection partners: the injector that must precede this case

    @property
    def honest(self) -> bool:
        return self.cls == "honest"


# ------------------------------------------------------------------ Lean text helpers


def lit(path: Path | str) -> str:
    """A path as a Lean string literal (our paths hold no quotes or backslashes)."""
    text = str(path)
    assert '"' not in text and "\\" not in text and "{" not in text, text
    return f'"{text}"'


def quote_free(path: Path | str) -> str:
    """A path as a Lean term without any `"`: for payloads hidden inside a string literal."""
    text = str(path)
    assert "'" not in text and "\\" not in text, text
    return "(String.mk [" + ", ".join(f"'{c}'" for c in text) + "])"


def write_cmd(path: Path | str) -> str:
    """`#eval` that creates `path` (one line; quotes allowed)."""
    return f'#eval IO.FS.writeFile {lit(path)} ""'


def write_cmd_q(path: Path | str) -> str:
    """`#eval` that creates `path`, with no `"` in it (to hide inside a string literal)."""
    return f"#eval IO.FS.writeFile {quote_free(path)} (toString 0)"


# Ways to hide commands (one or more lines, the last ending the candidate) from a screen.
# Each ends the candidate with the hidden text, so the verifier's closing `)` on the next
# line ends the last command (a following term would continue its application).


def hide_nest(cmds: str) -> str:
    """`/-/- -/`: Lean skips the character after `/-` before it counts nesting (one level),
    a naive screen counts two and reads the commands as comment up to the final `-/`."""
    return f"trivial\n/-/- -/\n{cmds} -- -/"


def hide_arrow(cmds: str) -> str:
    """`<--`: Lean reads the token `<-` then `-`; a naive screen starts a line comment."""
    return "trivial" + "".join(f" <-- {line}\n" for line in cmds.split("\n")).rstrip("\n")


def hide_slashslash(cmds: str) -> str:
    """`//-`: Lean reads the token `//` then `-`; a naive screen opens a block comment."""
    return f"trivial //- hidden\n{cmds} -- -/"


def hide_or(cmds: str) -> str:
    """`\\/-`: `\\/` is Lean's ASCII `∨`, then `-`; a naive screen opens a block comment."""
    return f"trivial \\/- hidden\n{cmds} -- -/"


def hide_slashnest(cmds: str) -> str:
    """`/-/-/` is a whole comment to Lean (`/-`, skipped `/`, `-/`), two open levels to a
    naive screen."""
    return f"trivial /-/-/\n{cmds} -- -/ -/"


def hide_string(cmds_q: str, escape: str) -> str:
    """A string literal whose escape Lean rejects; the (quote-free) commands sit inside it
    and end in `--"`, so the screen sees the string close and Lean sees a comment."""
    return f'by\n  have := "{escape}\n{cmds_q} --"'


def hide_char(cmds_q: str, escape: str) -> str:
    """A char literal with an escape Lean rejects, then `"'`: the screen reads a char and a
    string, Lean resumes after the bad escape and reads the commands as code."""
    return f"by\n  have := '{escape}'\"' {cmds_q} --\""


def hide_letter(cmds_q: str, letter: str) -> str:
    """`x<letter>'"'`: Lean reads `x<letter>'` as one name (4.28 letters), so `"` opens a
    string for Lean that ends where a narrower lexer's string opens, and vice versa."""
    return f"by\n  have := x{letter}'\"' \"\n{cmds_q} --\""


STRING_ESCAPES = {"u41": "\\u{41}", "zero": "\\0", "gap": "a\\\n"}  # gap: backslash-newline, then a blank line
CHAR_ESCAPES = {"charzero": "\\0", "charu41": "\\u{41}"}
LETTERS = {"eacute": "é", "lstroke": "ł", "jsub": "\u2c7c", "mathbold": "\U0001d400", "otilde": "ő",
           "tonos": "ά", "cyrillic": "ж", "dz": "ǆ"}

COMMENT_HIDERS = {"nest": hide_nest, "arrow": hide_arrow, "slashslash": hide_slashslash, "or": hide_or,
                  "slashnest": hide_slashnest}


def hide(via: str, cmds: str, cmds_q: str | None = None) -> str:
    """Hide `cmds` by the desync named `via` (quote-free `cmds_q` for string/letter ones)."""
    if via in COMMENT_HIDERS:
        return COMMENT_HIDERS[via](cmds)
    q = cmds if cmds_q is None else cmds_q
    assert '"' not in q, (via, q)
    if via in STRING_ESCAPES:
        return hide_string(q, STRING_ESCAPES[via])
    if via in CHAR_ESCAPES:
        return hide_char(q, CHAR_ESCAPES[via])
    if via in LETTERS:
        return hide_letter(q, LETTERS[via])
    raise KeyError(via)


# ---------------------------------------------------------------------------- cases


def comment_cases(t: Targets) -> list[Case]:
    skip_kernel = "by\n  /-/- -/\n  set_option debug.skipKernelTC true in\n  decide +kernel -- -/"
    return [
        Case("c_nest_skipkernel_false", "comment", FALSE, skip_kernel),
        Case("c_nest_skipkernel_one_two", "comment", ONE_TWO, skip_kernel),
        Case("c_nest_native_decide_true", "comment", TRUE_ARITH, "by\n  /-/- -/ native_decide -- -/"),
        Case("c_nest_decide_native_true", "comment", TRUE_ARITH, "by\n  decide /-/- -/ +native -- -/"),
        Case("c_nest_ofreducebool", "comment", BLE, "/-/- -/ Lean.ofReduceBool _ _ rfl -- -/"),
        Case("c_nest_warn_sorry", "comment", FALSE,
             "by\n  /-/- -/\n  set_option warn.sorry false in\n  exact sorry -- -/"),
        Case("c_nest_exit", "comment", FALSE, hide_nest("#exit")),
        Case("c_nest_close_paren", "comment", FALSE,
             "trivial\n/-/- -/ )\naxiom c_nest_cp : False\nexample : False := (c_nest_cp -- -/"),
        Case("c_arrow_axiom", "comment", FALSE, hide_arrow("axiom c_arrow_ax : False")),
        Case("c_slashslash_skipkernel", "comment", FALSE, hide_slashslash("set_option debug.skipKernelTC true")),
        Case("c_or_macro", "comment", FALSE,
             hide_or("macro_rules | `(tactic| trivial) => `(tactic| exact sorry)")),
        Case("c_slashnest_exit", "comment", ONE_TWO, hide_slashnest("#exit")),
        Case("c_doc_comment", "comment", FALSE, "trivial /-- doc\n" + write_cmd(t.path("repo", "c_doc")) + "\n-/"),
        Case("c_doc_bang", "comment", FALSE, "trivial /-! module doc\n" + write_cmd(t.path("temp", "c_doc_bang")) + "\n-/"),
        Case("c_doc_in_tactic", "comment", FALSE, "by\n  /-- doc -/\n  exact sorry"),
        Case("c_turnstile", "comment", FALSE, "trivial |-- " + write_cmd(t.path("box", "c_turnstile"))),
        Case("c_line_separator", "comment", FALSE, "trivial -- \u2028" + write_cmd(t.path("box", "c_u2028"))),
        Case("c_next_line", "comment", FALSE, "trivial -- \u0085" + write_cmd(t.path("box", "c_u0085"))),
        Case("c_lone_cr", "comment", FALSE, "trivial -- \r" + write_cmd(t.path("box", "c_cr"))),
        Case("c_unterminated", "comment", FALSE, "trivial /- swallow the rest of the file"),
        Case("c_close_without_open", "comment", FALSE, "trivial -/ " + write_cmd(t.path("box", "c_close"))),
    ]


def string_cases(t: Targets) -> list[Case]:
    return [
        Case("s_u41_skipkernel", "string", FALSE, hide("u41", "set_option debug.skipKernelTC true")),
        Case("s_zero_axiom", "string", FALSE, hide("zero", "axiom s_zero_ax : False")),
        Case("s_gap_macro_rules", "string", FALSE,
             hide("gap", "macro_rules | `(tactic| trivial) => `(tactic| exact sorry)")),
        Case("s_charzero_warn_sorry", "string", FALSE, hide("charzero", "set_option warn.sorry false")),
        Case("s_charu41_exit", "string", FALSE, hide("charu41", "#exit")),
        Case("s_u41_eval_print", "string", FALSE, hide("u41", "#eval (toString 12345)")),
        Case("s_raw_hash", "string", FALSE,
             'by\n  have := r#"\n' + write_cmd(t.path("box", "s_raw_hash")) + '\n"#\n  exact absurd rfl (by decide : (1 : Nat) ≠ 1)'),
        Case("s_raw_unterminated", "string", FALSE, 'by\n  have := r#"swallow " the rest'),
        Case("s_interpolated", "string", FALSE, 'by\n  have := s!"{(1 : Nat)}"\n  exact absurd rfl (by decide : (1 : Nat) ≠ 1)'),
        Case("s_interpolated_u41", "string", FALSE, 'by\n  have := s!"\\u{7B}\n' + write_cmd_q(t.path("box", "s_interp_u")) + ' --"'),
        Case("s_interpolated_io", "string", FALSE,
             'by\n  have := s!"{IO.FS.writeFile ' + lit(t.path("box", "s_interp_io")) + ' (toString 0)}"\n  exact absurd rfl (by decide : (1 : Nat) ≠ 1)'),
        Case("s_unterminated", "string", FALSE, 'by\n  have := "swallow\n  trivial'),
        Case("s_bad_hex", "string", FALSE, 'by\n  have := "\\x4\n' + write_cmd_q(t.path("box", "s_bad_hex")) + ' --"'),
        Case("s_triple_quote_char", "string", FALSE, "by\n  have := '''\"' " + write_cmd_q(t.path("box", "s_triple")) + ' --"'),
        Case("s_char_newline", "string", FALSE, "by\n  have := '\n'\n  exact sorry"),
        Case("s_name_quotation", "string", FALSE, "by exact `(False)"),
        Case("s_json_message", "string", ONE_TWO,
             'by\n  have := "{\\"severity\\":\\"information\\",\\"data\\":\\"ok\\"}"\n  decide'),
    ]


def alphabet_cases(t: Targets) -> list[Case]:
    return [
        Case("a_eacute_skipkernel", "alphabet", FALSE, hide("eacute", "set_option debug.skipKernelTC true")),
        Case("a_lstroke_axiom", "alphabet", FALSE, hide("lstroke", "axiom a_lstroke_ax : False")),
        Case("a_jsub_exit", "alphabet", FALSE, hide("jsub", "#exit")),
        Case("a_tonos_macro", "alphabet", FALSE,
             hide("tonos", "macro_rules | `(tactic| trivial) => `(tactic| exact sorry)")),
        Case("a_cyrillic_warn_sorry", "alphabet", FALSE, hide("cyrillic", "set_option warn.sorry false")),
        Case("a_dz_instance", "alphabet", FALSE, hide("dz", "instance : Decidable False := isTrue sorry")),
        Case("a_greek_omicron_sorry", "alphabet", FALSE, "by sοrry"),
        Case("a_cyrillic_sorry", "alphabet", FALSE, "by ѕorry"),
        Case("a_math_script_sorry", "alphabet", FALSE, "by exact 𝓼𝓸𝓻𝓻𝔂"),
        Case("a_fullwidth_sorry", "alphabet", FALSE, "by ｓｏｒｒｙ"),
        Case("a_quoted_sorry", "alphabet", FALSE, "«sorry»"),
        Case("a_quoted_native", "alphabet", TRUE_ARITH, "by «native_decide»"),
        Case("a_quoted_root_lean", "alphabet", BLE, "_root_.«Lean».ofReduceBool _ _ rfl"),
        Case("a_quoted_dotted", "alphabet", BLE, "«Lean.ofReduceBool» _ _ rfl"),
        Case("a_zero_width_sorry", "alphabet", FALSE, "by sor\u200bry"),
        Case("a_combining_sorry", "alphabet", FALSE, "by sorr\u0308y"),
        Case("a_bidi", "alphabet", ONE_TWO, "by decide -- \u202e ) sorry (\u202c"),
        Case("a_number_then_letter", "alphabet", FALSE,
             "by\n  have := 0xé'\"' \"\n" + write_cmd_q(t.path("box", "a_number")) + ' --"'),
        Case("a_subscript_j_name", "alphabet", FALSE, "by\n  have xⱼ : False := sorry\n  exact xⱼ"),
        Case("a_subscript_quote", "alphabet", FALSE, hide_letter(write_cmd_q(t.path("box", "a_subscript")), "₁")),
        Case("a_greek_quote", "alphabet", FALSE, hide_letter(write_cmd_q(t.path("box", "a_greek")), "α")),
    ]


def injection_cases(t: Targets) -> list[Case]:
    """Injector, then its partner: the partner alone is an ordinary failing proof."""
    pairs = [
        # (injector name, via, hidden commands, partner statement, partner proof)
        ("i_axiom_macro_trivial", "nest",
         "axiom i_ax1 : False\nmacro_rules | `(tactic| trivial) => `(tactic| exact i_ax1)", FALSE, "by trivial"),
        ("i_instance_ofnat", "arrow", "instance : OfNat Nat 2 := ⟨1⟩", ONE_TWO, "rfl"),
        ("i_instance_decidable_sorry", "slashslash", "instance i_dec3 : Decidable False := isTrue sorry", FALSE, "by decide"),
        ("i_warn_sorry_macro_omega", "or",
         "set_option warn.sorry false\nmacro_rules | `(tactic| omega) => `(tactic| exact sorry)", ONE_TWO, "by omega"),
        ("i_skipkernel_macro_decide", "slashnest",
         "set_option debug.skipKernelTC true\nmacro_rules | `(tactic| decide) => `(tactic| decide +kernel)", ONE_TWO, "by decide"),
        ("i_axiom_attribute_simp", "u41", "axiom i_ax6 : (1 : Nat) = 2\nattribute [simp] i_ax6", ONE_TWO, "by simp"),
        ("i_axiom_macro_rfl", "zero",
         "axiom i_ax7 : (1 : Nat) = 2\nmacro_rules | `(tactic| rfl) => `(tactic| exact i_ax7)", ONE_TWO, "by rfl"),
        ("i_open_scoped_instance", "eacute",
         "namespace IHid8\nscoped instance : OfNat Nat 2 := ⟨1⟩\nend IHid8\nopen IHid8", ONE_TWO, "by decide"),
        ("i_axiom_instance_decidable", "jsub",
         "axiom i_ax9 : (1 : Nat) = 2\ninstance : Decidable ((1 : Nat) = 2) := isTrue i_ax9", ONE_TWO, "by decide"),
        ("i_notation_false", "nest", 'notation "False" => True', FALSE, "trivial"),
        ("i_open_in_instance", "charzero",
         "def IHid11.one : Nat := 1\nopen IHid11 in\ninstance : OfNat Nat 2 := ⟨one⟩", ONE_TWO, "by decide"),
        ("i_inhabited_false", "lstroke",
         "axiom i_ax12 : False\ninstance : Inhabited False := ⟨i_ax12⟩", FALSE, "by exact default"),
        ("i_macro_sorry_warn_off", "gap",
         "set_option warn.sorry false\nmacro_rules | `(tactic| simp) => `(tactic| exact sorry)", FALSE, "by simp"),
    ]
    out = []
    for name, via, cmds, statement, partner in pairs:
        out.append(Case(name, "injection", FALSE, hide(via, cmds), via=via))
        out.append(Case(f"{name}__partner", "injection", statement, partner, partner_of=name))
    return out


def machine_cases(t: Targets) -> list[Case]:
    p = t.path
    secret = lit(t.secret_file)
    cases = [
        # direct spellings
        Case("m_eval_repo", "machine", FALSE, "trivial\n" + write_cmd(p("repo", "m_eval_repo"))),
        Case("m_open_temp", "machine", FALSE, f'trivial\nopen IO.FS in\n#eval writeFile {lit(p("temp", "m_open_temp"))} ""'),
        Case("m_root_home", "machine", FALSE, f'trivial\n#eval _root_.IO.FS.writeFile {lit(p("home", "m_root_home"))} ""'),
        Case("m_quoted_cache", "machine", FALSE, f'trivial\n#eval «IO».FS.writeFile {lit(p("cache", "m_quoted_cache"))} ""'),
        Case("m_quoted_dotted_box", "machine", FALSE, f'trivial\n#eval «IO».«FS».writeFile {lit(p("box", "m_quoted_box"))} ""'),
        Case("m_create_dir_repo", "machine", FALSE, f'trivial\n#eval IO.FS.createDirAll {lit(p("repo", "m_dir"))}'),
        Case("m_handle_temp", "machine", FALSE,
             f'trivial\n#eval do\n  let h ← IO.FS.Handle.mk {lit(p("temp", "m_handle"))} .write\n  h.putStrLn "x"'),
        Case("m_show_io_home", "machine", FALSE,
             f'trivial\n#eval show IO Unit from IO.FS.writeFile {lit(p("home", "m_show"))} ""'),
        Case("m_run_cmd_cache", "machine", FALSE, f'trivial\nrun_cmd IO.FS.writeFile {lit(p("cache", "m_run_cmd"))} ""'),
        Case("m_run_tac_box", "machine", FALSE, f'by\n  run_tac (IO.FS.writeFile {lit(p("box", "m_run_tac"))} "")\n  trivial'),
        Case("m_by_elab_repo", "machine", FALSE,
             f'by_elab do\n  IO.FS.writeFile {lit(p("repo", "m_by_elab"))} ""\n  return Lean.mkConst ``True.intro'),
        Case("m_spawn_box", "machine", FALSE,
             f'trivial\n#eval IO.Process.spawn {{ cmd := "touch", args := #[{lit(p("box", "m_spawn"))}] }}'),
        Case("m_output_sh_repo", "machine", FALSE,
             f'trivial\n#eval IO.Process.output {{ cmd := "sh", args := #["-c", "touch {p("repo", "m_sh")}"] }}'),
        Case("m_read_secret_print", "machine", FALSE, f"trivial\n#eval IO.FS.readFile {secret}"),
        Case("m_read_secret_copy", "machine", FALSE,
             f'trivial\n#eval do IO.FS.writeFile {lit(p("box", "m_secret_copy"))} (← IO.FS.readFile {secret})'),
        Case("m_env_print", "machine", FALSE, f'trivial\n#eval IO.getEnv "{SECRET_ENV}"'),
        Case("m_env_copy", "machine", FALSE,
             f'trivial\n#eval do IO.FS.writeFile {lit(p("temp", "m_env_copy"))} (toString (← IO.getEnv "{SECRET_ENV}"))'),
        Case("m_env_all_print", "machine", FALSE, 'trivial\n#eval IO.getEnv "HOME"'),
        Case("m_remove_canary", "machine", FALSE, f"trivial\n#eval IO.FS.removeFile {lit(t.canary)}"),
        Case("m_relative_up", "machine", FALSE,
             f'trivial\n#eval IO.FS.writeFile "{"../" * 12}{t.prefix}m_relative_up" ""'),
        Case("m_append_cache", "machine", FALSE,
             f'trivial\n#eval do\n  let h ← IO.FS.Handle.mk {lit(p("cache", "m_append"))} .append\n  h.putStr "x"'),
        Case("m_include_str_secret", "machine", FALSE, f"by\n  have := include_str {secret}\n  exact sorry"),
        Case("m_unsafe_io_term", "machine", FALSE,
             f'by\n  have := unsafeIO (IO.FS.writeFile {lit(p("box", "m_unsafe_io"))} "")\n  exact sorry'),
    ]
    # the same writes hidden from a screen by the desyncs of classes 1-3
    hidden = [("nest", "repo"), ("arrow", "temp"), ("slashslash", "home"), ("or", "cache"), ("slashnest", "box"),
              ("u41", "repo"), ("zero", "temp"), ("gap", "home"), ("charzero", "cache"), ("charu41", "box"),
              ("eacute", "repo"), ("lstroke", "temp"), ("jsub", "home"), ("mathbold", "cache"), ("otilde", "box")]
    for via, where in hidden:
        target = p(where, f"m_{via}_{where}")
        cases.append(Case(f"m_{via}_{where}", "machine", FALSE, hide(via, write_cmd(target), write_cmd_q(target)), via=via))
    cases += [
        Case("m_nest_secret_print", "machine", FALSE, hide("nest", f"#eval IO.FS.readFile {secret}"), via="nest"),
        Case("m_u41_secret_print", "machine", FALSE,
             hide("u41", f"#eval IO.FS.readFile {quote_free(t.secret_file)}"), via="u41"),
        Case("m_eacute_env_print", "machine", FALSE,
             hide("eacute", f"#eval IO.getEnv {quote_free(SECRET_ENV)}"), via="eacute"),
        Case("m_arrow_spawn", "machine", FALSE,
             hide("arrow", f'#eval IO.Process.spawn {{ cmd := "touch", args := #[{lit(p("box", "m_arrow_spawn"))}] }}'),
             via="arrow"),
        Case("m_eacute_raw_box", "machine", FALSE,
             'by\n  have := ér#" " ' + write_cmd(p("box", "m_raw_e")) + ' -- "#', via="eacute"),
    ]
    return cases


def classic_cases(t: Targets) -> list[Case]:
    return [
        Case("k_sorry_term", "classic", FALSE, "sorry"),
        Case("k_sorry_tactic", "classic", ONE_TWO, "by\n  sorry"),
        Case("k_sorry_true", "classic", TRUE_ARITH, "by sorry"),
        Case("k_sorry_root", "classic", FALSE, "by exact _root_.sorry"),
        Case("k_sorryAx", "classic", FALSE, "sorryAx False false"),
        Case("k_admit", "classic", FALSE, "by admit"),
        Case("k_stop", "classic", FALSE, "by\n  stop\n  trivial"),
        Case("k_native_decide", "classic", TRUE_ARITH, "by native_decide"),
        Case("k_decide_native", "classic", TRUE_ARITH, "by decide +native"),
        Case("k_decide_config_native", "classic", TRUE_ARITH, "by decide (config := { native := true })"),
        Case("k_ofReduceBool", "classic", BLE, "Lean.ofReduceBool _ _ rfl"),
        Case("k_trustCompiler", "classic", FALSE, "by\n  have := Lean.trustCompiler\n  exact absurd rfl (by decide : (1 : Nat) ≠ 1)"),
        Case("k_axiom_after", "classic", FALSE, "k_cheat\naxiom k_cheat : False"),
        Case("k_exit", "classic", FALSE, "by\n  trivial\n#exit"),
        Case("k_skipkernel_in_tactic", "classic", FALSE, "by\n  set_option debug.skipKernelTC true in\n  decide +kernel"),
        Case("k_skipkernel_in_term", "classic", ONE_TWO, "set_option debug.skipKernelTC true in (by decide +kernel)"),
        Case("k_decide_kernel", "classic", ONE_TWO, "by decide +kernel"),
        Case("k_implemented_by", "classic", ONE_TWO, "by rfl\n@[implemented_by id] def k_f : Nat := 1"),
        Case("k_unsafe", "classic", FALSE, "unsafe (unsafeCast ())"),
        Case("k_let_rec", "classic", FALSE, "let rec f : Nat → False := fun n => f (n + 1)\nf 0"),
        Case("k_where", "classic", FALSE, "k_aux\nwhere k_aux : False := k_aux"),
        Case("k_termination_by", "classic", FALSE,
             "k_loop 0\nwhere\n  k_loop (n : Nat) : False := k_loop (n + 1)\n  termination_by n\n  decreasing_by all_goals sorry"),
        Case("k_partial", "classic", FALSE, "k_p 0\nwhere\n  k_p (n : Nat) : False := k_p n\npartial def k_q : Nat := 0"),
        Case("k_theorem_after", "classic", FALSE, "trivial\ntheorem k_after : False := sorry"),
        Case("k_close_paren_early", "classic", FALSE, "by exact k_cp)\naxiom k_cp : False\nexample : False := (k_cp"),
        Case("k_close_paren_theorem", "classic", FALSE,
             "trivial)\ntheorem k_cp2 : False := sorry\nexample : True := (trivial"),
        Case("k_macro_after", "classic", FALSE, 'by\n  k_cheat_tac\nmacro "k_cheat_tac" : tactic => `(tactic| sorry)'),
        Case("k_instance_after", "classic", FALSE,
             "by\n  exact absurd trivial (by decide)\ninstance : Decidable False := isTrue sorry"),
        Case("k_opaque", "classic", FALSE, "k_op\nopaque k_op : False"),
        Case("k_classical_ofnonempty", "classic", FALSE, "Classical.ofNonempty"),
        Case("k_self_reference", "classic", FALSE, "by exact?"),
        Case("k_omega_false", "classic", ONE_TWO, "by omega"),
        Case("k_decide_false", "classic", FALSE, "by decide"),
        Case("k_panic", "classic", FALSE, 'panic! "no"'),
        Case("k_mutual", "classic", FALSE, "trivial\nmutual\ntheorem k_m : False := sorry\nend"),
    ]


HONEST = [
    Case("h_decide", "honest", "theorem t : 10 + 10 = 20", "by decide"),
    Case("h_omega", "honest", "theorem t (x y : Nat) (h : x < y) : x + 1 ≤ y", "by omega"),
    Case("h_simp", "honest", "theorem t (xs : List Nat) : (xs ++ []).length = xs.length", "by simp"),
    Case("h_fun", "honest", "theorem t (p : Prop) : p → p", "fun h => h"),
    Case("h_exists", "honest", "theorem t : ∃ n : Nat, n = 1", "⟨1, rfl⟩"),
    Case("h_cases", "honest", "theorem t : ∀ x : Bool, (x && true) = x", "by intro x; cases x <;> rfl"),
    Case("h_line_comment", "honest", "theorem t (a b : Nat) : a + b = b + a", "by\n  -- commutativity\n  omega"),
    Case("h_block_comment", "honest", "theorem t (a b : Nat) : a + b = b + a", "/- a comment -/ Nat.add_comm a b"),
    Case("h_prime", "honest", "theorem t (p q : Prop) (h : p) (h' : q) : p ∧ q", "⟨h, h'⟩"),
    Case("h_greek", "honest", "theorem t (α : Type) (a : α) : a = a", "rfl"),
    Case("h_subscript", "honest", "theorem t (x₁ x₂ : Nat) (h : x₁ = x₂) : x₂ = x₁", "h.symm"),
    Case("h_anonymous", "honest", "theorem t : True", "⟨⟩"),
    Case("h_mapsto", "honest", "theorem t (p : Prop) : p → p", "fun x ↦ x"),
    Case("h_trailing_comment", "honest", "theorem t (n : Nat) : n + 0 = n", "by simp -- simp closes it"),
    Case("h_or", "honest", "theorem t (p : Prop) (hp : p) : p ∨ False", "Or.inl hp"),
    Case("h_ne_two", "honest", "theorem t : (1 : Nat) ≠ 2", "by decide"),
    Case("h_omega_ne", "honest", "theorem t (a : Nat) (h : 0 < a) : a ≠ 0", "by omega"),
    Case("h_bool_cases", "honest", "theorem t (b : Bool) : b = true ∨ b = false", "by cases b <;> simp"),
    Case("h_trivial", "honest", "theorem t : True", "by trivial"),
    Case("h_greek_hyp", "honest", "theorem t (α β : Prop) (hα : α) (hβ : β) : β ∧ α", "⟨hβ, hα⟩"),
]


def build(t: Targets) -> list[Case]:
    """Every case in checking order: attacks by class (injection pairs last, so that what
    they inject can only reach their partners and the controls), honest controls interleaved."""
    attacks = (comment_cases(t) + string_cases(t) + alphabet_cases(t) + machine_cases(t) + classic_cases(t)
               + injection_cases(t))
    honest = list(HONEST)
    step = len(attacks) // len(honest)
    out: list[Case] = []
    for k, case in enumerate(attacks):
        out.append(case)
        if honest and (k + 1) % step == 0:
            out.append(honest.pop(0))
    return out + honest
