"""One asset per configured source, so an engineer can re-run a single source from the UI."""

import hashlib
from dataclasses import replace
from datetime import date

import dagster as dg
from dagster import AssetExecutionContext
from pydantic import Field, field_validator, model_validator

from assets.resources import EvidencePipeline
from pipeline.config import SourceConfig
from pipeline.ingest import SourceFailed, collect_source, last_success, record_source

WRITE_POOL = "duckdb_write"


class SourceRunConfig(dg.Config):
    """Launchpad options for a source. A backfill over a date range sets since and until; a full
    re-collection sets full_refresh; left alone, a run asks for what is new since the last success."""

    since: str | None = Field(default=None, description="ISO date: collect documents published from this day")
    until: str | None = Field(default=None, description="ISO date: and up to this day (a backfill window)")
    full_refresh: bool = Field(default=False, description="Ignore the last successful run; collect everything")

    @field_validator("since", "until")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None
        return value

    @model_validator(mode="after")
    def _ordered(self) -> "SourceRunConfig":
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")
        return self


def _since(config: SourceRunConfig, cfg: SourceConfig, previous: date | None) -> date | None:
    if config.since:
        return date.fromisoformat(config.since)
    if config.full_refresh or not cfg.incremental:
        return cfg.since
    return max(filter(None, [cfg.since, previous]), default=None)


def _data_version(rows: list[dict]) -> dg.DataVersion:
    """What the source yielded, by content: an unchanged source keeps its version, so nothing
    downstream turns stale."""
    digest = hashlib.sha256()
    for doc_id, sha in sorted((r["doc_id"], r["content_sha256"]) for r in rows):
        digest.update(f"{doc_id}:{sha};".encode())
    return dg.DataVersion(digest.hexdigest()[:16])


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
        until = date.fromisoformat(config.until) if config.until else None
        if until:
            source = replace(source, options={**source.options, "until": until.isoformat()})
        client = evidence.http_client(settings) if source.kind != "directory" else None
        try:
            result = collect_source(source, client, evidence.raw_store(), since, until)
        finally:
            if client is not None:
                client.close()
        with evidence.build_connection() as con:
            record_source(con, result, context.run.run_id)
        if result.failed:
            raise SourceFailed(result.failure_line())
        for e in result.errors:
            context.log.warning(f"{e.stage} {e.error}: {e.url} ({e.detail})")
        return dg.MaterializeResult(data_version=_data_version(result.rows), metadata={
            "dagster/row_count": len(result.rows),
            "errors": len(result.errors),
            "since": str(since) if since else "everything",
            "until": str(until) if until else "today",
            "warehouse": dg.MetadataValue.path(str(evidence.build_path)),
        })

    return _source
