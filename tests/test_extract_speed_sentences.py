"""A block's sentences found lazily (`Block.around`) are the ones a full split finds."""

import random

import pytest

from pipeline.extract.sentences import Block, split_sentences

_PIECES = [
    "The NCA referred 1,218 pages", "Mr. J. Smith said", "3.3m posts", "e.g. Facebook", "No. 5", "para. 3",
    "Of these, 578 were closed", "Why?", "Really!", '"Quoted."', "(see Q14.)", "12.", "U.K. figures", "etc.",
    "approx. 40 per cent", "In 2023", "Sept. 2022", "the end",
]


def _paragraph(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randrange(3, 25)):
        parts.append(rng.choice(_PIECES))
        parts.append(rng.choice([". ", " ", ", ", "! ", "? ", ".) ", ".\u201d ", "; "]))
    return "".join(parts).strip()


@pytest.mark.parametrize("seed", range(30))
def test_around_finds_the_sentence_a_full_split_holds_it_in(seed: int) -> None:
    rng = random.Random(seed)
    prefix = "Heading\n\n"
    text = prefix + _paragraph(rng) + "\n\nNext block."
    start, end = len(prefix), text.index("\n\nNext")
    sentences = split_sentences(text, start, end)
    block = Block(text, start, end)
    # Offsets asked about in increasing order with gaps, as extraction reads a block.
    offsets = sorted(rng.sample([i for i in range(start, end) if text[i].isalnum()], k=min(8, end - start - 1)))
    for offset in offsets:
        lo, hi = block.around(offset)
        expected = next((a, b) for a, b in sentences if a <= offset < b)
        assert block.span(lo, hi) == expected, text[offset:offset + 20]


def test_stops_after_the_last_sentence_read_are_not_searched() -> None:
    text = "The unit referred 300 posts. " + "Nothing more here. " * 50
    block = Block(text, 0, len(text))
    lo, hi = block.around(text.index("300"))
    assert text[slice(*block.span(lo, hi))] == "The unit referred 300 posts."
    assert len(block.stops) == 1  # the fifty stops after it were never looked for
    assert block.find_stop() and len(block.stops) == 2
