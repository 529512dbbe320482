"""The documented switch to PostgreSQL storage, against a real server: deploy/dagster.postgres.yaml
is copied into a fresh DAGSTER_HOME, a throwaway PostgreSQL cluster is started on 127.0.0.1, and the
pipeline runs through Dagster on that instance.

Needs Debian's postgresql package (.ci/run installs it). Without it the test skips, unless
EVIDENCE_REQUIRE_SYSTEM_DEPS=1 (set by CI), where a missing server is a failure.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from glob import glob
from pathlib import Path

import dagster as dg
import pytest
import yaml
from system_deps import missing

from assets.definitions import build_definitions
from pipeline import warehouse

REPO_ROOT = Path(__file__).resolve().parent.parent
DEPLOY_CONFIG = REPO_ROOT / "deploy" / "dagster.postgres.yaml"


def postgres_bindir() -> Path | None:
    """Debian keeps the server binaries off PATH, one folder per major version; take the newest."""
    debian = sorted(glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[4]))
    if debian:
        return Path(debian[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str
    password: str
    db: str

    def env(self) -> dict[str, str]:
        """The variables deploy/dagster.postgres.yaml reads."""
        return {"DAGSTER_PG_HOST": self.host, "DAGSTER_PG_PORT": str(self.port), "DAGSTER_PG_USER": self.user,
                "DAGSTER_PG_PASSWORD": self.password, "DAGSTER_PG_DB": self.db}

    def connect(self, db: str | None = None):
        import psycopg2

        return psycopg2.connect(host=self.host, port=self.port, user=self.user, password=self.password,
                                dbname=db or self.db, connect_timeout=10)


@pytest.fixture
def postgres() -> Iterator[Server]:
    """A private cluster in a temporary folder, listening on 127.0.0.1 only, with password auth.

    PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user that
    Debian's package creates; the folder lives in /tmp (not pytest's root-only tmp_path) so that
    user can reach it."""
    bindir = postgres_bindir()
    if bindir is None:
        missing("PostgreSQL server binaries (initdb, pg_ctl) not found; apt-get install postgresql")
    try:
        import dagster_postgres  # noqa: F401
        import psycopg2  # noqa: F401
    except ImportError:
        missing("dagster-postgres not installed; pip install 'dagster-postgres>=0.29,<0.30'")
    as_user: list[str] = []
    owner = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            missing("running as root and there is no 'postgres' user to run the server as")
        as_user = ["runuser", "-u", "postgres", "--"]

    root = Path(tempfile.mkdtemp(prefix="evidence-pg-"))
    server = Server("127.0.0.1", 0, "dagster", "test-only-secret", "dagster")
    try:
        if owner is not None:
            os.chown(root, owner.pw_uid, owner.pw_gid)
        pwfile = root / "pwfile"
        pwfile.write_text(server.password + "\n")
        if owner is not None:
            os.chown(pwfile, owner.pw_uid, owner.pw_gid)
        data = root / "data"
        subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", server.user, "-A", "scram-sha-256",
                        f"--pwfile={pwfile}", "-E", "UTF8", "--no-sync"],
                       check=True, capture_output=True, text=True, timeout=120)
        port = start(as_user, bindir, root)
        server = Server(server.host, port, server.user, server.password, server.db)
        try:
            con = server.connect("postgres")
            con.autocommit = True
            con.cursor().execute(f"CREATE DATABASE {server.db}")
            con.close()
            yield server
        finally:
            subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                           capture_output=True, timeout=60)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def start(as_user: list[str], bindir: Path, root: Path) -> int:
    """Starts the cluster on a free loopback port; another process can take the port between
    choosing and binding it, so a failed start is retried on a new one."""
    log = root / "server.log"
    for _ in range(3):
        port = free_port()
        options = (f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={root} "
                   "-c fsync=off -c full_page_writes=off")
        done = subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(root / "data"), "-l", str(log),
                               "-o", options, "-w", "-t", "60", "start"], capture_output=True, text=True, timeout=90)
        if done.returncode == 0:
            return port
    tail = log.read_text(errors="replace")[-2000:] if log.exists() else done.stderr
    raise RuntimeError(f"PostgreSQL did not start: {tail}")


def folder_config(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "takedowns.html").write_text(
        "<html><head><title>Takedowns</title></head><body><main><h1>Takedowns</h1>"
        "<p>In 2023 the unit referred 640 posts to TikTok.</p></main></body></html>")
    config = tmp_path / "sources.yaml"
    config.write_text(f"sources:\n  - name: folder\n    kind: directory\n    path: {folder}\n")
    return config


def test_a_run_on_the_postgres_instance_is_recorded_in_postgres(postgres, tmp_path, monkeypatch):
    from dagster_postgres import PostgresEventLogStorage, PostgresRunStorage

    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(DEPLOY_CONFIG, home / "dagster.yaml")
    for name, value in postgres.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("DAGSTER_HOME", str(home))

    defs = build_definitions(str(folder_config(tmp_path)), "demo", str(tmp_path / "w.duckdb"), workers=1,
                             quality_check=False)
    job = defs.resolve_implicit_global_asset_job_def()
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert isinstance(instance.run_storage, PostgresRunStorage)
        assert isinstance(instance.event_log_storage, PostgresEventLogStorage)
        result = job.execute_in_process(instance=instance, raise_on_error=False)
        assert result.success
        run_id = result.run_id
        assert instance.get_run_by_id(run_id).status == dg.DagsterRunStatus.SUCCESS
        latest = instance.get_latest_materialization_event(dg.AssetKey("referral_figures"))
        assert latest is not None and latest.run_id == run_id
        # The writers' pool was claimed through PostgreSQL, with dagster.yaml's default limit of one.
        pool = instance.event_log_storage.get_concurrency_info("duckdb_write")
        assert (pool.slot_count, pool.claimed_slots) == (1, [])

    # What the webserver and daemon would see: the rows themselves, straight from PostgreSQL...
    con = postgres.connect()
    try:
        cur = con.cursor()
        cur.execute("SELECT status FROM runs WHERE run_id = %s", [run_id])
        assert cur.fetchall() == [("SUCCESS",)]
        cur.execute("SELECT asset_key FROM event_logs WHERE run_id = %s AND dagster_event_type = "
                    "'ASSET_MATERIALIZATION' ORDER BY asset_key", [run_id])
        materialized = {dg.AssetKey.from_db_string(k).to_user_string() for (k,) in cur.fetchall()}
        assert {"raw/folder", "documents", "referral_figures", "platform_mentions",
                "published_warehouse"} <= materialized
    finally:
        con.close()

    # ...and from another process that knows only DAGSTER_HOME and the DAGSTER_PG_* variables.
    listed = subprocess.run([str(Path(sys.executable).parent / "dagster"), "run", "list"], capture_output=True,
                            text=True, timeout=120, env=os.environ.copy())
    assert listed.returncode == 0, listed.stderr
    assert run_id in listed.stdout

    con = warehouse.connect(tmp_path / "w.duckdb", read_only=True)
    try:
        assert con.execute("SELECT value FROM referral_figures").fetchall() == [(640,)]
    finally:
        con.close()


def test_the_postgres_config_differs_from_the_local_one_only_in_where_state_lives():
    """deploy/dagster.postgres.yaml must keep the repository's concurrency, retry and retention
    settings (the duckdb_write pool above all), so moving to PostgreSQL changes nothing else."""
    local = yaml.safe_load((REPO_ROOT / "dagster.yaml").read_text())
    server = yaml.safe_load(DEPLOY_CONFIG.read_text())
    where = {"storage", "local_artifact_storage", "compute_logs"}
    assert {k: v for k, v in server.items() if k not in where} == {k: v for k, v in local.items() if k not in where}
    assert set(server["storage"]) == {"postgres"}
    db = server["storage"]["postgres"]["postgres_db"]
    assert all(set(v) == {"env"} for k, v in db.items() if k != "scheme"), "credentials come from the environment"


def test_the_service_environment_supplies_every_variable_the_instance_config_reads():
    """The systemd units start in the checkout (where [tool.dagster] names the code location) with
    deploy/evidence.env; a variable the config reads but the file lacks would stop both services."""
    env = dict(line.split("=", 1) for line in (REPO_ROOT / "deploy" / "evidence.env").read_text().splitlines()
               if line.strip() and not line.startswith("#"))
    db = yaml.safe_load(DEPLOY_CONFIG.read_text())["storage"]["postgres"]["postgres_db"]
    assert {v["env"] for v in db.values() if isinstance(v, dict)} <= set(env)
    assert {"DAGSTER_HOME", "EVIDENCE_TARGET", "EVIDENCE_CONFIG", "EVIDENCE_WAREHOUSE"} <= set(env)
    for unit in ("evidence-webserver.service", "evidence-daemon.service"):
        text = (REPO_ROOT / "deploy" / unit).read_text()
        workdir = next(line.split("=", 1)[1] for line in text.splitlines() if line.startswith("WorkingDirectory="))
        exec_start = next(line.split("=", 1)[1] for line in text.splitlines() if line.startswith("ExecStart="))
        assert "EnvironmentFile=/etc/evidence/evidence.env" in text
        assert exec_start.startswith(f"{workdir}/.venv/bin/"), unit
