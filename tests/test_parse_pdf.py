"""PDF parsing on PDFs drawn with reportlab at test time: running header and page numbers,
a hyphenated line break, a superscript footnote marker after a figure with its footnote at the
page foot, a ruled table, a paragraph running over a page break."""

from __future__ import annotations

import io

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from reportlab.platypus import Table, TableStyle

from pipeline.parse import ParseError, parse

WIDTH, HEIGHT = A4
HEADER = "Example Agency written evidence (XYZ0042)"
TITLE = "Written evidence submitted by Example Agency"


def _furniture(c: canvas.Canvas, page: int, pages: int) -> None:
    c.setFont("Helvetica", 8)
    c.drawString(57, HEIGHT - 30, HEADER)
    c.drawCentredString(WIDTH / 2, 30, f"Page {page} of {pages}")


def _lines(c: canvas.Canvas, y: float, lines: list[str], size: float = 10, x: float = 62) -> float:
    c.setFont("Helvetica", size)
    for line in lines:
        c.drawString(x, y, line)
        y -= size * 1.2
    return y


@pytest.fixture(scope="module")
def evidence_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _furniture(c, 1, 2)
    c.setFont("Helvetica-Bold", 18)
    c.drawString(62, HEIGHT - 80, TITLE)
    y = _lines(
        c,
        HEIGHT - 120,
        [
            "1. Between January and May 2020 the Agency refer-",
            "red 1,218 pages to the platforms. Of these, 578 were closed",
        ],
    )
    # "and 485¹ remained open." with a real superscript: smaller type, raised baseline.
    text = c.beginText(62, y)
    text.setFont("Helvetica", 10)
    text.textOut("and 485")
    text.setFont("Helvetica", 6)
    text.setRise(4)
    text.textOut("1")
    text.setRise(0)
    text.setFont("Helvetica", 10)
    text.textOut(" remained open.")
    c.drawText(text)
    _lines(c, y - 30, ["2. The pages were mostly on Facebook and Instagram. Analysts found", "them by hand."])
    c.line(62, 95, 200, 95)  # footnote separator: a lone rule, not a table
    foot = c.beginText(62, 82)
    foot.setFont("Helvetica", 5)
    foot.setRise(3)
    foot.textOut("1")
    foot.setRise(0)
    foot.setFont("Helvetica", 8)
    foot.textOut(" Of which 60 were removed later.")
    c.drawText(foot)
    c.showPage()

    _furniture(c, 2, 2)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(62, HEIGHT - 80, "Table 1: Referrals by platform")
    table = Table([["Platform", "Referred", "Removed"], ["Facebook", "700", "400"], ["Instagram", "518", "178"]])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTSIZE", (0, 0), (-1, -1), 10)]))
    _, table_height = table.wrapOn(c, WIDTH, HEIGHT)
    table.drawOn(c, 62, HEIGHT - 95 - table_height)
    _lines(c, HEIGHT - 130 - table_height, ["3. The figures above were checked in June."])
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def doc(evidence_pdf: bytes):
    return parse(evidence_pdf, "pdf")


def test_figure_keeps_its_digits_and_marker_goes(doc) -> None:
    assert "and 485 remained open." in doc.text
    assert "4851" not in doc.text


def test_hyphenated_line_break_is_joined(doc) -> None:
    assert "the Agency referred 1,218 pages" in doc.text
    assert "refer-" not in doc.text


def test_running_header_and_page_numbers_dropped(doc) -> None:
    assert HEADER not in doc.text
    assert "Page 1" not in doc.text and "Page 2" not in doc.text


def test_title_once_from_large_type(doc) -> None:
    assert doc.title == TITLE
    assert doc.text.startswith(TITLE + "\n\n")
    assert doc.text.count(TITLE) == 1
    assert doc.blocks[0].kind == "title"


def test_lines_joined_into_paragraph_blocks(doc) -> None:
    paragraphs = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "paragraph"]
    assert paragraphs[0] == (
        "1. Between January and May 2020 the Agency referred 1,218 pages to the platforms. "
        "Of these, 578 were closed and 485 remained open."
    )
    assert paragraphs[1] == "2. The pages were mostly on Facebook and Instagram. Analysts found them by hand."


def test_footnote_at_page_foot_kept_without_marker(doc) -> None:
    footnotes = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "footnote"]
    assert footnotes == ["Of which 60 were removed later."]


def test_every_character_has_its_page(doc) -> None:
    assert doc.pages == 2
    assert doc.page_at(doc.text.index("485")) == 1
    assert doc.page_at(doc.text.index("Of which 60")) == 1
    assert doc.page_at(doc.text.index("518")) == 2
    assert doc.page_at(doc.text.index("checked in June")) == 2
    assert doc.page_at(len(doc.text) - 1) == 2


def test_ruled_table_becomes_a_table_and_rows(doc) -> None:
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert [[c.text for c in row] for row in table.rows] == [
        ["Platform", "Referred", "Removed"],
        ["Facebook", "700", "400"],
        ["Instagram", "518", "178"],
    ]
    assert table.header_rows == 1
    assert table.caption == "Table 1: Referrals by platform"
    for row in table.rows:
        for cell in row:
            assert doc.text[cell.start : cell.end] == cell.text
    rows = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "table_row"]
    assert rows == ["Platform | Referred | Removed", "Facebook | 700 | 400", "Instagram | 518 | 178"]
    # The cells are not emitted a second time as paragraph text.
    assert doc.text.count("518") == 1
    assert "Instagram | 518 | 178\n\n3. The figures above" in doc.text


def test_blocks_slice_back_out_of_text(doc) -> None:
    for block in doc.blocks:
        piece = doc.text[block.start : block.end]
        assert piece and piece == piece.strip() and "\n" not in piece


def test_paragraph_running_over_a_page_break_is_one_block() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _furniture(c, 1, 2)
    _lines(c, HEIGHT - 80, ["1. The first paragraph ends here."])
    _lines(c, 120, ["2. The second paragraph reports that 320 accounts were", "referred and then the"])
    c.showPage()
    _furniture(c, 2, 2)
    _lines(c, HEIGHT - 80, ["analysts checked each of them again."])
    c.showPage()
    c.save()
    doc = parse(buf.getvalue(), "pdf", title_hint="Evidence from the unit")
    assert doc.title == "Evidence from the unit"
    blocks = [doc.text[b.start : b.end] for b in doc.blocks]
    assert blocks[2] == (
        "2. The second paragraph reports that 320 accounts were referred and then the analysts checked "
        "each of them again."
    )
    assert doc.page_at(doc.text.index("320")) == 1
    assert doc.page_at(doc.text.index("analysts")) == 2


def test_body_title_matching_the_hint_is_kept_once() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _lines(c, HEIGHT - 80, ["Written evidence from the unit", "", "The unit referred 44 servers."])
    c.save()
    doc = parse(buf.getvalue(), "pdf", title_hint="Written evidence from the unit")
    assert doc.text == "Written evidence from the unit\n\nThe unit referred 44 servers."


def test_encrypted_pdf_is_reported() -> None:
    from reportlab.lib import pdfencrypt

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("secret"))
    c.drawString(100, 700, "hidden")
    c.save()
    with pytest.raises(ParseError) as err:
        parse(buf.getvalue(), "pdf")
    assert err.value.reason == "encrypted_pdf"


def test_corrupt_pdf_is_reported() -> None:
    with pytest.raises(ParseError) as err:
        parse(b"%PDF-1.4\nnot really a pdf", "pdf")
    assert err.value.reason == "bad_pdf"


def test_pdf_without_text_is_empty() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(100, 100, 200, 200)
    c.save()
    with pytest.raises(ParseError) as err:
        parse(buf.getvalue(), "pdf", title_hint="Scanned letter")
    assert err.value.reason == "empty_document"


def _marker_then_gap(
    c: canvas.Canvas, y: float, before: str, marker: str, after: str, rise: float, gap: float = 1
) -> None:
    """`before`, a raised smaller `marker`, then `after` drawn at its own x position with no space
    character between them: only the gap on the page separates the words."""
    c.setFont("Helvetica", 10)
    c.drawString(62, y, before)
    x = 62 + c.stringWidth(before, "Helvetica", 10)
    c.setFont("Helvetica", 6)
    c.drawString(x, y + rise, marker)
    x += c.stringWidth(marker, "Helvetica", 6) + gap
    c.setFont("Helvetica", 10)
    c.drawString(x, y, after)


@pytest.mark.parametrize("rise", [1, 4])  # PDFium keeps a low marker on the line, breaks after a high one
def test_dropped_marker_leaves_a_word_boundary(rise: float) -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _marker_then_gap(c, HEIGHT - 100, "The unit referred 1,012", "2", "items to the platforms.", rise)
    _marker_then_gap(c, HEIGHT - 114, "Removals fell from 6,915", "3", "in 2022 to 5,100", rise)
    _marker_then_gap(c, HEIGHT - 128, "It closed 3,100", "4", ", the rest stayed up.", rise, gap=0)
    c.save()
    doc = parse(buf.getvalue(), "pdf", title_hint="Evidence")
    assert "referred 1,012 items to the platforms." in doc.text
    assert "from 6,915 in 2022 to 5,100" in doc.text
    assert "It closed 3,100, the rest" in doc.text  # no space is made before punctuation


def test_figure_caption_in_small_type_at_the_page_top_stays_before_its_table() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _lines(c, HEIGHT - 100, ["1. The unit reports its referrals in the figure overleaf."])
    c.showPage()
    c.setFont("Helvetica-Oblique", 9)  # smaller than the body, inside the top margin band
    c.drawString(62, HEIGHT - 70, "Figure 5: Referrals and removals, 2023")
    table = Table([["Platform", "Referred", "Removed"], ["Facebook", "700", "400"]])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTSIZE", (0, 0), (-1, -1), 10)]))
    _, table_height = table.wrapOn(c, WIDTH, HEIGHT)
    table.drawOn(c, 62, HEIGHT - 80 - table_height)
    c.save()
    doc = parse(buf.getvalue(), "pdf", title_hint="Evidence")
    blocks = [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks]
    caption = blocks.index(("heading", "Figure 5: Referrals and removals, 2023"))
    assert blocks[caption + 1] == ("table_row", "Platform | Referred | Removed")
    assert doc.tables[0].caption == "Figure 5: Referrals and removals, 2023"
