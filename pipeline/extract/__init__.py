"""Referral figures and platform mentions from a parsed Document (spec/extraction.md).

The document is read block by block (a sentence never crosses a block), sentence by sentence;
tables are read cell by cell with their headers. Outcomes are then linked to the referred totals
they are part of, and the figures come back in document order with `parent_index` pointing into
the returned list.
"""

from __future__ import annotations

import re
from datetime import date

from pipeline.document import Document, Table
from pipeline.extract import lexicon as lx
from pipeline.extract.candidates import any_between, between, find_candidates
from pipeline.extract.dates import DateRef, find_dates
from pipeline.extract.figures import Found, read_sentence
from pipeline.extract.platforms import is_title_case, platform_column_cells, scan, settle
from pipeline.extract.sentences import Block
from pipeline.extract.tables import link_rows, read_table
from pipeline.records import PlatformMention, ReferralFigure

EXTRACTOR_VERSION = "1.7"

# "Follow us on Instagram and Threads": a call to action, which the spec leaves out of document text.
_FOLLOW_US = re.compile(r"\W*(?:follow|find|like|join|connect\s+with|subscribe\s+to)\s+us\b", re.IGNORECASE)
_CAPTION = re.compile(r"^\s*(?:Table|Figure|Chart)\s+\w+", re.IGNORECASE)


def extract(doc: Document, published: date | None) -> tuple[list[ReferralFigure], list[PlatformMention]]:
    """All referral figures and platform mentions in `doc`; `published` resolves dates written
    without a year and "last year" (falls back to the date the document states itself)."""
    published = published or doc.published
    text = doc.text
    cell_spans = sorted((c.start, c.end) for t in doc.tables for row in t.rows for c in row)
    names_found: list[tuple[str, int, int]] = []
    undecided: list[tuple[str, int, int, str]] = []
    sentence_of: dict[int, int] = {}
    sentence_end: dict[int, int] = {}
    platform_cells = platform_column_cells(text, doc.tables)
    found: list[Found] = []
    blocks = _blocks(doc)
    where = find_candidates(text, blocks)
    previous_platforms: list[str] = []  # named in the sentence before the one being read
    list_period: DateRef | None = None  # stated by the line that introduces a list ("In 2023:")
    for index, (start, end, kind) in enumerate(blocks):
        if kind != "list_item":
            list_period = _list_period(text, start, end, published)
        # A block with a number but no cue word is still walked: its sentences fail `read_sentence`'s
        # own cue test, which costs less than testing the whole block first.
        if not (any_between(where.platforms, start, end) or where.has_number(start, end)):
            previous_platforms = []
            continue  # nothing to read: no name and no number
        title_case = kind in ("title", "heading") and is_title_case(text[start:end])
        in_block: list[Found] = []
        # Only sentences with a digit, number word or name are read (see `Block`); one without
        # them between two that are read only clears the platforms named "before".
        sentences = Block(text, start, end)
        edge = -1  # the stop that ended the last sentence read (-1: none yet, the block's start)
        at = where.next_position(start, end)
        while at < end:
            lo, hi = sentences.around(at)
            a, b = sentences.span(lo, hi)
            at = where.next_position(b, end) if hi < len(sentences.stops) else end
            if lo != edge:
                previous_platforms = []
            edge = hi
            names = between(where.platforms, a, b)
            if names and _FOLLOW_US.match(text, a, b):
                continue  # a "follow us on ..." line is not document text
            local = scan(text, a, b, title_case, names, platform_cells, undecided) if names else []
            if names:
                sentence_end[a] = b
                sentence_of.update((p, a) for p in names)
            names_found.extend(local)
            before, previous_platforms = previous_platforms, [c for c, _, _ in local]
            if not where.has_number(a, b) or (b - a < 6 and text[a:b].rstrip(".").isdigit()):
                continue  # (a paragraph's number, "12.", has no word to make it a figure)
            # The last figure read, if it is near enough to give context (oral evidence puts a
            # question between answers).
            recent = in_block[-1] if in_block else (found[-1] if found and found[-1].block >= index - 3 else None)
            in_block.extend(
                read_sentence(
                    text, a, b, index, published, local, recent is not None, cell_spans, recent,
                    between(where.number_words, a, b), before,
                )
            )
        if edge != len(sentences.stops):
            previous_platforms = []  # the block ends in a sentence with nothing to read
        if kind == "list_item" and list_period is not None:
            for f in in_block:
                if f.figure.period_start is None and f.figure.as_of is None:
                    f.figure.period_start, f.figure.period_end = list_period.first, list_period.last
                    f.own_period = True
        found.extend(in_block)
    names_found = sorted(names_found + settle(names_found, undecided, sentence_of), key=lambda m: m[1])
    mentions = [
        PlatformMention(
            platform=c, surface=text[s:e], char_start=s, char_end=e,
            sentence=text[sentence_of[s] : sentence_end[sentence_of[s]]], page=doc.page_at(s),
        )
        for c, s, e in names_found
    ]
    parents = _link_sentences(found)
    platform_spans = [(m.platform, m.char_start, m.char_end) for m in mentions]
    for table in doc.tables:
        cells = read_table(text, table, _caption(doc, table, blocks), published, platform_spans)
        found.extend(f for f, _ in cells)
        parents.update(link_rows(cells))
    _inherit(found, parents)
    return _finish(doc, found, parents), mentions


def _list_period(text: str, start: int, end: int, published: date | None) -> DateRef | None:
    """The one period the line `text[start:end]` states if it ends in ":", which the list items
    after it share. (Most blocks end in a full stop: the line is only cut out of the text for one
    that does not.)"""
    if text.endswith(".", start, end):
        return None
    line = text[start:end]
    if not line.rstrip().endswith(":"):
        return None
    periods = {(d.first, d.last): d for d in find_dates(line, published) if d.kind == "period" and d.first}
    return next(iter(periods.values())) if len(periods) == 1 else None


def _blocks(doc: Document) -> list[tuple[int, int, str]]:
    """The document's blocks, or its non-empty lines when the parser gave none."""
    if doc.blocks:
        return [(b.start, b.end, b.kind) for b in sorted(doc.blocks, key=lambda b: b.start)]
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", doc.text) if m.group(0).strip()]
    return [(s, e, "title" if i == 0 else "paragraph") for i, (s, e) in enumerate(lines)]


def _caption(doc: Document, table: Table, blocks: list[tuple[int, int, str]]) -> str:
    """The table's caption, or the "Table 1: ..." line just before it when the parser kept that
    as text."""
    if table.caption:
        return table.caption
    first = min((c.start for row in table.rows for c in row), default=0)
    before = [(s, e) for s, e, _ in blocks if e <= first]
    if before:
        s, e = before[-1]
        if _CAPTION.match(doc.text[s:e]):
            return doc.text[s:e]
    return ""


def _link_sentences(found: list[Found]) -> dict[int, Found]:
    """Parent of each outcome read from sentences that the text links to a total: "600 of the 820
    pages" (the total follows), or an outcome with no noun of its own ("702 had been taken down",
    "65 per cent were removed", "Of these, Telegram shut down 812"), whose total is a referred
    figure shortly before it (see `_total_for`)."""
    parents: dict[int, Found] = {}
    for i, f in enumerate(found):
        if f.figure.measure not in lx.OUTCOMES:
            continue
        if f.part_of_next:
            nxt = found[i + 1] if i + 1 < len(found) else None
            if nxt and nxt.sentence_start == f.sentence_start and nxt.figure.measure == "referred":
                parents[id(f)] = nxt
            continue
        if f.needs_parent:
            cohort = [g for g in found if g.sentence_start == f.sentence_start and g.needs_parent]
            parent = _total_for(f, cohort, found[:i])
            if parent is not None:
                parents[id(f)] = parent
    return parents


def _total_for(f: Found, cohort: list[Found], before: list[Found]) -> Found | None:
    """The referred total an outcome belongs to, among referred counts in its own and the three
    blocks before it, nearest first: one for the same platforms when the outcome names platforms;
    else the first that the sentence's outcomes fit into (a cohort's outcomes cannot add up to more
    than its total), read as the whole when it is itself a part ("including 640 videos to TikTok");
    for a share with a period of its own, only a total of that period."""
    totals = [
        g for g in reversed(before)
        if g.block >= f.block - 3 and g.figure.measure == "referred" and g.figure.unit == "count"
    ]
    fig = f.figure
    if fig.unit == "percent":
        # A share of "the pages we referred" is not a share of one platform's part of them.
        totals = [g for g in totals if not (g.figure.platforms and _has_other_platforms(g, before))]
        if f.own_period:
            return next((g for g in totals if g.figure.period_start == fig.period_start), None)
        return _whole(totals[0]) if totals else None
    if fig.platforms:
        same = next((g for g in totals if g.figure.platforms == fig.platforms and g.figure.value >= fig.value), None)
        if same is not None:
            return same
    needed = sum(g.figure.value for g in cohort if g.figure.unit == "count")
    fits = next((_whole(g) for g in totals if _whole(g).figure.value >= needed), None)
    if fits is not None:
        return fits
    return next((_whole(g) for g in totals[:1] if _whole(g).figure.value >= fig.value), None)


def _has_other_platforms(g: Found, found: list[Found]) -> bool:
    return any(
        h.sentence_start == g.sentence_start
        and h.figure.measure == "referred"
        and h.figure.platforms != g.figure.platforms
        for h in found
    )


def _whole(f: Found) -> Found:
    while f.part_of is not None:
        f = f.part_of
    return f


def _inherit(found: list[Found], parents: dict[int, Found]) -> None:
    """An outcome counts the same cohort as its total: it takes the total's period (unless it
    states its own), its platforms and its actor; its as-of date stays its own."""
    for f in found:
        parent = parents.get(id(f))
        if parent is None:
            continue
        fig, top = f.figure, parent.figure
        if not f.own_period:
            fig.period_start, fig.period_end = top.period_start, top.period_end
        if not fig.platforms:
            fig.platforms = list(top.platforms)
        fig.actor = fig.actor or top.actor
        fig.item = fig.item or top.item


def _finish(doc: Document, found: list[Found], parents: dict[int, Found]) -> list[ReferralFigure]:
    ordered = sorted(found, key=lambda f: f.figure.char_start)
    position = {id(f): i for i, f in enumerate(ordered)}
    figures = []
    for f in ordered:
        parent = parents.get(id(f))
        f.figure.parent_index = position[id(parent)] if parent is not None else None
        f.figure.page = doc.page_at(f.figure.char_start)
        f.figure.actor = _resolve_actor(doc.text, f.figure.actor, f.figure.char_start)
        figures.append(f.figure)
    return figures


# "The Agency referred ...": a definite description of an organisation named earlier in the text.
_GENERIC_ACTORS = frozenset((
    "Agency", "Unit", "Committee", "Department", "Force", "Service", "Government", "Office", "Team", "Ministry",
    "Commission", "Authority", "Centre", "Network", "Trust", "Group", "Charity", "Organisation", "Partnership",
    "Taskforce", "Board", "Council", "Foundation", "Coalition", "Police",
))


def _resolve_actor(text: str, actor: str | None, before: int) -> str | None:
    """The full name a bare "the Agency" stands for (the last "National Crime Agency" before it,
    or its acronym when the text gives one in brackets), else no actor: "Agency" names nobody."""
    noun = actor.removeprefix("The ") if actor else None  # "The" opened the sentence
    if noun not in _GENERIC_ACTORS:
        return noun
    named = re.compile(rf"\b((?:[A-Z][\w'’&-]*[ \t]+(?:of[ \t]+|for[ \t]+|and[ \t]+)?){{1,5}}{noun})\b"
                       rf"(?:[ \t]*\(([A-Z]{{2,}})\))?")
    # The last match of `named` in text[:before], found without scanning all of it: a match's
    # name lies in one run of name characters that holds the noun, and nothing before the run or
    # after it (bar a bracketed acronym) bears on it, so the runs holding the noun are scanned
    # alone, last first, exactly as a scan of the whole text would see them.
    limit = before
    while (at := text.rfind(noun, 0, limit)) >= 0:
        start = _run_start(text, at)
        end = _NAME_RUN.match(text, at).end()
        if text.startswith("(", end):
            end = _CAPITALS.match(text, end + 1).end()
        for match in reversed(list(named.finditer(text, start, min(before, end + 1)))):
            name = re.sub(r"^(?:The|This|That|Our|Its)\s+", "", match.group(1))
            if name != noun:
                return match.group(2) or name
        limit = start
    return None


# The characters the words and spaces of a name (`_resolve_actor`) can be made of.
_NAME_RUN = re.compile(r"[\w'’&\- \t]*")
_CAPITALS = re.compile(r"[A-Z]*")


def _run_start(text: str, at: int) -> int:
    """Where the run of name characters holding offset `at` begins (read backwards, in steps)."""
    width = 256
    while True:
        lo = max(0, at - width)
        length = _NAME_RUN.match(text[lo:at][::-1]).end()
        if length < at - lo or lo == 0:
            return at - length
        width *= 4
