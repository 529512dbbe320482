"""The document-wide search for places worth reading: it may find too much, never too little."""

import random
import re

import pytest

from pipeline.extract import lexicon as lx
from pipeline.extract.candidates import between, find_candidates
from pipeline.extract.numbers import find_numbers
from pipeline.extract.platforms import scan

_WORDS = [
    "Facebook", "facebook", "FACEBOOK", "Facebook's", "Facebook-owned", "X", "x", "X-ray", "Xbox", "Line", "LINE",
    "line", "online", "Signal", "signal", "Signals", "You", "you", "Tube", "YouTube", "Tik", "Tok", "TikTok", "Sina",
    "Weibo", "Twitter/X", "X/Twitter", "(formerly", "Twitter)", "@Twitter", "#TikTok", "www.facebook.com", "VK",
    "Vkontakte", "QQ", "qq", "Imo", "Kik", "kick", "Threads", "threads", "Messenger", "Telegram", "telegram",
    "one", "One", "someone", "twenty-one", "Ten", "often", "seventy", "nineteen", "twelve", "2,500", "40%", "Q14",
    "per", "cent", "referred", "removed", "the", "and", ",", ".", "(", ")", "-", "£3", "e-mail", "é", "ſix", "K",
]


def _token_starts(text: str, pattern: str) -> list[int]:
    return [m.start() for m in re.finditer(pattern, text)]


def _random_text(rng: random.Random, n: int) -> str:
    parts = []
    for _ in range(n):
        parts.append(rng.choice(_WORDS))
        parts.append(rng.choice([" ", " ", " ", "", "\n", ". ", ", "]))
    return "".join(parts)


@pytest.mark.parametrize("seed", range(40))
def test_candidates_never_miss_a_mention_or_a_number(seed: int) -> None:
    rng = random.Random(seed)
    text = _random_text(rng, 60)
    cut = rng.randrange(1, len(text))
    blocks = [(0, cut), (cut, len(text))]  # a block edge may fall inside a word
    found = find_candidates(text, [(a, b, "paragraph") for a, b in blocks])
    every_token = _token_starts(text, r"(?<![\w@#/.-])[A-Za-z]+")
    for a, b in blocks:
        names = between(found.platforms, a, b)
        assert scan(text, a, b, False, names) == scan(text, a, b, False, [p for p in every_token if a <= p < b])
        sentence = text[a:b]
        words = [p - a for p in between(found.number_words, a, b)]
        numbers = find_numbers(sentence)
        assert find_numbers(sentence, words) == numbers
        if numbers:
            assert found.has_number(a, b)


def test_candidates_are_whole_words_in_the_case_the_gazetteer_needs() -> None:
    text = "Signal a clear signal; online Line and line; Xbox, X and x; someone gave one"
    found = find_candidates(text, [(0, len(text), "paragraph")])
    assert [text[p : p + 6] for p in found.platforms] == ["Signal", "Line a", "X and "]
    assert [text[p : p + 3] for p in found.number_words] == ["one"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The NCA referred 1,218 pages.",
        "702 had been taken down.",
        "171 were still live and 73 awaited review.",
        "12,000 takedowns followed.",
        "The removal rate was 91.4%.",
        "By April the number stood at 3,300.",
        "Of 946 adverts, 702 went.",
        "Some 40 had not.",
        "The platforms actioned 310.",
    ],
)
def test_sentences_that_can_hold_a_figure_have_a_cue(sentence: str) -> None:
    assert lx.has_cue(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Over 28,000 people crossed in small boats in 2022.",
        "The cost rose to £3.6 billion, according to paragraph 12 of HC 705.",
        "Q121 Chair: We meet them every 2 weeks.",
    ],
)
def test_sentences_about_other_things_have_no_cue(sentence: str) -> None:
    assert not lx.has_cue(sentence)


def test_cues_see_letters_that_only_ignorecase_folds() -> None:
    # "ſ" (long s) matches "s" under re.IGNORECASE, so the measure regex reads "ſent" as "sent".
    assert lx.MEASURE.search("\u017fent")
    assert lx.has_cue("\u017fent 40 to the platforms")
