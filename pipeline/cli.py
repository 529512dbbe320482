"""`evidence`: run the pipeline through Dagster, and query what it built.

    evidence run [--config FILE] [--warehouse PATH] [--target demo|live] [--workers N] [--verbose]
    evidence sql "SELECT ..." [--format table|csv|json] [--warehouse PATH]
    evidence export DIR [--format parquet|csv] [--warehouse PATH]
    evidence eval [--corpus DIR] [--json]

`run` materialises every asset in-process on the Dagster instance of this checkout (or of
$DAGSTER_HOME), so its runs appear in the Dagster UI, and prints a one-screen summary.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# The same variables the Dagster code location reads, so a server's CLI and UI see one deployment.
WAREHOUSE_ENV = os.environ.get("EVIDENCE_WAREHOUSE")
WAREHOUSE_HELP = "published DuckDB file (default: $EVIDENCE_WAREHOUSE, else warehouse/evidence.duckdb)"


def _instance():
    """The instance of $DAGSTER_HOME, else the one described by the repository's dagster.yaml,
    whose relative storage paths are resolved from the repository root."""
    from dagster import DagsterInstance

    if os.environ.get("DAGSTER_HOME"):
        return DagsterInstance.get()
    os.chdir(REPO_ROOT)
    return DagsterInstance.from_config(str(REPO_ROOT))


def cmd_run(args: argparse.Namespace) -> int:
    from assets.resources import DEFAULT_WAREHOUSE, default_config
    from pipeline.config import ConfigError, load_config

    config = Path(args.config).resolve() if args.config else default_config(args.target)
    warehouse_path = Path(args.warehouse).resolve() if args.warehouse else DEFAULT_WAREHOUSE
    try:
        load_config(config)
    except ConfigError as e:
        print(f"evidence: {e}", file=sys.stderr)
        return 2


    from assets.definitions import build_definitions

    started = time.monotonic()
    defs = build_definitions(str(config), args.target, str(warehouse_path), workers=args.workers)
    job = defs.resolve_implicit_global_asset_job_def()
    with _instance() as instance:
        # The console shows warnings and errors; every event is in the run's history either way.
        log_level = "DEBUG" if args.verbose else "WARNING"
        result = job.execute_in_process(instance=instance, raise_on_error=False,
                                        run_config={"loggers": {"console": {"config": {"log_level": log_level}}}})
    elapsed = time.monotonic() - started
    if not result.success:
        for event in result.all_events:
            if event.is_step_failure:
                print(f"evidence: step {event.step_key} failed: {root_cause(event.step_failure_data.error)}",
                      file=sys.stderr)
        for ev in result.get_asset_check_evaluations():
            if not ev.passed:
                print(f"evidence: check {ev.asset_check_key.name} on "
                      f"{ev.asset_key.to_user_string()} failed", file=sys.stderr)
        print(f"evidence: run {result.run_id} failed after {elapsed:.1f}s; see the Dagster UI for details",
              file=sys.stderr)
        return 1
    print(_summary(warehouse_path, result.run_id, elapsed))
    return 0


def root_cause(error) -> str:
    """The innermost error's last line: Dagster wraps the exception an asset raised in its own."""
    if error is None:
        return "failed"
    while error.cause is not None:
        error = error.cause
    return error.message.strip().splitlines()[-1]


def _summary(warehouse_path: Path, run_id: str, elapsed: float) -> str:
    from pipeline import warehouse

    con = warehouse.connect(warehouse_path, read_only=True)
    try:
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        parsed = one("SELECT count(*) FROM documents WHERE parse_status = 'ok'")
        lines = [
            f"run {run_id} succeeded in {elapsed:.1f}s; warehouse {warehouse_path}",
            f"  documents   {one('SELECT count(*) FROM documents')} ({parsed} parsed)",
            f"  figures     {one('SELECT count(*) FROM referral_figures')}",
            f"  mentions    {one('SELECT count(*) FROM platform_mentions')}",
            f"  failures    {one('SELECT count(*) FROM ingest_errors')}",
        ]
        for source, stage, error, url in con.execute(
                "SELECT source, stage, error, url FROM ingest_errors ORDER BY source, url LIMIT 10").fetchall():
            lines.append(f"    {source}: {stage} {error}: {url}")
    finally:
        con.close()
    return "\n".join(lines)


def _open_published(path: str | None):
    """The published warehouse, read-only: analysts never take the write lock."""
    from assets.resources import DEFAULT_WAREHOUSE
    from pipeline import warehouse

    target = Path(path) if path else DEFAULT_WAREHOUSE
    if not target.exists():
        raise SystemExit(f"evidence: no warehouse at {target}; run `evidence run` first")
    return warehouse.connect(target, read_only=True)


def cmd_sql(args: argparse.Namespace) -> int:
    import duckdb

    con = _open_published(args.warehouse)
    try:
        rel = con.sql(args.query)
        if rel is None:
            return 0
        if args.format == "table":
            rel.show(max_rows=args.max_rows, max_width=200)
        else:
            df = rel.df()
            if args.format == "csv":
                sys.stdout.write(df.to_csv(index=False))
            else:
                sys.stdout.write(df.to_json(orient="records", date_format="iso", indent=1) + "\n")
    except duckdb.Error as e:
        print(f"evidence: {e}", file=sys.stderr)
        return 2
    finally:
        con.close()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pipeline.export import export

    con = _open_published(args.warehouse)
    try:
        package = export(con, args.dir, args.format)
    finally:
        con.close()
    print(f"wrote {package}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from pipeline.evaluate import evaluate_corpus, report

    try:
        ev = evaluate_corpus(args.corpus)
    except FileNotFoundError as e:
        print(f"evidence: {e}", file=sys.stderr)
        return 2
    print(json.dumps(ev.as_dict(), indent=1, default=str) if args.json else report(ev))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="evidence", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="materialise every asset through Dagster and print a summary")
    run.add_argument("--config", default=os.environ.get("EVIDENCE_CONFIG"),
                     help="sources file (default: $EVIDENCE_CONFIG, else the target's: snapshot/sources.yaml or "
                          "sources.yaml)")
    run.add_argument("--warehouse", default=WAREHOUSE_ENV, help=WAREHOUSE_HELP)
    run.add_argument("--target", choices=["demo", "live"], default=os.environ.get("EVIDENCE_TARGET", "demo"),
                     help="demo replays the bundled snapshot; live fetches from the sites "
                          "(default: $EVIDENCE_TARGET, else demo)")
    run.add_argument("--workers", type=int, default=0, help="parsing processes (default: one per core)")
    run.add_argument("--verbose", action="store_true", help="print every Dagster event, not only warnings")
    run.set_defaults(func=cmd_run)
    sql = sub.add_parser("sql", help="query the published warehouse (read-only)")
    sql.add_argument("query")
    sql.add_argument("--format", choices=["table", "csv", "json"], default="table")
    sql.add_argument("--max-rows", type=int, default=100, help="rows shown in table format")
    sql.add_argument("--warehouse", default=WAREHOUSE_ENV, help=WAREHOUSE_HELP)
    sql.set_defaults(func=cmd_sql)
    exp = sub.add_parser("export", help="write every table to DIR with a datapackage.json")
    exp.add_argument("dir")
    exp.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    exp.add_argument("--warehouse", default=WAREHOUSE_ENV, help=WAREHOUSE_HELP)
    exp.set_defaults(func=cmd_export)
    ev = sub.add_parser("eval", help="score extraction on a labelled corpus (documents, sidecars, gold.json)")
    ev.add_argument("--corpus", default=str(REPO_ROOT / "tests" / "corpus"),
                    help="corpus folder (default: the bundled tests/corpus)")
    ev.add_argument("--json", action="store_true", help="print the full evaluation as JSON")
    ev.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
