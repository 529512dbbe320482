"""The parsed form of a document that every extractor reads.

Parsers (`pipeline.parse`) turn raw bytes into a `Document`; extractors (`pipeline.extract`)
only ever see this type. Offsets are character offsets into `Document.text`, which is what the
warehouse stores as provenance, so a span written to `referral_figures` can always be sliced out
of the stored document text again.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Block:
    """A run of text that no sentence crosses: the title, a heading, a paragraph, a list item,
    a table row or a footnote. `kind` is one of those words."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Cell:
    """A table cell and where its text sits in `Document.text`."""

    text: str
    start: int
    end: int


@dataclass
class Table:
    """A table kept as a table, so each cell can be read with its row and column headers.

    `rows[:header_rows]` are header rows; the first cell of each body row is its row header.
    Every cell's text also appears in `Document.text` at `Cell.start:Cell.end`."""

    rows: list[list[Cell]]
    header_rows: int = 1
    caption: str | None = None


@dataclass
class Document:
    """Title once, then main content; see spec/extraction.md "Document text"."""

    title: str
    text: str
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    # page_starts[i] is the offset where page i + 1 begins; empty for documents without pages.
    page_starts: list[int] = field(default_factory=list)
    # A publication date found in the document itself (used when no metadata gives one).
    published: date | None = None

    @property
    def pages(self) -> int | None:
        return len(self.page_starts) or None

    def page_at(self, offset: int) -> int | None:
        """1-based page of the character at `offset`, or None for unpaged documents."""
        if not self.page_starts:
            return None
        return max(1, bisect_right(self.page_starts, offset))
