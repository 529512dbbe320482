"""The Committees API connector against a fake API on 127.0.0.1 that answers in the real shapes."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from pipeline.config import ConfigError
from pipeline.records import FetchedDocument, IngestError
from pipeline.sources import collector

try:  # fixture_sites/ sits beside the tests, whether or not tests/ is a package
    from tests.fixture_sites import FakeSite, client, running_server, source
except ImportError:
    from fixture_sites import FakeSite, client, running_server, source
from pipeline.sources.parliament import windows

COMMITTEE = {"id": 83, "name": "Home Affairs Committee", "house": "Commons"}
INQUIRY = {"id": 999, "title": "Channel crossings, migration and asylum-seeking routes through the EU",
           "type": {"id": 1, "name": "Inquiry", "isInquiry": True}}
HC705 = {"number": "705", "sessionDescription": "2019-21"}
WINDOW = {"CommitteeId": "83", "StartDate": "2020-01-01", "EndDate": "2020-12-31"}


def written(api_id: int, ref: str, published: str, formats: list[tuple[str, str]], witness=None) -> dict:
    witness = witness or {"name": "Rob Jones", "submitterType": "Individual",
                          "organisations": [{"name": "National Crime Agency", "role": "Director of Threat Leadership"}]}
    return {"id": api_id, "publicationDate": f"{published}T00:00:00", "internalReference": ref,
            "anonymous": False, "witnesses": [witness], "committeeBusiness": INQUIRY, "committees": [COMMITTEE],
            "hcNumber": HC705,
            "document": {"documentId": api_id * 10,
                         "files": [{"fileName": name, "fileDataFormat": fmt, "fileSize": 10} for fmt, name in formats]}}


def envelope(items: list[dict], total: int) -> dict:
    return {"items": items, "totalResults": total, "itemsPerPage": 2, "links": []}


def run(site: FakeSite, **options) -> list[FetchedDocument | IngestError]:
    options = {"base_url": site.url("/api"), "website_url": "https://committees.parliament.uk",
               "since": "2020-01-01", "until": "2020-12-31", "window_days": 366, "take": 2, **options}
    return list(collector("parliament_committees")(client(), source("parliament_committees", **options), None))


@pytest.fixture(scope="module")
def server():
    yield from running_server()


@pytest.fixture
def site(server) -> FakeSite:
    """Three written evidence items over two pages, one oral evidence session, one publication."""
    site = FakeSite(server)
    html = b"<html><body><p>Between January and May 2020 the NCA referred 1,218 pages.</p></body></html>"
    pdf = b"%PDF-1.4 fake but labelled pdf"
    site.route("/api/WrittenEvidence", envelope([
        written(12615, "CHA0051", "2020-10-07", [("Html", "CHA0051.html")]),
        written(12588, "CHA0079", "2020-10-07", [("Html", "CHA0079.html"), ("Pdf", "CHA0079.pdf")],
                witness={"name": None, "submitterType": "Organisation",
                         "organisations": [{"name": "Channel Rescue Observatory"}]}),
    ], 3), query={**WINDOW, "Skip": 0, "Take": 2})
    site.route("/api/WrittenEvidence", envelope([
        written(12301, "CHA0064", "2020-09-29", [("Pdf", "CHA0064.pdf")]),
    ], 3), query={**WINDOW, "Skip": 2, "Take": 2})
    site.document("/api/WrittenEvidence/12615/Document/Html", "CHA0051.html", "Html", html)
    site.route("/api/WrittenEvidence/12588/Document/Html", {"title": "conversion failed", "status": 500},
               status=500)
    site.document("/api/WrittenEvidence/12588/Document/Pdf", "CHA0079.pdf", "Pdf", pdf)
    site.document("/api/WrittenEvidence/12301/Document/Pdf", "CHA0064.pdf", "Pdf", pdf)
    # Not listed in 12301's files: a connector that asks for it anyway gets a 500.
    site.route("/api/WrittenEvidence/12301/Document/Html", {"status": 500}, status=500)
    site.route("/api/OralEvidence", envelope([{
        "id": 1016, "publicationDate": "2020-09-08T00:00:00", "meetingDate": "2020-09-03T00:00:00",
        "witnesses": [{"name": "Dan O'Mahoney", "organisations": [{"name": "Home Office"}]}],
        "committees": [COMMITTEE], "committeeBusinesses": [INQUIRY], "hcNumbers": [HC705],
        "document": {"documentId": 1, "files": [{"fileName": "t.html", "fileDataFormat": "Html"}]}}], 1),
        query={**WINDOW, "Skip": 0})
    site.document("/api/OralEvidence/1016/Document/Html", "t.html", "Html", b"<p>Q131 Tim Loughton: ...</p>")
    site.route("/api/Publications", envelope([{
        "id": 24071, "description": "Channel crossings, migration and asylum",
        "publicationStartDate": "2020-07-18T00:00:00", "type": {"id": 1, "name": "Report"},
        "hcNumber": {"number": "199"}, "committee": COMMITTEE, "businesses": [INQUIRY],
        "documents": [
            {"documentId": 164780, "files": [{"fileName": "HC199.docx", "fileDataFormat": "OriginalFormat"}]},
            {"documentId": 164781, "files": [{"fileName": "annex.xlsx", "fileDataFormat": "OriginalFormat"}]}],
    }], 1), query={**WINDOW, "Skip": 0})
    site.document("/api/Publications/24071/Document/164780/OriginalFormat", "HC199.docx", "OriginalFormat",
                  b"PK\x03\x04 docx bytes")
    site.document("/api/Publications/24071/Document/164781/OriginalFormat", "annex.xlsx", "OriginalFormat",
                  b"PK\x03\x04 xlsx bytes")
    return site


def by_url(results) -> dict[str, FetchedDocument | IngestError]:
    return {r.ref.url if isinstance(r, FetchedDocument) else r.url: r for r in results}


def test_pages_through_every_collection_and_downloads_each_document(site: FakeSite) -> None:
    results = by_url(run(site))
    assert [a["Skip"] for a in site.asked("/api/WrittenEvidence")] == ["0", "2"]
    doc = results["https://committees.parliament.uk/writtenevidence/12615/html/"]
    assert isinstance(doc, FetchedDocument)
    assert doc.content_type == "html" and b"1,218" in doc.content
    assert doc.sha256 == hashlib.sha256(doc.content).hexdigest()
    assert doc.ref.fetch_url == site.url("/api/WrittenEvidence/12615/Document/Html")
    assert doc.ref.title == ("Written evidence submitted by Rob Jones, Director of Threat Leadership, "
                             "National Crime Agency (CHA0051)")
    assert doc.ref.kind == "written_evidence" and doc.ref.published == date(2020, 10, 7)
    assert doc.ref.publisher == "Home Affairs Committee"
    meta = doc.ref.metadata
    assert meta["internal_reference"] == "CHA0051" and meta["hc_number"] == "705" and meta["api_id"] == 12615
    assert meta["inquiry"] == INQUIRY["title"] and meta["inquiry_id"] == 999 and meta["committee_id"] == 83
    assert meta["witnesses"] == [{"name": "Rob Jones", "organisations": ["National Crime Agency"]}]

    oral = results["https://committees.parliament.uk/oralevidence/1016/html/"]
    assert oral.ref.kind == "oral_evidence" and oral.ref.metadata["meeting_date"] == date(2020, 9, 3)
    assert oral.ref.title == f"Oral evidence: {INQUIRY['title']}, HC 705"

    report = results["https://committees.parliament.uk/publications/24071/documents/164780/default/"]
    assert report.content_type == "docx" and report.ref.kind == "report"
    assert report.ref.title == "Channel crossings, migration and asylum"


def test_falls_back_to_the_next_listed_format_and_never_asks_for_unlisted_ones(site: FakeSite) -> None:
    results = by_url(run(site))
    fallback = results["https://committees.parliament.uk/writtenevidence/12588/pdf/"]
    assert isinstance(fallback, FetchedDocument) and fallback.content_type == "pdf"
    assert fallback.ref.title == "Written evidence submitted by Channel Rescue Observatory (CHA0079)"
    assert site.asked("/api/WrittenEvidence/12588/Document/Html")  # tried first, answered 500
    assert results["https://committees.parliament.uk/writtenevidence/12301/pdf/"].content_type == "pdf"
    assert site.asked("/api/WrittenEvidence/12301/Document/Html") == []
    assert site.asked("/api/WrittenEvidence/12615/Document/Pdf") == []  # Html worked: nothing more


def test_unsupported_original_format_is_an_error_not_a_document(site: FakeSite) -> None:
    error = by_url(run(site))["https://committees.parliament.uk/publications/24071/documents/164781/default/"]
    assert isinstance(error, IngestError)
    assert (error.stage, error.error) == ("fetch", "unsupported_format") and "annex.xlsx" in error.detail


def test_a_missing_document_is_a_fetch_error_and_the_rest_still_arrive(site: FakeSite) -> None:
    site.route("/api/WrittenEvidence/12615/Document/Html", {"status": 404}, status=404)
    results = by_url(run(site))
    error = results["https://committees.parliament.uk/writtenevidence/12615/html/"]
    assert isinstance(error, IngestError)
    assert (error.source, error.stage, error.error) == ("test_source", "fetch", "http_404")
    assert isinstance(results["https://committees.parliament.uk/writtenevidence/12301/pdf/"], FetchedDocument)


def test_a_payload_without_base64_data_is_reported(site: FakeSite) -> None:
    site.route("/api/WrittenEvidence/12301/Document/Pdf", {"fileName": "CHA0064.pdf", "fileDataFormat": "Pdf"})
    error = by_url(run(site))["https://committees.parliament.uk/writtenevidence/12301/pdf/"]
    assert isinstance(error, IngestError) and error.error == "bad_payload"


def test_a_failing_listing_is_a_discover_error_and_other_collections_carry_on(site: FakeSite) -> None:
    site.route("/api/OralEvidence", {"status": 500}, status=500)
    results = run(site)
    errors = [r for r in results if isinstance(r, IngestError)]
    assert len(errors) == 2  # the listing, and the xlsx annex
    listing = next(e for e in errors if e.stage == "discover")
    assert listing.error == "http_500" and "/api/OralEvidence?" in listing.url and "Skip=0" in listing.url
    assert listing.attempts == 2
    kinds = {r.ref.kind for r in results if isinstance(r, FetchedDocument)}
    assert kinds == {"written_evidence", "report"}


def test_since_narrows_the_windows_and_drops_older_items(site: FakeSite) -> None:
    site.route("/api/WrittenEvidence", envelope([
        written(12615, "CHA0051", "2020-10-07", [("Html", "CHA0051.html")]),
        written(12301, "CHA0064", "2020-09-29", [("Pdf", "CHA0064.pdf")]),
    ], 2), query={"StartDate": "2020-10-01"})
    results = list(collector("parliament_committees")(
        client(), source("parliament_committees", base_url=site.url("/api"), until="2020-12-31",
                         window_days=366, types=["written_evidence"]), date(2020, 10, 1)))
    assert [r.ref.metadata["api_id"] for r in results] == [12615]
    assert site.asked("/api/WrittenEvidence")[0]["StartDate"] == "2020-10-01"
    assert site.asked("/api/WrittenEvidence/12301/Document/Pdf") == []


def test_windows_cover_the_range_without_gaps_or_overlap() -> None:
    spans = windows(date(2020, 1, 1), date(2020, 3, 5), 30)
    assert spans[0] == (date(2020, 1, 1), date(2020, 1, 30))
    assert spans[-1][1] == date(2020, 3, 5)
    assert all((b[0] - a[1]).days == 1 for a, b in zip(spans, spans[1:], strict=False))


@pytest.mark.parametrize("options, message", [
    ({"types": ["written_evidence", "hansard"]}, "types: unknown ['hansard']"),
    ({"committee_ids": "83"}, "committee_ids must be a non-empty list"),
    ({"take": 0}, "take must be a positive whole number"),
    ({"until": "next year"}, "until: 'next year' is not an ISO date"),
])
def test_bad_options_are_config_errors_naming_the_source(options, message) -> None:
    with pytest.raises(ConfigError, match="test.yaml:1: source 'test_source'") as raised:
        list(collector("parliament_committees")(client(), source("parliament_committees", **options), None))
    assert message in str(raised.value)
