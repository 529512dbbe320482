"""PDF → Document, PDFium for text and geometry, pdfplumber only for ruled tables."""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.document import Document
from pipeline.parse.assemble import Para, build_document
from pipeline.parse.errors import ParseError
from pipeline.parse.pdf_layout import body_size, drop_running_lines, layout
from pipeline.parse.pdf_lines import PageText, read_page
from pipeline.parse.pdf_tables import find_tables
from pipeline.parse.text import clean, same_text


def parse_pdf(content: bytes, *, title_hint: str | None = None) -> Document:
    pages, metadata_title = _read(content)
    body = body_size(pages)
    drop_running_lines(pages, body)
    tables = find_tables(content, [p.number for p in pages if p.maybe_table])
    title_lines, items = layout(pages, tables, body)
    title = clean(" ".join(title_lines))
    if not title and title_hint:
        # The body's first block may be the title set in body type; keep it as the title.
        first = next((i for i in items[:3] if isinstance(i, Para) and same_text(i.text, title_hint)), None)
        title = first.text if first else clean(title_hint)
    title = title or clean(metadata_title)
    return build_document(title, items, page_count=len(pages))


def _read(content: bytes) -> tuple[list[PageText], str]:
    try:
        pdf = pdfium.PdfDocument(content)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ParseError("encrypted_pdf", "the PDF needs a password") from exc
        raise ParseError("bad_pdf", str(exc)) from exc
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                pages.append(read_page(page, index + 1))
            finally:
                page.close()
        title = pdf.get_metadata_dict().get("Title", "")
    except pdfium.PdfiumError as exc:
        raise ParseError("bad_pdf", str(exc)) from exc
    finally:
        pdf.close()
    if not pages:
        raise ParseError("empty_document", "the PDF has no pages")
    return pages, title
