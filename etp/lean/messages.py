"""Lean's `--json` messages: parsing them out of a process's output, and formatting them."""

from __future__ import annotations

import json

from etp.core import LeanMessage

# The embedded build prints debug lines before Lean starts (including the first 200
# characters of the input file); Lean's own output begins after this line.
EMBEDDED_START_MARKER = "[DEBUG:G] Now calling lean_shell_main..."


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
