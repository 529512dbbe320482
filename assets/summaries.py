"""Summary tables materialised from warehouse/sql/, their checks, and the publish step."""

from __future__ import annotations

import dagster as dg

from assets.ingest import WRITE_POOL
from assets.resources import EvidencePipeline
from pipeline import warehouse


def summary_asset(name: str, deps: list[str], description: str,
                  check_specs: list[dg.AssetCheckSpec] | None = None, checks=None) -> dg.AssetsDefinition:
    """An asset that runs warehouse/sql/<name>.sql; `checks(con)` yields its AssetCheckResults."""

    @dg.asset(name=name, deps=deps, group_name="summaries", kinds={"duckdb", "sql"}, pool=WRITE_POOL,
              description=description, check_specs=check_specs or [],
              code_version=str(hash(warehouse.summary_sql(name)) & 0xFFFFFFFF))
    def _summary(evidence: EvidencePipeline):
        with evidence.build_connection() as con:
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


def _outcome_checks(con):
    over = con.execute("SELECT count(*) FROM referral_outcomes WHERE parts_add_up = 'over'").fetchone()[0]
    yield dg.AssetCheckResult(check_name="parts_within_total", passed=over == 0,
                              metadata={"totals_exceeded_by_parts": over})


referral_outcomes = summary_asset(
    "referral_outcomes", ["referral_figures"],
    "One row per referred total with its removed, not-removed and pending parts and the removal rate.",
    [dg.AssetCheckSpec("parts_within_total", asset="referral_outcomes", blocking=True,
                       description="Outcome parts never add up to more than their referred total.")],
    _outcome_checks)

platform_summary = summary_asset(
    "platform_summary", ["platform_mentions"],
    "Per platform: mentions, documents and sources naming it, first and last seen.")

SUMMARIES = [referral_outcomes, platform_summary]


@dg.asset(deps=[a.key for a in SUMMARIES], group_name="publish", kinds={"duckdb"}, pool=WRITE_POOL,
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
