"""The ingest flow end to end on the real corpus: tables, contract, offsets, idempotency, backfill."""
from __future__ import annotations

import hashlib
import re

import duckdb
import pytest

from tests.conftest import RAW

CONTRACT = {
    "documents": ["doc_id", "sha256", "source_path", "publication", "city", "issue_date", "text"],
    "articles": ["doc_id", "article_id", "seq", "headline", "byline", "text", "char_start", "char_end"],
    "indicators": ["indicator_id", "doc_id", "article_id", "subject", "subject_type", "enterprise_id", "metric",
                   "measure", "value", "unit", "value_norm", "unit_norm", "qualifier", "period_label",
                   "period_start", "period_end", "is_forecast", "evidence", "char_start", "char_end"],
    "enterprises": ["enterprise_id", "name", "short_name", "region", "industry", "org_form"],
    "enterprise_mentions": ["enterprise_id", "doc_id", "article_id", "mention", "char_start", "char_end"],
    "events": ["event_id", "doc_id", "article_id", "date_start", "date_end", "date_text", "date_precision",
               "event_type", "participants", "location", "evidence", "char_start", "char_end"],
}
WS = re.compile(r"\s+")


def _connect(db):
    return duckdb.connect(str(db), read_only=True)


def _checksum(db) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent digest of every fact table, ignoring which run wrote the rows."""
    con = _connect(db)
    out = {}
    for table in ("documents", "articles", "indicators", "enterprises", "enterprise_mentions", "events"):
        cols = [c for c in CONTRACT[table] if c not in ("run_id",)]
        rows = con.sql(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        digest = hashlib.sha256("\n".join(sorted(repr(r) for r in rows)).encode()).hexdigest()
        out[table] = (len(rows), digest)
    con.close()
    return out


def test_contract_views_have_their_columns(corpus_warehouse):
    con = _connect(corpus_warehouse)
    for table, columns in CONTRACT.items():
        have = {r[0] for r in con.sql(f"DESCRIBE {table}").fetchall()}
        assert set(columns) <= have, (table, set(columns) - have)
    con.close()


def test_every_raw_file_is_a_document_with_its_sha256(corpus_warehouse):
    con = _connect(corpus_warehouse)
    stored = dict(con.sql("SELECT source_path, sha256 FROM documents").fetchall())
    on_disk = {p.relative_to(RAW).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
               for p in RAW.rglob("*.txt")}
    assert stored == on_disk
    assert con.execute("SELECT count(*) FROM etl_runs WHERE status = 'completed'").fetchone()[0] == 1


def test_seed_page_has_five_articles_in_reading_order(corpus_warehouse):
    con = _connect(corpus_warehouse)
    starts = [r[0][:len("10月29日，武汉")] for r in con.sql(
        "SELECT a.text FROM articles a JOIN documents d USING (doc_id) "
        "WHERE d.source_path LIKE 'changjiang-daily/%' ORDER BY seq").fetchall()]
    assert [s[:6] for s in starts] == ["10月29日", "11月3日，", "在新能源与智", "想要入驻“开", "“党建引领基"]


@pytest.mark.parametrize("table", ["indicators", "events"])
def test_every_span_lies_in_its_evidence(corpus_warehouse, table):
    con = _connect(corpus_warehouse)
    rows = con.sql(f"SELECT substr(d.text, f.char_start + 1, f.char_end - f.char_start), f.evidence "
                   f"FROM {table} f JOIN documents d USING (doc_id)").fetchall()
    assert rows, f"no {table} rows"
    outside = [(span, ev) for span, ev in rows if WS.sub("", span) not in WS.sub("", ev)]
    assert not outside, outside[:5]


def test_article_spans_map_back_to_raw_text(corpus_warehouse):
    con = _connect(corpus_warehouse)
    rows = con.sql("SELECT substr(d.text, a.char_start + 1, 12), a.text FROM articles a JOIN documents d USING (doc_id)"
                   ).fetchall()
    for raw_head, clean in rows:
        assert WS.sub("", raw_head)[:4] == WS.sub("", clean)[:4]


def test_second_run_loads_nothing_and_changes_nothing(prefect_harness, raw_copy, tmp_path):
    from flows.ingest import ingest
    db = tmp_path / "w.duckdb"
    first = ingest(raw_root=str(raw_copy), db_path=str(db))
    before = _checksum(db)
    second = ingest(raw_root=str(raw_copy), db_path=str(db))
    assert (first.files_loaded, second.files_loaded, second.files_skipped) == (10, 0, 10)
    assert _checksum(db) == before

    again = ingest(raw_root=str(raw_copy), db_path=str(db), force=True)
    assert again.files_loaded == 10
    assert _checksum(db) == before  # reprocessing gives identical contents

    backfill = ingest(raw_root=str(raw_copy), db_path=str(db), force=True, date_from=__import__("datetime").date(
        2024, 11, 4), date_to=__import__("datetime").date(2024, 11, 4), command="backfill")
    assert backfill.files_loaded == 1
    assert _checksum(db) == before  # the seed's rows were replaced, not duplicated


def test_pages_made_by_an_older_extractor_are_re_extracted(prefect_harness, raw_copy, tmp_path):
    from flows.ingest import ingest
    from transforms.version import extractor_version
    db = tmp_path / "w.duckdb"
    ingest(raw_root=str(raw_copy), db_path=str(db))
    before = _checksum(db)
    with duckdb.connect(str(db)) as con:  # as if two pages had been loaded before the rules last changed
        con.execute("UPDATE documents SET extractor_version = 'older' WHERE doc_id IN "
                    "(SELECT doc_id FROM documents ORDER BY doc_id LIMIT 2)")
    rerun = ingest(raw_root=str(raw_copy), db_path=str(db))
    assert (rerun.files_loaded, rerun.files_reextracted, rerun.files_skipped) == (2, 2, 8)
    assert _checksum(db) == before
    with _connect(db) as con:
        assert con.sql("SELECT DISTINCT extractor_version FROM documents").fetchall() == [(extractor_version(),)]


@pytest.mark.parametrize("profiles, profile_env, configured", [
    ('active = "remote"\n[profiles.remote]\nPREFECT_API_URL = "http://prefect.internal:4200/api"\n', None, True),
    ('active = "remote"\n[profiles.remote]\nPREFECT_API_URL = "http://prefect.internal:4200/api"\n[profiles.local]\n',
     "local", False),
    ('active = "local"\n[profiles.local]\nPREFECT_LOGGING_LEVEL = "INFO"\n', None, False),
    ("not toml [", None, False),
])
def test_a_server_set_in_the_active_prefect_profile_is_used_not_an_embedded_one(tmp_path, monkeypatch, profiles,
                                                                                  profile_env, configured):
    from flows.prefect_env import _api_in_profile
    (tmp_path / "profiles.toml").write_text(profiles, encoding="utf-8")
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    monkeypatch.delenv("PREFECT_PROFILES_PATH", raising=False)
    if profile_env:
        monkeypatch.setenv("PREFECT_PROFILE", profile_env)
    else:
        monkeypatch.delenv("PREFECT_PROFILE", raising=False)
    assert _api_in_profile() is configured
