"""Where numbers and platform names can start, found once for the whole document.

Reading every sentence token by token for number words and platform names cost more than
everything else on long, mostly-prose evidence. A few byte-string searches over the whole text
find the places worth reading instead, and sentences with none are never looked at again. The
positions are a superset of what the sentence readers accept (they re-check each one), so a
sentence skipped here could not have yielded a figure or a mention.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_DIGITS = tuple(str(d).encode() for d in range(10))


@dataclass(frozen=True)
class Candidates:
    """Sorted start offsets: `numbers` (digits and number words) and `platforms` (names)."""

    numbers: list[int]
    platforms: list[int]
    number_words: list[int]


def find_candidates(
    text: str,
    number_words: frozenset[str],
    platform_words: frozenset[str],
    edges: set[int],
) -> Candidates:
    """Candidate starts in `text`. Lower-case words match any ASCII case, others only as written;
    a word must be a whole ASCII-letter token, except at `edges` (block starts and ends), where a
    sentence reader sees the text cut off and so takes a glued word for a whole one."""
    # Latin-1 with replacement keeps one byte per character, so byte offsets are text offsets,
    # and bytes.lower() folds ASCII letters only, which is exactly how the readers compare words.
    raw = text.encode("latin-1", "replace")
    lower = raw.lower()
    words = _word_starts(text, raw, lower, number_words, "_-", edges)
    digits = []
    for d in _DIGITS:
        i = raw.find(d)
        while i >= 0:
            digits.append(i)
            i = raw.find(d, i + 1)
    return Candidates(
        numbers=sorted(digits + words),
        platforms=_word_starts(text, raw, lower, platform_words, "_@#/.-", edges),
        number_words=words,
    )


def _word_starts(text: str, raw: bytes, lower: bytes, words: frozenset[str], glue: str, edges: set[int]) -> list[int]:
    out = []
    n = len(text)
    for word in words:
        hay = lower if word.islower() else raw
        needle = word.encode()
        k = len(needle)
        i = hay.find(needle)
        while i >= 0:
            j = i + k
            before_ok = i == 0 or i in edges or not (text[i - 1].isalnum() or text[i - 1] in glue)
            if before_ok and (j >= n or j in edges or text[j] not in _ASCII_LETTERS):
                out.append(i)
            i = hay.find(needle, i + 1)
    out.sort()
    return out


def between(positions: list[int], start: int, end: int) -> list[int]:
    """The positions in [start, end)."""
    return positions[bisect_left(positions, start) : bisect_left(positions, end)]


def any_between(positions: list[int], start: int, end: int) -> bool:
    i = bisect_left(positions, start)
    return i < len(positions) and positions[i] < end
