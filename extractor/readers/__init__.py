"""Readers: one module per source format, all returning a ``RawDocument``."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..models import RawDocument


def path_text(path) -> str:
    """A path as text that can be stored and printed. A file name that is not UTF-8 (a name
    in cp1258 from an old Windows archive) reaches Python with lone surrogates, which
    SQLite and JSON refuse; its undecodable bytes are written as \\xNN instead."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


class ReadError(Exception):
    """A file that cannot be read; the message names the file and the reason."""

    def __init__(self, path, reason: str):
        self.path = path_text(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".doc", ".pdf"}


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _legacy_pages(raw: RawDocument) -> None:
    """Text typed in the old TCVN3 (.VnTime) or VNI fonts, in any format, converted to Unicode."""
    from ..legacy import fix
    for page in raw.pages:
        if page.method == "text":
            page.text, encoding = fix(page.text)
            page.method = encoding or page.method


def read(path) -> RawDocument:
    """Read any supported file; raise ReadError naming the file on failure."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(path, f"unsupported file type '{suffix or '(none)'}'")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(path, f"cannot open: {e.strerror or e}") from e
    if not data.strip():
        raise ReadError(path, "empty file")
    if suffix in TEXT_SUFFIXES:
        from .text import read_text
        raw = read_text(path, data)
    elif suffix in HTML_SUFFIXES:
        from .html import read_html
        raw = read_html(path, data)
    elif suffix == ".docx":
        from .docx import read_docx
        raw = read_docx(path, data)
    elif suffix == ".doc":
        from .docx import read_doc
        raw = read_doc(path, data)
    else:
        from .pdf import read_pdf
        raw = read_pdf(path, data)
    _legacy_pages(raw)
    raw.path = path_text(path)
    raw.sha256 = sha256_of(data)
    if not any(p.text.strip() for p in raw.pages):
        raise ReadError(path, "no text found")
    return raw
