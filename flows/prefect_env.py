"""Prefect settings for an embedded, offline, quiet run (see ../shared/docs/STACK_NOTES.md). Import before prefect.

Each is a default: anything set in the environment (e.g. PREFECT_API_URL for a real server) wins.
"""
import atexit
import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

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


_server: subprocess.Popen | None = None
_server_url: str | None = None


def start_embedded_server() -> None:
    """Start Prefect's embedded API server now, in the background, and point this process and its children at it.

    Prefect would start the same server on the first flow call, but only after importing the whole server package into
    this process as well (~5 s and ~80 MB here, for nothing: the server runs in its own process). Started first, the
    server's own start overlaps this process's imports. Nothing happens when an API is already configured."""
    global _server, _server_url
    if _server is not None or _api_configured():
        return
    port = _free_port()
    # what prefect.server.api.server.SubprocessASGIServer runs, with the variables it sets
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    _server = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
                                "--host", "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"],
                               env=env, preexec_fn=_stop_with_parent if sys.platform == "linux" else None)
    _server_url = f"http://127.0.0.1:{port}/api"
    os.environ["PREFECT_API_URL"] = _server_url
    atexit.register(_stop_server)


def wait_for_server() -> None:
    """Block until the server start_embedded_server() started answers (no-op when it started none)."""
    if _server is None:
        return
    deadline = time.monotonic() + float(os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"])
    while time.monotonic() < deadline:
        if _server.poll() is not None:
            raise RuntimeError(f"the embedded Prefect server exited with code {_server.returncode} while starting")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{_server_url}/health", timeout=1) as reply:
            if reply.status == 200:
                return
        time.sleep(0.05)
    raise RuntimeError(f"the embedded Prefect server did not answer within "
                       f"{os.environ['PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS']} s")


def _api_configured() -> bool:
    if os.environ.get("PREFECT_API_URL") or _api_in_profile():
        return True
    if "prefect" not in sys.modules:  # not imported yet: no temporary settings (a test harness) can be active
        return False
    from prefect.settings import PREFECT_API_URL
    return bool(PREFECT_API_URL.value())


def _api_in_profile() -> bool:
    """A server set with `prefect config set PREFECT_API_URL=…` (the active profile), read without importing Prefect."""
    home = Path(os.environ.get("PREFECT_HOME", "~/.prefect")).expanduser()
    path = Path(os.environ.get("PREFECT_PROFILES_PATH", home / "profiles.toml")).expanduser()
    try:
        profiles = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active", "ephemeral")
    return bool(profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop_with_parent() -> None:
    """In the server's process before it starts: a SIGTERM when the parent dies, even by SIGKILL (no orphan server)."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _stop_server() -> None:
    global _server
    if _server is None:
        return
    _server.terminate()
    try:
        _server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        _server.kill()
        _server.wait()
    _server = None
