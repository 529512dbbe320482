"""Running the graph the way the tests need it, shared by the end-to-end tests."""

from __future__ import annotations

import dagster as dg

from assets.definitions import build_definitions
from pipeline import warehouse


def run_graph(config, warehouse_path, target="demo", quality_check=False):
    defs = build_definitions(str(config), target, str(warehouse_path), workers=1, quality_check=quality_check)
    job = defs.resolve_implicit_global_asset_job_def()
    with dg.DagsterInstance.ephemeral() as instance:
        return job.execute_in_process(instance=instance, raise_on_error=False)


def table_counts(path):
    con = warehouse.connect(path, read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "document_text", "referral_figures", "platform_mentions", "ingest_errors",
                          "referral_outcomes", "platform_summary")}
    finally:
        con.close()


def query(path, sql, params=()):
    con = warehouse.connect(path, read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()
