"""Parsing and extraction of the documents that need it, in a process pool, loaded in batches.

A document needs processing when its bytes, the parser version or the extractor version differ
from what the warehouse last recorded for it; everything else is left alone, so a daily run costs
in proportion to what changed and a version bump re-processes from the raw store alone.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache

import duckdb

from pipeline import warehouse
from pipeline.extract import EXTRACTOR_VERSION, extract
from pipeline.parse import PARSER_VERSION, ParseError, parse
from pipeline.raw import RawStore

# Below this many documents a pool's start-up costs more than it saves.
POOL_THRESHOLD = 40
BATCH_SIZE = 500
CHUNK_SIZE = 16  # documents per task sent to a worker
# Documents submitted ahead of the consumer: enough to keep the workers busy through a batch load
# and its checkpoint, few enough that memory does not grow with the archive.
IN_FLIGHT = 2 * BATCH_SIZE


@dataclass
class Processed:
    """Rows for one document, ready to load; `error` set when it could not be parsed."""

    doc_id: str
    document: dict
    text: str = ""
    figures: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    error: dict | None = None


def pending(con: duckdb.DuckDBPyConnection, force: bool = False) -> list[dict]:
    """source_documents rows whose processed form is missing or stale."""
    cols = [c.name for c in warehouse.TABLE_BY_NAME["source_documents"].columns]
    select = ", ".join(f"s.{c}" for c in cols)
    stale = "" if force else """
        WHERE d.doc_id IS NULL OR d.content_sha256 IS DISTINCT FROM s.content_sha256
           OR d.parser_version IS DISTINCT FROM ? OR d.extractor_version IS DISTINCT FROM ?"""
    params = [] if force else [PARSER_VERSION, EXTRACTOR_VERSION]
    rows = con.execute(
        f"SELECT {select} FROM source_documents s LEFT JOIN documents d USING (doc_id) {stale} "
        "ORDER BY s.doc_id", params).fetchall()
    return [dict(zip(cols, r, strict=True)) for r in rows]


@lru_cache(maxsize=4)
def _raw_store(raw_root: str) -> RawStore:
    """One RawStore per worker: opening one runs sqlite set-up (2-3 ms, and a lock the workers
    contend for), which cost as much as parsing a press release when done per document."""
    return RawStore(raw_root)


def process_one(row: dict, raw_root: str) -> Processed:
    """Parses and extracts one document from the raw store; never raises for a bad document."""
    content = _raw_store(raw_root).get_blob(row["content_sha256"])
    now = datetime.now(UTC).replace(tzinfo=None)
    doc_row = {k: row[k] for k in ("doc_id", "source", "kind", "url", "title", "published_date", "publisher",
                                   "content_sha256", "content_type", "fetched_at", "metadata")}
    doc_row.update(parser_version=PARSER_VERSION, extractor_version=EXTRACTOR_VERSION, processed_at=now)
    try:
        doc = parse(content, row["content_type"], title_hint=row["title"],
                    body_selector=row["body_selector"], title_selector=row["title_selector"])
    except ParseError as e:
        doc_row.update(parse_status="error", text_chars=0, pages=None)
        return Processed(row["doc_id"], doc_row, error={
            "source": row["source"], "url": row["url"], "stage": "parse", "error": e.reason,
            "detail": e.detail, "attempts": 1, "at": now})
    published: date | None = row["published_date"] or doc.published
    doc_row.update(title=row["title"] or doc.title, published_date=published, pages=doc.pages,
                   text_chars=len(doc.text), parse_status="ok")
    figures, mentions = extract(doc, published)
    doc_id = row["doc_id"]
    fig_rows = [{
        "figure_id": f"{doc_id}:{i}", "doc_id": doc_id, "value": f.value, "unit": f.unit,
        "measure": f.measure, "qualifier": f.qualifier, "item": f.item, "actor": f.actor,
        "platforms": list(f.platforms), "period_start": f.period_start, "period_end": f.period_end,
        "as_of": f.as_of, "parent_figure_id": f"{doc_id}:{f.parent_index}" if f.parent_index is not None else None,
        "sentence": f.sentence, "char_start": f.char_start, "char_end": f.char_end, "page": f.page,
        "measure_text": f.measure_text, "extractor_version": EXTRACTOR_VERSION,
        "statement_key": statement_key(row["url"], f.value, f.unit, f.measure, f.sentence),
    } for i, f in enumerate(figures)]
    mention_rows = [{
        "mention_id": f"{doc_id}:{i}", "doc_id": doc_id, "platform": m.platform, "surface": m.surface,
        "char_start": m.char_start, "char_end": m.char_end, "page": m.page, "sentence": m.sentence,
    } for i, m in enumerate(mentions)]
    return Processed(doc_id, doc_row, doc.text, fig_rows, mention_rows)


def statement_key(url: str, value: float, unit: str, measure: str, sentence: str) -> str:
    """Identifies a statement across runs and extractor versions, unlike figure_id (a position)."""
    return hashlib.sha256(f"{url}\x1f{value:g}\x1f{unit}\x1f{measure}\x1f{sentence}".encode()).hexdigest()[:20]


def _process_chunk(rows: list[dict], raw_root: str) -> list[Processed]:
    return [process_one(row, raw_root) for row in rows]


def process_all(rows: list[dict], raw_root: str, workers: int | None = None) -> Iterator[Processed]:
    """Yields processed documents in input order, across processes when there are enough of them.

    Processes rather than threads because parsing is CPU-bound Python. At most IN_FLIGHT documents
    are submitted ahead of the consumer: `pool.map` submits everything at once, so whenever the
    caller is slower than the workers (a long checkpoint while loading) their results pile up in
    memory without bound."""
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(rows) < POOL_THRESHOLD:
        for row in rows:
            yield process_one(row, raw_root)
        return
    chunks = (rows[i : i + CHUNK_SIZE] for i in range(0, len(rows), CHUNK_SIZE))
    window: deque[Future[list[Processed]]] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for chunk in chunks:
            window.append(pool.submit(_process_chunk, chunk, raw_root))
            if len(window) * CHUNK_SIZE >= IN_FLIGHT:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


def load(con: duckdb.DuckDBPyConnection, batch: Iterable[Processed]) -> dict[str, int]:
    """Replaces every row of the batch's documents in all four tables in one transaction."""
    batch = list(batch)
    # Only documents loaded before have rows to replace: a first load skips four deletes.
    ids = [r[0] for r in con.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                                     [[p.doc_id for p in batch]]).fetchall()]
    counts = {}
    with warehouse.transaction(con):
        counts["documents"] = warehouse.replace_rows(con, "documents", [p.document for p in batch],
                                                     key="doc_id", keys=ids)
        counts["document_text"] = warehouse.replace_rows(
            con, "document_text", [{"doc_id": p.doc_id, "text": p.text} for p in batch], key="doc_id", keys=ids)
        counts["referral_figures"] = warehouse.replace_rows(
            con, "referral_figures", [f for p in batch for f in p.figures], key="doc_id", keys=ids)
        counts["platform_mentions"] = warehouse.replace_rows(
            con, "platform_mentions", [m for p in batch for m in p.mentions], key="doc_id", keys=ids)
        known = set(ids)
        urls = [p.document["url"] for p in batch if p.doc_id in known]
        if urls:
            con.execute("DELETE FROM ingest_errors WHERE stage IN ('parse', 'extract') AND url IN "
                        "(SELECT unnest(?::VARCHAR[]))", [urls])
        counts["ingest_errors"] = warehouse.insert_rows(con, "ingest_errors", [p.error for p in batch if p.error])
    return counts


def process_pending(con: duckdb.DuckDBPyConnection, raw_root: str, *, force: bool = False,
                    workers: int | None = None) -> dict[str, int]:
    """Processes everything stale, loading every BATCH_SIZE documents so memory stays flat."""
    totals = {"processed": 0, "parse_errors": 0, "figures": 0, "mentions": 0}
    batch: list[Processed] = []

    def flush() -> None:
        counts = load(con, batch)
        totals["figures"] += counts["referral_figures"]
        totals["mentions"] += counts["platform_mentions"]
        batch.clear()

    for p in process_all(pending(con, force), raw_root, workers):
        totals["processed"] += 1
        totals["parse_errors"] += p.error is not None
        batch.append(p)
        if len(batch) >= BATCH_SIZE:
            flush()
    if batch:
        flush()
    return totals
