"""Finding numbers in a sentence, with their spans and normalised values.

Only numbers that could be a count or a percentage come out: references (Q14, HC 705, CHA0051,
"paragraph 5"), money, times, ranges of question numbers, footnote markers, phone numbers,
financial years and parts of URLs are dropped here, so the figure rules never see them. Years and
dates are flagged, not dropped, because only the caller knows whether a date parser claimed them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
_WORD = rf"(?:(?:{_TENS_RE})(?:[- ](?:{_UNIT_RE}))?|{_UNIT_RE}|hundred|thousand|million|billion)"
_WORD_JOIN = r"(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+|[- ]"

_DIGITS = (
    r"(?<![\w.,£$€/\[-])(?<!\d[-–/])"
    r"(?P<digits>\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])|\d+)(?P<dec>\.\d+)?"
    r"(?:(?P<suffix>k|K|m|bn)\b|\s(?P<scale>thousand|million|billion)\b)?"
)
_WORDS = rf"(?<![\w-])(?P<words>{_WORD}(?:(?:{_WORD_JOIN}){_WORD})*)(?![\w-])"
_PERCENT = r"(?P<pct>\s?%|\s?per\s?cent\b|\s?percent\b)?(?P<plus>\+(?!\d))?"
# The guard lets the engine skip every position that is not a digit. Spelled-out numbers are only
# tried where a word that can start one stands (a cheap token scan and a set lookup).
_DIGIT_NUMBER = re.compile(rf"(?=[0-9])(?<![\w£$€/\[])(?:{_DIGITS}){_PERCENT}", re.IGNORECASE)
_WORD_NUMBER = re.compile(rf"{_WORDS}{_PERCENT}", re.IGNORECASE)
_WORD_TOKEN = re.compile(r"(?=[zotfsenZOTFSEN])(?<![\w-])[A-Za-z]+")
_FIRST_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS)
# The words a spelled-out number can start with, for the document-wide search in `candidates`.
NUMBER_WORDS = _FIRST_NUMBER_WORDS

# Words after which a number is a reference, not a count: "HC 705", "paragraph 5", "Table 1".
_REFERENCE_WORDS = frozenset(
    [
        "hc",
        "hl",
        "q",
        "qq",
        "no",
        "nos",
        "para",
        "paras",
        "paragraph",
        "paragraphs",
        "page",
        "pages",
        "p",
        "pp",
        "section",
        "sections",
        "footnote",
        "footnotes",
        "note",
        "notes",
        "table",
        "tables",
        "figure",
        "figures",
        "chart",
        "charts",
        "annex",
        "annexes",
        "appendix",
        "appendices",
        "chapter",
        "chapters",
        "question",
        "questions",
        "part",
        "parts",
        "article",
        "articles",
        "clause",
        "clauses",
        "schedule",
        "schedules",
        "rule",
        "rules",
        "step",
        "steps",
        "recommendation",
        "recommendations",
        "conclusion",
        "conclusions",
        "volume",
        "vol",
        "issue",
        "bill",
        "cm",
        "cmd",
        "cp",
        "si",
        "item",
        "items",
        "line",
        "lines",
        "row",
        "rows",
        "column",
        "columns",
        "room",
        "box",
        "session",
        "version",
        "level",
        "tier",
        "grade",
        "category",
        "phase",
        "stage",
        "ref",
        "reference",
        "act",
        "age",
        "aged",
    ]
)
_NOT_DIGIT = re.compile(r"[^\d]")
_SCALE_SUFFIX = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_MONEY_AFTER = re.compile(r"^\s*(?:pounds|euros|dollars|sterling|p\b)", re.IGNORECASE)
_RANGE_OR_TIME_AFTER = re.compile(r"^(?:\s?[-–—]\s?\d|/\d|:\d|\.\d|[A-Za-z])")
_RANGE_BEFORE = re.compile(r"\d\s?[-–—]\s?$|\d:$")
# "0" after no word character is "\b0" written so that every alternative opens with a literal: the
# engine then skips ahead to a "+" or "0" instead of trying the pattern at every position.
_PHONE = re.compile(r"(?:\+44\s?\(?0?\)?\s?|0(?<!\w0))\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b")
_URLISH = re.compile(r"\S*(?:://|www\.|@)\S*")


@dataclass(slots=True)
class Number:
    """A number as written in a sentence; `start`/`end` are offsets into the searched text."""

    value: float
    unit: str  # count | percent
    start: int
    end: int
    plus: bool  # written "N+", which reads as "at least N"
    yearlike: bool  # four digits 1900-2099 without separators: a year unless the caller knows better
    words: bool  # spelled out ("two thousand")


def find_numbers(
    text: str, word_starts: list[int] | None = None, taken: list[tuple[int, int]] | None = None
) -> list[Number]:
    """Every count- or percentage-like number in `text`, in order, bar those overlapping a span in
    `taken` (the caller's dates, say).

    `word_starts`, when the caller has them (see `candidates`), are the offsets where a spelled-out
    number may begin; any superset of them will do, since each is checked again here."""
    blocked = list(taken or ())
    if "0" in text:
        blocked += [m.span() for m in _PHONE.finditer(text)]
    if "://" in text or "www." in text or "@" in text:
        blocked += [m.span() for m in _URLISH.finditer(text)]
    matches = list(_DIGIT_NUMBER.finditer(text))
    spelled_end = 0
    tokens = _WORD_TOKEN.finditer(text) if word_starts is None else (_WORD_TOKEN.match(text, p) for p in word_starts)
    for token in tokens:
        if token and token.start() >= spelled_end and token.group().lower() in _FIRST_NUMBER_WORDS:
            m = _WORD_NUMBER.match(text, token.start())
            if m:
                matches.append(m)
                spelled_end = m.end()
    if spelled_end:
        matches.sort(key=lambda m: m.start())
    out: list[Number] = []
    for m in matches:
        if blocked and any(a < m.end() and m.start() < b for a, b in blocked):
            continue
        number = _read(text, m)
        if number is not None:
            out.append(number)
    return out


def _read(text: str, m: re.Match[str]) -> Number | None:
    start, end = m.start(), m.end()
    tail = text[max(0, start - 24) : start]
    stripped = tail.rstrip()
    if _last_word(stripped).lower() in _REFERENCE_WORDS or stripped.endswith(("£", "$", "€")):
        return None
    after = text[end : end + 30]
    if _MONEY_AFTER.match(after):
        return None
    if m.re is _DIGIT_NUMBER:
        pct, plus, digits, dec, suffix, scale = m.group("pct", "plus", "digits", "dec", "suffix", "scale")
    else:
        (pct, plus), digits = m.group("pct", "plus"), None
    pct = pct is not None
    if digits:
        if _RANGE_BEFORE.search(tail[-4:]) or (not pct and not plus and _glued_after(after)):
            return None
        plain = digits if digits.isdigit() else _NOT_DIGIT.sub("", digits)
        value = float(plain + (dec or ""))
        suffix = (suffix or scale or "").lower()
        if suffix:
            value *= _SCALE_SUFFIX[suffix]
        yearlike = len(digits) == 4 and plain is digits and 1900 <= int(digits) <= 2099 and not suffix
    else:
        parsed = words_value(m.group("words"))
        if parsed is None:
            return None
        value, yearlike = float(parsed), False
    return Number(value, "percent" if pct else "count", start, end, plus is not None, yearlike and not pct, not digits)


def _last_word(text: str) -> str:
    """The letters that end `text`, before an optional full stop and spaces ("" if none): stripped
    from the right, where a `$`-anchored search would retry from every letter."""
    text = text.rstrip()
    if text.endswith("."):
        text = text[:-1]
    return text[len(text.rstrip(_ASCII_LETTERS)) :]


def _glued_after(after: str) -> bool:
    """A letter, range dash, time colon or second decimal point right after the digits: "2nd",
    "120-164", "10:30", "1.2.3" are not counts."""
    return bool(_RANGE_OR_TIME_AFTER.match(after))


def words_value(words: str) -> int | None:
    """Value of spelled-out numbers ("three hundred and twenty" -> 320); None for a bare scale word."""
    total = current = 0
    seen_digit_word = False
    for token in re.split(r"[\s-]+", words.lower()):
        if token == "and":
            continue
        if token in _UNITS:
            current += _UNITS[token]
            seen_digit_word = True
        elif token in _TENS:
            current += _TENS[token]
            seen_digit_word = True
        elif token == "hundred":
            current = max(current, 1) * 100 if seen_digit_word else 0
        elif token in _SCALES:
            if not seen_digit_word:
                return None
            total += max(current, 1) * _SCALES[token]
            current = 0
    if not seen_digit_word:
        return None
    return total + current
