"""Table cells read with their row and column headers and the caption."""

from datetime import date

from pipeline.document import Block, Cell, Document, Table
from pipeline.extract import extract
from pipeline.records import ReferralFigure


def _table_doc(before: str, rows: list[list[str]], caption: str | None = None, header_rows: int = 1) -> Document:
    """A document whose text is `before` then the table, one line per row, cells joined by " | "."""
    text = "Title\n\n" + before + "\n\n"
    blocks = [Block(0, 5, "title"), Block(7, 7 + len(before), "paragraph")]
    table_rows = []
    for row in rows:
        cells, line_start = [], len(text)
        for i, value in enumerate(row):
            if i:
                text += " | "
            cells.append(Cell(value, len(text), len(text) + len(value)))
            text += value
        blocks.append(Block(line_start, len(text), "table_row"))
        table_rows.append(cells)
        text += "\n"
    return Document(title="Title", text=text, blocks=blocks, tables=[Table(table_rows, header_rows, caption)])


def _read(doc: Document, published: date = date(2023, 5, 10)) -> list[ReferralFigure]:
    figures, _ = extract(doc, published)
    for f in figures:
        assert doc.text[f.char_start : f.char_end].replace(",", "").rstrip("%") == f"{f.value:g}"
    return figures


def test_financial_year_rows_and_measure_columns() -> None:
    doc = _table_doc(
        "The table sets out referrals made by the unit.",
        [["Year", "Referred", "Removed"], ["2020-21", "1,240", "1,031"], ["2021-22", "2,065", "1,884"]],
    )
    figures = _read(doc)
    assert [(f.value, f.measure, f.period_start, f.period_end) for f in figures] == [
        (1240, "referred", date(2020, 4, 1), date(2021, 3, 31)),
        (1031, "removed", date(2020, 4, 1), date(2021, 3, 31)),
        (2065, "referred", date(2021, 4, 1), date(2022, 3, 31)),
        (1884, "removed", date(2021, 4, 1), date(2022, 3, 31)),
    ]
    assert [f.parent_index for f in figures] == [None, 0, None, 2]
    assert figures[0].sentence == "2020-21 | 1,240 | 1,031"


def test_platform_rows_and_period_from_a_caption_line() -> None:
    doc = _table_doc(
        "Table 1: Referrals and removals by platform, 2022",
        [
            ["Platform", "Referred", "Removed"],
            ["Facebook", "820", "611"],
            ["Snapchat", "95", "90"],
            ["Total", "915", "701"],
        ],
    )
    figures = _read(doc)
    assert [(f.value, f.platforms) for f in figures] == [
        (820, ["Facebook"]),
        (611, ["Facebook"]),
        (95, ["Snapchat"]),
        (90, ["Snapchat"]),
        (915, []),
        (701, []),
    ]
    assert all(f.period_start == date(2022, 1, 1) and f.period_end == date(2022, 12, 31) for f in figures)


def test_transposed_table_with_percent_row_and_as_of_caption() -> None:
    doc = _table_doc(
        "Referral outcomes.",
        [["", "TikTok", "YouTube"], ["Referred", "300", "120"], ["Taken down (%)", "91%", "75%"]],
        caption="Outcomes as at 31 March 2023",
    )
    figures = _read(doc)
    assert [(f.value, f.unit, f.measure, f.platforms, f.as_of) for f in figures] == [
        (300, "count", "referred", ["TikTok"], date(2023, 3, 31)),
        (120, "count", "referred", ["YouTube"], date(2023, 3, 31)),
        (91, "percent", "removed", ["TikTok"], date(2023, 3, 31)),
        (75, "percent", "removed", ["YouTube"], date(2023, 3, 31)),
    ]
    assert [f.parent_index for f in figures] == [None, None, 0, 1]


def test_tables_without_measures_give_nothing() -> None:
    doc = _table_doc("Crossings by year.", [["Year", "Crossings", "Boats"], ["2021", "28,526", "1,034"]])
    assert _read(doc) == []


def test_cells_are_read_once_as_cells_not_again_as_sentences() -> None:
    doc = _table_doc("Outcomes.", [["Platform", "Referred"], ["Facebook", "820 pages"], ["Instagram", "see note"]])
    figures = _read(doc)
    assert [(f.value, f.measure, f.item, f.platforms) for f in figures] == [(820, "referred", "pages", ["Facebook"])]
    _, mentions = extract(doc, date(2023, 1, 1))
    assert [m.platform for m in mentions] == ["Facebook", "Instagram"]


def test_names_in_a_platform_column_count_whatever_their_capitals_say() -> None:
    doc = _table_doc(
        "Items referred by platform.",
        [["Platform", "Referred", "Removed"], ["Facebook", "1,010", "802"], ["X", "433", "255"]]
        + [["Telegram", "82", "38"]],
    )
    figures, mentions = extract(doc, date(2023, 5, 10))
    assert [m.surface for m in mentions] == ["Facebook", "X", "Telegram"]
    assert {(f.value, tuple(f.platforms)) for f in figures} >= {(433, ("Twitter",)), (38, ("Telegram",))}


def test_a_column_of_ordinary_words_is_not_a_platform_column() -> None:
    doc = _table_doc("Lines used.", [["Route", "Referred"], ["Line", "12"], ["Signal", "4"]])
    _, mentions = extract(doc, date(2023, 5, 10))
    assert mentions == []


def test_a_row_naming_referred_items_and_an_outcome_reads_as_the_outcome() -> None:
    doc = _table_doc(
        "The unit's results for 2023.",
        [["Measure", "2023"], ["Pages referred", "4,210"], ["Share of referred content removed", "86.7%"]],
    )
    figures = _read(doc)
    assert [(f.value, f.unit, f.measure, f.parent_index) for f in figures] == [
        (4210, "count", "referred", None),
        (86.7, "percent", "removed", 0),
    ]


def test_a_caption_count_date_dates_the_outcomes_not_referrals_made_in_a_stated_period() -> None:
    doc = _table_doc(
        "Outcomes of our notices.",
        [["Platform", "Notices sent", "Removed"], ["Reddit", "64", "51"]],
        caption="Table 4: Posts reported during 2021 and removed by 31 May 2022",
    )
    figures = _read(doc, published=date(2022, 9, 1))
    assert [(f.value, f.measure, f.period_start, f.as_of) for f in figures] == [
        (64, "referred", date(2021, 1, 1), None),
        (51, "removed", date(2021, 1, 1), date(2022, 5, 31)),
    ]
