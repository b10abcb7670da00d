"""The one DuckDB writer: a working copy, per-batch transactions, and an atomic publish.

A run writes into a copy of the warehouse next to it and renames it over the original at the end, so analysts holding
the file open read a consistent snapshot, new readers see the new one, and a run killed midway leaves the old file whole.
A lock file keeps a second writer out (it waits up to `lock_timeout` seconds, then fails with a clear message).
"""
from __future__ import annotations

import fcntl
import os
import shutil
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator

import duckdb
import polars as pl

from transforms.enterprise_linking import LINK_RULES, Visits, enterprise_table, fullness_order, link_visits

SCHEMA_SQL = Path(__file__).resolve().parent.parent / "warehouse" / "schema.sql"
# rows per loader transaction: one or two batches of 100 pages. Bounded, so the uncommitted rows DuckDB holds stay small
# (150,000 rows made the flow process peak ~30 MB higher for the same CPU)
COMMIT_ROWS = 50_000
DOC_TABLES = ("documents", "articles", "indicator_facts", "doc_enterprises", "doc_enterprise_mentions",
              "organizations", "event_facts", "event_mentions")


class WarehouseBusy(RuntimeError):
    pass


@contextmanager
def writer_lock(db_path: Path, timeout: float) -> Iterator[None]:
    lock_path = db_path.with_name(db_path.name + ".lock")
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(f"another newsware run is writing {db_path} (waited {timeout:g} s for "
                                        f"{lock_path}); try again when it has finished") from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def publishing_connection(db_path: Path, lock_timeout: float = 60.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a working copy of `db_path`, published atomically when the block succeeds."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with writer_lock(db_path, lock_timeout):
        for stale in db_path.parent.glob(f".{db_path.name}.*.work*"):  # left by a killed run; we hold the lock
            stale.unlink(missing_ok=True)
        work = db_path.with_name(f".{db_path.name}.{os.getpid()}.work")
        if db_path.exists():
            shutil.copyfile(db_path, work)
        con = duckdb.connect(str(work))
        try:
            con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
            yield con
            con.execute("CHECKPOINT")
            con.close()
            with open(work, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(work, db_path)
        finally:
            con.close()
            work.unlink(missing_ok=True)
            Path(str(work) + ".wal").unlink(missing_ok=True)


def loaded_documents(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str | None]]:
    """source_path -> (sha256, extractor_version) of what the warehouse holds now."""
    rows = con.execute("SELECT source_path, sha256, extractor_version FROM documents").fetchall()
    return {path: (sha, version) for path, sha, version in rows}


def replace_documents(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame], run_id: str) -> None:
    """Replace every row of the batch's documents in one transaction: old rows or new rows, never a mix."""
    with BatchWriter(con, run_id) as writer:
        writer.write(frames)


class BatchWriter:
    """Writes batches in transactions of about `commit_rows` rows, each batch's documents whole (old rows or new rows).

    A commit writes the write-ahead log and syncs it to disk; per batch of 100 pages that sync, not the inserts, was
    most of the loader's time (the working copy is discarded on any failure, so per-batch durability buys nothing).
    Larger transactions also let DuckDB write full row groups straight to the file instead of through the log."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str, commit_rows: int = COMMIT_ROWS):
        self.con, self.run_id, self.commit_rows = con, run_id, commit_rows
        self._open, self._rows = False, 0

    def __enter__(self) -> "BatchWriter":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is None:
            self.commit()
        elif self._open:
            self._open = False
            self.con.execute("ROLLBACK")

    def write(self, frames: dict[str, pl.DataFrame], file_status: list[dict] = (), quarantine: list[dict] = ()) -> None:
        if not self._open:
            self.con.execute("BEGIN TRANSACTION")
            self._open = True
        doc_ids = frames["documents"]["doc_id"].to_list() if "documents" in frames else []
        if doc_ids:
            self._replace(frames, doc_ids)
        append_rows(self.con, "file_status", list(file_status))
        append_rows(self.con, "quarantine", list(quarantine))
        self._rows += sum(f.height for f in frames.values()) + len(file_status) + len(quarantine)
        if self._rows >= self.commit_rows:
            self.commit()

    def commit(self) -> None:
        if self._open:
            self._open = False
            self.con.execute("COMMIT")
        self._rows = 0

    def _replace(self, frames: dict[str, pl.DataFrame], doc_ids: list[str]) -> None:
        con = self.con
        known = con.execute("SELECT count(*) FROM documents WHERE doc_id IN (SELECT unnest(?))", [doc_ids]).fetchall()[0][0]
        for table in DOC_TABLES if known else ():  # fact rows never outlive their document row
            con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [doc_ids])
        now = datetime.now()
        for table in DOC_TABLES:
            frame = frames[table]
            if frame.is_empty():
                continue
            frame = frame.with_columns(pl.lit(self.run_id).alias("run_id"))
            if table == "documents":
                frame = frame.with_columns(pl.lit(now).alias("loaded_at"))
            register_frame(con, "batch_rows", frame)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch_rows")
            con.unregister("batch_rows")


def relink_enterprises(con: duckdb.DuckDBPyConnection, batch_rows: int = 65_536) -> int:
    """Recompute warehouse-wide enterprise identity from every document's companies (deterministic).

    Memory stays flat however large the warehouse: DuckDB sorts the rows into visit order and streams them to the
    linker, which keeps state per name and per enterprise; its decisions (two small integers per row) go back to DuckDB,
    which joins them to the rows' keys. (Reading the whole table into Polars cost ~440 MB at 40,000 pages.)"""
    names = [row[0] for row in con.execute("SELECT DISTINCT name FROM doc_enterprises").fetchall()]
    register_frame(con, "name_ranks", pl.DataFrame({"name": fullness_order(names), "name_rank": range(len(names))},
                                                   schema={"name": pl.String, "name_rank": pl.Int64}))
    visits = link_visits(_fetched_rows(con.execute(f"SELECT name, aliases FROM {_RANKED} ORDER BY {_VISIT_ORDER}"),
                                       batch_rows))
    _store_links(con, visits)
    con.unregister("name_ranks")
    return len(visits.targets)


def _fetched_rows(result: duckdb.DuckDBPyConnection, batch_rows: int) -> Iterator[tuple]:
    while rows := result.fetchmany(batch_rows):
        yield from rows


_RANKED, _VISIT_ORDER = "doc_enterprises JOIN name_ranks USING (name)", "name_rank, doc_id, entity_key"


def _store_links(con: duckdb.DuckDBPyConnection, visits: Visits) -> None:
    """Replace enterprise_links: the n-th row in visit order gets the n-th decision."""
    register_frame(con, "visits", pl.DataFrame({"target": visits.targets, "rule": visits.rules},
                                               schema={"target": pl.Int64, "rule": pl.Int8}).with_row_index("seq"))
    register_frame(con, "enterprises", enterprise_table(visits.canon_names))
    register_frame(con, "rules", pl.DataFrame({"rule": range(len(LINK_RULES)), "link_rule": LINK_RULES},
                                              schema={"rule": pl.Int8, "link_rule": pl.String}))
    con.execute(f"""CREATE OR REPLACE TEMP TABLE new_links AS
        SELECT seq, doc_id, entity_key, enterprise_id, canonical_name, link_rule
        FROM (SELECT doc_id, entity_key, (row_number() OVER (ORDER BY {_VISIT_ORDER})) - 1 AS seq FROM {_RANKED})
        JOIN visits USING (seq) JOIN enterprises USING (target) JOIN rules USING (rule)""")
    for view in ("visits", "enterprises", "rules"):
        con.unregister(view)
    # in bounded transactions: the key index of one uncommitted 727,000-row insert outgrew the loader's memory limit.
    # Readers never see the table half-filled: they read the published file, replaced only when the run succeeds.
    con.execute("DELETE FROM enterprise_links")
    for low in range(0, len(visits.targets), COMMIT_ROWS):
        con.execute("INSERT INTO enterprise_links BY NAME SELECT * EXCLUDE (seq) FROM new_links "
                    "WHERE seq >= ? AND seq < ?", [low, low + COMMIT_ROWS])
    con.execute("DROP TABLE new_links")


class _ArrowStream:
    """A Polars frame seen only as an Arrow C stream. DuckDB scans it directly (every time a query reads the view); a
    Polars frame handed over as it is, or as .to_arrow(), goes through pyarrow: ~37 MB in the loader's process."""

    def __init__(self, frame: pl.DataFrame):
        self.frame = frame

    def __arrow_c_stream__(self, requested_schema=None):
        return self.frame.__arrow_c_stream__(requested_schema)


def register_frame(con: duckdb.DuckDBPyConnection, view: str, frame: pl.DataFrame) -> None:
    # an all-null column (Polars' Null type) reaches DuckDB as Arrow's null type, which it rejects from a stream ("a
    # non-zero null count but no validity bitmap"); as text it casts to whatever the target column is
    nulls = [name for name, dtype in frame.schema.items() if dtype == pl.Null]
    con.register(view, _ArrowStream(frame.with_columns(pl.col(nulls).cast(pl.String)) if nulls else frame))


def append_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    register_frame(con, "new_rows", pl.DataFrame(rows, infer_schema_length=None))
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM new_rows")
    con.unregister("new_rows")


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = DOC_TABLES + ("enterprise_links", "quarantine")
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables}
