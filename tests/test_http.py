"""The HTTP client against real HTTP servers on 127.0.0.1 (pytest-httpserver, threaded)."""

from __future__ import annotations

import gzip
import socket
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WResponse

from pipeline.config import HttpSettings
from pipeline.http import FetchError, HttpClient
from pipeline.raw import RawStore


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


@pytest.fixture(autouse=True)
def _clean(server: HTTPServer) -> Iterator[None]:
    server.clear()
    yield
    server.clear()


def settings(**overrides) -> HttpSettings:
    base = dict(rate_limit=0.0, max_attempts=3, backoff_base=0.01, backoff_max=2.0,
                connect_timeout=2.0, read_timeout=2.0)
    base.update(overrides)
    return HttpSettings(**base)


@pytest.fixture
def make_client(server: HTTPServer, tmp_path) -> Iterator[Callable[..., HttpClient]]:
    """A client allowed to reach the test server; robots.txt is a 404 unless the test set one."""
    clients: list[HttpClient] = []

    def make(*, robots: bool = True, raw: bool = False, sleep=time.sleep, clock=time.monotonic,
             **overrides) -> HttpClient:
        if robots:
            server.expect_request("/robots.txt").respond_with_data("", status=404)
        store = RawStore(tmp_path / "raw") if raw else None
        client = HttpClient(settings(**overrides), raw=store, allowed_hosts=["127.0.0.1"],
                            sleep=sleep, clock=clock)
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.close()


def stamped(times: list[float], respond: Callable[[Request, int], WResponse]) -> Callable[[Request], WResponse]:
    """A handler that notes when each request arrived (server side) and its position."""
    def handler(request: Request) -> WResponse:
        times.append(time.monotonic())
        return respond(request, len(times))
    return handler


def page_requests(client: HttpClient) -> list:
    return [e for e in client.log if not e.url.endswith("/robots.txt")]


# -- retries ----------------------------------------------------------------------------------

def test_429_retry_after_is_waited_then_succeeds(server, make_client):
    times: list[float] = []

    def respond(_req, n):
        if n == 1:
            return WResponse("slow down", status=429, headers={"Retry-After": "1"})
        return WResponse("ok", status=200)

    server.expect_request("/limited").respond_with_handler(stamped(times, respond))
    client = make_client(backoff_base=0.01)
    resp = client.get(server.url_for("/limited"))
    assert resp.content == b"ok" and resp.attempts == 2
    assert times[1] - times[0] >= 1.0  # the server asked for a second and got it
    assert [(e.status, e.error) for e in page_requests(client)] == [(429, "http_429"), (200, None)]


def test_retry_after_http_date_is_capped_at_backoff_max(server, make_client):
    sleeps: list[float] = []
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    calls = iter([WResponse("", status=503, headers={"Retry-After": later}), WResponse("fine")])
    server.expect_request("/busy").respond_with_handler(lambda _r: next(calls))
    client = make_client(sleep=sleeps.append, backoff_max=5.0)
    assert client.get(server.url_for("/busy")).content == b"fine"
    assert sleeps == [5.0]


def test_500_burst_then_success(server, make_client):
    times: list[float] = []
    server.expect_request("/flaky").respond_with_handler(
        stamped(times, lambda _r, n: WResponse("boom", status=500) if n <= 2 else WResponse("done")))
    client = make_client(max_attempts=4)
    resp = client.get(server.url_for("/flaky"))
    assert resp.content == b"done" and resp.attempts == 3 and len(times) == 3


def test_500_forever_gives_up_after_max_attempts_with_growing_jittered_backoff(server, make_client):
    times: list[float] = []
    server.expect_request("/down").respond_with_handler(stamped(times, lambda _r, n: WResponse("", status=500)))
    sleeps: list[float] = []
    client = make_client(max_attempts=4, backoff_base=0.01, sleep=sleeps.append)
    with pytest.raises(FetchError) as err:
        client.get(server.url_for("/down"))
    assert err.value.reason == "http_500" and err.value.attempts == 4 and len(times) == 4
    assert len(page_requests(client)) == 4
    assert len(sleeps) == 3
    for i, delay in enumerate(sleeps):  # base * 2^i, jittered into its upper half
        assert 0.01 * 2**i * 0.5 <= delay <= 0.01 * 2**i


def test_other_4xx_fails_at_once(server, make_client):
    server.expect_request("/gone").respond_with_data("", status=410)
    client = make_client()
    with pytest.raises(FetchError) as err:
        client.get(server.url_for("/gone"))
    assert (err.value.reason, err.value.attempts) == ("http_410", 1)
    assert [e.status for e in page_requests(client)] == [410]


def test_slow_response_past_read_timeout(server, make_client):
    def slow(_req):
        time.sleep(0.6)
        return WResponse("late")

    server.expect_request("/slow").respond_with_handler(slow)
    client = make_client(read_timeout=0.2, max_attempts=2)
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        client.get(server.url_for("/slow"))
    assert (err.value.reason, err.value.attempts) == ("timeout", 2)
    assert time.monotonic() - started < 1.5  # gave up on the timeout, did not wait for the body


def test_connection_refused_is_retried_and_robots_failure_recorded(make_client):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = make_client(robots=False, max_attempts=2)
    with pytest.raises(FetchError) as err:
        client.get(f"http://127.0.0.1:{port}/x")
    assert (err.value.reason, err.value.attempts) == ("connection", 2)
    assert client.robots_notes == {f"http://127.0.0.1:{port}": "connection: treated as allow-all"}


# -- hosts and redirects ------------------------------------------------------------------------

def test_host_not_allowed_sends_nothing(server, make_client):
    client = make_client()
    with pytest.raises(FetchError) as err:
        client.get(f"http://localhost:{server.port}/x")
    assert err.value.reason == "host_not_allowed" and client.log == []


def test_redirect_within_allowlist_is_followed(server, make_client):
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new?x=1"})
    server.expect_request("/new", query_string="x=1").respond_with_data("moved here")
    client = make_client()
    resp = client.get(server.url_for("/old"))
    assert resp.content == b"moved here" and resp.url == server.url_for("/new?x=1") and resp.attempts == 2


def test_redirect_to_another_host_is_refused(server, make_client):
    target = f"http://localhost:{server.port}/elsewhere"
    server.expect_request("/hop").respond_with_data("", status=302, headers={"Location": target})
    server.expect_request("/elsewhere").respond_with_data("should not be fetched")
    client = make_client()
    with pytest.raises(FetchError) as err:
        client.get(server.url_for("/hop"))
    assert err.value.reason == "redirect_off_allowlist" and target in err.value.detail
    assert not any(r.path == "/elsewhere" for r, _ in server.log)


def test_redirect_loop_is_bounded(server, make_client):
    server.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    client = make_client()
    with pytest.raises(FetchError) as err:
        client.get(server.url_for("/loop"))
    assert err.value.reason == "too_many_redirects" and err.value.attempts == 6


# -- size caps ----------------------------------------------------------------------------------

def test_oversized_body_refused_on_content_length(server, make_client):
    server.expect_request("/big").respond_with_data(b"x" * 5000)
    client = make_client(max_bytes=1000)
    with pytest.raises(FetchError) as err:
        client.get(server.url_for("/big"))
    assert err.value.reason == "too_large" and "Content-Length 5000" in err.value.detail
    assert err.value.attempts == 1


def test_oversized_chunked_body_refused_while_streaming(server, make_client):
    def chunked(_req):
        return WResponse((b"y" * 10_000 for _ in range(50)), headers={"Content-Type": "text/plain"})

    server.expect_request("/stream").respond_with_handler(chunked)
    client = make_client(max_bytes=100_000)
    with pytest.raises(FetchError) as err:
        client.get(server.url_for("/stream"))
    assert err.value.reason == "too_large" and "Content-Length" not in err.value.detail
    request_log = [r for r, _ in server.log if r.path == "/stream"]
    assert len(request_log) == 1


def test_body_within_limits_is_read_whole(server, make_client):
    server.expect_request("/stream").respond_with_handler(lambda _r: WResponse(b"z" * 1000 for _ in range(50)))
    client = make_client(max_bytes=100_000)
    resp = client.get(server.url_for("/stream"))
    assert resp.content == b"z" * 50_000
    assert resp.headers.get("transfer-encoding") == "chunked" and "content-length" not in resp.headers


def test_gzip_bomb_refused_on_decompressed_size(server, make_client):
    bomb = gzip.compress(b"\0" * 20_000_000)
    assert len(bomb) < 100_000
    server.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    client = make_client(max_bytes=1_000_000, max_decompressed_bytes=2_000_000)
    with pytest.raises(FetchError) as err:
        client.get(server.url_for("/bomb"))
    assert err.value.reason == "too_large" and "decompressed" in err.value.detail


def test_gzip_body_is_decoded(server, make_client):
    server.expect_request("/gz").respond_with_data(gzip.compress(b"hello " * 100),
                                                   headers={"Content-Encoding": "gzip"})
    client = make_client()
    assert client.get(server.url_for("/gz")).content == b"hello " * 100


# -- robots.txt ---------------------------------------------------------------------------------

def test_robots_disallow_obeyed_and_fetched_once(server, make_client):
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /\n\nUser-agent: evidence-pipeline\nDisallow: /private\n")
    server.expect_request("/public").respond_with_data("open")
    client = make_client(robots=False)
    for _ in range(5):
        assert client.get(server.url_for("/public")).content == b"open"
    with pytest.raises(FetchError) as err:
        client.get(server.url_for("/private/report"))
    assert err.value.reason == "robots_disallowed"
    assert sum(r.path == "/robots.txt" for r, _ in server.log) == 1
    assert not any(r.path.startswith("/private") for r, _ in server.log)


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (410, True), (401, False), (403, False),
                                                 (500, True)])
def test_robots_status_policy(server, make_client, status, allowed):
    server.expect_request("/robots.txt").respond_with_data("", status=status)
    server.expect_request("/doc").respond_with_data("doc")
    client = make_client(robots=False)
    if allowed:
        assert client.get(server.url_for("/doc")).content == b"doc"
    else:
        with pytest.raises(FetchError, match="robots_disallowed"):
            client.get(server.url_for("/doc"))
    origin = server.url_for("/").rstrip("/")
    assert (origin in client.robots_notes) == (status >= 500)


def test_robots_ignored_when_settings_say_so(server, make_client):
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /\n")
    server.expect_request("/doc").respond_with_data("doc")
    client = make_client(robots=False, respect_robots=False)
    assert client.get(server.url_for("/doc")).content == b"doc"


class FakeTime:
    """A clock that only moves when the client sleeps, so waits can be read off exactly."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def test_crawl_delay_raises_the_interval(server, make_client):
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 3\n")
    server.expect_request("/doc").respond_with_data("doc")
    t = FakeTime()
    client = make_client(robots=False, rate_limit=2.0, sleep=t.sleep, clock=t.clock)
    for _ in range(3):
        client.get(server.url_for("/doc"))
    # the first page follows robots.txt at the configured 0.5 s; after that the site's 3 s holds
    assert t.sleeps == [0.5, 3.0, 3.0]


# -- rate limit ---------------------------------------------------------------------------------

def test_rate_limit_schedule_with_injected_clock(server, make_client):
    server.expect_request("/doc").respond_with_data("doc")
    t = FakeTime()
    client = make_client(rate_limit=4.0, sleep=t.sleep, clock=t.clock)
    for _ in range(4):
        client.get(server.url_for("/doc"))
    assert t.sleeps == [0.25] * 4  # robots.txt first, then each page one interval later
    starts = [e.started for e in client.log]
    assert [b - a for a, b in zip(starts, starts[1:], strict=False)] == [0.25] * 4


def test_rate_limit_zero_means_unlimited(server, make_client):
    server.expect_request("/doc").respond_with_data("doc")
    t = FakeTime()
    client = make_client(rate_limit=0.0, sleep=t.sleep, clock=t.clock)
    for _ in range(5):
        client.get(server.url_for("/doc"))
    assert t.sleeps == []


def test_rate_limit_held_on_the_server_side(server, make_client):
    times: list[float] = []
    server.expect_request("/robots.txt").respond_with_handler(stamped(times, lambda _r, _n: WResponse("", 404)))
    server.expect_request("/doc").respond_with_handler(stamped(times, lambda _r, _n: WResponse("doc")))
    client = make_client(robots=False, rate_limit=5.0)
    for _ in range(5):
        client.get(server.url_for("/doc"))
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(gaps) == 5
    # 5 req/s: every gap one interval, bar the thread-scheduling noise of a loaded test machine,
    # and over the whole run no faster than the limit
    assert min(gaps) >= 0.18, gaps
    assert times[-1] - times[0] >= 5 * 0.2 - 0.01, gaps


def test_per_host_rate_override(server, make_client):
    server.expect_request("/doc").respond_with_data("doc")
    t = FakeTime()
    client = make_client(rate_limit=1.0, sleep=t.sleep, clock=t.clock)
    client.allow_host("127.0.0.1", rate_limit=10.0)
    for _ in range(3):
        client.get(server.url_for("/doc"))
    assert t.sleeps == [0.1] * 3


# -- conditional GET and the raw store ---------------------------------------------------------

def test_conditional_get_answers_304_from_the_raw_store(server, make_client):
    seen: list[dict] = []
    body = b"<html>unchanged document</html>"

    def respond(request: Request) -> WResponse:
        seen.append(dict(request.headers))
        if request.headers.get("If-None-Match") == '"v1"':
            return WResponse(status=304, headers={"ETag": '"v1"'})
        return WResponse(body, headers={"ETag": '"v1"', "Content-Type": "text/html; charset=utf-8"})

    server.expect_request("/doc").respond_with_handler(respond)
    client = make_client(raw=True)
    first = client.get(server.url_for("/doc"))
    second = client.get(server.url_for("/doc"))
    assert not first.from_cache and second.from_cache
    assert second.content == first.content == body and second.sha256 == first.sha256
    assert second.status == 200 and second.headers["content-type"].startswith("text/html")
    assert "If-None-Match" not in seen[0] and seen[1]["If-None-Match"] == '"v1"'
    assert [e.status for e in page_requests(client)] == [200, 304]
    assert client.raw is not None and client.raw.last(server.url_for("/doc")).fetched_at == second.fetched_at
    unconditional = client.get(server.url_for("/doc"), conditional=False)
    assert not unconditional.from_cache and "If-None-Match" not in seen[2]


def test_conditional_get_with_last_modified(server, make_client):
    stamp = "Wed, 07 Oct 2020 09:00:00 GMT"

    def respond(request: Request) -> WResponse:
        if request.headers.get("If-Modified-Since") == stamp:
            return WResponse(status=304)
        return WResponse("v", headers={"Last-Modified": stamp})

    server.expect_request("/lm").respond_with_handler(respond)
    client = make_client(raw=True)
    assert not client.get(server.url_for("/lm")).from_cache
    assert client.get(server.url_for("/lm")).from_cache


def test_raw_store_keyed_by_full_url_with_query(server, make_client):
    server.expect_request("/api", query_string="a=1&b=2").respond_with_data("{\"n\": 1}", headers={"ETag": "x"})
    client = make_client(raw=True)
    resp = client.get(server.url_for("/api"), params={"a": 1, "b": 2})
    assert resp.json() == {"n": 1}
    record = client.raw.last(server.url_for("/api?a=1&b=2"))
    assert record is not None and record.sha256 == resp.sha256 and record.etag == "x"
    assert client.raw.get_blob(record.sha256) == b"{\"n\": 1}"
    assert client.raw.last(server.url_for("/api")) is None


def test_user_agent_names_project_and_contact(server, make_client):
    agents: list[str] = []
    server.expect_request("/ua").respond_with_handler(
        lambda r: agents.append(r.headers.get("User-Agent", "")) or WResponse("ok"))
    client = make_client()
    client.get(server.url_for("/ua"))
    assert agents == [HttpSettings().user_agent_header]
    assert "evidence-pipeline" in agents[0] and "@" in agents[0]


def test_text_uses_declared_charset(server, make_client):
    server.expect_request("/latin").respond_with_data("café".encode("latin-1"),
                                                      content_type="text/plain; charset=ISO-8859-1")
    client = make_client()
    assert client.get(server.url_for("/latin")).text == "café"


def test_bad_url_and_bad_host_name():
    client = HttpClient(settings(), allowed_hosts=["example.org"])
    with pytest.raises(FetchError, match="bad_url"):
        client.get("ftp://example.org/file")
    with pytest.raises(ValueError):
        client.allow_host("")
    with pytest.raises(ValueError):
        client.allow_host("example.org", rate_limit=-1)
