"""LeanPage must find and extract exactly the tables pdfplumber's own `page.find_tables()`
does, while converting only the characters inside them."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from pdfplumber.table import TableFinder
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from reportlab.platypus import Table, TableStyle

from pipeline.parse.pdf_lean_page import LeanPage

WIDTH, HEIGHT = A4


def _grid(c: canvas.Canvas, rows: list[list[str]], x: float, y: float, spans: list | None = None) -> None:
    table = Table(rows)
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)] + [("SPAN", *s) for s in spans or []]
    table.setStyle(TableStyle(style))
    _, height = table.wrapOn(c, WIDTH, HEIGHT)
    table.drawOn(c, x, y - height)


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 10)
    for i in range(30):  # running text above, beside and below the tables
        c.drawString(62, HEIGHT - 60 - 12 * i, f"Line {i} of the evidence, 1,2{i}0 items referred in 2023.")
        c.drawString(400, HEIGHT - 60 - 12 * i, f"margin note {i}")
    _grid(c, [["Platform", "Referred", "Removed"], ["Facebook", "700", "400"], ["Instagram", "518", "178"]],
          62, HEIGHT - 450)
    _grid(c, [["Quarter", "Total", ""], ["Q1 2023", "1,234", "5"], ["", "9", "10"]], 62, HEIGHT - 560,
          spans=[((1, 0), (2, 0)), ((0, 1), (0, 2))])
    c.showPage()
    c.setFont("Helvetica", 10)
    c.drawString(62, HEIGHT - 60, "A page with no table at all.")
    c.save()
    return buf.getvalue()


def _lean_tables(page: pdfplumber.page.Page) -> tuple[LeanPage, list]:
    lean = LeanPage(page)
    tables = TableFinder(lean).tables
    lean.convert_chars_within(t.bbox for t in tables)
    return lean, [(t.bbox, t.extract()) for t in tables]


def test_same_tables_as_pdfplumber(pdf_bytes: bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            _, lean = _lean_tables(page)
            assert lean == [(t.bbox, t.extract()) for t in page.find_tables()]


def test_tables_found_with_merged_cells(pdf_bytes: bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        _, tables = _lean_tables(pdf.pages[0])
    assert [rows for _, rows in tables] == [
        [["Platform", "Referred", "Removed"], ["Facebook", "700", "400"], ["Instagram", "518", "178"]],
        [["Quarter", "Total", None], ["Q1 2023", "1,234", "5"], [None, "9", "10"]],
    ]


def test_only_characters_inside_tables_are_converted(pdf_bytes: bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        page = pdf.pages[0]
        lean, _ = _lean_tables(page)
        inside = "".join(ch["text"] for ch in lean.chars)
        assert "Facebook" in inside and "Q1 2023" in inside
        assert "evidence" not in inside and "margin" not in inside
        assert len(lean.chars) < len(page.chars) / 5
        _, no_tables = _lean_tables(pdf.pages[1])
    assert no_tables == []
