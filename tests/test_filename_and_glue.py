"""Blank printed numbers filled from the file name; headings glued by lost markup; a signer
title printed on the authority line; legacy-encoded text files."""
import sys
from pathlib import Path

import pytest

from extractor import parse
from extractor.filename import number_from_name
from extractor.normalise import _split_caps
from extractor.pipeline import segment_text

NAMES = [
    ("VanBanGoc_QD_01.2025.pdf", "/2025/QĐ-UBND", None, "01/2025/QĐ-UBND"),
    ("35.2024.pdf", "/2024/QĐ-UBND", "2024", "35/2024/QĐ-UBND"),
    ("NQso11.2025.pdf", "/2025/NQ-HĐND", None, "11/2025/NQ-HĐND"),
    ("QD-2170-2026-CTDT-KCN.pdf", "/QĐ-UBND", "2026", "2170/QĐ-UBND"),
    ("QD-1696-QD-UBND-uy-quyen-15-5-2026.pdf", "/QĐ-UBND", "2026", "1696/QĐ-UBND"),
    ("CV-3686-UBND-XD-kien-nghi.pdf", "/UBND-XD", None, "3686/UBND-XD"),
    ("TT-37-BGTVT.pdf", "/2023/TT-BGTVT", "2023", "37/2023/TT-BGTVT"),
    # the name does not tie a figure to the template: nothing is taken
    ("bao-cao-15-5-2026.pdf", "/QĐ-UBND", "2026", None),
    ("000_3676e8bbca9633ee.txt", "/KH-UBND", "2024", None),
    ("ke-hoach-2026.pdf", "/2026/KH-UBND", "2026", None),
    ("QD_01.2025.pdf", None, None, None),
    ("QD_01.2025.pdf", "/2024/QĐ-UBND", None, None),
]


@pytest.mark.parametrize("name,template,year,number", NAMES)
def test_number_from_file_name(name, template, year, number):
    assert number_from_name(name, template, year) == number


HEAD = "ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: {}\nHà Nam, ngày 10 tháng 01 năm 2025\nQUYẾT ĐỊNH\nVề việc ban hành quy chế\nĐiều 1. Nội dung."


def test_blank_number_is_filled_from_the_name_with_its_source():
    seg = segment_text(HEAD.format("/2025/QĐ-UBND"), path="uploads/QD_07.2025.pdf")
    assert (seg.metadata.number, seg.metadata.number_source) == ("07/2025/QĐ-UBND", "file name")
    seg = segment_text(HEAD.format("08/2025/QĐ-UBND"), path="uploads/QD_07.2025.pdf")
    assert (seg.metadata.number, seg.metadata.number_source) == ("08/2025/QĐ-UBND", "text")


@pytest.mark.parametrize("line,parts", [
    ("NGHỊ QUYẾTCỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNHvề phát triển công nghiệp",
     ["NGHỊ QUYẾT", "CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH", "về phát triển công nghiệp"]),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc",
     ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]),
    ("QUYẾT ĐỊNHVề việc ban hành quy chế", ["QUYẾT ĐỊNH", "Về việc ban hành quy chế"]),
    ("3.2.3. Giải pháp liên kết doanh nghiệp", ["3.2.3. Giải pháp liên kết doanh nghiệp"]),
    ("UBND tỉnh và HĐND tỉnh", ["UBND tỉnh và HĐND tỉnh"]),
    ("Điều 1. Phạm vi điều chỉnh", ["Điều 1. Phạm vi điều chỉnh"]),
    ("KHCN và đổi mới sáng tạo", ["KHCN và đổi mới sáng tạo"]),
])
def test_glued_capital_headings_are_split(line, parts):
    assert _split_caps(line) == parts


def test_title_printed_on_the_authority_line():
    doc = parse("TỈNH ỦY BẮC GIANG\nNGHỊ QUYẾT\nvề phát triển công nghiệp\nI. MỤC TIÊU\nNội dung.\n"
                "Nơi nhận:\n- Như trên;\n- Lưu VT.\nT/M TỈNH ỦY BÍ THƯ\nDương Văn Thái", text=True)
    assert [(s.name, s.title, s.authority) for s in doc.metadata.signers] == [("Dương Văn Thái", "Bí thư", "T/M Tỉnh ủy")]


def test_tcvn3_text_file_is_converted(tmp_path):
    sys.path.insert(0, str(Path(__file__).parent))
    from test_legacy import encode
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 15/2024/QĐ-UBND\nHà Nam, ngày 05 tháng 3 năm 2024\n"
            "QUYẾT ĐỊNH\nVề việc ban hành quy chế quản lý cụm công nghiệp\n"
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý cụm công nghiệp trên địa bàn tỉnh.\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n")
    f = tmp_path / "qd.txt"
    f.write_bytes(encode(text, "tcvn3").encode("latin-1"))
    doc = parse(f)
    assert doc.source["page_methods"] == {"1": "tcvn3"}
    assert doc.metadata.number == "15/2024/QĐ-UBND" and doc.metadata.issued_date == "2024-03-05"
    assert "Quy chế quản lý cụm công nghiệp trên địa bàn tỉnh" in doc.text


def test_cong_van_header_read_column_by_column():
    """A letter's left block (issuer, Số, V/v) read before the right one (motto, place and date),
    with the rules under each block drawn as dashes."""
    seg = segment_text("UBND TỈNH LÀO CAI\nSỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\n––––––––––\nSố: /SNNMT-KHTC\n"
                       "V/v tham gia ý kiến thẩm định hồ sơ thành lập cụm công nghiệp\n\n"
                       "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n––––––––––––––\n"
                       "Lào Cai, ngày tháng 7 năm 2026\n\nKính gửi: Sở Công Thương\n\n"
                       "Sở Nông nghiệp và Môi trường nhận được Công văn số 4170/SCT-CN ngày 14/7/2026.",
                       path="CV-6791-SNNMT-17-7-2026-y-kien.pdf")
    m = seg.metadata
    assert (m.doc_type, m.place, m.issued_date) == ("Công văn", "Lào Cai", "2026-07")
    assert m.title == "tham gia ý kiến thẩm định hồ sơ thành lập cụm công nghiệp"
    assert (m.number, m.number_source) == ("6791/SNNMT-KHTC", "file name")


@pytest.mark.parametrize("line,name,number,source", [
    ("Số: ^ Ổ/2024/TT-BCT", "TT-23-2024-BCT-tienchat.pdf", "23/2024/TT-BCT", "file name"),
    ("Số: J{ /2019/NĐ-CP", "2019.08.30-71.2019.ND.CP-Xu-phat.pdf", "71/2019/NĐ-CP", "file name"),
    ("ô: 19/2026/NQ-CP", "scan.pdf", "19/2026/NQ-CP", "text"),
    ("—. s.—— ô: 19/2026/NQ-CP Hà Nội, ngày 29 tháng 4 năm 2026", "scan.pdf", "19/2026/NQ-CP", "text"),
    ("Số: ^ Ổ/2024/TT-BCT", "scan.pdf", None, None),
])
def test_number_line_of_a_scan(line, name, number, source):
    """OCR misreads 'Số' or turns handwritten figures into stray marks."""
    seg = segment_text(f"BỘ CÔNG THƯƠNG\n{line}\nHà Nội, ngày 12 tháng 8 năm 2024\nTHÔNG TƯ\nQuy định về vật liệu nổ\n"
                       "Điều 1. Phạm vi điều chỉnh", path=name)
    assert (seg.metadata.number, seg.metadata.number_source) == (number, source)
