"""The one HTTP client every source uses, live or replayed: polite to the sites it reads.

What a site operator sees from it, and why:

- A User-Agent naming the project and a contact address (`HttpSettings.user_agent_header`).
- At most `rate_limit` requests per second per host (overridable per host with `allow_host`),
  raised to the site's robots.txt `Crawl-delay` / `Request-rate` when those ask for slower.
- robots.txt fetched once per origin per client, through the same transport and rate limit, and
  obeyed for our User-Agent. 404/410 (any 4xx but 401/403) mean no rules: allow all. 401/403
  mean the site keeps its rules from us: disallow all. A 5xx, a 429 or no answer is treated as
  allow-all but recorded in `robots_notes` and logged: the sites we read are public-sector
  publishers under open licences, we stay rate limited, and a flaky robots.txt should not silently
  empty a daily run (RFC 9309 would disallow instead; this is a deliberate, visible choice).
  robots.txt is fetched with one attempt and no conditional GET, and read by `pipeline.robots`
  (RFC 9309: `*` and `$` in rules, longest match wins, groups chosen by our product token).
- Retries only where a retry can help (connection errors, timeouts, 429, 5xx), at most
  `max_attempts` per URL, with exponential backoff and jitter, waiting what `Retry-After` asks
  (seconds or an HTTP date, capped at `backoff_max`). Other 4xx fail at once.
- Conditional GET against the raw store, so an unchanged document costs a 304 and no body.
- Caps on the bytes read from the wire (`max_bytes`, checked on Content-Length up front and while
  streaming) and on the decompressed size (`max_decompressed_bytes`), against gzip bombs.
  For an uncompressed body the decoded length is the wire length; for a compressed chunked body
  urllib3 does not count wire bytes, and the decompressed cap bounds it instead.
- Only allow-listed hosts, and redirects (followed by hand, at most 5) cannot leave the list.

A 304 is returned as the stored response: `status` is the stored status (200), `from_cache` is
True, `content` the stored bytes, `fetched_at` the time the server confirmed them current.
Header names in `Response.headers` are lower-cased so that lookups do not depend on the server.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import BaseAdapter
from urllib3.exceptions import ReadTimeoutError

from pipeline import robots
from pipeline.config import HttpSettings
from pipeline.raw import RawRecord, RawStore

log = logging.getLogger(__name__)

MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024


class FetchError(Exception):
    """A URL that could not be fetched. `reason` is short and machine-readable (http_404, timeout,
    connection, too_large, robots_disallowed, host_not_allowed, redirect_off_allowlist, ...)."""

    def __init__(self, url: str, reason: str, detail: str = "", attempts: int = 0):
        self.url, self.reason, self.detail, self.attempts = url, reason, detail, attempts
        message = f"{reason}: {url}"
        if detail:
            message += f" ({detail})"
        if attempts:
            message += f" after {attempts} attempt{'s' if attempts != 1 else ''}"
        super().__init__(message)


@dataclass
class RequestLog:
    """One request sent (an attempt, a redirect hop or a robots.txt fetch)."""

    url: str
    status: int | None  # None when no response came back
    error: str | None  # a FetchError reason when the attempt failed
    started: float  # the client's clock (monotonic)
    elapsed: float
    attempt: int


@dataclass
class Response:
    url: str  # the final URL, after redirects
    status: int
    headers: dict[str, str]  # names lower-cased
    content: bytes
    sha256: str
    fetched_at: datetime
    attempts: int  # requests sent for this URL, retries and redirect hops included
    from_cache: bool  # True when a 304 was answered from the raw store

    def json(self) -> Any:
        return json.loads(self.content)

    @property
    def text(self) -> str:
        return self.content.decode(_charset(self.headers.get("content-type", "")), errors="replace")


def _charset(content_type: str) -> str:
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            try:
                return codecs.lookup(value.strip().strip('"')).name
            except LookupError:
                break
    return "utf-8"


@dataclass
class _Answer:
    """What one request returned, body already read (and capped) for 2xx."""

    url: str
    status: int
    headers: dict[str, str]
    content: bytes


class _Failure(Exception):
    def __init__(self, reason: str, detail: str, retryable: bool):
        super().__init__(reason)
        self.reason, self.detail, self.retryable = reason, detail, retryable


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class HttpClient:
    def __init__(self, settings: HttpSettings, raw: RawStore | None = None,
                 transport: BaseAdapter | None = None, allowed_hosts: Iterable[str] = (),
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.settings = settings
        self.raw = raw
        self.sleep = sleep
        self.clock = clock
        self.log: list[RequestLog] = []
        self.robots_notes: dict[str, str] = {}  # origin -> why its robots.txt was not used as written
        self._allowed: set[str] = set()
        self._rate: dict[str, float] = {}  # host -> requests per second, where overridden
        self._crawl_delay: dict[str, float] = {}  # host -> seconds asked by robots.txt
        self._next_slot: dict[str, float] = {}
        self._robots: dict[str, robots.RobotsRules | bool] = {}  # origin -> parser, or allow/deny all
        self._lock = threading.Lock()
        self._robots_lock = threading.Lock()
        self._random = random.Random()
        for host in [*settings.allowed_hosts, *allowed_hosts]:
            self.allow_host(host)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = settings.user_agent_header
        if transport is not None:
            self.session.mount("http://", transport)
            self.session.mount("https://", transport)

    def allow_host(self, host: str, rate_limit: float | None = None) -> None:
        """Accepts a bare host name or host:port (the port is ignored: limits are per host)."""
        name = (urlsplit(f"//{host.strip()}").hostname or "").lower()
        if not name:
            raise ValueError(f"not a host name: {host!r}")
        if rate_limit is not None and rate_limit < 0:
            raise ValueError(f"rate_limit for {name} must be >= 0 requests per second, not {rate_limit}")
        self._allowed.add(name)
        if rate_limit is not None:
            self._rate[name] = rate_limit

    def close(self) -> None:
        self.session.close()

    def get(self, url: str, params: dict | None = None, *, conditional: bool = True) -> Response:
        try:
            full = requests.Request("GET", url, params=params).prepare().url or url
        except requests.RequestException as e:
            raise FetchError(url, "bad_url", str(e)) from None
        if urlsplit(full).scheme not in ("http", "https"):
            raise FetchError(full, "bad_url", "only http and https URLs are fetched")
        if _host(full) not in self._allowed:
            raise FetchError(full, "host_not_allowed", f"{_host(full)} is not in the allow-list")
        return self._fetch(full, conditional=conditional, robots=True, retry=True, store=True)

    # -- one URL, following redirects ---------------------------------------------------------

    def _fetch(self, url: str, *, conditional: bool, robots: bool, retry: bool, store: bool) -> Response:
        attempts = 0
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            if robots and not self._robots_allow(current):
                raise FetchError(current, "robots_disallowed",
                                 f"robots.txt of {_host(current)} disallows it for our User-Agent", attempts)
            stored = self._stored(current) if conditional else None
            answer, attempts = self._send(current, stored, retry=retry, prior=attempts)
            if answer.status in REDIRECT_STATUSES:
                location = answer.headers.get("location")
                if not location:
                    raise FetchError(current, f"http_{answer.status}", "redirect without Location", attempts)
                target = urljoin(current, location)
                if urlsplit(target).scheme not in ("http", "https") or _host(target) not in self._allowed:
                    raise FetchError(url, "redirect_off_allowlist", f"{current} redirects to {target}",
                                     attempts)
                current = target
                continue
            now = datetime.now(UTC)
            if answer.status == 304:
                if stored is None:
                    raise FetchError(current, "http_304", "304 to a request that was not conditional",
                                     attempts)
                return self._revalidated(url, answer, stored, attempts, now)
            sha256 = hashlib.sha256(answer.content).hexdigest()
            if store and self.raw is not None:
                self.raw.put_blob(answer.content)
                for key in {url, current}:
                    self.raw.record(key, status=answer.status, headers=answer.headers, sha256=sha256,
                                    fetched_at=now)
            return Response(url=current, status=answer.status, headers=answer.headers, content=answer.content,
                            sha256=sha256, fetched_at=now, attempts=attempts, from_cache=False)
        raise FetchError(url, "too_many_redirects", f"more than {MAX_REDIRECTS} redirects", attempts)

    def _stored(self, url: str) -> RawRecord | None:
        """A stored response usable for a conditional request: it has a validator and its bytes."""
        if self.raw is None:
            return None
        record = self.raw.last(url)
        if record is None or not (record.etag or record.last_modified):
            return None
        return record if self.raw.has_blob(record.sha256) else None

    def _revalidated(self, url: str, answer: _Answer, stored: RawRecord, attempts: int,
                     now: datetime) -> Response:
        # A 304 may carry fresher validators and caching headers (RFC 9111 4.3.4): keep them.
        headers = {k.lower(): v for k, v in stored.headers.items()}
        headers.update({k: v for k, v in answer.headers.items() if k in
                        ("etag", "last-modified", "cache-control", "expires", "date")})
        assert self.raw is not None  # a stored record implies a raw store
        content = self.raw.get_blob(stored.sha256)
        for key in {url, answer.url}:
            self.raw.record(key, status=stored.status, headers=headers, sha256=stored.sha256, fetched_at=now)
        return Response(url=answer.url, status=stored.status, headers=headers, content=content,
                        sha256=stored.sha256, fetched_at=now, attempts=attempts, from_cache=True)

    # -- one request, with retries ------------------------------------------------------------

    def _send(self, url: str, stored: RawRecord | None, *, retry: bool, prior: int) -> tuple[_Answer, int]:
        headers = {}
        if stored is not None and stored.etag:
            headers["If-None-Match"] = stored.etag
        if stored is not None and stored.last_modified:
            headers["If-Modified-Since"] = stored.last_modified
        max_attempts = max(1, self.settings.max_attempts) if retry else 1
        for attempt in range(1, max_attempts + 1):
            self._wait_turn(_host(url))
            started = self.clock()
            try:
                answer = self._request(url, headers)
            except _Failure as f:
                self.log.append(RequestLog(url, None, f.reason, started, self.clock() - started, attempt))
                if not f.retryable or attempt == max_attempts:
                    raise FetchError(url, f.reason, f.detail, prior + attempt) from None
                self.sleep(self._backoff(attempt, None))
                continue
            status = answer.status
            retryable = status == 429 or status >= 500
            failed = retryable or (400 <= status < 500)
            self.log.append(RequestLog(url, status, f"http_{status}" if failed else None, started,
                                       self.clock() - started, attempt))
            if retryable and attempt < max_attempts:
                self.sleep(self._backoff(attempt, answer.headers.get("retry-after")))
                continue
            if failed:
                raise FetchError(url, f"http_{status}", "", prior + attempt)
            return answer, prior + attempt
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _request(self, url: str, headers: dict[str, str]) -> _Answer:
        timeout = (self.settings.connect_timeout, self.settings.read_timeout)
        try:
            resp = self.session.get(url, headers=headers, timeout=timeout, stream=True, allow_redirects=False)
        except requests.Timeout as e:
            raise _Failure("timeout", str(e), retryable=True) from None
        except requests.exceptions.SSLError as e:
            raise _Failure("tls", str(e), retryable=False) from None
        except requests.ConnectionError as e:
            raise _Failure("connection", str(e), retryable=True) from None
        except requests.RequestException as e:
            raise _Failure("bad_request", str(e), retryable=False) from None
        with resp:
            headers_out = {k.lower(): v for k, v in resp.headers.items()}
            # Only a successful body is wanted; error and redirect bodies are dropped unread.
            content = self._read_capped(resp) if 200 <= resp.status_code < 300 else b""
        return _Answer(url=url, status=resp.status_code, headers=headers_out, content=content)

    def _read_capped(self, resp: requests.Response) -> bytes:
        max_bytes, max_decoded = self.settings.max_bytes, self.settings.max_decompressed_bytes
        declared = resp.headers.get("Content-Length", "")
        if declared.strip().isdigit() and int(declared) > max_bytes:
            raise _Failure("too_large", f"Content-Length {declared} exceeds max_bytes {max_bytes}",
                           retryable=False)
        encoded = resp.headers.get("Content-Encoding", "identity").strip().lower() not in ("", "identity")
        body = bytearray()
        try:
            for chunk in resp.iter_content(CHUNK):
                body += chunk
                wire = resp.raw.tell() if encoded else len(body)
                if wire > max_bytes:
                    raise _Failure("too_large", f"body exceeds max_bytes {max_bytes}", retryable=False)
                if len(body) > max_decoded:
                    raise _Failure("too_large",
                                   f"decompressed body exceeds max_decompressed_bytes {max_decoded}",
                                   retryable=False)
        except requests.exceptions.ContentDecodingError as e:
            raise _Failure("decode_error", str(e), retryable=False) from None
        except (requests.exceptions.ChunkedEncodingError, requests.ConnectionError) as e:
            cause = e.args[0] if e.args else None
            reason = "timeout" if isinstance(cause, ReadTimeoutError) else "connection"
            raise _Failure(reason, f"while reading the body: {e}", retryable=True) from None
        return bytes(body)

    # -- politeness ---------------------------------------------------------------------------

    def _interval(self, host: str) -> float:
        rate = self._rate.get(host, self.settings.rate_limit)
        return max(1.0 / rate if rate > 0 else 0.0, self._crawl_delay.get(host, 0.0))

    def _wait_turn(self, host: str) -> None:
        """Reserves the host's next slot under a lock, then sleeps outside it, so concurrent
        callers queue up one interval apart instead of all waking at once."""
        with self._lock:
            now = self.clock()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + self._interval(host)
        if slot > now:
            self.sleep(slot - now)

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        cap = self.settings.backoff_max
        asked = _retry_after_seconds(retry_after) if retry_after else None
        if asked is not None:
            return min(cap, asked)
        delay = min(cap, self.settings.backoff_base * 2 ** (attempt - 1))
        return delay * self._random.uniform(0.5, 1.0)  # jitter keeps parallel clients from retrying in step

    def _robots_allow(self, url: str) -> bool:
        if not self.settings.respect_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, bool):
            return rules
        return rules.allowed(robots.product_token(self.settings.user_agent), url)

    def _load_robots(self, origin: str) -> robots.RobotsRules | bool:
        robots_url = f"{origin}/robots.txt"
        try:
            answer = self._fetch(robots_url, conditional=False, robots=False, retry=False, store=False)
        except FetchError as e:
            if e.reason in ("http_401", "http_403"):
                return False
            if e.reason.startswith("http_4") and e.reason != "http_429":
                return True
            self.robots_notes[origin] = f"{e.reason}: treated as allow-all"
            log.warning("robots.txt of %s unavailable (%s); proceeding as allow-all", origin, e)
            return True
        rules = robots.parse(answer.text)
        asked = rules.crawl_delay(robots.product_token(self.settings.user_agent)) or 0.0
        if asked > 0:
            host = _host(origin)
            with self._lock:
                self._crawl_delay[host] = max(self._crawl_delay.get(host, 0.0), asked)
        return rules


def _retry_after_seconds(value: str) -> float | None:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
