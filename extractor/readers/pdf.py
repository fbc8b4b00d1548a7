"""PDF: page text from pypdfium2 (fast and faithful), laid out by ``pdf_layout``; ruled tables
found by pdfplumber; legacy font encodings converted; OCR for pages without usable text."""
from __future__ import annotations

import io
from dataclasses import dataclass

from ..models import RawDocument, RawPage, RawTable
from . import pdf_layout as layout_of

MIN_RULES = 6          # thin path objects a page needs before pdfplumber looks for a table on it


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
    plumber = _Plumber(data)
    try:
        pages, tables = _read_pages(path, pdf, plumber)
    finally:
        plumber.close()
        pdf.close()
    return RawDocument(path=str(path), format="pdf", pages=pages, tables=tables)


def _read_pages(path, pdf, plumber) -> tuple[list[RawPage], list[RawTable]]:
    """Two passes: the layout of every page first (running headers are known only across
    pages), then each page's text."""
    opened = []
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        width, height = page.get_size()
        layout = layout_of.PageLayout(width, height, layout_of.lines_of(textpage))
        rules = _rules(page, height)
        if rules:
            layout.tables = plumber.tables(textpage, width, height, rules)
        ends = {end: [(k, _line_text(textpage, layout.lines[k])) for k in idx]
                for end, idx in layout_of.margin_lines(layout).items()}
        opened.append((page, textpage, layout, ends))
    drops = layout_of.running_lines([(lay, ends) for _, _, lay, ends in opened])
    pages, tables = [], []
    for i, ((page, textpage, layout, _), drop) in enumerate(zip(opened, drops)):
        text = layout_of.page_text(textpage, layout, drop)
        text, method = _usable(path, page, text, plumber, i)
        pages.append(RawPage(text=text, number=i + 1, ocr=method == "ocr", method=method))
        tables += [RawTable(rows=rows, page=i + 1) for _, _, rows in layout.tables] if method == "text" else []
        textpage.close()
        page.close()
    return pages, tables


def _line_text(textpage, line) -> str:
    return textpage.get_text_bounded(left=0, bottom=line.bottom - 0.5, right=line.right + 1, top=line.top + 0.5)


def _rules(page, height: float) -> list[dict]:
    """Table rules drawn on the page, as pdfplumber edges (y down): thin paths are lines,
    other paths boxes with four edges. Empty when there are too few to make a table.
    Read through pdfium's C API: most page objects are text, and wrapping each in a Python
    object costs more than the whole page's text."""
    import ctypes
    import pypdfium2.raw as raw
    edges = []
    box = [ctypes.c_float() for _ in range(4)]
    for i in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
            continue
        raw.FPDFPageObj_GetBounds(obj, *map(ctypes.byref, box))
        left, bottom, right, top = (v.value for v in box)
        w, h = right - left, top - bottom
        if h < 3 and w >= 3:
            edges.append(_edge("h", left, right, height - (top + bottom) / 2, height - (top + bottom) / 2))
        elif w < 3 and h >= 3:
            edges.append(_edge("v", (left + right) / 2, (left + right) / 2, height - top, height - bottom))
        elif w >= 3 and h >= 3:
            edges += [_edge("h", left, right, height - top, height - top),
                      _edge("h", left, right, height - bottom, height - bottom),
                      _edge("v", left, left, height - top, height - bottom),
                      _edge("v", right, right, height - top, height - bottom)]
    return edges if len(edges) >= MIN_RULES else []


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {"object_type": "line_edge", "orientation": orientation, "x0": x0, "x1": x1, "top": top,
            "bottom": bottom, "width": x1 - x0, "height": bottom - top, "doctop": top}


@dataclass
class _PageBox:
    """What pdfplumber's table finder needs of a page when it is given the edges: the bbox."""
    bbox: tuple


class _Plumber:
    """pdfplumber, for its table finder and as a second text extractor. The table finder is
    given the rules pypdfium2 found, so pdfplumber never parses the page (the slow part);
    the document is opened only when a garbled page needs pdfplumber's own text."""

    def __init__(self, data: bytes):
        self.data = data
        self.pdf = None

    def _open(self):
        if self.pdf is None:
            import pdfplumber
            self.pdf = pdfplumber.open(io.BytesIO(self.data))
        return self.pdf

    def tables(self, textpage, width: float, height: float, rules: list[dict]) -> list[tuple[float, float, list[list[str]]]]:
        """Ruled tables of a page: (top, bottom) in PDF points (y up) and rows of cell text."""
        from pdfplumber.table import TableFinder, TableSettings
        v = [e for e in rules if e["orientation"] == "v"]
        h = [e for e in rules if e["orientation"] == "h"]
        if len(v) < 2 or len(h) < 2:
            return []
        settings = TableSettings.resolve({"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                                          "explicit_vertical_lines": v, "explicit_horizontal_lines": h})
        try:
            found = TableFinder(_PageBox((0, 0, width, height)), settings).tables
        except Exception:       # pdfminer raises many kinds on odd pages; a table is a bonus
            return []
        out = []
        for table in found:
            rows = [[layout_of.cell_text(textpage, height, cell) if cell else "" for cell in row.cells]
                    for row in table.rows]
            rows = [r for r in rows if any(c for c in r)]
            if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                x0, top, x1, bottom = table.bbox
                out.append((height - top, height - bottom, rows))
        return out

    def text(self, index: int) -> str:
        try:
            return self._open().pages[index].extract_text() or ""
        except Exception:
            return ""

    def close(self):
        if self.pdf is not None:
            self.pdf.close()


def _usable(path, page, text: str, plumber, index: int) -> tuple[str, str]:
    """Text a page can be read by, and how it was read: 'text', a legacy encoding converted
    ('tcvn3', 'vni'), 'pdfplumber', or 'ocr'. Garbled text (a broken font map) is never kept
    when OCR can do better."""
    if not garbled(text):
        return text, "text"
    fixed, encoding = _legacy_fix(text)
    if encoding and not garbled(fixed):
        return fixed, encoding
    other = plumber.text(index)
    if other.strip() and not garbled(other):
        return other, "pdfplumber"
    return _ocr(path, page, text)


def _legacy_fix(text: str):
    from ..legacy import fix
    return fix(text)


_VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯ"
                  "áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
                  "ÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ")


def garbled(text: str) -> bool:
    """No text layer, a broken font map ('(cid:12)', private-use or control characters), or
    many letters with almost none of Vietnamese's own (a legacy or scrambled encoding)."""
    if "(cid:" in text:
        return True
    letters = viet = odd = 0
    for c in text:
        if c.isalpha():
            letters += 1
            viet += c in _VIETNAMESE
        elif "\ue000" <= c <= "\uf8ff" or c == "\ufffd" or (c < " " and c not in "\n\t\r"):
            odd += 1
    if letters < 20:
        return True
    if odd > 0.05 * letters:
        return True
    return letters > 200 and viet < 0.03 * letters and not _english(text)


def _english(text: str) -> bool:
    words = text.lower().split()
    common = sum(w in ("the", "of", "and", "to", "in", "a", "is", "for", "on", "by") for w in words)
    return common > 0.08 * max(1, len(words))


def _ocr(path, page, text: str) -> tuple[str, str]:
    from .. import ocr
    from . import ReadError
    if not ocr.available():
        if text.strip():
            return text, "text"
        raise ReadError(path, "scanned PDF needs OCR, but tesseract is not installed "
                              "(apt-get install tesseract-ocr tesseract-ocr-vie)")
    try:
        return ocr.ocr_pdf_page(page), "ocr"
    except ocr.OcrUnavailable as e:
        raise ReadError(path, str(e)) from e
