"""Ruled tables in PDFs, through pdfplumber's line-based table finder.

pdfplumber is ~60x slower than PDFium, so it only opens the pages PDFium flagged (ruling lines
or a "Table N" caption), and every page is closed after use: its per-page caches otherwise grow
to a gigabyte on long documents (reference/performance.md §1-2). On those pages only the
rulings and the characters inside a table are converted (`pdf_lean_page`)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pipeline.parse.assemble import CellDraft
from pipeline.parse.text import clean


@dataclass
class PdfTable:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[list[CellDraft]]

    def covers(self, x0: float, x1: float, top: float, bottom: float) -> bool:
        middle = (top + bottom) / 2
        return self.top - 1 <= middle <= self.bottom + 1 and x0 < self.x1 and x1 > self.x0


def find_tables(content: bytes, pages: list[int]) -> dict[int, list[PdfTable]]:
    """Tables (with at least two rows and two columns) on the given 1-based pages."""
    if not pages:
        return {}
    # Imported here: 0.3 s of start-up most documents never need.
    import pdfplumber
    from pdfplumber.table import TableFinder

    from pipeline.parse.pdf_lean_page import LeanPage

    found: dict[int, list[PdfTable]] = {}
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for number in pages:
            page = pdf.pages[number - 1]
            try:
                lean = LeanPage(page)
                tables = TableFinder(lean).tables  # the default settings, as page.find_tables() has
                lean.convert_chars_within(table.bbox for table in tables)
                for table in tables:
                    rows = _rows(table.extract())
                    if len(rows) >= 2 and len(rows[0]) >= 2:
                        x0, top, x1, bottom = table.bbox
                        found.setdefault(number, []).append(PdfTable(number, x0, top, x1, bottom, rows))
            finally:
                page.close()
    return found


def _rows(raw: list[list[str | None]]) -> list[list[CellDraft]]:
    """pdfplumber gives None for grid positions covered by a merged cell; they share the cell
    to their left (or above), so the merged text is written once."""
    rows: list[list[CellDraft]] = []
    for r, raw_row in enumerate(raw):
        row: list[CellDraft] = []
        for c, value in enumerate(raw_row):
            if value is None and c > 0:
                row.append(row[-1])
            elif value is None and r > 0 and c < len(rows[-1]):
                row.append(rows[-1][c])
            else:
                row.append(CellDraft(_cell_text(value or "")))
        if any(cell.text for cell in row):
            rows.append(row)
    return rows


def _cell_text(value: str) -> str:
    value = re.sub(r"(?<=[^\W\d_])-\n(?=[a-z])", "", value)
    return clean(value)
