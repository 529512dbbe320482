"""National Crime Agency news (kind `nca_news`), a Joomla site.

The listing `/news?start=0`, `?start=16`, … links articles from `div.blog.news-page … .page-header a`;
an article carries schema.org microdata (`itemprop=headline`, `itemprop=articleBody`) and prints its
date as the last bold paragraph of the body ("<p><strong>21 July 2020</strong></p>"), which some
articles lack. With `use_rss: true` the RSS feed `/news?format=feed&type=rss` is read instead of the
listing, and its `pubDate` stands in for an article that prints no date.
Options: `base_url` (default https://www.nationalcrimeagency.gov.uk), `max_pages` (default 20),
`use_rss` (default false), `since`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

from pipeline.http import FetchError
from pipeline.records import FetchedDocument, IngestError
from pipeline.sources.common import (
    Article,
    Site,
    absolute,
    crawl,
    effective_since,
    fetch_article,
    fetch_failure,
    first_text,
    links_matching,
    parse_date,
    positive_int,
    text_of,
    wanted,
)

if TYPE_CHECKING:
    from pipeline.config import SourceConfig
    from pipeline.http import HttpClient

DEFAULT_BASE = "https://www.nationalcrimeagency.gov.uk"
PAGE_STEP = 16  # the site's fixed page size
BODY_SELECTOR = '[itemprop="articleBody"]'
TITLE_SELECTOR = '[itemprop="headline"]'


def collect(client: HttpClient, cfg: SourceConfig, since: date | None
            ) -> Iterator[FetchedDocument | IngestError]:
    base = (cfg.base_url or DEFAULT_BASE).rstrip("/")
    max_pages = positive_int(cfg, "max_pages", 20)
    use_rss = cfg.get("use_rss", False)
    if not isinstance(use_rss, bool):
        raise cfg.error(f"use_rss must be true or false, not {use_rss!r}")
    since = effective_since(cfg, since)
    site = Site(kind="press_release", publisher="National Crime Agency", links=_links, article=_article,
                body_selector=BODY_SELECTOR, title_selector=TITLE_SELECTOR)
    if use_rss:
        yield from _from_feed(client, cfg, since, f"{base}/news?format=feed&type=rss", site)
        return
    pages = [f"{base}/news?start={n * PAGE_STEP}" for n in range(max_pages)]
    yield from crawl(client, cfg, since, pages, site)


def _links(page: BeautifulSoup, url: str) -> list[str]:
    return links_matching(page, url, "div.blog.news-page .page-header a")


def _article(page: BeautifulSoup) -> Article:
    body = page.select_one(BODY_SELECTOR)
    published = None
    if body is not None:
        for strong in reversed(body.select("p > strong")):
            published = parse_date(text_of(strong))
            if published:
                break
    return Article(title=first_text(page, TITLE_SELECTOR, "h1") or None, published=published)


def _from_feed(client: HttpClient, cfg: SourceConfig, since: date | None, feed_url: str, site: Site
               ) -> Iterator[FetchedDocument | IngestError]:
    try:
        response = client.get(feed_url)
    except FetchError as e:
        yield fetch_failure(cfg, feed_url, e, stage="discover")
        return
    feed = BeautifulSoup(response.content, "xml")
    seen: set[str] = set()
    for item in feed.find_all("item"):
        link = text_of(item.find("link"))
        if not link:
            continue
        url = absolute(feed_url, link)
        if url in seen:
            continue
        seen.add(url)
        published = _rss_date(text_of(item.find("pubDate")))
        if not wanted(published, since):
            continue
        document = fetch_article(client, cfg, url, site, published)
        if isinstance(document, FetchedDocument) and not wanted(document.ref.published, since):
            continue
        yield document


def _rss_date(value: str) -> date | None:
    try:
        return parsedate_to_datetime(value).date() if value else None
    except (TypeError, ValueError):
        return None
