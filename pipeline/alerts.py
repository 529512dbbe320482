"""Alert events and where they go: a line per event in a log file, and a JSON POST to a webhook
when one is configured.

Events are identified by a stable key (the statement key of a new figure, the storage id of a
check evaluation) so that whoever calls this can remember what it already sent and never send it
twice.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import requests


@dataclass(frozen=True)
class AlertEvent:
    kind: str  # new_figure | check_failed
    key: str
    at: str  # ISO timestamp of the event
    summary: str  # one line for a person
    url: str | None = None
    details: dict | None = None

    def line(self) -> str:
        return f"{self.at}\t{self.kind}\t{self.summary}" + (f"\t{self.url}" if self.url else "")


def latest_first_seen(con: duckdb.DuckDBPyConnection) -> datetime | None:
    if not _has_table(con, "figure_first_seen"):
        return None
    return con.execute("SELECT max(first_seen_at) FROM figure_first_seen").fetchone()[0]


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()[0])


def new_figure_events(con: duckdb.DuckDBPyConnection, after: datetime | None) -> list[AlertEvent]:
    """Statements first loaded after `after`, read from the published warehouse.

    `figure_first_seen` rather than `new_figures`, because two runs between two alert checks would
    otherwise hide the first run's figures."""
    if not _has_table(con, "figure_first_seen"):
        return []
    rows = con.execute("""
        SELECT s.statement_key, s.first_seen_at, f.value, f.unit, f.measure, f.qualifier, f.item, f.actor,
               d.url, d.title, f.sentence
        FROM figure_first_seen s
        JOIN referral_figures f ON f.statement_key = s.statement_key
        JOIN documents d ON d.doc_id = f.doc_id
        WHERE ? IS NULL OR s.first_seen_at > ?
        QUALIFY row_number() OVER (PARTITION BY s.statement_key ORDER BY f.figure_id) = 1
        ORDER BY s.first_seen_at, s.statement_key""", [after, after]).fetchall()
    events = []
    for key, seen, value, unit, measure, qualifier, item, actor, url, title, sentence in rows:
        amount = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
        amount += "%" if unit == "percent" else ""
        who = f" by {actor}" if actor else ""
        events.append(AlertEvent(
            kind="new_figure", key=key, at=seen.isoformat(),
            summary=f"{amount} {item or 'items'} {measure.replace('_', ' ')}{who} ({qualifier}) in {title!r}",
            url=url, details={"sentence": sentence}))
    return events


def deliver(events: list[AlertEvent], log_path: str | Path | None, webhook_url: str | None,
            timeout: float = 10.0) -> None:
    """Appends every event to the log and, if configured, posts them to the webhook in one batch.

    The webhook is posted first: if it fails the caller keeps its cursor and the same events are
    tried again, rather than being logged and then lost to the webhook."""
    if not events:
        return
    if webhook_url:
        response = requests.post(webhook_url, json={"events": [asdict(e) for e in events]}, timeout=timeout)
        response.raise_for_status()
    if log_path:
        path = Path(log_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            for event in events:
                log.write(event.line() + "\n")


def dumps_cursor(state: dict) -> str:
    return json.dumps(state, sort_keys=True)


def loads_cursor(cursor: str | None) -> dict:
    return json.loads(cursor) if cursor else {}
