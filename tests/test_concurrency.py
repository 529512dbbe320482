"""An analyst holding the published warehouse open in another process, for a whole run, neither
blocks the run nor is blocked by it, and sees the previous version until the publish."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

from support import run_graph

ANALYST = textwrap.dedent("""
    import json, os, sys, time, duckdb
    path, stop = sys.argv[1], sys.argv[2]
    con = duckdb.connect(path, read_only=True)   # held for the whole run
    count = lambda c: c.execute("SELECT count(*) FROM documents").fetchone()[0]
    print(json.dumps({"ready": count(con)}), flush=True)
    seen, errors = set(), []
    queries = 0
    while not os.path.exists(stop):  # query continuously, through the whole run, until told to stop
        try:
            seen.add(count(con))
            queries += 1
        except Exception as e:
            errors.append(str(e))
        time.sleep(0.02)
    con.close()  # DuckDB shares one open database per process: reconnecting means closing first
    fresh = duckdb.connect(path, read_only=True)
    print(json.dumps({"held": sorted(seen), "errors": errors, "fresh": count(fresh), "queries": queries}),
          flush=True)
""")


def _write_doc(folder, name, n):
    (folder / f"{name}.txt").write_text(f"Report {name}\n\nIn 2023 the team referred {n} accounts to X.\n")


def test_analyst_and_run_do_not_block_each_other(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    _write_doc(folder, "a", 100)
    config = tmp_path / "sources.yaml"
    config.write_text(f"sources:\n  - name: folder\n    kind: directory\n    path: {folder}\n")
    published = tmp_path / "evidence.duckdb"
    assert run_graph(config, published).success

    stop = tmp_path / "stop"
    analyst = subprocess.Popen([sys.executable, "-c", ANALYST, str(published), str(stop)],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert json.loads(analyst.stdout.readline()) == {"ready": 1}
        _write_doc(folder, "b", 200)
        started = time.monotonic()
        result = run_graph(config, published)  # the analyst's read lock is held throughout
        elapsed = time.monotonic() - started
        assert result.success
        time.sleep(0.2)  # let the analyst query the old connection after the publish too
        stop.touch()
        report = json.loads(analyst.stdout.readline())
    finally:
        analyst.kill()
        analyst.wait()
    assert report["errors"] == []
    assert report["held"] == [1]  # the open connection keeps the version it opened
    assert report["fresh"] == 2  # a new connection sees the published run
    assert report["queries"] >= 5
    assert elapsed < 60
