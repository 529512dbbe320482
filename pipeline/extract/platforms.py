"""Platform mentions: one gazetteer regex, then context rules for names that are also words.

Names fall in three groups. Distinctive names (Facebook, TikTok, "You Tube") count wherever they
appear, in any case. Names that are ordinary words when lower-case (Telegram, Discord, Signal,
Threads, Messenger) count when capitalised mid-sentence, but at the start of a sentence or in a
title-case heading only with platform context. Names that are ordinary even when capitalised
(X, Line, Imo) always need context: a preposition such as "on X", a neighbouring platform in a
list ("Facebook, X and TikTok"), or a platform noun after it ("Line app"). Companies (Meta,
Google, ByteDance) are not in the gazetteer at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.document import Cell, Table

# (canonical, surface pattern, group); group is "plain", "proper" or "context".
_GAZETTEER: list[tuple[str, str, str]] = [
    ("Twitter", r"X\s*\(\s*(?:formerly|previously|now)?\s*(?:known\s+as\s+)?Twitter\s*\)", "plain"),
    ("Twitter", r"X,\s+(?:formerly|previously)\s+(?:known\s+as\s+)?Twitter\b", "plain"),
    ("Twitter", r"(?i:twitter)\s*\(\s*(?:now\s+)?(?:known\s+as\s+)?X\s*\)", "plain"),
    ("Twitter", r"(?i:twitter),\s+now\s+(?:known\s+as\s+)?X\b", "plain"),
    ("Twitter", r"(?i:twitter)\s?/\s?X\b|\bX\s?/\s?(?i:twitter)", "plain"),
    ("Messenger", r"(?i:facebook\s+messenger)", "plain"),
    ("Baidu", r"(?i:baidu(?:\s+(?:bbs|tieba))?)", "plain"),
    ("Weibo", r"(?i:(?:sina\s+)?weibo)", "plain"),
    ("Facebook", r"(?i:facebook)", "plain"),
    ("Instagram", r"(?i:instagram)", "plain"),
    ("Twitter", r"(?i:twitter)", "plain"),
    ("WhatsApp", r"(?i:whats\s?app)", "plain"),
    ("YouTube", r"(?i:you\s?tube)", "plain"),
    ("TikTok", r"(?i:tik[\s-]?tok)", "plain"),
    ("Snapchat", r"(?i:snapchat)", "plain"),
    ("WeChat", r"(?i:wechat|weixin)", "plain"),
    ("Zalo", r"Zalo", "plain"),
    ("VKontakte", r"(?i:vkontakte)|VK", "plain"),
    ("Viber", r"(?i:viber)", "plain"),
    ("Reddit", r"(?i:reddit)", "plain"),
    ("LinkedIn", r"(?i:linkedin)", "plain"),
    ("Pinterest", r"(?i:pinterest)", "plain"),
    ("Tumblr", r"(?i:tumblr)", "plain"),
    ("Bluesky", r"(?i:bluesky)", "plain"),
    ("Odnoklassniki", r"(?i:odnoklassniki)", "plain"),
    ("QQ", r"QQ", "plain"),
    ("Douyin", r"(?i:douyin)", "plain"),
    ("Kuaishou", r"(?i:kuaishou)", "plain"),
    ("Telegram", r"Telegram", "proper"),
    ("Discord", r"Discord", "proper"),
    ("Messenger", r"Messenger", "proper"),
    ("Signal", r"Signal", "proper"),
    ("Threads", r"Threads", "proper"),
    ("Rumble", r"Rumble", "proper"),
    ("Kik", r"Kik", "proper"),
    ("Line", r"LINE|Line", "context"),
    ("Imo", r"Imo", "context"),
    ("Twitter", r"X", "context"),
]
# Names are only tried where a word that can start one stands: a token whose lower-case form is
# in this set.
_FIRST_WORDS = frozenset(
    [
        "x", "twitter", "facebook", "baidu", "sina", "weibo", "instagram", "whats", "whatsapp", "you", "youtube",
        "tik", "tiktok", "snapchat", "wechat", "weixin", "zalo", "vkontakte", "vk", "viber", "reddit", "linkedin",
        "pinterest", "tumblr", "bluesky", "odnoklassniki", "qq", "douyin", "kuaishou", "telegram", "discord",
        "messenger", "signal", "threads", "rumble", "kik", "line", "imo",
    ]
)
# The same words as the gazetteer can match them (lower case: in any case; otherwise only as
# written), for the document-wide search in `candidates`.
CANDIDATE_WORDS = frozenset(
    [
        "twitter", "facebook", "baidu", "sina", "weibo", "instagram", "whats", "whatsapp", "you", "youtube", "tik",
        "tiktok", "snapchat", "wechat", "weixin", "vkontakte", "viber", "reddit", "linkedin", "pinterest", "tumblr",
        "bluesky", "odnoklassniki", "douyin", "kuaishou", "X", "Zalo", "VK", "QQ", "Telegram", "Discord", "Messenger",
        "Signal", "Threads", "Rumble", "Kik", "LINE", "Line", "Imo",
    ]
)
_NAME_TOKEN = re.compile(r"(?<![\w@#/.-])[A-Za-z]+")
_GAZETTEER_RE = re.compile(
    r"(?<![\w@#/.-])(?:"
    + "|".join(rf"(?P<g{i}>{pattern})" for i, (_, pattern, _) in enumerate(_GAZETTEER))
    + r")(?![\w-]|\.(?:com|org|net|co|uk|ru|cn)\b)"
)
# The canonical name and group of the gazetteer entry each named group of `_GAZETTEER_RE` stands for.
_ENTRY = {f"g{i}": (canonical, group) for i, (canonical, _, group) in enumerate(_GAZETTEER)}
_PLATFORM_NOUN_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:app|apps|application|messenger|group|groups|channel|channels|chat|chats|account|accounts|"
    r"server|servers|user|users|message|messages|post|posts|page|pages|video|videos|platform|profile|profiles|"
    r"community|communities|handle|feed)\b"
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:[Oo]n|[Vv]ia|[Uu]sing|[Tt]hrough|[Oo]nto|[Aa]cross|to|from|by|at|uses|used|use)\s+(?:the\s+)?(?:platform\s+)?$"
)
_WORD_SENSE_BEFORE = re.compile(
    r"\b(?:a|an|clear|strong|mixed|wrong|warning|positive|negative|early|important|powerful|loud|any|this|that|"
    r"front|bottom|party|finish|hard|fine|picket|help|hot|phone|telephone|Mr|Mrs|Ms|Dr|Person|Article|Generation|"
    r"Malcolm|Section|Part|Box|Chapter|Annex|Appendix|Schedule|Figure|Table|Option|Model|Type|Plan|Project)\s+$"
)
_X_BAD_AFTER = re.compile(r"^\s*(?:number|numbers|amount|times|axis|per|factor|rays?|chromosome|marks?|\d)\b")
# "sent X 205 referrals": a name right before a number, after a verb of sending, is the recipient.
_RECIPIENT_BEFORE = re.compile(
    r"\b(?:sent|send|sends|sending|gave|give|gives|passed|forwarded|handed)\s+$", re.IGNORECASE
)
# "Telegram is the outlier", "Telegram remains ...": a name opening a sentence as the subject of a verb.
_VERB_AFTER = re.compile(
    r"^\s+(?:is|was|are|were|has|had|have|does|did|remains|remained|says|said|removed|took|hosts|hosted|"
    r"acted|responded|refused|declined|closed|deleted|suspended|told|told|appears|appeared|continues|continued)\b"
)
_LIST_GAP = re.compile(r"^\s*(?:,|/|&|and|or|,\s*and|,\s*or|\(|\))\s*$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“(]\s*)$")


@dataclass
class _Candidate:
    canonical: str
    group: str
    start: int
    end: int
    accepted: bool = False
    verdict: str = "no"


def scan(
    text: str,
    start: int,
    end: int,
    title_case: bool,
    starts: list[int],
    cells: frozenset[tuple[int, int]] = frozenset(),
    undecided: list[tuple[str, int, int, str]] | None = None,
) -> list[tuple[str, int, int]]:
    """Platform mentions in `text[start:end]` (one sentence), as (canonical, start, end).

    `starts` are the offsets where a name may begin (any superset of the tokens in the
    gazetteer's first words; see `candidates`). A name that fills one of `cells` (a table column
    of platforms) counts as it stands. Names the sentence alone cannot settle go to `undecided`
    with what would settle them (see `settle`)."""
    candidates = []
    last_end = start
    for p in starts:
        if p < last_end:
            continue
        token = _NAME_TOKEN.match(text, p, end)
        if token is None or token.group().lower() not in _FIRST_WORDS:
            continue
        m = _GAZETTEER_RE.match(text, p, end)
        if m:
            canonical, group = _ENTRY[m.lastgroup]
            candidates.append(_Candidate(canonical, group, m.start(), m.end()))
            last_end = m.end()
    if not candidates:
        return []
    for c in candidates:
        c.verdict = "yes" if (c.start, c.end) in cells else _accept_alone(c, text, start, title_case)
        c.accepted = c.verdict == "yes"
    if all(c.accepted for c in candidates):  # (the common case: only distinctive names)
        return [(c.canonical, c.start, c.end) for c in candidates]
    changed = True
    while changed:  # list neighbours confirm each other: "Signal, Line and X"
        changed = False
        for i, c in enumerate(candidates):
            if c.accepted or _word_sense(c, text, start):
                continue
            neighbours = [candidates[j] for j in (i - 1, i + 1) if 0 <= j < len(candidates)]
            if any(n.accepted and _LIST_GAP.match(_between(text, c, n)) for n in neighbours):
                c.accepted = changed = True
    accepted = [(c.canonical, c.start, c.end) for c in candidates if c.accepted]
    if undecided is not None:
        undecided.extend(
            (c.canonical, c.start, c.end, c.verdict) for c in candidates if not c.accepted and c.verdict != "no"
        )
    return accepted


def _accept_alone(c: _Candidate, text: str, start: int, title_case: bool) -> str:
    """ "yes", "no", or what would settle it: "document" (a capitalised name at the start of a
    sentence or in a title-case heading, which counts when the document uses it as a platform
    elsewhere) or "sentence" (a name that is also an ordinary word, which counts beside another
    platform in its sentence: "Telegram had the lowest rate, and X the highest")."""
    if c.group == "plain":
        return "yes"
    if _word_sense(c, text, start):
        return "no"
    before = text[max(start, c.start - 40) : c.start]
    after = text[c.end : c.end + 40]
    if _PLATFORM_NOUN_AFTER.match(after):
        return "yes"
    if c.canonical == "Twitter" and _recipient(before, after):
        return "yes"
    if c.canonical == "Twitter" and _X_BAD_AFTER.match(after):
        return "no"
    if _PREPOSITION_BEFORE.search(before):
        return "yes"
    if c.group == "proper":
        if not (title_case or _SENTENCE_START.search(before)):
            return "yes"
        return "platforms" if not title_case and _VERB_AFTER.match(after) else "document"
    return "sentence"


def settle(
    accepted: list[tuple[str, int, int]], undecided: list[tuple[str, int, int, str]], sentence_of: dict[int, int]
) -> list[tuple[str, int, int]]:
    """The undecided names (see `scan`) that the rest of the document settles as platforms: by the
    same name used as a platform elsewhere, or, for a name opening a sentence as the subject of a
    verb ("Telegram is the outlier"), by any platform in a document that talks about platforms.
    `sentence_of` maps a name's start to the start of its sentence."""
    names = {c for c, _, _ in accepted}
    settled = [
        (c, s, e)
        for c, s, e, why in undecided
        if (why in ("document", "platforms") and c in names) or (why == "platforms" and names - {c})
    ]
    sentences = {sentence_of[s] for _, s, _ in accepted + settled}
    settled += [(c, s, e) for c, s, e, why in undecided if why == "sentence" and sentence_of[s] in sentences]
    return settled


def _word_sense(c: _Candidate, text: str, start: int) -> bool:
    before = text[max(start, c.start - 40) : c.start]
    after = text[c.end : c.end + 20]
    if c.canonical == "Twitter" and c.group == "context" and _X_BAD_AFTER.match(after):
        return not _recipient(before, after)
    return bool(_WORD_SENSE_BEFORE.search(before)) and not _PLATFORM_NOUN_AFTER.match(after)


def _recipient(before: str, after: str) -> bool:
    """ "sent X 205 referrals": a verb of sending, the name, then a number."""
    return after[:1].isspace() and after.lstrip()[:1].isdigit() and _RECIPIENT_BEFORE.search(before) is not None


def _between(text: str, a: _Candidate, b: _Candidate) -> str:
    return text[a.end : b.start] if a.start < b.start else text[b.end : a.start]


_PLATFORM_HEADER = re.compile(r"\b(?:platforms?|services?|apps?|sites?|networks?|compan(?:y|ies)|providers?)\b", re.I)


def platform_column_cells(text: str, tables: list[Table]) -> frozenset[tuple[int, int]]:
    """Spans of the body cells that are a platform's name alone, in columns of platforms: a column
    headed "Platform" (or service, app, site...), or one where some cell is an unambiguous name.
    There "X" or "Telegram" is the platform whatever its capital or position says."""
    spans = set()
    for table in tables:
        body = table.rows[table.header_rows :]
        width = max((len(r) for r in table.rows), default=0)
        for j in range(width):
            header = " ".join(r[j].text for r in table.rows[: table.header_rows] if j < len(r))
            named = [(c, _whole_name(text, c)) for r in body if j < len(r) for c in [r[j]]]
            if _PLATFORM_HEADER.search(header) or any(m and m[1] == "plain" for _, m in named):
                spans.update((m[2], m[3]) for _, m in named if m)
    return frozenset(spans)


def _whole_name(text: str, cell: Cell) -> tuple[str, str, int, int] | None:
    """(canonical, group, start, end) when the cell holds nothing but a platform's name."""
    raw = text[cell.start : cell.end]
    start = cell.start + len(raw) - len(raw.lstrip())
    end = cell.start + len(raw.rstrip())
    m = _GAZETTEER_RE.match(text, start, end)
    if m is None or m.end() != end:
        return None
    canonical, group = _ENTRY[m.lastgroup]
    return canonical, group, start, end


def is_title_case(text: str) -> bool:
    """Most words capitalised, as in many headlines, where a capital says nothing about a name."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)
