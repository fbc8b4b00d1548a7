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


def _tsv(lines):
    """Tesseract TSV rows (level 5 = word) for lines of (x, word) at 300 dpi."""
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"]
    for n, (par, words) in enumerate(lines, start=1):
        for k, (x, word) in enumerate(words, start=1):
            rows.append(f"5\t1\t1\t{par}\t{n}\t{k}\t{x}\t{40 * n}\t{18 * len(word)}\t30\t95\t{word}")
    return "\n".join(rows)


def test_ocr_words_keep_two_columns_apart_but_not_a_justified_heading():
    tsv = _tsv([(1, [(100, "BỘ"), (160, "CÔNG"), (260, "THƯƠNG"), (900, "CỘNG"), (1000, "HÒA")]),
                (1, [(100, "HỘI"), (400, "ĐỒNG"), (700, "NHÂN"), (1000, "DÂN")]),
                (2, [(100, "Căn"), (170, "cứ"), (230, "Luật")])])
    lines = ocr.text_from_tsv(tsv).split("\n")
    assert lines == ["BỘ CÔNG THƯƠNG      CỘNG HÒA", "HỘI ĐỒNG NHÂN DÂN", "", "Căn cứ Luật"]


def test_ocr_time_does_not_count_against_the_document_time_limit(monkeypatch):
    import signal
    import time

    def slow_ocr(image):
        time.sleep(0.3)
        return "Điều 1. Nội dung."

    monkeypatch.setattr(ocr, "ocr_image", slow_ocr)

    class Page:
        def render(self, **kw):
            class Bitmap:
                def to_pil(self):
                    return None
            return Bitmap()

    fired = []
    old = signal.signal(signal.SIGALRM, lambda *a: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        assert ocr.ocr_pdf_page(Page()) == "Điều 1. Nội dung."
        assert not fired                                  # paused while OCR ran
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < left <= 0.2                            # and resumed with what was left
        time.sleep(0.3)
        assert fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
