"""A folder of local documents (.html, .htm, .pdf, .txt, .docx), each with an optional sidecar.

The sidecar `<file>.meta.json` may hold `url`, `title`, `published` (ISO date), `kind` and
`publisher`. Without one, the url is the file's `file://` URI and the parser takes the title and
date from the document itself. A sidecar that is not valid JSON is reported and its document
skipped, rather than loaded under a wrong URL that would never match again.

Options: `path` (required), `recursive` (default false), `document_kind` (default `document`),
`publisher` (default none).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.records import DocumentRef, FetchedDocument, IngestError

if TYPE_CHECKING:
    from pipeline.config import SourceConfig
    from pipeline.http import HttpClient

CONTENT_TYPES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".txt": "text", ".docx": "docx"}
SIDECAR_KEYS = {"url", "title", "published", "kind", "publisher"}


def collect(client: HttpClient | None, cfg: SourceConfig, since: date | None) -> Iterator[
        FetchedDocument | IngestError]:
    root = Path(cfg.require("path"))
    if not root.is_dir():
        raise cfg.error(f"path {str(root)!r} is not a folder")
    pattern = "**/*" if cfg.get("recursive", False) else "*"
    for file in sorted(p for p in root.glob(pattern) if p.is_file()):
        content_type = CONTENT_TYPES.get(file.suffix.lower())
        if content_type is None:
            continue  # sidecars and unrelated files
        try:
            yield _read(file, content_type, cfg, since)
        except _Skip:
            continue
        except (OSError, ValueError) as e:
            yield IngestError(source=cfg.name, url=file.as_uri(), stage="discover",
                              error="bad_sidecar" if isinstance(e, ValueError) else "unreadable",
                              detail=str(e), at=datetime.now(UTC))


class _Skip(Exception):
    """The document is older than `since`."""


def _read(file: Path, content_type: str, cfg: SourceConfig, since: date | None) -> FetchedDocument:
    meta = _sidecar(file)
    published = date.fromisoformat(str(meta["published"])[:10]) if meta.get("published") else None
    if since and published and published < since:
        raise _Skip
    content = file.read_bytes()
    ref = DocumentRef(
        source=cfg.name,
        url=meta.get("url") or file.resolve().as_uri(),
        kind=meta.get("kind") or cfg.get("document_kind", "document"),
        title=meta.get("title"),
        published=published,
        publisher=meta.get("publisher") or cfg.get("publisher"),
        fetch_url=file.resolve().as_uri(),
        metadata={"path": str(file)},
    )
    return FetchedDocument(ref=ref, content=content, content_type=content_type,
                           sha256=hashlib.sha256(content).hexdigest(),
                           fetched_at=datetime.fromtimestamp(file.stat().st_mtime, UTC))


def _sidecar(file: Path) -> dict:
    sidecar = file.with_name(file.name + ".meta.json")
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise ValueError(f"{sidecar}: line {e.lineno}: not valid JSON: {e.msg}") from None
    if not isinstance(meta, dict):
        raise ValueError(f"{sidecar}: expected a JSON object")
    unknown = set(meta) - SIDECAR_KEYS
    if unknown:
        raise ValueError(f"{sidecar}: unknown keys {sorted(unknown)} (allowed: {sorted(SIDECAR_KEYS)})")
    if meta.get("published"):
        try:
            date.fromisoformat(str(meta["published"])[:10])
        except ValueError:
            raise ValueError(f"{sidecar}: published {meta['published']!r} is not an ISO date") from None
    return meta
