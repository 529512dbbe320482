"""Incremental by content and code version: an unchanged site costs only conditional requests,
and a new parser version re-processes every document from the raw store without any request."""

from __future__ import annotations

import hashlib

import dagster as dg
import duckdb
import pytest
from werkzeug import Request, Response

from assets.definitions import build_definitions

try:
    from tests.fixture_sites import FakeSite, running_server
except ImportError:
    from fixture_sites import FakeSite, running_server

RELEASES = {
    623: ("November 10, 2020", "Between January and May 2020 the agency referred 1,218 pages to Facebook."),
    598: ("September 3, 2020", "Some 3,000 crossings were stopped; over 40 accounts were reported to TikTok."),
}


@pytest.fixture(scope="module")
def server():
    yield from running_server()


class CountingSite:
    """Migration Watch-shaped pages served with ETags, answering If-None-Match with 304."""

    def __init__(self, server):
        self.site = FakeSite(server)
        self.full_bodies: list[str] = []
        self.site.route("/press-releases", self._page(self._listing()))
        for i, (day, sentence) in RELEASES.items():
            html = (f'<html><body><div class="mainColumn"><h1>Release {i}</h1><div class="article">'
                    f"<p><em>{day}</em></p><p>{sentence}</p></div></div></body></html>")
            self.site.route(f"/press-release/{i}/release-{i}", self._page(html))

    @staticmethod
    def _listing() -> str:
        links = "".join(f'<a href="/press-release/{i}/release-{i}">Release {i}</a>' for i in RELEASES)
        return f'<html><body><div class="middleColumn">{links}</div></body></html>'

    def _page(self, html: str):
        etag = '"' + hashlib.sha256(html.encode()).hexdigest()[:12] + '"'

        def handler(request: Request) -> Response:
            if request.headers.get("If-None-Match") == etag:
                return Response(status=304, headers={"ETag": etag})
            self.full_bodies.append(request.path)
            return Response(html, headers={"ETag": etag, "Content-Type": "text/html; charset=utf-8"})

        return handler

    @property
    def requests(self) -> int:
        return len(self.site.requests)


def _setup(tmp_path, site):
    config = tmp_path / "sources.yaml"
    config.write_text(f"http:\n  rate_limit: 0\nsources:\n  - name: watch\n    kind: migrationwatch\n"
                      f"    base_url: {site.site.url()}\n    max_pages: 1\n")
    return build_definitions(str(config), "live", str(tmp_path / "evidence.duckdb"), workers=1,
                             quality_check=False)


def _documents(tmp_path):
    con = duckdb.connect(str(tmp_path / "evidence.duckdb"), read_only=True)
    try:
        return con.execute("SELECT url, content_sha256, parser_version, processed_at FROM documents "
                           "ORDER BY url").fetchall()
    finally:
        con.close()


def test_second_run_revalidates_without_downloading_or_reparsing(tmp_path, server):
    site = CountingSite(server)
    defs = _setup(tmp_path, site)
    job = defs.resolve_implicit_global_asset_job_def()
    with dg.DagsterInstance.ephemeral() as instance:
        assert job.execute_in_process(instance=instance).success
        first = _documents(tmp_path)
        assert len(first) == 2
        downloaded = list(site.full_bodies)
        assert job.execute_in_process(instance=instance).success
    assert site.full_bodies == downloaded  # every second-run request was answered 304
    assert _documents(tmp_path) == first  # nothing re-parsed: processed_at unchanged


def test_new_parser_version_reprocesses_from_the_raw_store_without_requests(tmp_path, server, monkeypatch):
    site = CountingSite(server)
    defs = _setup(tmp_path, site)
    with dg.DagsterInstance.ephemeral() as instance:
        assert defs.resolve_implicit_global_asset_job_def().execute_in_process(instance=instance).success
        before = _documents(tmp_path)
        requests_before = site.requests
        monkeypatch.setattr("pipeline.process.PARSER_VERSION", "bumped-for-test")
        downstream = [k for k in defs.resolve_asset_graph().get_all_asset_keys() if k.path[0] != "raw"]
        result = defs.resolve_implicit_global_asset_job_def().execute_in_process(
            instance=instance, asset_selection=downstream)
        assert result.success
    assert site.requests == requests_before  # not one HTTP request
    after = _documents(tmp_path)
    assert [r[2] for r in after] == ["bumped-for-test"] * 2
    assert [r[:2] for r in after] == [r[:2] for r in before]
    assert all(a[3] > b[3] for a, b in zip(after, before, strict=True))


def test_launchpad_config_is_validated_with_a_clear_message(tmp_path, server):
    site = CountingSite(server)
    defs = _setup(tmp_path, site)
    job = defs.resolve_implicit_global_asset_job_def()
    bad = {"ops": {"raw__watch": {"config": {"since": "2021-02-30"}}}}
    with dg.DagsterInstance.ephemeral() as instance, pytest.raises(Exception, match="not an ISO date"):
        job.execute_in_process(instance=instance, run_config=bad)
    backwards = {"ops": {"raw__watch": {"config": {"since": "2021-03-01", "until": "2020-01-01"}}}}
    with dg.DagsterInstance.ephemeral() as instance, pytest.raises(Exception, match="is after until"):
        job.execute_in_process(instance=instance, run_config=backwards)
    assert site.requests == 0


def test_backfill_window_keeps_only_documents_published_in_it(tmp_path, server):
    site = CountingSite(server)
    defs = _setup(tmp_path, site)
    window = {"ops": {"raw__watch": {"config": {"since": "2020-09-01", "until": "2020-09-30"}}}}
    with dg.DagsterInstance.ephemeral() as instance:
        assert defs.resolve_implicit_global_asset_job_def().execute_in_process(
            instance=instance, run_config=window).success
    assert [r[0].rsplit("/", 2)[1] for r in _documents(tmp_path)] == ["598"]
