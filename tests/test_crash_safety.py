"""Faults: a run killed at any moment, an analyst holding the file open, two writers — the warehouse stays consistent."""
from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO

NEWSWARE = [sys.executable, "-m", "flows.cli"]
KILL_TRIALS = 3


def _state(db: Path) -> str | None:
    """An order-independent digest of every contract table, ignoring which run wrote the rows; None if no file."""
    if not db.exists():
        return None
    con = duckdb.connect(str(db), read_only=True)
    rows = []
    for table in ("documents", "articles", "indicators", "enterprises", "enterprise_mentions", "events"):
        cols = [c for c, *_ in con.sql(f"DESCRIBE {table}").fetchall() if c not in ("run_id", "loaded_at")]
        rows += [f"{table}:{r!r}" for r in con.sql(f"SELECT {', '.join(cols)} FROM {table}").fetchall()]
    con.close()
    return hashlib.sha256("\n".join(sorted(rows)).encode()).hexdigest()


def _run_until_killed(raw: Path, db: Path, delay: float) -> bool:
    """Start a real `newsware run --force`; SIGKILL it `delay` s after it starts writing. True if it was killed."""
    proc = subprocess.Popen([*NEWSWARE, "run", "--raw", str(raw), "--db", str(db), "--force", "--batch-size", "1",
                             "--quiet"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if any(db.parent.glob(f".{db.name}.*.work")):
            time.sleep(delay)
            break
        time.sleep(0.02)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return killed


def test_killed_runs_leave_old_or_new_state_and_the_next_run_finishes(prefect_harness, corpus_warehouse, raw_copy,
                                                                     tmp_path):
    from flows.ingest import ingest
    clean = _state(corpus_warehouse)
    db = tmp_path / "w.duckdb"
    rng = random.Random(20241104)
    inconsistent, trials = 0, []
    for trial in range(KILL_TRIALS):
        before = _state(db)
        delay = round(rng.uniform(0.0, 4.0), 2)  # some land mid-load, some after the publish
        killed = _run_until_killed(raw_copy, db, delay)
        after = _state(db)
        consistent = after in (before, clean)
        inconsistent += not consistent
        trials.append((delay, killed, "old" if after == before else "new" if after == clean else "MIXED"))
        if trial == 0:  # from now on an old state exists to protect
            ingest(raw_root=str(raw_copy), db_path=str(db))
    ingest(raw_root=str(raw_copy), db_path=str(db), force=True)
    finished = _state(db) == clean
    print(f"\ncrash trials: {len(trials)} (kill delay s, killed, state after): {trials}; "
          f"inconsistent end states: {inconsistent}; next run finished the job: {finished}")
    assert inconsistent == 0
    assert finished
    assert not list(tmp_path.glob(".w.duckdb.*.work*"))  # the next run cleared what the killed ones left


def test_an_open_reader_keeps_its_snapshot_and_the_run_completes(prefect_harness, raw_copy, tmp_path):
    from flows.ingest import ingest
    db = tmp_path / "w.duckdb"
    ingest(raw_root=str(raw_copy), db_path=str(db))
    reader = subprocess.Popen(
        [sys.executable, "-c", (
            "import duckdb, sys\n"
            f"con = duckdb.connect({str(db)!r}, read_only=True)\n"
            "q = 'SELECT count(*) FROM documents'\n"
            "print(con.execute(q).fetchone()[0], flush=True)\n"
            "sys.stdin.readline()\n"
            "print(con.execute(q).fetchone()[0], flush=True)\n")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "10"
        (raw_copy / "changjiang-daily" / "2024-11-05").mkdir()
        (raw_copy / "changjiang-daily" / "2024-11-05" / "page.txt").write_text(
            "11月4日，武汉市统计局发布数据，全市地区生产总值达100亿元，同比增长5%。\n", encoding="utf-8")
        summary = ingest(raw_root=str(raw_copy), db_path=str(db))  # the analyst still has the file open
        assert summary.files_loaded == 1
        out, _ = reader.communicate("\n", timeout=30)
        assert out.strip() == "10"  # the open connection reads its consistent snapshot
    finally:
        reader.kill()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 11  # a new reader sees the new data
    con.close()


def test_a_second_writer_waits_then_refuses(prefect_harness, raw_copy, tmp_path):
    from flows.ingest import ingest
    from flows.warehouse import WarehouseBusy, writer_lock
    db = tmp_path / "w.duckdb"
    ingest(raw_root=str(raw_copy), db_path=str(db))
    before = db.read_bytes()
    with writer_lock(db, timeout=1):
        started = time.monotonic()
        with pytest.raises(WarehouseBusy, match="another newsware run is writing"):
            ingest(raw_root=str(raw_copy), db_path=str(db), force=True, lock_timeout=1.0)
        assert time.monotonic() - started >= 1.0
    assert db.read_bytes() == before
