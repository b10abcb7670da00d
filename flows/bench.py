"""`newsware bench`: throughput, memory and stage times of the real flow on a synthetic corpus, against two references.

1. Build (or reuse) N distinct pages recombined from the real corpus (flows/bench_corpus.py).
2. Start Prefect with an empty flow (the fixed start-up), run the ingest flow into a fresh warehouse, then run it again
   over the unchanged files (the incremental cost), sampling the RSS of the whole process tree.
3. Time decode / clean / segment / extract / validate on a sample of pages, in this process.
4. References on the same text: JioNLP's extract_money + extract_time over every sentence (a sample of pages), and a
   floor: read every file and scan it once with one compiled number regex.
The last line is machine-readable: `bench: pages=N pages_per_s=X chars_per_s=Y peak_rss_mb=Z jionlp_ratio=R
floor_ratio=F`.
"""
from __future__ import annotations

import contextlib
import io
import logging
import os
import platform
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import flows.prefect_env  # noqa: F401  (settings before prefect)

SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


class RssSampler:
    """Peak resident memory of this process, of this process plus all its children (workers, Prefect server), and of
    each kind of process on its own (the largest of its kind)."""

    def __init__(self, every: float = 0.2):
        import psutil
        self._me = psutil.Process()
        self._every = every
        self._stop = threading.Event()
        self.peak_self = self.peak_tree = 0
        self.peak_by_kind: dict[str, int] = {}
        self.pids_by_kind: dict[str, set[int]] = {}
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        own = self._me.memory_info().rss
        tree = own
        for child in self._me.children(recursive=True):
            with contextlib.suppress(Exception):
                rss = child.memory_info().rss
                tree += rss
                kind = _process_kind(child.cmdline())
                self.peak_by_kind[kind] = max(self.peak_by_kind.get(kind, 0), rss)
                self.pids_by_kind.setdefault(kind, set()).add(child.pid)
        self.peak_self, self.peak_tree = max(self.peak_self, own), max(self.peak_tree, tree)

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            with contextlib.suppress(Exception):
                self._sample()

    def __enter__(self) -> "RssSampler":
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def report(self) -> str:
        kinds = ", ".join(f"{kind} {self.peak_by_kind[kind] / 2**20:.0f} MB (x{len(self.pids_by_kind[kind])})"
                          for kind in sorted(self.peak_by_kind))
        return (f"{self.peak_tree / 2**20:.0f} MB process tree; per process: flow {self.peak_self / 2**20:.0f} MB"
                + (f", {kinds}" if kinds else "") + " (xN: processes of that kind; MB: the largest one's peak)")


def _process_kind(cmdline: list[str]) -> str:
    line = " ".join(cmdline)
    if "uvicorn" in line or "prefect" in line:
        return "prefect server"
    if "resource_tracker" in line:
        return "other"  # multiprocessing's bookkeeping process, not a worker
    if "multiprocessing" in line or "distributed" in line or "dask" in line:
        return "worker"
    return "other"


@dataclass
class StageSample:
    pages: int
    seconds: dict[str, float]


def sample_stages(files, limit: int) -> StageSample:
    """Per-stage CPU time on `limit` pages, in this process (the flow's batches run the same code)."""
    from flows.batch import _document, _gate
    from flows.raw_files import sha256_of
    from schemas.gate import validate_table  # noqa: F401  (imported here so its import cost is not timed)
    from transforms.clean import clean_text
    from transforms.page_facts import FACT_TABLES, page_fact_rows
    from transforms.segment import segment_articles

    seconds = dict.fromkeys(("read+decode", "clean", "segment", "extract", "validate"), 0.0)
    rows = {t: [] for t in ("documents",) + FACT_TABLES}
    chosen = [f for f in files if not f.problem][:limit]
    tick = time.perf_counter
    for n, f in enumerate(chosen, start=1):
        t0 = tick()
        data = f.path.read_bytes()
        doc, _ = _document(f, data, sha256_of(data))
        t1 = tick()
        clean = clean_text(doc["text"])
        t2 = tick()
        segment_articles(clean)
        t3 = tick()
        facts = page_fact_rows(doc)  # runs clean and segment again: subtracted below
        t4 = tick()
        seconds["read+decode"] += t1 - t0
        seconds["clean"] += t2 - t1
        seconds["segment"] += t3 - t2
        seconds["extract"] += max(0.0, (t4 - t3) - (t3 - t1))
        rows["documents"].append(doc)
        for table in FACT_TABLES:
            rows[table].extend(facts[table])
        if n % 100 == 0 or n == len(chosen):  # the flow validates per batch of 100
            t5 = tick()
            _gate(rows, [])
            seconds["validate"] += tick() - t5
            rows = {t: [] for t in rows}
    return StageSample(len(chosen), seconds)


def jionlp_rate(files, limit: int) -> tuple[float | None, str]:
    """Pages per second of JioNLP's money + time extraction over every sentence of `limit` pages."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # its import prints a banner
            import jionlp as jio
    except ImportError:
        return None, "jionlp not installed (pip install -r requirements-bench.lock, or make bench)"
    chosen = [f for f in files if not f.problem][:limit]
    texts = [(f.path.read_text(encoding="utf-8", errors="replace"), f.folder_date) for f in chosen]
    started = time.perf_counter()
    logging.disable(logging.CRITICAL)  # it logs a traceback for every time expression it cannot parse
    try:
        _jionlp_pass(jio, texts)
    finally:
        logging.disable(logging.NOTSET)
    seconds = time.perf_counter() - started
    return len(texts) / seconds, f"jionlp {jio.__version__}: {len(texts)} pages in {seconds:.1f} s"


def _jionlp_pass(jio, texts) -> None:
    for text, day in texts:
        base = time.mktime(datetime(day.year, day.month, day.day).timetuple()) if day else time.time()
        for sentence in SENTENCE.findall(text):
            jio.ner.extract_money(sentence)
            jio.ner.extract_time(sentence, time_base=base)


def floor_rate(files) -> tuple[float, int]:
    """Pages per second of reading every file and scanning it once with one compiled number regex."""
    started, found = time.perf_counter(), 0
    for f in files:
        if not f.problem:
            found += len(NUMBER.findall(f.path.read_bytes().decode("utf-8", errors="replace")))
    return len(files) / (time.perf_counter() - started), found


def _machine() -> str:
    mem_kb = 0
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{platform.machine()} {os.cpu_count()} cores, {mem_kb / 1024 / 1024:.1f} GiB RAM, Python "
            f"{platform.python_version()}, load average {load} at start")


def run_bench(pages: int, runner: str = "process", workers: int | None = None, corpus: str | None = None,
              raw_root: str = "raw", batch_size: int = 100, jionlp_pages: int = 100, stage_pages: int = 200,
              out=print) -> dict:
    from flows.bench_corpus import build_corpus, corpus_is_current
    from flows.raw_files import discover_raw_files
    from flows.prefect_env import quick_flow_exit, start_embedded_server, wait_for_server

    out(f"machine: {_machine()}")
    scratch = Path(tempfile.mkdtemp(prefix="newsware-bench-"))
    corpus_dir = Path(corpus) if corpus else scratch / "raw"
    try:
        clock = time.perf_counter()
        if corpus_dir.exists() and corpus_is_current(Path(raw_root), corpus_dir, pages):
            out(f"corpus: reusing {corpus_dir} ({pages} pages)")
        else:
            build_corpus(Path(raw_root), corpus_dir, pages, workers=workers or os.cpu_count() or 1)
            out(f"corpus: built {pages} pages in {corpus_dir} in {time.perf_counter() - clock:.1f} s")
        files = discover_raw_files(corpus_dir)
        chars = sum(len(f.path.read_text(encoding="utf-8")) for f in files)
        out(f"corpus: {len(files)} pages, {chars:,} characters ({chars / max(1, len(files)):,.0f} per page)")

        clock = time.perf_counter()  # as `newsware run` starts: the server first, then this process's imports
        start_embedded_server()
        from prefect import flow

        from flows.runners import RunnerChoice, run_ingest

        @flow(name="newsware-bench-startup")
        def empty() -> None:
            return None

        wait_for_server()
        with quick_flow_exit():
            empty()
        startup = time.perf_counter() - clock
        out(f"start-up: Prefect embedded server, imports and first flow call {startup:.1f} s (fixed, once per "
            f"process)")

        choice = RunnerChoice(runner, workers=workers)
        db = scratch / "bench.duckdb"
        with RssSampler() as rss:
            clock = time.perf_counter()
            summary = run_ingest(choice, raw_root=str(corpus_dir), db_path=str(db), batch_size=batch_size,
                                 command="bench")
            wall = time.perf_counter() - clock
        if summary.files_loaded != len(files):
            out(f"warning: {summary.files_loaded} of {len(files)} pages loaded ({summary.files_rejected} rejected)")
        pages_per_s, chars_per_s = len(files) / wall, chars / wall
        out(f"full run ({runner} runner, {choice.workers or 'one per core'} workers, batches of {batch_size}): "
            f"{wall:.1f} s, {pages_per_s:.1f} pages/s, {chars_per_s:,.0f} chars/s")
        st = summary.stages
        out("  stages (wall s): " + ", ".join(f"{k} {v:.2f}" for k, v in st.items()
                                               if k not in ("extract_wall", "extract_cpu"))
            + f"; extract on workers: wall {st.get('extract_wall', 0):.1f} s, CPU {st.get('extract_cpu', 0):.1f} s "
            f"({len(files) / max(st.get('extract_cpu', 0), 1e-9):.1f} pages per CPU-second)")
        out(f"  rows: " + ", ".join(f"{k} {v}" for k, v in summary.row_counts.items()))
        out(f"  peak RSS: {rss.report()}")

        clock = time.perf_counter()
        again = run_ingest(choice, raw_root=str(corpus_dir), db_path=str(db), batch_size=batch_size,
                           command="bench")
        incremental = time.perf_counter() - clock
        out(f"incremental run over {again.files_skipped} unchanged pages: {incremental:.2f} s beyond start-up "
            f"(select/hash {again.stages.get('select', 0):.2f} s)")

        sample = sample_stages(files, stage_pages)
        total = sum(sample.seconds.values()) or 1e-9
        out(f"per page, in one process ({sample.pages} pages): " + ", ".join(
            f"{k} {1000 * v / sample.pages:.1f} ms ({100 * v / total:.0f}%)" for k, v in sample.seconds.items()))

        j_rate, j_note = jionlp_rate(files, jionlp_pages)
        out(f"reference JioNLP money+time per sentence: " + (f"{j_rate:.1f} pages/s ({j_note})" if j_rate else j_note))
        f_rate, numbers = floor_rate(files)
        out(f"reference floor (read + one number regex): {f_rate:,.0f} pages/s ({numbers:,} numbers)")
        jionlp_ratio = pages_per_s / j_rate if j_rate else float("nan")
        floor_ratio = pages_per_s / f_rate
        peak_mb = rss.peak_tree / 2**20
        out(f"bench: pages={len(files)} pages_per_s={pages_per_s:.1f} chars_per_s={chars_per_s:.0f} "
            f"peak_rss_mb={peak_mb:.0f} jionlp_ratio={jionlp_ratio:.2f} floor_ratio={floor_ratio:.4f}")
        return dict(pages=len(files), pages_per_s=pages_per_s, chars_per_s=chars_per_s, peak_rss_mb=peak_mb,
                    jionlp_ratio=jionlp_ratio, floor_ratio=floor_ratio, startup=startup, incremental=incremental)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
