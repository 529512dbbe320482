"""Referral figures in tables: each numeric cell read with its row and column headers.

A column headed "Referred" or "Taken down" gives the measure, a row labelled "2020-21" the period
and a row labelled "TikTok" the platform (or the other way round in a transposed table). The
caption ("Table 1: Referrals and removals by platform, 2022") supplies a period or as-of date that
neither header states. Outcomes take the referred cell of the same row (or column) as parent.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import NamedTuple

from pipeline.document import Cell, Table
from pipeline.extract import lexicon as lx
from pipeline.extract.dates import DateRef, find_dates
from pipeline.extract.figures import Found
from pipeline.extract.numbers import find_numbers
from pipeline.records import ReferralFigure

_PERCENT_LABEL = re.compile(r"%|\bper\s?cent|\bpercent|\brate\b|\bproportion\b|\bshare\b", re.IGNORECASE)
# What may sit beside the number in a numeric cell: a qualifier, a marker, a bracketed note.
_CELL_EXTRA = re.compile(r"^[\s*†‡]*(?:\([^)]*\))?[\s*†‡]*$")


def read_table(
    text: str,
    table: Table,
    caption: str,
    published: date | None,
    mentions: list[tuple[str, int, int]],
) -> list[tuple[Found, tuple[int, int]]]:
    """Figures in `table`, each with its (row, column) position for parent links. `mentions`, the
    document's platform mentions, must come in text order."""
    header = table.rows[: table.header_rows]
    width = max((len(r) for r in table.rows), default=0)
    col_cells = [[r[j] for r in header if j < len(r)] for j in range(width)]
    col_labels = [" ".join(c.text for c in cells) for cells in col_cells]
    caption_dates = find_dates(caption, published)
    # A label heads a whole row or column: its dates and measure are read once for all its cells.
    labels = _Labels(cache(lambda label: find_dates(label, published)), cache(_label_measure))
    starts = [s for _, s, _ in mentions]
    out: list[tuple[Found, tuple[int, int]]] = []
    for i, row in enumerate(table.rows[table.header_rows :], start=table.header_rows):
        if len(row) < 2:
            continue
        row_label = row[0].text
        row_text = text[row[0].start : row[-1].end]
        for j, cell in enumerate(row[1:], start=1):
            col_label = col_labels[j] if j < len(col_labels) else ""
            found = _read_cell(
                cell,
                row[0],
                row_label,
                col_cells[j] if j < len(col_cells) else [],
                col_label,
                caption,
                caption_dates,
                labels,
                mentions,
                starts,
            )
            if found is None:
                continue
            found.figure.sentence = row_text
            out.append((found, (i, j)))
    return out


def _read_cell(
    cell: Cell,
    row_cell: Cell,
    row_label: str,
    col_cells: list[Cell],
    col_label: str,
    caption: str,
    caption_dates: list[DateRef],
    labels: _Labels,
    mentions: list[tuple[str, int, int]],
    starts: list[int],
) -> Found | None:
    numbers = find_numbers(cell.text)
    if len(numbers) != 1 or numbers[0].yearlike:
        return None
    n = numbers[0]
    rest = cell.text[: n.start] + cell.text[n.end :]
    qual = lx.QUALIFIER_BEFORE.search(cell.text[: n.start])
    if qual:
        rest = cell.text[: qual.start()] + cell.text[n.end :]
    item_np = lx.ITEM_NP.match(cell.text[n.end :]) if n.unit == "count" else None
    if item_np:
        rest = rest.replace(item_np.group("np"), "", 1)
    if not _CELL_EXTRA.match(lx.MEASURE.sub("", rest)):
        return None
    measure, from_column = labels.measure(col_label), True
    if measure is None:
        measure, from_column = labels.measure(row_label), False
    if measure is None:
        return None
    percent = n.unit == "percent" or bool(_PERCENT_LABEL.search(col_label if from_column else row_label))
    if percent and measure == "referred":
        return None
    period = _first((row_label, col_label), "period", labels.dates) or next(
        (d for d in caption_dates if d.kind == "period"), None
    )
    as_of = _first((row_label, col_label), "as_of", labels.dates)
    if as_of is None and not (measure == "referred" and period is not None):
        # "Referred in 2023 and removed by 30 June 2024": the caption's count date belongs to the
        # outcomes; referrals it dates with a period happened in that period.
        as_of = next((d for d in caption_dates if d.kind == "as_of"), None)
    spans = [(row_cell.start, row_cell.end)] + [(c.start, c.end) for c in col_cells]
    platforms = sorted({
        c
        for a, b in spans
        for c, _, e in mentions[bisect_left(starts, a) : bisect_right(starts, b)]
        if e <= b
    })
    item = item_np.group("np") if item_np else None
    item_label = lx.ITEM_RE.search(" ".join([col_label, row_label, caption]))
    figure = ReferralFigure(
        value=n.value,
        unit="percent" if percent else "count",
        measure=measure,
        qualifier="at_least" if n.plus else lx.qualifier(qual.group("q") if qual else None),
        sentence="",
        char_start=cell.start + n.start,
        char_end=cell.start + n.end,
        item=item or (item_label.group(0) if item_label else None),
        platforms=platforms,
        period_start=period.first if period else None,
        period_end=period.last if period else None,
        as_of=as_of.first if as_of else None,
        measure_text=col_label if from_column else row_label,
    )
    return Found(
        figure=figure,
        block=-1,
        sentence_start=cell.start,
        needs_parent=False,
        own_period=period is not None,
    )


def _label_measure(label: str) -> str | None:
    """The measure a header names; "Share of referred content removed" names the referred items
    as its base and the outcome as what is counted, so an outcome wins over "referred"."""
    measures = [lx.measure_of(m) for m in lx.MEASURE.finditer(label)]
    if measures:
        return next((m for m in measures if m in lx.OUTCOMES), measures[0])
    for measure, noun in lx.NOUN_MEASURE:
        if any(noun.search(w) for w in re.findall(r"[\w-]+", label)):
            return measure
    return None


class _Labels(NamedTuple):
    """Readers of header labels, each remembering its answers for the table being read."""

    dates: Callable[[str], list[DateRef]]
    measure: Callable[[str], str | None]


def _first(labels: tuple[str, str], kind: str, dates: Callable[[str], list[DateRef]]) -> DateRef | None:
    for label in labels:
        for d in dates(label):
            if d.kind == kind:
                return d
    return None


def link_rows(cells: list[tuple[Found, tuple[int, int]]]) -> dict[int, Found]:
    """Parent of each outcome cell (by id of its Found): the referred cell in the same row, or in
    the same column when the measures run down the rows."""
    referred_by_row: dict[int, Found] = {}
    referred_by_col: dict[int, Found] = {}
    for f, (i, j) in cells:
        if f.figure.measure == "referred" and f.figure.unit == "count":
            referred_by_row.setdefault(i, f)
            referred_by_col.setdefault(j, f)
    parents: dict[int, Found] = {}
    for f, (i, j) in cells:
        if f.figure.measure in lx.OUTCOMES:
            parent = referred_by_row.get(i) or referred_by_col.get(j)
            if parent is not None and (f.figure.unit == "percent" or f.figure.value <= parent.figure.value):
                parents[id(f)] = parent
    return parents
