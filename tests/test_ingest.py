"""Collecting a source: a site that fails wholesale fails its asset with one clear line, while one
bad document among good ones only lands in ingest_errors."""

from __future__ import annotations

import pytest
from support import query, run_graph
from werkzeug import Response

from pipeline.cli import root_cause

try:
    from tests.fixture_sites import FakeSite, running_server
except ImportError:
    from fixture_sites import FakeSite, running_server


@pytest.fixture(scope="module")
def server():
    yield from running_server()


def _config(tmp_path, base_url):
    config = tmp_path / "sources.yaml"
    config.write_text(f"http:\n  rate_limit: 0\n  backoff_base: 0.01\n  max_attempts: 2\n"
                      f"sources:\n  - name: watch\n    kind: migrationwatch\n    base_url: {base_url}\n"
                      f"    max_pages: 2\n")
    return config


def test_a_site_down_fails_its_asset_with_one_clear_line(tmp_path, server):
    site = FakeSite(server)
    site.route("/press-releases", lambda request: Response("down for maintenance", status=503))
    result = run_graph(_config(tmp_path, site.url()), tmp_path / "w.duckdb", target="live")
    assert not result.success
    (failure,) = [e for e in result.all_events if e.is_step_failure]
    assert failure.step_key == "raw__watch"
    message = root_cause(failure.step_failure_data.error)
    assert "source 'watch': all" in message and "http_503" in message
    assert not (tmp_path / "w.duckdb").exists()  # nothing half-built was published


def test_one_missing_article_is_recorded_and_the_rest_load(tmp_path, server):
    site = FakeSite(server)
    links = "".join(f'<a href="/press-release/{i}/r-{i}">Release {i}</a>' for i in (2, 1))
    site.route("/press-releases", f'<html><body><div class="middleColumn">{links}</div></body></html>')
    site.route("/press-release/2/r-2", '<html><body><div class="mainColumn"><h1>Two</h1><div class="article">'
                                       '<p><em>March 1, 2022</em></p><p>We reported 120 accounts to X.</p>'
                                       '</div></div></body></html>')
    result = run_graph(_config(tmp_path, site.url()), tmp_path / "w.duckdb", target="live")
    assert result.success
    path = tmp_path / "w.duckdb"
    assert query(path, "SELECT stage, error, attempts FROM ingest_errors") == [("fetch", "http_404", 1)]
    assert [r[0] for r in query(path, "SELECT title FROM documents")] == ["Two"]
