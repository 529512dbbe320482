"""A fake web site on 127.0.0.1 for the source connector tests.

`FakeSite` serves whatever routes a test registers (path, plus optional query parameters that must
be present), answers 404 to everything else (so robots.txt is "allow all"), and records every
request, so tests can assert what a connector asked for and what it never asked for.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WResponse

from pipeline.config import HttpSettings, SourceConfig
from pipeline.http import HttpClient

Body = bytes | str | dict | list | Callable[[Request], WResponse]


def running_server() -> Iterator[HTTPServer]:
    """A threaded server bound to 127.0.0.1 (the client's allow-list names that host, and tests
    never touch any other address); use it from a module-scoped fixture."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


class FakeSite:
    def __init__(self, server: HTTPServer):
        server.clear()
        self.server = server
        self.routes: list[tuple[str, dict[str, str], int, Body, str]] = []
        self.requests: list[tuple[str, dict[str, str]]] = []
        server.expect_request(re.compile(".*")).respond_with_handler(self._dispatch)

    def url(self, path: str = "") -> str:
        return self.server.url_for(path).rstrip("/") if not path else self.server.url_for(path)

    def route(self, path: str, body: Body, *, status: int = 200, query: dict[str, Any] | None = None,
              content_type: str | None = None) -> None:
        """Later routes win, so a test can override one page of a shared fixture."""
        if content_type is None:
            content_type = "application/json" if isinstance(body, (dict, list)) else "text/html; charset=utf-8"
        self.routes.insert(0, (path, {k: str(v) for k, v in (query or {}).items()}, status, body, content_type))

    def document(self, path: str, file_name: str, fmt: str, data: bytes, status: int = 200) -> None:
        """A Committees API document endpoint: JSON with the file base64-encoded in `data`."""
        self.route(path, {"fileName": file_name, "fileSize": len(data), "fileDataFormat": fmt, "url": None,
                          "data": base64.b64encode(data).decode()}, status=status)

    def asked(self, path: str) -> list[dict[str, str]]:
        return [args for p, args in self.requests if p == path]

    def _dispatch(self, request: Request) -> WResponse:
        args = dict(request.args.items())
        self.requests.append((request.path, args))
        for path, query, status, body, content_type in self.routes:
            if path == request.path and all(args.get(k) == v for k, v in query.items()):
                if callable(body):
                    return body(request)
                if isinstance(body, (dict, list)):
                    body = json.dumps(body)
                return WResponse(body, status=status, content_type=content_type)
        return WResponse("not found", status=404)


def client() -> HttpClient:
    return HttpClient(HttpSettings(rate_limit=0, backoff_base=0.01, backoff_max=0.05, max_attempts=2,
                                   connect_timeout=2.0, read_timeout=5.0), allowed_hosts=["127.0.0.1"])


def source(kind: str, name: str = "test_source", **options: Any) -> SourceConfig:
    return SourceConfig(name=name, kind=kind, options=options, file="test.yaml", line=1)
