"""Date and URL helpers shared by the web sources."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.sources.common import absolute, find_date, parse_date, wanted


@pytest.mark.parametrize("text, expected", [
    ("November 10, 2020", date(2020, 11, 10)),
    ("21 July 2020", date(2020, 7, 21)),
    ("21st July 2020", date(2020, 7, 21)),
    ("3 Sept 2020", date(2020, 9, 3)),
    ("Thursday 3 September 2020", date(2020, 9, 3)),
    ("2020-10-07T00:00:00", date(2020, 10, 7)),
    ("2025-10-05T22:30:00.000+01:00", date(2025, 10, 5)),
    ("  24 April 2023 ", date(2023, 4, 24)),
    ("Key points", None),
    ("", None),
    ("31 February 2020", None),
])
def test_parse_date_reads_the_forms_sites_print(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_an_explicit_format_is_the_only_one_tried() -> None:
    assert parse_date("05/10/2025", "%d/%m/%Y") == date(2025, 10, 5)
    assert parse_date("05/10/2025", "%m/%d/%Y") == date(2025, 5, 10)
    assert parse_date("5 October 2025", "%d/%m/%Y") is None


def test_find_date_takes_the_first_written_out_date_in_a_text() -> None:
    assert find_date("Posted by the press team on November 10, 2020 at noon; updated 1 December 2020") \
        == date(2020, 11, 10)
    assert find_date("Between January and May 2020 the NCA referred 1,218 pages") is None


def test_absolute_resolves_relative_links_and_drops_fragments() -> None:
    assert absolute("https://www.example.org/news?start=16", "/news/a-story#comments") == \
        "https://www.example.org/news/a-story"
    assert absolute("https://www.example.org/press/", "item-2") == "https://www.example.org/press/item-2"


def test_undated_documents_are_kept_by_since_filtering() -> None:
    assert wanted(None, date(2024, 1, 1))
    assert not wanted(date(2023, 12, 31), date(2024, 1, 1))
    assert wanted(date(2024, 1, 1), date(2024, 1, 1))
