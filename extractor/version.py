"""The extractor version a record and a database row carry.

The package version alone does not change when the rules do, so a bulk run would keep
records made by older rules as current. The version stored is the package version with a
digest of the package's code and lexicons: any change to either re-extracts a file on the
next run, and an unchanged installation skips it.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from . import __version__

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def extractor_version() -> str:
    """'0.1.0+1a2b3c4d5e6f': the package version and the first 12 hex digits of the digest."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".json", ".tsv", ".txt") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return f"{__version__}+{digest.hexdigest()[:12]}"
