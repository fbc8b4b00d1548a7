"""Assignments (issue 4). Placeholder until the extractor lands."""
from __future__ import annotations

from .models import Assignment, Deadline, Segmented


def extract_assignments(seg: Segmented, deadlines: list[Deadline]) -> list[Assignment]:
    return []
