"""The one Definitions object. The sources file decides the ingest assets, so definitions are
built from it: `EVIDENCE_TARGET` (demo | live), `EVIDENCE_CONFIG` and `EVIDENCE_WAREHOUSE` pick
the deployment, defaulting to the bundled demo."""

import os

import dagster as dg

from assets.automation import AlertSink, alerts_sensor, daily_schedule, refresh_job
from assets.extraction import extraction_assets
from assets.ingest import source_asset
from assets.quality import extraction_quality
from assets.resources import DEFAULT_WAREHOUSE, EvidencePipeline, default_config
from assets.summaries import SUMMARIES, published_warehouse, report
from pipeline.config import load_config


def build_definitions(config_path: str, target: str = "demo", warehouse_path: str | None = None,
                      workers: int = 0, quality_check: bool = True) -> dg.Definitions:
    """`quality_check=False` leaves out the corpus evaluation, for tests that run the graph often."""
    settings = load_config(config_path)
    sources = [source_asset(cfg) for cfg in settings.sources]
    resource = EvidencePipeline(config_path=str(config_path), target=target,
                                warehouse_path=str(warehouse_path or DEFAULT_WAREHOUSE), workers=workers)
    return dg.Definitions(
        assets=[*sources, extraction_assets([a.key for a in sources]), *SUMMARIES, published_warehouse, report],
        asset_checks=[extraction_quality] if quality_check else [],
        jobs=[refresh_job],
        schedules=[daily_schedule(running=target == "live")],
        sensors=[alerts_sensor],
        resources={"evidence": resource,
                   "alert_sink": AlertSink(log_path=os.environ.get("EVIDENCE_ALERT_LOG"),
                                           webhook_url=os.environ.get("EVIDENCE_ALERT_WEBHOOK"))},
        executor=dg.in_process_executor,
    )


def _from_env() -> dg.Definitions:
    target = os.environ.get("EVIDENCE_TARGET", "demo")
    return build_definitions(os.environ.get("EVIDENCE_CONFIG") or str(default_config(target)), target,
                             os.environ.get("EVIDENCE_WAREHOUSE"))


defs = _from_env()
