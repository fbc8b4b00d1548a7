"""Text-layer PDFs made here with reportlab in the shapes real documents take: a two-column
header drawn line by line, running headers and footers, a ruled task table, a target table."""
import io
from pathlib import Path

import pytest

from extractor import parse
from extractor.readers.pdf import garbled

FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
         Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]


@pytest.fixture(scope="module")
def font():
    path = next((p for p in FONTS if p.exists()), None)
    if path is None:
        pytest.skip("no Vietnamese TrueType font (apt-get install fonts-dejavu-core)")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    pdfmetrics.registerFont(TTFont("VN", str(path)))
    return "VN"


def _canvas():
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    return buf, canvas.Canvas(buf, pagesize=A4)


HEADER = [("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
          ("TỈNH HÀ NAM", "Độc lập - Tự do - Hạnh phúc"),
          ("Số: 12/2024/QĐ-UBND", "Hà Nam, ngày 05 tháng 3 năm 2024")]
BODY = ["Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý cụm công nghiệp.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày 15 tháng 3 năm 2024.",
        "Điều 3. Giám đốc Sở Công Thương chịu trách nhiệm thi hành Quyết định này."]


def _header(c, font):
    """The header drawn as most generators do it: line by line across both columns, the right
    column first, so the content order interleaves the two blocks."""
    y = 800
    for left, right in HEADER:
        c.setFont(font, 12)
        c.drawCentredString(420, y, right)
        c.drawCentredString(150, y, left)
        y -= 18
    c.drawCentredString(297, y - 20, "QUYẾT ĐỊNH")
    c.drawCentredString(297, y - 38, "Về việc ban hành Quy chế quản lý cụm công nghiệp")
    return y - 80


def test_two_column_header_is_read_block_by_block(tmp_path, font):
    buf, c = _canvas()
    y = _header(c, font)
    for line in BODY:
        c.drawString(72, y, line)
        y -= 24
    c.save()
    f = tmp_path / "qd.pdf"
    f.write_bytes(buf.getvalue())
    doc = parse(f)
    m = doc.metadata
    assert (m.number, m.doc_type, m.issued_date, m.place) == ("12/2024/QĐ-UBND", "Quyết định", "2024-03-05", "Hà Nam")
    assert m.issuer == "Ủy ban nhân dân tỉnh Hà Nam"
    assert m.title == "Về việc ban hành Quy chế quản lý cụm công nghiệp"
    assert doc.text.index("TỈNH HÀ NAM") < doc.text.index("CỘNG HÒA")
    assert [s.label for s in doc.sections if s.kind == "dieu"] == ["Điều 1", "Điều 2", "Điều 3"]


def test_running_headers_footers_and_page_numbers_are_dropped(tmp_path, font):
    buf, c = _canvas()
    for page, line in enumerate(BODY, start=1):
        c.setFont(font, 9)
        c.drawString(72, 815, "Quy chế quản lý cụm công nghiệp - bản sao điện tử")
        c.drawCentredString(297, 30, f"Trang {page}/3")
        c.setFont(font, 12)
        y = _header(c, font) if page == 1 else 760
        c.drawString(72, y, line)
        c.drawString(72, y - 18, "Nội dung của điều này được trình bày đầy đủ trong văn bản.")
        c.showPage()
    c.save()
    f = tmp_path / "qd3.pdf"
    f.write_bytes(buf.getvalue())
    doc = parse(f)
    assert "bản sao điện tử" not in doc.text and "Trang" not in doc.text
    assert [(s.label, s.page) for s in doc.sections if s.kind == "dieu"] == [("Điều 1", 1), ("Điều 2", 2), ("Điều 3", 3)]
    assert doc.source["pages"] == 3 and doc.source["ocr_pages"] == []


def _table_pdf(path: Path, font: str, title: str, rows: list[list[str]]):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    style = ParagraphStyle("vn", fontName=font, fontSize=10, leading=13)
    story = [Paragraph(t, style) for t in ["ỦY BAN NHÂN DÂN TỈNH HÀ NAM", "Số: 30/KH-UBND", "KẾ HOẠCH",
                                           "Phát triển công nghiệp năm 2026", title]]
    table = Table([[Paragraph(cell, style) for cell in row] for row in rows], colWidths=[30, 150, 100, 100, 80])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story.append(table)
    story.append(Paragraph("Các sở, ngành tổ chức thực hiện kế hoạch này.", style))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


def test_ruled_task_table_gives_assignments_with_deadlines(tmp_path, font):
    f = tmp_path / "kh.pdf"
    _table_pdf(f, font, "II. NHIỆM VỤ", [
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
        ["1", "Xây dựng đề án chuyển đổi số ngành công nghiệp", "Sở Khoa học và Công nghệ",
         "Sở Tài chính, Sở Nội vụ", "Quý II/2026"],
        ["2", "Rà soát quy hoạch các cụm công nghiệp trên địa bàn", "Sở Công Thương",
         "Ủy ban nhân dân cấp huyện", "Tháng 9/2026"]])
    doc = parse(f)
    tasks = [t for t in doc.tables if t.kind == "tasks"]
    assert len(tasks) == 1 and tasks[0].page == 1 and len(tasks[0].rows) == 3
    start, end = tasks[0].cells[1][1]
    assert doc.text[start:end] == "Xây dựng đề án chuyển đổi số ngành công nghiệp"
    got = [(a.lead, a.support, doc.deadlines[a.deadline].due if a.deadline is not None else None)
           for a in doc.assignments]
    assert (["Sở Khoa học và Công nghệ"], ["Sở Tài chính", "Sở Nội vụ"], "2026-Q2") in got
    assert (["Sở Công Thương"], ["Ủy ban nhân dân cấp huyện"], "2026-09") in got
    task = next(a for a in doc.assignments if a.lead == ["Sở Công Thương"])
    assert task.task.startswith("Rà soát quy hoạch") and task.page == 1


def test_ruled_target_table_gives_targets_by_year(tmp_path, font):
    f = tmp_path / "ct.pdf"
    _table_pdf(f, font, "I. CÁC CHỈ TIÊU CHỦ YẾU", [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện năm 2025", "Mục tiêu năm 2030"],
        ["1", "Giá trị sản xuất công nghiệp", "tỷ đồng", "1.200", "3.500"],
        ["2", "Tỷ lệ lấp đầy các cụm công nghiệp", "%", "45", "≥ 80"]])
    doc = parse(f)
    assert [t.kind for t in doc.tables] == ["targets"]
    got = [(t.indicator, t.value, t.unit, t.comparator, t.year, t.baseline) for t in doc.targets]
    assert ("Giá trị sản xuất công nghiệp", 3500, "tỷ đồng", "eq", "2030", {"value": 1200, "year": "2025"}) in got
    assert ("Tỷ lệ lấp đầy các cụm công nghiệp", 80, "%", "gte", "2030", {"value": 45, "year": "2025"}) in got
    money = next(t for t in doc.targets if t.unit == "tỷ đồng")
    assert money.value_normalized == 3_500_000_000_000 and money.unit_base == "đồng"
    assert doc.text[money.start:money.end] == "3.500"


@pytest.mark.parametrize("text,bad", [
    ("", True),
    ("(cid:12)(cid:45)(cid:3) " * 40, True),
    ("\ue001\ue002\ue003 abc " * 60, True),
    ("Ủy ban nhân dân tỉnh quyết định ban hành kế hoạch phát triển công nghiệp. " * 10, False),
    ("The Government of the Socialist Republic of Viet Nam and the Government of the People's "
     "Republic of China agree to the following provisions on road transport. " * 4, False),
    ("Uy ban nhan dan tinh quyet dinh ban hanh ke hoach phat trien cong nghiep giai doan moi. " * 6, True),
])
def test_garbled_page_text(text, bad):
    assert garbled(text) is bad


def test_pdf_typed_in_a_tcvn3_font_is_converted(tmp_path):
    """A .VnTime PDF: its text layer holds TCVN3 bytes as Latin-1 letters."""
    import sys
    sys.path.insert(0, str(Path(__file__).parent))
    from test_legacy import encode
    buf, c = _canvas()
    y = 800
    for line in ["Ủy ban nhân dân tỉnh Hà Nam", "Số: 21/2003/QĐ-UB", "Hà Nam, ngày 10 tháng 4 năm 2003", "QUYẾT ĐỊNH",
                 "Về việc ban hành quy chế quản lý cụm công nghiệp", *BODY]:
        c.setFont("Helvetica", 11)
        c.drawString(72, y, encode(line, "tcvn3"))
        y -= 20
    c.save()
    f = tmp_path / "old.pdf"
    f.write_bytes(buf.getvalue())
    doc = parse(f)
    assert doc.source["page_methods"] == {"1": "tcvn3"}
    assert doc.metadata.number == "21/2003/QĐ-UB" and doc.metadata.issued_date == "2003-04-10"
    assert "Quy chế quản lý cụm công nghiệp" in doc.text


def test_garbled_page_falls_back_to_pdfplumber_then_ocr(tmp_path, monkeypatch, font):
    """A page whose text comes out broken is read by pdfplumber; if that is broken too, by OCR;
    the record says how each page was read."""
    from extractor import ocr
    from extractor.readers import pdf, pdf_layout
    buf, c = _canvas()
    c.setFont(font, 12)
    c.drawString(72, 800, "Điều 1. Nội dung bị hỏng bảng mã phông chữ.")
    c.save()
    f = tmp_path / "cid.pdf"
    f.write_bytes(buf.getvalue())
    monkeypatch.setattr(pdf_layout, "page_text", lambda *a: "(cid:3)(cid:17)(cid:42) " * 30)
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "ocr_pdf_page", lambda page: "Điều 1. Nội dung đọc lại bằng OCR.")
    doc = parse(f)
    assert doc.source["page_methods"] == {"1": "pdfplumber"} and doc.source["ocr_pages"] == []
    assert "Nội dung bị hỏng bảng mã phông chữ" in doc.text
    monkeypatch.setattr(pdf._Plumber, "text", lambda self, index: "(cid:9)" * 50)
    doc = parse(f)
    assert doc.source["ocr_pages"] == [1] and doc.source["page_methods"] == {"1": "ocr"}
    assert "(cid:" not in doc.text and "đọc lại bằng OCR" in doc.text
