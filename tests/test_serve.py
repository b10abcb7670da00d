"""`newsware serve`: the deployments it would serve (built, never served: serving blocks)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flows.cli import main
from flows.config import Settings
from flows.serve import describe_cron


def _build(**kwargs):
    from flows.deployments import build_deployments
    daily, backfill = build_deployments(Settings(), **kwargs)
    return daily, backfill


def test_daily_deployment_runs_at_six_shanghai_time_by_default():
    daily, _ = _build()
    assert (daily.flow_name, daily.name) == ("newsware-ingest", "daily")
    [schedule] = daily.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 6 * * *", "Asia/Shanghai")
    assert daily.parameters["command"] == "scheduled"
    assert Path(daily.parameters["raw_root"]).is_absolute() and Path(daily.parameters["db_path"]).is_absolute()
    assert daily.entrypoint == "flows.ingest.ingest"


def test_schedule_and_paths_are_configurable(tmp_path):
    daily, backfill = _build(cron="30 5 * * 1-5", timezone="Europe/Paris", raw_root=str(tmp_path / "raw"),
                             db_path=str(tmp_path / "w.duckdb"), batch_size=7, paused=True)
    assert (daily.schedules[0].schedule.cron, daily.schedules[0].schedule.timezone) == ("30 5 * * 1-5", "Europe/Paris")
    assert daily.paused is True
    for d in (daily, backfill):
        assert d.parameters["raw_root"] == str(tmp_path / "raw") and d.parameters["batch_size"] == 7


def test_backfill_deployment_takes_a_date_range_source_and_force():
    _, backfill = _build()
    assert (backfill.flow_name, backfill.name) == ("newsware-backfill", "backfill")
    assert not backfill.schedules
    schema = backfill._parameter_openapi_schema
    assert set(schema.required) == {"date_from", "date_to"}
    assert {"date_from", "date_to", "source", "force"} <= set(schema.properties)
    assert schema.properties["force"]["default"] is True


def test_bad_cron_is_refused(capsys):
    assert main(["serve", "--cron", "every morning", "--dry-run"]) == 2
    assert "newsware serve:" in capsys.readouterr().err


def test_dry_run_prints_the_schedule(capsys):
    assert main(["serve", "--dry-run", "--cron", "15 7 * * *"]) == 0
    out = capsys.readouterr().out
    assert "newsware-ingest/daily: every day at 07:15 Asia/Shanghai" in out
    assert "newsware-backfill/backfill: on demand" in out


def test_help_documents_the_schedule_from_configuration(monkeypatch, capsys):
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "'0 6 * * *' in time zone Asia/Shanghai" in out and "every day at 06:00" in out
    assert "NEWSWARE_SCHEDULE_CRON" in out and "PREFECT_API_URL" in out and "prefect server start" in out
    monkeypatch.setenv("NEWSWARE_SCHEDULE_CRON", "0 22 * * *")
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    assert "every day at 22:00 Asia/Shanghai" in capsys.readouterr().out


def test_describe_cron():
    assert describe_cron("0 6 * * *", "Asia/Shanghai") == "every day at 06:00 Asia/Shanghai"
    assert describe_cron("*/15 * * * *", "UTC") == "cron '*/15 * * * *' in UTC"


def test_backfill_flow_reprocesses_only_its_range_and_source(prefect_harness, raw_copy, tmp_path):
    from flows.deployments import backfill
    summary = backfill(date_from=date(2011, 3, 1), date_to=date(2011, 3, 31), source="tianjin-local",
                       raw_root=str(raw_copy), db_path=str(tmp_path / "w.duckdb"))
    assert (summary.files_seen, summary.files_loaded, summary.files_rejected) == (1, 1, 0)
    with pytest.raises(ValueError, match="after"):
        backfill(date_from=date(2024, 2, 1), date_to=date(2024, 1, 1), raw_root=str(raw_copy),
                 db_path=str(tmp_path / "w.duckdb"))
