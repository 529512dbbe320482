"""Sentence splitting inside a block, keeping character offsets.

A full stop ends a sentence only when the next word starts a new one; abbreviations ("No. 5",
"Mr. Jones", "e.g. the"), initials and decimals ("3.3m") do not, so a figure and the words that
give it meaning stay in one sentence.
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9£])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
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
    for m in _BREAK.finditer(text, start, end):
        word = _WORD_BEFORE.search(text, cut, m.start())
        if word and _is_abbreviation(word.group(1)):
            continue
        spans.append((cut, m.start() + len(m.group(0).rstrip())))
        cut = m.end()
    spans.append((cut, end))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[1] > s[0]]


def _is_abbreviation(word: str) -> bool:
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return word.lower().rstrip(".") in _ABBREVIATIONS


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
