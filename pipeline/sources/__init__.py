"""Source kinds: each module discovers the documents of one kind of site and fetches them.

Every kind exposes the same function,

    collect(client: HttpClient, cfg: SourceConfig, since: date | None)
        -> Iterator[FetchedDocument | IngestError]

yielding each document it could fetch and, for each one it could not, an `IngestError` that says
why, so that one bad document never stops the others. `since` limits discovery to documents
published on or after that date (backfills and incremental daily runs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pipeline.records import FetchedDocument, IngestError

if TYPE_CHECKING:
    from pipeline.config import SourceConfig
    from pipeline.http import HttpClient

Collector = Callable[["HttpClient", "SourceConfig", "date | None"], Iterator[FetchedDocument | IngestError]]

# kind -> module under pipeline.sources; imported on first use so one kind's import cost is not paid by all.
KIND_MODULES = {
    "directory": "directory",
    "parliament_committees": "parliament",
    "migrationwatch": "migrationwatch",
    "nca_news": "nca",
    "govuk": "govuk",
    "listing": "listing",
}


def collector(kind: str) -> Collector:
    return import_module(f"pipeline.sources.{KIND_MODULES[kind]}").collect


def hosts(cfg: SourceConfig) -> list[str]:
    """The hosts a source fetches from, for the HTTP client's allow-list: those of its configured
    `base_url` (else the kind's default) and `listing_url`. Redirects elsewhere stay refused."""
    module = import_module(f"pipeline.sources.{KIND_MODULES[cfg.kind]}")
    urls = [cfg.base_url or getattr(module, "DEFAULT_BASE", None), cfg.get("listing_url")]
    return [h for h in (urlsplit(u).hostname for u in urls if u) if h]
