"""A synthetic archive written exactly where a re-process starts: bytes in a `RawStore`, and one
`source_documents` row per document in a DuckDB file.

The mix is 40% committee evidence pages (~50 KB HTML), 40% press releases (~10 KB HTML) and 20%
evidence PDFs of 2-40 pages (median 8). Document i depends only on the seed and i, so the archive
for N = 1,000 is the first thousand documents of the archive for N = 10,000 and a store is
extended, never rebuilt, when a larger N is asked for.

Drawing 2,000 PDFs takes minutes, so PDFs come from a pool of `pool` distinct drawings (default
300); each use gets its own URL and a trailing PDF comment with its index, so every document has
its own bytes and raw-store blob and PDFium parses every one of them from scratch.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb

from benchmarks import prose
from benchmarks.synthetic_html import evidence_html, press_release_html
from benchmarks.synthetic_pdf import evidence_pdf
from pipeline import warehouse
from pipeline.ingest import doc_id_for
from pipeline.raw import RawStore

SHARES = (("evidence_html", 0.4), ("press_html", 0.4), ("evidence_pdf", 0.2))
_EPOCH = datetime(2026, 11, 1, 6, 0, 0)


@dataclass(frozen=True)
class Archive:
    root: Path
    count: int

    @property
    def raw_root(self) -> Path:
        return self.root / "raw"

    @property
    def sources_path(self) -> Path:
        return self.root / "sources.duckdb"


def pdf_pages(rng: random.Random) -> int:
    """Typical evidence PDFs: median 8 pages, a long tail up to 40."""
    return max(2, min(40, round(rng.lognormvariate(math.log(8), 0.7))))


def _kind(rng: random.Random) -> str:
    pick = rng.random()
    for kind, share in SHARES:
        if pick < share:
            return kind
        pick -= share
    return SHARES[-1][0]


class _PdfPool:
    def __init__(self, seed: int, size: int) -> None:
        self.seed, self.size = seed, size
        self.cache: dict[int, tuple[bytes, int]] = {}

    def get(self, index: int) -> tuple[bytes, int]:
        if index not in self.cache:
            rng = random.Random(f"{self.seed}:pdf:{index}")
            pages = pdf_pages(rng)
            title = f"Written evidence submitted by {prose.organisation(rng)} ({prose.reference(rng)})"
            self.cache[index] = (evidence_pdf(rng, title, pages), pages)
        return self.cache[index]


def document(seed: int, index: int, pool: _PdfPool) -> tuple[dict, bytes]:
    """The source_documents row (without hash) and bytes of document `index`."""
    rng = random.Random(f"{seed}:doc:{index}")
    kind = _kind(rng)
    published = date(2018, 1, 1) + timedelta(days=rng.randrange(8 * 365))
    meta: dict = {"bench_index": index, "bench_kind": kind}
    if kind == "press_html":
        title = f"{rng.choice(('Home Office', 'NCA', 'Ofcom'))} {rng.choice(prose.VERBS).split()[0]} " \
                f"{rng.choice(prose.OBJECTS)}"
        url = f"https://www.gov.example/government/news/bench-{index:06d}"
        content = press_release_html(rng, title, published.isoformat())
        row = {"kind": "press_release", "content_type": "html", "source": "bench-press"}
    else:
        title = f"Written evidence submitted by {prose.organisation(rng)} ({prose.reference(rng)})"
        if kind == "evidence_html":
            url = f"https://committees.parliament.example/writtenevidence/{index}/html/"
            content = evidence_html(rng, title)
            row = {"kind": "written_evidence", "content_type": "html", "source": "bench-committees"}
        else:
            pdf, pages = pool.get(rng.randrange(pool.size))
            url = f"https://committees.parliament.example/writtenevidence/{index}/pdf/"
            content = pdf + f"\n%bench-doc {index}\n".encode()
            meta["bench_pages"] = pages
            row = {"kind": "written_evidence", "content_type": "pdf", "source": "bench-committees"}
    row.update(doc_id=doc_id_for(url), url=url, fetch_url=None, title=title, published_date=published,
               publisher=None, fetched_at=_EPOCH + timedelta(seconds=index), body_selector=None,
               title_selector=None, metadata=meta)
    return row, content


def build(root: str | Path, count: int, *, seed: int = 7, pool: int = 300, log=print) -> Archive:
    """Makes sure `root` holds the first `count` documents of the archive for `seed` and `pool`."""
    archive = Archive(Path(root), count)
    manifest_path = archive.root / "manifest.json"
    have = 0
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if (manifest["seed"], manifest["pool"]) == (seed, pool):
            have = manifest["count"]
    if have == 0:
        archive.sources_path.unlink(missing_ok=True)
    if have >= count:
        return Archive(archive.root, have)
    raw = RawStore(archive.raw_root)
    pdfs = _PdfPool(seed, pool)
    con = warehouse.connect(archive.sources_path)
    try:
        warehouse.ensure_schema(con)
        con.execute("DELETE FROM source_documents WHERE CAST(json_extract(metadata, '$.bench_index') AS INTEGER) >= ?",
                    [have])
        rows: list[dict] = []
        for index in range(have, count):
            row, content = document(seed, index, pdfs)
            row["content_sha256"] = raw.put_blob(content)
            rows.append(row)
            if len(rows) == 1000 or index == count - 1:
                warehouse.insert_rows(con, "source_documents", rows)
                rows.clear()
                log(f"  archive: {index + 1:,}/{count:,} documents")
    finally:
        con.close()
    manifest_path.write_text(json.dumps({"seed": seed, "pool": pool, "count": count}))
    return Archive(archive.root, count)


def subset(archive: Archive, target: Path, count: int, content_type: str | None = None) -> dict[str, int]:
    """Copies the sources file to `target`, keeping the first `count` documents (of one content
    type, if given). Returns the number of documents and PDF pages kept."""
    target.unlink(missing_ok=True)
    con = duckdb.connect(str(target))
    try:
        warehouse.ensure_schema(con)
        con.execute(f"ATTACH '{archive.sources_path}' AS src (READ_ONLY)")
        con.execute(
            "INSERT INTO source_documents SELECT * FROM src.source_documents "
            "WHERE CAST(json_extract(metadata, '$.bench_index') AS INTEGER) < ? AND (? IS NULL OR content_type = ?)",
            [count, content_type, content_type])
        con.execute("DETACH src")
        docs, pages = con.execute(
            "SELECT count(*), coalesce(sum(CAST(json_extract(metadata, '$.bench_pages') AS INTEGER)), 0) "
            "FROM source_documents").fetchone()
    finally:
        con.close()
    return {"documents": docs, "pages": pages}
