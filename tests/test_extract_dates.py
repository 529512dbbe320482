"""Date rules from the spec: months are whole months, UK financial years, as-of words, years
inferred from publication, rolling periods left empty."""

from datetime import date

import pytest

from pipeline.extract.dates import find_dates, nearest

PUB = date(2020, 10, 7)


def _one(text: str, published: date | None = PUB) -> tuple[str, str | None, str | None]:
    (ref,) = find_dates(text, published)
    return ref.kind, ref.first and ref.first.isoformat(), ref.last and ref.last.isoformat()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("between January and May 2020", ("period", "2020-01-01", "2020-05-31")),
        ("from September 2022 to August 2023", ("period", "2022-09-01", "2023-08-31")),
        ("in 2021", ("period", "2021-01-01", "2021-12-31")),
        ("in February 2020", ("period", "2020-02-01", "2020-02-29")),
        ("in the first quarter of 2022", ("period", "2022-01-01", "2022-03-31")),
        ("in Q3 2021", ("period", "2021-07-01", "2021-09-30")),
        ("in the first half of 2025", ("period", "2025-01-01", "2025-06-30")),
        ("the first five months of the year", ("period", "2020-01-01", "2020-05-31")),
        ("in 2019/20", ("period", "2019-04-01", "2020-03-31")),
        ("in 2019-20", ("period", "2019-04-01", "2020-03-31")),
        ("in the twelve months to 31 March 2021", ("period", "2020-04-01", "2021-03-31")),
        ("in the year to June 2021", ("period", "2020-07-01", "2021-06-30")),
        ("since February 2010", ("period", "2010-02-01", None)),
        ("last year", ("period", "2019-01-01", "2019-12-31")),
        ("as of 3 September", ("as_of", "2020-09-03", "2020-09-03")),
        ("as at 31 March 2022", ("as_of", "2022-03-31", "2022-03-31")),
        ("by April 2023", ("as_of", "2023-04-30", "2023-04-30")),
        ("by the end of June 2024", ("as_of", "2024-06-30", "2024-06-30")),
        ("On 1 September 2023, 1,102 had been removed", ("as_of", "2023-09-01", "2023-09-01")),
    ],
)
def test_spec_date_rules(text: str, expected: tuple[str, str | None, str | None]) -> None:
    assert _one(text) == expected


def test_date_without_year_after_publication_takes_the_year_before() -> None:
    assert _one("as of 5 November") == ("as_of", "2019-11-05", "2019-11-05")
    assert _one("between 1 December and 3 January") == ("period", "2019-12-01", "2020-01-03")


@pytest.mark.parametrize("text", ["in the last year", "over the summer", "in the past year", "May I ask"])
def test_rolling_periods_and_non_dates_give_nothing(text: str) -> None:
    assert find_dates(text, PUB) == []


def test_yearless_dates_need_a_publication_date() -> None:
    assert find_dates("as of 3 September", None) == []


def test_nearest_measures_from_the_number_and_its_noun_and_honours_skip() -> None:
    text = "In 2021 we referred 500 pages in 2022"
    refs = find_dates(text, PUB)
    pos = text.index("500")
    assert nearest(refs, "period", pos, pos + len("500 pages")).first == date(2022, 1, 1)
    assert nearest(refs, "period", pos, pos + len("500 pages"), skip=(refs[1],)).first == date(2021, 1, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("January to March 2022", ("period", "2022-01-01", "2022-03-31")),
        ("in January and February 2024", ("period", "2024-01-01", "2024-02-29")),
        ("in the twelve months to 30 June 2023", ("period", "2022-07-01", "2023-06-30")),
    ],
)
def test_month_ranges_and_twelve_months_to(text: str, expected: tuple[str, str | None, str | None]) -> None:
    assert _one(text) == expected


def test_months_that_are_not_consecutive_stay_apart() -> None:
    assert len(find_dates("in March and June 2020", PUB)) == 2


def test_twelve_months_to_claims_its_number_word() -> None:
    (ref,) = find_dates("in the twelve months to 30 June 2023", PUB)
    assert ref.start == len("in the ")


def test_a_part_of_last_year_is_that_part_of_the_year_before_publication() -> None:
    assert _one("in the third quarter of last year") == ("period", "2019-07-01", "2019-09-30")
    assert _one("during the second half of the previous year") == ("period", "2019-07-01", "2019-12-31")


def test_two_consecutive_bare_months_make_one_period() -> None:
    assert _one("in July and August the team flagged 40 pages") == ("period", "2020-07-01", "2020-08-31")
    assert find_dates("Ted and May flagged 40 pages", PUB) == []
