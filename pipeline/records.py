"""The rows the pipeline produces, as plain dataclasses shared by sources, extractors and loads.

Field meanings follow spec/extraction.md; `docs/warehouse.md` documents the tables they land in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass
class DocumentRef:
    """A document a source has found: where it lives publicly and what the source knows of it.

    `url` is the public address analysts cite (and the key documents are matched on);
    `fetch_url` is where the bytes come from when that differs (an API endpoint)."""

    source: str
    url: str
    kind: str  # written_evidence, oral_evidence, report, government_response, press_release, ...
    title: str | None = None
    published: date | None = None
    publisher: str | None = None
    fetch_url: str | None = None
    # Site-specific CSS selectors for the main content and title, when the source knows them.
    body_selector: str | None = None
    title_selector: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class FetchedDocument:
    """A document's raw bytes, as kept in the raw store, with the reference that found it."""

    ref: DocumentRef
    content: bytes
    content_type: str  # "html", "pdf", "text" or "docx"
    sha256: str
    fetched_at: datetime


@dataclass
class IngestError:
    """One document that could not be fetched, parsed or extracted, and why."""

    source: str
    url: str
    stage: str  # discover, fetch, parse, extract
    error: str  # a short machine-readable reason: http_404, timeout, too_large, bad_pdf, ...
    detail: str = ""
    attempts: int = 1
    at: datetime | None = None


@dataclass
class ReferralFigure:
    """One statement of a referral figure (spec/extraction.md "Referral figures")."""

    value: float
    unit: str  # count | percent
    measure: str  # referred | removed | not_removed | pending
    qualifier: str  # exact | at_least | at_most | approximate
    sentence: str
    char_start: int
    char_end: int
    item: str | None = None
    actor: str | None = None
    platforms: list[str] = field(default_factory=list)
    period_start: date | None = None
    period_end: date | None = None
    as_of: date | None = None
    # Index, within the same document's figure list, of the referred total this outcome is part of.
    parent_index: int | None = None
    page: int | None = None
    # The words the measure was read from ("taken down", "remained open"), kept beside the number.
    measure_text: str | None = None


@dataclass
class PlatformMention:
    """One occurrence of a platform's name in the document text."""

    platform: str  # canonical name, e.g. "Twitter"
    surface: str  # as written, e.g. "X (formerly Twitter)"
    char_start: int
    char_end: int
    sentence: str
    page: int | None = None

# The canonical platform names of spec/extraction.md, kept apart from the extractor's gazetteer so
# that a check can hold the extractor to the spec.
CANONICAL_PLATFORMS = frozenset({
    "Facebook", "Instagram", "Twitter", "Telegram", "WhatsApp", "Messenger", "YouTube", "TikTok", "Snapchat",
    "Weibo", "WeChat", "Baidu", "Zalo", "VKontakte", "Viber", "Signal", "Discord", "Reddit", "LinkedIn", "Pinterest",
    "Tumblr", "Threads", "Bluesky", "Rumble", "Kik", "Line", "Imo", "Odnoklassniki", "QQ", "Douyin", "Kuaishou",
})
