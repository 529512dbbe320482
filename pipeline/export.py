"""Exports of the published warehouse for people who do not use DuckDB: one file per table plus
a Frictionless `datapackage.json` carrying every column's type and description, so the data
keeps its dictionary when it leaves the warehouse."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

# DuckDB type -> Table Schema type (https://specs.frictionlessdata.io/table-schema/)
_FIELD_TYPES = {"VARCHAR": "string", "DOUBLE": "number", "FLOAT": "number", "DECIMAL": "number",
                "INTEGER": "integer", "BIGINT": "integer", "HUGEINT": "integer", "SMALLINT": "integer",
                "DATE": "date", "TIMESTAMP": "datetime", "BOOLEAN": "boolean", "JSON": "object"}


def _field_type(duck_type: str) -> str:
    if duck_type.endswith("[]"):
        return "array"
    return _FIELD_TYPES.get(duck_type.split("(")[0], "any")


def export(con: duckdb.DuckDBPyConnection, out_dir: str | Path, fmt: str = "parquet") -> Path:
    """Writes every user table of `con` to `out_dir` and returns the datapackage.json path."""
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"format must be parquet or csv, not {fmt!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = con.execute("SELECT table_name, comment FROM duckdb_tables() WHERE NOT internal "
                         "ORDER BY table_name").fetchall()
    resources = []
    for name, comment in tables:
        path = out / f"{name}.{fmt}"
        options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
        con.execute(f"COPY {name} TO '{_sql_path(path)}' ({options})")
        fields = [{"name": col, "type": _field_type(typ), "description": desc or ""}
                  for col, typ, desc in con.execute(
                      "SELECT column_name, data_type, comment FROM duckdb_columns() "
                      "WHERE table_name = ? AND NOT internal ORDER BY column_index", [name]).fetchall()]
        rows = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        resources.append({"name": name, "path": path.name, "format": fmt,
                          "mediatype": "application/vnd.apache.parquet" if fmt == "parquet" else "text/csv",
                          "description": comment or "", "rows": rows, "schema": {"fields": fields}})
    package = {"name": "evidence-pipeline-warehouse", "profile": "data-package",
               "title": "Referral figures and platform mentions from public evidence", "resources": resources}
    target = out / "datapackage.json"
    target.write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
    return target


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
