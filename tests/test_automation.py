"""The daily schedule and the alerts sensor, evaluated as the daemon would."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg
import pytest

from assets.automation import AlertSink, alerts_sensor
from assets.definitions import build_definitions
from assets.resources import EvidencePipeline


def test_daily_schedule_runs_the_refresh_at_six_london_time_and_is_on_for_live_only(tmp_path):
    config = tmp_path / "s.yaml"
    config.write_text(f"sources:\n  - name: folder\n    kind: directory\n    path: {tmp_path}\n")
    live = build_definitions(str(config), "live", str(tmp_path / "w.duckdb"))
    demo = build_definitions(str(config), "demo", str(tmp_path / "w.duckdb"))
    (schedule,) = live.schedules
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 6 * * *", "Europe/London")
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING
    assert demo.schedules[0].default_status == dg.DefaultScheduleStatus.STOPPED
    with dg.DagsterInstance.ephemeral() as instance:
        context = dg.build_schedule_context(
            instance=instance, scheduled_execution_time=datetime(2026, 7, 1, 6, tzinfo=ZoneInfo("Europe/London")))
        (request,) = schedule.evaluate_tick(context).run_requests
    assert schedule.job_name == "daily_refresh"
    job = live.resolve_job_def("daily_refresh")
    assert {k.to_user_string() for k in job.asset_layer.executable_asset_keys} >= {
        "raw/folder", "documents", "referral_figures", "published_warehouse", "report"}
    assert request is not None


class Pipeline:
    """One folder source, one warehouse, one instance that keeps every run's events."""

    def __init__(self, tmp_path):
        self.folder = tmp_path / "docs"
        self.folder.mkdir()
        self.config = tmp_path / "sources.yaml"
        self.config.write_text(f"sources:\n  - name: folder\n    kind: directory\n    path: {self.folder}\n")
        self.warehouse = tmp_path / "evidence.duckdb"
        self.log = tmp_path / "alerts.log"
        self.instance = dg.DagsterInstance.ephemeral()

    def add(self, name: str, body: str) -> None:
        (self.folder / f"{name}.txt").write_text(f"{name}\n\n{body}\n")

    def run(self) -> dg.ExecuteInProcessResult:
        self.defs = build_definitions(str(self.config), "demo", str(self.warehouse), workers=1,
                                      quality_check=False)
        return self.defs.resolve_implicit_global_asset_job_def().execute_in_process(instance=self.instance,
                                                                               raise_on_error=False)

    def tick(self, cursor: str | None, webhook: str | None = None):
        context = dg.build_sensor_context(instance=self.instance, cursor=cursor, definitions=self.defs, resources={
            "evidence": EvidencePipeline(config_path=str(self.config), warehouse_path=str(self.warehouse)),
            "alert_sink": AlertSink(log_path=str(self.log), webhook_url=webhook)})
        alerts_sensor(context)
        return context.cursor

    def lines(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


@pytest.fixture
def pipeline(tmp_path):
    p = Pipeline(tmp_path)
    yield p
    p.instance.dispose()


def test_alerts_fire_once_per_new_figure_and_failed_check(pipeline, httpserver):
    pipeline.add("first", "In 2023 the unit referred 640 posts to TikTok.")
    assert pipeline.run().success
    cursor = pipeline.tick(None)  # the first tick starts from now: nothing is replayed
    assert pipeline.lines() == []

    pipeline.add("second", "In 2024 the unit referred 1,250 accounts to Telegram.")
    assert pipeline.run().success
    httpserver.expect_oneshot_request("/hook", method="POST").respond_with_data("ok")
    cursor = pipeline.tick(cursor, webhook=httpserver.url_for("/hook"))
    figures = [line for line in pipeline.lines() if "\tnew_figure\t" in line]
    assert len(figures) == 1 and "1,250 accounts referred" in figures[0]
    (request, _), = httpserver.log
    assert "new_figure" in [e["kind"] for e in json.loads(request.data)["events"]]

    sent = len(pipeline.lines())
    cursor = pipeline.tick(cursor)  # nothing new: nothing sent twice
    assert len(pipeline.lines()) == sent

    pipeline.add("third", "In 2024 the unit referred 300 posts to TikTok. Of these, 200 were removed and 150 "
                          "remain online.")
    result = pipeline.run()  # the blocking parts_within_total check fails
    assert not result.success
    pipeline.tick(cursor)
    new_lines = pipeline.lines()[sent:]
    assert any("\tcheck_failed\tcheck parts_within_total on referral_outcomes failed" in line for line in new_lines)


def test_a_failing_webhook_keeps_the_events_for_the_next_tick(pipeline, httpserver):
    pipeline.add("first", "In 2023 the unit referred 640 posts to TikTok.")
    assert pipeline.run().success
    cursor = pipeline.tick(None)
    pipeline.add("second", "In 2024 the unit referred 1,250 accounts to Telegram.")
    assert pipeline.run().success
    httpserver.expect_oneshot_request("/hook").respond_with_data("down", status=503)
    with pytest.raises(Exception, match="503"):
        pipeline.tick(cursor, webhook=httpserver.url_for("/hook"))
    assert pipeline.lines() == []
    httpserver.expect_oneshot_request("/hook").respond_with_data("ok")
    pipeline.tick(cursor, webhook=httpserver.url_for("/hook"))
    assert sum("1,250 accounts referred" in line for line in pipeline.lines()) == 1
