"""How good extraction is today, shown in the UI: the labelled corpus scored on every run."""

import dagster as dg

from assets.resources import REPO_ROOT
from pipeline.evaluate import evaluate_corpus

BUNDLED_CORPUS = REPO_ROOT / "tests" / "corpus"
# The targets the project holds extraction to (issue 4): below them the check warns.
TARGET_FIGURE_F1, TARGET_PLATFORM_F1, TARGET_FIELD_ACCURACY = 0.95, 0.98, 0.9


@dg.asset_check(asset="referral_figures", name="extraction_quality",
                description="Runs parsing and extraction over the bundled labelled corpus (tests/corpus) and "
                            "publishes precision, recall and F1 of figures and mentions and each field's accuracy.")
def extraction_quality() -> dg.AssetCheckResult:
    if not (BUNDLED_CORPUS / "gold.json").exists():
        return dg.AssetCheckResult(passed=False, severity=dg.AssetCheckSeverity.WARN,
                                   metadata={"reason": f"no labelled corpus at {BUNDLED_CORPUS}"})
    ev = evaluate_corpus(BUNDLED_CORPUS)
    low_fields = {k: v for k, v in ev.fields.items() if k != "platforms" and v < TARGET_FIELD_ACCURACY}
    passed = (ev.figures["f1"] >= TARGET_FIGURE_F1 and ev.platforms["f1"] >= TARGET_PLATFORM_F1
              and not low_fields)
    return dg.AssetCheckResult(
        passed=passed, severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "figures_f1": ev.figures["f1"], "figures_precision": ev.figures["precision"],
            "figures_recall": ev.figures["recall"], "gold_figures": ev.figures["gold"],
            "platforms_f1": ev.platforms["f1"],
            **{f"accuracy_{k}": v for k, v in ev.fields.items()},
            "misses": len(ev.misses), "false_hits": len(ev.false_hits),
            "corpus": dg.MetadataValue.path(str(BUNDLED_CORPUS)),
        })
