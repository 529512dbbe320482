"""Normalisation shared by all parsers, plain-text parsing, dates, selectors and dispatch."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.parse import PARSER_VERSION, ParseError, parse
from pipeline.parse.css import to_xpath
from pipeline.parse.dates import parse_date
from pipeline.parse.text import clean, join_lines, strip_leading_marker


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,218\u00a0pages", "1,218 pages"),  # NBSP
        ("12\u2009000 accounts", "12 000 accounts"),  # thin space
        ("re\u200bported", "reported"),  # zero-width space
        ("Face\u00adbook", "Facebook"),  # soft hyphen
        ("of\ufb01ce \ufb02agged", "office flagged"),  # ligatures
        ("  many\n\t spaces  ", "many spaces"),
        ("485[1] remained", "485 remained"),
        ("402\u00b2 removed", "402 removed"),  # superscript two is a marker, not a digit
        ("platforms.[12] Next", "platforms. Next"),
        ("see [1] below", "see [1] below"),  # a free-standing bracket is not glued to anything
        ("\uff11\uff12 pages", "12 pages"),  # full-width digits
    ],
)
def test_clean(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_join_lines_dehyphenates_only_real_breaks() -> None:
    assert join_lines("the Agency refer-", "red 1,218") == "the Agency referred 1,218"
    assert join_lines("the refer\ufffe", "red") == "the referred"
    assert join_lines("in 2019-", "20 the unit") == "in 2019- 20 the unit"
    assert join_lines("the pages on", "Facebook") == "the pages on Facebook"
    assert join_lines("Cross-", "Channel") == "Cross- Channel"


def test_strip_leading_marker() -> None:
    assert strip_leading_marker("[1] Figure checked.") == "Figure checked."
    assert strip_leading_marker("1 Figure checked.") == "Figure checked."
    assert strip_leading_marker("1. Numbered paragraph.") == "1. Numbered paragraph."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published 1 July 2022", date(2022, 7, 1)),
        ("March 1, 2022", date(2022, 3, 1)),
        ("Tuesday 22 March 2022", date(2022, 3, 22)),
        ("21 July 2020", date(2020, 7, 21)),
        ("2021-10-02T07:30:00+01:00", date(2021, 10, 2)),
        ("On 1 July 2022 the unit referred 5 pages.", None),
        ("31 February 2022", None),
        ("Questions 577 - 668", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_plain_text_title_and_paragraphs() -> None:
    raw = "Referral figures\n\nThe unit referred 946 pages\nto the platforms.\n\n- 702 removed\n- 171 still live\n"
    doc = parse(raw.encode(), "text")
    assert doc.title == "Referral figures"
    assert [(b.kind, doc.text[b.start : b.end]) for b in doc.blocks] == [
        ("title", "Referral figures"),
        ("paragraph", "The unit referred 946 pages to the platforms."),
        ("list_item", "702 removed"),
        ("list_item", "171 still live"),
    ]


def test_plain_text_with_title_hint_keeps_title_once() -> None:
    doc = parse(b"Referral figures\nThe unit referred 946 pages.", "text", title_hint="Referral figures")
    assert doc.text == "Referral figures\n\nThe unit referred 946 pages."


def test_empty_text_is_an_error() -> None:
    with pytest.raises(ParseError) as err:
        parse(b"Only a title\n\n", "text")
    assert err.value.reason == "empty_document"


def test_unknown_content_type() -> None:
    with pytest.raises(ParseError) as err:
        parse(b"x", "xlsx")
    assert err.value.reason == "unsupported_type"
    assert PARSER_VERSION


def test_css_translation() -> None:
    assert to_xpath("div[itemprop=articleBody]") == "//div[@itemprop='articleBody']"
    assert to_xpath("#main > h1") == "//*[@id='main']/h1"
    assert to_xpath(".mainColumn .article") == (
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' mainColumn ')]"
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' article ')]"
    )
