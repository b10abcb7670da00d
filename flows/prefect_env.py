"""Prefect settings for an embedded, offline, quiet run (see ../shared/docs/STACK_NOTES.md). Import before prefect.

Each is a default: anything set in the environment (e.g. PREFECT_API_URL for a real server) wins.
"""
import os

DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",         # no telemetry: the machine has no network
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",  # cold start takes 9–18 s here; the default 20 is too close
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED": "false",  # avoids shutdown tracebacks; task runs not recorded
    # the other services an embedded server runs serve automations and the event feed, which newsware does not use:
    # off, they no longer start with the server or take CPU from the extract workers during a run
    "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED": "false",
    # start-up: block types are registered only for the UI and blocks, which newsware does not use; the event and log
    # streams feed websocket subscribers (the UI), of which there are none
    "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
    "PREFECT_SERVER_EVENTS_STREAM_OUT_ENABLED": "false",
    "PREFECT_SERVER_LOGS_STREAM_OUT_ENABLED": "false",
}
for key, value in DEFAULTS.items():
    os.environ.setdefault(key, value)


def quick_flow_exit():
    """A context for flow calls without the heartbeat thread, whose 1 s sleep steps add ~1 s to every flow call (it
    cannot be switched off from the environment)."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    return temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None})
