"""Replay of recorded HTTP responses, mounted as the HTTP client's transport in the offline demo.

The adapter answers at the level of `requests`' transport, below the client, so the demo runs the
same rate limiting, robots.txt, redirects, size caps and conditional GET as a live run: only the
origin of the bytes differs. Responses are real `requests.Response` objects whose `raw` is a
urllib3 response over the recorded bytes, so streaming, `Content-Encoding` decoding and the
client's byte counting behave exactly as on the wire.

Matching (snapshot/manifest.json): scheme, host and path exactly (path compared after
percent-decoding, since `requests` re-quotes URLs); the query as a multiset of (key, value)
pairs, so parameter order does not matter. Unknown URLs get 404 with an empty body, as a live
site would answer, which also makes a missing robots.txt mean "allow all".
"""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers
from urllib3 import HTTPHeaderDict, HTTPResponse

_REASONS = {200: "OK", 304: "Not Modified", 404: "Not Found"}

Key = tuple[str, str, str, frozenset[tuple[tuple[str, str], int]]]


def match_key(url: str) -> Key:
    """The identity of a URL for replay: query parameters as a multiset, order ignored."""
    parts = urlsplit(url)
    query = Counter(parse_qsl(parts.query, keep_blank_values=True))
    return (parts.scheme.lower(), parts.netloc.lower(), unquote(parts.path or "/"), frozenset(query.items()))


class SnapshotAdapter(BaseAdapter):
    def __init__(self, root: str | Path):
        super().__init__()
        self.root = Path(root)
        manifest_path = self.root / "manifest.json"
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ValueError(f"{manifest_path}: cannot read the snapshot manifest: {e}") from None
        responses = manifest.get("responses") if isinstance(manifest, dict) else None
        if not isinstance(responses, list):
            raise ValueError(f"{manifest_path}: expected {{\"responses\": [...]}}")
        self._entries: dict[Key, dict[str, Any]] = {}
        for i, entry in enumerate(responses):
            self._add(entry, f"{manifest_path}: responses[{i}]")

    def _add(self, entry: Any, where: str) -> None:
        """Checks every entry when the demo starts, so a broken snapshot fails at once and by
        name rather than as a puzzling 404 halfway through a run."""
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise ValueError(f"{where}: each entry needs a 'url' string")
        status, headers, body = entry.get("status", 200), entry.get("headers", {}), entry.get("body")
        if not isinstance(status, int) or not 100 <= status <= 599:
            raise ValueError(f"{where}: status {status!r} is not an HTTP status")
        if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
            raise ValueError(f"{where}: headers must map names to strings")
        body_path = None
        if body is not None:
            body_path = (self.root / str(body)).resolve()
            if not body_path.is_relative_to(self.root.resolve()) or not body_path.is_file():
                raise ValueError(f"{where}: body file {body!r} is missing or outside {self.root}")
        key = match_key(entry["url"])
        if key in self._entries:
            raise ValueError(f"{where}: {entry['url']} is already in the manifest")
        self._entries[key] = {"status": status, "headers": headers, "body": body_path}

    def send(self, request: requests.PreparedRequest, stream: bool = False, timeout: Any = None,
             verify: Any = True, cert: Any = None, proxies: Any = None) -> requests.Response:
        entry = self._entries.get(match_key(request.url or ""))
        if entry is None:
            return _response(request, 404, {}, b"")
        headers: dict[str, str] = dict(entry["headers"])
        etag = CaseInsensitiveDict(headers).get("ETag")
        if etag and _etag_matches(request.headers.get("If-None-Match"), etag):
            return _response(request, 304, {"ETag": etag}, b"")
        body = entry["body"].read_bytes() if entry["body"] else b""
        return _response(request, entry["status"], headers, body)

    def close(self) -> None:
        """Nothing to release: bodies are read per request."""


def _etag_matches(if_none_match: str | None, etag: str) -> bool:
    # If-None-Match uses weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored.
    if not if_none_match:
        return False
    wanted = etag.strip().removeprefix("W/")
    candidates = [c.strip().removeprefix("W/") for c in if_none_match.split(",")]
    return "*" in candidates or wanted in candidates


def _response(request: requests.PreparedRequest, status: int, headers: dict[str, str],
              body: bytes) -> requests.Response:
    names = {k.lower() for k in headers}
    if "content-length" not in names and "transfer-encoding" not in names:
        headers = {**headers, "Content-Length": str(len(body))}
    raw = HTTPResponse(body=io.BytesIO(body), headers=HTTPHeaderDict(headers), status=status,
                       reason=_REASONS.get(status), preload_content=False, decode_content=True,
                       request_url=request.url)
    response = requests.Response()
    response.status_code = status
    response.reason = _REASONS.get(status, "")
    response.headers = CaseInsensitiveDict(headers)
    response.encoding = get_encoding_from_headers(response.headers)
    response.raw = raw
    response.url = request.url or ""
    response.request = request
    return response
