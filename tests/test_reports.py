"""SQL reports and `newsware report` on the warehouse built from the real corpus."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re

import duckdb
import pytest

from flows import reports
from flows.cli import main

ALL = reports.list_reports()
NAMES = [r.name for r in ALL]


def _run(db, report_name, /, **params):
    with reports.connect_read_only(db) as con:
        columns, rows = reports.run_report(con, reports.get_report(report_name), params)
    return [dict(zip(columns, row)) for row in rows]


def _sql(db, query):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql(query).fetchall()


def test_the_issue_s_reports_exist():
    assert {"indicator_series", "latest_by_region", "enterprise_coverage", "event_timeline", "archive_coverage",
            "archive_gaps", "data_quality"} <= set(NAMES)


@pytest.mark.parametrize("report", ALL, ids=NAMES)
def test_header_says_the_question_and_declares_exactly_the_parameters_used(report):
    assert report.question.endswith("?"), report.question
    code = "\n".join(line for line in report.sql.splitlines() if not line.lstrip().startswith("--"))
    used = set(re.findall(r"\$(\w+)", code))
    assert used == {p.name for p in report.params}
    assert all(p.doc for p in report.params)


@pytest.mark.parametrize("name", NAMES)
def test_every_report_returns_rows_on_the_corpus(corpus_warehouse, name):
    assert _run(corpus_warehouse, name)


def test_indicator_series_filters_by_subject_and_metric_key(corpus_warehouse):
    subject, metric_key, expected = _sql(corpus_warehouse, """
        SELECT subject, metric_key, count(*) FROM indicators WHERE metric_key IS NOT NULL AND NOT is_forecast
        GROUP BY ALL ORDER BY 3 DESC, 1, 2 LIMIT 1""")[0]
    rows = _run(corpus_warehouse, "indicator_series", subject=subject, metric_key=metric_key)
    assert len(rows) == expected
    assert {(r["subject"], r["metric_key"]) for r in rows} == {(subject, metric_key)}
    ends = [r["period_end"] for r in rows if r["measure"] == rows[0]["measure"] and r["period_end"]]
    assert ends == sorted(ends)


def test_latest_by_region_keeps_the_latest_period_of_each_metric(corpus_warehouse):
    rows = _run(corpus_warehouse, "latest_by_region")
    keys = [(r["region"], r["metric_key"] or r["metric"], r["measure"], r["unit_norm"]) for r in rows]
    assert len(keys) == len(set(keys))
    latest = dict(((s, m, ms, u), e) for s, m, ms, u, e in _sql(corpus_warehouse, """
        SELECT subject, coalesce(metric_key, metric), measure, unit_norm, max(period_end) FROM indicators
        WHERE subject_type = 'region' AND NOT is_forecast GROUP BY ALL"""))
    assert all(r["period_end"] == latest[k] for r, k in zip(rows, keys))


def test_enterprise_coverage_counts_mentions_and_documents(corpus_warehouse):
    rows = _run(corpus_warehouse, "enterprise_coverage")
    assert sum(r["mentions"] for r in rows) == _sql(corpus_warehouse, "SELECT count(*) FROM enterprise_mentions")[0][0]
    top = rows[0]
    assert top["mentions"] == max(r["mentions"] for r in rows)
    assert top["first_seen"] <= top["last_seen"] and top["aliases"]
    assert _run(corpus_warehouse, "enterprise_coverage", name=top["name"])[0]["enterprise_id"] == top["enterprise_id"]


def test_parameters_are_bound_never_pasted_into_the_sql(corpus_warehouse):
    assert _run(corpus_warehouse, "enterprise_coverage", name="x' OR 1=1 --") == []
    assert _run(corpus_warehouse, "indicator_series", subject="'; DROP TABLE documents; --") == []


def test_event_timeline_counts_every_event_once(corpus_warehouse):
    rows = _run(corpus_warehouse, "event_timeline")
    assert sum(r["events"] for r in rows) == _sql(corpus_warehouse, "SELECT count(*) FROM events")[0][0]
    dated = [r for r in _run(corpus_warehouse, "event_timeline", date_from="1900-01-01") if r["month"]]
    assert all(re.fullmatch(r"\d{4}-\d\d", r["month"]) for r in dated)


def test_archive_coverage_and_gaps(corpus_warehouse):
    rows = _run(corpus_warehouse, "archive_coverage")
    assert sum(r["pages"] for r in rows) == _sql(corpus_warehouse, "SELECT count(*) FROM documents")[0][0]
    gaps = _run(corpus_warehouse, "archive_gaps")
    south = [g for g in gaps if g["source"] == "southern-finance"]  # issues of 2022-05-26 and 2022-08-03
    assert south and south[0]["missing_days"] == 68
    assert _run(corpus_warehouse, "archive_gaps", min_days="1000") == []


def test_data_quality_accounts_for_every_file_of_the_run(corpus_warehouse):
    rows = _run(corpus_warehouse, "data_quality", run_id="latest")
    assert {r["run_id"] for r in rows} == {_sql(corpus_warehouse, "SELECT max(run_id) FROM etl_runs")[0][0]}
    loaded = sum(r["count"] for r in rows if r["outcome"] == "file loaded")
    assert loaded == _sql(corpus_warehouse, "SELECT count(*) FROM documents")[0][0]
    assert _run(corpus_warehouse, "data_quality", problems_only="true") == []  # the corpus loads cleanly


def test_unknown_report_and_parameter_are_refused():
    with pytest.raises(reports.ReportError, match="known: .*indicator_series"):
        reports.get_report("no_such_report")
    with pytest.raises(reports.ReportError, match="no parameter colour"):
        reports.bind_params(reports.get_report("archive_gaps"), {"colour": "red"})
    with pytest.raises(reports.ReportError):
        reports.get_report("../schema")


# ---------------------------------------------------------------------------------------------------- the command

def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_report_command_prints_json_rows_and_leaves_the_file_untouched(corpus_warehouse, capsys):
    before = _digest(corpus_warehouse)
    assert main(["report", "enterprise_coverage", "--db", str(corpus_warehouse), "--format", "json",
                 "--param", "min_mentions=2"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and isinstance(rows, list) and all(r["mentions"] >= 2 for r in rows)
    assert isinstance(rows[0]["aliases"], list) and re.fullmatch(r"\d{4}-\d\d-\d\d", rows[0]["first_seen"])
    assert _digest(corpus_warehouse) == before


def test_report_command_csv_md_and_table(corpus_warehouse, capsys):
    db = str(corpus_warehouse)
    assert main(["report", "archive_coverage", "--db", db, "-f", "csv"]) == 0
    parsed = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert parsed and {"source", "issue_date", "pages"} <= set(parsed[0])
    assert main(["report", "archive_coverage", "--db", db, "-f", "md"]) == 0
    md = capsys.readouterr().out.splitlines()
    assert md[0].startswith("| source |") and md[1].startswith("|---|") and len(md) == len(parsed) + 2
    assert main(["report", "archive_gaps", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "southern-finance" in out and "1 rows" in out


def test_report_list_and_errors(corpus_warehouse, tmp_path, capsys):
    assert main(["report", "--list"]) == 0
    listing = capsys.readouterr().out
    assert all(name in listing for name in NAMES) and "--param subject=" in listing
    assert main(["report", "archive_gaps", "--db", str(corpus_warehouse), "--param", "nope=1"]) == 2
    assert "no parameter nope" in capsys.readouterr().err
    assert main(["report", "archive_gaps", "--db", str(tmp_path / "missing.duckdb")]) == 2
    assert "no warehouse" in capsys.readouterr().err
    assert not (tmp_path / "missing.duckdb").exists()
