"""Where the extract batches run: in the flow's process (default), a local process pool, or a Dask cluster.

The `process` runner keeps one Prefect task per batch, run in a thread of the flow's process, which hands its batch to
a lean pool of worker processes: they import only what extracting needs (no Prefect, no API client, no server), so
each is ~80 MB smaller than one of Prefect's ProcessPoolTaskRunner workers and needs no Prefect API to report to.

The warehouse writer stays single: whatever runs the batches, the flow's process loads them. Batches that run in
another process come back as Parquet files in a staging folder (workers write, the loader reads and deletes), so only
file names and per-file statuses travel back through the scheduler.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
import time
import uuid
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import polars as pl

from flows.batch_result import BatchResult
from flows.raw_files import RawFile

RUNNERS = ("default", "process", "dask")


@dataclass
class BatchOutcome:
    """One batch back from wherever it ran: frames in memory, or Parquet files under a staging folder."""
    result: BatchResult
    files: int
    seconds: float                               # time spent extracting, on the worker (wall)
    parquet: dict[str, str] = field(default_factory=dict)
    cpu_seconds: float = 0.0                     # CPU the worker process spent on it (all its threads)


def run_batch(files: list[RawFile], stage_dir: str | None) -> BatchOutcome:
    # imported where batches run: with the `process` runner the loader's process never loads the extractors and
    # pandera (~23 MB)
    from flows.batch import process_files
    started, cpu = time.perf_counter(), time.process_time()
    result = process_files(files)
    if not stage_dir:
        return BatchOutcome(result, len(files), time.perf_counter() - started,
                            cpu_seconds=time.process_time() - cpu)
    folder = Path(stage_dir)
    folder.mkdir(parents=True, exist_ok=True)
    batch = uuid.uuid4().hex[:12]
    parquet = {}
    for table, frame in result.frames.items():
        path = folder / f"{batch}-{table}.parquet"
        frame.write_parquet(path, compression="lz4", statistics=False)
        parquet[table] = str(path)
    staged = BatchResult({}, result.statuses, result.quarantined)
    return BatchOutcome(staged, len(files), time.perf_counter() - started, parquet, time.process_time() - cpu)


_extract_pool: Executor | None = None  # the `process` runner's worker processes, while its flow runs


def run_batch_in_pool(files: list[RawFile], stage_dir: str | None) -> BatchOutcome:
    """The extract task's body: on the lean pool when this process has one, else here (default runner, Dask)."""
    if _extract_pool is None:
        return run_batch(files, stage_dir)
    return _extract_pool.submit(run_batch, files, stage_dir).result()


def release_extract_pool() -> None:
    """Stop the pool's workers once every batch is in: the flow's last step (linking) runs in its own process only."""
    if _extract_pool is not None:
        _extract_pool.shutdown(wait=True)


@contextmanager
def _lean_pool(workers: int | None) -> Iterator[None]:
    """Spawned, not forked: a fork would copy the flow's Prefect state (threads, event loops) into every worker."""
    global _extract_pool
    if workers is None:
        yield
        return
    _extract_pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield
    finally:
        pool, _extract_pool = _extract_pool, None
        pool.shutdown(wait=True, cancel_futures=True)  # after a failed load: no batch keeps running behind the error


def load_outcome(outcome: BatchOutcome) -> BatchResult:
    """The batch's frames in the loader's process; staged files are removed once read."""
    if not outcome.parquet:
        return outcome.result
    frames = {table: pl.read_parquet(path) for table, path in outcome.parquet.items()}
    for path in outcome.parquet.values():
        Path(path).unlink(missing_ok=True)
    return BatchResult(frames, outcome.result.statuses, outcome.result.quarantined)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@dataclass(frozen=True)
class RunnerChoice:
    name: str = "default"
    dask_address: str | None = None
    workers: int | None = None       # local processes (process, dask LocalCluster); default: one per core

    def task_runner(self):
        if self.name == "default":
            from prefect.task_runners import ThreadPoolTaskRunner
            return ThreadPoolTaskRunner(max_workers=1)  # one extract thread: it overlaps the loader's DuckDB work
        if self.name == "process":  # a thread per worker process, each waiting on its batch (see _lean_pool)
            from prefect.task_runners import ThreadPoolTaskRunner
            return ThreadPoolTaskRunner(max_workers=self.workers or default_workers())
        if self.name == "dask":
            from prefect_dask import DaskTaskRunner
            if self.dask_address:
                return DaskTaskRunner(address=self.dask_address)
            return DaskTaskRunner(cluster_kwargs=dict(n_workers=self.workers or default_workers(),
                                                      threads_per_worker=1, processes=True,
                                                      dashboard_address=None))
        raise ValueError(f"unknown runner {self.name!r}; choose one of {', '.join(RUNNERS)}")

    def in_flight(self) -> int:
        """Batches submitted ahead of the loader: enough to keep every worker busy, few enough to bound memory."""
        if self.name == "default":
            return 2
        return 2 * (self.workers or (default_workers() if not self.dask_address else 8))

    def stages_to_parquet(self) -> bool:
        return self.name != "default"


def stage_dir_for(db_path: str, run_tag: str) -> str:
    """A staging folder next to the warehouse (workers of a remote cluster need it on shared storage)."""
    return str(Path(db_path).resolve().parent / f".newsware-stage-{run_tag}")


def remove_stage_dir(stage_dir: str | None) -> None:
    if stage_dir:
        shutil.rmtree(stage_dir, ignore_errors=True)


@contextmanager
def shared_prefect_api(needed: bool) -> Iterator[None]:
    """Worker processes must report to this process's Prefect API, or each starts an embedded server of its own
    (10-20 s apiece). With no PREFECT_API_URL, start the embedded server here and hand its address to the workers."""
    from prefect.settings import PREFECT_API_URL, temporary_settings
    if not needed:
        yield
        return
    if PREFECT_API_URL.value():  # a server already (set in settings, e.g. a test harness): pass it on
        with _environ("PREFECT_API_URL", PREFECT_API_URL.value()):
            yield
        return
    from prefect.server.api.server import SubprocessASGIServer
    server = SubprocessASGIServer()
    server.start()
    with _environ("PREFECT_API_URL", server.api_url), temporary_settings({PREFECT_API_URL: server.api_url}):
        yield


@contextmanager
def _environ(name: str, value: str) -> Iterator[None]:
    """Set a variable that worker processes spawned from here on inherit."""
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous


def run_ingest(choice: RunnerChoice = RunnerChoice(), **kwargs):
    """Call the ingest flow on the chosen runner (kwargs are the flow's parameters)."""
    from flows.ingest import ingest
    from flows.prefect_env import quick_flow_exit, wait_for_server
    wait_for_server()
    with shared_prefect_api(choice.name == "dask" and not choice.dask_address), quick_flow_exit(), \
            _worker_threads(choice.name != "default"), \
            _lean_pool((choice.workers or default_workers()) if choice.name == "process" else None):
        return ingest.with_options(task_runner=choice.task_runner())(runner=choice.name,
                                                                     in_flight=choice.in_flight(), **kwargs)


@contextmanager
def _worker_threads(local_pool: bool) -> Iterator[None]:
    """Polars settings for worker processes:
    - one Polars thread per worker (unless POLARS_MAX_THREADS is set): the pool already has a process per core, and
      Polars' idle threads spin between the gate's many small queries, taking CPU from the other workers;
    - its allocator (jemalloc) hands freed pages back at once instead of after a delay: ~12 MB less per worker between
      batches, no CPU difference measured. Polars puts its own defaults in this variable on import; the last wins."""
    if not local_pool:
        yield
        return
    jemalloc = ",".join(filter(None, (os.environ.get("_RJEM_MALLOC_CONF"), "dirty_decay_ms:0,muzzy_decay_ms:0")))
    with _environ("_RJEM_MALLOC_CONF", jemalloc), \
            _environ("POLARS_MAX_THREADS", os.environ.get("POLARS_MAX_THREADS", "1")):
        yield
