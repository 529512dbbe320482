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
from dataclasses import dataclass, field
from datetime import date

from pipeline.extract import lexicon as lx
from pipeline.extract.dates import DateRef, find_dates, nearest
from pipeline.extract.numbers import Number, find_numbers
from pipeline.records import ReferralFigure

_QUAL_WORDS = (
    r"(?:a\s+total\s+of|in\s+total|total\s+of|a\s+further|an\s+additional|another|further|only|just|"
    r"the|some|a|an|more\s+than|over|in\s+excess\s+of|at\s+least|upwards\s+of|above|well\s+over|under|"
    r"fewer\s+than|less\s+than|up\s+to|nearly|almost|below|close\s+to|around|about|roughly|approximately|"
    r"approx\.?|circa|c\.|an\s+estimated|estimated)"
)
# The verb right before a number governs it: "referred nearly 700", "removed a total of 310".
_GOVERNING_VERB = re.compile(rf"(?:{lx.MEASURE.pattern})\s+(?:{_QUAL_WORDS}\s+)*$", re.IGNORECASE)
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
    rf"\b(?:rose|rise|risen|rising|fell|fallen|falling|increased?|decreased?|up|down|grew|grown|jumped|dropped|"
    rf"climbed|declined|cut|reduced|reduction\s+of|increase\s+of|rise\s+of|fall\s+of|drop\s+of|by)\s+"
    rf"(?:{_QUAL_WORDS}\s+)*$",
    re.IGNORECASE,
)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:increase|increases|rise|drop|fall|decrease|reduction|jump|growth|more|fewer|higher|lower|up|down|"
    r"year[- ]on[- ]year|on\s+(?:the\s+)?(?:previous|last|same|a\s+year))\b",
    re.IGNORECASE,
)
# An outcome whose subject is the number alone: "702 had been taken down", "578 of these were closed".
_ELLIPTICAL_AFTER = re.compile(
    r"^\s*(?:(?:in\s+total|in\s+all|of\s+(?:these|them|those|which|the\s+total|this\s+total|this\s+number)"
    r"|\((?:[^()]{1,20})\))\s*,?\s*)*(?:had|have|has|were|was|are|is|remain|remained|remains|stayed|still|"
    r"awaiting|awaited|await|being|got|did|resulted|led|been|not|removed|closed|taken|suspended|deleted|rejected|"
    r"refused|declined|left|pending|under|actioned)\b",
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
_BASE_OK = re.compile(rf"\b(?:them|these|those|which|it|this|{lx.ITEM})\b", re.IGNORECASE)
_PARTITIVE_OPENER = re.compile(rf"(?:^|[,;:]\s*)of\s+(?:the\s+)?(?:{_QUAL_WORDS}\s+)*$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;()]|,\s*(?:and|but|yet|while|whereas|with|of\s+which)\b|\b(?:which|while|whereas)\b")
_YEAR_CONTEXT_BEFORE = re.compile(r"\b(?:in|since|of|by|from|to|between|and|during|until|for)\s+$", re.IGNORECASE)


@dataclass
class Found:
    """A figure being read, with what the document-level pass needs to link it."""

    figure: ReferralFigure
    block: int
    sentence_start: int
    needs_parent: bool  # an outcome whose own words do not say what it is a part of
    partitive: bool = False  # "Of 946 adverts, 702 were removed": a total read from its place alone
    own_period: bool = False
    platforms: list[str] = field(default_factory=list)


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
) -> list[Found]:
    """Referral figures in the sentence `text[start:end]`.

    `mentions` are the platform mentions inside it, `context` says whether nearby text already
    has referral figures, and `skip` holds spans (table cells) read elsewhere."""
    sentence = text[start:end]
    dates = find_dates(sentence, published)
    numbers = [
        n
        for n in find_numbers(sentence)
        if not any(d.start < n.end and n.start < d.end for d in dates)
        and not any(a <= start + n.start < b for a, b in skip)
    ]
    context = (
        context
        or bool(lx.ITEM_RE.search(sentence))
        or bool(re.search(r"\b(?:referr\w*|flagg\w*|take-?downs?)\b", sentence, re.IGNORECASE))
    )
    local = [(c, s - start, e - start) for c, s, e in mentions]
    out: list[Found] = []
    for k, n in enumerate(numbers):
        pre_from = numbers[k - 1].end if k else 0
        post_to = numbers[k + 1].start if k + 1 < len(numbers) else len(sentence)
        found = _read_number(
            sentence,
            n,
            sentence[pre_from : n.start],
            sentence[n.end : post_to],
            k + 1 < len(numbers),
            context,
            dates,
            local,
            out,
        )
        if found is None:
            continue
        fig = found.figure
        fig.char_start, fig.char_end = start + n.start, start + n.end
        fig.sentence = sentence
        found.block, found.sentence_start = block, start
        out.append(found)
    _resolve_partitive_totals(out)
    return out


def _read_number(
    sentence: str,
    n: Number,
    pre: str,
    post: str,
    has_next: bool,
    context: bool,
    dates: list[DateRef],
    mentions: list[tuple[str, int, int]],
    earlier: list[Found],
) -> Found | None:
    if n.value <= 0 or _CHANGE_BEFORE.search(pre) or _CHANGE_AFTER.match(post):
        return None
    np_match = lx.ITEM_NP.match(post) if n.unit == "count" else None
    if n.yearlike and (np_match is None or _YEAR_CONTEXT_BEFORE.search(pre)):
        return None
    body = post[np_match.end() :] if np_match else post
    if has_next:
        body = _GOVERNING_VERB.sub("", body)  # that verb governs the next number, not this one
    reading = _measure(n, pre, body, np_match)
    partitive = reading is None and np_match is not None and bool(_PARTITIVE_OPENER.search(pre))
    if partitive:
        reading = _Reading("referred", "")
    elliptical = np_match is None and bool(_ELLIPTICAL_AFTER.match(post) or _PRONOUN_BEFORE.search(pre))
    breakdown = None
    if reading is None or (np_match is None and not elliptical and n.unit == "count"):
        breakdown = _breakdown(sentence, n, pre, post, mentions, earlier)
        if breakdown is None and not (reading and _GOVERNING_VERB.search(pre) and context):
            return None
        if breakdown is not None:
            reading = _Reading(breakdown.figure.measure, breakdown.figure.measure_text or "")
    if n.unit == "percent":
        if reading.measure not in lx.OUTCOMES or not context:
            return None
        base = _OF_BASE.match(post)
        if base and not _BASE_OK.search(base.group("base")):
            return None
    elif elliptical and not context:
        return None
    qual = lx.QUALIFIER_BEFORE.search(pre) or lx.QUALIFIER_AFTER.match(post)
    qualifier = "at_least" if n.plus else lx.qualifier(qual.group("q") if qual else None)
    period = nearest(dates, "period", n.start)
    as_of = nearest(dates, "as_of", n.start)
    platforms = _platforms(sentence, n, pre, post, np_match, mentions)
    if breakdown is not None and not platforms:
        return None
    figure = ReferralFigure(
        value=n.value,
        unit=n.unit,
        measure=reading.measure,
        qualifier=qualifier,
        sentence="",
        char_start=0,
        char_end=0,
        item=np_match.group("np").strip() if np_match else (breakdown.figure.item if breakdown else None),
        actor=_actor(pre) if reading.measure == "referred" else None,
        platforms=platforms,
        period_start=period.first if period else None,
        period_end=period.last if period else None,
        as_of=as_of.first if as_of else None,
        measure_text=reading.measure_text,
    )
    return Found(
        figure=figure,
        block=0,
        sentence_start=0,
        needs_parent=reading.measure in lx.OUTCOMES and (elliptical or n.unit == "percent" or np_match is None),
        partitive=partitive,
        own_period=period is not None,
        platforms=platforms,
    )


def _measure(n: Number, pre: str, body: str, np_match: re.Match[str] | None) -> _Reading | None:
    """The measure of a number: the verb governing it, else its own predicate, else its noun."""
    percent = n.unit == "percent"
    if percent and (_RATE_BEFORE.search(pre) or _RATE_AFTER.match(body)):
        return _Reading("removed", "removal rate")
    governing = _GOVERNING_VERB.search(pre)
    if governing:
        m = lx.MEASURE.search(governing.group(0))
        measure = lx.measure_of(m)
        if not percent or measure in lx.OUTCOMES:
            return _Reading(measure, m.group(0))
    candidates = [m for m in lx.MEASURE.finditer(body) if not percent or lx.measure_of(m) in lx.OUTCOMES]
    finite = [
        m
        for m in candidates
        if lx.measure_of(m) in _FINITE_ON_ITS_OWN or _AUX_BEFORE.search(body[max(0, m.start() - 40) : m.start()])
    ]
    if finite:
        return _Reading(lx.measure_of(finite[0]), finite[0].group(0))
    if np_match:
        head = np_match.group("np").strip()
        for measure, noun in lx.NOUN_MEASURE:
            if noun.search(head):
                return _Reading(measure, head.split()[-1])
    if candidates and candidates[0].start() < 60:
        return _Reading(lx.measure_of(candidates[0]), candidates[0].group(0))
    return None


def _breakdown(
    sentence: str, n: Number, pre: str, post: str, mentions: list[tuple[str, int, int]], earlier: list[Found]
) -> Found | None:
    """A per-platform part of a figure stated just before: "1,500 pages: 1,118 on Facebook and 300
    on Instagram", "Facebook (820), Instagram (402)". It takes that figure's measure."""
    if not earlier or not mentions:
        return None
    for _, s, e in mentions:
        gap_after = sentence[n.end : s]
        gap_before = sentence[e : n.start]
        if s >= n.end and re.fullmatch(r"\s*(?:\w+\s+)?(?:on|to|from|via|by|for|at)\s+(?:the\s+)?", gap_after):
            return earlier[-1]
        if e <= n.start and re.fullmatch(r"\s*[(:–-]\s*", gap_before):
            return earlier[-1]
    return None


def _platforms(
    sentence: str,
    n: Number,
    pre: str,
    post: str,
    np_match: re.Match[str] | None,
    mentions: list[tuple[str, int, int]],
) -> list[str]:
    """Platforms this figure is specific to: named in its noun phrase ("310 TikTok accounts"),
    labelling it ("Facebook (1,118 reports)", "TikTok: 310"), as the subject of its verb
    ("Facebook removed 600"), or as the target in its own clause ("referred 44 servers to Discord")."""
    found: list[str] = []
    prev_end = n.end
    np_end = n.end + (np_match.end() if np_match else 0)
    clause = post[: _CLAUSE_END.search(post).start()] if _CLAUSE_END.search(post) else post
    clause_end = n.end + len(clause)
    for canonical, s, e in mentions:
        if (
            n.end <= s
            and e <= np_end
            or e <= n.start
            and re.fullmatch(
                r"\s*[(:]\s*|(?:'s|’s)?\s+(?:(?:has|have|had)\s+)?(?:\w+ly\s+)?"
                rf"(?:{lx.MEASURE.pattern})\s+(?:{_QUAL_WORDS}\s+)*",
                sentence[e : n.start],
                re.IGNORECASE,
            )
        ):
            found.append(canonical)
        elif np_end <= s and e <= clause_end:
            gap = sentence[np_end:s]
            if re.search(r"\b(?:to|on|by|from|across|via|onto|at)\s+(?:the\s+)?(?:\w+\s+)?$", gap) or (
                found and re.fullmatch(r"\s*(?:,|and|or|,\s*and|,\s*or|/)\s*", sentence[prev_end:s])
            ):
                found.append(canonical)
        prev_end = e
    return sorted(set(found))


def _actor(pre: str) -> str | None:
    """Who made the referrals: the capitalised name right before the governing verb."""
    m = re.search(
        r"(?:^|\s)(?:the\s+)?(?P<actor>(?:[A-Z][\w&'’.-]*)(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w&'’.-]*)*)\s+"
        r"(?:(?:has|have|had)\s+)?(?:also\s+)?(?:" + lx.MEASURE.pattern + r")\s+(?:" + _QUAL_WORDS + r"\s+)*$",
        pre,
    )
    if not m or m.group("actor") in ("We", "It", "They", "He", "She", "I", "This", "These", "Last", "The"):
        return None
    return m.group("actor")


def _resolve_partitive_totals(found: list[Found]) -> None:
    """ "Of 946 adverts, 702 were removed": the opener states a total with no verb of its own, and
    is the referred total only when outcomes follow it in the sentence."""
    for i in range(len(found) - 1, -1, -1):
        if found[i].partitive and not any(g.figure.measure in lx.OUTCOMES for g in found[i + 1 :]):
            del found[i]
