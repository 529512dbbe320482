"""`evidence run` as a user runs it: a real process, real exit codes, the printed summary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

EVIDENCE = [sys.executable, "-m", "pipeline.cli"]
ROOT = Path(__file__).resolve().parent.parent


def evidence(*args, tmp_path):
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path / "dagster_home")}
    (tmp_path / "dagster_home").mkdir(exist_ok=True)
    return subprocess.run([*EVIDENCE, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


def test_run_on_a_folder_prints_a_summary_and_publishes(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Takedown figures\n\nIn 2022 the unit referred 1,500 accounts to Telegram.\n")
    config = tmp_path / "sources.yaml"
    config.write_text(f"sources:\n  - name: folder\n    kind: directory\n    path: {folder}\n")
    out = evidence("run", "--config", str(config), "--warehouse", str(tmp_path / "w.duckdb"), tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "documents   1 (1 parsed)" in out.stdout
    assert "figures     1" in out.stdout
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    assert con.execute("SELECT value, platforms FROM referral_figures").fetchall() == [(1500, ["Telegram"])]


def test_bad_config_exits_2_naming_the_line(tmp_path):
    config = tmp_path / "sources.yaml"
    config.write_text("sources:\n  - name: folder\n    kind: directroy\n")
    out = evidence("run", "--config", str(config), tmp_path=tmp_path)
    assert out.returncode == 2
    assert f"{config}:2: source 'folder' has unknown kind 'directroy'" in out.stderr


def test_failed_run_exits_non_zero_with_one_clear_line(tmp_path):
    config = tmp_path / "sources.yaml"
    config.write_text(f"sources:\n  - name: folder\n    kind: directory\n    path: {tmp_path / 'missing'}\n")
    out = evidence("run", "--config", str(config), "--warehouse", str(tmp_path / "w.duckdb"), tmp_path=tmp_path)
    assert out.returncode == 1
    assert "is not a folder" in out.stderr
    assert not (tmp_path / "w.duckdb").exists()
