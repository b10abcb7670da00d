"""Validate a frame against its table's model; rows that fail are split off for the quarantine table, never dropped."""
from __future__ import annotations

import json

import pandera.polars as pa
import polars as pl

from schemas.tables import TABLE_MODELS

QUARANTINE_COLUMNS = ["table_name", "rule", "row_json", "source_path"]


def _row_json(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, default=str)


def validate_table(table: str, frame: pl.DataFrame, source_paths: dict[str, str]) -> tuple[pl.DataFrame, list[dict]]:
    """Return (valid rows coerced to the model, quarantine records). `source_paths` maps doc_id to the raw file."""
    model = TABLE_MODELS[table]
    if frame.is_empty():
        return frame, []
    try:
        return model.validate(frame, lazy=True), []
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    indexed = cases.filter(pl.col("index").is_not_null())
    whole_frame = cases.filter(pl.col("index").is_null())
    bad_rules: dict[int, list[str]] = {}
    for idx, column, check in indexed.select("index", "column", "check").iter_rows():
        bad_rules.setdefault(idx, []).append(f"{column}:{check}" if column else check)
    if not whole_frame.is_empty():
        rule = "; ".join(sorted({f"{c}:{k}" for c, k in whole_frame.select("column", "check").iter_rows()}))
        bad_rules = {i: [rule] for i in range(frame.height)}
    bad_rows = frame[sorted(bad_rules)].to_dicts()
    quarantined = [
        {"table_name": table, "rule": "; ".join(sorted(set(bad_rules[i]))), "row_json": _row_json(row),
         "source_path": source_paths.get(row.get("doc_id"), "")}
        for i, row in zip(sorted(bad_rules), bad_rows)]
    keep = frame.with_row_index("__row").filter(~pl.col("__row").is_in(list(bad_rules))).drop("__row")
    return (model.validate(keep) if not keep.is_empty() else keep), quarantined
