"""The flow on a two-worker Dask LocalCluster loads the same tables as the default runner (workers stage Parquet,
the flow's single writer commits it)."""
from __future__ import annotations

import hashlib

import duckdb

from flows.runners import RunnerChoice, run_ingest
from flows.warehouse import DOC_TABLES
from tests.conftest import RAW

VOLATILE = {"run_id", "loaded_at"}


def _contents(db) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent digest per table, leaving out which run wrote the rows and when."""
    con = duckdb.connect(str(db), read_only=True)
    out = {}
    for table in DOC_TABLES + ("enterprise_links",):
        cols = [r[0] for r in con.sql(f"DESCRIBE {table}").fetchall() if r[0] not in VOLATILE]
        rows = con.sql(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        out[table] = (len(rows), hashlib.sha256("\n".join(sorted(map(repr, rows))).encode()).hexdigest())
    con.close()
    return out


def test_dask_runner_loads_the_same_tables_as_the_default_runner(prefect_harness, tmp_path):
    default_db, dask_db = tmp_path / "default.duckdb", tmp_path / "dask.duckdb"
    # batches of 3 pages: several batches in flight on the two workers, committed in order by the one writer
    default = run_ingest(RunnerChoice("default"), raw_root=str(RAW), db_path=str(default_db), batch_size=3)
    dask = run_ingest(RunnerChoice("dask", workers=2), raw_root=str(RAW), db_path=str(dask_db), batch_size=3)
    assert dask.status == default.status
    assert (dask.files_loaded, dask.files_rejected) == (default.files_loaded, default.files_rejected)
    assert dask.files_loaded > 0
    assert _contents(dask_db) == _contents(default_db)
    assert not list(tmp_path.glob(".newsware-stage-*")), "staged Parquet batches were left behind"


def test_process_runner_loads_the_same_tables_as_the_default_runner(prefect_harness, tmp_path):
    """The lean spawned pool: batches run in worker processes that never import Prefect, staged and loaded in order."""
    default_db, process_db = tmp_path / "default.duckdb", tmp_path / "process.duckdb"
    default = run_ingest(RunnerChoice("default"), raw_root=str(RAW), db_path=str(default_db), batch_size=3)
    process = run_ingest(RunnerChoice("process", workers=2), raw_root=str(RAW), db_path=str(process_db), batch_size=3)
    assert (process.status, process.files_loaded, process.files_rejected) == \
        (default.status, default.files_loaded, default.files_rejected)
    assert _contents(process_db) == _contents(default_db)
    assert not list(tmp_path.glob(".newsware-stage-*")), "staged Parquet batches were left behind"
