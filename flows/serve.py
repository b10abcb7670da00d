"""`newsware serve`: the ingest flow as a scheduled Prefect deployment, plus an on-demand backfill deployment.

Served by this process (Prefect's `serve`: no work pool or worker to set up). Against a Prefect server
(PREFECT_API_URL) the runs, their logs and the schedule show in its UI. The deployments are built in
flows/deployments.py; this module stays free of Prefect imports so the CLI starts fast.
"""
from __future__ import annotations

import argparse
import os
import sys

import flows.prefect_env  # noqa: F401  (settings before prefect)
from flows.config import load_settings

DAILY = "daily"
BACKFILL = "backfill"


def describe_cron(cron: str, timezone: str) -> str:
    """'0 6 * * *', 'Asia/Shanghai' -> 'every day at 06:00 Asia/Shanghai'; other crons are shown as they are."""
    parts = cron.split()
    if len(parts) == 5 and parts[2:] == ["*", "*", "*"] and parts[0].isdigit() and parts[1].isdigit():
        return f"every day at {int(parts[1]):02d}:{int(parts[0]):02d} {timezone}"
    return f"cron '{cron}' in {timezone}"


def _run_log_settings() -> dict:
    """Served runs are for watching in the UI: send their logs there at INFO, unless the operator chose otherwise
    (flows/prefect_env.py makes one-off CLI runs quiet and keeps their logs local)."""
    from prefect.settings import PREFECT_LOGGING_LEVEL, PREFECT_LOGGING_TO_API_ENABLED
    wanted = {"PREFECT_LOGGING_TO_API_ENABLED": (PREFECT_LOGGING_TO_API_ENABLED, True),
              "PREFECT_LOGGING_LEVEL": (PREFECT_LOGGING_LEVEL, "INFO")}
    return {setting: value for key, (setting, value) in wanted.items()
            if os.environ.get(key) == flows.prefect_env.DEFAULTS[key]}


# ---------------------------------------------------------------------------------------------------- command

def add_parser(sub, common) -> None:
    s = load_settings()
    p = sub.add_parser(
        "serve", help=f"serve the ingest flow on a schedule ({describe_cron(s.schedule_cron, s.schedule_timezone)})"
                      " and a backfill deployment",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Register two Prefect deployments and serve them from this process until interrupted:\n"
                    f"  newsware-ingest/{DAILY}     loads new and changed pages on a cron schedule\n"
                    f"  newsware-backfill/{BACKFILL}  on demand, with parameters date_from, date_to, source, force",
        epilog=f"Schedule: cron '{s.schedule_cron}' in time zone {s.schedule_timezone} "
               f"({describe_cron(s.schedule_cron, s.schedule_timezone)}).\n"
               "Set it in newsware.toml ([newsware] schedule_cron = \"0 6 * * *\", schedule_timezone = "
               "\"Asia/Shanghai\"),\nwith NEWSWARE_SCHEDULE_CRON / NEWSWARE_SCHEDULE_TIMEZONE, or with --cron / "
               "--timezone.\nCron fields: minute hour day-of-month month day-of-week, e.g. '30 5 * * 1-5' is "
               "05:30 on weekdays.\n\nTo see runs, logs and schedules in a UI, start `prefect server start` and "
               "export\nPREFECT_API_URL=http://127.0.0.1:4200/api before `newsware serve`.\nStart a backfill: "
               f"prefect deployment run newsware-backfill/{BACKFILL} -p date_from=2024-11-01 -p date_to=2024-11-30")
    common(p)
    p.add_argument("--raw", default=s.raw_root, help=f"raw root (default {s.raw_root})")
    p.add_argument("--cron", default=s.schedule_cron, help=f"cron schedule of the daily run (default '{s.schedule_cron}')")
    p.add_argument("--timezone", default=s.schedule_timezone,
                   help=f"IANA time zone of the cron schedule (default {s.schedule_timezone})")
    p.add_argument("--batch-size", type=int, default=s.batch_size)
    p.add_argument("--paused", action="store_true", help="register the schedule paused (resume it in the UI)")
    p.add_argument("--dry-run", action="store_true", help="print the deployments and their schedule, serve nothing")


def command(args) -> int:
    from flows.deployments import build_deployments
    try:
        deployments = build_deployments(load_settings(), cron=args.cron, timezone=args.timezone, raw_root=args.raw,
                                        db_path=args.db, batch_size=args.batch_size, paused=args.paused)
    except ValueError as err:  # a bad cron expression or time zone
        print(f"newsware serve: {err}", file=sys.stderr)
        return 2
    for d in deployments:
        when = "; ".join(describe_cron(s.schedule.cron, s.schedule.timezone) for s in d.schedules) or "on demand"
        print(f"{d.flow_name}/{d.name}: {when}; parameters {d.parameters}")
    if args.dry_run:
        return 0
    if not os.environ.get("PREFECT_API_URL"):
        print("newsware serve: PREFECT_API_URL is not set: serving against a temporary local server, so nothing "
              "shows in a UI.\n  For the UI: `prefect server start`, then "
              "export PREFECT_API_URL=http://127.0.0.1:4200/api", file=sys.stderr)
    from prefect import serve
    from prefect.settings import temporary_settings
    with temporary_settings(updates=_run_log_settings()):  # the runner hands its settings to each run's process
        serve(*deployments)
    return 0
