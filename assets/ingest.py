"""One asset per configured source, so an engineer can re-run a single source from the UI."""

from datetime import date

import dagster as dg
from dagster import AssetExecutionContext

from assets.resources import EvidencePipeline
from pipeline.config import SourceConfig
from pipeline.ingest import SourceFailed, collect_source, last_success, record_source

WRITE_POOL = "duckdb_write"


class SourceRunConfig(dg.Config):
    """Launchpad options for a source: a backfill start date, or a full re-collection."""

    since: str | None = None  # ISO date; overrides the incremental start
    full_refresh: bool = False  # ignore the last successful run and collect everything


def _since(config: SourceRunConfig, cfg: SourceConfig, previous: date | None) -> date | None:
    if config.since:
        try:
            return date.fromisoformat(config.since)
        except ValueError:
            raise dg.Failure(f"since: {config.since!r} is not an ISO date (YYYY-MM-DD)") from None
    if config.full_refresh or not cfg.incremental:
        return cfg.since
    return max(filter(None, [cfg.since, previous]), default=None)


def source_asset(cfg: SourceConfig) -> dg.AssetsDefinition:
    @dg.asset(
        key=["raw", cfg.name],
        group_name="ingest",
        kinds={"python", "duckdb"},
        pool=WRITE_POOL,
        description=f"Documents collected by the {cfg.kind} source {cfg.name!r} ({cfg.where()}), "
                    "kept by hash in the raw store and listed in source_documents.",
    )
    def _source(context: AssetExecutionContext, config: SourceRunConfig,
                evidence: EvidencePipeline) -> dg.MaterializeResult:
        settings = evidence.settings()
        source = settings.source(cfg.name)
        with evidence.build_connection() as con:
            previous = last_success(con, source.name)
        since = _since(config, source, previous)
        client = evidence.http_client(settings) if source.kind != "directory" else None
        try:
            result = collect_source(source, client, evidence.raw_store(), since)
        finally:
            if client is not None:
                client.close()
        with evidence.build_connection() as con:
            record_source(con, result, context.run.run_id)
        if result.failed:
            raise SourceFailed(result.failure_line())
        for e in result.errors:
            context.log.warning(f"{e.stage} {e.error}: {e.url} ({e.detail})")
        return dg.MaterializeResult(metadata={
            "dagster/row_count": len(result.rows),
            "errors": len(result.errors),
            "since": str(since) if since else "everything",
            "warehouse": dg.MetadataValue.path(str(evidence.build_path)),
        })

    return _source
