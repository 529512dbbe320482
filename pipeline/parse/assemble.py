"""Turning a parser's ordered list of blocks and tables into a `Document` with offsets.

Every parser produces the same drafts (`Para`, `TableDraft`) so that offset bookkeeping, the
title-once rule and the text layout ("\\n\\n" between blocks, "\\n" between rows of one table,
cells joined by `CELL_SEPARATOR`) live in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pipeline.document import Block, Cell, Document, Table
from pipeline.parse.errors import ParseError
from pipeline.parse.text import title_key

CELL_SEPARATOR = " | "
# How far into the body a repeat of the title is still "the title printed again" rather than
# a real sentence that happens to match it.
_TITLE_REPEAT_WINDOW = 6
_REPEATABLE_KINDS = ("heading", "paragraph", "title")


@dataclass
class Para:
    """A block's text, already cleaned. `page_marks` lists (offset in text, page) where a page
    begins inside it (the first mark at offset 0); empty for documents without pages."""

    text: str
    kind: str
    page_marks: list[tuple[int, int]] = field(default_factory=list)


@dataclass(eq=False)
class CellDraft:
    """One cell's cleaned text. A spanning cell appears in several grid positions as the *same*
    object, so its text is written once and every position shares the one span."""

    text: str


@dataclass
class TableDraft:
    rows: list[list[CellDraft]]
    header_rows: int
    caption: str | None = None
    page: int | None = None


def build_document(
    title: str,
    items: list[Para | TableDraft],
    *,
    published: date | None = None,
    page_count: int = 0,
) -> Document:
    """Lay out title and items as text, recording blocks, tables and page starts.

    Raises ParseError("empty_document") when nothing but the title is left, since a document
    without content means the main-content detection or the file itself failed."""
    items = _drop_title_repeats(title, items)
    if not any(isinstance(i, TableDraft) and i.rows or isinstance(i, Para) and i.text for i in items):
        raise ParseError("empty_document", "no main content found after removing boilerplate")
    out = _Writer(page_count)
    if title:
        out.block(title, "title", [(0, 1)] if page_count else [])
    for item in items:
        if isinstance(item, Para):
            if item.text:
                out.block(item.text, item.kind, item.page_marks)
        elif item.rows:
            out.table(item)
    return Document(
        title=title,
        text="".join(out.parts),
        blocks=out.blocks,
        tables=out.tables,
        page_starts=out.page_starts(),
        published=published,
    )


def _drop_title_repeats(title: str, items: list[Para | TableDraft]) -> list[Para | TableDraft]:
    """`items` without the blocks near the start that say what the title says (text.same_text,
    with the title's key computed once)."""
    key = title_key(title)
    if not key:
        return items
    head = [
        item
        for item in items[:_TITLE_REPEAT_WINDOW]
        if not (isinstance(item, Para) and item.kind in _REPEATABLE_KINDS and title_key(item.text) == key)
    ]
    return head + items[_TITLE_REPEAT_WINDOW:]


class _Writer:
    def __init__(self, page_count: int) -> None:
        self.parts: list[str] = []
        self.offset = 0
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self.page_count = page_count
        self.first_offset: dict[int, int] = {}

    def _write(self, text: str, separator: str) -> int:
        if self.parts:
            self.parts.append(separator)
            self.offset += len(separator)
        start = self.offset
        self.parts.append(text)
        self.offset += len(text)
        return start

    def _mark(self, page: int, offset: int) -> None:
        self.first_offset.setdefault(page, offset)

    def block(self, text: str, kind: str, page_marks: list[tuple[int, int]]) -> None:
        # _write inlined: this runs for every block of every document
        if self.parts:
            self.parts.append("\n\n")
            self.offset += 2
        start = self.offset
        self.offset = end = start + len(text)
        self.parts.append(text)
        self.blocks.append(Block(start, end, kind))
        for rel, page in page_marks:
            self._mark(page, start + rel)

    def table(self, draft: TableDraft) -> None:
        spans: dict[int, Cell] = {}
        for row_index, row in enumerate(draft.rows):
            pieces: list[str] = []
            fresh: list[CellDraft] = []
            for cell in row:
                if id(cell) not in spans and all(cell is not f for f in fresh):
                    fresh.append(cell)
            line_len = 0
            positions = []
            for cell in fresh:
                if pieces:
                    line_len += len(CELL_SEPARATOR)
                positions.append(line_len)
                pieces.append(cell.text)
                line_len += len(cell.text)
            if not fresh:
                continue
            line = CELL_SEPARATOR.join(pieces)
            start = self._write(line, "\n" if row_index and self.blocks[-1].kind == "table_row" else "\n\n")
            self.blocks.append(Block(start, start + len(line), "table_row"))
            if draft.page is not None:
                self._mark(draft.page, start)
            for cell, rel in zip(fresh, positions, strict=True):
                spans[id(cell)] = Cell(cell.text, start + rel, start + rel + len(cell.text))
        rows = [[spans[id(c)] for c in row] for row in draft.rows if row]
        self.tables.append(Table(rows=rows, header_rows=min(draft.header_rows, len(rows)), caption=draft.caption))

    def page_starts(self) -> list[int]:
        if not self.page_count:
            return []
        starts = [0] * self.page_count
        following = self.offset
        for page in range(self.page_count, 0, -1):
            following = min(self.first_offset.get(page, following), following)
            starts[page - 1] = following
        starts[0] = 0
        return starts
