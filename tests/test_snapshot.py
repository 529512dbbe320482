"""Replay through the real HTTP client: the demo's code path, with the snapshot as transport."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import requests

from pipeline.config import HttpSettings
from pipeline.http import FetchError, HttpClient
from pipeline.raw import RawStore
from pipeline.snapshot import SnapshotAdapter, match_key

API = "https://committees-api.parliament.uk/api/WrittenEvidence?CommitteeId=83&Skip=0&Take=30"
DOC = "https://committees.parliament.uk/writtenevidence/12615/html/"


def write_snapshot(root: Path, extra: list[dict] | None = None) -> Path:
    files = {
        "api/list-0.json": json.dumps({"items": [{"id": 12615}], "totalResults": 1}).encode(),
        "site/12615.html": b"<html><body>Written evidence</body></html>",
        "site/robots.txt": b"User-agent: *\nDisallow: /private/\n",
        "site/big.html.gz": gzip.compress(b"a" * 200_000),
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    responses = [
        {"url": API, "status": 200, "headers": {"Content-Type": "application/json; charset=utf-8"},
         "body": "api/list-0.json"},
        {"url": DOC, "status": 200, "headers": {"Content-Type": "text/html", "ETag": '"doc-v1"'},
         "body": "site/12615.html"},
        {"url": "https://committees.parliament.uk/robots.txt", "status": 200,
         "headers": {"Content-Type": "text/plain"}, "body": "site/robots.txt"},
        {"url": "https://committees.parliament.uk/private/x", "status": 200, "body": "site/12615.html"},
        {"url": "https://committees.parliament.uk/big", "status": 200,
         "headers": {"Content-Encoding": "gzip"}, "body": "site/big.html.gz"},
        {"url": "https://committees.parliament.uk/moved", "status": 301, "headers": {"Location": DOC}},
        *(extra or []),
    ]
    (root / "manifest.json").write_text(json.dumps({"responses": responses}))
    return root


def client_for(root: Path, raw: RawStore | None = None, **overrides) -> HttpClient:
    settings = HttpSettings(rate_limit=0.0, backoff_base=0.01, **overrides)
    return HttpClient(settings, raw=raw, transport=SnapshotAdapter(root),
                      allowed_hosts=["committees-api.parliament.uk", "committees.parliament.uk"])


def test_replay_matches_query_in_any_order(tmp_path):
    client = client_for(write_snapshot(tmp_path))
    resp = client.get("https://committees-api.parliament.uk/api/WrittenEvidence",
                      params={"Take": 30, "CommitteeId": 83, "Skip": 0})
    assert resp.json() == {"items": [{"id": 12615}], "totalResults": 1}
    assert resp.status == 200 and resp.headers["content-type"].startswith("application/json")


def test_query_is_a_multiset():
    assert match_key("https://h/p?a=1&a=2&b=") == match_key("https://H/p?b=&a=2&a=1")
    assert match_key("https://h/p?a=1") != match_key("https://h/p?a=1&a=1")
    assert match_key("https://h/p?a=1") != match_key("https://h/q?a=1")
    assert match_key("https://h/p?a=1") != match_key("http://h/p?a=1")


def test_unknown_url_is_404(tmp_path):
    client = client_for(write_snapshot(tmp_path))
    with pytest.raises(FetchError) as err:
        client.get("https://committees.parliament.uk/writtenevidence/1/html/")
    assert err.value.reason == "http_404"
    with pytest.raises(FetchError, match="http_404"):
        client.get(API + "&Extra=1")


def test_adapter_answers_like_a_server(tmp_path):
    session = requests.Session()
    session.mount("https://", SnapshotAdapter(write_snapshot(tmp_path)))
    missing = session.get("https://committees.parliament.uk/nothing")
    assert (missing.status_code, missing.content) == (404, b"")
    resp = session.get(DOC, stream=True)
    assert b"".join(resp.iter_content(7)) == b"<html><body>Written evidence</body></html>"
    assert resp.headers["Content-Length"] == "42" and resp.url == DOC
    assert session.get(DOC, headers={"If-None-Match": '"doc-v1"'}).status_code == 304
    assert session.get(DOC, headers={"If-None-Match": 'W/"doc-v1", "other"'}).status_code == 304
    assert session.get(DOC, headers={"If-None-Match": '"doc-v0"'}).status_code == 200


def test_second_run_revalidates_with_304(tmp_path):
    root = write_snapshot(tmp_path / "snap")
    raw = RawStore(tmp_path / "raw")
    first = client_for(root, raw).get(DOC)
    again = client_for(root, raw)  # a new run: new client, same raw store
    second = again.get(DOC)
    assert not first.from_cache and second.from_cache
    assert second.content == first.content and second.sha256 == first.sha256
    assert [e.status for e in again.log if e.url == DOC] == [304]


def test_robots_and_redirects_apply_in_replay(tmp_path):
    client = client_for(write_snapshot(tmp_path))
    with pytest.raises(FetchError, match="robots_disallowed"):
        client.get("https://committees.parliament.uk/private/x")
    resp = client.get("https://committees.parliament.uk/moved")
    assert resp.url == DOC and resp.content.startswith(b"<html>")


def test_size_caps_apply_in_replay(tmp_path):
    root = write_snapshot(tmp_path)
    assert client_for(root).get("https://committees.parliament.uk/big").content == b"a" * 200_000
    with pytest.raises(FetchError, match="too_large"):
        client_for(root, max_decompressed_bytes=100_000).get("https://committees.parliament.uk/big")


@pytest.mark.parametrize(("entry", "message"), [
    ({"url": DOC, "body": "site/12615.html"}, "already in the manifest"),
    ({"url": "https://x/a", "body": "missing.json"}, "missing or outside"),
    ({"url": "https://x/a", "body": "../outside.txt"}, "missing or outside"),
    ({"url": "https://x/a", "status": "200"}, "not an HTTP status"),
    ({"status": 200}, "'url'"),
])
def test_bad_manifest_entries_fail_at_load(tmp_path, entry, message):
    (tmp_path / "outside.txt").write_text("x")
    root = write_snapshot(tmp_path / "snap", extra=[entry])
    with pytest.raises(ValueError, match=message) as err:
        SnapshotAdapter(root)
    assert "responses[6]" in str(err.value)


def test_unreadable_manifest(tmp_path):
    with pytest.raises(ValueError, match="cannot read the snapshot manifest"):
        SnapshotAdapter(tmp_path)
    (tmp_path / "manifest.json").write_text("[]")
    with pytest.raises(ValueError, match="responses"):
        SnapshotAdapter(tmp_path)
