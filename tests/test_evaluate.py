"""Scoring a labelled corpus: matches, misses, false hits and field errors are counted as the devset does."""

import json

from pipeline.evaluate import evaluate_corpus, report


def _doc(folder, name, html, url, published="2024-03-01"):
    (folder / f"{name}.html").write_text(html)
    (folder / f"{name}.html.meta.json").write_text(json.dumps({"url": url, "published": published}))


def test_evaluate_counts_matches_misses_false_hits_and_field_errors(tmp_path):
    _doc(tmp_path, "a", "<html><body><main><h1>Takedowns</h1><p>In 2023 the unit referred 640 posts to TikTok. "
                        "Of these, 512 were removed.</p><p>Officials said TikTok and Instagram cooperated.</p>"
                        "</main></body></html>", "https://example.org/a")
    figure = {"unit": "count", "qualifier": "exact", "period_start": "2023-01-01", "period_end": "2023-12-31",
              "as_of": None, "platforms": ["tiktok"]}
    gold = [
        {"file": "a.html", "url": "https://example.org/a", "published": "2024-03-01", "scored": True,
         "figures": [{**figure, "value": 640, "measure": "referred"},
                     {**figure, "value": 512, "measure": "removed"},
                     {**figure, "value": 99, "measure": "pending"}],  # not in the text: a miss
         "platforms": {"tiktok": 2, "instagram": 1, "youtube": 1}},  # youtube: a missing mention
    ]
    (tmp_path / "gold.json").write_text(json.dumps(gold))
    ev = evaluate_corpus(tmp_path)
    assert ev.figures["gold"] == 3 and ev.figures["tp"] == 2
    assert ev.misses == [{"file": "a.html", "value": 99, "unit": "count", "measure": "pending"}]
    assert ev.platforms["gold"] == 4 and ev.platforms["tp"] == 3
    assert ev.platform_errors == [{"file": "a.html", "missing": {"youtube": 1}, "extra": {}}]
    text = report(ev)
    assert "misses (in gold, not extracted): 1" in text and "a.html: 99 count pending" in text


def test_a_corpus_without_gold_is_refused(tmp_path):
    import pytest

    with pytest.raises(FileNotFoundError, match="no gold.json"):
        evaluate_corpus(tmp_path)
