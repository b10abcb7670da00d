"""Shared fixtures: one embedded Prefect server per session, and one warehouse built from the real corpus."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import flows.prefect_env  # noqa: F401  (offline, quiet Prefect settings before prefect is imported)

REPO = Path(__file__).resolve().parent.parent
RAW = REPO / "raw"
SEED_PAGE = RAW / "changjiang-daily" / "2024-11-04" / "page.txt"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness
    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def corpus_warehouse(prefect_harness, tmp_path_factory) -> Path:
    """The whole raw corpus loaded by the real flow into a fresh DuckDB file (read it, never write it)."""
    from flows.ingest import ingest
    db = tmp_path_factory.mktemp("warehouse") / "corpus.duckdb"
    summary = ingest(raw_root=str(RAW), db_path=str(db))
    assert summary.files_rejected == 0, summary.rejects
    return db


@pytest.fixture
def raw_copy(tmp_path) -> Path:
    """A private, writable copy of the raw corpus."""
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target


def seed_text() -> str:
    return SEED_PAGE.read_text(encoding="utf-8")
