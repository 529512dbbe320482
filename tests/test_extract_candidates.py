"""The document-wide search for places worth reading: it may find too much, never too little."""

import random
import re

import pytest

from pipeline.extract import figures as fig
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


_PHRASES = [
    "taken down", "took down", "shut down", "remained open", "were still live", "left online", "not removed",
    "had not", "waiting for", "under review", "still being reviewed", "yet to be decided", "resulted in the removal",
    "led to takedown", "turned down", "failed to act", "remain in place", "stayed on the platforms", "taken offline",
    "a total of", "more than", "in excess of", "up to", "close to", "as many as", "in the region of",
    "of the order of", "reduction of", "increase of", "removal of", "referrals of", "approx.", "c.", "ca.",
    "the NCA referred", "Facebook has also removed", "we flagged", "the Unit reported", "rose by", "fell to",
]


def _pattern_words() -> list[str]:
    sources = [fig._GOVERNING_VERB, fig._CHANGE_BEFORE, fig._GOVERNING_NOUN, lx.QUALIFIER_BEFORE, lx.ITEM_NP]
    sources.append(fig._TOTAL)
    words = {w for p in sources for w in re.findall(r"[A-Za-z]{2,}", p.pattern)}
    return sorted(words) + ["Unit", "NCA", "people", "data", "signal", "5", "(", ")", ",", ";"]


@pytest.mark.parametrize("seed", range(5))
def test_quick_refusals_never_refuse_a_match(seed: int) -> None:
    """The cue and last-word checks that skip the slow patterns must hold whenever a pattern
    matches, or skipping would change what is read."""
    rng = random.Random(seed)
    vocab = _pattern_words()
    tails = [
        (fig._CHANGE_BEFORE, fig._CHANGE_LAST),
        (fig._GOVERNING_VERB, fig._VERB_LAST),
        (fig._GOVERNING_NOUN, fig._QUAL_LAST),
        (lx.QUALIFIER_BEFORE, fig._QUALIFIER_LAST),
        (fig._ACTOR, fig._VERB_LAST),
    ]
    for _ in range(600):
        parts = [rng.choice(vocab + _PHRASES) for _ in range(rng.randint(1, 7))]
        if rng.random() < 0.5:
            parts[rng.randrange(len(parts))] = rng.choice(parts).upper()
        text = rng.choice(["", "The ", "of "]) + " ".join(parts) + rng.choice([" ", "  ", "\n", " a ", ""])
        for pattern, last in tails:
            if pattern.search(text, max(0, len(text) - 60)):
                assert fig._last_token_ends(text, last), (pattern.pattern[:40], text)
        if lx.MEASURE.search(text):
            assert fig._may_measure(text), text
        if lx.ITEM_NP.match(" " + text):
            assert lx.has_any(text, lx.ITEM_CUES), text
        if fig._TOTAL.search(text):
            assert lx.has_any(text, lx.TOTAL_CUES), text
