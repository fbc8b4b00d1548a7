"""Deadlines (issue 4). Placeholder until the extractor lands."""
from __future__ import annotations

from .models import Deadline, Segmented


def extract_deadlines(seg: Segmented) -> list[Deadline]:
    return []
