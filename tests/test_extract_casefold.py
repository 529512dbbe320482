"""`lexicon.folded` patterns on `lexicon.fold`ed text find what their IGNORECASE originals find.

The extractor searches several long IGNORECASE patterns case-sensitively in a lower-cased copy of
the text because that is faster; these tests hold the equivalence the speed-up relies on."""

from __future__ import annotations

import random
import re

import pytest

from pipeline.extract import lexicon as lx

_ALL = "".join(chr(i) for i in range(0x110000))
_FOLDED = "".join(map(lx.fold, _ALL))


def test_fold_maps_each_character_to_one() -> None:
    # offsets in the folded text must be offsets in the original (no character folds to nothing)
    assert len(_FOLDED) == len(_ALL)


def test_fold_agrees_with_ignorecase() -> None:
    for piece in ("[a-z]", r"\s", r"\w", r"\d", r"\b\w", r"\w\b"):
        insensitive = [m.span() for m in re.finditer(piece, _ALL, re.IGNORECASE)]
        assert insensitive == [m.span() for m in re.finditer(piece, _FOLDED)], piece
    # each character that matches a letter in any case folds to exactly that letter
    for i in (m.start() for m in re.finditer("[a-z]", _ALL, re.IGNORECASE)):
        assert [x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, _ALL[i], re.IGNORECASE)] == [_FOLDED[i]]


def test_folded_patterns_match_alike() -> None:
    words = re.findall(
        r"\S+",
        "Referred REMOVED taken Down not yet removed pending were still Live 1,200 web pages posts URLs "
        "Accounts of the TikTok items of content Kelvin \u212a \u017fent \u0131tems \u0130TEMS people smuggling, ; "
        "refu\u017fed awaiting review social media pages and accounts",
    )
    rng = random.Random(7)
    pairs = [(lx.MEASURE, lx.MEASURE_FOLDED), (lx.ITEM_RE, lx.ITEM_FOLDED), (lx.ITEM_NP, lx.ITEM_NP_FOLDED)]
    for _ in range(3000):
        text = " " + " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        low = lx.fold(text)
        for original, fast in pairs:
            assert [m.span() for m in original.finditer(text)] == [m.span() for m in fast.finditer(low)], text
        m, f = lx.ITEM_NP.match(text), lx.ITEM_NP_FOLDED.match(low)
        assert (m and m.span("np")) == (f and f.span("np")), text


def test_folded_refuses_case_sensitive_or_upper_case_patterns() -> None:
    with pytest.raises(ValueError):
        lx.folded(re.compile("removed"))
    with pytest.raises(ValueError):
        lx.folded(re.compile("[A-Z]emoved", re.IGNORECASE))
    assert lx.folded(re.compile(r"(?P<m>\bremoved\s)", re.IGNORECASE)).search("x removed ") is not None


def test_tail_twins_give_the_original_match() -> None:
    # figures._tail searches the folded text, then matches the original pattern where the folded one
    # started: the result must be what a plain search of the original text returns, groups included
    from pipeline.extract import figures as F

    words = re.findall(
        r"\S+",
        "Referred the removal of Take-Downs REMOVED reviewed rose fell up by increase of more than over "
        "nearly \u017fome \u0130n the region of ; , and of these which is That Was aims to remove target of "
        "including compared with left in 2023 every no Of the \u0131n excess of approx. c. 1,200 pages rate Rate was "
        "success takedown stood at compared to",
    )
    rng = random.Random(11)
    candidates = [*vars(F).values(), lx.QUALIFIER_BEFORE]
    patterns = [p for p in candidates if isinstance(p, re.Pattern) and id(p) in F._TAIL_FOLDED]
    assert len(patterns) == len(F._TAIL_FOLDED)
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 14))) + rng.choice(("", " ", "  "))
        for p in patterns:
            plain = p.search(text, max(0, len(text) - 60))
            fast = F._tail(p, text)
            assert (plain and (plain.span(), plain.groupdict())) == (fast and (fast.span(), fast.groupdict())), text


def test_word_led_clause_patterns_find_what_leading_boundaries_find() -> None:
    # figures writes "\bwhile\b" as "w(?<!\ww)hile\b" so that the engine can skip to likely starts;
    # the clause patterns must find the spans their plain forms find, up to any end position
    from pipeline.extract import figures as F

    plain = [
        (
            F._CLAUSE_END,
            re.compile(r"[;()]|,\s*(?:and|but|yet|while|whereas|with|of\s+which)\b|\b(?:which|while|whereas)\b"),
        ),
        (F._DATE_CLAUSE_END, re.compile(r";|,\s*(?:and|but|yet|while|whereas)\b|\b(?:and|but)\s+that\b|\bwhile\b")),
    ]
    start = re.compile(r";|,\s*(?:but|yet|while|whereas|meaning)\b|\b(?:but|and)\s+that\b|\bwhile\b|\bmeaning\b", re.I)
    words = "and but that while whereas which meaning yet with of , ; ( ) x1 _and bandwhile While MEANING But éwhile"
    rng = random.Random(3)
    for _ in range(20000):
        text = rng.choice(["", " "]).join(
            rng.choice(words.split()) + rng.choice(["", " ", "  ", ",", "\n"]) for _ in range(rng.randint(1, 10))
        )
        for end in (len(text), len(text) // 2):
            for fast, slow in plain:
                spans = [m.span() for m in fast.finditer(text, 0, end)]
                assert spans == [m.span() for m in slow.finditer(text, 0, end)], text
            folded_spans = [m.span() for m in F._DATE_CLAUSE_START.finditer(lx.fold(text), 0, end)]
            assert folded_spans == [m.span() for m in start.finditer(text, 0, end)], text


def test_measure_groups_are_the_four_measures() -> None:
    # lexicon.measure_of reads a match's measure from the name of its last (only) group
    for pattern in (lx.MEASURE, lx.MEASURE_FOLDED):
        assert pattern.groups == 4
        assert set(pattern.groupindex) == {"not_removed", "pending", "removed", "referred"}
    texts = ("were not removed", "awaiting review", "taken down", "referred", "had not.", "led to the removal")
    assert [lx.measure_of(lx.MEASURE.search(t)) for t in texts] == [
        "not_removed", "pending", "removed", "referred", "not_removed", "removed"
    ]
