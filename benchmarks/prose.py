"""Deterministic prose for synthetic evidence: filler sentences in the register of committee
evidence, with referral figures, dates and platform names mixed in at realistic rates.

Every generator takes a `random.Random`, so a document depends only on the seed and its index
and an archive of any size can be rebuilt (or extended) exactly."""

from __future__ import annotations

import random

PLATFORMS = (
    "Facebook", "Instagram", "TikTok", "YouTube", "X", "Twitter", "Telegram", "Snapchat", "WhatsApp",
    "Reddit", "Discord", "Tik Tok", "Google", "Microsoft", "Meta", "Signal",
)
ACTORS = (
    "the National Crime Agency", "the NCA", "the Counter Terrorism Internet Referral Unit", "CTIRU",
    "the Home Office", "our online team", "the unit", "the Trust", "the Border Force intelligence cell",
)
ITEMS = (
    "social media pages", "posts", "accounts", "posts, pages or accounts", "advertisements", "videos",
    "groups and channels", "pieces of content", "URLs", "profiles",
)
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)
SUBJECTS = (
    "The committee", "Our organisation", "The department", "Local authorities", "Smaller charities",
    "The regulator", "Industry partners", "Front-line staff", "The evidence we gathered", "Many respondents",
    "The inquiry", "Community groups", "Victims and their families", "Independent researchers",
)
VERBS = (
    "has consistently argued that", "would welcome clearer guidance on", "remains concerned about",
    "has repeatedly raised", "recommends further work on", "notes the continuing importance of",
    "has seen little progress on", "is considering the implications of", "continues to monitor",
    "supports the principle of", "questions the evidence base for", "would urge the Government to review",
)
OBJECTS = (
    "the transparency of moderation decisions", "the speed at which harmful material is removed",
    "the resourcing of specialist investigators", "cross-border cooperation with European partners",
    "the design of reporting tools", "the role of end-to-end encryption", "age verification and assurance",
    "the duties set out in the Online Safety Act", "the accessibility of appeal routes",
    "data sharing between agencies", "the recruitment of vulnerable people online",
    "the long-term funding of victim support services", "the quality of published statistics",
    "enforcement against repeat offenders", "the training offered to moderators",
)
TAILS = (
    "", "", "", " in the coming year", " across the United Kingdom", " at a local and national level",
    ", as set out in our earlier submission", ", particularly for young people", " within existing budgets",
    ", which we discuss further below", " in partnership with the voluntary sector",
)
WORDS = (
    "evidence", "policy", "framework", "approach", "capacity", "resilience", "safeguarding", "investigation",
    "partnership", "accountability", "consultation", "implementation", "engagement", "infrastructure",
    "legislation", "prevention", "intelligence", "assessment", "vulnerability", "moderation", "regulation",
)


def sentence(rng: random.Random) -> str:
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}."
    if rng.random() < 0.25:
        s += f" This {rng.choice(WORDS)} {rng.choice(['matters', 'is essential', 'needs attention'])} " \
             f"because {rng.choice(OBJECTS)} {rng.choice(['depends on it', 'is at stake', 'lags behind'])}."
    return s


def platform_sentence(rng: random.Random) -> str:
    a, b = rng.sample(PLATFORMS, 2)
    return rng.choice((
        f"Most of the material we saw was hosted on {a}, with a smaller amount on {b}.",
        f"Users were often directed from {a} to closed groups on {b}.",
        f"We have regular meetings with {a} and {b} about their reporting processes.",
        f"{a} told us that it had expanded its trust and safety team during the period.",
    ))


def _date(rng: random.Random, year: int) -> str:
    return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {year}"


def figure_sentences(rng: random.Random) -> list[str]:
    """A referral total and (usually) its outcomes, in the phrasings the extractor reads."""
    year = rng.randint(2018, 2025)
    referred = rng.randint(40, 60_000)
    removed = rng.randint(0, referred)
    months = sorted(rng.sample(range(12), 2))
    actor = rng.choice(ACTORS)
    item = rng.choice(ITEMS)
    platform = rng.choice(PLATFORMS)
    opening = rng.choice((
        f"Between {MONTHS[months[0]]} and {MONTHS[months[1]]} {year}, {actor} referred {referred:,} {item} "
        f"to {platform} for removal.",
        f"In {year} {actor} referred more than {referred:,} {item} to social media companies.",
        f"Since {MONTHS[months[0]]} {year} we have flagged around {referred:,} {item} to {platform}.",
        f"{actor[0].upper() + actor[1:]} reported {referred:,} {item} to the platforms in {year}.",
    ))
    out = [opening]
    if rng.random() < 0.8:
        share = round(100 * removed / referred) if referred else 0
        out.append(rng.choice((
            f"By {_date(rng, year + 1)}, {removed:,} had been taken down and {referred - removed:,} remained online.",
            f"Of these, {share} per cent were removed.",
            f"{removed:,} of the {item} were removed, and a further {rng.randint(1, 90)} were awaiting review.",
        )))
    return out


def paragraph(rng: random.Random, figure_rate: float = 0.12, platform_rate: float = 0.2) -> str:
    parts = [sentence(rng) for _ in range(rng.randint(2, 5))]
    if rng.random() < platform_rate:
        parts.insert(rng.randint(0, len(parts)), platform_sentence(rng))
    if rng.random() < figure_rate:
        parts[rng.randint(0, len(parts) - 1):0] = figure_sentences(rng)
    return " ".join(parts)


def organisation(rng: random.Random) -> str:
    first = rng.choice(("Harbour", "Northern", "Coastal", "Digital", "Safer", "Open", "Civic", "Kent", "Channel"))
    second = rng.choice(("Watch", "Rights", "Futures", "Policy", "Online", "Action", "Trust", "Alliance"))
    kind = rng.choice(("Trust", "Foundation", "Network", "Institute", "Centre", "Coalition"))
    return f"the {first} {second} {kind}"


def reference(rng: random.Random) -> str:
    return f"{''.join(rng.choice('ABCDEFGHIJKLMNOPRSTUVW') for _ in range(3))}{rng.randint(1, 999):04d}"


def table_rows(rng: random.Random, count: int) -> list[tuple[str, str, str, str]]:
    """(platform, referred, removed, remaining) rows for an evidence table."""
    rows = []
    for platform in rng.sample(PLATFORMS[:10], count):
        referred = rng.randint(20, 9_000)
        removed = rng.randint(0, referred)
        rows.append((platform, f"{referred:,}", f"{removed:,}", f"{referred - removed:,}"))
    return rows
