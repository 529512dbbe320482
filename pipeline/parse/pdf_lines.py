"""PDFium text → visual lines with geometry, footnote markers already removed.

One `get_text_range()` per page gives the text (fast: ~400 pages/s); geometry is read through
the ctypes API only for the few characters that need it (each line's ends, and digits glued to
something), which keeps the cost near the plain-text rate instead of the 5x slower
character-by-character loop (reference/performance.md §1)."""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


def _unchecked(function: Any) -> Any:
    """The same PDFium function, called without ctypes' per-argument type checks: two thirds of
    the cost of a geometry call was the checking (FPDFText_GetCharBox 1.6 -> 0.57 us), and these
    run a few hundred times a page. Safe here because every argument is an int or a pointer
    this module made itself, and the result keeps pypdfium2's declared type."""
    return ctypes.CFUNCTYPE(function.restype)(ctypes.cast(function, ctypes.c_void_p).value)


_get_char_box = _unchecked(pdfium_c.FPDFText_GetCharBox)
_get_char_origin = _unchecked(pdfium_c.FPDFText_GetCharOrigin)
_get_font_size = _unchecked(pdfium_c.FPDFText_GetFontSize)
_count_objects = _unchecked(pdfium_c.FPDFPage_CountObjects)
_get_object = _unchecked(pdfium_c.FPDFPage_GetObject)
_get_object_type = _unchecked(pdfium_c.FPDFPageObj_GetType)
_get_object_bounds = _unchecked(pdfium_c.FPDFPageObj_GetBounds)

# A digit smaller than this fraction of the character before it is a superscript marker.
SUPERSCRIPT_RATIO = 0.85
_DIGITS = re.compile(r"\d+")
_SEGMENT = re.compile(r"[^\r\n]+")
_TABLE_CAPTION = re.compile(r"Table\s+\d")


@dataclass
class Line:
    """One visual line. Coordinates are points from the page's top-left (as in pdfplumber)."""

    page: int
    text: str
    x0: float
    x1: float
    top: float  # of the first character's line box
    first_baseline: float
    last_baseline: float  # differs from first_baseline when PDFium pulled a hyphenated word up
    size: float
    lead_marker: bool = False  # a superscript footnote marker opened the line and was removed


@dataclass
class PageText:
    number: int
    width: float
    height: float
    lines: list[Line]
    markers: set[str] = field(default_factory=set)  # footnote numbers removed from this page
    maybe_table: bool = False


def read_page(page: pdfium.PdfPage, number: int) -> PageText:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        reader = _Reader(textpage, height)
        lines = reader.lines(number)
        markers = reader.markers
    finally:
        textpage.close()
    maybe_table = _has_rulings(page) or any(_TABLE_CAPTION.match(ln.text.strip()) for ln in lines)
    return PageText(number, width, height, lines, markers, maybe_table)


class _Reader:
    def __init__(self, textpage: pdfium.PdfTextPage, height: float) -> None:
        self.raw = textpage.raw
        self.height = height
        count = textpage.count_chars()
        text = textpage.get_text_range() if count > 0 else ""
        if len(text) != count:
            # Characters outside the BMP take two UTF-16 units in the text but one char index;
            # read char by char so index i is character i again.
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(self.raw, i) or 32) for i in range(count))
        self.text = text
        # Reused out-parameters for the geometry calls (allocating them per call doubled their cost).
        self._doubles = [ctypes.c_double() for _ in range(4)]
        self._refs = [ctypes.byref(d) for d in self._doubles]
        self.markers: set[str] = set()
        self.deleted: list[int] = []  # sorted indices of removed marker characters
        self.lead_markers: set[int] = set()  # index of a removed marker that opened a line
        # First index of a removed marker that stood between two words: some producers draw the
        # text after a marker at an x position instead of writing a space, so the marker was the
        # only thing keeping "1,012" and "items" apart.
        self.spaced: set[int] = set()
        self._find_markers()

    def size(self, i: int) -> float:
        return _get_font_size(self.raw, i)

    def origin(self, i: int) -> tuple[float, float]:
        x, y = self._doubles[0], self._doubles[1]
        _get_char_origin(self.raw, i, self._refs[0], self._refs[1])
        return x.value, self.height - y.value

    def _find_markers(self) -> None:
        """Superscript digits glued to what precedes them (`485¹`, `billion³`) are footnote
        markers; so is a small digit run opening a line before larger text (a footnote body)."""
        text = self.text
        for m in _DIGITS.finditer(text):
            start, end = m.span()
            before = None  # size of character j - 1 once read: each size is read once per run
            for j in range(start, end):
                if j == 0 or text[j - 1].isspace():
                    if j == start and self._opens_line(start, end):
                        self._delete(start, end)
                        self.lead_markers.add(start)
                        break
                    continue
                size = self.size(j)
                if before is None:
                    before = self.size(j - 1)
                if size < SUPERSCRIPT_RATIO * before:
                    self._delete(j, end)
                    following = end
                    while following < len(text) and text[following] in "\r\n":
                        following += 1  # PDFium may break the line after a raised marker
                    if following < len(text) and text[following].isalnum():
                        self.spaced.add(j)
                    break
                before = size

    def _opens_line(self, start: int, end: int) -> bool:
        """A small digit run at the start of a line, followed (perhaps after a line break PDFium
        put there because of the raised baseline) by larger text to its right: a footnote's own
        marker."""
        text = self.text
        if start > 0 and text[start - 1] not in "\r\n":
            return False
        following = end
        while following < len(text) and text[following] in " \r\n":
            following += 1
        if following >= len(text) or following - end > 3:
            return False
        marker_x, marker_y = self.origin(start)
        next_x, next_y = self.origin(following)
        size = self.size(following)
        return self.size(start) < SUPERSCRIPT_RATIO * size and next_x > marker_x and abs(next_y - marker_y) < size

    def _delete(self, start: int, end: int) -> None:
        self.markers.add(self.text[start:end])
        self.deleted.extend(range(start, end))

    def lines(self, page: int) -> list[Line]:
        self.deleted.sort()
        self.deleted_set = set(self.deleted)
        out: list[Line] = []
        lead_pending = False
        lead_markers = self.lead_markers
        for m in _SEGMENT.finditer(self.text):
            start, end = m.span()
            line = self._segment(start, end, page)
            if line is None:
                # A segment that was only a footnote marker: the marker opens the next line.
                lead_pending = lead_pending or any(i in lead_markers for i in range(start, end))
                continue
            line.lead_marker = line.lead_marker or lead_pending
            lead_pending = False
            previous = out[-1] if out else None
            if (
                previous is not None
                and abs(line.first_baseline - previous.last_baseline) < 0.5 * max(previous.size, line.size)
                and line.x0 >= previous.x1 - 1
            ):
                # PDFium broke the line after a raised marker; it is still one visual line.
                previous.text += line.text
                previous.x1 = line.x1
                previous.last_baseline = line.last_baseline
                continue
            out.append(line)
        return out

    def _segment(self, start: int, end: int, page: int) -> Line | None:
        # Runs for every line of every page: the geometry calls are made directly (7 per line)
        # and the common case, a line with no marker removed, slices the text once.
        text = self.text
        deleted_set = self.deleted_set
        first, last = start, end - 1
        while first <= last and (text[first].isspace() or first in deleted_set):
            first += 1
        while last >= first and (text[last].isspace() or last in deleted_set):
            last -= 1
        if first > last:
            return None
        deleted = self.deleted
        k = bisect_left(deleted, start) if deleted else 0
        if k < len(deleted) and deleted[k] < end:
            parts = []
            position = start
            while k < len(deleted) and deleted[k] < end:
                parts.append(text[position : deleted[k]])
                if deleted[k] in self.spaced:
                    parts.append(" ")
                position = deleted[k] + 1
                k += 1
            parts.append(text[position:end])
            piece = "".join(parts)
        else:
            piece = text[start:end]
        raw, refs, values, height = self.raw, self._refs, self._doubles, self.height
        _get_char_box(raw, first, *refs)
        left, top = values[0].value, height - values[3].value
        _get_char_box(raw, last, *refs)
        right = values[1].value
        _get_char_origin(raw, first, refs[0], refs[1])
        first_baseline = height - values[1].value
        _get_char_origin(raw, last, refs[0], refs[1])
        last_baseline = height - values[1].value
        font_size = _get_font_size
        first_size, last_size = font_size(raw, first), font_size(raw, last)
        if first_size == last_size:
            size = first_size  # the median of three whatever the middle one is: skip the call
        else:
            middle = (first + last) // 2
            while middle < last and text[middle].isspace():
                middle += 1
            size = sorted((first_size, font_size(raw, middle), last_size))[1]
        # A removed marker that opened the line lies before its first kept character (usually none
        # does: first == start), so look only there rather than through every marker on the page.
        lead = first > start and any(i in self.lead_markers for i in range(start, first))
        return Line(
            page=page,
            text=piece,
            x0=left,
            x1=right,
            top=top,
            first_baseline=first_baseline,
            last_baseline=last_baseline,
            size=size,
            lead_marker=lead,
        )


def _has_rulings(page: pdfium.PdfPage) -> bool:
    """Two horizontal and two vertical strokes (or boxes) on the page: worth asking pdfplumber
    for a ruled table. A lone footnote separator or underline does not qualify. Read through the
    raw API: the object wrappers cost 2 ms a page, more than the text itself."""
    horizontal = vertical = 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    raw = page.raw
    path = pdfium_c.FPDF_PAGEOBJ_PATH
    for index in range(_count_objects(raw)):
        obj = _get_object(raw, index)
        if _get_object_type(obj) != path:
            continue
        _get_object_bounds(obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
        w, h = right.value - left.value, top.value - bottom.value
        if w > 10 and h > 10:
            horizontal += 2
            vertical += 2
        elif w > 10:
            horizontal += 1
        elif h > 10:
            vertical += 1
        if horizontal >= 2 and vertical >= 2:
            return True
    return False
