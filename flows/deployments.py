"""The Prefect deployments `newsware serve` serves: the daily ingest on a cron schedule and an on-demand backfill."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import flows.prefect_env  # noqa: F401  (settings before prefect)
from prefect import flow
from prefect.deployments.runner import EntrypointType
from prefect.schedules import Cron

from flows.config import Settings
from flows.ingest import RunSummary, ingest
from flows.serve import BACKFILL, DAILY, describe_cron


@flow(name="newsware-backfill")
def backfill(date_from: date, date_to: date, source: str | None = None, force: bool = True,
             raw_root: str = "raw", db_path: str = "warehouse/newsware.duckdb", batch_size: int = 100,
             lock_timeout: float = 60.0) -> RunSummary:
    """Reprocess the pages whose issue date is in [date_from, date_to], optionally of one source folder.
    force=false reprocesses only the files that changed since they were loaded."""
    if date_from > date_to:
        raise ValueError(f"date_from {date_from} is after date_to {date_to}")
    return ingest(raw_root=raw_root, db_path=db_path, force=force, date_from=date_from, date_to=date_to,
                  source=source, batch_size=batch_size, command="backfill", lock_timeout=lock_timeout)


def build_deployments(settings: Settings, cron: str | None = None, timezone: str | None = None,
                      raw_root: str | None = None, db_path: str | None = None, batch_size: int | None = None,
                      paused: bool = False) -> list:
    """The scheduled daily deployment and the backfill deployment (RunnerDeployments, not yet applied)."""
    cron = cron or settings.schedule_cron
    timezone = timezone or settings.schedule_timezone
    # absolute paths: served runs must not depend on the directory a run happens to start in
    common = dict(raw_root=str(Path(raw_root or settings.raw_root).resolve()),
                  db_path=str(Path(db_path or settings.db_path).resolve()),
                  batch_size=batch_size or settings.batch_size, lock_timeout=settings.lock_timeout)
    # module entrypoints (flows.ingest.ingest): the runner finds the flows from any working directory
    daily = ingest.to_deployment(
        name=DAILY, schedules=[Cron(cron, timezone=timezone)], paused=paused,
        parameters=dict(common, command="scheduled"), tags=["newsware", "scheduled"],
        entrypoint_type=EntrypointType.MODULE_PATH,
        description=f"Load new and changed pages from {common['raw_root']} into {common['db_path']}, "
                    f"{describe_cron(cron, timezone)}.")
    backfill_deployment = backfill.to_deployment(
        name=BACKFILL, parameters=common, tags=["newsware", "backfill"], entrypoint_type=EntrypointType.MODULE_PATH,
        description="Reprocess a date range (date_from, date_to: YYYY-MM-DD), optionally one source folder; "
                    "force=false reprocesses only changed files. Run it from the UI or with "
                    f"`prefect deployment run newsware-backfill/{BACKFILL} -p date_from=… -p date_to=…`.")
    return [daily, backfill_deployment]
