"""The whole graph on the bundled demo snapshot, into a temporary warehouse."""

from __future__ import annotations

import json
from datetime import date

from support import query, run_graph, table_counts

from assets.resources import SNAPSHOT_DIR

NCA_EVIDENCE = "https://committees.parliament.uk/writtenevidence/12615/html/"
ELEVEN = {"Facebook", "Instagram", "Twitter", "Telegram", "YouTube", "TikTok", "Weibo", "WeChat", "Baidu",
          "Zalo", "VKontakte"}


def test_demo_yields_the_nca_referral_figures(demo):
    path, _ = demo
    rows = query(path, """
        SELECT f.value, f.measure, f.qualifier, f.period_start, f.period_end, f.as_of, p.value
        FROM referral_figures f JOIN documents d USING (doc_id)
        LEFT JOIN referral_figures p ON p.figure_id = f.parent_figure_id
        WHERE d.url = ? ORDER BY f.char_start""", [NCA_EVIDENCE])
    by_value = {r[0]: r for r in rows}
    may = (date(2020, 1, 1), date(2020, 5, 31))
    assert by_value[1218][1:6] == ("referred", "exact", *may, None)
    assert by_value[578][1:] == ("removed", "exact", *may, date(2020, 9, 3), 1218)
    assert by_value[485][1:] == ("not_removed", "exact", *may, date(2020, 9, 3), 1218)
    assert by_value[155][1:] == ("pending", "exact", *may, date(2020, 9, 3), 1218)


def test_demo_names_all_eleven_platforms_in_the_nca_evidence(demo):
    path, _ = demo
    names = {r[0] for r in query(path, "SELECT DISTINCT platform FROM platform_mentions JOIN documents USING (doc_id) "
                                       "WHERE url = ?", [NCA_EVIDENCE])}
    assert names >= ELEVEN


def test_demo_keeps_provenance_that_slices_back_out_of_the_text(demo):
    path, _ = demo
    rows = query(path, """SELECT f.value, substr(t.text, f.char_start + 1, f.char_end - f.char_start), f.sentence,
                                 position(f.sentence IN t.text) > 0
                          FROM referral_figures f JOIN document_text t USING (doc_id)""")
    assert rows
    for value, span, sentence, found in rows:
        assert any(ch.isdigit() for ch in span) or span.isalpha(), (value, span)
        assert found, sentence


def test_demo_summaries_link_outcomes_to_their_total(demo):
    path, _ = demo
    (row,) = query(path, """SELECT referred, removed, not_removed, pending, parts_add_up, removal_rate
                            FROM referral_outcomes WHERE document_url = ?""", [NCA_EVIDENCE])
    assert row == (1218, 578, 485, 155, "exact", round(578 / 1218, 4))
    platforms = dict(query(path, "SELECT platform, documents FROM platform_summary"))
    assert set(platforms) >= ELEVEN


def test_demo_records_checks_and_metadata(demo):
    _, result = demo
    evaluations = result.get_asset_check_evaluations()
    by_name = {e.asset_check_key.name: e for e in evaluations}
    assert {"no_negative_values", "percentages_in_range", "parts_within_total", "extraction_quality"} <= set(by_name)
    blocking = [e for name, e in by_name.items() if name != "extraction_quality"]
    assert all(e.passed for e in blocking)
    quality = by_name["extraction_quality"].metadata
    assert 0 <= quality["figures_f1"].value <= 1 and quality["gold_figures"].value > 0
    mats = {m.asset_key.to_user_string(): m for m in result.get_asset_materialization_events()
            for m in [m.event_specific_data.materialization]}
    assert mats["referral_figures"].metadata["dagster/row_count"].value > 0
    documents = mats["documents"].metadata
    assert "preview" in documents and documents["processed_this_run"].value == 21
    assert documents["documents_per_second_this_run"].value > 0 and documents["processing_seconds_this_run"].value > 0


def test_second_run_adds_no_duplicate_rows(demo, tmp_path):
    path, _ = demo
    before = table_counts(path)
    ids_before = query(path, "SELECT figure_id, value FROM referral_figures ORDER BY 1")
    assert run_graph(SNAPSHOT_DIR / "sources.yaml", path).success
    assert table_counts(path) == before
    assert query(path, "SELECT figure_id, value FROM referral_figures ORDER BY 1") == ids_before


def test_corrupt_document_lands_in_ingest_errors_while_the_others_load(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.html").write_text(
        "<html><head><title>Takedowns</title></head><body><main><h1>Takedowns</h1>"
        "<p>In 2023 the unit referred 640 posts to TikTok.</p></main></body></html>")
    (folder / "good.html.meta.json").write_text(json.dumps({"url": "https://example.org/good",
                                                            "published": "2024-02-01"}))
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not a pdf body at all")
    config = tmp_path / "sources.yaml"
    config.write_text(f"sources:\n  - name: folder\n    kind: directory\n    path: {folder}\n")
    path = tmp_path / "w.duckdb"
    assert run_graph(config, path).success
    docs = dict(query(path, "SELECT url, parse_status FROM documents"))
    assert docs["https://example.org/good"] == "ok"
    assert docs[(folder / "broken.pdf").resolve().as_uri()] == "error"
    (err,) = query(path, "SELECT source, stage, error, url FROM ingest_errors")
    assert err[:2] == ("folder", "parse") and err[3].endswith("broken.pdf")
    assert query(path, "SELECT value FROM referral_figures") == [(640,)]


def test_demo_reconciles_the_nca_total_across_documents(demo):
    path, _ = demo
    rows = query(path, """
        SELECT c.value, c.qualifier, c.label, c.document_kind
        FROM figure_claims c
        WHERE c.claim_id = (SELECT claim_id FROM figure_claims WHERE document_url = ? AND value = 1218)""",
                 [NCA_EVIDENCE])
    statements = sorted(rows)
    assert (1218, "exact", "consistent", "written_evidence") in statements
    assert (1200, "at_least", "consistent", "oral_evidence") in statements
    assert (1200, "at_least", "consistent", "news") in statements
    assert (1200, "at_most", "conflicting", "news") in statements
    (primary,) = query(path, "SELECT DISTINCT primary_value, first_stated FROM figure_claims WHERE document_url = ? "
                             "AND value = 1218", [NCA_EVIDENCE])
    assert primary[0] == 1218 and primary[1] < date(2020, 10, 7)  # the press reported it before the paper


def test_demo_timeline_reads_the_nca_takedowns_as_one_series(demo):
    path, _ = demo
    years = {r[0] for r in query(path, "SELECT year(figure_date) FROM figure_timeline WHERE actor_key = 'NCA' "
                                       "AND measure = 'removed' AND unit = 'count'")}
    assert {2020, 2023, 2024, 2025} <= years


def test_demo_report_links_every_figure_to_its_source(demo):
    path, _ = demo
    report = (path.parent / "report" / "index.html").read_text()
    assert "<svg" in report and NCA_EVIDENCE in report
    assert "conflicting" in report and "Takedowns over time" in report
