"""Publication dates printed in a document ("Published 1 July 2022", "March 1, 2022",
"Tuesday 22 March 2022", `<time datetime="2022-07-01">`).

Only a string that is *nothing but* a date (with an optional "Published" lead-in) counts:
a date inside a sentence is usually the date of something else, and a wrong publication date
shifts every year-less date the extractor resolves, so being unsure means returning None."""

from __future__ import annotations

import re
from datetime import date

from pipeline.months import MONTH_PATTERN, MONTHS

_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+"
_LEAD = r"(?:(?:first\s+)?published(?:\s+on)?|last\s+updated|updated|date|posted(?:\s+on)?)\s*:?\s*"
_DAY_MONTH_YEAR = re.compile(
    rf"^(?:{_LEAD})?(?:{_WEEKDAY})?(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_PATTERN})\.?,?\s+(\d{{4}})\.?$", re.I
)
_MONTH_DAY_YEAR = re.compile(
    rf"^(?:{_LEAD})?(?:{_WEEKDAY})?({MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\.?$", re.I
)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


def parse_date(text: str) -> date | None:
    """The date `text` consists of, or None if it is anything more (or not a real date)."""
    text = text.strip()
    try:
        if m := _ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DAY_MONTH_YEAR.match(text):
            return date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
        if m := _MONTH_DAY_YEAR.match(text):
            return date(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
    except ValueError:  # 31 February and the like
        return None
    return None
