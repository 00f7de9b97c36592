"""Lean's `--json` messages: parsing them out of a process's output, and formatting them."""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel

# The embedded build prints debug lines before Lean starts (including the first 200
# characters of the input file); Lean's own output begins after this line.
EMBEDDED_START_MARKER = "[DEBUG:G] Now calling lean_shell_main..."


class Position(BaseModel):
    line: int
    column: int


class LeanMessage(BaseModel):
    """One message Lean reported (`lean --json`)."""

    severity: Literal["information", "warning", "error"]
    data: str
    pos: Position
    end_pos: Position | None = None
    file_name: str = ""
    kind: str = ""

    def format(self) -> str:
        """`file:line:col: severity: message`, the form editors and CI logs understand."""
        return f"{self.file_name}:{self.pos.line}:{self.pos.column}: {self.severity}: {self.data}"


def parse_messages(stdout: str, *, embedded: bool) -> tuple[list[LeanMessage], bool]:
    """Lean messages in a `lean --json` output, and whether Lean's main was reached.

    Any line that is not one JSON message is ignored (the embedded build's debug noise).
    """
    lines = stdout.splitlines()
    started = not embedded
    messages: list[LeanMessage] = []
    for line in lines:
        if not started:
            started = line.strip() == EMBEDDED_START_MARKER
            continue
        if not line.startswith("{"):
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(raw, dict) or "severity" not in raw or "pos" not in raw:
            continue
        try:
            messages.append(
                LeanMessage(
                    severity=raw["severity"],
                    data=raw.get("data", ""),
                    pos=raw["pos"],
                    end_pos=raw.get("endPos"),
                    file_name=raw.get("fileName", ""),
                    kind=raw.get("kind", ""),
                )
            )
        except ValueError:
            continue
    return messages, started
