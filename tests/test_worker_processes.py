"""The `process` runner's workers: Polars settings they inherit, and the libraries a batch makes them load."""
from __future__ import annotations

import os
import sys

from flows import runners
from flows.raw_files import discover_raw_files
from tests.conftest import RAW


def _worker_view(files) -> dict:
    outcome = runners.run_batch(files, None)
    return dict(loaded=sum(s["status"] == "loaded" for s in outcome.result.statuses),
                pyarrow="pyarrow" in sys.modules, threads=os.environ.get("POLARS_MAX_THREADS"),
                jemalloc=os.environ.get("_RJEM_MALLOC_CONF", ""))


def test_workers_run_one_polars_thread_and_free_memory_at_once_without_loading_pyarrow():
    files = discover_raw_files(RAW)[:3]
    with runners._worker_threads(True), runners._lean_pool(1):
        view = runners._extract_pool.submit(_worker_view, files).result()
    assert view["loaded"] == 3
    assert view["threads"] == "1"
    # jemalloc takes the last value of an option: ours must come after the defaults Polars writes on import
    assert view["jemalloc"].endswith("dirty_decay_ms:0,muzzy_decay_ms:0")
    assert not view["pyarrow"], "pyarrow costs each worker ~26 MB"
    assert "_RJEM_MALLOC_CONF" not in os.environ or not os.environ["_RJEM_MALLOC_CONF"].endswith("muzzy_decay_ms:0")
