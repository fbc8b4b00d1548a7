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
            text = textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n")
            textpage.close()
            ocr = False
            if _needs_ocr(text):
                text, ocr = _ocr(path, page, text)
            pages.append(RawPage(text=text, number=i + 1, ocr=ocr))
            page.close()
    finally:
        pdf.close()
    return RawDocument(path=str(path), format="pdf", pages=pages)


def _needs_ocr(text: str) -> bool:
    """No text layer, or a broken font map ('(cid:12)', too few letters)."""
    letters = sum(c.isalpha() for c in text)
    return letters < 20 or "(cid:" in text


def _ocr(path, page, text: str) -> tuple[str, bool]:
    from .. import ocr
    from . import ReadError
    if not ocr.available():
        if text.strip():
            return text, False
        raise ReadError(path, "scanned PDF needs OCR, but tesseract is not installed "
                              "(apt-get install tesseract-ocr tesseract-ocr-vie)")
    try:
        return ocr.ocr_pdf_page(page), True
    except ocr.OcrUnavailable as e:
        raise ReadError(path, str(e)) from e
