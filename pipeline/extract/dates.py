"""Reading periods and as-of dates out of a sentence, by the spec's date rules.

Dates are found in two steps: "atoms" (a day, a month, a year, a quarter, a financial year) and
then the words around them ("between A and B", "as of A", "since A", "in the twelve months to
A"), because the same atom means a period after "in" and a count date after "by". A month stands
for the whole month; a date written without a year takes the publication year, or the year
before when that would put it after publication.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import NamedTuple

from pipeline.months import MONTH_PATTERN_TITLE, MONTHS

_MONTH = rf"(?:{MONTH_PATTERN_TITLE})\.?(?![a-z])"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4, "last": 4}

_ATOM = re.compile(
    r"(?=[0-9JFMASONDQ])(?<![\w])(?:"
    rf"(?P<fy>(?P<fy1>{_YEAR})\s?[/–-]\s?(?P<fy2>\d{{2}})(?!\d))"
    rf"|(?P<fyslash>(?P<fs1>{_YEAR})/(?P<fs2>{_YEAR}))"
    rf"|(?P<quarter>\bQ(?P<qn>[1-4])\s+(?:of\s+)?(?P<qy>{_YEAR}))"
    rf"|(?P<dmy>\b(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MONTH}),?\s+(?P<y1>{_YEAR})\b)"
    rf"|(?P<mdy>\b(?P<m2>{_MONTH})\s+(?P<d2>{_DAY}),?\s+(?P<y2>{_YEAR})\b)"
    rf"|(?P<my>\b(?P<m3>{_MONTH}),?\s+(?P<y3>{_YEAR})\b)"
    rf"|(?P<dm>\b(?P<d4>{_DAY})\s+(?:of\s+)?(?P<m4>{_MONTH}))"
    rf"|(?P<md>\b(?P<m5>{_MONTH})\s+(?P<d5>{_DAY})\b(?![,.]?\d)"
    r"(?!\s+(?:had|have|has|were|was|are|is|remain\w*|of|per|out|more|pages|posts|accounts)\b))"
    rf"|(?P<numeric>\b(?P<d6>{_DAY})/(?P<m6>1[0-2]|0?[1-9])/(?P<y6>{_YEAR})\b)"
    rf"|(?P<month>\b(?P<m7>{_MONTH}))"
    rf"|(?P<year>(?<![\d,.£$/-])(?P<y8>{_YEAR})(?![\d/]|,\d|-\d|\.\d)))"
)
_MONTH_WORD = re.compile(MONTH_PATTERN_TITLE)
_RANGE_JOIN = re.compile(r"^\s*(?:to|and|until|till|through|-|–|—)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+(?:the\s+(?:start|beginning)\s+of\s+)?$", re.IGNORECASE)
_AS_OF_BEFORE = re.compile(
    r"\b(?:as\s+(?:of|at)|by|on|at|until|till|up\s+to|(?:by|at|as\s+of|as\s+at)\s+the\s+end\s+of|checked\s+on)"
    r"\s+(?:the\s+end\s+of\s+)?$",
    re.IGNORECASE,
)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+(?:start|beginning)\s+of\s+)?$", re.IGNORECASE)
_YEAR_TO_BEFORE = re.compile(
    r"\b(?:(?:twelve|12)\s+months|year)\s+(?:to|ending|ended|up\s+to)\s+(?:the\s+end\s+of\s+)?$", re.IGNORECASE
)
_FY_BEFORE = re.compile(r"\b(?:financial|fiscal)\s+year\s+$|\bFY\s?$", re.IGNORECASE)
_PART_OF_YEAR = re.compile(
    r"\b(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?P<part>quarter|half)(?:\s+of\s+"
    rf"(?:(?P<year>{_YEAR})|(?P<prev>last|the\s+previous|the\s+preceding)\s+year|(?:(?:the|that|this)\s+)?year)\b"
    r"|(?!\s+of\b))"
    r"|\b(?:the\s+)?first\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})\s+months\s+of\s+"
    rf"(?:(?P<nyear>{_YEAR})|(?:(?:the|that|this)\s+)?year)\b",
    re.IGNORECASE,
)
_SINCE_START_OF_YEAR = re.compile(r"\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year\b", re.IGNORECASE)
# "Since the NCA began its work with the platforms in late 2021, ...": "since" governs a later date.
_SINCE_EARLIER = re.compile(r"\bsince\b[^,;.\d]{0,80}$", re.IGNORECASE)
# A day written after these words dates the document or the hearing, not a count.
_NOT_A_COUNT_DATE = re.compile(
    r"\b(?:published|dated|released|announced|ordered|printed|written|wrote|said|told|heard|evidence|session|"
    r"meeting|hearing|debate|letter|report)\b[^.;]{0,30}$",
    re.IGNORECASE,
)
# "June last year", "since March this year": a month of the year before publication (or of it).
_MONTH_OF_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<which>last|this)\s+year\b")
_LAST_YEAR = re.compile(r"(?<!the\s)(?<!this\s)(?<!past\s)\b(?P<which>last|this)\s+year\b", re.IGNORECASE)
_SMALL = {
    w: i + 2 for i, w in enumerate(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"])
}
# A bare month ("in June") is only a date after words like these; "May" is too often a verb or name.
_BARE_MONTH_BEFORE = re.compile(
    r"\b(?:in|since|between|from|by|until|till|to|and|of|during|throughout|end\s+of|as\s+of|as\s+at)\s+$",
    re.IGNORECASE,
)


_COUNTED_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?(?:pages|posts|accounts|groups|channels|URLs|videos|adverts|items)\b")
_REPORTED_BEFORE = re.compile(
    r"\b(?:referred|reported|flagged|submitted|removed|taken\s+down|closed|deleted|suspended)\s+$", re.IGNORECASE
)
# "January to March 2022": a bare month that opens a range of months is a date wherever it stands.
_MONTH_RANGE_AFTER = re.compile(rf"\s*(?:to|until|till|through|-|–|—)\s*{_MONTH}")


# "in March and April": the second month of a pair is a date when the first one is.
_MONTH_AND_BEFORE = re.compile(rf"{_MONTH}\s+and\s+$")


def _bare_month_is_date(before: str) -> bool:
    m = _BARE_MONTH_BEFORE.search(before)
    if not m:
        return False
    if not m.group(0).lower().startswith("and") or "between" in before.lower():
        return True
    pair = _MONTH_AND_BEFORE.search(before)
    return pair is not None and _bare_month_is_date(before[: pair.start()])


class DateRef(NamedTuple):
    """A stated date: a period (`first`..`last`, `last` None for "since X") or an as-of date
    (`first` == `last`). `start`/`end` are offsets into the searched text. A named tuple, not a
    frozen dataclass: every sentence with a number makes some, and a frozen dataclass takes about
    seven times as long to build."""

    kind: str  # period | as_of
    start: int
    end: int
    first: date | None
    last: date | None
    # An as-of date read from "on 1 September" or a bare day rather than "as of"/"by": it dates an
    # outcome in its sentence, but not a referred total.
    weak: bool = False


class _Atom(NamedTuple):
    start: int
    end: int
    first: date | None
    last: date | None
    precision: str  # day | month | year | quarter | fy
    yearless: bool
    month: int | None = None
    day: int | None = None


def find_dates(text: str, published: date | None) -> list[DateRef]:
    """Periods and as-of dates stated in `text` (a sentence or a table label)."""
    refs: list[DateRef] = []
    taken: list[tuple[int, int]] = []
    lower = text.lower()
    for m in _PART_OF_YEAR.finditer(text) if ("quarter" in lower or "half" in lower or "months" in lower) else ():
        ref = _part_of_year(m, text, published)
        if ref:
            refs.append(ref)
            taken.append((m.start(), m.end()))
    for m in _SINCE_START_OF_YEAR.finditer(text) if "year" in lower else ():
        if published is not None:
            refs.append(DateRef("period", m.start(), m.end(), date(published.year, 1, 1), None))
            taken.append((m.start(), m.end()))
    for m in _MONTH_OF_YEAR.finditer(text) if "year" in lower and published is not None else ():
        y = published.year - (1 if m.group("which").lower() == "last" else 0)
        first, last = _atom_dates(y, MONTHS[m.group("m").rstrip(".").lower()], None)
        atom = _Atom(m.start(), m.end(), first, last, "month", False)
        refs.append(_single(atom, text, text[max(0, m.start() - 40) : m.start()], published))
        taken.append((m.start(), m.end()))
    for m in _LAST_YEAR.finditer(text) if "year" in lower else ():
        if published is not None and not any(s <= m.start() < e for s, e in taken):
            y = published.year - (1 if m.group("which").lower() == "last" else 0)
            refs.append(DateRef("period", m.start(), m.end(), date(y, 1, 1), date(y, 12, 31)))
            taken.append((m.start(), m.end()))
    atoms = _atoms(text, published)
    if taken:
        atoms = [a for a in atoms if not any(s <= a.start < e for s, e in taken)]
    i = 0
    while i < len(atoms):
        a = atoms[i]
        before = text[max(0, a.start - 40) : a.start]
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        if (
            nxt
            and _RANGE_JOIN.match(text[a.end : nxt.start])
            and (
                _RANGE_OPEN.search(before)
                or text[a.end : nxt.start].strip().lower() != "and"
                or _next_month(a, nxt)
            )
        ):
            first = _range_start(a, nxt)
            refs.append(DateRef("period", a.start, nxt.end, first, nxt.last))
            i += 2
            continue
        refs.append(_single(a, text, before, published))
        i += 1
    return sorted(refs, key=lambda r: r.start)


def _single(a: _Atom, text: str, before: str, published: date | None) -> DateRef:
    year_to = _YEAR_TO_BEFORE.search(before)
    if year_to and a.last:  # the span takes in "twelve months to", so its number is not read as a count
        start = a.start - len(before) + year_to.start()
        return DateRef("period", start, a.end, _add_years(a.last, -1) + timedelta(days=1), a.last)
    if _SINCE_BEFORE.search(before) or _SINCE_EARLIER.search(text[max(0, a.start - 90) : a.start]):
        return DateRef("period", a.start, a.end, a.first, None)
    as_of = _AS_OF_BEFORE.search(before)
    if as_of and a.precision in ("day", "month", "year"):
        on_or_at = before.rstrip().lower().endswith(("on", "at"))
        if on_or_at and a.precision != "day":
            return DateRef("period", a.start, a.end, a.first, a.last)
        return _as_of(a, text, on_or_at)
    if a.precision == "day":
        return _as_of(a, text, True)
    return DateRef("period", a.start, a.end, a.first, a.last)


def _as_of(a: _Atom, text: str, weak: bool) -> DateRef:
    if weak and _NOT_A_COUNT_DATE.search(text[max(0, a.start - 50) : a.start]):
        return DateRef("as_of", a.start, a.end, None, None)  # kept so its numbers are not read as counts
    return DateRef("as_of", a.start, a.end, a.last, a.last, weak)


def _next_month(a: _Atom, b: _Atom) -> bool:
    """ "January and February 2024": two consecutive months, which together make one period."""
    if a.precision != "month" or b.precision != "month" or not a.yearless or a.month is None or b.month is None:
        return False
    return b.month == a.month % 12 + 1


def _range_start(a: _Atom, b: _Atom) -> date | None:
    """Start of "A to B" where A may lack the year B carries ("between January and May 2020")."""
    if not a.yearless or b.last is None or a.month is None:
        return a.first
    year = b.last.year - (1 if a.month > b.last.month else 0)
    return _atom_dates(year, a.month, a.day)[0]


def _atoms(text: str, published: date | None) -> list[_Atom]:
    if not ("19" in text or "20" in text or _MONTH_WORD.search(text)):
        return []  # every atom holds a year or a month (a third of sentences with numbers have neither)
    out: list[_Atom] = []
    for m in _ATOM.finditer(text):
        atom = _atom(m, text, published)
        if atom is not None:
            out.append(atom)
    return out


def _atom(m: re.Match[str], text: str, published: date | None) -> _Atom | None:
    g = m.group
    s, e = m.start(), m.end()
    if m.lastgroup == "year":  # the commonest atom, and the alternatives are exclusive
        if _COUNTED_AFTER.match(text, e) and _REPORTED_BEFORE.search(text, max(0, s - 40), s):
            return None  # "we have reported 2045 posts": a count that looks like a year
        y = int(g("y8"))
        before = text[max(0, s - 20) : s]
        if ("y" in before or "Y" in before) and _FY_BEFORE.search(before):
            return _Atom(s, e, date(y - 1, 4, 1), date(y, 3, 31), "fy", False)
        return _Atom(s, e, date(y, 1, 1), date(y, 12, 31), "year", False)
    if g("fy") or g("fyslash"):
        y1 = int(g("fy1") or g("fs1"))
        y2 = int(g("fy2") or g("fs2"))
        if y2 % 100 != (y1 + 1) % 100:
            return None
        return _Atom(s, e, date(y1, 4, 1), date(y1 + 1, 3, 31), "fy", False)
    if g("quarter"):
        y, q = int(g("qy")), int(g("qn"))
        return _Atom(s, e, date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter", False)
    month_word = g("m1") or g("m2") or g("m3") or g("m4") or g("m5") or g("m7")
    month = MONTHS[month_word.rstrip(".").lower()] if month_word else int(g("m6"))
    if g("month") and not (_bare_month_is_date(text[max(0, s - 40) : s]) or _MONTH_RANGE_AFTER.match(text, e)):
        return None
    if g("month") and month_word[0].islower():
        return None
    day_text = g("d1") or g("d2") or g("d4") or g("d5") or g("d6")
    day = int(re.sub(r"\D", "", day_text)) if day_text else None
    year_text = g("y1") or g("y2") or g("y3") or g("y6")
    if year_text:
        year = int(year_text)
    elif published is not None:
        year = published.year
        if _atom_dates(year, month, day)[1 if day is None else 0] > published:
            year -= 1
    else:
        return None
    try:
        first, last = _atom_dates(year, month, day)
    except ValueError:
        return None
    return _Atom(s, e, first, last, "day" if day else "month", year_text is None, month, day)


def _atom_dates(year: int, month: int, day: int | None) -> tuple[date, date]:
    if day is not None:
        d = date(year, month, day)
        return d, d
    return date(year, month, 1), _month_end(year, month)


def _part_of_year(m: re.Match[str], text: str, published: date | None) -> DateRef | None:
    year_text = m.group("year") or m.group("nyear")
    if year_text:
        year = int(year_text)
    elif m.group("prev"):
        if published is None:
            return None
        year = published.year - 1  # "the final quarter of last year": the calendar year before publication
    else:
        years = re.findall(_YEAR, text)
        if years:
            year = int(years[0])
        elif published is not None:
            year = published.year
            k = _ORD.get((m.group("ord") or "").lower(), 1)
            if m.group("part") and date(year, 3 * k - 2 if m.group("part").lower() == "quarter" else 1, 1) > published:
                year -= 1  # "in first quarter" before that quarter has begun: last year's
        else:
            return None
    if m.group("n"):
        n = m.group("n").lower()
        months = int(n) if n.isdigit() else _SMALL[n]
        if not 1 <= months <= 12:
            return None
        return DateRef("period", m.start(), m.end(), date(year, 1, 1), _month_end(year, months))
    k = _ORD[m.group("ord").lower()]
    if m.group("part").lower() == "quarter":
        return DateRef("period", m.start(), m.end(), date(year, 3 * k - 2, 1), _month_end(year, 3 * k))
    if k > 2 and m.group("ord").lower() not in ("last", "final"):
        return None
    half = 2 if k > 2 else k
    return DateRef("period", m.start(), m.end(), date(year, 6 * half - 5, 1), _month_end(year, 6 * half))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_years(d: date, n: int) -> date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def nearest(
    refs: list[DateRef], kind: str, start: int, end: int, skip: tuple[DateRef, ...] = (), limit: int = 1 << 30
) -> DateRef | None:
    """The date of `kind` closest to the span `start`..`end` (a number and its noun), preferring
    one before it on a tie; dates in `skip` belong to another figure, dates from `limit` on to
    another clause."""
    best: DateRef | None = None
    best_distance = 1 << 30
    for r in refs:
        if r.kind != kind or r in skip or (r.first is None and r.last is None) or r.start >= limit:
            continue
        distance = start - r.end if r.end <= start else max(0, r.start - end) + 1
        if distance < best_distance:
            best, best_distance = r, distance
    return best
