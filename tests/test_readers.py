"""Readers: encodings, markup, formats, and bad input (each with a clear error)."""
import io

import pytest

from extractor import ReadError, parse
from extractor.readers import read
from extractor.readers.text import strip_markup

SAMPLE = "QUYẾT ĐỊNH\nVề việc phê duyệt kế hoạch\nĐiều 1. Phê duyệt Kế hoạch hành động.\n"


def _to_cp1258(text):
    """Windows-1258 keeps Â/Ê/Ô/Ơ/Ư/Ă precomposed and writes tones as combining marks."""
    import unicodedata
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tones = [c for c in d if c in "\u0300\u0301\u0303\u0309\u0323"]
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
            out += base.encode("cp1258") + "".join(tones).encode("cp1258")
    return out


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"), ("cp1258", b""),
])
def test_text_encodings(tmp_path, encoding, prefix):
    data = _to_cp1258(SAMPLE) if encoding == "cp1258" else SAMPLE.encode(encoding)
    f = tmp_path / "doc.txt"
    f.write_bytes(prefix + data)
    doc = parse(f)
    assert "Phê duyệt Kế hoạch hành động" in doc.text
    assert doc.sections[0].label == "Điều 1"


@pytest.mark.parametrize("markup,plain", [
    ("**Điều 1.** Nội dung", "Điều 1. Nội dung"),
    ("### **1. Mục tiêu chung**", "1. Mục tiêu chung"),
    ("*Căn cứ Luật Đất đai;*", "Căn cứ Luật Đất đai;"),
    ("***Nơi nhận:***", "Nơi nhận:"),
    ("diện tích 65 triệu m<sup>2</sup>", "diện tích 65 triệu m2"),
    ("1\\. Khoản một", "1. Khoản một"),
    ("\\- gạch đầu dòng", "- gạch đầu dòng"),
    ("ỦY BAN THƯỜNG VỤ\\\nQUỐC HỘI", "ỦY BAN THƯỜNG VỤ\nQUỐC HỘI"),
    ('<jsontable name="bang_0"> </jsontable>\nNGHỊ QUYẾT', "\nNGHỊ QUYẾT"),
    ("* Dấu sao đầu dòng", "* Dấu sao đầu dòng"),
])
def test_markup_removed_keeping_characters(markup, plain):
    assert strip_markup(markup) == plain


@pytest.mark.parametrize("glued,lines", [
    ("I- QUAN ĐIỂM, MỤC TIÊU**1. Quan điểm**", ["I- QUAN ĐIỂM, MỤC TIÊU", "1. Quan điểm"]),
    ("NGHỊ QUYẾT**CỦA BAN CHẤP HÀNH****về phát triển**", ["NGHỊ QUYẾT", "CỦA BAN CHẤP HÀNH", "về phát triển"]),
    ("II. NHIỆM VỤ**a) Rà soát**", ["II. NHIỆM VỤ", "a) Rà soát"]),
])
def test_glued_bold_runs_become_lines(glued, lines):
    assert [l for l in strip_markup(glued).split("\n") if l] == lines


def test_html_blocks_as_lines(tmp_path):
    f = tmp_path / "doc.html"
    f.write_text("<html><head><style>p{}</style></head><body><p><b>NGHỊ QUYẾT</b></p><p>Về việc thử</p>"
                 "<p>Điều 1. Nội dung</p><table><tr><td>STT</td><td>Nhiệm vụ</td></tr>"
                 "<tr><td>1</td><td>Rà soát</td></tr></table></body></html>", encoding="utf-8")
    doc = parse(f)
    assert doc.metadata.doc_type == "Nghị quyết"
    assert doc.sections[0].label == "Điều 1"
    assert "STT\tNhiệm vụ" in doc.text and "1\tRà soát" in doc.text     # cells kept on their row
    assert "p{}" not in doc.text


def test_docx_paragraphs_and_tables(tmp_path):
    import docx
    d = docx.Document()
    for line in ["ỦY BAN NHÂN DÂN", "TỈNH NINH BÌNH", "Số: 15/KH-UBND", "Ninh Bình, ngày 2 tháng 3 năm 2025",
                 "KẾ HOẠCH", "Triển khai nhiệm vụ năm 2025", "I. MỤC TIÊU", "1. Mục tiêu chung"]:
        d.add_paragraph(line)
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Nhiệm vụ", "Chủ trì"
    t.cell(1, 0).text, t.cell(1, 1).text = "Rà soát", "Sở Tài chính"
    f = tmp_path / "k.docx"
    d.save(f)
    doc = parse(f)
    assert doc.metadata.number == "15/KH-UBND"
    assert doc.metadata.issuer == "Ủy ban nhân dân tỉnh Ninh Bình"
    assert [s.label for s in doc.sections] == ["I", "1"]
    assert "Sở Tài chính" in doc.text


def _pdf_bytes(text_lines, encrypt=None):
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    y = 800
    for line in text_lines:
        c.drawString(72, y, line)
        y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


def test_text_layer_pdf_gives_a_record(tmp_path):
    f = tmp_path / "a.pdf"
    f.write_bytes(_pdf_bytes(["QUYET DINH", "Dieu 1. Noi dung", "Dieu 2. Hieu luc"]))
    doc = parse(f)
    assert doc.source["format"] == "pdf" and doc.source["pages"] == 1
    assert all(s.page == 1 for s in doc.sections)


BAD = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"   \n\n  ", "empty file"),
    ("junk.txt", bytes(range(256)) * 40, "binary"),
    ("doc.xyz", b"hello", "unsupported file type"),
    ("noext", b"hello", "unsupported file type"),
    ("bad.docx", b"PK\x03\x04 not really a zip", "not a readable .docx"),
    ("bad.pdf", b"%PDF-1.4\n%garbage", "corrupt or truncated PDF"),
]


@pytest.mark.parametrize("name,data,reason", BAD)
def test_bad_input_named_error(tmp_path, name, data, reason):
    f = tmp_path / name
    f.write_bytes(data)
    with pytest.raises(ReadError) as e:
        read(f)
    assert str(f) in str(e.value) and reason in str(e.value)


def test_truncated_pdf(tmp_path):
    data = _pdf_bytes(["Dieu 1. Noi dung"] * 30)
    f = tmp_path / "cut.pdf"
    f.write_bytes(data[: len(data) // 3])
    with pytest.raises(ReadError) as e:
        read(f)
    assert "cut.pdf" in str(e.value)


def test_password_protected_pdf(tmp_path):
    f = tmp_path / "locked.pdf"
    f.write_bytes(_pdf_bytes(["Dieu 1. Noi dung"], encrypt="secret"))
    with pytest.raises(ReadError) as e:
        read(f)
    assert "password-protected" in str(e.value)


def test_missing_file(tmp_path):
    with pytest.raises(ReadError) as e:
        read(tmp_path / "gone.txt")
    assert "gone.txt" in str(e.value)


def test_five_megabyte_single_line(tmp_path):
    f = tmp_path / "long.txt"
    f.write_text("Điều 1. " + "Ủy ban nhân dân tỉnh giao nhiệm vụ cho các sở ngành " * 100_000, encoding="utf-8")
    assert f.stat().st_size > 5_000_000
    doc = parse(f)
    assert doc.sections[0].label == "Điều 1"
    assert len(doc.text) > 4_000_000


def test_docx_header_laid_out_as_a_table_reads_block_by_block(tmp_path):
    import docx
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI"
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = "Số:\t\t/BC-UBND"
    t.cell(1, 1).text = "Lào Cai, ngày 12 tháng 3 năm 2026"
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph("Kết quả thực hiện các nhiệm vụ năm 2025")
    d.add_paragraph("I. KẾT QUẢ")
    d.add_paragraph("Các sở, ngành đã hoàn thành nhiệm vụ.")
    f = tmp_path / "BC-tinh.docx"
    d.save(f)
    doc = parse(f)
    m = doc.metadata
    assert (m.doc_type, m.issuer, m.place, m.issued_date) == ("Báo cáo", "Ủy ban nhân dân tỉnh Lào Cai", "Lào Cai", "2026-03-12")
    assert m.number is None and m.title == "Kết quả thực hiện các nhiệm vụ năm 2025"
    assert doc.tables == [] and "\t" not in doc.text


def test_word_auto_numbering_gives_the_markers():
    from conftest import need_shared
    doc = parse(need_shared("corpus", "generated", "ol_test_libreoffice.docx"))
    assert [s.label for s in doc.sections] == ["Điều 1", "1", "2", "Điều 2", "a"]
    assert [d.due for d in doc.deadlines] == ["2025-12-31"]


def test_legacy_doc_without_libreoffice_names_the_converter(tmp_path, monkeypatch):
    from extractor.readers import docx as docx_reader
    monkeypatch.setattr(docx_reader.shutil, "which", lambda name: None)
    f = tmp_path / "old.doc"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ReadError) as e:
        parse(f)
    assert "LibreOffice" in str(e.value) and "old.doc" in str(e.value)


def test_legacy_doc_converted_with_libreoffice():
    import shutil
    from conftest import need_shared
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    doc = parse(need_shared("corpus", "real", "docx", "sct_TT-16-2018-BCA-tienchat.doc"))
    assert doc.source["format"] == "doc"
    assert (doc.metadata.number, doc.metadata.doc_type, doc.metadata.issued_date) == ("16/2018/TT-BCA", "Thông tư", "2018-05-15")
    assert sum(s.kind == "dieu" for s in doc.sections) >= 10
