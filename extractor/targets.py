"""Numeric targets (issue 5). Placeholder until the extractor lands."""
from __future__ import annotations

from .models import Segmented, Target


def extract_targets(seg: Segmented) -> list[Target]:
    return []
