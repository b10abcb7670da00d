"""The loader's BatchWriter: batches grouped into bounded transactions, a document's rows replaced whole, rollback."""
from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl
import pytest

from flows import warehouse
from flows.batch import TABLES
from schemas.tables import frame


def _batch(names: list[str], version: int = 1) -> dict:
    rows = {t: [] for t in TABLES}
    for name in names:
        doc_id = f"src/2024-11-04/{name}"
        rows["documents"].append(dict(doc_id=doc_id, sha256="0" * 63 + str(version), source_path=doc_id + ".txt",
                                      source="src", publication="长江日报", city="武汉市",
                                      issue_date=dt.date(2024, 11, 4), issue_date_inferred=False, encoding="utf-8",
                                      text="武汉市GDP增长5.6%。"))
        rows["articles"].append(dict(doc_id=doc_id, article_id=f"{doc_id}#1", seq=1, headline=None, byline=None,
                                     text="武汉市GDP增长5.6%。", char_start=0, char_end=12))
        for n in range(1, 2 + version):  # version 2 has one indicator more
            rows["indicator_facts"].append(dict(
                indicator_id=f"{doc_id}#1:i{n}", doc_id=doc_id, article_id=f"{doc_id}#1", subject="武汉市",
                subject_type="region", measure="yoy_growth", value=5.6, unit="%", value_norm=5.6, unit_norm="percent",
                qualifier="exact", is_forecast=False, evidence="GDP增长5.6%", char_start=8, char_end=12))
    return {t: frame(t, r) for t, r in rows.items()}


@pytest.fixture
def con(tmp_path):
    path = tmp_path / "w.duckdb"
    con = duckdb.connect(str(path))
    con.execute(warehouse.SCHEMA_SQL.read_text(encoding="utf-8"))
    yield con
    con.close()


def _committed(con, table: str) -> int:
    """Rows another connection sees: what has been committed."""
    other = con.cursor()
    try:
        return other.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        other.close()


def test_batches_share_a_transaction_until_enough_rows(con):
    status = [dict(run_id="r", source_path="src/a.txt", sha256=None, status="loaded", stage=None, reason=None,
                   warnings=None, recorded_at=dt.datetime(2024, 11, 4))]
    with warehouse.BatchWriter(con, "r", commit_rows=12) as writer:
        writer.write(_batch(["a"]), status)            # 4 rows + 1 status: below 12, still open
        assert _committed(con, "documents") == 0
        writer.write(_batch(["b"]))                    # 9
        writer.write(_batch(["c"]))                    # 13: committed
        assert _committed(con, "documents") == 3 and _committed(con, "file_status") == 1
        writer.write(_batch(["d"]))
        assert _committed(con, "documents") == 3
    assert _committed(con, "documents") == 4 and _committed(con, "indicator_facts") == 8
    assert con.execute("SELECT DISTINCT run_id FROM indicator_facts").fetchall() == [("r",)]


def test_a_failure_rolls_back_only_the_open_transaction(con):
    with pytest.raises(RuntimeError):
        with warehouse.BatchWriter(con, "r", commit_rows=8) as writer:
            writer.write(_batch(["a"]))                # 4 rows (document, article, two indicators)
            writer.write(_batch(["b"]))                # 8 rows: committed
            writer.write(_batch(["c"]))                # open when the failure comes
            raise RuntimeError("loader failed")
    assert con.execute("SELECT doc_id FROM documents ORDER BY 1").fetchall() == [("src/2024-11-04/a",),
                                                                                ("src/2024-11-04/b",)]
    assert con.execute("SELECT count(*) FROM indicator_facts").fetchone()[0] == 4


def test_a_reloaded_document_replaces_all_its_rows(con):
    with warehouse.BatchWriter(con, "r1") as writer:
        writer.write(_batch(["a", "b"]))
    with warehouse.BatchWriter(con, "r2") as writer:
        writer.write(_batch(["a"], version=2))
    rows = con.execute("SELECT doc_id, run_id, count(*) FROM indicator_facts GROUP BY ALL ORDER BY 1").fetchall()
    assert rows == [("src/2024-11-04/a", "r2", 3), ("src/2024-11-04/b", "r1", 2)]
    assert con.execute("SELECT sha256 FROM documents WHERE doc_id LIKE '%/a'").fetchone()[0].endswith("2")


def test_relink_streams_to_the_same_links_as_linking_in_memory(con, monkeypatch):
    from transforms.enterprise_linking import link_enterprises
    names = [("d3", "e1", "武汉长江计算科技有限公司", "长江计算"), ("d1", "e2", "长江计算"), ("d2", "e1", "长江公司"),
             ("d1", "e1", "温州青山集团"), ("d4", "e1", "青山集团"), ("d2", "e2", "青山控股集团有限公司", "青山"),
             ("d4", "e2", "宁波青山控股集团有限公司", "青山"), ("d5", "e1", "青山"), ("d5", "e2", "长江计算")]
    rows = pl.DataFrame([dict(doc_id=d, entity_key=k, name=n, aliases=list(a) or [n], run_id="r")
                         for d, k, n, *a in names])
    con.register("rows", rows.to_arrow())
    con.execute("INSERT INTO doc_enterprises BY NAME SELECT * FROM rows")
    # tiny reads and transactions: rows stream in several batches and links commit in several transactions
    monkeypatch.setattr(warehouse, "COMMIT_ROWS", 2)
    assert warehouse.relink_enterprises(con, batch_rows=3) == len(names)
    stored = con.sql("SELECT doc_id, entity_key, enterprise_id, canonical_name, link_rule FROM enterprise_links "
                     "ORDER BY doc_id, entity_key").pl()
    expected = link_enterprises(rows.drop("run_id")).sort("doc_id", "entity_key")
    assert stored.equals(expected)
    assert set(expected["link_rule"]) > {"new"}  # the case links something, so the comparison says something
    assert con.sql("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'new_links'").fetchall() == [(0,)]


# run in a fresh interpreter, as the `process` runner's loader: real pages extracted by a worker, loaded, then linked
_LOADER_PROCESS = """
import datetime as dt, json, sys
from pathlib import Path
import duckdb
from flows import runners, warehouse
from flows.raw_files import discover_raw_files
db_path, raw_root = sys.argv[1:]
with runners._worker_threads(True), runners._lean_pool(1):
    result = runners.load_outcome(runners.run_batch_in_pool(discover_raw_files(Path(raw_root))[:3], None))
con = duckdb.connect(db_path)
con.execute(warehouse.SCHEMA_SQL.read_text(encoding="utf-8"))
with warehouse.BatchWriter(con, "r1") as writer:
    writer.write(result.frames, [dict(s, run_id="r1", recorded_at=dt.datetime.now()) for s in result.statuses])
links = warehouse.relink_enterprises(con)
print(json.dumps(dict(links=links, counts=warehouse.table_counts(con),
                      loaded=[m for m in ("pyarrow", "pandera", "transforms.indicators") if m in sys.modules])))
"""


def test_the_loader_process_needs_neither_pyarrow_nor_the_extractors(tmp_path):
    import json
    import subprocess
    import sys

    from tests.conftest import RAW
    done = subprocess.run([sys.executable, "-c", _LOADER_PROCESS, str(tmp_path / "w.duckdb"), str(RAW)],
                          capture_output=True, text=True, check=True)
    view = json.loads(done.stdout.splitlines()[-1])
    assert view["counts"]["documents"] == 3 and view["counts"]["indicator_facts"] > 0
    assert view["links"] == view["counts"]["doc_enterprises"] > 0
    # pyarrow ~37 MB (DuckDB reads Polars' Arrow stream itself), pandera and the extractors ~23 MB: all stay out
    assert view["loaded"] == []
