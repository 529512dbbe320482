"""The demo snapshot replayed through SnapshotAdapter and every connector, as the demo runs it."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pipeline.config import load_config
from pipeline.http import HttpClient
from pipeline.records import FetchedDocument, IngestError
from pipeline.snapshot import SnapshotAdapter
from pipeline.sources import collector

SNAPSHOT = Path(__file__).resolve().parent.parent / "snapshot"


@pytest.fixture(scope="module")
def replayed() -> dict[str, list[FetchedDocument | IngestError]]:
    settings = load_config(SNAPSHOT / "sources.yaml")
    client = HttpClient(settings.http, transport=SnapshotAdapter(SNAPSHOT))
    for cfg in settings.sources:
        if cfg.base_url:
            client.allow_host(urlsplit(cfg.base_url).hostname or "")
    try:
        return {cfg.name: list(collector(cfg.kind)(client, cfg, None)) for cfg in settings.sources}
    finally:
        client.close()


def test_every_source_yields_its_documents_without_errors(replayed) -> None:
    counts = {name: Counter(type(r).__name__ for r in results) for name, results in replayed.items()}
    assert counts == {
        "home_affairs_committee": Counter(FetchedDocument=8),
        "migration_watch": Counter(FetchedDocument=3),
        "nca_news": Counter(FetchedDocument=5),
        "govuk_home_office": Counter(FetchedDocument=2),
        "press_cuttings": Counter(FetchedDocument=3),
    }


def test_committee_documents_arrive_in_each_format(replayed) -> None:
    docs = {d.ref.url: d for d in replayed["home_affairs_committee"]}
    site = "https://committees.parliament.uk"
    cha0051 = docs[f"{site}/writtenevidence/12615/html/"]
    assert cha0051.content_type == "html" and b'485<a href="#_ftn1" name="_ftnref1"' in cha0051.content
    assert cha0051.ref.title.endswith("National Crime Agency (CHA0051)")
    fallback = docs[f"{site}/writtenevidence/12588/pdf/"]  # its Html conversion is recorded as a 500
    assert fallback.content_type == "pdf" and fallback.content.startswith(b"%PDF")
    docx = docs[f"{site}/writtenevidence/12020/"]
    assert docx.content_type == "docx" and "word/document.xml" in zipfile.ZipFile(io.BytesIO(docx.content)).namelist()
    corrupt = docs[f"{site}/writtenevidence/12890/pdf/"]  # the deliberate parse failure of the demo
    assert corrupt.content_type == "pdf" and not corrupt.content.startswith(b"%PDF")
    kinds = Counter(d.ref.kind for d in docs.values())
    assert kinds == {"written_evidence": 5, "oral_evidence": 1, "report": 1, "government_response": 1}


def test_press_documents_carry_titles_dates_and_publishers(replayed) -> None:
    release = next(d for d in replayed["migration_watch"] if "/press-release/623/" in d.ref.url)
    assert str(release.ref.published) == "2020-11-10" and b"1,218" in release.content
    nca = [d for d in replayed["nca_news"]]
    assert all(d.ref.published is not None and d.ref.publisher == "National Crime Agency" for d in nca)
    assert {d.ref.publisher for d in replayed["govuk_home_office"]} == {"Home Office",
                                                                         "Home Office, National Crime Agency"}


def test_an_incremental_run_asks_only_for_recorded_responses() -> None:
    """A daily run passes today as `since`: every connector must still ask only for what the
    snapshot holds (no 404 errors), and find nothing new."""
    settings = load_config(SNAPSHOT / "sources.yaml")
    client = HttpClient(settings.http, transport=SnapshotAdapter(SNAPSHOT))
    for cfg in settings.sources:
        if cfg.base_url:
            client.allow_host(urlsplit(cfg.base_url).hostname or "")
    try:
        results = [r for cfg in settings.sources for r in collector(cfg.kind)(client, cfg, date.today())]
    finally:
        client.close()
    assert results == []
