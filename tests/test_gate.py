"""The schema gate: its one-query row checks must judge every row exactly as pandera does, rule text included."""
from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from schemas.gate import _pandera_split, validate_table
from schemas.tables import frame

SOURCES = {"p/2024-11-04/page": "p/2024-11-04/page.txt"}


def _indicator(n: int, **changes) -> dict:
    row = dict(indicator_id=f"p/2024-11-04/page#1:i{n}", doc_id="p/2024-11-04/page", article_id="p/2024-11-04/page#1",
               subject="武汉市", subject_type="region", subject_entity_key=None, metric="地区生产总值", metric_key="gdp",
               measure="yoy_growth", value=5.6, unit="%", value_norm=5.6, unit_norm="percent", qualifier="exact",
               period_label="前三季度", period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 9, 30),
               is_forecast=False, evidence="武汉市前三季度地区生产总值同比增长5.6%", char_start=10 * n,
               char_end=10 * n + 4)
    row.update(changes)
    return row


def _event(n: int, **changes) -> dict:
    row = dict(event_id=f"p/2024-11-04/page:e{n}", doc_id="p/2024-11-04/page", article_id="p/2024-11-04/page#1",
               date_start=dt.date(2024, 11, 3), date_end=dt.date(2024, 11, 3), date_text="11月3日",
               date_precision="day", event_type="meeting", participants=["武汉市人民政府"], participant_entity_keys=[],
               location="武汉", evidence="11月3日，武汉召开大会", char_start=n, char_end=n + 12)
    row.update(changes)
    return row


BROKEN_INDICATORS = {  # row number -> what breaks it (each a different check, some two at once)
    3: dict(char_start=-1),
    5: dict(char_end=50),                                    # empty span: char_end == char_start
    8: dict(measure="growth"),
    13: dict(value=float("nan")),                            # NaN is a null to pandera, and not plausible
    21: dict(value_norm=3e16),
    34: dict(period_start=dt.date(2024, 10, 1)),             # after period_end
    35: dict(subject=""),
    40: dict(unit_norm=None, qualifier="roughly"),
    41: dict(evidence=None),
}


def _same_judgement(table: str, rows: list[dict]) -> tuple[pl.DataFrame, list[dict]]:
    data = frame(table, rows)
    fast = validate_table(table, data, SOURCES)
    slow = _pandera_split(table, data, SOURCES)
    assert fast[1] == slow[1]
    assert fast[0].equals(slow[0], null_equal=True) and fast[0].schema == slow[0].schema
    return fast


def test_broken_rows_get_pandera_rules_and_the_rest_pass_untouched():
    rows = [_indicator(n, **BROKEN_INDICATORS.get(n, {})) for n in range(1, 51)]
    valid, quarantined = _same_judgement("indicator_facts", rows)
    bad_ids = {f"p/2024-11-04/page#1:i{n}" for n in BROKEN_INDICATORS}
    assert {q["row_json"].split('"indicator_id": "')[1].split('"')[0] for q in quarantined} == bad_ids
    assert set(valid["indicator_id"]) == {r["indicator_id"] for r in rows} - bad_ids
    rules = {q["rule"] for q in quarantined}
    assert "Indicators:period_ordered" in rules
    assert any("measure:isin" in r for r in rules) and any("not_nullable" in r for r in rules)
    assert all(q["source_path"] == "p/2024-11-04/page.txt" for q in quarantined)


def test_a_clean_frame_is_returned_as_built():
    rows = [_indicator(n) for n in range(1, 30)]
    data = frame("indicator_facts", rows)
    valid, quarantined = validate_table("indicator_facts", data, SOURCES)
    assert quarantined == [] and valid.equals(data)


def test_a_duplicate_key_is_left_to_pandera_whole():
    rows = [_indicator(n) for n in range(1, 10)] + [_indicator(4, value=6.1)]
    valid, quarantined = _same_judgement("indicator_facts", rows)
    assert len(quarantined) == 2 and all("field_uniqueness" in q["rule"] for q in quarantined)
    assert valid.height == 8


def test_event_rows_with_lists_and_null_dates():
    rows = [_event(n) for n in range(1, 12)]
    rows[2].update(date_start=None, date_end=None, date_precision="range")
    rows[4].update(date_start=dt.date(2024, 12, 1))                  # after date_end
    rows[6].update(event_type="party", participants=[])
    rows[8].update(evidence="", char_end=rows[8]["char_start"])
    valid, quarantined = _same_judgement("event_facts", rows)
    assert len(quarantined) == 3 and valid.height == 8


@pytest.mark.parametrize("table", ["documents", "articles", "doc_enterprises", "organizations", "event_mentions"])
def test_empty_frames_pass(table):
    valid, quarantined = validate_table(table, frame(table, []), SOURCES)
    assert valid.is_empty() and quarantined == []


def test_list_columns_are_built_like_polars_builds_them():
    rows = [_event(1), _event(2, participants=None), _event(3, participants=[]), _event(4, participants=["甲", None]),
            _event(5), _event(6, participants=["甲\x1f乙", "丙"])]
    del rows[4]["participant_entity_keys"]
    built = frame("event_facts", rows)
    expected = pl.DataFrame({"participants": [r.get("participants") for r in rows],
                             "participant_entity_keys": [r.get("participant_entity_keys") for r in rows]},
                            schema={"participants": pl.List(pl.String), "participant_entity_keys": pl.List(pl.String)})
    assert built.select(expected.columns).equals(expected, null_equal=True)
