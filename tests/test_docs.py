"""The data dictionary must describe what the warehouse actually holds."""

import re
from pathlib import Path

from pipeline import warehouse

ROOT = Path(__file__).resolve().parent.parent


def test_data_dictionary_lists_every_table_and_column():
    doc = (ROOT / "docs" / "warehouse.md").read_text()
    for spec in warehouse.TABLES:
        section = doc.split(f"### `{spec.name}`", 1)
        assert len(section) == 2, f"docs/warehouse.md has no section for {spec.name}"
        body = section[1].split("\n### ", 1)[0]
        for col in spec.columns:
            assert f"| `{col.name}` |" in body, f"{spec.name}.{col.name} is not documented"


def test_data_dictionary_lists_every_summary_column():
    doc = (ROOT / "docs" / "warehouse.md").read_text()
    for sql in sorted(warehouse.SQL_DIR.glob("*.sql")):
        body = doc.split(f"### `{sql.stem}`", 1)[1].split("\n### ", 1)[0]
        for col in re.findall(r"COMMENT ON COLUMN \w+\.(\w+) IS", sql.read_text()):
            assert f"| `{col}` |" in body, f"{sql.stem}.{col} is not documented"
