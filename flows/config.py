"""Configuration in one place: built-in defaults < newsware.toml (in the working directory) < NEWSWARE_* variables."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

CONFIG_FILE = "newsware.toml"


@dataclass(frozen=True)
class Settings:
    raw_root: str = "raw"
    db_path: str = "warehouse/newsware.duckdb"
    batch_size: int = 100
    runner: str = "default"                 # default | dask
    dask_address: str | None = None
    lock_timeout: float = 60.0              # seconds a run waits for another writer before failing
    schedule_cron: str = "0 6 * * *"
    schedule_timezone: str = "Asia/Shanghai"


def load_settings(config_file: str | Path | None = None) -> Settings:
    values: dict = {}
    path = Path(config_file or CONFIG_FILE)
    if path.is_file():
        values.update(tomllib.loads(path.read_text(encoding="utf-8")).get("newsware", {}))
    for f in fields(Settings):
        env = os.environ.get(f"NEWSWARE_{f.name.upper()}")
        if env is not None:
            values[f.name] = env
    known = {f.name: f.type for f in fields(Settings)}
    unknown = set(values) - set(known)
    if unknown:
        raise ValueError(f"{path}: unknown settings {sorted(unknown)}; known: {sorted(known)}")
    casts = {"batch_size": int, "lock_timeout": float}
    return Settings(**{k: casts.get(k, lambda v: v)(v) for k, v in values.items()})
