"""Laying out HTML table cells on a grid, honouring colspan and rowspan."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def layout_grid(rows: list[list[tuple[T, int, int]]]) -> list[list[T | None]]:
    """Place (cell, colspan, rowspan) rows on a rectangular grid.

    A spanning cell fills every position it covers (the same object repeated), so a body cell
    can always be read against the header above it by position; short rows are padded with None."""
    grid: list[list[T | None]] = []
    carried: dict[tuple[int, int], T] = {}  # (row, column) filled from a rowspan above
    for r, row in enumerate(rows):
        out: list[T | None] = []
        col = 0
        cells = iter(row)
        pending = next(cells, None)
        while pending is not None or (r, col) in carried:
            if (r, col) in carried:
                out.append(carried.pop((r, col)))
                col += 1
                continue
            cell, colspan, rowspan = pending
            for c in range(col, col + colspan):
                out.append(cell)
                for below in range(r + 1, r + rowspan):
                    carried[(below, c)] = cell
            col += colspan
            pending = next(cells, None)
        grid.append(out)
    width = max((len(r) for r in grid), default=0)
    return [r + [None] * (width - len(r)) for r in grid]
