"""Platform mentions: canonical names, aliases, and the ordinary-word traps from the spec."""

from datetime import date

import pytest

from pipeline.document import Block, Document
from pipeline.extract import extract
from pipeline.extract.platforms import is_title_case


def _mentions(*paragraphs: str) -> list[tuple[str, str]]:
    text = "\n\n".join(paragraphs)
    blocks, pos = [], 0
    for i, p in enumerate(paragraphs):
        blocks.append(Block(pos, pos + len(p), "title" if i == 0 else "paragraph"))
        pos += len(p) + 2
    _, mentions = extract(Document(title=paragraphs[0], text=text, blocks=blocks), date(2023, 1, 1))
    for m in mentions:
        assert text[m.char_start : m.char_end] == m.surface
    return [(m.platform, m.surface) for m in mentions]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Adverts appeared on You Tube and Tik Tok.", [("YouTube", "You Tube"), ("TikTok", "Tik Tok")]),
        ("They posted on VK and Vkontakte.", [("VKontakte", "VK"), ("VKontakte", "Vkontakte")]),
        ("Groups met on Baidu BBS and Baidu Tieba.", [("Baidu", "Baidu BBS"), ("Baidu", "Baidu Tieba")]),
        ("Posts on X (formerly Twitter) rose.", [("Twitter", "X (formerly Twitter)")]),
        ("Posts on X (formerly known as Twitter) rose.", [("Twitter", "X (formerly known as Twitter)")]),
        ("Referrals to Twitter/X fell.", [("Twitter", "Twitter/X")]),
        ("Ads ran on Facebook Messenger.", [("Messenger", "Facebook Messenger")]),
        ("Weibo, WeChat and Zalo were used.", [("Weibo", "Weibo"), ("WeChat", "WeChat"), ("Zalo", "Zalo")]),
        ("Smugglers used Signal, Line and X.", [("Signal", "Signal"), ("Line", "Line"), ("Twitter", "X")]),
        ("We referred 44 servers to Discord, and Discord replied.", [("Discord", "Discord"), ("Discord", "Discord")]),
        ("Posts were shared on X by the gangs.", [("Twitter", "X")]),
        ("Telegram channels and Threads posts were flagged.", [("Telegram", "Telegram"), ("Threads", "Threads")]),
    ],
)
def test_names_and_aliases(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _mentions("Title", sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The report is a clear signal that ministers want action.",
        "Officials on the front line agree.",
        "A meta-analysis and an x-ray of the evidence.",
        "There was discord among members.",
        "They would send a telegram to the minister.",
        "The snap election changed little.",
        "Threads of argument ran through the debate.",
        "It happened X number of times.",
        "Meta, Google, Alphabet, ByteDance, Tencent and Microsoft gave evidence.",
        "Witness X told Mr X about Article X.",
        "Line 4 of the table is wrong.",
        "Signal strength was poor.",
    ],
)
def test_ordinary_words_and_companies_are_not_platforms(sentence: str) -> None:
    assert _mentions("Title", sentence) == []


def test_every_occurrence_is_a_row_including_title_and_tables_text() -> None:
    got = _mentions("Facebook takedowns", "Facebook removed pages. Most were on Facebook.")
    assert [p for p, _ in got] == ["Facebook", "Facebook", "Facebook"]


def test_title_case_headline_needs_context_for_word_like_names() -> None:
    assert is_title_case("Sending A Clear Signal On Online Harms")
    assert _mentions("Sending A Clear Signal On Online Harms", "Body text.") == []


def test_a_capitalised_preposition_gives_context() -> None:
    assert _mentions("Title", "On X the problem is volume.") == [("Twitter", "X")]


def test_a_name_at_a_sentence_start_counts_when_the_document_uses_it_as_a_platform() -> None:
    assert _mentions("Title", "Discord is one we watch. We flagged 97 Discord servers.") == [
        ("Discord", "Discord"),
        ("Discord", "Discord"),
    ]
    assert _mentions("Title", "Discord is growing among the members.") == []


def test_an_ambiguous_name_counts_beside_another_platform_in_its_sentence() -> None:
    text = "We used Telegram groups. Telegram had the lowest rate, and X the highest share of refusals."
    assert _mentions("Title", text) == [("Telegram", "Telegram"), ("Telegram", "Telegram"), ("Twitter", "X")]
    assert _mentions("Title", "X marks the spot on the map.") == []


def test_follow_us_lines_are_not_document_text() -> None:
    assert _mentions("Title", "Most posts were on Facebook. Follow us on Instagram and Threads for updates.") == [
        ("Facebook", "Facebook")
    ]
