"""Keeping the warehouse current without anyone at the keyboard: the daily refresh, freshness
expectations that make a missed day visible, and the alerts sensor."""

from datetime import UTC, datetime, timedelta

import dagster as dg

from assets.resources import EvidencePipeline
from pipeline import alerts, warehouse

DAILY_CRON, TIMEZONE = "0 6 * * *", "Europe/London"

refresh_job = dg.define_asset_job(
    "daily_refresh", selection=dg.AssetSelection.all(),
    description="Every source incrementally, then extraction of what changed, summaries, publish and report.")

# Published tables are expected by 09:00 London time, materialised in the 24 hours before: a run that failed
# or never started turns them overdue in the UI.
PUBLISHED_FRESHNESS = dg.FreshnessPolicy.cron(deadline_cron="0 9 * * *", lower_bound_delta=timedelta(hours=24),
                                              timezone=TIMEZONE)


def daily_schedule(running: bool) -> dg.ScheduleDefinition:
    """Running by default for the live target; the demo's schedule is there to switch on by hand."""
    return dg.ScheduleDefinition(
        name="daily_refresh_schedule", job=refresh_job, cron_schedule=DAILY_CRON, execution_timezone=TIMEZONE,
        default_status=dg.DefaultScheduleStatus.RUNNING if running else dg.DefaultScheduleStatus.STOPPED,
        description="06:00 Europe/London: refresh every source incrementally and republish.")


class AlertSink(dg.ConfigurableResource):
    """Where alerts go: a log file (always, when set) and a webhook (when set)."""

    log_path: str | None = None
    webhook_url: str | None = None


def _failed_checks(context: dg.SensorEvaluationContext, after_id: int | None) -> tuple[list[alerts.AlertEvent], int]:
    """Failed evaluations of this code location's asset checks recorded after `after_id`."""
    storage = context.instance.event_log_storage
    events, latest = [], after_id or 0
    for key in context.repository_def.asset_graph.asset_check_keys:
        for record in storage.get_asset_check_execution_history(key, limit=100):
            latest = max(latest, record.id)
            if after_id is not None and record.id <= after_id:
                break  # newest first: the rest were seen on an earlier tick
            if record.status.value != "FAILED":
                continue
            evaluation = record.event.dagster_event.event_specific_data if record.event else None
            severity = evaluation.severity.value.lower() if evaluation else "error"
            events.append(alerts.AlertEvent(
                kind="check_failed", key=f"check:{record.id}",
                at=datetime.fromtimestamp(record.create_timestamp, UTC).isoformat(timespec="seconds"),
                summary=f"check {key.name} on {key.asset_key.to_user_string()} failed ({severity})",
                details={"run_id": record.run_id}))
    return sorted(events, key=lambda e: e.at), latest


def _latest_figure(evidence: EvidencePipeline,
                   after: datetime | None) -> tuple[list[alerts.AlertEvent], datetime | None]:
    if not evidence.published_path.exists():
        return [], after
    con = warehouse.connect(evidence.published_path, read_only=True)
    try:
        if after is None:
            return [], alerts.latest_first_seen(con)
        events = alerts.new_figure_events(con, after)
    finally:
        con.close()
    return events, max([after, *(datetime.fromisoformat(e.at) for e in events)])


@dg.sensor(name="alerts", minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Writes a line per new referral figure in the published warehouse and per failed asset "
                       "check to the alert sink; its cursor makes sure no event is sent twice.")
def alerts_sensor(context: dg.SensorEvaluationContext, evidence: EvidencePipeline, alert_sink: AlertSink):
    """The first tick only notes where things stand, so switching alerts on does not replay the archive;
    later ticks send what came after. The cursor moves only once the events are delivered."""
    state = alerts.loads_cursor(context.cursor)
    first = not state
    check_events, check_id = _failed_checks(context, None if first else state.get("check_id", 0))
    seen_at = None if first or not state.get("figure_seen_at") else datetime.fromisoformat(state["figure_seen_at"])
    if not first and seen_at is None:
        seen_at = datetime.min
    figure_events, seen_at = _latest_figure(evidence, seen_at)
    events = [] if first else [*check_events, *figure_events]
    alerts.deliver(events, alert_sink.log_path or str(evidence.published_path.parent / "alerts.log"),
                   alert_sink.webhook_url)
    context.update_cursor(alerts.dumps_cursor({
        "check_id": check_id, "figure_seen_at": seen_at.isoformat() if seen_at else None}))
    return dg.SkipReason("alerts start from now" if first else f"sent {len(events)} alerts")
