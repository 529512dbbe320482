"""Deciding which numbers in a sentence are referral figures, and reading their fields.

A number qualifies when it counts online items and a measure word says what happened to them:
"referred 1,218 social media pages" (the verb governs the number), "702 had been taken down"
(the number is the subject of an outcome), "12,000 takedowns" (the noun carries the measure).
An outcome without its own noun ("171 were still live", "about 65 per cent were removed") only
counts where the text already speaks of referred items, and then belongs to the referred total
before it: it takes that total's period (spec: same cohort) but keeps its own as-of date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from pipeline.extract import lexicon as lx
from pipeline.extract.dates import DateRef, find_dates, nearest
from pipeline.extract.numbers import Number, find_numbers
from pipeline.records import ReferralFigure

_QUAL_WORDS = (
    r"(?:a\s+total\s+of|in\s+total|total\s+of|a\s+further|an\s+additional|another|further|only|just|"
    r"the|some|a|an|more\s+than|over|in\s+excess\s+of|at\s+least|upwards\s+of|above|well\s+over|under|"
    r"fewer\s+than|less\s+than|up\s+to|nearly|almost|below|close\s+to|around|about|roughly|approximately|"
    r"approx\.?|circa|c\.|an\s+estimated|estimated|in\s+the\s+region\s+of|of\s+the\s+order\s+of)"
)
# The verb right before a number governs it: "referred nearly 700", "removed a total of 310".
_GOVERNING_VERB = re.compile(rf"(?:{lx.MEASURE.pattern})\s+(?:{_QUAL_WORDS}\s+)*$", re.IGNORECASE)
# The same pattern without IGNORECASE, searched in `lx.fold`ed text: its letters are all lower-case
# and fold lower-cases one character to one exactly as IGNORECASE compares (and keeps \s, \w, \b), so
# it finds the same match at the same offsets, about three times faster: case-insensitive
# alternatives cannot be turned away on their first letter, and MEASURE has over eighty.
_GOVERNING_VERB_FOLDED = re.compile(_GOVERNING_VERB.pattern)
_RATE_BEFORE = re.compile(
    rf"\b(?:removal|takedown|take-down|success|compliance|closure)\s+rate\s+(?:of|was|is|stood\s+at|reached|at)\s+"
    rf"(?:{_QUAL_WORDS}\s+)*$",
    re.IGNORECASE,
)
_RATE_AFTER = re.compile(r"^\s*(?:removal|takedown|take-down|success|compliance|closure)\s+rate\b", re.IGNORECASE)
_AUX_BEFORE = re.compile(
    r"\b(?:were|was|are|is|had|have|has|been|be|being|got|get|gets|remain|remained|remains)\s+"
    r"(?:(?:still|then|subsequently|since|already|now|also|all|successfully|eventually|either|later|quickly|"
    r"ultimately|duly|swiftly|promptly)\s+)*$",
    re.IGNORECASE,
)
_FINITE_ON_ITS_OWN = ("not_removed", "pending")
_CHANGE_BEFORE = re.compile(
    rf"\b(?:rose|rise|risen|rising|fell|fallen|falling|increased?|decreased?|up|(?<!took\s)(?<!taken\s)(?<!take\s)"
    rf"(?<!takes\s)(?<!taking\s)(?<!shut\s)down|grew|grown|jumped|dropped|"
    rf"climbed|declined|cut|reduced|reduction\s+of|increase\s+of|rise\s+of|fall\s+of|drop\s+of|by)\s+"
    rf"(?:{_QUAL_WORDS}\s+)*$",
    re.IGNORECASE,
)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:increase|increases|rise|drop|fall|decrease|reduction|jump|growth|improvement|deterioration|more|fewer|higher|lower|up|down|"
    r"year[- ]on[- ]year|on\s+(?:the\s+)?(?:previous|last|same|a\s+year))\b",
    re.IGNORECASE,
)
# An outcome whose subject is the number alone: "702 had been taken down", "578 of these were closed".
_ELLIPTICAL_AFTER = re.compile(
    r"^\s*\)?\s*(?:(?:in\s+total|in\s+all|of\s+(?:these|them|those|which|the\s+total|this\s+total|this\s+number)"
    r"|\((?:[^()]{1,20})\))\s*,?\s*)*(?:as\s+(?:being\s+)?)?(?:had|have|has|were|was|are|is|remain|remained|remains|"
    r"stayed|still|awaiting|awaited|await|being|got|did|resulted|led|been|not|removed|closed|taken|suspended|deleted|"
    r"rejected|refused|declined|left|pending|under|actioned|came|referred|flagged|submitted|escalated|reported\s+to)\b",
    re.IGNORECASE,
)
_PRONOUN_BEFORE = re.compile(
    r"\b(?:of\s+(?:these|them|those|which|this\s+total|the\s+total)|of\s+these\s+\w+)\b[^.;]{0,40}$", re.IGNORECASE
)
_OF_BASE = re.compile(
    r"^\s*of\s+(?P<base>[^,;.]{1,80}?)(?=\s+(?:had|have|has|were|was|are|is|remain\w*|"
    r"still|being|got|awaiting|removed|taken|closed)\b|[,;.]|$)",
    re.IGNORECASE,
)
_BASE_OK = re.compile(
    rf"\b(?:them|these|those|which|it|this|material|{lx.ITEM}|referr\w*|flagg\w*|reported)\b", re.IGNORECASE
)
_PARTITIVE_OPENER = re.compile(rf"(?:^|[,;:]\s*)of\s+(?:the\s+)?(?:{_QUAL_WORDS}\s+)*$", re.IGNORECASE)


def _word_led(*words: str) -> str:
    """`\bword\b` alternatives written as "w(?<!\\ww)ord\b" (no word character before the "w"): a
    pattern whose alternatives all open with a literal lets the engine skip ahead to those
    characters, where a leading `\b` has it try every position of the text."""
    return "|".join(rf"{w[0]}(?<!\w{w[0]}){w[1:]}\b" for w in words)


# These clause patterns are searched from the sentence's start or across the rest of it for every
# number, so every alternative opens with a literal (see `_word_led`).
_CLAUSE_END = re.compile(
    r";|\(|\)|,\s*(?:and|but|yet|while|whereas|with|of\s+which)\b|" + _word_led("which", "while", "whereas")
)
# "the removal of more than 300,000 pieces", "referral of 1,200 accounts".
_GOVERNING_NOUN = re.compile(
    rf"\b(?P<noun>removals?|take-?downs?|closures?|suspensions?|deletions?|referrals?)\s+of\s+(?:{_QUAL_WORDS}\s+)*$",
    re.IGNORECASE,
)
# "sent" is a referral only when the sentence says where to or what for.
_SEND = re.compile(r"sent|passed|forwarded", re.IGNORECASE)
_SENT_FOR_REMOVAL = re.compile(
    r"\b(?:to\s+(?:the\s+)?(?:platforms?|companies|firms|tech|social\s+media|[A-Z])|for\s+(?:review|removal|takedown|"
    r"closure|assessment|action))",
)
# "passed 40 videos to Essex Police": handed to investigators, not to a platform for removal.
_SENT_TO_POLICE = re.compile(
    r"\bto\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,3}(?:Police|Constabulary|police|law\s+enforcement|detectives)\b"
)
_OF_NEXT = re.compile(rf"^\s+(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+|all\s+)?(?:{_QUAL_WORDS}\s+)*$", re.IGNORECASE)
_INCLUDING = re.compile(rf"\bincluding\s+(?:{_QUAL_WORDS}\s+)*$", re.IGNORECASE)
_COMPARED_WITH = re.compile(
    rf"\b(?:(?:increase|rise|up|down|decrease|fall|drop|jump)\s+(?:on|from)|compared\s+(?:with|to))\s+"
    rf"(?:{_QUAL_WORDS}\s+)*$",
    re.IGNORECASE,
)
_JOINED = re.compile(rf"(?:,|\band|\bor|\bas\s+well\s+as|\bplus)\s+(?:{_QUAL_WORDS}\s+)*$", re.IGNORECASE)
_VERB = re.compile(
    r"\b(?:were|was|is|are|had|has|have|did|do|does|found|identified|reviewed|assessed|monitored|detected|saw|seen|"
    r"made|received|\w+ed)\b",
    re.IGNORECASE,
)
_PLATFORM_AFTER = re.compile(
    r"\s*(?:(?:\w+\s+)?(?:on|to|from|via|by|for|at)\s+(?:the\s+)?|(?:of\s+(?:them|these|those|which)\s+)?"
    r"(?:concerned|concerning|involved|involving|targeted|targeting|related\s+to|relating\s+to)\s+(?:the\s+)?|\s)",
    re.IGNORECASE,
)
_PLATFORM_LABEL = re.compile(r"\s*[(:–-]\s*")
_PLATFORM_SUBJECT = re.compile(
    r"\s*[(:]\s*|(?:(?:'s|’s)(?:\s+[a-z][\w-]*){0,2}?)?\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?"
    rf"(?:{lx.MEASURE.pattern})\s+(?:{_QUAL_WORDS}\s+)*",
    re.IGNORECASE,
)
_PLATFORM_TARGET = re.compile(
    r"\b(?:to|on|by|from|across|via|onto|at|concerned|concerning|involved|involving|targeted|targeting|"
    r"related\s+to|relating\s+to)\s+(?:the\s+)?(?:[\w'’-]+\s+)?$"
)
_PLATFORM_LIST_GAP = re.compile(r"\s*(?:,|and|or|,\s*and|,\s*or|/)\s*")
_OF_DEFINITE = re.compile(r"^\s+of\s+(?:the|these|those|its|their)\s", re.IGNORECASE)
_ASKED_TO = re.compile(
    r"\b(?:asked|asking|asks|requested|requesting|urged|called\s+on|calling\s+on)\b[^.;]{0,60}\bto\s+$", re.IGNORECASE
)
_TOTAL = re.compile(
    rf"\b(?:total|number|figure|tally|count)\b(?P<mid>[^.;]{{0,80}}?)\b(?:to|at|was|is|of|reached)\s+"
    rf"(?:{_QUAL_WORDS}\s+)*$",
    re.IGNORECASE,
)
_DATE_CLAUSE_END = re.compile(
    r";|,\s*(?:and|but|yet|while|whereas)\b|" + _word_led(r"and\s+that", r"but\s+that", "while")
)
# A date before one of these does not reach a number after it ("By April 2023 the number stood at
# 3,300, meaning that 9,000 ...").
# Searched in the sentence's folded text (see `_GOVERNING_VERB_FOLDED`), so in effect case-insensitive.
_DATE_CLAUSE_START = re.compile(
    r";|,\s*(?:but|yet|while|whereas|meaning)\b|" + _word_led(r"but\s+that", r"and\s+that", "while", "meaning")
)
_DATE_AFTER_NOUN = re.compile(
    r"\s*[(,]?\s*(?:\w+\s+){0,3}?(?:in|during|since|between|from|for|over|by|as\s+(?:of|at)|on|"
    r"until|through)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_ASIDE = re.compile(r"\s*\([^()]{1,30}\)")
# The words that patterns ending "WORD, spaces, qualifier words, end" can end with, for `_tail`'s quick refusal.
_QUAL_LAST = (
    "of", "total", "further", "additional", "another", "only", "just", "the", "some", "a", "an", "than", "over",
    "least", "above", "under", "to", "nearly", "almost", "below", "around", "about", "roughly", "approximately",
    "approx", "approx.", "circa", "c.", "estimated",
)
_CHANGE_LAST = _QUAL_LAST + (
    "rose", "rise", "risen", "rising", "fell", "fallen", "falling", "increase", "increased", "decrease",
    "decreased", "up", "down", "grew", "grown", "jumped", "dropped", "climbed", "declined", "cut", "reduced", "by",
)
# The last words of every MEASURE alternative.
_VERB_LAST = _QUAL_LAST + (
    "removed", "remove", "down", "closed", "close", "deleted", "suspended", "actioned", "blocked", "act", "open",
    "live", "online", "active", "up", "available", "accessible", "visible", "place", "platform", "platforms",
    "rejected", "refused", "declined", "not", "awaiting", "awaited", "awaits", "await", "for", "review",
    "consideration", "assessment", "pending", "outstanding", "reviewed", "considered", "assessed", "decided",
    "removing", "removes", "delete", "closes", "closing", "suspending", "suspends", "deleting", "deletes", "shut",
    "disabled",
    "banned", "offline", "removal", "takedown", "closure", "suspension", "deletion", "referred", "referring",
    "refers", "refer", "sent", "passed", "forwarded", "flagged", "flagging", "flags", "flag", "reported",
    "reporting", "submitted", "escalated", "notified", "on",
)
_QUALIFIER_LAST = (
    "of", "than", "over", "least", "above", "under", "to", "nearly", "almost", "below", "quite", "as", "around",
    "about", "roughly", "approximately", "approx", "approx.", "some", "circa", "c.", "ca.", "estimated",
)
# "...640 accounts; in the second quarter, 815": a clause that only restates the frame (a period)
# before a bare number.
_GAPPED = re.compile(
    r";\s*(?:and\s+)?(?P<frame>(?:in|during|for|over|by)\s+[^;,]{1,40}?),?\s+$", re.IGNORECASE
)
# "Of these, ...": every outcome in the sentence is a part of the total before it.
# A date that opens the sentence ("By 3 September, 578 ..., while 485 ...").
_OPENING = re.compile(
    r"\W*(?:(?:by|as\s+(?:of|at)|at|on|until|up\s+to|in|between|from|since|during)\s+)?(?:the\s+end\s+of\s+)?",
    re.IGNORECASE,
)
_ASSESSED_BEFORE = re.compile(
    rf"\b(?:reviewed|assessed|monitored|checked|examined|sampled|analy[sz]ed)\s+(?:{_QUAL_WORDS}\s+)*$", re.IGNORECASE
)
_ASSESSED_LAST = _QUAL_LAST + (
    "reviewed", "assessed", "monitored", "checked", "examined", "sampled", "analysed", "analyzed",
)
_DURATION_AFTER = re.compile(r"\s*(?:hours?|days?|weeks?|months?|years?|minutes?)\b", re.IGNORECASE)
_RESTATED = re.compile(
    rf"\b(?:that|this|which)\s+(?:is|was|represents|represented|equates\s+to|amounts\s+to)\s+(?:{_QUAL_WORDS}\s+)*$",
    re.IGNORECASE,
)
_RESTATED_LAST = _QUAL_LAST + ("is", "was", "represents", "represented", "to")
# "left 290 online": the verb and its complement around the number.
_LEFT_BEFORE = re.compile(rf"\bleft\s+(?:{_QUAL_WORDS}\s+)*$", re.IGNORECASE)
_LEFT_AFTER = re.compile(r"\s*(?:online|up|open|live|active|in\s+place)\b", re.IGNORECASE)
# "The remaining 974 items were not removed": the rest of a total stated before.
_REMAINING_BEFORE = re.compile(r"\b(?:remaining|other|rest\s+of\s+the)\s+$", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|never)\s+(?:been\s+|be\s+)?$", re.IGNORECASE)
_COHORT_OPENER = re.compile(r"\W*of\s+(?:these|those|them|which|this\s+total|the\s+total)\b", re.IGNORECASE)
_ACTOR = re.compile(
    r"(?:^|\s)(?:the\s+)?(?P<actor>(?:[A-Z][\w&'’.-]*)(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w&'’.-]*)*)\s+"
    r"(?:(?:has|have|had)\s+)?(?:also\s+)?(?:" + lx.MEASURE.pattern + r")\s+(?:" + _QUAL_WORDS + r"\s+)*$"
)
# Quotation marks around a quoted phrase ("in the region of 11,000"): read as if absent (same length,
# so offsets hold). Single quotes stay: "’" is mostly an apostrophe.
_QUOTES = str.maketrans({"\u201c": " ", "\u201d": " ", '"': " "})
# "aims to refer 3,000 items", "a target of 2,000 referrals": what is planned, not what was referred.
_TARGET_BEFORE = re.compile(
    r"\b(?:aims?|aimed|aiming|plans?|planned|planning|intends?|intended|intending|hopes?|hoping|expects?|"
    r"expecting|wants?|wanted|seeks?|seeking|proposes?|proposed|is\s+set|are\s+set|on\s+track)\s+to\s+(?:[\w-]+\s+){1,3}$"
    rf"|\b(?:target|goal|aim|ambition|objective)\s+(?:of|is|was)\s+(?:{_QUAL_WORDS}\s+)*$",
    re.IGNORECASE,
)
_TARGET_CUES = lx.cues(
    "aim", "plan", "intend", "hop", "expect", "want", "seek", "propos", "set", "track", "target", "goal"
)
# "every one of them has been removed": "one" as a pronoun, not a count.
_ONE_AS_PRONOUN = re.compile(r"\b(?:every|each|any|no|not\s+a\s+single|the\s+only)\s+$", re.IGNORECASE)
# "four Referral Action Days", "two referral units": the item noun names another thing, which is counted.
_ITEM_AS_MODIFIER = re.compile(
    r"\s+(?:action\s+)?(?:days?|events?|operations?|campaigns?|units?|teams?|mechanisms?|tools?|systems?|schemes?|"
    r"partners?|sessions?|meetings?|exercises?|workshops?|processes|pathways?|routes?|portals?|desks?|hubs?|"
    r"centres?|centers?|programmes?|programs?|forms?|policies|polic(?:y|ies)|guidelines?|officers?|staff)\b",
    re.IGNORECASE,
)
# "requested the removal of 204 videos": a request to remove is a referral.
_REQUESTED_BEFORE = re.compile(
    r"\b(?:request(?:ed|s|ing)?|ask(?:ed|s|ing)?\s+for|sought|seek(?:s|ing)?|call(?:ed|s|ing)?\s+for)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
# "..., and Snapchat 71 per cent", "to Facebook and Instagram for 97": a shortened clause that
# repeats the measure of the one before with another platform.
_ELLIPSIS_BEFORE_NAME = re.compile(r"(?:,|;|\band|\bwhile|\bwhereas|\bbut)\s*$", re.IGNORECASE)
_ELLIPSIS_GAP = re.compile(r"\s+(?:for\s+)?(?:(?:just|only|some|about|around|nearly|almost|over)\s+)?")
# "We sent X 205 referrals": the platform as the recipient of the verb.
_RECIPIENT_BEFORE = re.compile(
    r"\b(?:sent|send|sends|sending|gave|give|gives|passed|forwarded|handed)\s+$", re.IGNORECASE
)
# "On Reddit, 22 ...": a platform framing the whole sentence.
_FRAME_OPENER = re.compile(r"\W*(?:on|for|at|across|within|with)\s+(?:the\s+)?$", re.IGNORECASE)
# "the channels we flagged there": "there" standing for a platform named just before.
_THERE = re.compile(r"\bthere\b(?!\s+(?:is|are|was|were|has|have|had|will|would|may|might|remains?|remained)\b)")
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
_YEAR_CONTEXT_BEFORE = re.compile(r"\b(?:in|since|of|by|from|to|between|and|during|until|for)\s+$", re.IGNORECASE)

# The patterns `_tail` searches in the folded text (see `_GOVERNING_VERB_FOLDED`): each is tried at
# every position of the text before a number, for most numbers.
_TAIL_FOLDED = {  # by id: a pattern's hash is worked out from its whole compiled code on every lookup
    id(p): lx.folded(p)
    for p in (
        _CHANGE_BEFORE, _ASSESSED_BEFORE, lx.QUALIFIER_BEFORE, _GOVERNING_NOUN, _TARGET_BEFORE, _RESTATED,
        _PARTITIVE_OPENER, _PRONOUN_BEFORE, _INCLUDING, _COMPARED_WITH, _JOINED, _YEAR_CONTEXT_BEFORE,
        _ONE_AS_PRONOUN, _RATE_BEFORE, _LEFT_BEFORE,
    )
}


@dataclass
class Found:
    """A figure being read, with what the document-level pass needs to link it."""

    figure: ReferralFigure
    block: int
    sentence_start: int
    needs_parent: bool  # an outcome whose own words do not say what it is a part of
    partitive: bool = False  # "Of 946 adverts, 702 were removed": a total read from its place alone
    part_of_next: bool = False  # "600 of the 820 pages": its total is the next figure
    own_period: bool = False
    part_of: Found | None = None  # the total a per-platform or "including" figure is a part of
    sibling_of: Found | None = None  # the earlier figure in its sentence whose reading it shares
    subject_platforms: bool = False  # its platforms were named before it ("Reddit's moderators removed 22")


class _NounPhrase(NamedTuple):
    """The counted noun phrase after a number (`lx.ITEM_NP`): where the match ends in the text
    after the number, and the phrase as written."""

    end: int
    text: str


@dataclass
class _Reading:
    measure: str
    measure_text: str


def read_sentence(
    text: str,
    start: int,
    end: int,
    block: int,
    published: date | None,
    mentions: list[tuple[str, int, int]],
    context: bool,
    skip: list[tuple[int, int]],
    recent: Found | None = None,
    word_starts: list[int] | None = None,
    previous_platforms: list[str] | None = None,
) -> list[Found]:
    """Referral figures in the sentence `text[start:end]`.

    `mentions` are the platform mentions inside it, `context` says whether nearby text already
    has referral figures, `recent` is the last of them, `skip` holds spans (table cells) read
    elsewhere, `word_starts` the offsets in `text` where a spelled-out number may begin, and
    `previous_platforms` the platforms the sentence before named ("there" may stand for one)."""
    raw = text[start:end]
    sentence = raw.translate(_QUOTES) if ('"' in raw or "\u201c" in raw or "\u201d" in raw) else raw
    low = lx.fold(sentence)
    if lx.CUES.search(low) is None:  # no word that could make a number a figure
        return []
    # The dates come first so that the numbers inside them (years, days) are not read at all.
    dates = find_dates(sentence, published)
    words = None if word_starts is None else [p - start for p in word_starts]
    numbers = [
        n
        for n in find_numbers(sentence, words, [(d.start, d.end) for d in dates])
        if not (n.unit == "count" and _DURATION_AFTER.match(sentence, n.end))
        and not (skip and any(a <= start + n.start < b for a, b in skip))
    ]
    if not numbers:
        return []
    context = (
        context
        or (lx.ITEM_CUES.search(low) is not None and lx.ITEM_FOLDED.search(low) is not None)
        or bool(re.search(r"\b(?:referr\w*|flagg\w*|take-?downs?)\b", sentence, re.IGNORECASE))
    )
    local = [(c, s - start, e - start) for c, s, e in mentions]
    out: list[Found] = []
    for k, n in enumerate(numbers):
        found = _read_number(sentence, low, numbers, k, context, dates, local, out, out[-1] if out else recent)
        if found is None:
            continue
        fig = found.figure
        fig.char_start, fig.char_end = start + n.start, start + n.end
        fig.sentence = raw
        found.block, found.sentence_start = block, start
        if not fig.platforms and len(set(previous_platforms or ())) == 1:
            clause = _CLAUSE_END.search(sentence, n.end)
            if _THERE.search(sentence, n.end, clause.start() if clause else len(sentence)):
                fig.platforms = sorted(set(previous_platforms))
        out.append(found)
    _resolve_partitive_totals(out)
    respectively = _RESPECTIVELY.search(sentence) if "respectively" in sentence.lower() else None
    if respectively:
        _respectively(sentence, out, dates, local, respectively.start(), start)
    cohort = _COHORT_OPENER.match(sentence) is not None
    for f in out:
        if cohort and f.figure.measure in lx.OUTCOMES and not f.part_of_next:
            f.needs_parent = True
        g = f.sibling_of
        if g is not None and g.figure.period_start is None and f.own_period:
            # "310 accounts to Snapchat and 142 to VK in February": a date closing the coordination
            # dates both
            g.figure.period_start, g.figure.period_end, g.own_period = f.figure.period_start, f.figure.period_end, True
    return out


def _read_number(
    sentence: str,
    low: str,
    numbers: list[Number],
    k: int,
    context: bool,
    dates: list[DateRef],
    mentions: list[tuple[str, int, int]],
    earlier: list[Found],
    recent: Found | None,
) -> Found | None:
    n = numbers[k]
    nxt = numbers[k + 1] if k + 1 < len(numbers) else None
    # The words before a number that can bear on it, bounded so that the many patterns anchored at
    # its end stay cheap (they are tried at every position); "the total ... to N" needs more room.
    previous_end = numbers[k - 1].end if k else 0
    pre = sentence[max(previous_end, n.start - 90) : n.start]
    wide = sentence[max(previous_end, n.start - 180) : n.start]
    post = sentence[n.end : nxt.start if nxt else len(sentence)]
    aside = _ASIDE.match(sentence, n.end) if nxt and post.strip() == "(" else None
    if aside:  # "2,900 (84%) were removed": read past the bracketed share
        following = numbers[k + 2].start if k + 2 < len(numbers) else len(sentence)
        post = " " + sentence[aside.end() : max(following, aside.end())]
        nxt = numbers[k + 2] if k + 2 < len(numbers) else None
    if n.value <= 0 or _tail(_CHANGE_BEFORE, pre, last=_CHANGE_LAST) or _CHANGE_AFTER.match(post):
        return None
    if _tail(_ASSESSED_BEFORE, pre, last=_ASSESSED_LAST):  # "we reviewed 1,500 items": assessed, not referred
        return None
    if lx.has_any(pre[-60:], _TARGET_CUES) and _tail(_TARGET_BEFORE, pre, 80):
        return None
    if n.words and n.value == 1 and _tail(_ONE_AS_PRONOUN, pre, 30):
        return None
    np_match = _item_np(post) if n.unit == "count" else None
    if np_match and _ITEM_AS_MODIFIER.match(post, np_match.end):
        return None
    if n.yearlike and (np_match is None or _tail(_YEAR_CONTEXT_BEFORE, pre)):
        return None
    body = post[np_match.end :] if np_match else post
    if nxt:  # a verb right before the next number governs it, not this one
        governs_next = _governing_verb(body) if _may_measure(body[-60:]) else None
        body = body[: governs_next[0]] if governs_next else body
    part_of_next = nxt is not None and np_match is None and bool(_OF_NEXT.match(post))
    if part_of_next:  # "600 of the 820 pages referred were removed": read past the total
        after = sentence[nxt.end : numbers[k + 2].start if k + 2 < len(numbers) else len(sentence)]
        total_np = _item_np(after)
        reading = _governing(pre, False) or _measure(
            n, pre, after[total_np.end :] if total_np else after, None, outcome_only=True
        )
    else:
        reading = _measure(n, pre, body, np_match)
    if reading is None and n.unit == "percent" and _tail(_RESTATED, pre, last=_RESTATED_LAST):
        # "..., and the platforms took down 37,950 of them. That is roughly 92 per cent."
        source = earlier[-1] if earlier else recent
        if source is not None and source.figure.measure in lx.OUTCOMES:
            reading = _Reading(source.figure.measure, source.figure.measure_text or "")
    partitive = reading is None and np_match is not None and bool(_tail(_PARTITIVE_OPENER, pre))
    if partitive:
        reading = _Reading("referred", "")
    elliptical = np_match is None and bool(_ELLIPTICAL_AFTER.match(post) or _tail(_PRONOUN_BEFORE, pre, 80))
    sibling = relation = None
    if reading is None or (np_match is None and n.unit == "count" and not (elliptical or part_of_next)):
        kin = _sibling(sentence, n, pre, post, np_match, mentions, earlier)
        sibling, relation = kin if kin else (None, None)
        total = _TOTAL.search(wide) if lx.has_any(wide, lx.TOTAL_CUES) else None
        if sibling is not None:
            reading = _Reading(sibling.figure.measure, sibling.figure.measure_text or "")
        elif total and (lx.MEASURE.search(total.group("mid")) or recent is not None):
            # "brings the total taken down to 16,500"; "the number stood at about 3,300"
            m = lx.MEASURE.search(total.group("mid"))
            reading = _Reading(lx.measure_of(m), m.group(0)) if m else _Reading(recent.figure.measure, total.group(0))
        elif not (reading and _governing_verb(pre) and context):
            return None
    if n.unit == "percent":
        if reading.measure not in lx.OUTCOMES or not context:
            return None
        base = _OF_BASE.match(post)
        if base and not _BASE_OK.search(base.group("base")):
            return None
    elif (elliptical or part_of_next) and not context:
        return None
    qual = _tail(lx.QUALIFIER_BEFORE, pre, last=_QUALIFIER_LAST) or lx.QUALIFIER_AFTER.match(post)
    np_end = n.end + (np_match.end if np_match else 0)
    period = as_of = None
    if dates:  # (the clauses that bound which dates reach this number matter only when there are some)
        claimed = _claimed_by_previous(sentence, numbers, k, dates)
        clause_end = _DATE_CLAUSE_END.search(sentence, np_end)
        limit = min(clause_end.start() if clause_end else len(sentence), nxt.start if nxt else len(sentence))
        barriers = list(_DATE_CLAUSE_START.finditer(low, 0, n.start))
        if barriers:  # (without one, no date ends before it: nothing more is claimed)
            barrier = max(m.end() for m in barriers)
            # A date that opens the sentence reaches past "while" (the same moment), not past "meaning" or ";".
            opening_reaches = all(
                any(word in sentence[m.start() : m.end()].lower() for word in ("while", "whereas", "but"))
                for m in barriers
            )
            claimed += tuple(
                d
                for d in dates
                if d.end <= barrier and not (opening_reaches and _OPENING.fullmatch(sentence, 0, d.start))
            )
        period = nearest(dates, "period", n.start, np_end, claimed, limit)
        as_of = nearest(dates, "as_of", n.start, np_end, claimed, limit)
    if period is None and sibling is not None and relation != "compared" and sibling.figure.period_start:
        period = DateRef("period", -1, -1, sibling.figure.period_start, sibling.figure.period_end)
    if as_of and as_of.weak and reading.measure == "referred":
        # "On 22 June the unit referred 140 posts": the referrals happened that day, a one-day period
        if period is None and as_of.first is not None:
            period = DateRef("period", as_of.start, as_of.end, as_of.first, as_of.last)
        as_of = None
    item = np_match.text.strip() if np_match else (sibling.figure.item if sibling else None)
    platforms, subject = _platforms(sentence, n, post, np_match, mentions)
    if not platforms and relation == "joined" and sibling.subject_platforms:
        # "Reddit's moderators removed 22 subreddits and 18 accounts": the subject governs both
        platforms, subject = list(sibling.figure.platforms), True
    if relation == "ellipsis":
        # "to Facebook and Instagram for 97": Instagram was this figure's, not the one before's
        rest = [p for p in sibling.figure.platforms if p not in platforms]
        if rest and platforms:
            sibling.figure.platforms = rest
        relation = "platform"
    figure = ReferralFigure(
        value=n.value,
        unit=n.unit,
        measure=reading.measure,
        qualifier="at_least" if n.plus else lx.qualifier(qual.group("q") if qual else None),
        sentence="",
        char_start=0,
        char_end=0,
        item=item,
        actor=_actor(pre) if reading.measure == "referred" else None,
        platforms=platforms,
        period_start=period.first if period else None,
        period_end=period.last if period else None,
        as_of=as_of.first if as_of else None,
        measure_text=reading.measure_text,
    )
    if relation == "part":
        part_of = sibling
    elif relation == "platform":
        part_of = sibling.part_of if sibling.figure.platforms else sibling
    elif relation == "joined":
        part_of = sibling.part_of
    else:
        part_of = None
    return Found(
        part_of=part_of,
        sibling_of=sibling if relation in ("joined", "platform") else None,
        figure=figure,
        block=0,
        sentence_start=0,
        needs_parent=reading.measure in lx.OUTCOMES
        and sibling is None
        and (
            elliptical
            or n.unit == "percent"
            or np_match is None
            or _OF_DEFINITE.match(post) is not None
            or _REMAINING_BEFORE.search(pre) is not None
        ),
        partitive=partitive,
        part_of_next=part_of_next,
        own_period=period is not None,
        subject_platforms=subject,
    )


def _may_measure(text: str) -> bool:
    """False when no MEASURE match can lie in `text`: a cheap test before the MEASURE-based
    patterns, which the regex engine tries at every position."""
    return lx.has_any(text, lx.MEASURE_CUES)


@lru_cache(maxsize=8)  # `_claimed_by_previous` reads the text after the number before again
def _item_np(post: str) -> _NounPhrase | None:
    """`lx.ITEM_NP` matched after a number (in the folded text), skipped when no item noun follows at all."""
    low = lx.fold(post)
    m = lx.ITEM_NP_FOLDED.match(low) if lx.ITEM_CUES.search(low) else None
    return _NounPhrase(m.end(), post[m.start("np") : m.end("np")]) if m else None


def _tail(
    pattern: re.Pattern[str], text: str, width: int = 60, last: tuple[str, ...] | None = None
) -> re.Match[str] | None:
    """`pattern` (anchored with `$`) searched only in the last `width` characters: the engine tries
    a pattern at every start position, and the words that bear on a number sit right before it.
    `last`, for patterns ending in whitespace, lists the words their final token can end with, so most
    numbers are turned away by one split instead of the search."""
    if last is not None and not _last_token_ends(text, last):
        return None
    twin = _TAIL_FOLDED.get(id(pattern))
    if twin is None:
        return pattern.search(text, max(0, len(text) - width))
    # The twin finds where the leftmost match starts; the pattern itself, matched there, gives the
    # same match with the text's own case for callers that read its groups.
    found = twin.search(_fold(text), max(0, len(text) - width))
    return pattern.match(text, found.start()) if found else None


def _governing_verb(text: str) -> tuple[int, int] | None:
    """The span of `_tail(_GOVERNING_VERB, text, last=_VERB_LAST)`, found in the folded text."""
    if not _last_token_ends(text, _VERB_LAST):
        return None
    m = _GOVERNING_VERB_FOLDED.search(_fold(text), max(0, len(text) - 60))
    return m.span() if m else None


def _last_token_ends(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` ends in whitespace after a token that ends (in any case) with one of `words`."""
    return _last_token(text).endswith(words)


# The text before a number is tested against several patterns in turn: its last token and its folded
# copy are worked out once for all of them (the caches need hold only the current number's texts).
@lru_cache(maxsize=8)
def _last_token(text: str) -> str:
    """The folded last token of `text` when `text` ends in whitespace, else ""."""
    if not text or not text[-1].isspace():
        return ""
    tokens = text.rsplit(maxsplit=1)
    return lx.fold(tokens[-1]) if tokens else ""


_fold = lru_cache(maxsize=8)(lx.fold)


def _claimed_by_previous(sentence: str, numbers: list[Number], k: int, dates: list[DateRef]) -> tuple[DateRef, ...]:
    """Dates between the previous number and this one that directly follow the previous number's
    noun ("2,000 accounts in 2021 and 320 posts in 2022"): they date that figure, not this one."""
    if not k:
        return ()
    prev = numbers[k - 1]
    np_match = _item_np(sentence[prev.end : numbers[k].start])
    after = prev.end + (np_match.end if np_match else 0)
    return tuple(
        d
        for d in dates
        if after <= d.start < min(numbers[k].start, after + 40)
        and _DATE_AFTER_NOUN.fullmatch(sentence[after : d.start])
        and not lx.MEASURE.search(sentence, d.end, numbers[k].start)  # "..., and in 2020-21 it referred 3,045"
    )


def _measure(
    n: Number, pre: str, body: str, np_match: _NounPhrase | None, outcome_only: bool = False
) -> _Reading | None:
    """The measure of a number: the verb governing it, else its own predicate, else its noun.
    A percentage (or a part of a total) can only be an outcome."""
    outcome_only = outcome_only or n.unit == "percent"
    if n.unit == "percent" and (_tail(_RATE_BEFORE, pre) or _RATE_AFTER.match(body)):
        return _Reading("removed", "removal rate")
    governing = _governing(pre, outcome_only, body)
    if governing:
        return governing
    semicolon = body.find(";")  # a measure after ";" belongs to another clause
    reach = min(120, semicolon if semicolon >= 0 else len(body))
    low = lx.fold(body[:reach])
    # The first measure in the predicate that is finite (an outcome on its own, or after "were",
    # "had been"...) is the number's; failing that its noun's, then the first measure at all.
    first = None
    for m in lx.MEASURE_FOLDED.finditer(low) if lx.MEASURE_CUES.search(low) else ():
        measure = lx.measure_of(m)
        if (
            (outcome_only and measure not in lx.OUTCOMES)
            or _SEND.fullmatch(m.group(0))
            or (measure == "referred" and _NEGATED.search(body, 0, m.start()))
        ):
            continue
        if measure in _FINITE_ON_ITS_OWN or _AUX_BEFORE.search(body[max(0, m.start() - 40) : m.start()]):
            return _Reading(measure, body[m.start() : m.end()])
        first = first or m
    if np_match:
        head = np_match.text.strip()
        for measure, noun in lx.NOUN_MEASURE:
            if noun.search(head):
                return _Reading(measure, head.split()[-1])
    if first and first.start() < 60:
        return _Reading(lx.measure_of(first), body[first.start() : first.end()])
    return None


def _governing(pre: str, outcome_only: bool, body: str = "") -> _Reading | None:
    """The measure from the words right before a number: "referred nearly 700", "the removal of
    300,000", "asked the firms to take down 1,200" (a request to remove is a referral)."""
    if not _may_measure(pre[-60:]):
        return None
    if _tail(_LEFT_BEFORE, pre, last=_QUAL_LAST + ("left",)) and _LEFT_AFTER.match(body):
        return _Reading("not_removed", "left " + _LEFT_AFTER.match(body).group(0).strip())
    noun = _tail(_GOVERNING_NOUN, pre, last=_QUAL_LAST)
    if noun:
        measure = "referred" if noun.group("noun").lower().startswith("referral") else "removed"
        if measure == "removed" and _REQUESTED_BEFORE.search(pre, max(0, noun.start() - 40), noun.start()):
            measure = "referred"
        if not outcome_only or measure in lx.OUTCOMES:
            return _Reading(measure, noun.group("noun"))
    verb = _governing_verb(pre)
    if not verb:
        return None
    span = pre[verb[0] : verb[1]]
    m = lx.MEASURE_FOLDED.search(lx.fold(span))
    measure, word = lx.measure_of(m), span[m.start() : m.end()]
    if measure == "removed" and _ASKED_TO.search(pre[: verb[0]]):
        measure = "referred"
    if outcome_only and measure not in lx.OUTCOMES:
        return None
    if measure == "referred" and _SEND.fullmatch(word) and (
        not _SENT_FOR_REMOVAL.search(body) or _SENT_TO_POLICE.search(body)
    ):
        return None
    return _Reading(measure, word)


def _sibling(
    sentence: str,
    n: Number,
    pre: str,
    post: str,
    np_match: _NounPhrase | None,
    mentions: list[tuple[str, int, int]],
    earlier: list[Found],
) -> tuple[Found, str] | None:
    """The figure earlier in the sentence whose measure this number shares, and how: a
    per-platform part ("1,500 pages: 1,118 on Facebook"), a part of it ("including about 9,000"), a
    second object of the same verb ("referred 2,000 accounts ... and 320 posts"), the same frame
    repeated for another period ("640 accounts; in the second quarter, 815") or the figure it is
    compared with ("a 40% increase on 5,600 in 2023")."""
    if not earlier or earlier[-1].figure.unit != n.unit:
        return None
    previous = earlier[-1]
    if _tail(_INCLUDING, pre):
        return previous, "part"
    if _tail(_COMPARED_WITH, pre):
        return previous, "compared"
    joined = _tail(_JOINED, pre)
    if np_match and joined and not _VERB.search(pre[: joined.start()]):
        return previous, "joined"
    gapped = _GAPPED.search(pre)
    if np_match is None and gapped and not _VERB.search(gapped.group("frame")):
        return previous, "joined"
    for _, s, e in mentions:
        if (s >= n.end and _PLATFORM_AFTER.fullmatch(sentence[n.end : s])) or (
            e <= n.start and _PLATFORM_LABEL.fullmatch(sentence[e : n.start])
        ):
            return previous, "platform"
        if previous.figure.platforms and _elliptical_label(sentence, s, e, n):
            return previous, "ellipsis"
    return None


def _elliptical_label(sentence: str, s: int, e: int, n: Number) -> bool:
    """A platform right before the number that opens a coordinated, shortened clause: ", and
    Snapchat 71 per cent", "and Instagram for 97"."""
    return (
        e <= n.start
        and _ELLIPSIS_GAP.fullmatch(sentence, e, n.start) is not None
        and _ELLIPSIS_BEFORE_NAME.search(sentence, max(0, s - 12), s) is not None
    )


def _platforms(
    sentence: str,
    n: Number,
    post: str,
    np_match: _NounPhrase | None,
    mentions: list[tuple[str, int, int]],
) -> tuple[list[str], bool]:
    """Platforms this figure is specific to: named in its noun phrase ("310 TikTok accounts") or
    right after a bare number ("and 188 Reddit"), labelling it ("Facebook (1,118 reports)", "TikTok:
    310", ", and Snapchat 71 per cent"), as the subject of its verb ("Facebook removed 600"), the
    recipient ("sent X 205 referrals"), the sentence's frame ("On Reddit, 22 ...") or the target in
    its own clause ("referred 44 servers to Discord"). The flag says whether they were named before
    the number, as a subject or frame that also governs the numbers coordinated with it."""
    if not mentions:
        return [], False
    found: list[str] = []
    subject = False
    prev_end = n.end
    np_end = n.end + (np_match.end if np_match else 0)
    clause_match = _CLAUSE_END.search(post)
    clause = post[: clause_match.start()] if clause_match else post
    clause_end = n.end + len(clause)
    for i, (canonical, s, e) in enumerate(mentions):
        if n.end <= s and (e <= np_end or (np_match is None and not sentence[n.end : s].strip())):
            found.append(canonical)
        elif e <= n.start and (
            (n.start - e < 80 and _PLATFORM_SUBJECT.fullmatch(sentence, e, n.start))
            or _elliptical_label(sentence, s, e, n)
            or (not sentence[e : n.start].strip() and _RECIPIENT_BEFORE.search(sentence, max(0, s - 20), s))
            or (
                i == 0
                and _FRAME_OPENER.fullmatch(sentence, 0, s)
                and not any(s2 < n.start for _, s2, _ in mentions[1:])
                and ";" not in sentence[e : n.start]
            )
        ):
            found.append(canonical)
            subject = True
        elif np_end <= s and e <= clause_end:
            gap = sentence[np_end:s]
            if _PLATFORM_TARGET.search(gap) or (found and _PLATFORM_LIST_GAP.fullmatch(sentence[prev_end:s])):
                found.append(canonical)
        prev_end = e
    return sorted(set(found)), subject


def _actor(pre: str) -> str | None:
    """Who made the referrals: the capitalised name right before the governing verb."""
    m = _ACTOR.search(pre) if _may_measure(pre) and _last_token_ends(pre, _VERB_LAST) else None
    if not m or m.group("actor") in ("We", "It", "They", "He", "She", "I", "This", "These", "Last", "The"):
        return None
    return m.group("actor")


def _respectively(
    sentence: str,
    found: list[Found],
    dates: list[DateRef],
    mentions: list[tuple[str, int, int]],
    at: int,
    offset: int,
) -> None:
    """ "referred 3,560 and 4,905 pages in 2022 and 2023 respectively": the coordinated numbers
    before "respectively" pair, in order, with as many periods (or platforms) listed after them."""
    run = [f for f in found if f.figure.char_start - offset < at]
    while len(run) > 1 and run[-2].figure.measure != run[-1].figure.measure:
        run = run[-1:]
    k = 0
    while k < len(run) and run[-1 - k].figure.measure == run[-1].figure.measure:
        k += 1
    run = run[-k:]
    if len(run) < 2:
        return
    after = run[-1].figure.char_end - offset
    periods = [d for d in dates if after <= d.start and d.end <= at and d.kind == "period"]
    if len(periods) == len(run):
        for f, d in zip(run, periods, strict=True):
            f.figure.period_start, f.figure.period_end, f.own_period = d.first, d.last, True
    names = list(dict.fromkeys(c for c, s, e in mentions if after <= s and e <= at))
    if len(names) == len(run):
        for f, name in zip(run, names, strict=True):
            f.figure.platforms = [name]


def _resolve_partitive_totals(found: list[Found]) -> None:
    """ "Of 946 adverts, 702 were removed": the opener states a total with no verb of its own, and
    is the referred total only when outcomes follow it in the sentence."""
    for i in range(len(found) - 1, -1, -1):
        if found[i].partitive and not any(g.figure.measure in lx.OUTCOMES for g in found[i + 1 :]):
            del found[i]
