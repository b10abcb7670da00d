"""The ingest flow: discover -> (decode -> clean -> segment -> extract -> validate) per batch -> load -> link."""
from __future__ import annotations

import contextlib
import json
import subprocess
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import flows.prefect_env  # noqa: F401  (settings before prefect)
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import get_run_context

from flows import warehouse
from flows.batch_result import BatchResult
from flows.progress import reporter
from flows.runners import (BatchOutcome, load_outcome, release_extract_pool, remove_stage_dir, run_batch_in_pool,
                           stage_dir_for)
from flows.raw_files import RawFile, discover_raw_files, read_source_meta, sha256_of
from transforms.version import extractor_version

DEFAULT_BATCH_SIZE = 100
LOADER_MEMORY = "96MB"  # 128MB: the flow peaked ~35 MB higher on 10k pages; 256MB ~120 MB higher; 64MB doubled load CPU
CHECKPOINT_THRESHOLD = "128MB"


@dataclass
class RunSummary:
    run_id: str
    status: str = "running"
    files_seen: int = 0
    files_loaded: int = 0
    files_skipped: int = 0
    files_reextracted: int = 0  # same bytes, rows made by an older extractor
    files_rejected: int = 0
    rows_quarantined: int = 0
    row_counts: dict[str, int] = field(default_factory=dict)
    rejects: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    # wall seconds per stage; extract_wall and extract_cpu: summed over the batches, on the workers
    stages: dict[str, float] = field(default_factory=dict)
    chars_loaded: int = 0


def code_version() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5,
                             cwd=Path(__file__).parent)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def select_files(files: list[RawFile], loaded: dict[str, tuple[str, str | None]], issue_dates: dict[str, date | None],
                 force: bool, date_from: date | None, date_to: date | None,
                 source: str | None) -> tuple[list[RawFile], list[RawFile]]:
    """(to process, unchanged). A date range selects by the folder date, or the stored date of an undated file.

    A file is unchanged when its bytes and the extractor that made its rows are the ones the warehouse holds."""
    current = extractor_version()
    chosen, unchanged = [], []
    for f in files:
        if source and f.source != source:
            continue
        if date_from or date_to:
            day = f.folder_date or issue_dates.get(f.rel_path)
            if day is None or (date_from and day < date_from) or (date_to and day > date_to):
                continue
        known = loaded.get(f.rel_path)
        # hash only a file the warehouse holds under the current extractor: anything else is extracted anyway
        if force or f.problem or known is None or known[1] != current or known[0] != _sha_or_none(f):
            chosen.append(f)
        else:
            unchanged.append(f)
    return chosen, unchanged


def _sha_or_none(f: RawFile) -> str | None:
    try:
        return sha256_of(f.path.read_bytes())
    except OSError:
        return None


@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_batch(files: list[RawFile], stage_dir: str | None = None) -> BatchOutcome:
    return run_batch_in_pool(files, stage_dir)


def _flow_run_id() -> str | None:
    try:
        return str(get_run_context().flow_run.id)
    except Exception:
        return None


@flow(name="newsware-ingest")
def ingest(raw_root: str = "raw", db_path: str = "warehouse/newsware.duckdb", force: bool = False,
           date_from: date | None = None, date_to: date | None = None, source: str | None = None,
           batch_size: int = DEFAULT_BATCH_SIZE, command: str = "run", lock_timeout: float = 60.0,
           runner: str = "default", in_flight: int = 2) -> RunSummary:
    """`runner` names the task runner the caller attached (flows/runners.py); any but "default" stages via Parquet."""
    started = time.monotonic()
    logger = get_run_logger()
    summary = RunSummary(run_id=f"{datetime.now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}")
    params = dict(raw_root=raw_root, db_path=db_path, force=force, date_from=date_from, date_to=date_to,
                  source=source, batch_size=batch_size, runner=runner)
    read_source_meta.cache_clear()
    with warehouse.publishing_connection(Path(db_path), lock_timeout) as con:
        con.execute("INSERT INTO etl_runs (run_id, flow_run_id, command, parameters, started_at, status, code_version) "
                    "VALUES (?, ?, ?, ?, ?, 'running', ?)",
                    [summary.run_id, _flow_run_id(), command, json.dumps(params, default=str), datetime.now(),
                     code_version()])
        clock = time.monotonic()
        files = discover_raw_files(Path(raw_root))
        summary.stages["discover"] = time.monotonic() - clock
        clock = time.monotonic()
        loaded = warehouse.loaded_documents(con)
        issue_dates = dict(con.execute("SELECT source_path, issue_date FROM documents").fetchall())
        chosen, unchanged = select_files(files, loaded, issue_dates, force, date_from, date_to, source)
        summary.stages["select"] = time.monotonic() - clock
        summary.files_seen = len(chosen) + len(unchanged)
        summary.files_skipped = len(unchanged)
        summary.files_reextracted = sum(1 for f in chosen if not force and f.rel_path in loaded
                                        and loaded[f.rel_path][1] != extractor_version())
        now = datetime.now()
        warehouse.append_rows(con, "file_status", [
            dict(run_id=summary.run_id, source_path=f.rel_path, sha256=loaded[f.rel_path][0], status="skipped",
                 stage=None, reason="unchanged since last load", warnings=None, recorded_at=now) for f in unchanged])
        _extract_and_load(con, summary, chosen, batch_size, runner, in_flight, db_path)
        release_extract_pool()
        clock = time.monotonic()
        if summary.files_loaded or force:
            warehouse.relink_enterprises(con)
        summary.stages["link"] = time.monotonic() - clock
        summary.row_counts = warehouse.table_counts(con)
        summary.status = "completed_with_rejects" if summary.files_rejected else "completed"
        summary.seconds = round(time.monotonic() - started, 2)
        con.execute("UPDATE etl_runs SET finished_at = ?, status = ?, files_seen = ?, files_loaded = ?, "
                    "files_skipped = ?, files_rejected = ?, row_counts = ?, rows_quarantined = ? WHERE run_id = ?",
                    [datetime.now(), summary.status, summary.files_seen, summary.files_loaded, summary.files_skipped,
                     summary.files_rejected, json.dumps(summary.row_counts), summary.rows_quarantined, summary.run_id])
    logger.info("run %s: %s", summary.run_id, summary.status)
    return summary


def _extract_and_load(con, summary: RunSummary, chosen: list[RawFile], batch_size: int, runner: str, in_flight: int,
                      db_path: str) -> None:
    """Submit batches with at most `in_flight` ahead of the loader; load them in submission order (deterministic)."""
    stage_dir = stage_dir_for(db_path, summary.run_id) if runner != "default" else None
    # DuckDB otherwise keeps what it loads in memory until the final checkpoint (RSS grew with the corpus): a bound
    # makes it write out as it goes, so the loader's memory stays flat however large the backfill
    con.execute(f"SET memory_limit = '{LOADER_MEMORY}'")
    # each checkpoint rewrites the tables' changed row groups: every ~16 MB of log (the default) was every other batch
    con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
    con.execute("SET enable_progress_bar = false")  # DuckDB's own bar would print into cron mail; ours is on stderr
    # the extract workers already take every core: a second DuckDB thread only adds coordination (one thread cut the
    # loader's CPU by 6-27% in four paired runs on 3,000 bench pages). The final checkpoint and linking get every core
    # back.
    con.execute("SET threads = 1")
    progress = reporter()
    progress.start("extract", len(chosen))
    progress.start("load", len(chosen))
    clock, load_seconds, wall_seconds, cpu_seconds = time.monotonic(), 0.0, 0.0, 0.0
    pending: deque = deque()

    def load_oldest(writer: warehouse.BatchWriter) -> None:
        nonlocal load_seconds, wall_seconds, cpu_seconds
        outcome: BatchOutcome = pending.popleft().result()
        progress.advance("extract", outcome.files)
        loading = time.monotonic()
        result = load_outcome(outcome)
        now = datetime.now()
        writer.write(result.frames, [dict(s, run_id=summary.run_id, recorded_at=now) for s in result.statuses],
                     [dict(q, run_id=summary.run_id, quarantined_at=now) for q in result.quarantined])
        _record(summary, result)
        load_seconds += time.monotonic() - loading
        wall_seconds += outcome.seconds
        cpu_seconds += outcome.cpu_seconds
        progress.advance("load", outcome.files)

    try:
        with warehouse.BatchWriter(con, summary.run_id) as writer:
            for i in range(0, len(chosen), batch_size):
                pending.append(extract_batch.submit(chosen[i:i + batch_size], stage_dir))
                if len(pending) >= max(1, in_flight):
                    load_oldest(writer)
            while pending:
                load_oldest(writer)
            clock_commit = time.monotonic()
        load_seconds += time.monotonic() - clock_commit
    finally:
        for future in pending:  # a failed load: do not leave batches running behind the error
            _cancel(future)
        remove_stage_dir(stage_dir)
        progress.finish("extract")
        progress.finish("load")
    con.execute("RESET threads")
    summary.stages["extract+load"] = time.monotonic() - clock
    summary.stages["load"] = load_seconds
    summary.stages["extract_wall"] = wall_seconds
    summary.stages["extract_cpu"] = cpu_seconds


def _cancel(future) -> None:
    """Prefect's futures have no cancel(); the executor's future they wrap (thread, process or Dask) has."""
    with contextlib.suppress(Exception):
        getattr(future, "wrapped_future", future).cancel()


def _record(summary: RunSummary, result: BatchResult) -> None:
    summary.files_loaded += sum(s["status"] == "loaded" for s in result.statuses)
    rejected = [s for s in result.statuses if s["status"] == "rejected"]
    summary.files_rejected += len(rejected)
    summary.rejects.extend(rejected)
    summary.rows_quarantined += len(result.quarantined)
    if result.frames.get("documents") is not None and result.frames["documents"].height:
        summary.chars_loaded += int(result.frames["documents"]["text"].str.len_chars().sum())
