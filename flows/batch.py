"""A batch of raw files to validated frames: read, decode, extract, pass the schema gate.

Runs anywhere (in the flow's process or on a Dask worker): it reads files and returns frames, it never writes.
"""
from __future__ import annotations

import os
import traceback

import polars as pl

from flows.batch_result import BatchResult
from flows.raw_files import RawFile, read_source_meta, sha256_of
from schemas.gate import validate_table
from schemas.tables import frame
from transforms.decode import RejectedFile, decode_bytes
from transforms.issue_dates import infer_issue_date
from transforms.page_facts import FACT_TABLES, page_fact_rows
from transforms.version import extractor_version

TABLES = ("documents",) + FACT_TABLES


def _reject(f: RawFile, stage: str, reason: str, sha: str | None = None) -> dict:
    return dict(source_path=f.rel_path, sha256=sha, status="rejected", stage=stage, reason=reason, warnings=None)


def _document(f: RawFile, data: bytes, sha: str) -> tuple[dict, list[str]]:
    meta = read_source_meta(f.source_dir)
    if meta.problem:
        raise RejectedFile("source", meta.problem)
    decoded = decode_bytes(data)
    warnings = list(decoded.warnings)
    if meta.publication is None:
        warnings.append(f"no source.toml for {f.source}: publication and city unknown")
    issue_date, inferred = f.folder_date, False
    if issue_date is None:
        issue_date, inferred = infer_issue_date(decoded.text), True
        warnings.append(f"issue date inferred from the text: {issue_date}" if issue_date
                        else "no issue date: relative dates stay unresolved")
    doc = dict(doc_id=f.rel_path.removesuffix(".txt"), sha256=sha, source_path=f.rel_path, source=f.source,
               publication=meta.publication, city=meta.city, issue_date=issue_date,
               issue_date_inferred=inferred and issue_date is not None, encoding=decoded.encoding, text=decoded.text,
               extractor_version=extractor_version())
    return doc, warnings


# pages extracted and validated at a time: their rows, as Python dicts, are a worker's largest allocation (a batch of
# 100 pages in one go peaked ~35 MB higher per worker)
GATE_PAGES = 50


def process_files(files: list[RawFile]) -> BatchResult:
    parts = [_process_part(files[i:i + GATE_PAGES]) for i in range(0, len(files), GATE_PAGES)]
    if len(parts) == 1:
        return parts[0]
    return BatchResult({t: pl.concat([p.frames[t] for p in parts], how="vertical_relaxed") for t in TABLES},
                       [s for p in parts for s in p.statuses], [q for p in parts for q in p.quarantined])


def _process_part(files: list[RawFile]) -> BatchResult:
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    statuses = []
    for f in files:
        if f.problem:
            statuses.append(_reject(f, "discover", f.problem))
            continue
        try:
            data = f.path.read_bytes()
        except OSError as err:
            statuses.append(_reject(f, "read", f"cannot read: {err.strerror or err}"))
            continue
        sha = sha256_of(data)
        try:
            doc, warnings = _document(f, data, sha)
            facts = page_fact_rows(doc)
        except RejectedFile as err:
            statuses.append(_reject(f, err.stage, err.reason, sha))
            continue
        except Exception as err:  # an extractor bug must cost one file, not the run
            where = traceback.extract_tb(err.__traceback__)[-1]
            statuses.append(_reject(f, "extract", f"{err.__class__.__name__}: {err} "
                                    f"({os.path.basename(where.filename)}:{where.lineno})", sha))
            continue
        rows["documents"].append(doc)
        for table in FACT_TABLES:
            rows[table].extend(facts[table])
        statuses.append(dict(source_path=f.rel_path, sha256=sha, status="loaded", stage=None, reason=None,
                             warnings="; ".join(warnings) or None))
    return _gate(rows, statuses)


def _gate(rows: dict[str, list[dict]], statuses: list[dict]) -> BatchResult:
    source_paths = {d["doc_id"]: d["source_path"] for d in rows["documents"]}
    frames, quarantined = {}, []
    for table in TABLES:
        valid, bad = validate_table(table, frame(table, rows[table]), source_paths)
        frames[table] = valid
        quarantined.extend(bad)
    # a document that failed its own gate takes its facts with it: facts need their document's text
    kept = set(frames["documents"]["doc_id"].to_list())
    for table in FACT_TABLES:
        frames[table] = frames[table].filter(pl.col("doc_id").is_in(list(kept)))
    for s in statuses:
        if s["status"] == "loaded" and s["source_path"].removesuffix(".txt") not in kept:
            s.update(status="rejected", stage="validate", reason="document row failed its schema (see quarantine)")
    return BatchResult(frames, statuses, quarantined)
