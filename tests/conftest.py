"""Fixtures shared across test modules."""

import pytest
from support import run_graph

from assets.resources import SNAPSHOT_DIR


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """The whole graph run once on the bundled demo snapshot: (published warehouse path, run result)."""
    path = tmp_path_factory.mktemp("demo") / "evidence.duckdb"
    result = run_graph(SNAPSHOT_DIR / "sources.yaml", path, quality_check=True)
    assert result.success
    return path, result
