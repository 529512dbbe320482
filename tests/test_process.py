"""Re-processing from the raw store: the worker pool, the Arrow batches it returns, and loading."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from pipeline import process, warehouse
from pipeline.config import SourceConfig
from pipeline.ingest import collect_source, record_source
from pipeline.raw import RawStore

CORPUS = Path(__file__).parent / "corpus"
LOADED = ("documents", "document_text", "referral_figures", "platform_mentions", "ingest_errors")


def _collect(folder: Path, workdir: Path) -> duckdb.DuckDBPyConnection:
    cfg = SourceConfig(name="folder", kind="directory", options={"path": str(folder)}, file=str(folder))
    con = warehouse.connect(workdir / "w.duckdb")
    warehouse.ensure_schema(con)
    record_source(con, collect_source(cfg, None, RawStore(workdir / "raw"), None), run_id="t")
    return con


def _contents(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every loaded row, without the columns that record when a run happened."""
    out = {}
    for table in LOADED:
        cols = [c.name for c in warehouse.TABLE_BY_NAME[table].columns if c.name not in ("processed_at", "at")]
        out[table] = con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY ALL").fetchall()
    return out


@pytest.fixture
def folder(tmp_path) -> Path:
    """The labelled corpus (enough documents for the pool to start) plus one broken PDF."""
    target = tmp_path / "docs"
    shutil.copytree(CORPUS, target, ignore=shutil.ignore_patterns("*.json", "*.md", "*.py"))
    (target / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not a PDF body")
    return target


def test_pool_and_single_process_load_the_same_rows(folder, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    con_a, con_b = _collect(folder, a), _collect(folder, b)
    assert len(process.pending(con_a)[0]) >= process.POOL_THRESHOLD  # so workers=2 really uses the pool
    ta = process.process_pending(con_a, str(a / "raw"), workers=1)
    tb = process.process_pending(con_b, str(b / "raw"), workers=2)
    assert ta == tb and ta["processed"] == len(list(folder.iterdir())) and ta["parse_errors"] == 1
    assert ta["figures"] > 200 and ta["mentions"] > 200
    assert _contents(con_a) == _contents(con_b)
    assert con_a.execute("SELECT error FROM ingest_errors WHERE stage = 'parse'").fetchall() == [("bad_pdf",)]


def test_reprocessing_replaces_rows_and_clears_a_fixed_documents_error(folder, tmp_path):
    con = _collect(folder, tmp_path)
    process.process_pending(con, str(tmp_path / "raw"), workers=2)
    first = _contents(con)
    again = process.process_pending(con, str(tmp_path / "raw"), force=True, workers=2)
    assert again["processed"] == len(list(folder.iterdir()))
    assert _contents(con) == first  # replaced, not duplicated

    good_pdf = next(p for p in sorted(folder.iterdir()) if p.suffix == ".pdf" and p.name != "broken.pdf")
    shutil.copyfile(good_pdf, folder / "broken.pdf")  # the publisher fixes the file: new bytes, same url
    cfg = SourceConfig(name="folder", kind="directory", options={"path": str(folder)}, file=str(folder))
    record_source(con, collect_source(cfg, None, RawStore(tmp_path / "raw"), None), run_id="t2")
    assert process.process_pending(con, str(tmp_path / "raw"), workers=1)["processed"] == 1
    assert con.execute("SELECT count(*) FROM ingest_errors WHERE stage = 'parse'").fetchone() == (0,)
    assert con.execute("SELECT parse_status, text_chars > 0 FROM documents WHERE url LIKE '%broken.pdf'").fetchall() \
        == [("ok", True)]


def test_a_failed_load_keeps_the_loaded_batches_and_the_rest_stay_pending(folder, tmp_path, monkeypatch):
    con = _collect(folder, tmp_path)
    total = len(process.pending(con)[0])
    for name, size in (("CHUNK_SIZE", 5), ("BATCH_SIZE", 5)):
        monkeypatch.setattr(process, name, size)
    real_load, calls = process.load, []

    def load_then_fail(con, batches, loaded):
        calls.append(1)
        if len(calls) == 5:  # documents 21-25; the first four batches are committed
            raise RuntimeError("disk full")
        return real_load(con, batches, loaded)

    monkeypatch.setattr(process, "load", load_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        process.process_pending(con, str(tmp_path / "raw"), workers=1)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (20,)
    assert len(process.pending(con)[0]) == total - 20
    monkeypatch.setattr(process, "load", real_load)
    assert process.process_pending(con, str(tmp_path / "raw"), workers=1)["processed"] == total - 20

    clean = _collect(folder, tmp_path / "clean")
    process.process_pending(clean, str(tmp_path / "clean" / "raw"), workers=1)
    assert _contents(con) == _contents(clean)


def test_batches_are_arrow_tables_in_the_warehouse_schema(folder, tmp_path):
    con = _collect(folder, tmp_path)
    rows = process.source_rows(con, process.pending(con)[0][:5])
    batch = process._process_chunk(rows, str(tmp_path / "raw"))
    assert batch.doc_ids == [r["doc_id"] for r in rows] and len(batch) == 5
    for name, table in batch.tables.items():
        assert table.schema == warehouse.TABLE_BY_NAME[name].arrow_schema
    assert batch.tables["documents"].num_rows == batch.tables["document_text"].num_rows == 5


def test_insert_rows_refuses_an_arrow_table_of_another_shape(tmp_path):
    con = warehouse.connect(tmp_path / "w.duckdb")
    warehouse.ensure_schema(con)
    with pytest.raises(ValueError, match="do not have its schema"):
        warehouse.insert_rows(con, "document_text", pa.table({"doc_id": ["a"], "body": ["text"]}))


def test_document_text_is_stored_with_zstd(tmp_path):
    path = tmp_path / "w.duckdb"
    con = warehouse.connect(path)
    warehouse.ensure_schema(con)
    warehouse.insert_rows(con, "document_text", [{"doc_id": str(i), "text": "Of these, 578 were closed. " * 400}
                                                 for i in range(200)])
    con.close()  # checkpoints
    con = warehouse.connect(path, read_only=True)
    kinds = {r[0] for r in con.execute(
        "SELECT compression FROM pragma_storage_info('document_text') WHERE column_name = 'text' "
        "AND segment_type = 'VARCHAR'").fetchall()}
    assert kinds == {"ZSTD"}
    assert con.execute("SELECT length(text) FROM document_text WHERE doc_id = '7'").fetchone() == (27 * 400,)
