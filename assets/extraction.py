"""Parsing and extraction: one step for every stale document, in a process pool, one writer."""

import time
from collections.abc import Iterator, Sequence

import dagster as dg
from dagster import AssetExecutionContext

from assets.ingest import WRITE_POOL
from assets.resources import EvidencePipeline
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.parse import PARSER_VERSION
from pipeline.process import process_pending
from pipeline.records import CANONICAL_PLATFORMS


class ProcessConfig(dg.Config):
    """Launchpad option: re-parse and re-extract every document, not only the stale ones."""

    reprocess_all: bool = False


# Invariants of the extracted tables: (asset, check, description, SQL selecting the offending rows).
# All blocking: a row that breaks one would poison the summaries built from these tables.
INVARIANTS = (
    ("referral_figures", "no_negative_values", "No referral figure is negative.",
     "SELECT figure_id, value, sentence FROM referral_figures WHERE value < 0"),
    ("referral_figures", "percentages_in_range", "No percentage figure exceeds 100.",
     "SELECT figure_id, value, sentence FROM referral_figures WHERE unit = 'percent' AND value > 100"),
    ("referral_figures", "not_dated_after_publication",
     "No figure is counted (as_of) or starts its period after its document was published.",
     """SELECT f.figure_id, f.period_start, f.as_of, d.published_date, f.sentence
        FROM referral_figures f JOIN documents d USING (doc_id)
        WHERE d.published_date < greatest(f.period_start, f.as_of)"""),
    ("referral_figures", "figure_platforms_canonical", "Every platform a figure names is a canonical name.",
     "SELECT figure_id, platforms FROM referral_figures WHERE NOT list_has_all(getvariable('canonical'), platforms)"),
    ("platform_mentions", "platforms_canonical", "Every mention carries a canonical platform name.",
     "SELECT mention_id, platform, surface FROM platform_mentions "
     "WHERE NOT list_contains(getvariable('canonical'), platform)"),
    ("documents", "every_document_has_a_parse_status", "Every document is either parsed (ok) or an error.",
     "SELECT doc_id, url, parse_status FROM documents "
     "WHERE parse_status IS NULL OR parse_status NOT IN ('ok', 'error')"),
)
# Against the previous materialisation: a drop of more than half warns (a site redesign, a broken parser).
DROP_WATCHED = ("documents", "referral_figures", "platform_mentions")


def _invariant_results(con) -> Iterator[dg.AssetCheckResult]:
    con.execute("SET VARIABLE canonical = ?", [sorted(CANONICAL_PLATFORMS)])
    for asset, name, _, sql in INVARIANTS:
        bad = con.execute(sql).df()
        yield dg.AssetCheckResult(asset_key=asset, check_name=name, passed=bad.empty, metadata={
            "failing_rows": len(bad), "examples": dg.MetadataValue.md(bad.head(5).to_markdown(index=False))})


def _previous_row_counts(context: AssetExecutionContext) -> dict[str, int | None]:
    """Row counts the last materialisations recorded, read before this run records its own."""
    counts = {}
    for asset in DROP_WATCHED:
        event = context.instance.get_latest_materialization_event(dg.AssetKey(asset))
        entry = event.asset_materialization.metadata.get("dagster/row_count") if event and \
            event.asset_materialization else None
        counts[asset] = entry.value if entry else None
    return counts


def _drop_results(previous: dict[str, int | None], counts: dict[str, int]) -> Iterator[dg.AssetCheckResult]:
    for asset in DROP_WATCHED:
        before = previous[asset]
        yield dg.AssetCheckResult(asset_key=asset, check_name="row_count_not_halved",
                                  passed=before is None or counts[asset] >= before / 2,
                                  severity=dg.AssetCheckSeverity.WARN,
                                  metadata={"rows": counts[asset], "previous_rows": before or 0})


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
            *(dg.AssetCheckSpec(name, asset=asset, blocking=True, description=text)
              for asset, name, text, _ in INVARIANTS),
            *(dg.AssetCheckSpec("row_count_not_halved", asset=asset,
                                description="Warns when the table has less than half the rows of the last run.")
              for asset in DROP_WATCHED),
        ],
        pool=WRITE_POOL,
        code_version=f"parser-{PARSER_VERSION}-extractor-{EXTRACTOR_VERSION}",
    )
    def _extraction(context: AssetExecutionContext, config: ProcessConfig,
                    evidence: EvidencePipeline) -> Iterator:
        previous = _previous_row_counts(context)
        with evidence.build_connection() as con:
            started = time.perf_counter()
            totals = process_pending(con, str(evidence.raw_root), force=config.reprocess_all,
                                     workers=evidence.worker_count)
            seconds = time.perf_counter() - started
            context.log.info(f"processed {totals} in {seconds:.1f} s")
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
                # A re-process after a version bump is where speed shows: its rate, beside the
                # benchmark's (docs/performance.md), tells whether a backfill is running as it should.
                "processing_seconds_this_run": round(seconds, 2),
                "documents_per_second_this_run": round(totals["processed"] / seconds, 1) if seconds else 0.0,
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
            yield from _invariant_results(con)
            yield from _drop_results(previous, {t: count(t) for t in DROP_WATCHED})

    return _extraction
