"""The whole pipeline: read → normalise → segment → extract → record."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Union

from . import __version__
from .models import Document, RawDocument, RawPage, Segmented
from .normalise import normalise
from .readers import read
from .segment import segment


def parse(source: Union[str, os.PathLike], *, text: bool = False) -> Document:
    """Parse a file path, or (with ``text=True`` or a string holding newlines) raw text."""
    if text or (isinstance(source, str) and ("\n" in source or not Path(source).exists())
                and not _looks_like_path(source)):
        raw = RawDocument(path="<text>", format="txt", pages=[RawPage(text=str(source))])
        from .readers import sha256_of
        from .readers.text import strip_markup
        raw.pages[0].text = strip_markup(raw.pages[0].text)
        raw.sha256 = sha256_of(str(source).encode("utf-8"))
    else:
        raw = read(source)
    return build(raw)


def _looks_like_path(s: str) -> bool:
    return "\n" not in s and len(s) < 4096 and Path(s).suffix.lower() in (
        ".txt", ".md", ".pdf", ".docx", ".doc", ".html", ".htm")


def segment_raw(raw: RawDocument) -> Segmented:
    return segment(raw, normalise(raw))


def build(raw: RawDocument) -> Document:
    seg = segment_raw(raw)
    return extract(seg)


def extract(seg: Segmented) -> Document:
    from .citations import extract_citations
    from .deadlines import extract_deadlines
    from .assignments import extract_assignments
    from .targets import extract_targets
    deadlines = extract_deadlines(seg)
    doc = Document(
        source={"path": seg.raw.path, "sha256": seg.raw.sha256, "format": seg.raw.format,
                "pages": len(seg.raw.pages) if seg.raw.has_pages else None,
                "ocr": any(p.ocr for p in seg.raw.pages),
                "ocr_pages": [p.number for p in seg.raw.pages if p.ocr],
                "extractor_version": __version__},
        text=seg.text,
        metadata=seg.metadata,
        sections=seg.sections,
        citations=extract_citations(seg),
        deadlines=deadlines,
        assignments=extract_assignments(seg, deadlines),
        targets=extract_targets(seg),
    )
    return doc


def segment_text(text: str, path: str = "<text>") -> Segmented:
    """Segment a string as if it were a .txt file (handy in tests)."""
    from .readers import sha256_of
    from .readers.text import strip_markup
    raw = RawDocument(path=path, format="txt", pages=[RawPage(text=strip_markup(text))],
                      sha256=sha256_of(text.encode("utf-8")))
    return segment_raw(raw)
