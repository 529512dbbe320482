"""Any other press office (kind `listing`), described entirely by CSS selectors in the sources file.

Options:
    listing_url     required; the first listing page
    link_selector   required; CSS selector of the article links on a listing page (`a` elements)
    pagination      optional; either {param: page, start: 1, step: 1, max_pages: 10} (numbered pages,
                    `param` added to listing_url) or {next_selector: "a[rel=next]", max_pages: 10}
                    (follow the next link); without it only the first page is read
    title_selector  optional; default the page's first h1
    date_selector   optional; element holding the date (its `datetime` attribute wins if present);
                    without it: a <time datetime> or article:published_time meta tag, else the
                    first written-out date in the page text
    date_format     optional strptime format for the date; default: several common formats
    body_selector   optional; passed to the parser as the main-content hint
    document_kind   default press_release (the `kind` of the documents; `kind:` itself names the source kind)
    publisher       optional; the organisation named as publisher
    since           optional lower bound on the publication date
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bs4 import BeautifulSoup

from pipeline.records import FetchedDocument, IngestError
from pipeline.sources.common import (
    Article,
    Site,
    absolute,
    crawl,
    effective_since,
    find_date,
    first_text,
    links_matching,
    parse_date,
    text_of,
    text_option,
)

if TYPE_CHECKING:
    from pipeline.config import SourceConfig
    from pipeline.http import HttpClient


def collect(client: HttpClient, cfg: SourceConfig, since: date | None
            ) -> Iterator[FetchedDocument | IngestError]:
    listing_url = str(cfg.require("listing_url"))
    link_selector = str(cfg.require("link_selector"))
    title_selector = text_option(cfg, "title_selector")
    date_selector = text_option(cfg, "date_selector")
    date_format = text_option(cfg, "date_format")
    site = Site(kind=text_option(cfg, "document_kind", "press_release") or "press_release",
                publisher=text_option(cfg, "publisher"),
                links=lambda page, url: links_matching(page, url, link_selector),
                article=_reader(title_selector, date_selector, date_format),
                body_selector=text_option(cfg, "body_selector"), title_selector=title_selector)
    pages, follow = _pagination(cfg, listing_url)
    yield from crawl(client, cfg, effective_since(cfg, since), pages, site, follow=follow)


def _pagination(cfg: SourceConfig, listing_url: str
                ) -> tuple[list[str], Callable[[BeautifulSoup, str], str | None] | None]:
    spec: Any = cfg.get("pagination")
    if spec is None:
        return [listing_url], None
    if not isinstance(spec, dict):
        raise cfg.error(f"pagination must be a mapping, not {spec!r}")
    unknown = set(spec) - {"param", "start", "step", "max_pages", "next_selector"}
    if unknown:
        raise cfg.error(f"pagination has unknown keys {sorted(unknown)}")
    numbers = {k: spec.get(k, d) for k, d in (("start", 1), ("step", 1), ("max_pages", 10))}
    for key, value in numbers.items():
        if isinstance(value, bool) or not isinstance(value, int) or (value < 1 and key != "start"):
            raise cfg.error(f"pagination.{key} must be a whole number (positive for {key}), not {value!r}")
    max_pages = numbers["max_pages"]
    if "next_selector" in spec:
        if "param" in spec:
            raise cfg.error("pagination takes either param or next_selector, not both")
        selector = spec["next_selector"]
        if not isinstance(selector, str) or not selector:
            raise cfg.error("pagination.next_selector must be a CSS selector")
        followed = [0]

        def follow(page: BeautifulSoup, url: str) -> str | None:
            followed[0] += 1
            link = page.select_one(selector)
            href = link.get("href") if link is not None else None
            if followed[0] >= max_pages or not isinstance(href, str) or not href.strip():
                return None
            return absolute(url, href)

        return [listing_url], follow
    param = spec.get("param")
    if not isinstance(param, str) or not param:
        raise cfg.error("pagination needs param (numbered pages) or next_selector (next links)")
    return [_with_param(listing_url, param, numbers["start"] + n * numbers["step"])
            for n in range(max_pages)], None


def _with_param(url: str, param: str, value: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != param]
    return urlunsplit(parts._replace(query=urlencode([*query, (param, str(value))])))


def _reader(title_selector: str | None, date_selector: str | None, date_format: str | None
            ) -> Callable[[BeautifulSoup], Article]:
    def read(page: BeautifulSoup) -> Article:
        published = None
        if date_selector:
            node = page.select_one(date_selector)
            if node is not None:
                stamp = node.get("datetime")
                published = (parse_date(stamp) if isinstance(stamp, str) else None) \
                    or parse_date(text_of(node), date_format) or find_date(text_of(node))
        else:
            published = _marked_date(page) or find_date(text_of(page.body or page))
        return Article(title=first_text(page, title_selector, "h1", "title") or None, published=published)

    return read


def _marked_date(page: BeautifulSoup) -> date | None:
    """A machine-readable publication date, which most CMSs put in the page even when the visible
    date is abbreviated ("1 Feb")."""
    meta = page.select_one('meta[property="article:published_time"]')
    if meta is not None and isinstance(meta.get("content"), str):
        return parse_date(meta["content"])
    stamp = page.select_one("time[datetime]")
    return parse_date(stamp["datetime"]) if stamp is not None and isinstance(stamp.get("datetime"), str) else None
