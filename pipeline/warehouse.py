"""The DuckDB warehouse: schema with comments, idempotent loads, summaries, and publishing.

Runs write to a private build file and `publish` swaps a finished copy onto the file analysts
open, so a run never waits on an analyst's read lock and an analyst never sees a half-written
warehouse (reference/dagster.md §4, "write then swap").

Loads are set-based: rows are built as Arrow tables and inserted with one statement per table,
after deleting the rows they replace in the same transaction, so re-running a load leaves the same
rows, not twice as many.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import duckdb
import pyarrow as pa

SQL_DIR = Path(__file__).resolve().parent.parent / "warehouse" / "sql"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    comment: str
    compression: str | None = None  # DuckDB's choice unless set


@dataclass(frozen=True)
class TableSpec:
    name: str
    comment: str
    columns: tuple[Column, ...]

    @cached_property  # asked for by every chunk's Arrow build and every insert
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([(c.name, _ARROW[c.type]) for c in self.columns])


_ARROW = {
    "VARCHAR": pa.string(), "DOUBLE": pa.float64(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
    "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"), "BOOLEAN": pa.bool_(),
    "VARCHAR[]": pa.list_(pa.string()), "JSON": pa.string(),
}


def _t(name: str, comment: str, *cols: tuple[str, ...]) -> TableSpec:
    return TableSpec(name, comment, tuple(Column(*c) for c in cols))


# The loaded tables. Summary tables are defined by the SQL files in warehouse/sql/ and commented there.
TABLES: tuple[TableSpec, ...] = (
    _t("source_documents",
       "Every document a source has yielded, with the raw-store hash of its bytes: the input of parsing.",
       ("doc_id", "VARCHAR", "Stable id of the document: the first 16 hex digits of SHA-256 of its url."),
       ("source", "VARCHAR", "Name of the configured source that found it."),
       ("url", "VARCHAR", "Public address of the document, the one to cite."),
       ("fetch_url", "VARCHAR", "Where the bytes were fetched from when that differs (an API endpoint)."),
       ("kind", "VARCHAR", "written_evidence, oral_evidence, report, government_response, press_release, news, ..."),
       ("title", "VARCHAR", "Title known from the source's metadata, if any."),
       ("published_date", "DATE", "Publication date known from the source's metadata, if any."),
       ("publisher", "VARCHAR", "Organisation or committee that published it, if known."),
       ("content_sha256", "VARCHAR", "SHA-256 of the document bytes in the raw store."),
       ("content_type", "VARCHAR", "html, pdf, docx or text."),
       ("fetched_at", "TIMESTAMP", "When the bytes were fetched (UTC)."),
       ("body_selector", "VARCHAR", "CSS selector of the main content the source knows for its site."),
       ("title_selector", "VARCHAR", "CSS selector of the title the source knows for its site."),
       ("metadata", "JSON", "Source-specific metadata: internal reference, witnesses, committee, inquiry, HC number.")),
    _t("documents",
       "One row per document: where it came from, when, and whether it parsed.",
       ("doc_id", "VARCHAR", "Stable id of the document: the first 16 hex digits of SHA-256 of its url."),
       ("source", "VARCHAR", "Name of the configured source that found it."),
       ("kind", "VARCHAR", "written_evidence, oral_evidence, report, government_response, press_release, news, ..."),
       ("url", "VARCHAR", "Public address of the document, the one to cite."),
       ("title", "VARCHAR", "Title: from the source's metadata, else from the document itself."),
       ("published_date", "DATE", "Publication date: from the source's metadata, else from the document."),
       ("publisher", "VARCHAR", "Organisation or committee that published it, if known."),
       ("content_sha256", "VARCHAR", "SHA-256 of the raw bytes; the raw store keeps them under this hash."),
       ("content_type", "VARCHAR", "html, pdf, docx or text."),
       ("fetched_at", "TIMESTAMP", "When the bytes were fetched (UTC)."),
       ("pages", "INTEGER", "Number of pages for paged formats (PDF), else null."),
       ("text_chars", "INTEGER", "Length of the document text in characters (0 when parsing failed)."),
       ("parse_status", "VARCHAR", "ok, or error (the reason is in ingest_errors with stage parse)."),
       ("parser_version", "VARCHAR", "Version of the parser that produced the text."),
       ("extractor_version", "VARCHAR", "Version of the extractor that produced the figures and mentions."),
       ("metadata", "JSON", "Source-specific metadata: internal reference, witnesses, committee, inquiry, HC number."),
       ("processed_at", "TIMESTAMP", "When this row was last parsed and extracted (UTC).")),
    _t("document_text",
       "The text every span points into: the title once, then the main content.",
       ("doc_id", "VARCHAR", "The document."),
       # zstd: DuckDB's default analysis of 10-50 KB strings made checkpoints most of a load's time
       # (docs/performance.md); zstd checkpoints ~7x faster and stores the text in a quarter of the space.
       ("text", "VARCHAR", "Document text as defined in spec/extraction.md; char_start/char_end index into it.",
        "zstd")),
    _t("referral_figures",
       "Every statement of a referral figure (spec/extraction.md), with its provenance.",
       ("figure_id", "VARCHAR", "doc_id:n, n the figure's order in the document."),
       ("doc_id", "VARCHAR", "The document that states it."),
       ("value", "DOUBLE", "The number, normalised (1,218 -> 1218; 12k -> 12000; 74 per cent -> 74)."),
       ("unit", "VARCHAR", "count or percent."),
       ("measure", "VARCHAR", "referred, removed, not_removed or pending."),
       ("qualifier", "VARCHAR", "exact, at_least, at_most or approximate."),
       ("item", "VARCHAR", "What is counted, as written (social media pages; posts, pages or accounts)."),
       ("actor", "VARCHAR", "Who made the referrals, when the text says (NCA, CTIRU)."),
       ("platforms", "VARCHAR[]", "Canonical platform names the figure is specific to; empty when general."),
       ("period_start", "DATE", "Start of the period the referrals or removals happened in, when stated."),
       ("period_end", "DATE", "End of that period, when stated."),
       ("as_of", "DATE", "Date the count was taken (as of 3 September), when stated."),
       ("parent_figure_id", "VARCHAR", "For an outcome, the referred total it is part of, when the text links them."),
       ("sentence", "VARCHAR", "The sentence or table row the figure came from."),
       ("char_start", "INTEGER", "Start of the number in document_text.text (0-based, inclusive)."),
       ("char_end", "INTEGER", "End of the number in document_text.text (exclusive)."),
       ("page", "INTEGER", "1-based page of the number for paged documents, else null."),
       ("measure_text", "VARCHAR", "The words the measure was read from (taken down, remained open)."),
       ("statement_key", "VARCHAR", "Hash of url, value, unit, measure and sentence: the statement across runs."),
       ("extractor_version", "VARCHAR", "Version of the extractor that produced the row.")),
    _t("platform_mentions",
       "Every occurrence of a platform's name in a document's text.",
       ("mention_id", "VARCHAR", "doc_id:n, n the mention's order in the document."),
       ("doc_id", "VARCHAR", "The document."),
       ("platform", "VARCHAR", "Canonical name (Twitter for X, YouTube for You Tube, Baidu for Baidu BBS)."),
       ("surface", "VARCHAR", "The name as written."),
       ("char_start", "INTEGER", "Start of the name in document_text.text."),
       ("char_end", "INTEGER", "End of the name in document_text.text (exclusive)."),
       ("page", "INTEGER", "1-based page for paged documents, else null."),
       ("sentence", "VARCHAR", "The sentence the name occurs in.")),
    _t("ingest_errors",
       "Documents that could not be discovered, fetched or parsed in the latest run of their source, and why.",
       ("source", "VARCHAR", "Name of the configured source."),
       ("url", "VARCHAR", "The document or listing address that failed."),
       ("stage", "VARCHAR", "discover, fetch, parse or extract."),
       ("error", "VARCHAR", "Short reason: http_404, timeout, too_large, robots_disallowed, bad_pdf, ..."),
       ("detail", "VARCHAR", "The full message, for a person to act on."),
       ("attempts", "INTEGER", "How many attempts were made."),
       ("at", "TIMESTAMP", "When it failed (UTC).")),
    _t("figure_first_seen",
       "When each statement of a figure (by statement_key) was first loaded: the memory behind new_figures.",
       ("statement_key", "VARCHAR", "referral_figures.statement_key."),
       ("first_seen_run", "VARCHAR", "The run that first loaded it."),
       ("first_seen_at", "TIMESTAMP", "When (UTC).")),
    _t("source_runs",
       "One row per source per run: what was found, fetched and failed; the last success drives incremental runs.",
       ("source", "VARCHAR", "Name of the configured source."),
       ("run_id", "VARCHAR", "Dagster run id, or a local id for runs outside Dagster."),
       ("started_at", "TIMESTAMP", "When the source's collection started (UTC)."),
       ("finished_at", "TIMESTAMP", "When it finished (UTC)."),
       ("since", "DATE", "The since date the source was asked for, if any."),
       ("documents", "INTEGER", "Documents yielded."),
       ("errors", "INTEGER", "Errors recorded."),
       ("succeeded", "BOOLEAN", "False when every request of the source failed.")),
)
TABLE_BY_NAME = {t.name: t for t in TABLES}


# Rows per row group for files we write (DuckDB's default is 122,880). A checkpoint rewrites the
# row group that loads have been appending to, so with the default a growing document_text table
# made every checkpoint slower and the writer's memory grow with the archive (620 MB at 30,000
# documents); at 2,048 it stays near 300 MB, for about twice the blocks in the small-row tables.
ROW_GROUP_SIZE = 2048


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Readers open the file directly. Writers attach it, because a row group size can only be
    given to ATTACH; the connection's default catalogue is then the file, as with a direct open."""
    path = Path(path)
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(f"ATTACH {_quote(str(path))} AS warehouse (ROW_GROUP_SIZE {ROW_GROUP_SIZE})")
    con.execute("USE warehouse")
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Creates missing tables and (re)writes every comment, unless the file already has exactly
    this schema: writing ~100 comments costs about 0.3 s, paid by every step that opens the file.

    A file from an older release gains new columns in place, and a table whose columns lack a
    compression declared since is rebuilt with it (DuckDB cannot change a column's compression)."""
    expected = {(t.name, c.name, c.type, c.comment) for t in TABLES for c in t.columns}
    names = [t.name for t in TABLES]
    present = set(con.execute(
        "SELECT table_name, column_name, data_type, comment FROM duckdb_columns() "
        "WHERE NOT internal AND table_name IN (SELECT unnest(?::VARCHAR[]))", [names]).fetchall())
    ddl = dict(con.execute("SELECT table_name, sql FROM duckdb_tables() WHERE NOT internal "
                           "AND table_name IN (SELECT unnest(?::VARCHAR[]))", [names]).fetchall())
    stale = {t.name for t in TABLES if t.name in ddl and not _has_compression(t, ddl[t.name])}
    if expected <= present and not stale:
        return
    existing = {(table, column) for table, column, _, _ in present}
    for t in TABLES:
        con.execute(f"CREATE TABLE IF NOT EXISTS {t.name} ({_column_ddl(t)})")
        if any(table == t.name for table, _ in existing):  # a file from an older release: add new columns
            for c in t.columns:
                if (t.name, c.name) not in existing:
                    con.execute(f'ALTER TABLE {t.name} ADD COLUMN "{c.name}" {c.type}')
        if t.name in stale:
            _rebuild(con, t)
        con.execute(f"COMMENT ON TABLE {t.name} IS {_quote(t.comment)}")
        for c in t.columns:
            con.execute(f'COMMENT ON COLUMN {t.name}."{c.name}" IS {_quote(c.comment)}')


def _column_ddl(t: TableSpec) -> str:
    return ", ".join(f'"{c.name}" {c.type}' + (f" USING COMPRESSION {c.compression}" if c.compression else "")
                     for c in t.columns)


def _has_compression(t: TableSpec, sql: str) -> bool:
    return all(re.search(rf'"?{c.name}"?\s+{re.escape(c.type)}\s+USING COMPRESSION {c.compression}\b', sql, re.I)
               for c in t.columns if c.compression)


def _rebuild(con: duckdb.DuckDBPyConnection, t: TableSpec) -> None:
    cols = ", ".join(f'"{c.name}"' for c in t.columns)
    with transaction(con):
        con.execute(f"CREATE TABLE _rebuild_{t.name} ({_column_ddl(t)})")
        con.execute(f"INSERT INTO _rebuild_{t.name} ({cols}) SELECT {cols} FROM {t.name}")
        con.execute(f"DROP TABLE {t.name}")
        con.execute(f"ALTER TABLE _rebuild_{t.name} RENAME TO {t.name}")


def _quote(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def arrow_table(table: str, rows: Sequence[dict]) -> pa.Table:
    """Built column by column: one list and one `pa.array` per column, where a dict per row and
    `from_pylist` cost ten times as much and made the conversion most of a batch's load time."""
    spec = TABLE_BY_NAME[table]
    schema = spec.arrow_schema
    columns = []
    for c, f in zip(spec.columns, schema, strict=True):
        values = [r.get(c.name) for r in rows]
        if c.type == "JSON":
            values = [_jsonable(v, c.type) for v in values]
        columns.append(pa.array(values, type=f.type))
    return pa.Table.from_arrays(columns, schema=schema)


def _jsonable(value, type_: str):
    if type_ == "JSON" and value is not None and not isinstance(value, str):
        return json.dumps(value, default=str, sort_keys=True)
    return value


def replace_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict] | pa.Table, *,
                 key: str, keys: Iterable[str]) -> int:
    """Deletes the rows whose `key` is in `keys`, then inserts `rows`, as one set-based step.

    The caller runs it inside a transaction with the other tables of the same documents."""
    keys = list(dict.fromkeys(keys))
    if keys:
        con.register("_keys", pa.table({"k": pa.array(keys, pa.string())}))
        con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT k FROM _keys)")
        con.unregister("_keys")
    return insert_rows(con, table, rows)


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict] | pa.Table) -> int:
    """Rows may come as dicts or as an Arrow table already built by `arrow_table` (in a worker
    process, so that the loading process only inserts)."""
    batch = rows if isinstance(rows, pa.Table) else arrow_table(table, rows)
    if batch.schema != TABLE_BY_NAME[table].arrow_schema:
        raise ValueError(f"rows for {table} do not have its schema: {batch.schema}")
    if not batch.num_rows:
        return 0
    con.register("_batch", batch)
    cols = ", ".join(f'"{c.name}"' for c in TABLE_BY_NAME[table].columns)
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _batch")
    con.unregister("_batch")
    return batch.num_rows


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def summary_sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def build_summary(con: duckdb.DuckDBPyConnection, name: str) -> int:
    """Materialises warehouse/sql/<name>.sql as table <name>; returns its row count.

    Each SQL file holds one SELECT, optionally followed by COMMENT statements after a line
    `-- comments`, so the definition and its documentation live together."""
    sql = summary_sql(name)
    select, _, comments = sql.partition("-- comments")
    con.execute(f"CREATE OR REPLACE TABLE {name} AS {select.strip().rstrip(';')}")
    for stmt in re.split(r";\s*$", comments, flags=re.MULTILINE):
        if stmt.strip():
            con.execute(stmt)
    return con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]


def publish(build_path: str | Path, published_path: str | Path) -> Path:
    """Copies the finished build file next to the published file and renames it over it.

    The rename is atomic on POSIX: an analyst holding the old file open keeps reading the old
    snapshot, and any new connection sees the new one. The build file must be closed (and so
    checkpointed) by its writer first."""
    build_path, published_path = Path(build_path), Path(published_path)
    published_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = published_path.with_name(f".{published_path.name}.{os.getpid()}.tmp")
    shutil.copyfile(build_path, tmp)
    os.replace(tmp, published_path)
    return published_path
