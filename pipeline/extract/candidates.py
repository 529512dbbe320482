"""Where numbers and platform names can start, found once for the whole document.

Reading every sentence token by token for number words and platform names cost more than
everything else on long, mostly-prose evidence. One pass over a folded copy of the text finds
the places worth reading instead, and sentences with none are never looked at again. The
positions are a superset of what the sentence readers accept (they re-check each one), so a
sentence skipped here could not have yielded a figure or a mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from pipeline.extract.lexicon import alternation
from pipeline.extract.numbers import NUMBER_WORDS
from pipeline.extract.platforms import CANDIDATE_WORDS

# Folds a Latin-1 encoding of the text (one byte per character, so offsets carry over) to
# lower-case ASCII letters, "0" for every digit and a space for everything else.
_FOLD = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 48 if 48 <= c <= 57 else 32 for c in range(256)
)
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_TOKEN = re.compile(r"(?<![\w-])[A-Za-z]+")
_PLATFORM_ANY_CASE = frozenset(w for w in CANDIDATE_WORDS if w.islower())
_PLATFORM_AS_WRITTEN = frozenset(w for w in CANDIDATE_WORDS if not w.islower())


# A whole word after a non-letter, non-digit (the folded text is searched with a leading space): a
# number word or a platform name, told apart afterwards by `_KIND`. One alternation of all the words
# is about three times faster than one group per kind, which the engine would try in turn at every space.
_KIND = {
    **{w.lower().encode(): "written" for w in _PLATFORM_AS_WRITTEN},
    **{w.encode(): "name" for w in _PLATFORM_ANY_CASE},
    **{w.encode(): "number" for w in NUMBER_WORDS},
}
_WORD = re.compile(f" ({alternation(sorted(w.decode() for w in _KIND))})(?![a-z])".encode())


@dataclass(frozen=True)
class Candidates:
    """Sorted start offsets of number words and platform names, and the folded text."""

    number_words: list[int]
    platforms: list[int]
    folded: bytes  # " " + folded text: a digit at offset i of the text is b"0" at i + 1

    def has_number(self, start: int, end: int) -> bool:
        """Whether `text[start:end]` holds a digit or a number word."""
        return self.folded.find(b"0", start + 1, end + 1) >= 0 or any_between(self.number_words, start, end)

    def next_position(self, start: int, end: int) -> int:
        """The first offset in [start, end) where a digit, a number word or a platform name
        starts, else `end`: the next place a sentence can have something to read."""
        digit = self.folded.find(b"0", start + 1, end + 1)
        first = digit - 1 if digit >= 0 else end
        for positions in (self.number_words, self.platforms):
            i = bisect_left(positions, start)
            if i < len(positions) and positions[i] < first:
                first = positions[i]
        return first


def find_candidates(text: str, blocks: list[tuple[int, int, str]]) -> Candidates:
    """Candidate starts in `text`, read in `blocks` (which no sentence crosses)."""
    folded = (b" " + text.encode("latin-1", "replace")).translate(_FOLD)
    numbers: list[int] = []
    platforms: list[int] = []
    for m in _WORD.finditer(folded):
        i, j = m.start(), m.end() - 1  # offsets in `text`
        before = text[i - 1] if i else " "
        if before.isalnum():
            continue
        kind = _KIND[m.group(1)]
        if kind == "number":
            if before not in "_-":
                numbers.append(i)
        elif before not in "_@#/.-" and (kind == "name" or text[i:j] in _PLATFORM_AS_WRITTEN):
            platforms.append(i)
    glued = [(s, e) for s, e, _ in blocks if _glued(text, s, e)]
    if glued:
        # A reader sees a block cut off at its edges, so a word glued to the next block's text
        # is a whole word to it; such blocks (rare) are searched the slow way.
        for s, e in glued:
            for token in _TOKEN.finditer(text[s:e]):
                word = token.group().lower()
                if word in NUMBER_WORDS:
                    numbers.append(s + token.start())
                elif word in _PLATFORM_ANY_CASE or word in {w.lower() for w in _PLATFORM_AS_WRITTEN}:
                    platforms.append(s + token.start())
        numbers = sorted(set(numbers))
        platforms = sorted(set(platforms))
    return Candidates(numbers, platforms, folded)


def _glued(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    return before.isalnum() or before in "_-" or (end < len(text) and text[end] in _ASCII_LETTERS)


def between(positions: list[int], start: int, end: int) -> list[int]:
    """The positions in [start, end)."""
    return positions[bisect_left(positions, start) : bisect_left(positions, end)]


def any_between(positions: list[int], start: int, end: int) -> bool:
    i = bisect_left(positions, start)
    return i < len(positions) and positions[i] < end
