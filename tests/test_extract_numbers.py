"""Number finding: formats that are counts, and the look-alikes the spec says are not figures."""

import pytest

from pipeline.extract.numbers import find_numbers, words_value


def _values(text: str) -> list[tuple[float, str]]:
    return [(n.value, n.unit) for n in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("referred 1,218 pages", 1218),
        ("referred 1 218 pages", 1218),
        ("referred 1218 pages", 1218),
        ("about 12k posts", 12_000),
        ("some 3.3m accounts", 3_300_000),
        ("1.2 million posts", 1_200_000),
        ("two thousand accounts", 2000),
        ("three hundred and twenty posts", 320),
        ("just under two thousand pages", 2000),
        ("twenty-one channels", 21),
    ],
)
def test_count_formats_normalise(text: str, value: float) -> None:
    assert _values(text) == [(value, "count")]


@pytest.mark.parametrize(("text", "value"), [("91.4% were removed", 91.4), ("74 per cent", 74), ("65 percent", 65)])
def test_percentages_keep_their_number(text: str, value: float) -> None:
    assert _values(text) == [(value, "percent")]


def test_plus_suffix_is_flagged_and_span_covers_the_number_as_written() -> None:
    text = "Police flagged 1,200+ groups"
    (n,) = find_numbers(text)
    assert n.plus and n.value == 1200
    assert text[n.start : n.end] == "1,200+"


@pytest.mark.parametrize(
    "text",
    [
        "Q14 and Q450–504",
        "HC 705",
        "evidence CHA0051",
        "see paragraph 5 and page 12",
        "Table 1 and Figure 2",
        "it cost £28 million",
        "call 020 7946 0000",
        "Questions 120 - 164",
        "at 10:30",
        "the 2nd meeting",
        "marker [1] here",
        "https://example.org/news/12345",
        "No. 5",
    ],
)
def test_references_money_phones_and_markers_are_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


def test_financial_years_are_not_counts() -> None:
    assert find_numbers("in 2019/20 and 2019-20") == []


def test_years_are_flagged_not_dropped() -> None:
    (n,) = find_numbers("in 2022")
    assert n.yearlike
    (m,) = find_numbers("1,999 posts")
    assert not m.yearlike


def test_bare_scale_words_are_not_numbers() -> None:
    assert words_value("thousand") is None
    assert find_numbers("thousands of posts and hundreds of accounts") == []


def test_numbers_overlapping_taken_spans_are_left_out() -> None:
    text = "In June 2022 we referred 300 posts and 12 accounts"
    taken = [(3, 12)]  # "June 2022", as a date parser would claim it
    assert [n.value for n in find_numbers(text, taken=taken)] == [300, 12]
    assert [n.value for n in find_numbers(text)] == [2022, 300, 12]
    assert [n.value for n in find_numbers(text, taken=[(26, 27)])] == [2022, 12]  # inside "300"
