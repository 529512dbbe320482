"""`evidence sql` and `evidence export` on the published demo warehouse, as an analyst runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent


def evidence(*args):
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


def test_sql_prints_table_csv_and_json(demo):
    path, _ = demo
    query = "SELECT referred, removed, parts_add_up FROM referral_outcomes WHERE referred = 1218 AND removed = 578"
    table = evidence("sql", query, "--warehouse", str(path))
    assert table.returncode == 0 and "1218" in table.stdout and "exact" in table.stdout
    rows = list(csv.DictReader(io.StringIO(evidence("sql", query, "--format", "csv", "--warehouse",
                                                    str(path)).stdout)))
    assert {"referred": "1218.0", "removed": "578.0", "parts_add_up": "exact"} in rows
    records = json.loads(evidence("sql", query, "--format", "json", "--warehouse", str(path)).stdout)
    assert {"referred": 1218.0, "removed": 578.0, "parts_add_up": "exact"} in records


def test_sql_is_read_only_and_reports_errors(demo):
    path, _ = demo
    out = evidence("sql", "DELETE FROM documents", "--warehouse", str(path))
    assert out.returncode == 2 and "read-only" in out.stderr.lower()
    out = evidence("sql", "SELECT nope FROM documents", "--warehouse", str(path))
    assert out.returncode == 2 and "nope" in out.stderr
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] > 0
    con.close()


def test_sql_without_a_warehouse_says_what_to_do(tmp_path):
    out = evidence("sql", "SELECT 1", "--warehouse", str(tmp_path / "none.duckdb"))
    assert out.returncode != 0 and "run `evidence run` first" in out.stderr


def test_export_writes_every_table_with_a_datapackage(demo, tmp_path):
    path, _ = demo
    for fmt in ("parquet", "csv"):
        out_dir = tmp_path / fmt
        result = evidence("export", str(out_dir), "--format", fmt, "--warehouse", str(path))
        assert result.returncode == 0, result.stderr
        package = json.loads((out_dir / "datapackage.json").read_text())
        names = {r["name"] for r in package["resources"]}
        assert {"documents", "referral_figures", "platform_mentions", "figure_claims", "referral_outcomes"} <= names
        figures = next(r for r in package["resources"] if r["name"] == "referral_figures")
        fields = {f["name"]: f for f in figures["schema"]["fields"]}
        assert fields["value"]["type"] == "number" and fields["platforms"]["type"] == "array"
        assert fields["as_of"]["type"] == "date" and fields["sentence"]["description"]
        data = out_dir / figures["path"]
        rows = pq.read_table(data).num_rows if fmt == "parquet" else sum(1 for _ in csv.reader(data.open())) - 1
        assert rows == figures["rows"] > 0
