import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("VNLEGAL_SHARED", ROOT.parent / "shared"))


def need_shared(*parts: str) -> Path:
    """A path inside ../shared, or skip the test with the reason."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared data not available: {p} (set VNLEGAL_SHARED)")
    return p
