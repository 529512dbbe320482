"""Summary tables materialised from warehouse/sql/, their checks, and the publish step."""

import hashlib
from collections.abc import Callable, Iterator

import dagster as dg
import duckdb
from dagster import AssetExecutionContext

from assets.automation import PUBLISHED_FRESHNESS
from assets.ingest import WRITE_POOL
from assets.resources import EvidencePipeline
from pipeline import warehouse

Checks = Callable[[duckdb.DuckDBPyConnection], Iterator[dg.AssetCheckResult]]
Prepare = Callable[[duckdb.DuckDBPyConnection, AssetExecutionContext], None]


def summary_asset(name: str, deps: list[str], description: str, *,
                  check_specs: list[dg.AssetCheckSpec] | None = None, checks: Checks | None = None,
                  prepare: Prepare | None = None) -> dg.AssetsDefinition:
    """An asset that runs warehouse/sql/<name>.sql; `prepare` runs first in the same connection,
    and `checks(con)` yields the results of `check_specs` from the built table."""

    @dg.asset(name=name, deps=deps, group_name="summaries", kinds={"duckdb", "sql"}, pool=WRITE_POOL,
              description=description, check_specs=check_specs or [],
              code_version=hashlib.sha256(warehouse.summary_sql(name).encode()).hexdigest()[:12])
    def _summary(context: AssetExecutionContext, evidence: EvidencePipeline):
        with evidence.build_connection() as con:
            if prepare:
                prepare(con, context)
            rows = warehouse.build_summary(con, name)
            preview = con.execute(f"SELECT * FROM {name} LIMIT 10").df()
            yield dg.MaterializeResult(metadata={
                "dagster/row_count": rows,
                "preview": dg.MetadataValue.md(preview.to_markdown(index=False)),
                "sql": dg.MetadataValue.path(str(warehouse.SQL_DIR / f"{name}.sql")),
            })
            if checks:
                yield from checks(con)

    return _summary


def _outcome_checks(con: duckdb.DuckDBPyConnection) -> Iterator[dg.AssetCheckResult]:
    over = con.execute("SELECT referral_figure_id, referred, removed, not_removed, pending FROM referral_outcomes "
                       "WHERE parts_add_up = 'over'").df()
    yield dg.AssetCheckResult(check_name="parts_within_total", passed=over.empty,
                              metadata={"totals_exceeded_by_parts": len(over),
                                        "examples": dg.MetadataValue.md(over.head(5).to_markdown(index=False))})


def _remember_new_statements(con: duckdb.DuckDBPyConnection, context: AssetExecutionContext) -> None:
    """Records this run as the first sighting of every statement not seen before."""
    con.execute("SET VARIABLE run_id = ?", [context.run.run_id])
    con.execute("""INSERT INTO figure_first_seen
                   SELECT DISTINCT statement_key, ?, now()::TIMESTAMP FROM referral_figures
                   WHERE statement_key NOT IN (SELECT statement_key FROM figure_first_seen)""", [context.run.run_id])


referral_outcomes = summary_asset(
    "referral_outcomes", ["referral_figures"],
    "One row per referred total with its removed, not-removed and pending parts and the removal rate.",
    check_specs=[dg.AssetCheckSpec("parts_within_total", asset="referral_outcomes", blocking=True,
                                   description="Outcome parts never add up to more than their referred total.")],
    checks=_outcome_checks)
platform_summary = summary_asset(
    "platform_summary", ["platform_mentions", "documents"],
    "Per platform: mentions, documents and sources naming it, first and last seen.")
platform_mentions_monthly = summary_asset(
    "platform_mentions_monthly", ["platform_mentions", "documents"],
    "Platform mentions per platform, month of publication and kind of document.")
figure_claims = summary_asset(
    "figure_claims", ["referral_figures", "documents"],
    "The same figure reconciled across the documents that repeat it, each statement labelled "
    "consistent, rounded or conflicting with the claim's primary value.")
figure_timeline = summary_asset(
    "figure_timeline", ["referral_figures", "documents"],
    "Every referred or removed figure of an actor in date order.")
new_figures = summary_asset(
    "new_figures", ["referral_figures", "documents"],
    "Figures first seen in the latest run, for alerting.", prepare=_remember_new_statements)

SUMMARIES = [referral_outcomes, platform_summary, platform_mentions_monthly, figure_claims, figure_timeline,
             new_figures]


@dg.asset(deps=[a.key for a in SUMMARIES], group_name="publish", kinds={"duckdb"}, pool=WRITE_POOL,
          freshness_policy=PUBLISHED_FRESHNESS,
          description="The build file copied and atomically renamed onto the file analysts open read-only.")
def published_warehouse(evidence: EvidencePipeline) -> dg.MaterializeResult:
    with evidence.build_connection() as con:
        con.execute("CHECKPOINT")
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "referral_figures", "platform_mentions", "ingest_errors")}
    path = warehouse.publish(evidence.build_path, evidence.published_path)
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(path)),
        **{f"{t}_rows": n for t, n in counts.items()},
    })


@dg.asset(deps=[published_warehouse.key], group_name="publish", kinds={"html"}, freshness_policy=PUBLISHED_FRESHNESS,
          description="warehouse/report/index.html: charts of outcomes, takedowns by actor, platform mentions by "
                      "month and reconciled claims, each figure linked to its document and sentence.")
def report(evidence: EvidencePipeline) -> dg.MaterializeResult:
    from pipeline.report import write_report

    con = warehouse.connect(evidence.published_path, read_only=True)
    try:
        path = write_report(con, evidence.report_dir)
    finally:
        con.close()
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(path)),
                                          "bytes": path.stat().st_size})
