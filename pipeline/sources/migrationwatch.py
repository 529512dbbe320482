"""Migration Watch UK press releases (kind `migrationwatch`).

The listing `/press-releases` (then `?page=2`, `?page=3`, …) links each release as
`/press-release/{id}/{slug}`; a release page holds its title in `.mainColumn h1` and its date
written as "November 10, 2020". Options: `base_url` (default https://www.migrationwatchuk.org),
`max_pages` (default 10), `since`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

from pipeline.records import FetchedDocument, IngestError
from pipeline.sources.common import (
    Article,
    Site,
    crawl,
    effective_since,
    find_date,
    first_text,
    links_matching,
    positive_int,
    text_of,
)

if TYPE_CHECKING:
    from pipeline.config import SourceConfig
    from pipeline.http import HttpClient

DEFAULT_BASE = "https://www.migrationwatchuk.org"
RELEASE_LINK = re.compile(r"/press-release/\d+/[^/?#]+/?$")
BODY_SELECTOR = ".mainColumn .article"
TITLE_SELECTOR = ".mainColumn h1"


def collect(client: HttpClient, cfg: SourceConfig, since: date | None
            ) -> Iterator[FetchedDocument | IngestError]:
    base = (cfg.base_url or DEFAULT_BASE).rstrip("/")
    max_pages = positive_int(cfg, "max_pages", 10)
    pages = [f"{base}/press-releases"] + [f"{base}/press-releases?page={n}" for n in range(2, max_pages + 1)]
    site = Site(kind="press_release", publisher="Migration Watch UK", links=_links, article=_article,
                body_selector=BODY_SELECTOR, title_selector=TITLE_SELECTOR)
    yield from crawl(client, cfg, effective_since(cfg, since), pages, site)


def _links(page: BeautifulSoup, url: str) -> list[str]:
    return links_matching(page, url, 'a[href*="/press-release/"]', RELEASE_LINK)


def _article(page: BeautifulSoup) -> Article:
    # The date has no stable element of its own across the site's redesigns; it is the first
    # written-out date in the main column, which sits just under the heading.
    column = page.select_one(".mainColumn") or page.body or page
    return Article(title=first_text(page, TITLE_SELECTOR, "h1") or None,
                   published=find_date(text_of(column)))
