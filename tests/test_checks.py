"""The extraction checks fire on the rows they guard, and a halved table warns without blocking."""

from __future__ import annotations

import dagster as dg
from support import query, run_graph

from assets.definitions import build_definitions


def _folder(tmp_path, docs: dict[str, str]):
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for name, body in docs.items():
        (folder / f"{name}.txt").write_text(f"{name}\n\n{body}\n")
    config = tmp_path / "sources.yaml"
    config.write_text(f"sources:\n  - name: folder\n    kind: directory\n    path: {folder}\n")
    return config


def _checks(result):
    return {(e.asset_key.to_user_string(), e.asset_check_key.name): e for e in result.get_asset_check_evaluations()}


def test_invariants_pass_on_clean_extraction(tmp_path):
    config = _folder(tmp_path, {"a": "In 2023 the unit referred 640 posts to TikTok. Of these, 512 were removed."})
    result = run_graph(config, tmp_path / "w.duckdb")
    checks = _checks(result)
    for key in [("referral_figures", "not_dated_after_publication"), ("platform_mentions", "platforms_canonical"),
                ("documents", "every_document_has_a_parse_status"),
                ("referral_figures", "figure_platforms_canonical")]:
        assert checks[key].passed, key


def test_figure_dated_after_its_publication_blocks_the_publish(tmp_path):
    folder = tmp_path / "docs"
    config = _folder(tmp_path, {"a": "As of 3 September 2021, 578 pages had been removed."})
    (folder / "a.txt.meta.json").write_text('{"url": "https://example.org/a", "published": "2021-01-10"}')
    result = run_graph(config, tmp_path / "w.duckdb")
    check = _checks(result)[("referral_figures", "not_dated_after_publication")]
    assert not check.passed and check.metadata["failing_rows"].value == 1
    assert not result.success and not (tmp_path / "w.duckdb").exists()  # blocking: nothing published


def test_row_count_halving_warns_but_publishes(tmp_path, monkeypatch):
    many = {f"d{i}": f"In 2023 the unit referred {100 + i} posts to TikTok." for i in range(4)}
    path = tmp_path / "w.duckdb"
    defs = build_definitions(str(_folder(tmp_path, many)), "demo", str(path), workers=1, quality_check=False)
    job = defs.resolve_implicit_global_asset_job_def()
    with dg.DagsterInstance.ephemeral() as instance:  # one instance: the second run sees the first's counts
        assert job.execute_in_process(instance=instance).success
        # a broken extractor release: every document is re-extracted and yields nothing
        monkeypatch.setattr("pipeline.process.EXTRACTOR_VERSION", "broken")
        monkeypatch.setattr("pipeline.process.extract", lambda doc, published: ([], []))
        result = job.execute_in_process(instance=instance)
    assert result.success  # a warning, not a block
    halved = _checks(result)[("referral_figures", "row_count_not_halved")]
    assert not halved.passed and halved.metadata["previous_rows"].value == 4
    assert halved.severity == dg.AssetCheckSeverity.WARN
    assert _checks(result)[("documents", "row_count_not_halved")].passed
    assert query(path, "SELECT count(*) FROM referral_figures") == [(0,)]
