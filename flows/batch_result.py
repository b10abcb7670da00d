"""What a batch gives back: validated frames per table, per-file statuses and quarantined rows.

Its own module so that the loader's process can receive batches without importing the extractors and pandera."""
from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl


@dataclass
class BatchResult:
    frames: dict[str, pl.DataFrame]
    statuses: list[dict] = field(default_factory=list)     # file_status rows
    quarantined: list[dict] = field(default_factory=list)  # quarantine rows
