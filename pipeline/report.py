"""The analysts' report: one self-contained HTML page with charts drawn as inline SVG.

Self-contained because it is opened from disk, mailed and archived, and because the machines it
is built on have no network: no scripts, fonts or styles are fetched. Every number in it links to
the document it came from and quotes the sentence that states it.
"""

from __future__ import annotations

import html
import math
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

OUTCOME_COLOURS = {"removed": "#2e7d32", "not_removed": "#c62828", "pending": "#f9a825", "unaccounted": "#bdbdbd"}
SERIES_COLOURS = ["#1565c0", "#6a1b9a", "#00838f", "#ef6c00", "#5d4037", "#ad1457", "#2e7d32", "#455a64"]
LABEL_COLOURS = {"consistent": "#2e7d32", "rounded": "#f9a825", "conflicting": "#c62828"}


def e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def fmt_num(value: float | None, unit: str = "count") -> str:
    if value is None:
        return "–"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return text + ("%" if unit == "percent" else "")


def fmt_period(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{start:%d %b %Y} – {end:%d %b %Y}"
    if start:
        return f"since {start:%d %b %Y}"
    return ""


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    rel = con.execute(sql)
    cols = [d[0] for d in rel.description]
    return [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]


def _source_link(url: str | None, title: str | None, sentence: str | None) -> str:
    quote = f'<q>{e(sentence)}</q>' if sentence else ""
    return f'<a href="{e(url)}">{e(title or url)}</a> {quote}'


def _nice_step(raw: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at least `raw`: axis ticks at round numbers."""
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def outcomes_section(con: duckdb.DuckDBPyConnection) -> str:
    rows = _rows(con, """SELECT * FROM referral_outcomes WHERE part_figures > 0
                         ORDER BY published_date, referral_figure_id""")
    if not rows:
        return "<p>No referral totals with outcomes yet.</p>"
    width, bar_h, label_w = 640, 22, 0
    parts_html = []
    for r in rows:
        total = r["referred"] or 1
        segments, x = [], label_w
        parts = [("removed", r["removed"]), ("not_removed", r["not_removed"]), ("pending", r["pending"])]
        accounted = sum(v or 0 for _, v in parts)
        if accounted < total:
            parts.append(("unaccounted", total - accounted))
        scale = width / max(total, accounted)
        for name, value in parts:
            if not value:
                continue
            w = value * scale
            segments.append(
                f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{bar_h}" fill="{OUTCOME_COLOURS[name]}">'
                f'<title>{e(name.replace("_", " "))}: {fmt_num(value)}</title></rect>')
            if w > 48:
                segments.append(f'<text x="{x + 4:.1f}" y="{bar_h - 6}" class="bar-label">{fmt_num(value)}</text>')
            x += w
        rate = f"{r['removal_rate'] * 100:.1f}% removed" if r["removal_rate"] is not None else ""
        heading = (f"<strong>{fmt_num(r['referred'])}</strong> {e(r['item'] or 'items')} referred"
                   f"{' by ' + e(r['actor']) if r['actor'] else ''}"
                   f"{', ' + fmt_period(r['period_start'], r['period_end']) if r['period_start'] else ''}"
                   f"{'; outcomes as of ' + r['as_of'].strftime('%d %b %Y') if r['as_of'] else ''}")
        parts_html.append(
            f'<figure class="outcome"><figcaption>{heading} <span class="muted">{e(rate)}; parts add up: '
            f'{e(r["parts_add_up"])}</span></figcaption>'
            f'<svg width="{width}" height="{bar_h}" role="img" aria-label="outcomes">{"".join(segments)}</svg>'
            f'<p class="source">{_source_link(r["document_url"], r["document_title"], r["sentence"])}</p></figure>')
    legend = "".join(f'<span class="key" style="background:{c}"></span>{e(n.replace("_", " "))} '
                     for n, c in OUTCOME_COLOURS.items())
    return f'<p class="legend">{legend}</p>' + "".join(parts_html)


def timeline_section(con: duckdb.DuckDBPyConnection) -> str:
    rows = _rows(con, """SELECT * FROM figure_timeline WHERE unit = 'count' AND figure_date IS NOT NULL
                         ORDER BY actor_key, measure, figure_date""")
    if not rows:
        return "<p>No dated figures yet.</p>"
    width, height, pad_l, pad_b, pad_t = 760, 320, 70, 40, 16
    d0 = min(r["figure_date"] for r in rows)
    d1 = max(r["figure_date"] for r in rows)
    span = max((d1 - d0).days, 1)
    top = max(r["value"] for r in rows)
    step = _nice_step(top / 4)
    ticks = max(1, math.ceil(top / step))
    vmax = step * ticks * 1.04
    x = lambda d: pad_l + (d - d0).days / span * (width - pad_l - 10)  # noqa: E731
    y = lambda v: height - pad_b - v / vmax * (height - pad_b - pad_t)  # noqa: E731
    series: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        series.setdefault((r["actor_key"], r["measure"]), []).append(r)
    out = [f'<line x1="{pad_l}" y1="{height - pad_b}" x2="{width - 10}" y2="{height - pad_b}" class="axis"/>',
           f'<line x1="{pad_l}" y1="{pad_t}" x2="{pad_l}" y2="{height - pad_b}" class="axis"/>']
    for i in range(ticks + 1):
        v = step * i
        out.append(f'<text x="{pad_l - 6}" y="{y(v) + 4:.1f}" class="tick" text-anchor="end">{fmt_num(v)}</text>')
    for year in range(d0.year, d1.year + 2):
        d = date(year, 1, 1)
        if d0 <= d <= d1:
            out.append(f'<line x1="{x(d):.1f}" y1="{pad_t}" x2="{x(d):.1f}" y2="{height - pad_b}" class="grid"/>'
                       f'<text x="{x(d):.1f}" y="{height - pad_b + 16}" class="tick" '
                       f'text-anchor="middle">{year}</text>')
    legend = []
    # Points, not lines: statements of one actor cover different spans (a year, "since 2021"), so a
    # line between them would draw a trend nobody stated. Running totals ("since ...") are hollow.
    for i, ((actor, measure), points) in enumerate(sorted(series.items())):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        for p in points:
            running = p["period_start"] is not None and p["period_end"] is None
            tip = (f"{fmt_num(p['value'])} {p['item'] or ''} {measure} ({p['qualifier']}), "
                   f"{p['date_basis']} {p['figure_date']:%d %b %Y}"
                   f"{', running total since ' + format(p['period_start'], '%b %Y') if running else ''}"
                   f" — {p['sentence']}")
            fill = f'fill="white" stroke="{colour}" stroke-width="2"' if running else f'fill="{colour}"'
            shape = (f'<rect x="{x(p["figure_date"]) - 4.5:.1f}" y="{y(p["value"]) - 4.5:.1f}" width="9" '
                     f'height="9" {fill}>' if measure == "referred" else
                     f'<circle cx="{x(p["figure_date"]):.1f}" cy="{y(p["value"]):.1f}" r="5" {fill}>')
            closing = "</rect>" if measure == "referred" else "</circle>"
            out.append(f'<a href="{e(p["document_url"])}">{shape}<title>{e(tip)}</title>{closing}</a>')
        legend.append(f'<span class="key" style="background:{colour}"></span>{e(actor)} {e(measure)} ')
    table = "".join(
        f"<tr><td>{e(r['actor_key'])}</td><td>{r['figure_date']:%d %b %Y}</td><td>{e(r['date_basis'])}</td>"
        f"<td>{e(r['measure'])}</td><td class='num'>{fmt_num(r['value'])}</td><td>{e(r['qualifier'])}</td>"
        f"<td>{_source_link(r['document_url'], r['document_title'], r['sentence'])}</td></tr>" for r in rows)
    return (f'<p class="legend">{"".join(legend)} (squares: referred; circles: removed; hollow: running '
            f'totals since a date)</p>'
            f'<svg width="{width}" height="{height}" role="img" aria-label="timeline">{"".join(out)}</svg>'
            f'<details><summary>The figures behind the chart</summary><table><tr><th>actor</th><th>date</th>'
            f'<th>basis</th><th>measure</th><th>value</th><th>qualifier</th><th>source</th></tr>{table}</table>'
            f'</details>')


def mentions_section(con: duckdb.DuckDBPyConnection) -> str:
    rows = _rows(con, """SELECT platform, strftime(month, '%Y-%m') AS month, sum(mentions) AS mentions
                         FROM platform_mentions_monthly GROUP BY ALL ORDER BY ALL""")
    if not rows:
        return "<p>No platform mentions yet.</p>"
    months = sorted({r["month"] for r in rows})
    totals: dict[str, int] = {}
    cells: dict[tuple[str, str], int] = {}
    for r in rows:
        totals[r["platform"]] = totals.get(r["platform"], 0) + r["mentions"]
        cells[(r["platform"], r["month"])] = r["mentions"]
    peak = max(cells.values())
    head = "".join(f"<th class='month'>{e(m)}</th>" for m in months)
    body = []
    for platform in sorted(totals, key=lambda p: (-totals[p], p)):
        tds = []
        for m in months:
            n = cells.get((platform, m), 0)
            alpha = 0 if not n else 0.15 + 0.85 * n / peak
            tds.append(f'<td class="heat" style="background:rgba(21,101,192,{alpha:.2f})" '
                       f'title="{e(platform)} {e(m)}: {n}">{n or ""}</td>')
        body.append(f"<tr><th>{e(platform)}</th>{''.join(tds)}<td class='num'>{totals[platform]}</td></tr>")
    return f"<table class='heatmap'><tr><th>platform</th>{head}<th>total</th></tr>{''.join(body)}</table>"


def claims_section(con: duckdb.DuckDBPyConnection) -> str:
    rows = _rows(con, "SELECT * FROM figure_claims WHERE documents > 1 ORDER BY documents DESC, claim_id, "
                      "is_primary DESC, published_date")
    if not rows:
        return "<p>No figure is repeated across documents yet.</p>"
    claims: dict[str, list[dict]] = {}
    for r in rows:
        claims.setdefault(r["claim_id"], []).append(r)
    out = []
    for statements in claims.values():
        p = statements[0]
        items = "".join(
            f'<tr><td><span class="badge" style="background:{LABEL_COLOURS[s["label"]]}">{e(s["label"])}</span>'
            f'</td><td class="num">{fmt_num(s["value"], s["unit"])}</td><td>{e(s["qualifier"])}</td>'
            f'<td>{e(s["published_date"])}</td><td>{e(s["document_kind"])}</td>'
            f'<td>{_source_link(s["document_url"], s["document_title"], s["sentence"])}</td></tr>'
            for s in statements)
        out.append(
            f'<section class="claim"><h3>{fmt_num(p["primary_value"], p["unit"])} {e(p["item"] or "")} '
            f'{e(p["measure"].replace("_", " "))}{" — " + e(p["actor"]) if p["actor"] else ""}</h3>'
            f'<p class="muted">{p["documents"]} documents, {p["statements"]} statements, '
            f'{p["conflicting_statements"]} conflicting; first stated {e(p["first_stated"])} in '
            f'<a href="{e(p["first_stated_url"])}">{e(p["first_stated_url"])}</a></p>'
            f'<table><tr><th>label</th><th>value</th><th>qualifier</th><th>published</th><th>kind</th>'
            f'<th>statement</th></tr>{items}</table></section>')
    return "".join(out)


def errors_section(con: duckdb.DuckDBPyConnection) -> str:
    rows = _rows(con, "SELECT source, stage, error, url, detail FROM ingest_errors ORDER BY source, url")
    if not rows:
        return "<p>No ingest errors in the latest run.</p>"
    body = "".join(f"<tr><td>{e(r['source'])}</td><td>{e(r['stage'])}</td><td>{e(r['error'])}</td>"
                   f"<td>{e(r['url'])}</td><td>{e(r['detail'])}</td></tr>" for r in rows)
    return ("<table><tr><th>source</th><th>stage</th><th>error</th><th>url</th><th>detail</th></tr>"
            f"{body}</table>")


STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1000px;color:#212121;
padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #e0e0e0;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:.2rem 0}.muted{color:#616161;font-size:.9em}.legend{font-size:.9em}
.key{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 .8em;vertical-align:-1px}
figure.outcome{margin:1rem 0}figcaption{margin-bottom:.3rem}.bar-label{fill:#fff;font-size:12px}
.source{font-size:.85em;color:#424242;margin:.2rem 0}q{color:#555;font-style:italic}
table{border-collapse:collapse;font-size:.88em;margin:.4rem 0}td,th{border-bottom:1px solid #eee;padding:.25rem .5rem;
text-align:left;vertical-align:top}.num{text-align:right;font-variant-numeric:tabular-nums}
.heatmap td.heat{text-align:center;min-width:1.6rem}.month{writing-mode:vertical-rl;font-weight:normal}
.badge{color:#fff;border-radius:3px;padding:0 .4em;font-size:.85em}.axis{stroke:#757575}.grid{stroke:#eeeeee}
.tick{font-size:11px;fill:#616161}.claim{margin:1.2rem 0}.stats span{margin-right:1.4rem}
"""


def render(con: duckdb.DuckDBPyConnection) -> str:
    stats = con.execute("""SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM referral_figures),
                                  (SELECT count(*) FROM platform_mentions),
                                  (SELECT count(DISTINCT source) FROM documents),
                                  (SELECT count(*) FROM ingest_errors)""").fetchone()
    built = datetime.now(UTC).strftime("%d %b %Y %H:%M UTC")
    sections = [
        ("Referral outcomes", "What happened to the pages, posts and accounts referred to platforms, per stated "
                              "total.", outcomes_section(con)),
        ("Takedowns over time, by actor", "Each point is a statement; hover for its sentence, click for its "
                                          "document.", timeline_section(con)),
        ("Platform mentions by month", "How often each platform is named, by month of publication.",
         mentions_section(con)),
        ("The same figure across documents", "Statements of one quantity, labelled against the most precise "
                                             "statement of it.", claims_section(con)),
        ("Ingest errors", "Documents that could not be fetched or parsed in the latest run.", errors_section(con)),
    ]
    body = "".join(f"<h2>{e(title)}</h2><p class='muted'>{e(lead)}</p>{content}" for title, lead, content in sections)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>evidence-pipeline report</title>"
            f"<style>{STYLE}</style></head><body><h1>Referral figures and platform mentions</h1>"
            f"<p class='stats muted'><span>{stats[0]} documents from {stats[3]} sources</span>"
            f"<span>{stats[1]} figures</span><span>{stats[2]} platform mentions</span>"
            f"<span>{stats[4]} ingest errors</span><span>built {built}</span></p>{body}</body></html>")


def write_report(con: duckdb.DuckDBPyConnection, out_dir: str | Path) -> Path:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = out / "index.html"
    tmp = out / ".index.html.tmp"
    tmp.write_text(render(con), encoding="utf-8")
    tmp.replace(target)
    return target
