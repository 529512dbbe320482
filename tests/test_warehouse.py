from datetime import date

import pytest

from pipeline import warehouse


@pytest.fixture
def con(tmp_path):
    c = warehouse.connect(tmp_path / "w.duckdb")
    warehouse.ensure_schema(c)
    yield c
    c.close()


def test_every_table_and_column_has_a_comment(con):
    warehouse.ensure_schema(con)  # twice: idempotent
    tables = dict(con.execute("SELECT table_name, comment FROM duckdb_tables()").fetchall())
    for spec in warehouse.TABLES:
        assert tables[spec.name]
    missing = con.execute("SELECT table_name, column_name FROM duckdb_columns() "
                          "WHERE NOT internal AND comment IS NULL").fetchall()
    assert missing == []


def _figure(doc_id, n, value):
    return {"figure_id": f"{doc_id}:{n}", "doc_id": doc_id, "value": value, "unit": "count", "measure": "referred",
            "qualifier": "exact", "platforms": ["Facebook"], "period_start": date(2020, 1, 1), "sentence": "s",
            "char_start": 0, "char_end": 1}


def test_replace_rows_is_idempotent_and_scoped_to_its_keys(con):
    rows = [_figure("a", 0, 1218), _figure("a", 1, 578), _figure("b", 0, 5)]
    warehouse.insert_rows(con, "referral_figures", rows)
    for _ in range(2):
        warehouse.replace_rows(con, "referral_figures", [_figure("a", 0, 1218)], key="doc_id", keys=["a"])
    got = con.execute("SELECT figure_id, value, platforms FROM referral_figures ORDER BY 1").fetchall()
    assert got == [("a:0", 1218.0, ["Facebook"]), ("b:0", 5.0, ["Facebook"])]


def test_transaction_rolls_back_on_error(con):
    with pytest.raises(RuntimeError), warehouse.transaction(con):
        warehouse.insert_rows(con, "referral_figures", [_figure("a", 0, 1)])
        raise RuntimeError("boom")
    assert con.execute("SELECT count(*) FROM referral_figures").fetchone()[0] == 0


def test_publish_replaces_the_published_file_atomically(tmp_path, con):
    warehouse.insert_rows(con, "referral_figures", [_figure("a", 0, 1)])
    con.execute("CHECKPOINT")
    published = tmp_path / "out" / "evidence.duckdb"
    warehouse.publish(tmp_path / "w.duckdb", published)
    reader = warehouse.connect(published, read_only=True)
    assert reader.execute("SELECT count(*) FROM referral_figures").fetchone()[0] == 1
    warehouse.insert_rows(con, "referral_figures", [_figure("b", 0, 2)])
    con.execute("CHECKPOINT")
    warehouse.publish(tmp_path / "w.duckdb", published)
    # the open reader keeps its snapshot; a new reader sees the new file
    assert reader.execute("SELECT count(*) FROM referral_figures").fetchone()[0] == 1
    reader.close()  # within one process DuckDB shares an open database; other processes: tests/test_concurrency.py
    fresh = warehouse.connect(published, read_only=True)
    assert fresh.execute("SELECT count(*) FROM referral_figures").fetchone()[0] == 2
    assert not list(published.parent.glob("*.tmp"))


def test_a_file_from_an_older_release_gains_the_new_columns(tmp_path):
    c = warehouse.connect(tmp_path / "old.duckdb")
    c.execute("CREATE TABLE referral_figures (figure_id VARCHAR, doc_id VARCHAR, value DOUBLE)")
    c.execute("INSERT INTO referral_figures VALUES ('a:0', 'a', 5)")
    warehouse.ensure_schema(c)
    cols = [r[0] for r in c.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'referral_figures' "
                                    "ORDER BY column_index").fetchall()]
    assert cols[:3] == ["figure_id", "doc_id", "value"] and "statement_key" in cols
    assert c.execute("SELECT value FROM referral_figures").fetchall() == [(5.0,)]
    warehouse.insert_rows(c, "referral_figures", [_figure("b", 0, 7)])  # loads by column name
    assert c.execute("SELECT count(*) FROM referral_figures").fetchone()[0] == 2
    c.close()


def test_an_older_text_table_is_rebuilt_with_its_declared_compression(tmp_path):
    path = tmp_path / "old.duckdb"
    c = warehouse.connect(path)
    c.execute("CREATE TABLE document_text (doc_id VARCHAR, text VARCHAR)")  # as releases before zstd made it
    c.execute("INSERT INTO document_text SELECT i::VARCHAR, repeat('578 pages closed. ', 500) FROM range(300) t(i)")
    warehouse.ensure_schema(c)
    assert "USING COMPRESSION ZSTD" in c.execute(
        "SELECT sql FROM duckdb_tables() WHERE table_name = 'document_text'").fetchone()[0]
    assert c.execute("SELECT count(*), sum(length(text)) FROM document_text").fetchone() == (300, 300 * 18 * 500)
    assert c.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'document_text'").fetchone()[0]
    c.close()
    c = warehouse.connect(path)
    sql = "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '_rebuild%'"
    warehouse.ensure_schema(c)  # already current: nothing to do
    assert c.execute(sql).fetchone() == (0,)
    assert {r[0] for r in c.execute("SELECT compression FROM pragma_storage_info('document_text') "
                                    "WHERE column_name = 'text' AND segment_type = 'VARCHAR'").fetchall()} == {"ZSTD"}


def test_writers_use_small_row_groups_and_readers_see_the_same_tables(tmp_path):
    path = tmp_path / "w.duckdb"
    c = warehouse.connect(path)
    warehouse.ensure_schema(c)
    n = 3 * warehouse.ROW_GROUP_SIZE + 10
    warehouse.insert_rows(c, "document_text", [{"doc_id": str(i), "text": f"text {i}"} for i in range(n)])
    c.close()
    r = warehouse.connect(path, read_only=True)
    assert r.execute("SELECT count(*) FROM document_text").fetchone() == (n,)
    groups = r.execute("SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('document_text')").fetchone()[0]
    assert groups == 4
