"""Find raw pages under the raw root (`<source>/<YYYY-MM-DD>/<page>.txt`) without ever leaving it."""
from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from transforms.issue_dates import folder_issue_date

SOURCE_META = "source.toml"
UNSORTED_SOURCE = "unsorted"


@dataclass(frozen=True, slots=True)
class RawFile:
    """A page found under the raw root. A backfill holds one per page for the whole run, so it keeps strings only (the
    root shared) and builds paths on demand: about 250 bytes a page, against 710 with Path objects stored."""
    root: str                  # the raw root, absolute
    rel_path: str              # relative to the raw root, with "/" separators: the document's stable id
    source: str                # the <source> folder, or "unsorted"
    folder_date: date | None
    problem: str | None = None  # set when the file must be rejected before reading (symlink outside the root…)

    @property
    def path(self) -> Path:
        return Path(self.root, self.rel_path)

    @property
    def source_dir(self) -> Path | None:
        """Where source.toml lives: the <source> folder (None for a page directly under the root)."""
        folder, sep, _ = self.rel_path.partition("/")
        return Path(self.root, folder) if sep else None


@dataclass(frozen=True)
class SourceMeta:
    publication: str | None
    city: str | None
    problem: str | None = None


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def _symlink_problem(path: Path, root: Path) -> str | None:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError) as err:
        return f"broken or looping symlink ({err.__class__.__name__})"
    return None if _inside(target, root) else "symlink points outside the raw root: not followed"


def _classify(root: str, rel_dir: str, name: str) -> RawFile:
    rel_path = f"{rel_dir}/{name}" if rel_dir else name
    parts = rel_path.split("/")
    source = parts[0] if len(parts) > 1 else UNSORTED_SOURCE
    folder_date, problem = folder_issue_date(parts[-2]) if len(parts) > 2 else (None, None)
    full = os.path.join(root, rel_path)
    if os.path.islink(full):
        problem = _symlink_problem(Path(full), Path(root))
    return RawFile(root, rel_path, source, folder_date, problem)


def discover_raw_files(raw_root: Path) -> list[RawFile]:
    """Every candidate page under the root, sorted by path. Symlinked folders are never descended."""
    root = str(raw_root.resolve())
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = "" if dirpath == root else os.path.relpath(dirpath, root).replace(os.sep, "/")
        for name in filenames:
            if name.startswith(".") or name == SOURCE_META:
                continue
            found.append(_classify(root, rel_dir, name))
    return sorted(found, key=lambda f: f.rel_path)


@lru_cache(maxsize=256)
def read_source_meta(source_dir: Path | None) -> SourceMeta:
    meta_path = source_dir / SOURCE_META if source_dir else None
    if meta_path is None or not meta_path.is_file():
        return SourceMeta(None, None)
    try:
        meta = tomllib.loads(meta_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        return SourceMeta(None, None, f"{meta_path.name} is malformed: {err}")
    name, city = meta.get("name"), meta.get("city")
    if not isinstance(name, str) or (city is not None and not isinstance(city, str)):
        return SourceMeta(None, None, f"{meta_path.name} needs name (text) and optionally city (text)")
    return SourceMeta(name, city)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
