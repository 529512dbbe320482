"""Press-office connectors (Migration Watch, NCA, GOV.UK, generic listing) against fake sites on
127.0.0.1 that use the real sites' URL patterns and markup."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.config import ConfigError
from pipeline.records import FetchedDocument, IngestError
from pipeline.sources import collector

try:  # fixture_sites/ sits beside the tests, whether or not tests/ is a package
    from tests.fixture_sites import FakeSite, client, running_server, source
except ImportError:
    from fixture_sites import FakeSite, client, running_server, source


@pytest.fixture(scope="module")
def server():
    yield from running_server()


@pytest.fixture
def site(server) -> FakeSite:
    return FakeSite(server)


def collect(kind: str, since: date | None = None, **options) -> list[FetchedDocument | IngestError]:
    return list(collector(kind)(client(), source(kind, **options), since))


def documents(results) -> list[FetchedDocument]:
    return [r for r in results if isinstance(r, FetchedDocument)]


def errors(results) -> list[IngestError]:
    return [r for r in results if isinstance(r, IngestError)]


# -- Migration Watch ----------------------------------------------------------------------------

def mw_listing(*ids: int) -> str:
    links = "".join(f'<div class="item"><h2><a href="/press-release/{i}/release-{i}">Release {i}</a></h2></div>'
                    for i in ids)
    return (f'<html><body><div id="cookie-banner">We use cookies</div><div class="middleColumn">{links}'
            f'<a href="/press-releases?page=9">Next</a><a href="/about">About</a></div></body></html>')


def mw_release(i: int, day: str) -> str:
    return (f'<html><body><div id="cookie-banner">We use cookies to help us improve the website.</div>'
            f'<div class="mainColumn"><h1>Release {i}</h1><div class="article"><h2>Release {i}</h2>'
            f'<p><em>{day}</em></p><p>Nearly 8,000 people crossed.</p></div></div>'
            f'<div class="sideColumn">Follow us on Twitter</div></body></html>')


def test_migrationwatch_pages_until_no_new_links_and_reads_title_and_date(site: FakeSite) -> None:
    site.route("/press-releases", mw_listing(623, 610))
    site.route("/press-releases", mw_listing(598), query={"page": 2})
    site.route("/press-releases", mw_listing(598), query={"page": 3})  # repeats: the end
    site.route("/press-release/623/release-623", mw_release(623, "November 10, 2020"))
    site.route("/press-release/598/release-598", mw_release(598, "September 3, 2020"))
    results = collect("migrationwatch", base_url=site.url(), max_pages=6)
    docs = documents(results)
    assert [d.ref.url for d in docs] == [site.url("/press-release/623/release-623"),
                                         site.url("/press-release/598/release-598")]
    assert docs[0].ref.title == "Release 623" and docs[0].ref.published == date(2020, 11, 10)
    assert docs[0].ref.body_selector == ".mainColumn .article" and docs[0].ref.publisher == "Migration Watch UK"
    assert docs[0].content_type == "html" and b"8,000" in docs[0].content
    [missing] = errors(results)  # 610 is listed but answers 404
    assert (missing.url, missing.stage, missing.error) == (site.url("/press-release/610/release-610"), "fetch",
                                                          "http_404")
    assert [a.get("page") for a in site.asked("/press-releases")] == [None, "2", "3"]


def test_migrationwatch_since_drops_older_releases_and_stops_paging(site: FakeSite) -> None:
    site.route("/press-releases", mw_listing(623, 598))
    site.route("/press-releases", mw_listing(500), query={"page": 2})
    site.route("/press-release/623/release-623", mw_release(623, "November 10, 2020"))
    site.route("/press-release/598/release-598", mw_release(598, "September 3, 2020"))
    site.route("/press-release/500/release-500", mw_release(500, "January 9, 2020"))
    results = collect("migrationwatch", since=date(2020, 10, 1), base_url=site.url())
    assert [d.ref.published for d in documents(results)] == [date(2020, 11, 10)]
    assert errors(results) == []
    assert site.asked("/press-releases") == [{}, {"page": "2"}]  # page 2 held only older links


# -- National Crime Agency ----------------------------------------------------------------------

def nca_listing(*slugs: str) -> str:
    items = "".join(f'<div class="row-fluid"><div class="page-header"><h2><a href="/news/{s}">{s}</a></h2>'
                    f'</div></div>' for s in slugs)
    return (f'<html><body><ul class="nav"><li><a href="/news/all-news">All news</a></li></ul>'
            f'<div class="blog news-page">{items}</div></body></html>')


def nca_article(title: str, day: str | None) -> str:
    dated = f"<p><strong>{day}</strong></p>" if day else ""
    return (f'<html><body><h1 itemprop="headline">{title}</h1><div itemprop="articleBody">'
            f'<p><strong>Key points</strong></p><p>More than 8,000 accounts were removed.</p>{dated}</div>'
            f'<div class="share">Share on Facebook, X, LinkedIn</div></body></html>')


def test_nca_walks_start_offsets_in_steps_of_16(site: FakeSite) -> None:
    site.route("/news", nca_listing("a", "b"), query={"start": 0})
    site.route("/news", nca_listing("c"), query={"start": 16})
    site.route("/news", nca_listing(), query={"start": 32})
    site.route("/news/a", nca_article("Over 8,000 accounts removed", "27 January 2025"))
    site.route("/news/b", nca_article("Undated item", None))
    site.route("/news/c", nca_article("Older", "24 April 2023"))
    docs = documents(collect("nca_news", base_url=site.url()))
    assert [(d.ref.title, d.ref.published) for d in docs] == [
        ("Over 8,000 accounts removed", date(2025, 1, 27)), ("Undated item", None), ("Older", date(2023, 4, 24))]
    assert docs[0].ref.body_selector == '[itemprop="articleBody"]'
    assert [a["start"] for a in site.asked("/news")] == ["0", "16", "32"]


def test_nca_failing_listing_page_is_a_discover_error_and_the_walk_goes_on(site: FakeSite) -> None:
    site.route("/news", nca_listing("a"), query={"start": 0})
    site.route("/news", "down", status=503, query={"start": 16})
    site.route("/news", nca_listing("c"), query={"start": 32})
    site.route("/news", nca_listing(), query={"start": 48})
    site.route("/news/a", nca_article("A", "21 January 2026"))
    site.route("/news/c", nca_article("C", "10 July 2024"))
    results = collect("nca_news", base_url=site.url())
    [error] = errors(results)
    assert (error.stage, error.error, error.url) == ("discover", "http_503", site.url("/news?start=16"))
    assert [d.ref.title for d in documents(results)] == ["A", "C"]


def test_nca_since_keeps_undated_articles_and_stops_at_older_pages(site: FakeSite) -> None:
    site.route("/news", nca_listing("a", "b"), query={"start": 0})
    site.route("/news", nca_listing("c"), query={"start": 16})
    site.route("/news/a", nca_article("New", "21 January 2026"))
    site.route("/news/b", nca_article("Old", "24 April 2023"))
    site.route("/news/c", nca_article("Older", "1 March 2023"))
    docs = documents(collect("nca_news", since=date(2024, 1, 1), base_url=site.url()))
    assert [d.ref.title for d in docs] == ["New"]
    site.route("/news", nca_listing("c"), query={"start": 0})
    site.route("/news/c", nca_article("Undated", None))
    assert [d.ref.title for d in documents(collect("nca_news", since=date(2024, 1, 1), base_url=site.url()))] \
        == ["Undated"]


def test_nca_rss_feed_gives_links_and_a_date_for_undated_articles(site: FakeSite) -> None:
    base = site.url()
    feed = ("<?xml version='1.0'?><rss version='2.0'><channel><title>NCA</title>"
            f"<item><title>A</title><link>{base}/news/a</link><pubDate>Tue, 21 Jan 2026 09:00:00 +0000</pubDate>"
            f"</item><item><title>B</title><link>{base}/news/b</link>"
            "<pubDate>Mon, 24 Apr 2023 09:00:00 +0000</pubDate></item></channel></rss>")
    site.route("/news", feed, query={"format": "feed", "type": "rss"}, content_type="application/rss+xml")
    site.route("/news/a", nca_article("A", None))
    docs = documents(collect("nca_news", since=date(2025, 1, 1), base_url=site.url(), use_rss=True))
    assert [(d.ref.title, d.ref.published) for d in docs] == [("A", date(2026, 1, 21))]
    assert site.asked("/news/b") == []  # older than since by its feed date: never fetched


# -- GOV.UK -------------------------------------------------------------------------------------

def content_item(title: str, body: str | None, orgs: list[str]) -> dict:
    details = {} if body is None else {"body": body}
    return {"title": title, "document_type": "press_release", "schema_name": "news_article",
            "first_published_at": "2025-10-05T22:30:00.000+01:00", "details": details,
            "links": {"organisations": [{"title": o, "document_type": "organisation"} for o in orgs]}}


def test_govuk_pages_search_results_and_composes_html_from_the_content_api(site: FakeSite) -> None:
    hits = [{"link": f"/government/news/item-{i}", "title": f"Item {i}",
             "public_timestamp": "2025-10-05T22:30:00+01:00"} for i in range(3)]
    old = {"link": "/government/news/old", "public_timestamp": "2024-12-31T09:00:00Z"}
    site.route("/api/search.json", {"results": hits[:2], "total": 6, "start": 0}, query={"start": 0})
    site.route("/api/search.json", {"results": [*hits[2:], old], "total": 6, "start": 2}, query={"start": 2})
    site.route("/api/search.json", {"results": [old], "total": 6, "start": 4}, query={"start": 4})
    site.route("/api/content/government/news/item-0",
               content_item("New <offence>", '<div class="govspeak"><p>Up to 5 years in prison.</p></div>',
                            ["Home Office", "National Crime Agency"]))
    site.route("/api/content/government/news/item-1", content_item("No body", None, []))
    results = collect("govuk", since=date(2025, 1, 1), base_url=site.url(), count=2)
    searches = site.asked("/api/search.json")
    assert [s["start"] for s in searches] == ["0", "2"]  # page 2 reached an older result: stop
    assert "filter_public_timestamp" not in searches[0] and site.asked("/api/content/government/news/old") == []
    assert searches[0]["order"] == "-public_timestamp" and searches[0]["count"] == "2"
    [doc] = documents(results)
    assert doc.ref.url == site.url("/government/news/item-0")
    assert doc.ref.fetch_url == site.url("/api/content/government/news/item-0")
    assert doc.ref.publisher == "Home Office, National Crime Agency" and doc.ref.kind == "press_release"
    assert doc.ref.published == date(2025, 10, 5) and doc.content_type == "html"
    assert doc.content.startswith(b"<html><head><meta charset=\"utf-8\"><title>New &lt;offence&gt;</title>")
    assert b"<main><h1>New &lt;offence&gt;</h1>" in doc.content and b"Up to 5 years in prison." in doc.content
    by_url = {e.url: e for e in errors(results)}
    assert by_url[site.url("/government/news/item-1")].error == "bad_json"
    assert by_url[site.url("/government/news/item-2")].error == "http_404"


def test_govuk_repeats_organisation_and_type_filters(site: FakeSite) -> None:
    site.route("/api/search.json", {"results": [], "total": 0, "start": 0})
    assert collect("govuk", base_url=site.url(), organisations=["home-office", "national-crime-agency"]) == []
    query = site.requests[-1]
    assert query[0] == "/api/search.json" and "filter_public_timestamp" not in query[1]
    server_args = [r for r in site.server.log if r[0].path == "/api/search.json"][-1][0].args
    assert server_args.getlist("filter_organisations") == ["home-office", "national-crime-agency"]
    assert server_args.getlist("filter_content_store_document_type") == ["press_release", "news_story"]


def test_govuk_failing_search_is_a_discover_error(site: FakeSite) -> None:
    site.route("/api/search.json", {"error": "bad"}, status=422)
    [error] = collect("govuk", base_url=site.url())
    assert (error.stage, error.error) == ("discover", "http_422")


# -- generic listing ----------------------------------------------------------------------------

def office_listing(links: list[str], next_href: str | None = None) -> str:
    items = "".join(f'<li class="news"><a class="headline" href="{h}">{h}</a></li>' for h in links)
    nxt = f'<a rel="next" href="{next_href}">Older</a>' if next_href else ""
    return f'<html><body><ul>{items}</ul><a href="/contact">Contact</a>{nxt}</body></html>'


def office_article(title: str, stamp: str) -> str:
    return (f'<html><body><header><h1>Press office</h1></header><article><h2 class="title">{title}</h2>'
            f'<span class="published">{stamp}</span><div class="content"><p>Text.</p></div></article></body></html>')


def test_listing_follows_next_links_with_configured_selectors(site: FakeSite) -> None:
    site.route("/press", office_listing(["/press/one", "/press/two"], next_href="/press/older"))
    site.route("/press/older", office_listing(["/press/three"]))
    site.route("/press/one", office_article("One", "05/10/2025"))
    site.route("/press/two", office_article("Two", "12/09/2025"))
    site.route("/press/three", office_article("Three", "01/02/2024"))
    results = collect("listing", since=date(2025, 1, 1), listing_url=site.url("/press"),
                      link_selector="li.news a.headline", title_selector="h2.title",
                      date_selector=".published", date_format="%d/%m/%Y", body_selector="article .content",
                      pagination={"next_selector": "a[rel=next]"}, publisher="Example Office",
                      document_kind="news_story")
    docs = documents(results)
    assert [(d.ref.title, d.ref.published) for d in docs] == [("One", date(2025, 10, 5)), ("Two", date(2025, 9, 12))]
    assert docs[0].ref.kind == "news_story" and docs[0].ref.publisher == "Example Office"
    assert docs[0].ref.body_selector == "article .content" and docs[0].ref.title_selector == "h2.title"
    assert site.asked("/press/three")  # fetched, but older than since


def test_listing_numbered_pages_stop_when_a_page_adds_nothing(site: FakeSite) -> None:
    site.route("/news", office_listing(["/n/1"]), query={"p": 0})
    site.route("/news", office_listing(["/n/2"]), query={"p": 10})
    site.route("/news", office_listing(["/n/2"]), query={"p": 20})
    site.route("/n/1", '<html><body><h1>First</h1><p>Published 3 March 2025</p></body></html>')
    site.route("/n/2", '<html><body><h1>Second</h1><time datetime="2025-02-01">1 Feb</time></body></html>')
    docs = documents(collect("listing", listing_url=site.url("/news?lang=en"), link_selector="li.news a",
                             pagination={"param": "p", "start": 0, "step": 10, "max_pages": 8}))
    assert [(d.ref.title, d.ref.published) for d in docs] == [("First", date(2025, 3, 3)),
                                                              ("Second", date(2025, 2, 1))]
    assert [(a["p"], a["lang"]) for a in site.asked("/news")] == [("0", "en"), ("10", "en"), ("20", "en")]


@pytest.mark.parametrize("options, message", [
    ({"link_selector": "a"}, "option 'listing_url' is required"),
    ({"listing_url": "http://127.0.0.1/x"}, "option 'link_selector' is required"),
    ({"listing_url": "http://127.0.0.1/x", "link_selector": "a", "pagination": {"pages": 3}}, "unknown keys"),
    ({"listing_url": "http://127.0.0.1/x", "link_selector": "a", "pagination": {"start": 1}}, "needs param"),
    ({"listing_url": "http://127.0.0.1/x", "link_selector": "a",
      "pagination": {"param": "page", "max_pages": 0}}, "pagination.max_pages"),
])
def test_listing_bad_options_are_config_errors(options, message) -> None:
    with pytest.raises(ConfigError, match=message):
        collect("listing", **options)


def test_nca_bad_use_rss_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="use_rss must be true or false"):
        collect("nca_news", use_rss="yes")
