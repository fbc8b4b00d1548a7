"""Typed records that flow between the pipeline stages.

Each stage takes the record of the stage before and returns its own; no stage reaches
into another's internals. Offsets are character offsets into ``NormText.text``.
"""
from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property
from typing import Any, Optional

SCHEMA_VERSION = "1"


# ----------------------------------------------------------------- reading
@dataclass
class RawPage:
    """One page of a source (a text file is a single page with number None)."""
    text: str
    number: Optional[int] = None
    ocr: bool = False
    method: str = "text"     # how the text was read: text, ocr, pdfplumber, tcvn3, vni


@dataclass
class RawTable:
    """A table found by a reader: rows of cell strings."""
    rows: list[list[str]]
    page: Optional[int] = None


@dataclass
class RawDocument:
    """What a reader returns: pages of text in reading order, plus tables."""
    path: str
    format: str
    pages: list[RawPage]
    sha256: str = ""
    tables: list[RawTable] = field(default_factory=list)

    @property
    def has_pages(self) -> bool:
        return any(p.number is not None for p in self.pages)


# ----------------------------------------------------------------- normalising
@dataclass
class NormText:
    """Normalised text with its line map.

    ``text`` reads as printed (NFC). ``match`` has the same length and one tone-mark
    convention, for pattern matching. ``fold`` has the same length, lowercase, no
    diacritics, đ→d, for diacritic-insensitive search.
    """
    text: str
    page_starts: list[int] = field(default_factory=list)   # offsets where a page's text resumes
    page_numbers: list[Optional[int]] = field(default_factory=list)

    @cached_property
    def match(self) -> str:
        """Computed on first use, like fold: no stage reads it today."""
        from .normalise import tone_normalise
        return tone_normalise(self.text)

    @cached_property
    def fold(self) -> str:
        """Computed on first use: most documents never need the folded view."""
        from .normalise import fold
        return fold(self.text)

    def page_at(self, offset: int) -> Optional[int]:
        if not self.page_starts:
            return None
        i = max(0, bisect.bisect_right(self.page_starts, offset) - 1)
        return self.page_numbers[i]

    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of every line, end exclusive of the newline."""
        out, pos = [], 0
        for line in self.text.split("\n"):
            out.append((pos, pos + len(line)))
            pos += len(line) + 1
        return out


# ----------------------------------------------------------------- segmenting
@dataclass
class Section:
    id: str
    parent: Optional[str]
    label: str
    kind: str            # phan chuong muc_luat dieu khoan diem muc bullet preamble closing
    title: Optional[str]
    start: int
    end: int
    page: Optional[int] = None
    depth: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "parent": self.parent, "label": self.label, "kind": self.kind,
                "title": self.title, "start": self.start, "end": self.end, "page": self.page}


@dataclass
class Signer:
    name: Optional[str]
    title: Optional[str] = None
    authority: Optional[str] = None


@dataclass
class Effective:
    date: Optional[str]
    text: str


@dataclass
class Metadata:
    doc_type: Optional[str] = None
    number: Optional[str] = None
    issuer: Optional[str] = None
    place: Optional[str] = None
    issued_date: Optional[str] = None
    title: Optional[str] = None
    signers: list[Signer] = field(default_factory=list)
    effective: Optional[Effective] = None
    recipients: list[str] = field(default_factory=list)
    number_source: Optional[str] = None    # "text", or "file name" when the printed number is blank

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Segmented:
    """The document after segmentation: what every extractor reads."""
    raw: RawDocument
    norm: NormText
    metadata: Metadata
    sections: list[Section]
    body_start: int = 0      # where the numbered body begins (after header and preamble)
    closing_start: int = 0   # where the signature / Nơi nhận block begins

    @property
    def text(self) -> str:
        return self.norm.text

    def section_at(self, offset: int) -> Optional[Section]:
        """The innermost section whose span holds offset.

        Sections nest and come in reading order, so the last one starting at or before
        offset is the innermost candidate; if it has ended, its ancestors are tried."""
        index = self._section_index()
        i = bisect.bisect_right(index[0], offset) - 1
        if i < 0:
            return None
        sec = self.sections[i]
        while sec is not None and not (sec.start <= offset < sec.end):
            sec = index[1].get(sec.parent)
        return sec

    def _section_index(self):
        cached = getattr(self, "_index_cache", None)
        if cached is None or cached[2] != len(self.sections):
            cached = ([s.start for s in self.sections], {s.id: s for s in self.sections}, len(self.sections))
            self._index_cache = cached
        return cached

    def section_id_at(self, offset: int) -> Optional[str]:
        s = self.section_at(offset)
        return s.id if s else None


# ----------------------------------------------------------------- extracting
@dataclass
class Citation:
    text: str
    doc_type: Optional[str]
    number: Optional[str]
    issued_date: Optional[str]
    issuer: Optional[str]
    title: Optional[str]
    name: Optional[str]
    relation: str
    pinpoint: Optional[str]
    section: Optional[str]
    start: int
    end: int
    page: Optional[int] = None


@dataclass
class Deadline:
    text: str
    due: Optional[str]
    recurrence: Optional[str]
    section: Optional[str]
    start: int
    end: int
    page: Optional[int] = None
    within_days: Optional[int] = None
    working_days: Optional[bool] = None     # within_days counts working days ("ngày làm việc"); None without it


@dataclass
class Assignment:
    task: str
    lead: list[str]
    support: list[str]
    deadline: Optional[int]
    section: Optional[str]
    start: int
    end: int
    page: Optional[int] = None


@dataclass
class Target:
    text: str
    indicator: Optional[str]
    value: Optional[float]
    min: Optional[float]
    max: Optional[float]
    unit: Optional[str]
    comparator: str
    year: Optional[str]
    period: Optional[str]
    baseline: Optional[dict]
    section: Optional[str]
    start: int
    end: int
    page: Optional[int] = None
    value_normalized: Optional[float] = None
    min_normalized: Optional[float] = None
    max_normalized: Optional[float] = None
    unit_base: Optional[str] = None


@dataclass
class Table:
    rows: list[list[str]]
    page: Optional[int]
    section: Optional[str]
    start: int
    end: int
    cells: list[list[list[int]]] = field(default_factory=list)   # [start, end] of every cell's text
    kind: Optional[str] = None      # tasks, targets, layout (a header or signature set as a table)


# ----------------------------------------------------------------- the record
@dataclass
class Document:
    """The finished record of one document (OUTPUT.md, schema 1)."""
    source: dict[str, Any]
    text: str
    metadata: Metadata
    sections: list[Section]
    citations: list[Citation] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "source": dict(self.source),
            "text": self.text,
            "metadata": self.metadata.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "citations": [_as_dict(c) for c in self.citations],
            "deadlines": [_as_dict(d) for d in self.deadlines],
            "assignments": [_as_dict(a) for a in self.assignments],
            "targets": [_as_dict(t) for t in self.targets],
            "tables": [_as_dict(t) for t in self.tables],
        }


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _as_dict(item) -> dict[str, Any]:
    """dataclasses.asdict for the flat entity records (their fields hold scalars, lists and
    dicts, never other dataclasses), five times faster: asdict walks every value generically."""
    names = _FIELD_NAMES.get(type(item))
    if names is None:
        names = _FIELD_NAMES[type(item)] = tuple(f.name for f in fields(item))
    return {name: _copy(getattr(item, name)) for name in names}


def _copy(value):
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value
