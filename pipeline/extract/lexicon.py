"""The words that make a number a referral figure: counted items, measures and qualifiers.

Kept in one place because sentences and table headers are read with the same vocabulary: a
column headed "Taken down" means what "were taken down" means in a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Counted online items (spec: pages, posts, accounts, ... referrals, requests).
ITEM = (
    r"(?:web\s?pages?|pages?|posts?|accounts?|groups?|channels?|urls?|links?|websites?|sites?|videos?|clips?|"
    r"advertisements?|adverts?|ads|messages?|pieces?\s+of\s+(?:[\w-]+\s+){0,3}?(?:content|material)|"
    r"items?(?:\s+of\s+(?:\w+\s+)?content)?|referrals?|requests?|reports?|notifications?|notices?|servers?|"
    r"profiles?|listings?|images?|photos?|tweets?|comments?|stories|reels?|hashtags?|handles?|chats?|"
    r"communities|community|subreddits?|forums?|threads|take-?downs?|removals?|uploads?|usernames?|content)"
)
ITEM_RE = re.compile(rf"\b{ITEM}\b", re.IGNORECASE)
# Item nouns that carry the measure themselves: "1,100 referrals", "12,000 takedowns".
NOUN_MEASURE = [
    ("referred", re.compile(r"(?:referrals?|requests?|reports?|notifications?|notices?)$", re.IGNORECASE)),
    ("removed", re.compile(r"(?:take-?downs?|removals?)$", re.IGNORECASE)),
]

# Words that end a counted noun phrase: function words, verbs that follow a subject, and the
# spec's things that are not referral figures (people, boats, officers, languages, platforms...).
_STOP = (
    r"(?:the|a|an|of|to|for|in|on|at|by|with|from|and|or|but|were|was|is|are|had|has|have|been|be|being|that|"
    r"which|who|whom|this|these|those|it|its|they|them|their|we|our|he|she|his|her|per|than|as|not|no|more|less|"
    r"only|also|still|yet|all|each|some|any|over|under|about|around|into|across|via|since|until|between|after|"
    r"before|during|while|when|where|if|so|then|there|here|will|would|could|should|may|might|can|did|do|does|"
    r"cent|percent|people(?!\s+(?:smuggling|trafficking))|persons?|individuals?|migrants?|asylum|boats?|"
    r"vessels?|engines?|crossings?|arrivals?|arrests?|investigations?|prosecutions?|convictions?|officers?|"
    r"officials?|staff|volunteers?|languages?|platforms?|companies|firms?|years?|months?|weeks?|days?|hours?|"
    r"minutes?|times?|members?|children|deaths?|smugglers?|gangs?|networks?|disruptions?|claims?|"
    r"applications?|countries|nations?|pounds|euros|dollars|million|billion|thousand|users?|cases?|"
    # verbs that follow a counted subject: "630 referrals concerned YouTube"
    r"concerned|concerning|related|relating|involved|involving|targeted|targeting|came|brought"
    r")"
)
_MOD = rf"(?:(?!{_STOP}\b)[a-z][\w'’-]*\s+)"
_NP = rf"(?:{_MOD}){{0,4}}{ITEM}\b"
# The counted noun phrase right after a number: "social media pages", "posts, pages or accounts".
ITEM_NP = re.compile(
    rf"^\s+(?:of\s+(?:the|these|those|its|their|all)\s+)?(?P<np>{_NP}(?:\s*(?:,|,?\s+(?:and|or|and/or))\s+{_NP})*)",
    re.IGNORECASE,
)

_NOT_REMOVED = (
    r"(?:(?:were|was|have|has|had|are|is|did|do|does)\s+)?not\s+(?:yet\s+|been\s+|be\s+)*"
    r"(?:removed|remove|taken\s+down|take(?:n)?\s+down|closed|close|deleted|suspended|actioned|shut\s+down|blocked)"
    r"|(?:yet|failed|refused|declined)\s+to\s+(?:be\s+)?(?:remove|removed|take\s+down|taken\s+down|act(?:\s+on)?|close)"
    r"|(?:remain(?:ed|s|ing)?|stayed|stay(?:s|ing)?|(?:were|was|are|is)\s+still|still)\s+"
    r"(?:open|live|online|active|up|available|accessible|visible|in\s+place|on\s+the\s+platforms?)"
    r"|left\s+(?:online|up|open|live|active|in\s+place)"
    r"|rejected|refused|declined|turned\s+down"
    r"|(?:had|have|has|were|was|did)\s+not(?=\s*(?:[.,;)]|$|been\s*(?:[.,;]|$)|and\b|but\b))"
)
_PENDING = (
    r"await(?:ing|ed|s)?|waiting\s+for|under\s+(?:review|consideration|assessment)|pending|outstanding"
    r"|(?:still\s+)?being\s+(?:reviewed|considered|assessed)|yet\s+to\s+(?:be\s+)?(?:decided|reviewed|assessed)"
)
_REMOVED = (
    r"removed|removing|removes|remove|closed|closes|closing|taken\s+down|took\s+down|take\s+down|taking\s+down|suspended|"
    r"suspending|suspends|deleted|deleting|deletes|delete|takes\s+down|shut(?:\s+down)?|actioned|disabled|blocked|banned|"
    r"taken\s+offline|(?:came|come|comes|coming|brought|bring|brings)\s+down|"
    r"(?:result(?:s|ed|ing)?|lead(?:s|ing)?|led)\s+(?:in|to)\s+(?:the\s+)?(?:removal|takedown|closure|suspension|deletion)"
)
_REFERRED = (
    r"referred|referring|refers|refer|sent|passed|forwarded|flagged|flagging|flags|flag|reported|reporting|submitted|escalated|"
    r"notified"
)
MEASURE = re.compile(
    rf"\b(?:(?P<not_removed>{_NOT_REMOVED})|(?P<pending>{_PENDING})|(?P<removed>{_REMOVED})|"
    rf"(?P<referred>{_REFERRED}))\b",
    re.IGNORECASE,
)
OUTCOMES = ("removed", "not_removed", "pending")

QUALIFIER_BEFORE = re.compile(
    r"\b(?P<q>more\s+than|over|in\s+excess\s+of|at\s+least|upwards\s+of|above|just\s+over|well\s+over|"
    r"greater\s+than|a\s+minimum\s+of|no\s+fewer\s+than|no\s+less\s+than|just\s+under|under|fewer\s+than|"
    r"less\s+than|up\s+to|nearly|almost|below|not\s+quite|close\s+to|a\s+maximum\s+of|no\s+more\s+than|"
    r"as\s+many\s+as|around|about|roughly|approximately|approx\.?|some|circa|c\.|ca\.|an\s+estimated|estimated|"
    r"in\s+the\s+region\s+of|of\s+the\s+order\s+of)\s+(?:a\s+total\s+of\s+)?$",
    re.IGNORECASE,
)
QUALIFIER_AFTER = re.compile(r"^\s*(?P<q>or\s+more|plus|or\s+so|or\s+fewer|or\s+less)\b", re.IGNORECASE)
_QUALIFIERS = {
    "at_least": {
        "more than",
        "over",
        "in excess of",
        "at least",
        "upwards of",
        "above",
        "just over",
        "well over",
        "greater than",
        "a minimum of",
        "no fewer than",
        "no less than",
        "or more",
        "plus",
    },
    "at_most": {
        "just under",
        "under",
        "fewer than",
        "less than",
        "up to",
        "nearly",
        "almost",
        "below",
        "not quite",
        "close to",
        "a maximum of",
        "no more than",
        "as many as",
        "or fewer",
        "or less",
    },
}


@lru_cache(maxsize=64)  # a handful of phrasings recur for every figure
def qualifier(words: str | None) -> str:
    """The spec's qualifier for the words written next to a number (None: exact)."""
    if not words:
        return "exact"
    key = re.sub(r"\s+", " ", words.lower())
    for name, members in _QUALIFIERS.items():
        if key in members:
            return name
    return "approximate"


def measure_of(m: re.Match[str]) -> str:
    """Which measure a MEASURE match stands for: the name of the one group that took part, since
    MEASURE's only groups are its four measures, one alternative each."""
    if m.lastgroup is None:
        raise ValueError(f"not a MEASURE match: {m.group(0)!r}")
    return m.lastgroup


# Every way a number can become a referral figure goes through a word that contains one of these
# (lower-cased, anywhere in a word): a measure (MEASURE: "refer" in "referred", "tak" in "taken
# down", "not" in "had not"), an item noun (ITEM), a noun that governs a number ("removal of"),
# a rate ("removal rate") or a total ("the number stood at"). A sentence without any cannot hold a
# figure, which lets the many sentences with numbers of other things skip the costly reading, and
# a stretch of text without a measure cue cannot match the (slow) MEASURE-based patterns.
_MEASURE_WORDS = (
    "refer", "report", "flag", "remov", "tak", "took", "clos", "delet", "suspen", "shut", "action", "disabled",
    "blocked", "banned", "sent", "passed", "forwarded", "submitted", "escalated", "notified", "not", "yet", "fail",
    "refus", "declin", "remain", "stay", "still", "left", "reject", "turned", "await", "waiting", "under",
    "pending", "outstanding", "being", "came", "come", "brought", "bring",
)
_ITEM_WORDS = (
    "page", "post", "account", "group", "channel", "url", "link", "site", "video", "clip", "advert", "ads",
    "message", "piece", "item", "refer", "request", "report", "notif", "notice", "server", "profile", "listing",
    "image", "photo", "tweet", "comment", "stories", "reel", "hashtag", "handle", "chat", "communit", "subreddit",
    "forum", "thread", "tak", "remov", "upload", "username", "content",
)
_TOTAL_WORDS = ("total", "number", "figure", "tally", "count")
# "That is roughly 92 per cent": a share restating the outcome before it.
_RESTATED_WORDS = (
    "that is", "this is", "which is", "that was", "this was", "which was", "represent", "equates", "amounts",
)
# Characters that IGNORECASE matches to an ASCII letter but str.lower() does not lower to one.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def fold(text: str) -> str:
    """`text` lower-cased the way IGNORECASE compares letters, for cue lookups."""
    low = text.lower()
    if not low.isascii() and ("\u0130" in text or "\u0131" in low or "\u017f" in low):
        low = text.translate(_FOLD).lower()
    return low


def folded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern`, an IGNORECASE pattern written in lower case, for case-sensitive use on `fold`ed
    text. It finds the same matches at the same offsets (fold lower-cases one character to one
    exactly as IGNORECASE compares letters, and keeps what \\s, \\w and \\b see; the extraction
    tests check this over every code point), several times faster: a case-insensitive alternative
    cannot be turned away on its first letter. Slice matched text from the original to keep its case."""
    if not pattern.flags & re.IGNORECASE or re.search(r"[A-Z]", re.sub(r"\\.|\(\?P<", "", pattern.pattern)):
        raise ValueError(f"folded() needs an IGNORECASE pattern written in lower case: {pattern.pattern[:60]!r}")
    return re.compile(pattern.pattern)


def alternation(words: list[str]) -> str:
    """An alternation of `words` factored by common prefixes, which the regex engine can reject
    after a character or two instead of trying every word in turn."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        group = "(?:" + "|".join(alts) + ")"
        if "" in node:  # a word ends here and longer ones go on
            return group + "?"
        return alts[0] if len(alts) == 1 else group

    return emit(tree)


def cues(*words: str) -> re.Pattern[str]:
    """A pattern for any of `words` in `fold`ed text: one pass of the regex engine costs less than
    a substring test per word, and these tests run on every sentence with a number."""
    return re.compile(alternation(sorted(set(words))))


MEASURE_CUES = cues(*_MEASURE_WORDS)
ITEM_CUES = cues(*_ITEM_WORDS)
TOTAL_CUES = cues(*_TOTAL_WORDS)
# Any word that could make a number a referral figure (see `has_cue`).
CUES = cues(*_MEASURE_WORDS, *_ITEM_WORDS, "rate", *_TOTAL_WORDS, *_RESTATED_WORDS)
ITEM_FOLDED = folded(ITEM_RE)
ITEM_NP_FOLDED = folded(ITEM_NP)
MEASURE_FOLDED = folded(MEASURE)


def has_any(text: str, cues: re.Pattern[str]) -> bool:
    """Whether `text` contains, in any case, one of the words `cues` was made from (see MEASURE_CUES)."""
    return cues.search(fold(text)) is not None


def has_cue(text: str) -> bool:
    """Whether `text` contains a word that could make one of its numbers a referral figure."""
    return has_any(text, CUES)
