"""The Dagster UI for real: `dagster dev` (webserver, daemon and code server) on a free loopback port
against a temporary DAGSTER_HOME and the demo target, driven by headless Chromium through
Playwright the way a person would use it: open the asset graph, press "Materialize all", wait for
the run, and look at what it built.

Needs Debian's chromium package (.ci/run installs it) and the playwright Python package, whose own
browser download is never used. Without them the test skips, unless EVIDENCE_REQUIRE_SYSTEM_DEPS=1
(set by CI), where they are required.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from system_deps import CHROMIUM_ARGS, chromium_path, missing

from pipeline import warehouse

REPO_ROOT = Path(__file__).resolve().parent.parent
NCA_EVIDENCE = "https://committees.parliament.uk/writtenevidence/12615/html/"
SERVER_START_S = 150
RUN_FINISH_S = 240
TERMINAL = {"SUCCESS", "FAILURE", "CANCELED"}
EXTRACT_ASSETS = ("documents", "referral_figures", "platform_mentions")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_instance(home: Path) -> None:
    """The repository's dagster.yaml with its storage folders moved into `home`: its relative
    paths would otherwise resolve against the working directory, i.e. the checkout's .dagster/."""
    config = yaml.safe_load((REPO_ROOT / "dagster.yaml").read_text())
    config["storage"] = {"sqlite": {"base_dir": str(home / "storage")}}
    config["local_artifact_storage"]["config"]["base_dir"] = str(home)
    config["compute_logs"]["config"]["base_dir"] = str(home / "logs")
    (home / "dagster.yaml").write_text(yaml.safe_dump(config))


def log_tail(log: Path, chars: int = 3000) -> str:
    return log.read_text(errors="replace")[-chars:] if log.exists() else "(no log)"


def graphql(base: str, query: str) -> dict:
    request = urllib.request.Request(f"{base}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.load(response)
    assert "errors" not in body, body["errors"]
    return body["data"]


RUNS = "{ runsOrError { __typename ... on Runs { results { runId status tags { key value } } } } }"


def runs(base: str) -> list[dict]:
    """Every run, newest first."""
    found = graphql(base, RUNS)["runsOrError"]
    assert found["__typename"] == "Runs", found
    return found["results"]


def launched_by_hand(run: dict) -> bool:
    """Sensors and schedules may start runs of their own while the test waits; ours has no such tag."""
    return not any(t["key"] in ("dagster/sensor_name", "dagster/schedule_name") for t in run["tags"])


@pytest.fixture
def dagster_dev(tmp_path) -> Iterator[tuple[str, Path, Path]]:
    """A running `dagster dev` as an engineer starts it from the checkout; yields its address, the
    published warehouse path and its log. Torn down as a whole process group: it spawns the
    webserver, the daemon, code servers and run workers."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    write_instance(home)
    published = tmp_path / "warehouse" / "evidence.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EVIDENCE_", "DAGSTER_"))}
    env.update(DAGSTER_HOME=str(home), EVIDENCE_TARGET="demo", EVIDENCE_WAREHOUSE=str(published))
    port = free_port()
    log = tmp_path / "dagster-dev.log"
    dagster = Path(sys.executable).parent / "dagster"
    with log.open("wb") as out:
        proc = subprocess.Popen([str(dagster), "dev", "-p", str(port), "-h", "127.0.0.1"], cwd=REPO_ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"dagster dev exited with {proc.returncode}:\n{log_tail(log)}")
            try:
                with urllib.request.urlopen(f"{base}/server_info", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"dagster dev did not answer on {base} within {SERVER_START_S}s:\n{log_tail(log)}")
            time.sleep(1)
        yield base, published, log
    finally:
        stop_group(proc)


def stop_group(proc: subprocess.Popen) -> None:
    """`dagster dev` can take minutes to wind its children down after SIGTERM; give it a few
    seconds, then kill what is left of the group."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    except ProcessLookupError:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


@pytest.fixture
def chromium() -> str:
    """Checked before `dagster dev` starts, so a machine without a browser skips at once."""
    executable = chromium_path()
    if executable is None:
        missing("Chromium not found at /usr/bin/chromium; apt-get install chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("the playwright Python package is not installed; pip install playwright (no browser download)")
    return executable


def test_materialize_all_from_the_asset_graph_builds_the_warehouse(chromium, dagster_dev, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    base, published, log = dagster_dev
    graph_png, run_png = tmp_path / "extract-group.png", tmp_path / "run.png"

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(f"{base}/asset-groups")
            materialize = page.get_by_role("button", name="Materialize all")
            materialize.wait_for()
            before = {r["runId"] for r in runs(base)}
            materialize.click()

            deadline = time.monotonic() + RUN_FINISH_S
            run = None
            while time.monotonic() < deadline:
                new = [r for r in runs(base) if r["runId"] not in before and launched_by_hand(r)]
                run = new[-1] if new else None  # the oldest: the click came before any automation
                if run and run["status"] in TERMINAL:
                    break
                time.sleep(2)
            assert run is not None, f"pressing Materialize all launched no run:\n{log_tail(log)}"

            # What a person checks: the run page's log reaches its last event, and the extract
            # group's graph shows its assets as materialized.
            page.goto(f"{base}/runs/{run['runId']}")
            page.get_by_text(f"RUN_{run['status']}", exact=True).first.wait_for()
            page.screenshot(path=str(run_png))
            page.goto(f"{base}/locations/evidence_pipeline/asset-groups/extract")
            for name in EXTRACT_ASSETS:
                page.get_by_text(name, exact=True).first.wait_for()
            materialized = page.get_by_text("Materialized", exact=True)
            with contextlib.suppress(AssertionError):  # judged below, after the screenshot
                expect(materialized).to_have_count(len(EXTRACT_ASSETS), timeout=90_000)
            page.screenshot(path=str(graph_png))
            shown_materialized = materialized.count()
        finally:
            browser.close()

    assert run["status"] == "SUCCESS", f"run {run['runId']} ended {run['status']}; see {run_png}\n{log_tail(log)}"
    assert shown_materialized == len(EXTRACT_ASSETS), (
        f"the extract group shows {shown_materialized} of {len(EXTRACT_ASSETS)} assets materialized; see {graph_png}")
    assert published.exists(), f"the run published no warehouse at {published}"
    con = warehouse.connect(published, read_only=True)
    try:
        figures = dict(con.execute("""SELECT f.value, f.measure FROM referral_figures f JOIN documents d USING (doc_id)
                                      WHERE d.url = ?""", [NCA_EVIDENCE]).fetchall())
    finally:
        con.close()
    assert {1218: "referred", 578: "removed", 485: "not_removed", 155: "pending"}.items() <= figures.items(), (
        f"NCA figures missing from {published}: {figures}; screenshots {graph_png}, {run_png}")
