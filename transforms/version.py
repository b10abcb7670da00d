"""Which extractor produced a document's rows: a digest of the transform code and lexicons.

Stored on every document, so an incremental run re-extracts pages whose rows came from older rules instead of
keeping them until someone remembers to pass --force.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

TRANSFORMS = Path(__file__).parent


@lru_cache(maxsize=1)
def extractor_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(TRANSFORMS.rglob("*")):
        if path.suffix in (".py", ".toml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(TRANSFORMS).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
