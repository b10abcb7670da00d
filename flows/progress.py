"""Progress of a long run, per stage: the flow reports, the command line shows (a rich bar) or stays silent.

The flow calls `progress.stage(...)` / `progress.advance(...)`; nothing is shown unless the CLI installed a reporter
(`--quiet` and library callers get the silent one), so the flow stays free of terminal concerns.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator


class Silent:
    def start(self, stage: str, total: int | None) -> None: ...
    def advance(self, stage: str, n: int = 1) -> None: ...
    def finish(self, stage: str) -> None: ...
    def close(self) -> None: ...


class RichBars(Silent):
    """One bar per stage with pages done, rate and elapsed time, on stderr (stdout keeps the summary)."""

    def __init__(self):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        class Rate(TextColumn):
            def render(self, task):
                speed = task.finished_speed or task.speed
                return super().render(task) if speed is None else f"{speed:8.1f} pages/s"

        self._bars = Progress(TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(),
                              TaskProgressColumn(), Rate(""), TimeElapsedColumn(), TimeRemainingColumn(),
                              console=Console(stderr=True), transient=False)
        self._ids: dict[str, int] = {}
        self._bars.start()

    def start(self, stage: str, total: int | None) -> None:
        self._ids[stage] = self._bars.add_task(stage, total=total)

    def advance(self, stage: str, n: int = 1) -> None:
        if stage in self._ids:
            self._bars.advance(self._ids[stage], n)

    def finish(self, stage: str) -> None:
        if stage in self._ids:
            task = self._bars.tasks[self._ids[stage]]
            self._bars.update(self._ids[stage], total=task.completed)

    def close(self) -> None:
        self._bars.stop()


_reporter: Silent = Silent()


def reporter() -> Silent:
    return _reporter


@contextmanager
def reporting(new: Silent) -> Iterator[Silent]:
    global _reporter
    previous, _reporter = _reporter, new
    try:
        yield new
    finally:
        new.close()
        _reporter = previous
