"""Sentence splitting inside a block, keeping character offsets.

A full stop ends a sentence only when the next word starts a new one; abbreviations ("No. 5",
"Mr. Jones", "e.g. the"), initials and decimals ("3.3m") do not, so a figure and the words that
give it meaning stay in one sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left

# "[.!?][.!?]*", not "[.!?]+": a pattern that opens with a character set lets the engine skip to
# the next full stop, "!" or "?" instead of trying every position of the block.
_BREAK = re.compile(r"[.!?][.!?]*[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9£])")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "no",
        "nos",
        "vol",
        "para",
        "paras",
        "p",
        "pp",
        "fig",
        "figs",
        "e.g",
        "i.e",
        "etc",
        "approx",
        "c",
        "ca",
        "cf",
        "vs",
        "v",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "corp",
        "rt",
        "hon",
        "gen",
        "col",
        "sgt",
        "insp",
        "supt",
        "det",
        "rev",
        "art",
        "sec",
        "cl",
        "q",
        "op",
        "al",
        "govt",
        "dept",
        "est",
        "min",
        "max",
        "ref",
        "refs",
    ]
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of `text[start:end]` as (start, end) offsets into `text`, stripped of whitespace."""
    block = Block(text, start, len(text) if end is None else end)
    while block.find_stop():
        pass
    edges = [-1] + [i for i in range(len(block.stops)) if block.ends_sentence(i)] + [len(block.stops)]
    spans = [block.span(lo, hi) for lo, hi in zip(edges, edges[1:], strict=False)]
    return [s for s in spans if s[1] > s[0]]


class Block:
    """The sentences of one block, each found on demand from an offset inside it.

    Extraction reads only the sentences that hold a number or a platform name, a few of the many
    in a long paragraph of evidence. Whether a full stop ends a sentence depends only on the stop
    and the word before it, so the stops are found from the block's start only as far as the
    offsets asked about reach (the text after the last sentence read is never searched), and
    judged only next to them. Stop `i` of `stops` is a candidate break; a sentence runs between
    two stops that end sentences (-1 and the number of stops in the whole block stand for the
    block's edges; `around` finds them all before it returns the end of the block)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self.stops: list[re.Match[str]] = []
        self._starts: list[int] = []
        self._ends: dict[int, bool] = {}  # `ends_sentence` by stop, as a sentence's end is the next one's start
        self._search = _BREAK.finditer(text, start, end)

    def find_stop(self) -> bool:
        """Find the next stop, if there is one."""
        m = next(self._search, None)
        if m is None:
            return False
        self.stops.append(m)
        self._starts.append(m.start())
        return True

    def ends_sentence(self, i: int) -> bool:
        """Whether stop `i` ends a sentence: not after an abbreviation or an initial. The word
        before a stop cannot reach back past the whitespace that ends the stop before it, so the
        block's start is the only bound it needs."""
        ends = self._ends.get(i)
        if ends is None:
            word = _word_before(self.text, self.start, self._starts[i])
            ends = self._ends[i] = not (word and _is_abbreviation(word))
        return ends

    def around(self, offset: int) -> tuple[int, int]:
        """The stops that end the sentence before the one holding `offset` and that one itself
        (`len(self.stops)`, all stops then found, for the block's end). `offset` must be a letter
        or digit (never inside a stop's punctuation and spaces)."""
        starts = self._starts
        while (not starts or starts[-1] < offset) and self.find_stop():
            pass
        hi = bisect_left(starts, offset)
        lo = hi - 1
        while lo >= 0 and not self.ends_sentence(lo):
            lo -= 1
        while (hi < len(starts) or self.find_stop()) and not self.ends_sentence(hi):
            hi += 1
        return lo, hi

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        """The stripped sentence between stops `lo` and `hi`. A sentence that ends at a stop holds
        its punctuation, so only the block's last one can be empty."""
        a = self.stops[lo].end() if lo >= 0 else self.start
        if hi < len(self.stops):
            m = self.stops[hi]
            b = m.start() + len(m.group(0).rstrip())
        else:
            b = self.end
        return _strip(self.text, a, b)


def _word_before(text: str, start: int, end: int) -> str | None:
    """The word (letters and dots, starting with a letter) that ends at `end`, not reaching back
    past `start`: a backward walk, where a `$`-anchored search would try every position."""
    i = end
    while i > start and text[i - 1] in _WORD_CHARS:
        i -= 1
    while i < end and text[i] == ".":
        i += 1
    return text[i:end] if i < end else None


def _is_abbreviation(word: str) -> bool:
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return word.lower().rstrip(".") in _ABBREVIATIONS


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    if a < b and not text[a].isspace() and not text[b - 1].isspace():
        return a, b
    part = text[a:b]
    core = part.strip()
    if not core:
        return a, a
    a += len(part) - len(part.lstrip())
    return a, a + len(core)
