"""Word .docx → Document, reading word/document.xml (and footnotes.xml) with lxml.

The Committees API's OriginalFormat is often the witness's own .docx. Paragraph styles give
the block kinds (Title, Heading n, list paragraphs); footnote reference runs are dropped from the
text and the footnotes themselves are appended as footnote blocks."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from pipeline.document import Document
from pipeline.parse.assemble import CellDraft, Para, TableDraft, build_document
from pipeline.parse.errors import ParseError
from pipeline.parse.text import clean, same_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_SKIPPED_RUN_CHILDREN = {_W + "footnoteReference", _W + "endnoteReference"}
_SEPARATOR_NOTES = {"separator", "continuationSeparator", "continuationNotice"}
_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def parse_docx(content: bytes, *, title_hint: str | None = None) -> Document:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            document = etree.fromstring(archive.read("word/document.xml"), _XML)
            footnotes = _optional(archive, "word/footnotes.xml")
            core = _optional(archive, "docProps/core.xml")
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise ParseError("bad_docx", f"not a readable Word document: {exc}") from exc
    body = document.find(_W + "body")
    if body is None:
        raise ParseError("bad_docx", "word/document.xml has no body")

    title = ""
    items: list[Para | TableDraft] = []
    for kind, value in _blocks(body):
        if kind == "title" and not title:
            title = value
        elif kind == "table":
            items.append(value)
        elif kind != "title":
            items.append(Para(value, kind))
    if footnotes is not None:
        for note in footnotes.iter(_W + "footnote"):
            if note.get(_W + "type") not in _SEPARATOR_NOTES:
                text = clean(" ".join(_paragraph_text(p) for p in note.iter(_W + "p")))
                if text:
                    items.append(Para(text, "footnote"))
    if not title and title_hint:
        first = next((i for i in items[:3] if isinstance(i, Para) and same_text(i.text, title_hint)), None)
        title = first.text if first else clean(title_hint)
    if not title and core is not None:
        title = clean(core.findtext(_DC_TITLE) or "")
    return build_document(title, items)


def _optional(archive: zipfile.ZipFile, name: str) -> etree._Element | None:
    try:
        return etree.fromstring(archive.read(name), _XML)
    except KeyError:
        return None


def _blocks(container: etree._Element):
    """(kind, text or TableDraft) for each paragraph and table, in order; content controls
    (w:sdt) are looked through."""
    for el in container:
        if el.tag == _W + "p":
            text = clean(_paragraph_text(el))
            if text:
                yield _paragraph_kind(el), text
        elif el.tag == _W + "tbl":
            table = _table(el)
            if table.rows:
                yield "table", table
        elif el.tag == _W + "sdt":
            content = el.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content)


def _paragraph_kind(p: etree._Element) -> str:
    props = p.find(_W + "pPr")
    if props is None:
        return "paragraph"
    style = props.find(_W + "pStyle")
    name = (style.get(_W + "val") if style is not None else "") or ""
    lowered = name.lower()
    if lowered in ("title", "subtitle"):
        return "title" if lowered == "title" else "heading"
    if lowered.startswith("heading"):
        return "heading"
    if props.find(_W + "numPr") is not None or lowered.startswith("list"):
        return "list_item"
    return "paragraph"


def _paragraph_text(p: etree._Element) -> str:
    parts: list[str] = []
    for run in p.iter(_W + "r"):
        if any(child.tag in _SKIPPED_RUN_CHILDREN for child in run):
            continue
        for child in run:
            tag = child.tag
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag in (_W + "tab", _W + "br", _W + "cr"):
                parts.append(" ")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
    return "".join(parts)


def _table(tbl: etree._Element) -> TableDraft:
    """Rows of cells; a horizontally merged cell (gridSpan) fills its columns and a vertically
    merged one (vMerge) is the same cell as the one above it."""
    rows: list[list[CellDraft]] = []
    for tr in tbl.iter(_W + "tr"):
        if tr.getparent() is not tbl:
            continue  # rows of a nested table are read as that cell's text
        row: list[CellDraft] = []
        for tc in tr.iter(_W + "tc"):
            if tc.getparent() is not tr:
                continue
            props = tc.find(_W + "tcPr")
            span = 1
            merged_into_above = False
            if props is not None:
                grid_span = props.find(_W + "gridSpan")
                if grid_span is not None:
                    span = max(1, int(grid_span.get(_W + "val", "1")))
                v_merge = props.find(_W + "vMerge")
                merged_into_above = v_merge is not None and v_merge.get(_W + "val") != "restart"
            column = len(row)
            if merged_into_above and rows and column < len(rows[-1]):
                cell = rows[-1][column]
            else:
                cell = CellDraft(clean(" ".join(_paragraph_text(p) for p in tc.iter(_W + "p"))))
            row.extend([cell] * span)
        if any(c.text for c in row):
            rows.append(row)
    return TableDraft(rows, header_rows=1)
