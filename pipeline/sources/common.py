"""Helpers every web source kind shares: dates as sites print them, URLs, and the listing crawl.

Press offices all work the same way (listing pages → article links → article pages, newest
first), so the crawl lives here once and each site module only says how to find its links and read
an article's title and date.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urljoin

import requests
from bs4 import BeautifulSoup, Tag

from pipeline.http import FetchError, Response
from pipeline.months import MONTH_PATTERN
from pipeline.parse.dates import parse_date as printed_date
from pipeline.records import DocumentRef, FetchedDocument, IngestError

if TYPE_CHECKING:
    from pipeline.config import SourceConfig
    from pipeline.http import HttpClient

# A date written out in a sentence or a byline: "21 July 2020", "November 10, 2020".
_DATE_IN_TEXT = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH_PATTERN})\.?,?\s+\d{{4}}"
    rf"|(?:{MONTH_PATTERN})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})\b", re.IGNORECASE)
_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def parse_date(text: str | None, fmt: str | None = None) -> date | None:
    """A date from how a page prints it, or None when it is not one. An explicit `fmt` is the only
    format tried, so that a source configured for day-first dates never reads one month-first;
    otherwise the parser's reader of printed dates decides, plus the numeric day-first forms
    (21/07/2020, 21.07.2020) UK sites use."""
    if not text:
        return None
    value = " ".join(text.split()).strip(" .")
    if fmt:
        try:
            return datetime.strptime(_ORDINAL.sub("", value), fmt).date()
        except ValueError:
            return None
    found = printed_date(value)
    if found is None and (numeric := _NUMERIC_DMY.match(value)):
        try:
            found = date(int(numeric[3]), int(numeric[2]), int(numeric[1]))
        except ValueError:
            return None
    return found


def find_date(text: str) -> date | None:
    """The first written-out date inside a longer text (a byline, a dateline paragraph)."""
    for match in _DATE_IN_TEXT.finditer(text):
        found = parse_date(match.group(0))
        if found:
            return found
    return None


def iso_date(value: Any) -> date | None:
    """The date part of an API timestamp ("2020-10-07T00:00:00", "2025-01-27T10:00:00.000+00:00")."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def absolute(base: str, href: str) -> str:
    """An absolute link without its #fragment, so one article linked twice is one document."""
    return urldefrag(urljoin(base, href.strip()))[0]


def request_url(url: str, params: dict[str, Any] | None) -> str:
    """The full URL a GET with `params` asks for, as error records should name it."""
    return requests.Request("GET", url, params=params).prepare().url or url


def effective_since(cfg: SourceConfig, since: date | None) -> date | None:
    """The later of the run's `since` and the source's own `since` option: both are lower bounds."""
    bounds = [d for d in (since, cfg.since) if d is not None]
    return max(bounds) if bounds else None


def wanted(published: date | None, since: date | None) -> bool:
    """Undated documents are kept: dropping them would lose evidence silently."""
    return since is None or published is None or published >= since


def fetched(ref: DocumentRef, content: bytes, content_type: str, fetched_at: datetime) -> FetchedDocument:
    return FetchedDocument(ref=ref, content=content, content_type=content_type,
                           sha256=hashlib.sha256(content).hexdigest(), fetched_at=fetched_at)


def fetch_failure(cfg: SourceConfig, url: str, error: FetchError, stage: str = "fetch") -> IngestError:
    return IngestError(source=cfg.name, url=url, stage=stage, error=error.reason,
                       detail=error.detail, attempts=error.attempts)


def soup(content: bytes | str) -> BeautifulSoup:
    return BeautifulSoup(content, "lxml")


def text_of(node: Tag | None) -> str:
    return " ".join(node.get_text(" ").split()) if node is not None else ""


def first_text(page: BeautifulSoup | Tag, *selectors: str | None) -> str:
    """The text of the first selector that matches something non-empty."""
    for selector in selectors:
        if not selector:
            continue
        for node in page.select(selector):
            value = text_of(node)
            if value:
                return value
    return ""


def str_list(cfg: SourceConfig, key: str, default: list[str]) -> list[str]:
    value = cfg.get(key, default)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise cfg.error(f"{key} must be a non-empty list of strings, not {value!r}")
    return value


def positive_int(cfg: SourceConfig, key: str, default: int) -> int:
    value = cfg.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise cfg.error(f"{key} must be a positive whole number, not {value!r}")
    return value


def text_option(cfg: SourceConfig, key: str, default: str | None = None) -> str | None:
    value = cfg.get(key, default)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise cfg.error(f"{key} must be a non-empty string, not {value!r}")
    return value


@dataclass
class Article:
    """What a site module reads from one article page."""

    title: str | None
    published: date | None


@dataclass
class Site:
    """How one press office is crawled: the parts that differ from site to site."""

    kind: str
    publisher: str | None
    links: Callable[[BeautifulSoup, str], list[str]]  # (listing page, its URL) -> article URLs
    article: Callable[[BeautifulSoup], Article]
    body_selector: str | None = None
    title_selector: str | None = None


def crawl(client: HttpClient, cfg: SourceConfig, since: date | None, pages: Iterable[str],
          site: Site, *, follow: Callable[[BeautifulSoup, str], str | None] | None = None,
          ) -> Iterator[FetchedDocument | IngestError]:
    """Walks listing pages newest-first and fetches each new article before the next page.

    Stops when a page adds no new links (the end of the listing, or a site that repeats its last
    page), when every dated article on a page is older than `since` (listings run newest first),
    after two listing pages in a row fail, or when `follow` (next-link pagination) finds no next
    page. A failed page is reported (stage discover) and the next numbered page is still tried."""
    seen: set[str] = set()
    failures = 0
    queue = iter(pages)
    page_url = next(queue, None)
    while page_url is not None:
        try:
            response = client.get(page_url)
        except FetchError as e:
            yield fetch_failure(cfg, page_url, e, stage="discover")
            failures += 1
            if follow is not None or failures >= 2:
                return
            page_url = next(queue, None)
            continue
        failures = 0
        page = soup(response.content)
        new = [u for u in dict.fromkeys(site.links(page, response.url or page_url)) if u not in seen]
        if not new:
            return
        seen.update(new)
        dates: list[date] = []
        for url in new:
            result = fetch_article(client, cfg, url, site)
            if isinstance(result, FetchedDocument):
                if result.ref.published is not None:
                    dates.append(result.ref.published)
                if not wanted(result.ref.published, since):
                    continue
            yield result
        if since is not None and dates and max(dates) < since:
            return
        page_url = follow(page, response.url or page_url) if follow else next(queue, None)


def fetch_article(client: HttpClient, cfg: SourceConfig, url: str, site: Site,
                  published: date | None = None) -> FetchedDocument | IngestError:
    """One article page as a document; `published` is a date the listing or feed already gave,
    used when the page itself carries none."""
    try:
        response = client.get(url)
    except FetchError as e:
        return fetch_failure(cfg, url, e)
    return article_document(cfg, url, response, site, published)


def article_document(cfg: SourceConfig, url: str, response: Response, site: Site,
                     published: date | None = None) -> FetchedDocument:
    info = site.article(soup(response.content))
    ref = DocumentRef(source=cfg.name, url=url, kind=site.kind, title=info.title or None,
                      published=info.published or published, publisher=site.publisher,
                      body_selector=site.body_selector, title_selector=site.title_selector)
    return fetched(ref, response.content, "html", response.fetched_at)


def links_matching(page: BeautifulSoup, base: str, selector: str,
                   pattern: re.Pattern[str] | None = None) -> list[str]:
    """Absolute URLs of the `href`s under `selector`, optionally only those `pattern` matches."""
    urls = []
    for node in page.select(selector):
        href = node.get("href")
        if not isinstance(href, str) or not href.strip():
            continue
        url = absolute(base, href)
        if pattern is None or pattern.search(url):
            urls.append(url)
    return urls
