"""Sentence splitting keeps a figure and its words together."""

from pipeline.extract.sentences import split_sentences


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_splits_at_full_stops_before_capitals_and_digits() -> None:
    text = "The NCA referred 1,218 pages. Of these, 578 were closed. 485 remained open."
    assert _split(text) == ["The NCA referred 1,218 pages.", "Of these, 578 were closed.", "485 remained open."]


def test_abbreviations_initials_and_decimals_do_not_split() -> None:
    text = "See No. 5 and para. 3. Mr. J. Smith said 3.3m posts, e.g. Facebook ones, were removed."
    assert _split(text) == ["See No. 5 and para. 3.", "Mr. J. Smith said 3.3m posts, e.g. Facebook ones, were removed."]


def test_offsets_respect_the_block_range() -> None:
    text = "Title\n\nFirst one. Second one.\n\nNext block."
    start = text.index("First")
    end = text.index("\n\nNext")
    assert [text[a:b] for a, b in split_sentences(text, start, end)] == ["First one.", "Second one."]


def test_quotes_and_question_marks() -> None:
    assert _split('He asked "How many?" Then 300 were removed.') == ['He asked "How many?"', "Then 300 were removed."]
