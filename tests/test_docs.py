"""The data dictionary must describe what the warehouse actually holds."""

import duckdb

from pipeline import dictionary, warehouse


def test_data_dictionary_is_up_to_date():
    doc = dictionary.DOC.read_text(encoding="utf-8")
    assert dictionary.updated(doc) == doc, "run: python -m pipeline.dictionary"


def test_every_summary_column_is_commented(tmp_path):
    """Each summary's COMMENT statements must cover the columns its SELECT produces."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    warehouse.ensure_schema(con)
    con.execute("SET VARIABLE run_id = 'test'")
    for sql in sorted(warehouse.SQL_DIR.glob("*.sql")):
        warehouse.build_summary(con, sql.stem)
    missing = con.execute("SELECT table_name, column_name FROM duckdb_columns() "
                          "WHERE NOT internal AND comment IS NULL").fetchall()
    assert missing == []


def test_every_analyst_question_runs_on_the_demo_and_is_in_the_docs(demo):
    from pipeline.questions import QUESTIONS

    path, _ = demo
    doc = dictionary.DOC.read_text(encoding="utf-8")
    con = duckdb.connect(str(path), read_only=True)
    try:
        for question, sql in QUESTIONS:
            assert question in doc and sql.strip() in doc
            assert con.execute(sql).fetchall(), f"no answer on the demo: {question}"
    finally:
        con.close()
