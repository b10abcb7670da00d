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


@dataclass(frozen=True)
class RawFile:
    path: Path                 # absolute, inside the raw root
    rel_path: str              # relative to the raw root, with "/" separators: the document's stable id
    source: str                # the <source> folder, or "unsorted"
    folder_date: date | None
    source_dir: Path | None = None  # where source.toml lives
    problem: str | None = None  # set when the file must be rejected before reading (symlink outside the root…)


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


def _classify(path: Path, root: Path) -> RawFile:
    rel = path.relative_to(root)
    parts = rel.parts
    source = parts[0] if len(parts) > 1 else UNSORTED_SOURCE
    folder_date, problem = folder_issue_date(parts[-2]) if len(parts) > 2 else (None, None)
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError) as err:
            problem = f"broken or looping symlink ({err.__class__.__name__})"
        else:
            if not _inside(target, root):
                problem = "symlink points outside the raw root: not followed"
    source_dir = root / parts[0] if len(parts) > 1 else None
    return RawFile(path, rel.as_posix(), source, folder_date, source_dir, problem)


def discover_raw_files(raw_root: Path) -> list[RawFile]:
    """Every candidate page under the root, sorted by path. Symlinked folders are never descended."""
    root = raw_root.resolve()
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith(".") or name == SOURCE_META:
                continue
            found.append(_classify(Path(dirpath) / name, root))
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
