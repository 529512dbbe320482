"""PDF lines → blocks: running headers and page numbers out, lines joined into paragraphs,
footnotes recognised, the title found, tables slotted in where they stand on the page."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.parse.assemble import Para, TableDraft
from pipeline.parse.pdf_lines import Line, PageText
from pipeline.parse.pdf_tables import PdfTable
from pipeline.parse.text import clean, hyphen_join, join_lines, strip_leading_marker

# Running headers and footers live in the outer tenth of the page.
_MARGIN_BAND = 0.1
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_LIST_START = re.compile(r"^(?:[•●▪◦■\uf0b7\uf0a7\uf076\uf0d8*]|[-–](?=\s))\s*")
_NUMBERED_START = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]|\(?[a-z]{1,4}\)|\(\d{1,3}\))\s")
_FOOTNOTE_START = re.compile(r"^(\d{1,3})\s+\S")
_TERMINAL = tuple(".!?:;\"”')")
# "Table 2: ...", "Figure 5: Referrals and removals, 2023": a caption, kept as a heading before
# its table (the extractor reads the table's period from it).
_CAPTION = re.compile(r"(?:Table|Figure|Chart)\s+\d+\b")


@dataclass
class _Draft:
    kind: str
    size: float
    x1: float
    last_baseline: float
    page: int
    pieces: list[tuple[int, str]] = field(default_factory=list)  # (page, raw text)

    def add(self, line: Line) -> None:
        if self.pieces and self.pieces[-1][0] == line.page:
            page, text = self.pieces[-1]
            self.pieces[-1] = (page, join_lines(text, line.text))
        else:
            if self.pieces:
                page, text = self.pieces[-1]
                self.pieces[-1] = (page, text.rstrip().removesuffix("\ufffe"))
                if hyphen_join(text, line.text):
                    self.pieces[-1] = (page, text.rstrip()[:-1])
            self.pieces.append((line.page, line.text))
        self.x1 = line.x1
        self.last_baseline = line.last_baseline
        self.page = line.page

    @property
    def last_text(self) -> str:
        return self.pieces[-1][1].rstrip() if self.pieces else ""

    def to_para(self) -> Para:
        text = ""
        marks: list[tuple[int, int]] = []
        for index, (page, raw) in enumerate(self.pieces):
            piece = clean(raw)
            if not piece:
                continue
            glue = "" if not text or (index and _glued(self.pieces[index - 1][1], raw)) else " "
            text += glue
            marks.append((len(text), page))
            text += piece
        if self.kind == "footnote":
            stripped = strip_leading_marker(text)
            shift = len(text) - len(stripped)
            text = stripped
            marks = [(max(0, m - shift), p) for m, p in marks]
        marks = [(m, p) for m, p in marks if m < len(text) or m == 0]
        return Para(_strip_bullet(text) if self.kind == "list_item" else text, self.kind, marks)


def _glued(previous_raw: str, raw: str) -> bool:
    head = previous_raw.rstrip()
    return head.endswith("\ufffe") or hyphen_join(head, raw)


def _strip_bullet(text: str) -> str:
    return _LIST_START.sub("", text, count=1)


def body_size(pages: list[PageText]) -> float:
    """The font size most of the text is set in."""
    weights: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            weights[round(line.size * 2) / 2] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def drop_running_lines(pages: list[PageText], body: float) -> None:
    """Remove running headers/footers and page numbers: lines in the outer margin band that
    repeat (digits ignored) on at least half the pages, are a bare page number, or are set
    smaller than the body text."""

    def in_band(page: PageText, line: Line) -> bool:
        return line.top < _MARGIN_BAND * page.height or line.first_baseline > (1 - _MARGIN_BAND) * page.height

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))

    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({key(ln) for ln in page.lines if in_band(page, ln)})
    repeated = max(2, (len(pages) + 1) // 2)
    for page in pages:
        page.lines = [
            ln
            for ln in page.lines
            if not (
                in_band(page, ln)
                and (
                    seen[key(ln)] >= repeated
                    or _PAGE_NUMBER.match(ln.text.strip())
                    or (
                        ln.size < 0.95 * body
                        and len(ln.text) < 120
                        and not _footnote_like(ln, page)
                        and not _CAPTION.match(ln.text.strip())
                    )
                )
            )
        ]


def _footnote_like(line: Line, page: PageText) -> bool:
    """A footnote set close to the page foot is small type in the margin band too, but it opens
    with a footnote marker that the page's text referred to."""
    m = _FOOTNOTE_START.match(line.text.strip())
    return line.lead_marker or bool(m and m.group(1) in page.markers)


def layout(
    pages: list[PageText], tables: dict[int, list[PdfTable]], body: float
) -> tuple[list[str], list[Para | TableDraft]]:
    """Blocks in reading order, and the lines of the title (large type opening page 1)."""
    title_lines: list[str] = []
    title_size = 0.0
    items: list[Para | TableDraft] = []
    pitch = _line_pitch(pages, body)
    current: _Draft | None = None
    footnote_since = False  # a footnote was emitted after `current` began

    def close() -> None:
        nonlocal current
        if current is not None:
            para = current.to_para()
            if para.text:
                items.append(para)
            current = None

    for page in pages:
        page_tables = sorted(tables.get(page.number, []), key=lambda t: t.top)
        right = max((ln.x1 for ln in page.lines if abs(ln.size - body) < 0.5), default=page.width)
        markers = set(page.markers)
        in_footnotes = False
        for line in page.lines:
            if any(t.covers(line.x0, line.x1, line.top, line.first_baseline) for t in page_tables):
                continue
            while page_tables and page_tables[0].top < line.top:
                close()
                items.append(_table_draft(page_tables.pop(0), items))
            text = line.text.strip()
            if (
                page.number == 1
                and not items
                and current is None
                and line.size >= 1.15 * body
                and (not title_lines or abs(line.size - title_size) < 0.5)
            ):
                title_lines.append(text)
                title_size = line.size
                continue
            kind = _kind(line, text, body, markers, in_footnotes)
            in_footnotes = in_footnotes or kind == "footnote"
            if current is not None and _continues(current, line, text, kind, body, pitch, right, footnote_since):
                current.add(line)
                continue
            close()
            footnote_since = False
            current = _Draft(kind, line.size, line.x1, line.last_baseline, line.page)
            current.add(line)
            if kind == "footnote" and items and isinstance(items[-1], Para):
                footnote_since = True
        for table in page_tables:
            close()
            items.append(_table_draft(table, items))
        if in_footnotes:
            close()
    close()
    return title_lines, items


def _kind(line: Line, text: str, body: float, markers: set[str], in_footnotes: bool) -> str:
    small = line.size < 0.92 * body
    if line.lead_marker or (in_footnotes and small):
        return "footnote"
    m = _FOOTNOTE_START.match(text)
    if m and m.group(1) in markers and not _NUMBERED_START.match(text):
        return "footnote"
    if small and m:
        return "footnote"
    if line.size >= 1.1 * body or _CAPTION.match(text):
        return "heading"
    if _LIST_START.match(text):
        return "list_item"
    return "paragraph"


def _continues(
    current: _Draft,
    line: Line,
    text: str,
    kind: str,
    body: float,
    pitch: float,
    right: float,
    footnote_since: bool,
) -> bool:
    previous = current.last_text
    if line.page != current.page:
        # A paragraph running over a page break, unless footnotes now sit between the halves.
        return (
            current.kind in ("paragraph", "list_item")
            and kind == "paragraph"
            and not footnote_since
            and not previous.endswith(_TERMINAL)
            and text[:1].islower()
        )
    if kind != current.kind and not (current.kind == "list_item" and kind == "paragraph"):
        return False
    if kind in ("heading",) and current.kind == "heading":
        return abs(line.size - current.size) < 0.5 and line.first_baseline - current.last_baseline < 2 * line.size
    if abs(line.size - current.size) > 0.12 * current.size:
        return False
    gap = line.first_baseline - current.last_baseline
    if gap <= 0 or gap > 1.3 * (pitch if abs(line.size - body) < 0.5 else 1.2 * line.size):
        return False
    sentence_ended = previous.endswith(_TERMINAL)
    if kind == "footnote" and _FOOTNOTE_START.match(text):
        return False
    if (_NUMBERED_START.match(text) or _LIST_START.match(text)) and (sentence_ended or current.x1 < 0.85 * right):
        return False
    return not (sentence_ended and current.x1 < 0.8 * right)


def _line_pitch(pages: list[PageText], body: float) -> float:
    """The usual distance between baselines of consecutive body lines (line spacing varies
    from 1.0 to 2.0 between documents, so paragraph gaps are judged against this)."""
    gaps = []
    for page in pages:
        for a, b in zip(page.lines, page.lines[1:], strict=False):
            if abs(a.size - body) < 0.5 and abs(b.size - body) < 0.5:
                gap = b.first_baseline - a.last_baseline
                if 0.8 * body < gap < 3 * body:
                    gaps.append(gap)
    if len(gaps) < 5:
        return 1.2 * body  # too few lines to tell; assume single spacing
    gaps.sort()
    return gaps[len(gaps) // 4]  # the lower quartile: paragraph gaps must not pull it up


def _table_draft(table: PdfTable, items: list[Para | TableDraft]) -> TableDraft:
    caption = None
    if items and isinstance(items[-1], Para) and _CAPTION.match(items[-1].text):
        caption = items[-1].text
    return TableDraft(table.rows, header_rows=1, caption=caption, page=table.page)
