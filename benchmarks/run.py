"""Archive-scale re-processing benchmark: raw store → parse → extract → load → publish.

    .venv/bin/python -m benchmarks.run                      # N = 1,000 and 10,000, 3 rounds
    .venv/bin/python -m benchmarks.run --sizes 1000 --repeats 5

It builds (or extends) a synthetic archive (benchmarks/archive.py) of max(N) documents: bytes in a
RawStore, rows in a DuckDB `source_documents` table, i.e. exactly where a re-process starts. Each
timed job then runs in a fresh Python process (so peak RSS is that job's alone) and does what the
Dagster `extraction` and `published_warehouse` assets do:

    copy the sources file to a build file → pipeline.process.process_pending(con, raw, workers=W)
    → close (checkpoint) → pipeline.warehouse.publish(build, published)

and then the daily run with nothing new: reopen, process_pending (nothing is stale), close, publish.

Jobs per round, in a random order each round:
* `html-N` and `pdf-N`: the HTML and the PDF documents among the first N of the archive, each
  run on its own so HTML docs/s and PDF pages/s are measured, not apportioned. The full archive
  is their sum (two pool start-ups instead of one: slightly pessimistic).
* the baselines, on a sample (pdfplumber takes ~0.15 s a page): `fast-html-sample` against
  `bs4-html-sample`, `fast-pdf-sample` against `plumber-pdf-sample`. Same documents, same round,
  same process/extract/load code; only the parser differs. Ratios are computed per round.

"rows/s (load)" is rows over the wall time spent loading (`pipeline.process.load` and the
closing checkpoint), which shares the cores with the workers; "rows per load CPU-s" is rows
over the loader's own CPU time in them.

Figures are medians over rounds (min-max). The machine is shared and noisy; trust ratios more
than absolute figures. "at 2 idle cores" is documents (pages) per CPU-second of the job (parent
and workers, user and system) times the worker count: what the job would reach if it had the
cores to itself and kept them busy; it is an estimate, the wall-clock columns are measurements.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import archive

DEFAULT_WORK = Path(os.environ.get("EVIDENCE_BENCH_DIR", "/tmp/evidence-bench"))


# --------------------------------------------------------------------------------------------
# One job, in its own process


def run_job(spec: dict) -> dict:
    """Times one full re-process and one no-change run over spec["sources"]; returns figures."""
    import pipeline.process as process
    from pipeline import warehouse

    if spec.get("baseline"):
        import multiprocessing

        from benchmarks.baselines import parse_baseline

        # Workers inherit the swapped parser by fork; anything else would silently run the real one.
        if multiprocessing.get_start_method() != "fork":
            raise RuntimeError("baseline jobs need the fork start method")
        process.parse = parse_baseline

    # pyarrow imports pandas on its first array (~0.75 s, once per process). A Dagster step has it
    # loaded already (asset metadata uses pandas), so warm it here rather than bill it to the loads.
    import pyarrow as pa

    pa.array([0])
    load_stats = {"seconds": 0.0, "cpu": 0.0, "rows": 0}

    def timed(step):
        """Bills a loading step's wall and CPU time to load_stats."""
        def run(*args):
            t, c = time.perf_counter(), time.process_time()
            result = step(*args)
            load_stats["seconds"] += time.perf_counter() - t
            load_stats["cpu"] += time.process_time() - c
            if isinstance(result, dict):
                load_stats["rows"] += sum(result.values())
            return result
        return run

    # Loading is the batches' transactions and the final checkpoint at close.
    process.load = timed(process.load)
    work = Path(spec["work"])
    build, published = work / "build.duckdb", work / "published.duckdb"
    for p in (build, published):
        p.unlink(missing_ok=True)
        Path(f"{p}.wal").unlink(missing_ok=True)
    shutil.copyfile(spec["sources"], build)

    def one_run() -> tuple[float, float, dict]:
        cpu0 = os.times()
        t0 = time.perf_counter()
        con = warehouse.connect(build)
        try:
            totals = process.process_pending(con, spec["raw"], workers=spec["workers"])
        finally:
            timed(con.close)()
        t1 = time.perf_counter()
        warehouse.publish(build, published)
        t2 = time.perf_counter()
        cpu1 = os.times()
        cpu = sum(getattr(cpu1, f) - getattr(cpu0, f) for f in ("user", "system", "children_user", "children_system"))
        return t2 - t0, t2 - t1, {**totals, "cpu": cpu}

    wall, publish_s, totals = one_run()
    load = dict(load_stats)
    nochange_wall, _, nochange = one_run()
    if nochange["processed"]:
        raise RuntimeError(f"the no-change run re-processed {nochange['processed']} documents")
    return {
        "job": spec["name"], "documents": totals["processed"], "pages": spec["pages"],
        "parse_errors": totals["parse_errors"], "figures": totals["figures"], "mentions": totals["mentions"],
        "wall": wall, "publish": publish_s, "load_seconds": load["seconds"], "load_cpu": load["cpu"],
        "rows": load["rows"],
        "cpu": totals["cpu"], "cpu_busy": totals["cpu"] / (wall * spec["workers"]),
        "rss_parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "nochange_wall": nochange_wall, "published_mb": published.stat().st_size / 2**20,
    }


# --------------------------------------------------------------------------------------------
# The driver


def _jobs(arch: archive.Archive, work: Path, sizes: list[int], workers: int, sample_html: int,
          sample_pdf: int) -> list[dict]:
    jobs = []
    inputs = work / "inputs"
    inputs.mkdir(parents=True, exist_ok=True)

    def add(name: str, count: int, content_type: str | None, baseline: bool = False) -> None:
        source = inputs / f"{name}.duckdb"
        kept = archive.subset(arch, source, count, content_type)
        jobs.append({"name": name, "sources": str(source), "raw": str(arch.raw_root), "workers": workers,
                     "pages": kept["pages"], "documents": kept["documents"], "baseline": baseline,
                     "work": str(work / "runs" / name)})

    for n in sizes:
        add(f"html-{n}", n, "html")
        add(f"pdf-{n}", n, "pdf")
    # Samples: the first documents of each type, chosen by position in the archive.
    html_n = _first_n_of(arch, "html", sample_html)
    pdf_n = _first_n_of(arch, "pdf", sample_pdf)
    add("fast-html-sample", html_n, "html")
    add("bs4-html-sample", html_n, "html", baseline=True)
    add("fast-pdf-sample", pdf_n, "pdf")
    add("plumber-pdf-sample", pdf_n, "pdf", baseline=True)
    for job in jobs:
        Path(job["work"]).mkdir(parents=True, exist_ok=True)
    return jobs


def _first_n_of(arch: archive.Archive, content_type: str, wanted: int) -> int:
    """The archive prefix length holding `wanted` documents of `content_type`."""
    import duckdb

    con = duckdb.connect(str(arch.sources_path), read_only=True)
    try:
        row = con.execute(
            "SELECT max(i) + 1 FROM (SELECT CAST(json_extract(metadata, '$.bench_index') AS INTEGER) AS i "
            "FROM source_documents WHERE content_type = ? ORDER BY i LIMIT ?)", [content_type, wanted]).fetchone()
    finally:
        con.close()
    return row[0]


def _spawn(job: dict) -> dict:
    # The previous job's files (a 40 MB warehouse written twice) are still being written back;
    # without this, the next job's commits wait on that and its time is billed for it.
    os.sync()
    out = subprocess.run([sys.executable, "-m", "benchmarks.run", "--job", json.dumps(job)],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"job {job['name']} failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _med(values: list[float]) -> str:
    if not values:
        return "-"
    m = statistics.median(values)
    fmt = (lambda v: f"{v:,.0f}") if m >= 100 else (lambda v: f"{v:,.2f}")
    return f"{fmt(m)} ({fmt(min(values))}–{fmt(max(values))})" if len(values) > 1 else fmt(m)


def _report(results: list[dict], sizes: list[int], workers: int) -> list[str]:
    by_job: dict[str, list[dict]] = {}
    for r in results:
        by_job.setdefault(r["job"], []).append(r)
    lines = [f"workers: {workers}; cpus: {os.cpu_count()}; rounds: {max(len(v) for v in by_job.values())}",
             "",
             "| job | docs | pages | wall s | docs/s | pages/s | rows | load s | rows/s (load) | rows per load CPU-s "
             "| CPU busy "
             "| peak RSS parent MB | peak RSS worker MB | no-change s | no-change / full | published MB "
             "| CPU s | docs/s at 2 idle cores | pages/s at 2 idle cores |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, rs in by_job.items():
        first = rs[0]
        lines.append(
            f"| {name} | {first['documents']:,} | {first['pages']:,} | {_med([r['wall'] for r in rs])} "
            f"| {_med([r['documents'] / r['wall'] for r in rs])} "
            f"| {_med([r['pages'] / r['wall'] for r in rs]) if first['pages'] else '-'} "
            f"| {first['rows']:,} | {_med([r['load_seconds'] for r in rs])} "
            f"| {_med([r['rows'] / r['load_seconds'] for r in rs if r['load_seconds']])} "
            f"| {_med([r['rows'] / r['load_cpu'] for r in rs if r.get('load_cpu')])} "
            f"| {_med([100 * r['cpu_busy'] for r in rs])}% | {_med([r['rss_parent_mb'] for r in rs])} "
            f"| {_med([r['rss_worker_mb'] for r in rs])} | {_med([r['nochange_wall'] for r in rs])} "
            f"| {_med([100 * r['nochange_wall'] / r['wall'] for r in rs])}% | {first['published_mb']:.0f} "
            f"| {_med([r['cpu'] for r in rs])} | {_med([workers * r['documents'] / r['cpu'] for r in rs])} "
            f"| {_med([workers * r['pages'] / r['cpu'] for r in rs]) if first['pages'] else '-'} |")
    lines.append("")
    for n in sizes:
        html, pdf = by_job.get(f"html-{n}", []), by_job.get(f"pdf-{n}", [])
        if html and pdf:
            totals = [h["wall"] + p["wall"] for h, p in zip(html, pdf, strict=False)]
            nochange = [h["nochange_wall"] + p["nochange_wall"] for h, p in zip(html, pdf, strict=False)]
            docs = html[0]["documents"] + pdf[0]["documents"]
            lines.append(f"N = {n:,}: whole archive ({docs:,} documents) re-processed and published in "
                         f"{_med(totals)} s; a run with nothing new {_med(nochange)} s "
                         f"({_med([100 * a / b for a, b in zip(nochange, totals, strict=False)])}% of the full run)")
    for fast, slow in (("fast-html-sample", "bs4-html-sample"), ("fast-pdf-sample", "plumber-pdf-sample")):
        pairs = list(zip(by_job.get(fast, []), by_job.get(slow, []), strict=False))
        if pairs:
            ratios = [s["wall"] / f["wall"] for f, s in pairs]
            cpu_ratios = [s["cpu"] / f["cpu"] for f, s in pairs]
            lines.append(f"{fast} vs {slow} ({pairs[0][0]['documents']} docs, {pairs[0][0]['pages']} pages): "
                         f"×{_med(ratios)} faster end to end (wall); ×{_med(cpu_ratios)} in CPU time")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--pool", type=int, default=300, help="distinct PDFs drawn (reused under new URLs)")
    ap.add_argument("--sample-html", type=int, default=400, help="HTML documents in the baseline sample")
    ap.add_argument("--sample-pdf", type=int, default=12, help="PDF documents in the baseline sample")
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK)
    ap.add_argument("--only", nargs="*", help="run only these jobs (names as in the report)")
    ap.add_argument("--job", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.job:
        print(json.dumps(run_job(json.loads(args.job))))
        return 0

    t = time.perf_counter()
    print(f"building archive of {max(args.sizes):,} documents in {args.work / 'archive'} (reused when present)")
    arch = archive.build(args.work / "archive", max(args.sizes), seed=args.seed, pool=args.pool)
    print(f"  ready in {time.perf_counter() - t:.0f} s")
    jobs = _jobs(arch, args.work, sorted(args.sizes), args.workers, args.sample_html, args.sample_pdf)
    if args.only:
        jobs = [j for j in jobs if j["name"] in args.only]
    rng = random.Random(args.seed)
    results = []
    for round_ in range(args.repeats):
        order = jobs[:]
        rng.shuffle(order)
        for job in order:
            r = _spawn(job)
            r["round"] = round_
            results.append(r)
            print(f"  round {round_ + 1}: {job['name']}: {r['documents']:,} docs in {r['wall']:.1f} s "
                  f"({r['documents'] / r['wall']:.0f} docs/s), no-change {r['nochange_wall']:.2f} s", flush=True)
    (args.work / "results.json").write_text(json.dumps(results, indent=1))
    print()
    print("\n".join(_report(results, sorted(args.sizes), args.workers)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
