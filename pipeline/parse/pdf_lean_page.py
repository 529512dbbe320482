"""A pdfplumber page as its line-based table finder reads it, converting only what it reads.

`page.find_tables()` turns every object on the page into a dict first, characters included:
on a page of running text that was half of pdfplumber's time (about 50 of 105 ms a table page),
though finding ruled tables reads only the rulings, and extracting a table only the characters
inside it. Imported only when a page is sent to pdfplumber (its import costs 0.3 s)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTItem
from pdfplumber.container import Container
from pdfplumber.page import Page

Box = tuple[float, float, float, float]


class LeanPage(Container):
    """Edges and chars derive from `objects`, as on a pdfplumber `Page`. Every object is
    converted by pdfplumber's own `process_object`, in page order, so `TableFinder(LeanPage(p))`
    finds and extracts what `p.find_tables()` does — provided `convert_chars_within` is given
    the tables' boxes before any table is extracted."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self._converted: dict[str, list[dict[str, Any]]] = {}
        self._chars: list[LTChar] = []
        for obj in _leaves(page.layout):
            if isinstance(obj, LTChar):
                self._chars.append(obj)
                continue
            converted = page.process_object(obj)
            if converted["object_type"] != "anno":
                self._converted.setdefault(converted["object_type"], []).append(converted)

    @property
    def objects(self) -> dict[str, list[dict[str, Any]]]:
        return self._converted

    def convert_chars_within(self, boxes: Iterable[Box]) -> None:
        """Convert the characters a table's text can come from. pdfplumber gives a character to
        a cell by its midpoint, so one whose box misses every table box (by more than a point,
        a margin for rounding) is never read."""
        boxes = list(boxes)
        # pdfplumber's coordinates: from the top, shifted by the MediaBox origin.
        x_shift, y_shift = self.page.mediabox[0], self.page.mediabox[1]
        height = self.page.height
        keep = []
        for char in self._chars:
            x0, x1 = char.x0 + x_shift, char.x1 + x_shift
            top, bottom = height - char.y1 + y_shift, height - char.y0 + y_shift
            if any(x0 <= right + 1 and x1 >= left - 1 and top <= foot + 1 and bottom >= head - 1
                   for left, head, right, foot in boxes):
                keep.append(self.page.process_object(char))
        if keep:
            self._converted["char"] = keep


def _leaves(container: LTContainer) -> Iterator[LTItem]:
    """Drawn objects depth first, as pdfplumber walks a layout without layout analysis: a
    figure is opened, not kept."""
    for obj in container:
        if isinstance(obj, LTContainer):
            yield from _leaves(obj)
        else:
            yield obj
