"""The data dictionary in docs/warehouse.md, generated from the schema and the summary SQL so the
documentation cannot drift from the tables: `python -m pipeline.dictionary` rewrites the section
between its markers, and a test fails when it is out of date."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from pipeline.warehouse import SQL_DIR, TABLES

DOC = Path(__file__).resolve().parent.parent / "docs" / "warehouse.md"
START, END = "<!-- dictionary:start -->", "<!-- dictionary:end -->"
SUMMARY_ORDER = ("referral_outcomes", "figure_claims", "figure_timeline", "new_figures", "platform_summary",
                 "platform_mentions_monthly")


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("''", "'")


def render() -> str:
    out = ["## Loaded tables", ""]
    for t in TABLES:
        out += [f"### `{t.name}`", "", t.comment, "", "| column | type | meaning |", "|---|---|---|"]
        out += [f"| `{c.name}` | {c.type} | {_cell(c.comment)} |" for c in t.columns]
        out.append("")
    out += ["## Summary tables", "", "Rebuilt from `warehouse/sql/<table>.sql` at every run.", ""]
    names = sorted((p.stem for p in SQL_DIR.glob("*.sql")),
                   key=lambda n: (SUMMARY_ORDER.index(n) if n in SUMMARY_ORDER else len(SUMMARY_ORDER), n))
    for name in names:
        sql = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
        table_comment = re.search(r"COMMENT ON TABLE \w+ IS '((?:[^']|'')*)';", sql)
        out += [f"### `{name}`", "", _cell(table_comment.group(1)) if table_comment else "", "",
                "| column | meaning |", "|---|---|"]
        out += [f"| `{col}` | {_cell(text)} |"
                for col, text in re.findall(r"COMMENT ON COLUMN \w+\.(\w+) IS '((?:[^']|'')*)';", sql)]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def updated(doc: str) -> str:
    before, rest = doc.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{render()}{END}{after}"


if __name__ == "__main__":
    DOC.write_text(updated(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    sys.exit(0)
