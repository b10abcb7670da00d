"""One pandera model per warehouse table: the gate every row passes before it is loaded."""
from __future__ import annotations

import datetime as dt

import pandera.polars as pa
import polars as pl

MEASURES = ["level", "yoy_growth", "mom_growth", "share", "growth_change_pp"]
QUALIFIERS = ["exact", "approx", "over", "under"]
SUBJECT_TYPES = ["region", "enterprise", "organization", "industry", "other"]
PRECISIONS = ["day", "week", "month", "quarter", "half", "year", "range"]
EVENT_TYPES = ["release", "founding", "meeting", "relocation", "visit", "incident", "contract", "exhibition", "award",
               "opening", "production", "export", "policy", "plan", "completion", "listing", "restructuring",
               "announcement", "other"]
MAX_PLAUSIBLE_VALUE = 1e16
ORG_TYPES = ["government", "university", "research", "association", "community", "park", "event", "media", "other"]


class _Model(pa.DataFrameModel):
    class Config:
        coerce = True
        strict = False


class _Span(_Model):
    char_start: int = pa.Field(ge=0)
    char_end: int = pa.Field(ge=0)

    @pa.dataframe_check(name="span_not_empty")
    def span_not_empty(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("char_end") > pl.col("char_start"))


class Documents(_Model):
    doc_id: str = pa.Field(unique=True, str_length={"min_value": 1})
    sha256: str = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    source_path: str
    source: str
    publication: str = pa.Field(nullable=True)
    city: str = pa.Field(nullable=True)
    issue_date: dt.date = pa.Field(nullable=True)
    issue_date_inferred: bool
    encoding: str
    text: str = pa.Field(str_length={"min_value": 1})
    extractor_version: str


class Articles(_Span):
    doc_id: str
    article_id: str = pa.Field(unique=True)
    seq: int = pa.Field(ge=1)
    headline: str = pa.Field(nullable=True)
    byline: str = pa.Field(nullable=True)
    text: str = pa.Field(str_length={"min_value": 1})


class Indicators(_Span):
    indicator_id: str = pa.Field(unique=True)
    doc_id: str
    article_id: str
    subject: str = pa.Field(str_length={"min_value": 1})
    subject_type: str = pa.Field(isin=SUBJECT_TYPES)
    subject_entity_key: str = pa.Field(nullable=True)
    metric: str = pa.Field(nullable=True)
    metric_key: str = pa.Field(nullable=True)
    measure: str = pa.Field(isin=MEASURES)
    value: float
    unit: str = pa.Field(nullable=True)
    value_norm: float
    unit_norm: str = pa.Field(str_length={"min_value": 1})
    qualifier: str = pa.Field(isin=QUALIFIERS)
    period_label: str = pa.Field(nullable=True)
    period_start: dt.date = pa.Field(nullable=True)
    period_end: dt.date = pa.Field(nullable=True)
    is_forecast: bool
    evidence: str = pa.Field(str_length={"min_value": 1})

    @pa.dataframe_check(name="value_is_plausible")
    def value_is_plausible(cls, data) -> pl.LazyFrame:
        """Finite, and below 1e16 in the base unit (world GDP is ~1e15 USD): larger is a parsing accident."""
        return data.lazyframe.select(pl.col("value_norm").is_finite() & pl.col("value").is_finite()
                                     & (pl.col("value_norm").abs() < MAX_PLAUSIBLE_VALUE))

    @pa.dataframe_check(name="period_ordered")
    def period_ordered(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col("period_start").is_null() | pl.col("period_end").is_null()
            | (pl.col("period_start") <= pl.col("period_end")))


class DocEnterprises(_Model):
    doc_id: str
    entity_key: str
    name: str = pa.Field(str_length={"min_value": 2})
    short_name: str = pa.Field(nullable=True)
    region: str = pa.Field(nullable=True)
    industry: str = pa.Field(nullable=True)
    org_form: str = pa.Field(nullable=True)
    aliases: pl.List(pl.Utf8)


class DocEnterpriseMentions(_Span):
    doc_id: str
    entity_key: str
    article_id: str
    mention: str = pa.Field(str_length={"min_value": 1})


class Organizations(_Span):
    doc_id: str
    article_id: str
    name: str = pa.Field(str_length={"min_value": 2})
    org_type: str = pa.Field(isin=ORG_TYPES)
    mention: str


class Events(_Span):
    event_id: str = pa.Field(unique=True)
    doc_id: str
    article_id: str
    date_start: dt.date = pa.Field(nullable=True)
    date_end: dt.date = pa.Field(nullable=True)
    date_text: str
    date_precision: str = pa.Field(isin=PRECISIONS)
    event_type: str = pa.Field(isin=EVENT_TYPES)
    participants: pl.List(pl.Utf8)
    participant_entity_keys: pl.List(pl.Utf8)
    location: str = pa.Field(nullable=True)
    evidence: str = pa.Field(str_length={"min_value": 1})

    @pa.dataframe_check(name="dates_ordered")
    def dates_ordered(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col("date_start").is_null() | pl.col("date_end").is_null()
            | (pl.col("date_start") <= pl.col("date_end")))


class EventMentions(_Span):
    event_id: str
    doc_id: str
    article_id: str
    evidence: str


TABLE_MODELS: dict[str, type[_Model]] = {
    "documents": Documents,
    "articles": Articles,
    "indicator_facts": Indicators,
    "doc_enterprises": DocEnterprises,
    "doc_enterprise_mentions": DocEnterpriseMentions,
    "organizations": Organizations,
    "event_facts": Events,
    "event_mentions": EventMentions,
}


def polars_schema(table: str) -> dict[str, pl.DataType]:
    """Column names and Polars dtypes of a table, in model order: empty batches still get every column."""
    return {name: column.dtype.type for name, column in TABLE_MODELS[table].to_schema().columns.items()}


def frame(table: str, rows: list[dict]) -> pl.DataFrame:
    schema = polars_schema(table)
    return pl.DataFrame({k: _column(k, [r.get(k) for r in rows], dtype) for k, dtype in schema.items()}, schema=schema)


_ITEM_SEPARATOR = "\x1f"  # ASCII unit separator: never in cleaned page text


def _column(name: str, values: list, dtype: pl.DataType) -> list | pl.Series:
    """Python values for Polars to convert; lists of strings joined and split again, which is ~8x faster than Polars'
    conversion of one list at a time (and needs no pyarrow in the worker processes: ~26 MB each)."""
    if not (isinstance(dtype, pl.List) and dtype.inner == pl.String) or not values:
        return values
    if any(x is None or _ITEM_SEPARATOR in x for v in values if v for x in v):
        return pl.Series(name, values, dtype=dtype)
    joined = pl.Series(name, [None if v is None else _ITEM_SEPARATOR.join(v) for v in values], dtype=pl.String)
    empty = pl.Series([v is not None and len(v) == 0 for v in values])
    return pl.select(pl.when(empty).then(pl.lit([], dtype=dtype)).otherwise(joined.str.split(_ITEM_SEPARATOR))
                     .alias(name)).to_series()
