"""The raw store: every response body kept by content hash, with the latest response per URL.

Bodies live as files named by their SHA-256 (`root/objects/ab/<sha256>`), so the same bytes
fetched from two URLs or on two days are stored once, and parsing can always be re-run from here
without touching the network. The index of "what did this URL last answer" is an sqlite file in
WAL mode, because several processes (a Dagster step's workers, an analyst's `evidence` command)
may read and write it at once; sqlite serialises the writers and WAL keeps readers unblocked.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    url TEXT PRIMARY KEY,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT
)
"""


@dataclass
class RawRecord:
    """The latest stored response for one URL. Header names are as the caller gave them;
    `etag` and `last_modified` are pulled out (case-insensitively) for conditional requests."""

    url: str
    status: int
    headers: dict[str, str]
    sha256: str
    fetched_at: datetime
    etag: str | None
    last_modified: str | None


def _header(headers: dict[str, str], name: str) -> str | None:
    wanted = name.lower()
    return next((v for k, v in headers.items() if k.lower() == wanted), None)


class RawStore:
    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.objects = self.root / "objects"
        self.objects.mkdir(parents=True, exist_ok=True)
        self.index_path = self.root / "index.sqlite"
        self._init_index()

    def _init_index(self) -> None:
        """Switching to WAL needs an exclusive lock, and sqlite does not always call its busy
        handler for it, so several processes opening a new store at once can see "database is
        locked" despite the connection timeout. The mode is persistent, so only the first opener
        needs it; the others wait and retry until it is set."""
        deadline = time.monotonic() + 30.0
        delay = 0.01
        while True:
            try:
                with self._connect() as db:
                    if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                        db.execute("PRAGMA journal_mode=WAL")
                    db.execute(_SCHEMA)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # A connection per call keeps the store usable from threads and forked workers alike;
        # the timeout makes a writer wait for another process's write instead of failing.
        db = sqlite3.connect(self.index_path, timeout=30.0)
        try:
            with db:  # commits, or rolls back on error
                yield db
        finally:
            db.close()

    def _path(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.objects / sha256[:2] / sha256

    def put_blob(self, content: bytes) -> str:
        """Writes via a temporary file and os.replace so that a reader (or a crash) never sees a
        half-written blob; two processes storing the same bytes both end with the same file."""
        sha256 = hashlib.sha256(content).hexdigest()
        path = self._path(sha256)
        if path.exists():
            return sha256
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(content)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha256

    def get_blob(self, sha256: str) -> bytes:
        try:
            return self._path(sha256).read_bytes()
        except FileNotFoundError:
            raise KeyError(sha256) from None

    def has_blob(self, sha256: str) -> bool:
        return self._path(sha256).exists()

    def record(self, url: str, *, status: int, headers: dict[str, str], sha256: str,
               fetched_at: datetime) -> None:
        """Keeps the latest response per URL: an older `fetched_at` (a slower process finishing
        late) never overwrites a newer one. A record must point at a stored blob, otherwise a
        later conditional GET could answer 304 with bytes the store does not have."""
        if fetched_at.tzinfo is None:
            raise ValueError(f"record for {url}: fetched_at must be timezone-aware, not {fetched_at!r}")
        if not self.has_blob(sha256):
            raise ValueError(f"record for {url}: blob {sha256} is not in the raw store (put_blob first)")
        row = (url, status, json.dumps(headers, sort_keys=True), sha256,
               fetched_at.astimezone(UTC).isoformat(timespec="microseconds"),
               _header(headers, "ETag"), _header(headers, "Last-Modified"))
        with self._connect() as db:
            db.execute(
                "INSERT INTO responses (url, status, headers, sha256, fetched_at, etag, last_modified) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET status=excluded.status, headers=excluded.headers, "
                "sha256=excluded.sha256, fetched_at=excluded.fetched_at, etag=excluded.etag, "
                "last_modified=excluded.last_modified "
                "WHERE excluded.fetched_at >= responses.fetched_at",
                row,
            )

    def last(self, url: str) -> RawRecord | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT url, status, headers, sha256, fetched_at, etag, last_modified "
                "FROM responses WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        return RawRecord(url=row[0], status=row[1], headers=json.loads(row[2]), sha256=row[3],
                         fetched_at=datetime.fromisoformat(row[4]), etag=row[5], last_modified=row[6])
