"""Parsing and extraction of the documents that need it, in a process pool, loaded in batches.

A document needs processing when its bytes, the parser version or the extractor version differ
from what the warehouse last recorded for it; everything else is left alone, so a daily run costs
in proportion to what changed and a version bump re-processes from the raw store alone.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache

import duckdb
import pyarrow as pa

from pipeline import warehouse
from pipeline.extract import EXTRACTOR_VERSION, extract
from pipeline.parse import PARSER_VERSION, ParseError, parse
from pipeline.raw import RawStore

# Below this many documents a pool's start-up costs more than it saves.
POOL_THRESHOLD = 40
BATCH_SIZE = 500  # documents per load, each its own transaction
CHUNK_SIZE = 16  # documents per task sent to a worker
# Documents submitted ahead of the consumer: enough to keep the workers busy through a batch load
# and its checkpoint, few enough that memory does not grow with the archive.
IN_FLIGHT = 2 * BATCH_SIZE
LOAD_MEMORY_LIMIT = "64MB"  # DuckDB's cap while loading (see process_pending)
FETCH_SIZE = 16 * CHUNK_SIZE  # source rows read from the warehouse at a time
WORKER_NICENESS = 5  # workers yield to the loader (see _yield_to_loader)


@dataclass
class Processed:
    """Rows for one document, ready to load; `error` set when it could not be parsed."""

    doc_id: str
    document: dict
    text: str = ""
    figures: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    error: dict | None = None


def pending(con: duckdb.DuckDBPyConnection, force: bool = False) -> tuple[list[str], set[str]]:
    """The doc_ids of source_documents whose processed form is missing or stale, in order, and
    those of them loaded before (the only ones with rows to delete).

    Ids only (about 70 bytes each, 10 MB for the Committees API's whole archive); `source_rows`
    fetches the rows a chunk at a time, so the parent's memory does not grow with the archive."""
    stale = "" if force else """
        WHERE d.doc_id IS NULL OR d.content_sha256 IS DISTINCT FROM s.content_sha256
           OR d.parser_version IS DISTINCT FROM ? OR d.extractor_version IS DISTINCT FROM ?"""
    params = [] if force else [PARSER_VERSION, EXTRACTOR_VERSION]
    rows = con.execute(f"SELECT s.doc_id, d.doc_id IS NOT NULL FROM source_documents s "
                       f"LEFT JOIN documents d USING (doc_id) {stale} ORDER BY s.doc_id", params).fetchall()
    return [r[0] for r in rows], {r[0] for r in rows if r[1]}


def source_rows(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> list[dict]:
    cols = [c.name for c in warehouse.TABLE_BY_NAME["source_documents"].columns]
    rows = con.execute(f"SELECT {', '.join(cols)} FROM source_documents "
                       "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY doc_id", [list(doc_ids)]).fetchall()
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


@dataclass
class Batch:
    """The rows of consecutive documents as Arrow tables, one per loaded table.

    Workers build these rather than return Processed objects: pickling Arrow buffers is nearly
    free where thousands of small dicts were not, and it leaves the single loading process only
    inserts to do (issue 7's rows-a-second target is the loader's)."""

    doc_ids: list[str]
    tables: dict[str, pa.Table]
    parse_errors: int = 0

    def __len__(self) -> int:
        return len(self.doc_ids)


def to_batch(processed: Sequence[Processed]) -> Batch:
    return Batch(
        [p.doc_id for p in processed],
        {
            "documents": warehouse.arrow_table("documents", [p.document for p in processed]),
            "document_text": warehouse.arrow_table(
                "document_text", [{"doc_id": p.doc_id, "text": p.text} for p in processed]),
            "referral_figures": warehouse.arrow_table("referral_figures", [f for p in processed for f in p.figures]),
            "platform_mentions": warehouse.arrow_table("platform_mentions", [m for p in processed for m in p.mentions]),
            "ingest_errors": warehouse.arrow_table("ingest_errors", [p.error for p in processed if p.error]),
        },
        sum(p.error is not None for p in processed))


def _process_chunk(rows: list[dict], raw_root: str) -> Batch:
    return to_batch([process_one(row, raw_root) for row in rows])


def _yield_to_loader() -> None:
    """Workers run a little below the loader's priority. The loader is the one serial step: with
    as many workers as cores it had to wait its turn for a core, and the workers then waited on it
    (their results queue behind a load). The cores stay as busy either way."""
    os.nice(WORKER_NICENESS)


def process_all(chunks: Iterable[list[dict]], raw_root: str, workers: int = 1) -> Iterator[Batch]:
    """Yields each chunk of source rows processed, in input order, across `workers` processes.

    Processes rather than threads because parsing is CPU-bound Python. Chunks are drawn lazily
    and at most IN_FLIGHT documents are submitted ahead of the consumer: `pool.map` submits
    everything at once, so whenever the caller is slower than the workers (a long checkpoint while
    loading) their results pile up in memory without bound."""
    if workers <= 1:
        for chunk in chunks:
            yield _process_chunk(chunk, raw_root)
        return
    window: deque[Future[Batch]] = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=_yield_to_loader) as pool:
        for chunk in chunks:
            window.append(pool.submit(_process_chunk, chunk, raw_root))
            if len(window) * CHUNK_SIZE >= IN_FLIGHT:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def load(con: duckdb.DuckDBPyConnection, batches: Sequence[Batch], loaded: set[str]) -> dict[str, int]:
    """Replaces every row of the batches' documents in all four tables in one transaction. Only
    the documents in `loaded` have rows to delete, so a first load skips the deletes."""
    # One contiguous table per insert: DuckDB scans a many-chunk table about half as fast.
    tables = {name: pa.concat_tables([b.tables[name] for b in batches]).combine_chunks() for name in batches[0].tables}
    ids = [d for b in batches for d in b.doc_ids if d in loaded]
    counts = {}
    with warehouse.transaction(con):
        for name in ("documents", "document_text", "referral_figures", "platform_mentions"):
            counts[name] = warehouse.replace_rows(con, name, tables[name], key="doc_id", keys=ids)
        if ids:
            con.execute("DELETE FROM ingest_errors WHERE stage IN ('parse', 'extract') AND url IN "
                        "(SELECT url FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[])))", [ids])
        counts["ingest_errors"] = warehouse.insert_rows(con, "ingest_errors", tables["ingest_errors"])
    return counts


def _chunks(con: duckdb.DuckDBPyConnection, ids: list[str]) -> Iterator[list[dict]]:
    """Source rows, CHUNK_SIZE at a time, read FETCH_SIZE at a time as the pool asks for them (one
    query per chunk cost the loader 7 ms each on a busy machine). The caller's loads run between
    these reads on the same connection, never during one."""
    for i in range(0, len(ids), FETCH_SIZE):
        rows = source_rows(con, ids[i : i + FETCH_SIZE])
        for j in range(0, len(rows), CHUNK_SIZE):
            yield rows[j : j + CHUNK_SIZE]


def process_pending(con: duckdb.DuckDBPyConnection, raw_root: str, *, force: bool = False,
                    workers: int | None = None) -> dict[str, int]:
    """Processes everything stale, loading every BATCH_SIZE documents so memory stays flat. A
    failure keeps the batches already loaded; the rest stay pending for the next run."""
    totals = {"processed": 0, "parse_errors": 0, "figures": 0, "mentions": 0}
    batches: list[Batch] = []
    # DuckDB keeps blocks it has written cached up to its memory limit (80% of RAM by default),
    # so without a cap the loader's memory grows with the warehouse. Loading needs little. One
    # DuckDB thread: the worker processes already have every core (measured: 10% less loader CPU).
    con.execute(f"SET memory_limit = '{LOAD_MEMORY_LIMIT}'")
    con.execute("SET threads = 1")

    def flush() -> None:
        counts = load(con, batches, loaded)
        totals["figures"] += counts["referral_figures"]
        totals["mentions"] += counts["platform_mentions"]
        batches.clear()

    ids, loaded = pending(con, force)
    chunks = _chunks(con, ids)
    workers = (workers or os.cpu_count() or 1) if len(ids) >= POOL_THRESHOLD else 1
    try:
        for batch in process_all(chunks, raw_root, workers):
            totals["processed"] += len(batch)
            totals["parse_errors"] += batch.parse_errors
            batches.append(batch)
            if sum(map(len, batches)) >= BATCH_SIZE:
                flush()
        if batches:
            flush()
    finally:
        con.execute("RESET memory_limit")
        con.execute("RESET threads")
    return totals
