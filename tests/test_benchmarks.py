"""The benchmark still runs end to end on a tiny archive, so it cannot rot between uses.
This times nothing: the figures are in docs/performance.md, measured with the full sizes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_runs_every_job_on_a_tiny_archive(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--sizes", "30", "--repeats", "1", "--pool", "4",
         "--sample-html", "6", "--sample-pdf", "2", "--work", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    for job in ("html-30", "pdf-30", "bs4-html-sample", "plumber-pdf-sample", "fast-html-sample", "fast-pdf-sample"):
        assert f"| {job} |" in out.stdout, job
    assert "whole archive (30 documents) re-processed and published" in out.stdout
    results = json.loads((tmp_path / "results.json").read_text())
    assert results
