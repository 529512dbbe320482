"""The one resource every asset uses: where the config, raw store and warehouse files are, and
how to build the HTTP client for the target (live network or the bundled snapshot).

No connection is opened at import or definition time: the code server must never hold the
DuckDB lock (reference/dagster.md §4).
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from pipeline import warehouse
from pipeline.config import Settings, load_config
from pipeline.http import HttpClient
from pipeline.raw import RawStore

REPO_ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT_DIR = REPO_ROOT / "snapshot"
DEFAULT_CONFIG = {"demo": SNAPSHOT_DIR / "sources.yaml", "live": REPO_ROOT / "sources.yaml"}
DEFAULT_WAREHOUSE = REPO_ROOT / "warehouse" / "evidence.duckdb"


def default_config(target: str) -> Path:
    return DEFAULT_CONFIG[target]


class EvidencePipeline(dg.ConfigurableResource):
    """Paths and target of one deployment of the pipeline."""

    config_path: str
    target: str = "demo"
    warehouse_path: str = str(DEFAULT_WAREHOUSE)
    workers: int = 0  # processes for parsing; 0 means one per core

    @property
    def published_path(self) -> Path:
        return Path(self.warehouse_path)

    @property
    def build_path(self) -> Path:
        """The private file runs write to; one per target so demo rows never reach a live build."""
        p = self.published_path
        return p.parent / "build" / f"{self.target}-{p.name}"

    @property
    def report_dir(self) -> Path:
        return self.published_path.parent / "report"

    @property
    def raw_root(self) -> Path:
        return self.published_path.parent / "raw" / self.target

    def settings(self) -> Settings:
        return load_config(self.config_path)

    def raw_store(self) -> RawStore:
        return RawStore(self.raw_root)

    def http_client(self, settings: Settings) -> HttpClient:
        transport = None
        if self.target == "demo":
            from pipeline.snapshot import SnapshotAdapter

            transport = SnapshotAdapter(SNAPSHOT_DIR)
        return HttpClient(settings.http, raw=self.raw_store(), transport=transport)

    @contextmanager
    def build_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection to the build file with the schema in place, closed (and so
        checkpointed) on exit, so the lock is held only while an asset is writing."""
        con = warehouse.connect(self.build_path)
        try:
            warehouse.ensure_schema(con)
            yield con
        finally:
            con.close()

    @property
    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1
