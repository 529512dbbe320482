"""Parsing and extraction: one step for every stale document, in a process pool, one writer."""

from collections.abc import Iterator, Sequence

import dagster as dg
from dagster import AssetExecutionContext

from assets.ingest import WRITE_POOL
from assets.resources import EvidencePipeline
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.parse import PARSER_VERSION
from pipeline.process import process_pending


class ProcessConfig(dg.Config):
    """Launchpad option: re-parse and re-extract every document, not only the stale ones."""

    reprocess_all: bool = False


def _preview(con, sql: str) -> dg.MetadataValue:
    return dg.MetadataValue.md(con.execute(sql).df().to_markdown(index=False))


def extraction_assets(source_keys: Sequence[dg.AssetKey]) -> dg.AssetsDefinition:
    @dg.multi_asset(
        name="extraction",
        specs=[
            dg.AssetSpec("documents", deps=source_keys, group_name="extract", kinds={"duckdb"},
                         description="One row per document with its parse status (and document_text)."),
            dg.AssetSpec("referral_figures", deps=["documents"], group_name="extract", kinds={"duckdb"},
                         description="Every statement of a referral figure, with sentence, span and page."),
            dg.AssetSpec("platform_mentions", deps=["documents"], group_name="extract", kinds={"duckdb"},
                         description="Every occurrence of a platform's name, with span and page."),
        ],
        check_specs=[
            dg.AssetCheckSpec("no_negative_values", asset="referral_figures", blocking=True,
                              description="No referral figure is negative."),
            dg.AssetCheckSpec("percentages_in_range", asset="referral_figures", blocking=True,
                              description="No percentage figure exceeds 100."),
        ],
        pool=WRITE_POOL,
        code_version=f"parser-{PARSER_VERSION}-extractor-{EXTRACTOR_VERSION}",
    )
    def _extraction(context: AssetExecutionContext, config: ProcessConfig,
                    evidence: EvidencePipeline) -> Iterator:
        with evidence.build_connection() as con:
            totals = process_pending(con, str(evidence.raw_root), force=config.reprocess_all,
                                     workers=evidence.worker_count)
            context.log.info(f"processed {totals}")
            count = lambda t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: E731
            # The documents' bytes and the code that read them: unchanged inputs and versions keep the
            # version, so summaries downstream are not marked stale by a run that found nothing new.
            version = dg.DataVersion(con.execute(
                "SELECT coalesce(md5(string_agg(doc_id || ':' || content_sha256 || ':' || parser_version || ':' "
                "|| extractor_version, ',' ORDER BY doc_id)), 'empty') FROM documents").fetchone()[0][:16])
            yield dg.MaterializeResult(asset_key="documents", data_version=version, metadata={
                "dagster/row_count": count("documents"),
                "processed_this_run": totals["processed"],
                "parse_errors_this_run": totals["parse_errors"],
                "parser_version": PARSER_VERSION,
                "warehouse": dg.MetadataValue.path(str(evidence.build_path)),
                "preview": _preview(con, "SELECT kind, parse_status, count(*) AS documents FROM documents "
                                         "GROUP BY ALL ORDER BY ALL"),
            })
            yield dg.MaterializeResult(asset_key="referral_figures", data_version=version, metadata={
                "dagster/row_count": count("referral_figures"),
                "extractor_version": EXTRACTOR_VERSION,
                "preview": _preview(con, "SELECT value, unit, measure, qualifier, period_start, period_end, as_of, "
                                         "left(sentence, 80) AS sentence FROM referral_figures "
                                         "ORDER BY doc_id, char_start LIMIT 10"),
            })
            yield dg.MaterializeResult(asset_key="platform_mentions", data_version=version, metadata={
                "dagster/row_count": count("platform_mentions"),
                "preview": _preview(con, "SELECT platform, count(*) AS mentions FROM platform_mentions "
                                         "GROUP BY 1 ORDER BY 2 DESC LIMIT 10"),
            })
            negative = count("referral_figures WHERE value < 0")
            yield dg.AssetCheckResult(asset_key="referral_figures", check_name="no_negative_values",
                                      passed=negative == 0, metadata={"negative_figures": negative})
            over = count("referral_figures WHERE unit = 'percent' AND value > 100")
            yield dg.AssetCheckResult(asset_key="referral_figures", check_name="percentages_in_range",
                                      passed=over == 0, metadata={"percentages_over_100": over})

    return _extraction
