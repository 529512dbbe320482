"""A hash of everything the parsers and the extractor produce, to prove a speed change left the
output alone.

    .venv/bin/python -m benchmarks.fingerprint [--archive DIR] [--limit 600]

Parses the parse-test fixtures, the labelled corpus and holdouts, the snapshot's HTML, the devset corpus (when
present) and the first `limit` documents of a benchmark archive, and prints one SHA-256 over
every Document's title, text, blocks, tables, page starts and date, plus per-group hashes so a
difference can be narrowed down. Run it before and after a parser change: identical hashes mean
identical output; otherwise PARSER_VERSION must be bumped. The `extract` column does the same for
every figure and mention `pipeline.extract.extract` finds in those documents (EXTRACTOR_VERSION).
File paths are part of the hash: compare runs made from the same checkout."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from pipeline.document import Document
from pipeline.extract import extract
from pipeline.parse import ParseError, parse

REPO = Path(__file__).resolve().parent.parent
DEVSET = Path("/work/shared/devset/corpus")
_TYPES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".txt": "text", ".docx": "docx"}


def digest(doc: Document) -> str:
    parts = [doc.title, doc.text, repr(doc.blocks), repr(doc.page_starts), repr(doc.published),
             repr([(t.header_rows, t.caption, t.rows) for t in doc.tables])]
    return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()


def _files(root: Path) -> list[tuple[str, bytes, str]]:
    return [(str(p), p.read_bytes(), _TYPES[p.suffix]) for p in sorted(root.rglob("*")) if p.suffix in _TYPES]


def _archive(root: Path, limit: int) -> list[tuple[str, bytes, str, str | None]]:
    import duckdb

    from pipeline.raw import RawStore

    raw = RawStore(root / "raw")
    con = duckdb.connect(str(root / "sources.duckdb"), read_only=True)
    try:
        rows = con.execute("SELECT url, content_sha256, content_type, title FROM source_documents "
                           "ORDER BY CAST(json_extract(metadata, '$.bench_index') AS INTEGER) LIMIT ?",
                           [limit]).fetchall()
    finally:
        con.close()
    return [(url, raw.get_blob(sha), ct, title) for url, sha, ct, title in rows]


def main() -> int:
    ap = argparse.ArgumentParser(description="hash of all parser output")
    ap.add_argument("--archive", type=Path, default=Path("/tmp/evidence-bench/archive"))
    ap.add_argument("--limit", type=int, default=600)
    args = ap.parse_args()
    groups: dict[str, list[tuple[str, bytes, str, str | None]]] = {
        "fixtures": [(n, b, t, None) for n, b, t in _files(REPO / "tests" / "fixtures")],
        "corpus": [(n, b, t, None) for n, b, t in _files(REPO / "tests" / "corpus")],
        "holdouts": [(n, b, t, None) for d in ("holdout", "holdout2", "holdout3")
                     for n, b, t in _files(REPO / "tests" / d)],
        "snapshot": [(n, b, t, None) for n, b, t in _files(REPO / "snapshot") if t == "html"],
        "devset": [(n, b, t, None) for n, b, t in _files(DEVSET)] if DEVSET.exists() else [],
        "archive": _archive(args.archive, args.limit) if (args.archive / "sources.duckdb").exists() else [],
    }
    total, total_x = hashlib.sha256(), hashlib.sha256()
    print(f"{'group':9} {'docs':>5}  {'parse':16}  extract")
    for group, items in groups.items():
        h, hx = hashlib.sha256(), hashlib.sha256()
        for name, content, content_type, title in items:
            try:
                doc = parse(content, content_type, title_hint=title)
            except ParseError as e:
                h.update(f"{name}\x1ferror:{e.reason}\n".encode())
                continue
            h.update(f"{name}\x1f{digest(doc)}\n".encode())
            hx.update(f"{name}\x1f{extract(doc, doc.published)!r}\n".encode())
        total.update(h.digest())
        total_x.update(hx.digest())
        print(f"{group:9} {len(items):5}  {h.hexdigest()[:16]}  {hx.hexdigest()[:16]}")
    print(f"{'all':9} {'':5}  {total.hexdigest()[:16]}  {total_x.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
