"""The whole pipeline: read → normalise → segment → extract → record."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Union

from .models import Document, RawDocument, RawPage, Segmented
from .normalise import normalise
from .readers import read
from .segment import segment
from .version import extractor_version


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
    from .tables import extract_tables, table_targets
    deadlines = extract_deadlines(seg)
    tables = extract_tables(seg)
    doc = Document(
        source={"path": seg.raw.path, "sha256": seg.raw.sha256, "format": seg.raw.format,
                "pages": len(seg.raw.pages) if seg.raw.has_pages else None,
                "ocr": any(p.ocr for p in seg.raw.pages),
                "ocr_pages": [p.number for p in seg.raw.pages if p.ocr],
                "page_methods": {str(p.number or 1): p.method for p in seg.raw.pages if p.method != "text"},
                "extractor_version": extractor_version()},
        text=seg.text,
        metadata=seg.metadata,
        sections=seg.sections,
        citations=extract_citations(seg),
        deadlines=deadlines,
        assignments=extract_assignments(seg, deadlines),
        targets=_merge_targets(extract_targets(seg), table_targets(seg, tables), tables),
        tables=tables,
    )
    return doc


def _merge_targets(in_text: list, in_tables: list, tables: list) -> list:
    """Targets of target tables are read column by column; the same cells read as running
    text (without their year headings) are dropped."""
    spans = [(t.start, t.end) for t in tables if t.kind == "targets"]
    kept = [t for t in in_text if not any(a <= t.start < b for a, b in spans)]
    return sorted(kept + in_tables, key=lambda t: t.start)


def segment_text(text: str, path: str = "<text>") -> Segmented:
    """Segment a string as if it were a .txt file (handy in tests)."""
    from .readers import sha256_of
    from .readers.text import strip_markup
    raw = RawDocument(path=path, format="txt", pages=[RawPage(text=strip_markup(text))],
                      sha256=sha256_of(text.encode("utf-8")))
    return segment_raw(raw)
