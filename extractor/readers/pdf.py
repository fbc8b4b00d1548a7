"""PDF: page text from pypdfium2 (fast and faithful); pdfplumber for tables."""
from __future__ import annotations

from ..models import RawDocument, RawPage


def read_pdf(path, data: bytes) -> RawDocument:
    from . import ReadError
    import pypdfium2 as pdfium
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            raise ReadError(path, "password-protected PDF") from e
        raise ReadError(path, f"corrupt or truncated PDF ({e})") from e
    pages = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            text = textpage.get_text_bounded()
            pages.append(RawPage(text=text.replace("\r\n", "\n").replace("\r", "\n"), number=i + 1))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return RawDocument(path=str(path), format="pdf", pages=pages)
