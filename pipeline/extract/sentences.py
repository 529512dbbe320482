"""Sentence splitting inside a block, keeping character offsets.

A full stop ends a sentence only when the next word starts a new one; abbreviations ("No. 5",
"Mr. Jones", "e.g. the"), initials and decimals ("3.3m") do not, so a figure and the words that
give it meaning stay in one sentence.
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9£])")
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
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cut = start
    for m in _breaks(text, start, end):
        word = _word_before(text, cut, m.start())
        if word and _is_abbreviation(word):
            continue
        spans.append((cut, m.start() + len(m.group(0).rstrip())))
        cut = m.end()
    spans.append((cut, end))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[1] > s[0]]


def _breaks(text: str, start: int, end: int) -> list[re.Match[str]]:
    """What `_BREAK.finditer` would find, tried only where a full stop, "!" or "?" stands: the
    regex engine would otherwise step through every character of the block."""
    marks = []
    for ch in ".!?":
        i = text.find(ch, start, end)
        while i >= 0:
            marks.append(i)
            i = text.find(ch, i + 1, end)
    marks.sort()
    out = []
    last = start
    for i in marks:
        if i >= last:
            m = _BREAK.match(text, i, end)
            if m:
                out.append(m)
                last = m.end()
    return out


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
