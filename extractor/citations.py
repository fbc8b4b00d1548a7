"""Citations of other documents (issue 3). Placeholder until the extractor lands."""
from __future__ import annotations

from .models import Citation, Segmented


def extract_citations(seg: Segmented) -> list[Citation]:
    return []
