"""Scanned pages: rasterised and read with Tesseract; a clear error without it."""
import io
import shutil

import pytest

from extractor import ReadError, parse
from extractor import ocr
from tests.conftest import need_shared


def _first_page_pdf(src, dest):
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(src))
    new = pdfium.PdfDocument.new()
    new.import_pages(pdf, [0])
    new.save(str(dest))


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_scanned_page_is_ocrd(tmp_path):
    scan = need_shared("corpus", "generated", "gen_000_scanned.pdf")
    one = tmp_path / "scan_p1.pdf"
    _first_page_pdf(scan, one)
    doc = parse(one)
    assert doc.source["ocr"] is True and doc.source["ocr_pages"] == [1]
    assert doc.metadata.number == "341/NQ-HĐND"
    assert doc.metadata.issued_date == "2020-12-22"
    assert doc.metadata.doc_type == "Nghị quyết"


def test_image_only_pdf_without_tesseract_names_the_tool(tmp_path, monkeypatch):
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(100, 100, 200, 200, fill=1)          # a page with a drawing and no text
    c.showPage()
    c.save()
    f = tmp_path / "blank.pdf"
    f.write_bytes(buf.getvalue())
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(ReadError) as e:
        parse(f)
    assert "tesseract is not installed" in str(e.value) and "blank.pdf" in str(e.value)


@pytest.mark.parametrize("raw,fixed", [
    ("TĨNH HƯNG YÊN", "TỈNH HƯNG YÊN"), ("QUYÉT ĐỊNH", "QUYẾT ĐỊNH"), ("năm 2O25", "năm 2025"),
    ("Số: 1l2/QĐ-UBND", "Số: 112/QĐ-UBND"), ("ĐIÊU 5", "ĐIỀU 5"), ("1Š0 ha", "150 ha"),
    ("Ong Tô", "Ong Tô"), ("Lào Cai", "Lào Cai"),
])
def test_ocr_confusions_repaired_only_when_unambiguous(raw, fixed):
    assert ocr.repair(raw) == fixed
