"""Collecting one source: discover, fetch, keep the bytes in the raw store, record what happened.

The Dagster layer calls `collect_source` once per source and `record_source` to write the result;
both are plain functions so the same path runs from tests and scripts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import duckdb

from pipeline import warehouse
from pipeline.config import SourceConfig
from pipeline.http import HttpClient
from pipeline.raw import RawStore
from pipeline.records import FetchedDocument, IngestError
from pipeline.sources import collector, hosts


class SourceFailed(RuntimeError):
    """Every request of a source failed: something systemic (a wrong base_url, a site down)."""


def doc_id_for(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


@dataclass
class SourceResult:
    source: str
    since: date | None
    started_at: datetime
    finished_at: datetime | None = None
    rows: list[dict] = field(default_factory=list)  # source_documents rows
    errors: list[IngestError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return not self.rows and bool(self.errors)

    def failure_line(self) -> str:
        reasons = sorted({e.error for e in self.errors})
        first = self.errors[0]
        return (f"source {self.source!r}: all {len(self.errors)} requests failed ({', '.join(reasons)}); "
                f"first: {first.url}: {first.detail or first.error}")


def collect_source(cfg: SourceConfig, client: HttpClient | None, raw: RawStore,
                   since: date | None, until: date | None = None) -> SourceResult:
    """Runs the source's collector to the end, keeping every document's bytes in the raw store.

    Documents are reduced to rows as they arrive, so memory holds one document at a time. With
    `until` (a backfill window), documents published after it are left out; undated ones stay."""
    result = SourceResult(source=cfg.name, since=since, started_at=datetime.now(UTC))
    if client is not None:
        for host in hosts(cfg):
            client.allow_host(host, cfg.rate_limit)
    for item in collector(cfg.kind)(client, cfg, since):
        if isinstance(item, IngestError):
            item.at = item.at or datetime.now(UTC)
            result.errors.append(item)
            continue
        if until and item.ref.published and item.ref.published > until:
            continue
        raw.put_blob(item.content)
        if cfg.get("publisher_is_actor"):
            item.ref.metadata = {**item.ref.metadata, "publisher_is_actor": True}
        result.rows.append(source_document_row(item))
    result.finished_at = datetime.now(UTC)
    return result


def source_document_row(doc: FetchedDocument) -> dict:
    ref = doc.ref
    return {
        "doc_id": doc_id_for(ref.url), "source": ref.source, "url": ref.url, "fetch_url": ref.fetch_url,
        "kind": ref.kind, "title": ref.title, "published_date": ref.published, "publisher": ref.publisher,
        "content_sha256": doc.sha256, "content_type": doc.content_type,
        "fetched_at": doc.fetched_at.astimezone(UTC).replace(tzinfo=None),
        "body_selector": ref.body_selector, "title_selector": ref.title_selector, "metadata": ref.metadata,
    }


def error_row(e: IngestError) -> dict:
    at = (e.at or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    return {"source": e.source, "url": e.url, "stage": e.stage, "error": e.error, "detail": e.detail,
            "attempts": e.attempts, "at": at}


def record_source(con: duckdb.DuckDBPyConnection, result: SourceResult, run_id: str) -> None:
    """Upserts what the source yielded and replaces its discover/fetch errors, in one transaction.

    Documents are upserted rather than replaced per source because an incremental run yields only
    what is new; the errors are those of this run alone."""
    naive = lambda t: t.astimezone(UTC).replace(tzinfo=None)  # noqa: E731
    with warehouse.transaction(con):
        warehouse.replace_rows(con, "source_documents", result.rows, key="doc_id",
                               keys=[r["doc_id"] for r in result.rows])
        con.execute("DELETE FROM ingest_errors WHERE source = ? AND stage IN ('discover', 'fetch')",
                    [result.source])
        warehouse.insert_rows(con, "ingest_errors", [error_row(e) for e in result.errors])
        warehouse.insert_rows(con, "source_runs", [{
            "source": result.source, "run_id": run_id, "started_at": naive(result.started_at),
            "finished_at": naive(result.finished_at or datetime.now(UTC)), "since": result.since,
            "documents": len(result.rows), "errors": len(result.errors), "succeeded": not result.failed}])


def last_success(con: duckdb.DuckDBPyConnection, source: str) -> date | None:
    """The date of the source's last successful run: an incremental run asks for what is new since."""
    row = con.execute("SELECT max(started_at) FROM source_runs WHERE source = ? AND succeeded",
                      [source]).fetchone()
    return row[0].date() if row and row[0] else None
