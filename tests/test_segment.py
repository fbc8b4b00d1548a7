"""Segmentation of realistic document shapes: header forms, tree, preamble, closing."""
import pytest
from hypothesis import given, settings, strategies as st

from extractor.pipeline import parse, segment_text


def outline(text):
    return paths(parse(text, text=True))


def paths(doc):
    """Outline as label paths joined by '>' (bullets, preamble and closing left out)."""
    by_id = {s.id: s for s in doc.sections}
    out = []
    for s in doc.sections:
        if s.kind in ("bullet", "preamble", "closing"):
            continue
        chain, cur = [], s
        while cur is not None:
            chain.append(cur.label)
            cur = by_id.get(cur.parent)
        out.append(">".join(reversed(chain)))
    return out


def labels(seg):
    return [(s.label, s.kind) for s in seg.sections]


HEADER_HĐND = """HỘI ĐỒNG NHÂN DÂN
TỈNH HUNG YEN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 12/2023/NQ-HĐND

Hưng Yên, ngày 05 tháng 7 năm 2023

NGHỊ QUYẾT
Quy định mức hỗ trợ đào tạo nghề cho lao động nông thôn
trên địa bàn tỉnh

HỘI ĐỒNG NHÂN DÂN TỈNH HƯNG YÊN
KHÓA XVII, KỲ HỌP THỨ MƯỜI

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Xét Tờ trình số 45/TTr-UBND ngày 20 tháng 6 năm 2023 của Ủy ban nhân dân tỉnh.

QUYẾT NGHỊ:

Điều 1. Phạm vi điều chỉnh
1. Nghị quyết này quy định mức hỗ trợ.
2. Đối tượng áp dụng gồm:
a) Lao động nông thôn;
b) Người khuyết tật.
Điều 2. Tổ chức thực hiện
Nghị quyết này có hiệu lực từ ngày 15 tháng 7 năm 2023./.

CHỦ TỊCH

Nguyễn Văn An
"""


def test_hdnd_header_and_tree():
    doc = parse(HEADER_HĐND, text=True)
    m = doc.metadata
    assert m.doc_type == "Nghị quyết"
    assert m.number == "12/2023/NQ-HĐND"
    assert m.issuer == "Hội đồng nhân dân tỉnh Hưng Yên"     # province spelling repaired
    assert m.place == "Hưng Yên"
    assert m.issued_date == "2023-07-05"
    assert m.title == "Quy định mức hỗ trợ đào tạo nghề cho lao động nông thôn trên địa bàn tỉnh"
    assert m.signers[0].name == "Nguyễn Văn An" and m.signers[0].title == "Chủ tịch"
    assert m.effective.date == "2023-07-15"
    assert paths(doc) == ["Điều 1", "Điều 1>1", "Điều 1>2", "Điều 1>2>a", "Điều 1>2>b", "Điều 2"]
    kinds = {s.label: s.kind for s in doc.sections}
    assert kinds["a"] == "diem" and kinds["1"] == "khoan"
    preamble = [s for s in doc.sections if s.kind == "preamble"]
    assert len(preamble) == 1 and doc.text[preamble[0].start:].startswith("Căn cứ")


def test_blank_number_and_day():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: /KH-UBND\nBắc Ninh, ngày tháng 8 năm 2024\n"
            "KẾ HOẠCH\nTriển khai chương trình chuyển đổi số năm 2024\nI. MỤC ĐÍCH\n1. Mục đích\n")
    m = parse(text, text=True).metadata
    assert m.number is None
    assert m.issued_date == "2024-08"
    assert m.doc_type == "Kế hoạch"
    assert m.issuer == "Ủy ban nhân dân tỉnh Bắc Ninh"


def test_issuer_inferred_from_code_and_place():
    text = ("Số: /KH-UBND\nHà Tĩnh, ngày 3 tháng 9 năm 2024\nKẾ HOẠCH\nThực hiện chương trình\n"
            "I. MỤC TIÊU\n")
    m = parse(text, text=True).metadata
    assert m.issuer == "Ủy ban nhân dân tỉnh Hà Tĩnh"


def test_party_resolution_header():
    text = ("NGHỊ QUYẾT\nCỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH\nvề phát triển nông nghiệp tỉnh Nam Định đến năm 2030\n\n"
            "Những năm qua nông nghiệp tỉnh Nam Định có nhiều chuyển biến. " * 5 + "\n\n"
            "I- QUAN ĐIỂM, MỤC TIÊU\n1. Quan điểm\n2. Mục tiêu\n2.1. Mục tiêu chung\n(1) Chỉ tiêu một\n(2) Chỉ tiêu hai\n"
            "II- NHIỆM VỤ\n1. Nhiệm vụ một\n\nT/M TỈNH ỦY\nBÍ THƯ\n\nTrần Văn Bình\n")
    doc = parse(text, text=True)
    m = doc.metadata
    assert m.doc_type == "Nghị quyết"
    assert m.issuer == "Ban Chấp hành Đảng bộ tỉnh Nam Định"
    assert m.title == "về phát triển nông nghiệp tỉnh Nam Định đến năm 2030"
    assert m.signers[0].authority == "T/M Tỉnh ủy" and m.signers[0].title == "Bí thư"
    assert paths(doc) == ["I", "I>1", "I>2", "I>2>2.1", "I>2>2.1>(1)", "I>2>2.1>(2)", "II", "II>1"]


def test_glued_marker_split_off():
    text = "NGHỊ QUYẾT\nvề việc thử\n\nI- QUAN ĐIỂM, MỤC TIÊU**1. Quan điểm**\n\nNội dung quan điểm.\n\n**2. Mục tiêu**\n"
    assert outline(text) == ["I", "I>1", "I>2"]


def test_numbering_not_typography():
    text = ("KẾ HOẠCH\nthử nghiệm\n\n### **1. Mục tiêu**\n#### 1.1. Mục tiêu chung\n"
            "## 1.2. Mục tiêu cụ thể\n##### 1.2.1. Chỉ tiêu\n# 2. Nhiệm vụ\n")
    assert outline(text) == ["1", "1>1.1", "1>1.2", "1>1.2>1.2.1", "2"]


def test_chapters_sections_articles():
    text = ("LUẬT\nthử nghiệm\n\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\nChương II\nQUẢN LÝ\n"
            "Mục 1. HỒ SƠ\nĐiều 2. Hồ sơ\n1. Khoản một.\nĐiều 2a. Bổ sung\nMục 2. THỦ TỤC\nĐiều 3. Thủ tục\n"
            "Chương III\nĐiều 4. Hiệu lực\n")
    assert outline(text) == ["Chương I", "Chương I>Điều 1", "Chương II", "Chương II>Mục 1",
                             "Chương II>Mục 1>Điều 2", "Chương II>Mục 1>Điều 2>1", "Chương II>Mục 1>Điều 2a",
                             "Chương II>Mục 2", "Chương II>Mục 2>Điều 3", "Chương III", "Chương III>Điều 4"]


def test_quoted_articles_stay_inside_amending_article():
    text = ("NGHỊ ĐỊNH\nsửa đổi\n\nĐiều 1. Sửa đổi, bổ sung một số điều của Nghị định số 10/2020/NĐ-CP như sau:\n"
            "1. Sửa đổi Điều 5 như sau:\n“Điều 5. Hồ sơ đề nghị\n1. Đơn đề nghị.\nĐiều 6. Thời hạn\n2. Bản sao giấy phép.”\n"
            "2. Bãi bỏ Điều 7.\nĐiều 2. Hiệu lực thi hành\n")
    assert outline(text) == ["Điều 1", "Điều 1>1", "Điều 1>2", "Điều 2"]


def test_bullets_and_plus_items():
    text = ("KẾ HOẠCH\nthử\n\nI. NHIỆM VỤ\n1. Nhiệm vụ chung\n- Việc một;\n+ chi tiết a;\n+ chi tiết b;\n"
            "- Việc hai;\n• Việc ba.\n2. Nhiệm vụ riêng\n")
    seg = segment_text(text)
    bullets = [s for s in seg.sections if s.kind == "bullet"]
    assert [b.label for b in bullets] == ["-", "+", "+", "-", "-"]
    by_id = {s.id: s for s in seg.sections}
    assert by_id[bullets[1].parent].label == "-"          # "+" nests under "-"
    assert by_id[bullets[0].parent].label == "1"
    assert outline(text) == ["I", "I>1", "I>2"]


def test_closing_signature_and_recipients():
    text = ("QUYẾT ĐỊNH\nvề việc thử\n\nĐiều 1. Nội dung.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\n"
            "Nơi nhận:\n- Như Điều 2;\n- Bộ Tài chính (để b/c);\n- Lưu: VT, KT.\n\n"
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Thị Hoa\n")
    doc = parse(text, text=True)
    m = doc.metadata
    assert m.recipients == ["Như Điều 2", "Bộ Tài chính (để b/c)", "Lưu: VT, KT"]
    assert m.signers[0].name == "Lê Thị Hoa"
    assert m.signers[0].title == "Phó Chủ tịch"
    assert m.signers[0].authority == "TM. Ủy ban nhân dân"
    assert m.effective.text == "có hiệu lực kể từ ngày ký"
    assert sum(1 for s in doc.sections if s.kind == "bullet") == 0     # Nơi nhận items are not bullets
    assert doc.sections[-1].kind == "closing"


def test_two_column_layout_text():
    text = ("      ỦY BAN NHÂN DÂN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "       TỈNH LÀO CAI                             Độc lập - Tự do - Hạnh phúc\n\n"
            "    Số: 512 /UBND-KT                          Lào Cai, ngày 11 tháng 6 năm 2026\n"
            "V/v tăng cường quản lý\nhoạt động khoáng sản\n\n"
            "      Kính gửi:   - Sở Công Thương;\n                  - Công an tỉnh.\n\n"
            "    Thực hiện chỉ đạo của Chính phủ, Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện tốt\n"
            "các nhiệm vụ sau đây trong thời gian tới để bảo đảm quản lý chặt chẽ.\n"
            "    1. Sở Công Thương rà soát các mỏ.\n    2. Công an tỉnh kiểm tra.\n\n"
            "Nơi nhận:                                   KT. CHỦ TỊCH\n"
            "- Như trên;                                 PHÓ CHỦ TỊCH\n"
            "- Lưu: VT.\n\n                                            Phạm Minh Đức\n")
    doc = parse(text, text=True)
    m = doc.metadata
    assert m.number == "512/UBND-KT" and m.place == "Lào Cai" and m.issued_date == "2026-06-11"
    assert m.issuer == "Ủy ban nhân dân tỉnh Lào Cai"
    assert m.doc_type == "Công văn"
    assert m.title == "tăng cường quản lý hoạt động khoáng sản"
    assert m.signers[0].name == "Phạm Minh Đức" and m.recipients == ["Như trên", "Lưu: VT"]
    assert paths(doc) == ["1", "2"]
    assert "thực hiện tốt các nhiệm vụ" in doc.text        # the hard wrap was joined


def test_appendix_after_signature_is_segmented():
    text = ("QUYẾT ĐỊNH\nBan hành Quy chế thử\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế.\n"
            "Điều 2. Hiệu lực.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n"
            "Hoàng Văn Nam\n\nQUY CHẾ\nQuản lý thử\n\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n1. Khoản.\n"
            "Chương II\nĐiều 2. Trách nhiệm\n")
    doc = parse(text, text=True)
    assert doc.metadata.signers[0].name == "Hoàng Văn Nam"
    assert paths(doc) == ["Điều 1", "Điều 2", "Chương I", "Chương I>Điều 1", "Chương I>Điều 1>1",
                          "Chương II", "Chương II>Điều 2"]


def test_central_decree_header():
    text = ("CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 77/2024/NĐ-CP\n"
            "Hà Nội, ngày 01 tháng 7 năm 2024\nNGHỊ ĐỊNH\nQuy định chi tiết một số điều của Luật Thử nghiệm\n"
            "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\nTheo đề nghị của Bộ trưởng Bộ Tư pháp;\n"
            "Chính phủ ban hành Nghị định quy định chi tiết một số điều của Luật Thử nghiệm.\n"
            "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n")
    doc = parse(text, text=True)
    m = doc.metadata
    assert (m.doc_type, m.number, m.issuer, m.place, m.issued_date) == (
        "Nghị định", "77/2024/NĐ-CP", "Chính phủ", "Hà Nội", "2024-07-01")
    assert m.title == "Quy định chi tiết một số điều của Luật Thử nghiệm"
    pre = [s for s in doc.sections if s.kind == "preamble"][0]
    assert "Theo đề nghị" in doc.text[pre.start:pre.end]
    assert "Chính phủ ban hành" not in doc.text[pre.start:pre.end]


def test_number_with_type_prefix_and_spaces():
    text = ("ỦY BAN THƯỜNG VỤ\nQUỐC HỘI\nNghị quyết số: 115/2025/UBTVQH15\nNGHỊ QUYẾT\nQuy định thử\n"
            "Căn cứ Hiến pháp;\nĐiều 1. Nội dung\n")
    m = parse(text, text=True).metadata
    assert m.number == "115/2025/UBTVQH15"
    assert m.issuer == "Ủy ban Thường vụ Quốc hội"


# ----------------------------------------------------------------- properties
_PIECES = st.sampled_from([
    "Điều 1. Phạm vi", "Điều 2:", "ĐIỀU 3", "Chương II", "Mục 1. Chung", "Phần I", "I. MỤC TIÊU", "II- NHIỆM VỤ",
    "1. Mục tiêu", "2.1. Chi tiết", "3.1.1. Sâu hơn", "a) điểm", "đ) điểm", "(1) chỉ tiêu", "- gạch", "+ cộng",
    "• chấm", "Căn cứ Luật;", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A", "“Điều 9. Trích",
    "kết thúc.”", "Số: 12/QĐ-UBND", "Hà Nội, ngày 1 tháng 2 năm 2020", "NGHỊ QUYẾT", "văn bản thường", "",
    "**", "### ", "\t", "  ", "1.000 tỷ đồng", "(", ")",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.text(max_size=60))
def test_segmenter_properties(pieces, noise):
    text = "\n".join(pieces) + noise
    seg = segment_text(text)
    by_id = {s.id: s for s in seg.sections}
    starts = [s.start for s in seg.sections]
    assert starts == sorted(starts)                                   # reading order
    for s in seg.sections:
        assert 0 <= s.start <= s.end <= len(seg.text)
        if s.parent is not None:
            p = by_id[s.parent]
            assert p.start <= s.start and s.end <= p.end              # inside the parent
        assert _starts_with_marker(seg.text[s.start:s.end], s), (s, seg.text[s.start:s.end][:20])


def _starts_with_marker(text: str, s) -> bool:
    """A section's text begins with its printed marker."""
    if s.kind in ("preamble", "closing"):
        return True
    if s.kind == "bullet":
        return text[:1] in "-+•*–"
    if s.kind in ("dieu", "chuong", "phan", "muc_luat"):
        word, num = s.label.split(" ", 1)
        return " ".join(text.split()[:2]).lower().startswith(f"{word} {num}".lower())
    return text.startswith(s.label)


def test_marker_text_of_legal_sections():
    seg = segment_text("LUẬT\nthử\n\nChương II\nĐiều 5a. Nội dung\nĐIỀU 6\nMục 1. Chung\nPhần I. Tổng quát\n")
    for s in seg.sections:
        word, num = s.label.split()
        assert seg.text[s.start:s.end].lower().startswith(f"{word} {num}".lower())


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_text_never_raises(text):
    seg = segment_text(text)
    for s in seg.sections:
        assert 0 <= s.start <= s.end <= len(seg.text)


HEADER_FORMS = [
    # (header lines, expected (number, place, issued_date, doc_type))
    ("Số: 341/NQ-HĐND\nHưng Yên, ngày 22 tháng 12 năm 2020\nNGHỊ QUYẾT",
     ("341/NQ-HĐND", "Hưng Yên", "2020-12-22", "Nghị quyết")),
    ("Số: /KH-UBND\nHưng Yên, ngày tháng 8 năm 2024\nKẾ HOẠCH", (None, "Hưng Yên", "2024-08", "Kế hoạch")),
    ("Số: /2024/TT-BGDĐT\nHà Nội, ngày tháng năm 2024\nTHÔNG TƯ", (None, "Hà Nội", "2024", "Thông tư")),
    ("Số 23-NQ/TW\nHà Nội, ngày 22 tháng 3 năm 2018\nNGHỊ QUYẾT", ("23-NQ/TW", "Hà Nội", "2018-03-22", "Nghị quyết")),
    ("Số: 5141 /SNNMT-KS\nLào Cai, ngày 29 tháng 12 năm 2025\nV/v báo cáo sản lượng",
     ("5141/SNNMT-KS", "Lào Cai", "2025-12-29", "Công văn")),
    ("Số: 13/2015/TT- BVHTTDL\nHà Nội, ngày 22 tháng 12 năm 2015\nTHÔNG TƯ",
     ("13/2015/TT-BVHTTDL", "Hà Nội", "2015-12-22", "Thông tư")),
    ("Số: 66.9/2025/NQ-CP\nNgày 8 tháng 12 năm 2025\nNGHỊ QUYẾT", ("66.9/2025/NQ-CP", None, "2025-12-08", "Nghị quyết")),
    ("Số: 102/2025/NQLT - UBTVQH15 - CP\nHà Nội, ngày 26 tháng 9 năm 2025\nNGHỊ QUYẾT LIÊN TỊCH",
     ("102/2025/NQLT-UBTVQH15-CP", "Hà Nội", "2025-09-26", "Nghị quyết liên tịch")),
    ("Số: 217/2026/NĐ-CP Hà Nội, ngày 19 tháng 6 năm 2026\nNGHỊ ĐỊNH",
     ("217/2026/NĐ-CP", "Hà Nội", "2026-06-19", "Nghị định")),
    ("Số: 12/CT-TTg\nHà Nội, ngày 02 tháng 4 năm 2024\nCHỈ THỊ", ("12/CT-TTg", "Hà Nội", "2024-04-02", "Chỉ thị")),
    ("Số: 45/BC-UBND\nĐà Nẵng, ngày 9 tháng 1 năm 2023\nBÁO CÁO", ("45/BC-UBND", "Đà Nẵng", "2023-01-09", "Báo cáo")),
    ("Số: 08-QĐi/TW\nHà Nội, ngày 25 tháng 10 năm 2021\nQUY ĐỊNH", ("08-QĐi/TW", "Hà Nội", "2021-10-25", "Quy định")),
    ("Số: 7/TB-VPCP\nHà Nội, ngày 7 tháng 1 năm 2025\nTHÔNG BÁO", ("7/TB-VPCP", "Hà Nội", "2025-01-07", "Thông báo")),
    ("Số: 9/TTr-SCT\nThanh Hoá, ngày 3 tháng 5 năm 2022\nTỜ TRÌNH", ("9/TTr-SCT", "Thanh Hóa", "2022-05-03", "Tờ trình")),
    ("Số: 2/QĐ-UBND\nQUYÉT ĐỊNH", ("2/QĐ-UBND", None, None, "Quyết định")),
    ("Số: 4 46 /QĐ-UBND Lào Cai, ngày 6 tháng 5 năm 2026\nQUYẾT ĐỊNH",
     ("446/QĐ-UBND", "Lào Cai", "2026-05-06", "Quyết định")),
    ("Số: 15/KH-UBND\nKẾ HOẠCH", ("15/KH-UBND", None, None, "Kế hoạch")),
]


@pytest.mark.parametrize("head,expected", HEADER_FORMS)
def test_header_forms(head, expected):
    m = parse(head + "\nVề việc thử nghiệm\nĐiều 1. Nội dung.\n", text=True).metadata
    assert (m.number, m.place, m.issued_date, m.doc_type) == expected
