"""How right extraction is: the pipeline run over a labelled corpus and scored against its gold.

A corpus is a folder of documents with `.meta.json` sidecars and a `gold.json` in the devset's
format. Scoring follows the devset's rules (documents matched by url; figures matched on value,
unit and measure as a multiset per document; the other fields scored on matched pairs; platform
mentions counted per document and platform), so our figures and the devset's are comparable; on
top it lists every miss and false hit, with the sentence of each false hit, for a person to read.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipeline import warehouse
from pipeline.config import SourceConfig
from pipeline.ingest import collect_source, record_source
from pipeline.process import process_pending
from pipeline.raw import RawStore

FIELDS = ("qualifier", "period_start", "period_end", "as_of", "platforms")
_ALIASES = {"x": "twitter", "vk": "vkontakte", "baidubbs": "baidu", "baidutieba": "baidu",
            "facebookmessenger": "messenger", "xformerlytwitter": "twitter"}


def _platform(name: str) -> str:
    key = re.sub(r"[^a-z0-9]", "", name.lower())
    return _ALIASES.get(key, key)


def _day(value) -> str | None:
    return None if value is None else str(value)[:10]


def _key(f: dict) -> tuple:
    return (round(float(f["value"]), 2), "percent" if f["unit"] == "percent" else "count", f["measure"])


@dataclass
class Evaluation:
    figures: dict[str, float]
    platforms: dict[str, float]
    fields: dict[str, float]
    misses: list[dict] = field(default_factory=list)  # gold figures not extracted
    false_hits: list[dict] = field(default_factory=list)  # extracted figures not in gold
    field_errors: list[dict] = field(default_factory=list)  # matched figures with a wrong field
    platform_errors: list[dict] = field(default_factory=list)
    documents_missing: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return self.__dict__


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    p = tp / predicted if predicted else (1.0 if not gold else 0.0)
    r = tp / gold if gold else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "predicted": predicted, "gold": gold}


def score(con: duckdb.DuckDBPyConnection, gold: list[dict]) -> Evaluation:
    urls = dict(con.execute("SELECT url, doc_id FROM documents").fetchall())
    predicted: dict[str, list[dict]] = defaultdict(list)
    for row in con.execute("""SELECT d.url, f.value, f.unit, f.measure, f.qualifier, f.period_start, f.period_end,
                                     f.as_of, f.platforms, f.sentence
                              FROM referral_figures f JOIN documents d USING (doc_id)
                              ORDER BY d.url, f.char_start""").fetchall():
        url, value, unit, measure, qualifier, ps, pe, ao, platforms, sentence = row
        predicted[url].append({"value": value, "unit": unit, "measure": measure, "qualifier": qualifier,
                               "period_start": _day(ps), "period_end": _day(pe), "as_of": _day(ao),
                               "platforms": sorted({_platform(p) for p in platforms or []}), "sentence": sentence})
    mentions: dict[str, Counter] = defaultdict(Counter)
    for url, platform in con.execute("SELECT d.url, m.platform FROM platform_mentions m JOIN documents d "
                                     "USING (doc_id)").fetchall():
        mentions[url][_platform(platform)] += 1

    ev = Evaluation({}, {}, {})
    tp = n_pred = n_gold = ptp = pn_pred = pn_gold = 0
    hits, totals = Counter(), Counter()
    for g in (g for g in gold if g.get("scored", True)):
        url = g["url"]
        if url not in urls:
            ev.documents_missing.append(g["file"])
        pool: dict[tuple, list[dict]] = defaultdict(list)
        for f in predicted.get(url, []):
            pool[_key(f)].append(f)
        n_pred += len(predicted.get(url, []))
        n_gold += len(g["figures"])
        for gf in g["figures"]:
            gf = {**gf, "platforms": sorted({_platform(p) for p in gf.get("platforms", [])})}
            candidates = pool.get(_key(gf))
            if not candidates:
                ev.misses.append({"file": g["file"], **{k: gf[k] for k in ("value", "unit", "measure")}})
                continue
            best = max(candidates, key=lambda pf: sum(pf[x] == gf[x] for x in FIELDS))
            candidates.remove(best)
            tp += 1
            wrong = {}
            for x in FIELDS:
                if x != "platforms" and x != "qualifier" and gf[x] is None:
                    continue  # the devset scores spurious dates separately; we report them as errors below
                totals[x] += 1
                hits[x] += best[x] == gf[x]
                if best[x] != gf[x]:
                    wrong[x] = {"gold": gf[x], "extracted": best[x]}
            for x in ("period_start", "period_end", "as_of"):
                if gf[x] is None and best[x] is not None:
                    wrong[x] = {"gold": None, "extracted": best[x]}
            if wrong:
                ev.field_errors.append({"file": g["file"], "value": gf["value"], "measure": gf["measure"],
                                        "wrong": wrong, "sentence": best["sentence"]})
        for leftovers in pool.values():
            ev.false_hits += [{"file": g["file"], "value": f["value"], "unit": f["unit"], "measure": f["measure"],
                               "sentence": f["sentence"]} for f in leftovers]
        gp = Counter({_platform(k): v for k, v in g.get("platforms", {}).items()})
        pp = mentions.get(url, Counter())
        ptp += sum(min(c, pp[k]) for k, c in gp.items())
        pn_pred += sum(pp.values())
        pn_gold += sum(gp.values())
        if gp != pp:
            ev.platform_errors.append({"file": g["file"], "missing": dict(gp - pp), "extra": dict(pp - gp)})
    ev.figures = _prf(tp, n_pred, n_gold)
    ev.platforms = _prf(ptp, pn_pred, pn_gold)
    ev.fields = {x: round(hits[x] / totals[x], 3) for x in FIELDS if totals[x]}
    return ev


def build(corpus: Path, workdir: Path) -> Path:
    """Runs collection, parsing and extraction over the corpus folder into workdir/corpus.duckdb:
    the same functions the Dagster assets call, without the orchestration around them."""
    cfg = SourceConfig(name="corpus", kind="directory", options={"path": str(corpus)}, file=str(corpus))
    raw = RawStore(workdir / "raw")
    path = workdir / "corpus.duckdb"
    con = warehouse.connect(path)
    try:
        warehouse.ensure_schema(con)
        record_source(con, collect_source(cfg, None, raw, None), run_id="eval")
        process_pending(con, str(workdir / "raw"), workers=1)
    finally:
        con.close()
    return path


def evaluate_corpus(corpus: str | Path) -> Evaluation:
    corpus = Path(corpus)
    gold_path = corpus / "gold.json"
    if not gold_path.exists():
        raise FileNotFoundError(f"{corpus}: no gold.json (a labelled corpus holds documents, sidecars and gold.json)")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="evidence-eval-") as tmp:
        con = duckdb.connect(str(build(corpus, Path(tmp))), read_only=True)
        try:
            return score(con, gold)
        finally:
            con.close()


def report(ev: Evaluation) -> str:
    f, p = ev.figures, ev.platforms
    lines = [
        f"figures    P={f['precision']:.3f} R={f['recall']:.3f} F1={f['f1']:.3f}  "
        f"({f['tp']} matched, {f['predicted']} extracted, {f['gold']} in gold)",
        f"platforms  P={p['precision']:.3f} R={p['recall']:.3f} F1={p['f1']:.3f}  "
        f"({p['tp']} matched, {p['predicted']} extracted, {p['gold']} in gold)",
        "fields     " + "  ".join(f"{k}={v:.3f}" for k, v in ev.fields.items()),
    ]
    if ev.documents_missing:
        lines.append(f"documents missing: {', '.join(ev.documents_missing)}")
    for title, rows, fmt in (
        ("misses (in gold, not extracted)", ev.misses, lambda m: f"{m['file']}: {m['value']:g} {m['unit']} "
                                                                 f"{m['measure']}"),
        ("false hits (extracted, not in gold)", ev.false_hits, lambda m: f"{m['file']}: {m['value']:g} "
                                                                          f"{m['unit']} {m['measure']} — "
                                                                          f"{m['sentence']}"),
        ("wrong fields", ev.field_errors, lambda m: f"{m['file']}: {m['value']:g} {m['measure']}: " + "; ".join(
            f"{k} gold {v['gold']} got {v['extracted']}" for k, v in m["wrong"].items())),
        ("platform counts", ev.platform_errors, lambda m: f"{m['file']}: missing {m['missing']} extra {m['extra']}"),
    ):
        if rows:
            lines.append(f"\n{title}: {len(rows)}")
            lines += [f"  {fmt(r)}" for r in rows]
    return "\n".join(lines)
