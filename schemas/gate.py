"""Validate a frame against its table's model; rows that fail are split off for the quarantine table, never dropped.

pandera runs each check of a model as its own query and needs two passes when a row fails; per batch that cost more
than building the frames. So every check of the model (pandera's own check functions, its null and uniqueness rules)
is evaluated row by row in one Polars query: rows that pass everything are kept as they are, and a failing row's rule
is the one pandera gives a row that fails the same checks (asked once per combination of failed checks). Anything
the row checks cannot decide the same way (a column of the wrong type, a duplicate key) goes to pandera whole.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import pandera.backends.polars.builtin_checks  # noqa: F401  (registers the Polars versions of pandera's checks)
import pandera.polars as pa
import polars as pl
from pandera.api.polars.types import PolarsData
from pandera.backends.polars.checks import PolarsCheckBackend
from pandera.constants import CHECK_OUTPUT_KEY

from schemas.tables import TABLE_MODELS, polars_schema

QUARANTINE_COLUMNS = ["table_name", "rule", "row_json", "source_path"]


def _row_json(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, default=str)


def validate_table(table: str, frame: pl.DataFrame, source_paths: dict[str, str]) -> tuple[pl.DataFrame, list[dict]]:
    """Return (valid rows coerced to the model, quarantine records). `source_paths` maps doc_id to the raw file."""
    if frame.is_empty():
        return frame, []
    passed = _row_checks(table, frame)
    if passed is None:  # the row checks cannot speak for pandera here: let it judge the whole frame
        return _pandera_split(table, frame, source_paths)
    ok = passed.select(pl.all_horizontal(pl.all())).to_series()
    if ok.all():
        return frame, []
    failed = passed.filter(~ok)
    bad = frame.filter(~ok)
    rules = []
    for n, pattern in enumerate(failed.iter_rows()):
        rule = _rule_for(table, pattern, bad.slice(n, 1))
        if rule is None:
            return _pandera_split(table, frame, source_paths)
        rules.append(rule)
    quarantined = [{"table_name": table, "rule": rule, "row_json": _row_json(row),
                    "source_path": source_paths.get(row.get("doc_id"), "")} for rule, row in zip(rules, bad.to_dicts())]
    return frame.filter(ok), quarantined


_RULES: dict[tuple, str] = {}


def _rule_for(table: str, pattern: tuple[bool, ...], row: pl.DataFrame) -> str | None:
    """pandera's rule for a row failing exactly the checks marked False in `pattern` (it depends on nothing else)."""
    key = (table, pattern)
    if key not in _RULES:
        _, quarantined = _pandera_split(table, row, {})
        if len(quarantined) != 1:
            return None
        _RULES[key] = quarantined[0]["rule"]
    return _RULES[key]


def _pandera_split(table: str, frame: pl.DataFrame, source_paths: dict[str, str]) -> tuple[pl.DataFrame, list[dict]]:
    model = TABLE_MODELS[table]
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


def _row_checks(table: str, frame: pl.DataFrame) -> pl.DataFrame | None:
    """One Boolean column per check of the model (True: the row passes it), or None when pandera must judge the frame
    as a whole: a column not of the model's type, duplicates in a unique column, a check that is not row by row."""
    rules = _rules(table)
    if rules is None or any(frame.schema.get(name) != dtype for name, dtype in polars_schema(table).items()):
        return None
    lazy = frame.lazy()
    parts = [lazy.select(rules.unique + rules.not_null)]
    for n, (check, key) in enumerate(rules.checks):
        out = PolarsCheckBackend(check).apply(PolarsData(lazy, key or "*"))
        if not isinstance(out, pl.LazyFrame):
            return None
        flag = pl.col(CHECK_OUTPUT_KEY)  # a null outcome read as pandera reads it
        parts.append(out.select(((flag | flag.is_null()) if check.ignore_na else flag.fill_null(False))
                                .alias(f"__check{n}")))
    passed = pl.concat(parts, how="horizontal").collect()
    if not all(passed.get_column(e.meta.output_name()).all() for e in rules.unique):
        return None
    return passed.drop([e.meta.output_name() for e in rules.unique])


@dataclass(frozen=True)
class _Rules:
    unique: list[pl.Expr]               # per unique column: the row's value occurs once
    not_null: list[pl.Expr]             # per non-nullable column (NaN counts as null, as in pandera)
    checks: list[tuple]                 # (pandera Check, column or None for a dataframe check)


@lru_cache(maxsize=None)
def _rules(table: str) -> _Rules | None:
    schema = TABLE_MODELS[table].to_schema()
    if schema.unique or schema.ordered:
        return None
    unique, not_null, checks = [], [], []
    for name, column in schema.columns.items():
        if column.regex:
            return None
        if column.unique:
            unique.append(pl.col(name).is_duplicated().not_().alias(f"__unique_{name}"))
        if not column.nullable:
            expr = pl.col(name).is_not_null()
            if column.dtype.type in (pl.Float32, pl.Float64):
                expr = expr & pl.col(name).is_not_nan()
            not_null.append(expr.alias(f"__not_null_{name}"))
        checks.extend((check, name) for check in column.checks)
    checks.extend((check, None) for check in schema.checks)
    if any(check.element_wise or check.groupby is not None for check, _ in checks):
        return None
    return _Rules(unique, not_null, checks)
