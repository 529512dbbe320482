"""The data dictionary in docs/warehouse.md, generated from the schema and the summary SQL so the
documentation cannot drift from the tables: `python -m pipeline.dictionary` rewrites the section
between its markers, and a test fails when it is out of date. With `--answers WAREHOUSE` it also
rewrites the analysts' questions (pipeline/questions.py) with their answers on that warehouse."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from pipeline.questions import QUESTIONS
from pipeline.warehouse import SQL_DIR, TABLES

DOC = Path(__file__).resolve().parent.parent / "docs" / "warehouse.md"
START, END = "<!-- dictionary:start -->", "<!-- dictionary:end -->"
Q_START, Q_END = "<!-- questions:start -->", "<!-- questions:end -->"
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


def _between(doc: str, start: str, end: str, content: str) -> str:
    before, rest = doc.split(start, 1)
    _, after = rest.split(end, 1)
    return f"{before}{start}\n{content}{end}{after}"


def updated(doc: str) -> str:
    return _between(doc, START, END, render())


def render_questions(con) -> str:
    """Each question with its SQL and its answer on `con` (the demo warehouse)."""
    out = []
    for n, (question, sql) in enumerate(QUESTIONS, 1):
        rel = con.execute(sql.strip())
        columns, rows = [d[0] for d in rel.description], rel.fetchall()
        out += [f"### {n}. {question}", "", "```sql", sql.strip(), "```", "", _markdown(columns, rows), ""]
    return "\n".join(out)


def _markdown(columns: list[str], rows: list[tuple]) -> str:
    if not rows:
        return "_(no rows on the demo data)_"

    def cell(value) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return f"{value:.0f}"
        return _cell(str(value))

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    doc = updated(DOC.read_text(encoding="utf-8"))
    if argv[:1] == ["--answers"]:
        import duckdb

        con = duckdb.connect(argv[1], read_only=True)
        try:
            doc = _between(doc, Q_START, Q_END, render_questions(con))
        finally:
            con.close()
    DOC.write_text(doc, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
