"""Raw bytes → `pipeline.document.Document`.

`parse()` is the one entry point; each format lives in its own module. Bump `PARSER_VERSION`
whenever the text a parser produces changes: the warehouse re-parses every stored document
whose parser version differs."""

from __future__ import annotations

from pipeline.document import Document
from pipeline.parse.errors import ParseError

PARSER_VERSION = "6"  # 6: an h1 inside the content, other than the title, is a heading block

__all__ = ["PARSER_VERSION", "ParseError", "parse"]


def parse(
    content: bytes,
    content_type: str,
    *,
    title_hint: str | None = None,
    body_selector: str | None = None,
    title_selector: str | None = None,
) -> Document:
    """Parse `content` of `content_type` ("html", "pdf", "text" or "docx").

    `title_hint` is the title known from metadata: used when the document prints none, and to
    recognise the title repeated at the top of the body. The selectors are optional CSS a source
    knows for its site (HTML only); generic main-content detection works without them."""
    if content_type == "html":
        from pipeline.parse.html import parse_html

        return parse_html(content, title_hint=title_hint, body_selector=body_selector, title_selector=title_selector)
    if content_type == "pdf":
        from pipeline.parse.pdf import parse_pdf

        return parse_pdf(content, title_hint=title_hint)
    if content_type == "docx":
        from pipeline.parse.docx import parse_docx

        return parse_docx(content, title_hint=title_hint)
    if content_type == "text":
        from pipeline.parse.plaintext import parse_text

        return parse_text(content, title_hint=title_hint)
    raise ParseError("unsupported_type", f"no parser for content type {content_type!r}")
