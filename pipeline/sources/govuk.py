"""GOV.UK news and press releases (kind `govuk`) via the Search API and the Content API.

The Search API (`/api/search.json`) lists the pages of chosen organisations and document types,
newest first (paging stops at the first result older than `since`); the Content API
(`/api/content{link}`) gives each page's body as govspeak HTML.

The document yielded for a page is NOT the Content API's JSON: it is a small HTML page composed
from the title and `details.body` (`<html><head><title>…</title></head><body><main><h1>…</h1>
{body}</main></body></html>`), because the JSON is only the record around the document, and the
HTML parser is what should read the body. Title, date, publisher and kind come from the JSON.

Options: `base_url` (default https://www.gov.uk), `organisations` (default [home-office,
national-crime-agency]), `document_types` (default [press_release, news_story]), `count` (results per
search page, default 50), `max_results` (default 1000), `since`.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from pipeline.http import FetchError
from pipeline.records import DocumentRef, FetchedDocument, IngestError
from pipeline.sources.common import (
    effective_since,
    fetch_failure,
    fetched,
    iso_date,
    positive_int,
    request_url,
    str_list,
    wanted,
)

if TYPE_CHECKING:
    from pipeline.config import SourceConfig
    from pipeline.http import HttpClient

DEFAULT_BASE = "https://www.gov.uk"
DEFAULT_ORGANISATIONS = ["home-office", "national-crime-agency"]
DEFAULT_TYPES = ["press_release", "news_story"]
SEARCH_FIELDS = ["title", "link", "public_timestamp", "content_store_document_type"]


def search_params(organisations: list[str], document_types: list[str], count: int, start: int) -> dict[str, Any]:
    """The Search API query for one page (list values repeat the parameter, which the API ORs).
    Public so the snapshot builder records exactly the queries this module sends.

    `since` is deliberately not sent as `filter_public_timestamp`: results come newest first, so
    paging simply stops at the first older one, and the query stays the same from run to run
    (which is what lets a recorded snapshot answer incremental runs too)."""
    params: dict[str, Any] = {
        "filter_organisations": organisations,
        "filter_content_store_document_type": document_types,
        "order": "-public_timestamp",
        "count": count,
        "start": start,
        "fields": SEARCH_FIELDS,
    }
    return params


def collect(client: HttpClient, cfg: SourceConfig, since: date | None
            ) -> Iterator[FetchedDocument | IngestError]:
    base = (cfg.base_url or DEFAULT_BASE).rstrip("/")
    organisations = str_list(cfg, "organisations", DEFAULT_ORGANISATIONS)
    document_types = str_list(cfg, "document_types", DEFAULT_TYPES)
    count = positive_int(cfg, "count", 50)
    max_results = positive_int(cfg, "max_results", 1000)
    since = effective_since(cfg, since)
    search_url = f"{base}/api/search.json"
    start, seen = 0, set()
    while start < max_results:
        params = search_params(organisations, document_types, count, start)
        page_url = request_url(search_url, params)
        try:
            page = client.get(search_url, params=params).json()
            results, total = page["results"], int(page["total"])
        except FetchError as e:
            yield fetch_failure(cfg, page_url, e, stage="discover")
            return
        except (ValueError, KeyError, TypeError) as e:
            yield IngestError(source=cfg.name, url=page_url, stage="discover", error="bad_json",
                              detail=f"search response without results/total: {e}")
            return
        older = False
        for result in results:
            link = result.get("link") if isinstance(result, dict) else None
            if not isinstance(link, str) or not link.startswith("/") or link in seen:
                continue
            seen.add(link)
            if wanted(iso_date(result.get("public_timestamp")), since):
                yield _page(client, cfg, base, link, result)
            else:
                older = True
        start += count
        if start >= total or not results or older:
            return


def _page(client: HttpClient, cfg: SourceConfig, base: str, link: str, result: dict[str, Any]
          ) -> FetchedDocument | IngestError:
    public_url = f"{base}{link}"
    try:
        response = client.get(f"{base}/api/content{link}")
    except FetchError as e:
        return fetch_failure(cfg, public_url, e)
    try:
        item = response.json()
        body = item["details"]["body"]
    except (ValueError, KeyError, TypeError) as e:
        return IngestError(source=cfg.name, url=public_url, stage="fetch", error="bad_json",
                           detail=f"content item without details.body: {e}", attempts=response.attempts)
    if not isinstance(body, str) or not body.strip():
        return IngestError(source=cfg.name, url=public_url, stage="fetch", error="empty_body",
                           detail="details.body is empty", attempts=response.attempts)
    title = item.get("title") or result.get("title") or ""
    organisations = [o.get("title") for o in (item.get("links") or {}).get("organisations") or []
                     if isinstance(o, dict) and o.get("title")]
    ref = DocumentRef(
        source=cfg.name, url=public_url, kind=item.get("document_type") or "press_release",
        title=title or None,
        published=iso_date(item.get("first_published_at")) or iso_date(result.get("public_timestamp")),
        publisher=", ".join(organisations) or None, fetch_url=response.url, body_selector="main",
        title_selector="h1",
        metadata={"content_id": item.get("content_id"), "schema_name": item.get("schema_name"),
                  "description": item.get("description"), "organisations": organisations,
                  "public_updated_at": item.get("public_updated_at")})
    return fetched(ref, compose_html(title, body), "html", response.fetched_at)


def compose_html(title: str, body: str) -> bytes:
    escaped = html.escape(title)
    return (f"<html><head><meta charset=\"utf-8\"><title>{escaped}</title></head>"
            f"<body><main><h1>{escaped}</h1>\n{body}\n</main></body></html>").encode()

