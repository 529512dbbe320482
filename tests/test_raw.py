from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.synchronize
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pipeline.raw import RawStore

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_blob_round_trip_by_content_hash(tmp_path):
    store = RawStore(tmp_path / "raw")
    sha = store.put_blob(b"evidence")
    assert sha == hashlib.sha256(b"evidence").hexdigest()
    assert (tmp_path / "raw" / "objects" / sha[:2] / sha).read_bytes() == b"evidence"
    assert store.get_blob(sha) == b"evidence" and store.has_blob(sha)
    assert store.put_blob(b"evidence") == sha  # idempotent
    leftovers = [p for p in (tmp_path / "raw" / "objects").rglob("*") if p.name.startswith(".tmp")]
    assert leftovers == []


def test_missing_and_malformed_blob_names(tmp_path):
    store = RawStore(tmp_path)
    absent = hashlib.sha256(b"never stored").hexdigest()
    assert not store.has_blob(absent)
    with pytest.raises(KeyError):
        store.get_blob(absent)
    with pytest.raises(ValueError, match="SHA-256"):
        store.get_blob("../../etc/passwd")


def test_record_round_trip_extracts_validators(tmp_path):
    store = RawStore(tmp_path)
    sha = store.put_blob(b"{}")
    headers = {"content-type": "application/json", "etag": '"abc"', "last-modified": "Wed, 07 Oct 2020 09:00:00 GMT"}
    local = datetime(2026, 6, 1, 13, 0, tzinfo=timezone(timedelta(hours=1)))
    store.record("https://h.example/api?a=1", status=200, headers=headers, sha256=sha, fetched_at=local)
    rec = store.last("https://h.example/api?a=1")
    assert rec is not None
    assert (rec.status, rec.headers, rec.sha256) == (200, headers, sha)
    assert rec.fetched_at == T0  # same instant, kept in UTC
    assert (rec.etag, rec.last_modified) == ('"abc"', "Wed, 07 Oct 2020 09:00:00 GMT")
    assert store.last("https://h.example/api?a=2") is None
    assert store.last("https://h.example/api") is None


def test_latest_record_wins_and_an_older_one_does_not_overwrite(tmp_path):
    store = RawStore(tmp_path)
    old, new = store.put_blob(b"old"), store.put_blob(b"new")
    store.record("u", status=200, headers={}, sha256=new, fetched_at=T0 + timedelta(seconds=1))
    store.record("u", status=200, headers={}, sha256=old, fetched_at=T0)
    assert store.last("u").sha256 == new
    store.record("u", status=200, headers={"ETag": "e2"}, sha256=old, fetched_at=T0 + timedelta(seconds=2))
    rec = store.last("u")
    assert rec.sha256 == old and rec.etag == "e2"


def test_record_rejects_missing_blob_and_naive_time(tmp_path):
    store = RawStore(tmp_path)
    with pytest.raises(ValueError, match="put_blob first"):
        store.record("u", status=200, headers={}, sha256=hashlib.sha256(b"x").hexdigest(), fetched_at=T0)
    sha = store.put_blob(b"x")
    with pytest.raises(ValueError, match="timezone-aware"):
        store.record("u", status=200, headers={}, sha256=sha, fetched_at=datetime(2026, 1, 1))


def test_index_is_wal_and_shared_between_instances(tmp_path):
    a, b = RawStore(tmp_path), RawStore(tmp_path)
    sha = a.put_blob(b"shared")
    a.record("u", status=200, headers={}, sha256=sha, fetched_at=T0)
    assert b.last("u").sha256 == sha and b.get_blob(sha) == b"shared"
    with sqlite3.connect(tmp_path / "index.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _writer(root: str, worker: int) -> None:
    store = RawStore(root)
    for i in range(40):
        sha = store.put_blob(f"shared body {i % 5}".encode())  # the same blobs from every process
        store.record(f"https://h.example/{worker}/{i}", status=200, headers={"n": str(i)}, sha256=sha,
                     fetched_at=datetime.now(UTC))


def test_several_processes_write_at_once(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), w)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0] * 4
    store = RawStore(tmp_path)
    for w in range(4):
        for i in range(40):
            rec = store.last(f"https://h.example/{w}/{i}")
            assert rec is not None and store.get_blob(rec.sha256) == f"shared body {i % 5}".encode()
    blobs = [p for p in Path(tmp_path, "objects").rglob("*") if p.is_file()]
    assert len(blobs) == 5


def _opener(root: str, start: multiprocessing.synchronize.Barrier) -> None:
    start.wait()
    RawStore(root)


def test_many_processes_opening_a_new_store_at_once(tmp_path):
    """Switching a fresh index to WAL takes an exclusive lock that sqlite's busy timeout does not
    always cover; twelve processes released together onto fresh stores used to fail ~1 in 30."""
    ctx = multiprocessing.get_context("fork")
    for trial in range(8):
        root = str(tmp_path / str(trial))
        start = ctx.Barrier(12)
        procs = [ctx.Process(target=_opener, args=(root, start)) for _ in range(12)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        assert [p.exitcode for p in procs] == [0] * 12
        with sqlite3.connect(Path(root) / "index.sqlite") as db:
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
