"""Text normalisation shared by every parser.

Extractors run regexes over `Document.text`, so every parser must hand them the same alphabet:
NFKC (ligatures, full-width digits, odd spaces), no invisible characters, one space between
words inside a block, and no footnote markers glued to the words or figures they follow.
"""

from __future__ import annotations

import re
import string
import unicodedata

# Deleted outright: zero-width characters, BOM, soft hyphen, and the U+FFFE that PDFium returns
# for a hyphen it has already joined across a line break.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufffe\u0002"), None)
# Unicode superscript digits are footnote markers here (`402²`); NFKC would turn them into
# ordinary digits and make 402 read 4022, so they go before normalisation.
_SUPERSCRIPTS = dict.fromkeys(map(ord, "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"), None)
_DELETE = {**_INVISIBLE, **_SUPERSCRIPTS}
# The same set as a character class: `re.sub` deletes them at C speed, where `str.translate`
# with a dict looks every character up in Python (a third of an HTML page's parse).
_DELETE_RE = re.compile("[" + "".join(map(chr, _DELETE)) + "]")
# `485[1]`, `platforms.[2]`: a bracketed number glued to the text before it is a marker.
_GLUED_MARKER = re.compile(r"(?<=\S)\[\d{1,3}\]")
# A footnote body's own leading marker: `[1] Text`, `1 Text`, `1. Text` is NOT included (that is
# a numbered paragraph), so only the bracketed form and a bare number before a capital/quote.
_LEADING_MARKER = re.compile(r"^(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}(?=\s+[^\s\d.,]))\s*")
_ASCII_LOWER = bytes.maketrans(string.ascii_uppercase.encode(), string.ascii_lowercase.encode())
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())
# What str.split() splits ASCII on: these controls and the space.
ASCII_WHITESPACE = bytes(c for c in range(128) if chr(c).isspace())
_ASCII_WHITESPACE_TO_SPACE = bytes.maketrans(ASCII_WHITESPACE, b" " * len(ASCII_WHITESPACE))


def clean(text: str) -> str:
    """Normalise one block's text: delete invisibles and markers, NFKC, collapse whitespace."""
    if not text.isascii():  # every deleted character is non-ASCII
        # NFKC turns a no-break space into a space, so replacing it first changes nothing, and it
        # is often the only non-ASCII character (Word's &nbsp;): the text can then skip the
        # deletions' regex scan as well as NFKC.
        text = text.replace("\xa0", " ")
        if not text.isascii():
            text = _DELETE_RE.sub("", text)
            if not text.isascii():
                text = unicodedata.normalize("NFKC", text)
    if "[" in text:
        text = _GLUED_MARKER.sub("", text)
    if text.isascii():
        return _squeeze_ascii(text)
    return " ".join(text.split())


def _squeeze_ascii(text: str) -> str:
    """`" ".join(text.split())` for ASCII text in a few passes of C: splitting a paragraph into
    word objects cost more than all of `clean`'s other steps together."""
    if not text.isprintable():  # the whitespace among ASCII's control characters becomes a space
        text = text.encode("ascii").translate(_ASCII_WHITESPACE_TO_SPACE).decode("ascii")
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip(" ")


def strip_leading_marker(text: str) -> str:
    """Remove the `[1]` or `1` that opens a footnote body; the marker is not text."""
    return _LEADING_MARKER.sub("", text, count=1)


def same_text(a: str, b: str) -> bool:
    """True when two strings say the same words, ignoring case, punctuation and spacing; used to
    recognise a title repeated as the first heading of the body."""
    return title_key(a) == title_key(b) and bool(title_key(a))


def title_key(text: str) -> str:
    """Text reduced to its letters and digits, case-folded, for comparing titles."""
    if text.isascii():  # the same in C: ASCII letters and digits are exactly its \w minus "_"
        return text.encode("ascii").translate(_ASCII_LOWER, _ASCII_NOT_ALNUM).decode("ascii")
    return re.sub(r"[\W_]+", "", text.casefold())


def join_lines(previous: str, following: str) -> str:
    """Join two lines of one paragraph, undoing end-of-line hyphenation (PDFium's U+FFFE, or a
    hyphen before a lower-case continuation: `refer-` + `red` reads `referred`)."""
    head = previous.rstrip()
    tail = following.lstrip()
    if head.endswith("\ufffe") or hyphen_join(head, tail):
        return head[:-1] + tail
    return f"{head} {tail}"


def hyphen_join(head: str, tail: str) -> bool:
    """A line ending in a letter and a hyphen, followed by one starting lower-case, is one word
    broken across the lines."""
    head, tail = head.rstrip(), tail.lstrip()
    return len(head) > 1 and head.endswith("-") and head[-2].isalpha() and tail[:1].islower()
