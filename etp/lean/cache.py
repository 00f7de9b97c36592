"""A persistent cache of deterministic verdicts (SQLite, WAL), shared by threads and processes.

The key is the sha256 of everything a verdict depends on: the caller's key parts (runtime
key, header imports and opens, statement, proof, allow_sorry, and whatever else the caller
adds, such as the heartbeat limit or a digest of the library build) plus the screening
rules' version, so a stricter screen never serves a verdict the old one produced. Only
deterministic verdicts are kept (`proved`, `failed`, `rejected`, `sketch_ok`): a timeout or
an error depends on the machine's load and is always checked again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from etp.lean.screen import RULES_VERSION

if TYPE_CHECKING:
    from etp.core import Verdict

CACHEABLE = frozenset({"proved", "failed", "rejected", "sketch_ok"})
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS verdicts (
    key TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    verdict TEXT NOT NULL,
    created REAL NOT NULL
)
"""


def _plain(part: Any) -> Any:
    """A JSON-able form of one key part (pydantic models, tuples, paths included)."""
    if isinstance(part, BaseModel):
        return {"__model__": type(part).__name__, **_plain(part.model_dump(mode="json"))}
    if isinstance(part, dict):
        return {str(k): _plain(v) for k, v in sorted(part.items())}
    if isinstance(part, (list, tuple)):
        return [_plain(p) for p in part]
    if isinstance(part, Path):
        return str(part)
    if part is None or isinstance(part, (str, int, float, bool)):
        return part
    raise TypeError(f"cache key part of type {type(part).__name__} is not supported: {part!r}")


def library_digest(lean_path: list[Path]) -> str:
    """A digest of the built library a verdict was checked against (a key part: a proof of
    a statement that cites a library lemma is only as current as that lemma). Uses the
    builder's state file (per-module source hashes) where there is one, else the names,
    sizes and times of the `.olean` files."""
    digest = hashlib.sha256()
    for folder in map(Path, lean_path):
        digest.update(str(folder).encode() + b"\0")
        state = folder / ".etp-build.json"
        if state.exists():
            digest.update(state.read_bytes())
            continue
        if folder.is_dir():
            for olean in sorted(folder.rglob("*.olean")):
                st = olean.stat()
                digest.update(f"{olean.relative_to(folder)}:{st.st_size}:{st.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def cache_key(*parts: Any) -> str:
    """sha256 hex of the key parts and the versions of the cache and of the screening rules."""
    payload = json.dumps([SCHEMA_VERSION, RULES_VERSION, *map(_plain, parts)], ensure_ascii=False,
                         separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class VerdictCache:
    """Verdicts by key in an SQLite file; one connection per thread, WAL for readers."""

    def __init__(self, path: Path, *, timeout: float = 30.0):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.timeout = timeout
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._connect()  # create the schema now: errors surface here, not in a worker

    def _connect(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None,
                                   check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(_SCHEMA)
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    @staticmethod
    def key(*parts: Any) -> str:
        return cache_key(*parts)

    def get(self, *key_parts: Any) -> Verdict | None:
        """The cached verdict for these key parts (marked `cached`), or None."""
        from etp.core import Verdict

        row = self._connect().execute(
            "SELECT verdict FROM verdicts WHERE key = ?", (cache_key(*key_parts),)
        ).fetchone()
        if row is None:
            return None
        verdict = Verdict.model_validate_json(row[0])
        return verdict.model_copy(update={"cached": True})

    def put(self, *key_parts_and_verdict: Any) -> bool:
        """Store `verdict` (the last argument) under the key parts; False if not cacheable."""
        *key_parts, verdict = key_parts_and_verdict
        if not key_parts:
            raise TypeError("put() needs key parts before the verdict")
        if verdict.status not in CACHEABLE:
            return False
        stored = verdict.model_copy(update={"cached": False})
        self._connect().execute(
            "INSERT OR REPLACE INTO verdicts (key, status, verdict, created) VALUES (?, ?, ?, ?)",
            (cache_key(*key_parts), verdict.status, stored.model_dump_json(), time.time()),
        )
        return True

    def __len__(self) -> int:
        return self._connect().execute("SELECT COUNT(*) FROM verdicts").fetchone()[0]

    def close(self) -> None:
        """Close every thread's connection (the cache can be reopened by a new instance)."""
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    def __enter__(self) -> VerdictCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
