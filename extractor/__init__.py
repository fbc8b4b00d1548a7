"""vnlegal: structured records from Vietnamese legal and policy documents."""
from __future__ import annotations

__version__ = "0.1.0"

from .models import Document  # noqa: E402
from .readers import ReadError  # noqa: E402


def parse(source, *, text: bool = False) -> Document:
    """Parse a file (PDF, DOCX, TXT/MD, HTML) or a string of text into a ``Document``."""
    from .pipeline import parse as _parse
    return _parse(source, text=text)


__all__ = ["parse", "Document", "ReadError", "__version__"]
