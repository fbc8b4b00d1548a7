"""Citations: table-driven cases over every numbering family, named documents, lists,
fields and relations, plus numbers that are not citations."""
import pytest

from extractor.pipeline import segment_text
from extractor.citations import extract_citations

BODY = "KẾ HOẠCH\nthử nghiệm\n\nI. NỘI DUNG\n1. {}\n"


def cites(sentence, wrap=True):
    seg = segment_text(BODY.format(sentence) if wrap else sentence)
    out = extract_citations(seg)
    for c in out:
        assert seg.text[c.start:c.end] == c.text
    return out


def first(sentence):
    found = cites(sentence)
    assert found, sentence
    return found[0]


# (sentence, expected fields of the first citation)
CASES = [
    # normative numbers
    ("Thực hiện Nghị định số 111/2015/NĐ-CP ngày 03/11/2015 của Chính phủ về phát triển công nghiệp hỗ trợ.",
     dict(doc_type="Nghị định", number="111/2015/NĐ-CP", issued_date="2015-11-03", issuer="Chính phủ",
          title="về phát triển công nghiệp hỗ trợ", relation="implements")),
    ("Theo Nghị quyết số 25/2021/NQ-HĐND ngày 10 tháng 12 năm 2021 của HĐND tỉnh quy định mức chi.",
     dict(doc_type="Nghị quyết", number="25/2021/NQ-HĐND", issued_date="2021-12-10", issuer="Hội đồng nhân dân tỉnh",
          relation="references")),
    ("Luật số 80/2015/QH13 được áp dụng.", dict(doc_type="Luật", number="80/2015/QH13", issuer="Quốc hội")),
    ("Thông tư số 29/2018/TT-BCT ngày 28/3/2018 hướng dẫn lập dự toán.",
     dict(doc_type="Thông tư", number="29/2018/TT-BCT", issued_date="2018-03-28", issuer="Bộ Công Thương")),
    ("Thông tư liên tịch số 55/2005/TTLT-BNV-VPCP ngày 06/5/2005 hướng dẫn thể thức.",
     dict(doc_type="Thông tư liên tịch", number="55/2005/TTLT-BNV-VPCP", issued_date="2005-05-06")),
    ("Quyết định số 66/2014/QĐ-TTg ngày 25 tháng 11 năm 2014 của Thủ tướng Chính phủ phê duyệt danh mục.",
     dict(doc_type="Quyết định", number="66/2014/QĐ-TTg", issued_date="2014-11-25", issuer="Thủ tướng Chính phủ",
          title="phê duyệt danh mục")),
    ("áp dụng Nghị quyết số 76/2025/UBTVQH15 ngày 14 tháng 4 năm 2025 của Ủy ban Thường vụ Quốc hội.",
     dict(doc_type="Nghị quyết", number="76/2025/UBTVQH15", issuer="Ủy ban Thường vụ Quốc hội")),
    ("theo Thông tư 13/2015/TT- BVHTTDL ngày 22/12/2015.", dict(doc_type="Thông tư", number="13/2015/TT-BVHTTDL")),
    ("theo Nghị định số 45/2020/ND-CP ngày 08/4/2020.", dict(number="45/2020/NĐ-CP", doc_type="Nghị định", issuer="Chính phủ")),
    ("theo Nghị định số 45/2020/NÐ-CP.", dict(number="45/2020/NĐ-CP")),
    ("Nghị định số 30/2020/NĐ-\nCP ngày 05/3/2020 về công tác văn thư.", dict(number="30/2020/NĐ-CP", issued_date="2020-03-05")),
    ("theo Nghị quyết số 66.9/2025/NQ-CP ngày 8 tháng 12 năm 2025.", dict(number="66.9/2025/NQ-CP", issued_date="2025-12-08")),
    ("theo Nghị định số: 15/2021/NĐ-CP.", dict(number="15/2021/NĐ-CP")),
    ("theo Quyết định số 10/2017/QĐ-TTg ngày 3-4-2017.", dict(issued_date="2017-04-03")),
    ("theo Quyết định số 10/2017/QĐ-TTg ngày 03.04.2017.", dict(issued_date="2017-04-03")),
    ("theo Thông tư số 02/2024/TT-BKHĐT của Bộ Kế hoạch và Đầu tư.", dict(issuer="Bộ Kế hoạch và Đầu tư")),
    ("theo Thông tư số 02/2024/TT-BTC.", dict(issuer="Bộ Tài chính")),
    ("theo Thông tư số 07/2023/TT-BGDĐT.", dict(issuer="Bộ Giáo dục và Đào tạo")),
    ("theo Thông tư số 17/2022/TT-BNNPTNT.", dict(issuer="Bộ Nông nghiệp và Phát triển nông thôn")),
    ("theo Quyết định số 38/2020/QĐ-TTg ngày 30/12/2020.", dict(issuer="Thủ tướng Chính phủ", doc_type="Quyết định")),
    # administrative numbers
    ("Xét Tờ trình số 184/TTr-UBND ngày 20 tháng 11 năm 2020 của UBND tỉnh về Đề án.",
     dict(doc_type="Tờ trình", number="184/TTr-UBND", issuer="Ủy ban nhân dân tỉnh", issued_date="2020-11-20")),
    ("Thực hiện Kế hoạch số 45/KH-UBND ngày 02/3/2023 của Ủy ban nhân dân tỉnh.",
     dict(doc_type="Kế hoạch", number="45/KH-UBND", relation="implements")),
    ("Tiếp tục triển khai Quyết định số 2382/QĐ-UBND ngày 28/10/2016 của UBND tỉnh.",
     dict(doc_type="Quyết định", number="2382/QĐ-UBND", relation="implements")),
    ("Thực hiện Văn bản số 5973/UBND-KT ngày 11/6/2026 của Ủy ban nhân dân tỉnh.",
     dict(doc_type="Công văn", number="5973/UBND-KT")),
    ("theo Công văn số 4643/VPCP-CN ngày 20/5/2026 của Văn phòng Chính phủ.",
     dict(doc_type="Công văn", number="4643/VPCP-CN", issuer="Văn phòng Chính phủ")),
    ("Báo cáo thẩm tra số 679/BC-KTNS ngày 18 tháng 12 năm 2020 của Ban Kinh tế - Ngân sách.",
     dict(doc_type="Báo cáo", number="679/BC-KTNS", issuer="Ban Kinh tế - Ngân sách")),
    ("theo Chỉ thị số 25/CT-TTg ngày 05/10/2023 của Thủ tướng Chính phủ.", dict(doc_type="Chỉ thị", number="25/CT-TTg")),
    ("theo Thông báo số 12/TB-VPCP ngày 7/1/2025.", dict(doc_type="Thông báo", number="12/TB-VPCP")),
    ("theo Đề án số 395/ĐA-CP ngày 09 tháng 5 năm 2025.", dict(doc_type="Đề án", number="395/ĐA-CP")),
    ("theo Công điện số 06/CĐ-TTg ngày 1/2/2024.", dict(doc_type="Công điện", number="06/CĐ-TTg")),
    ("theo Kế hoạch 5141 /SNNMT-KS.", dict(number="5141/SNNMT-KS")),
    ("Quyết định 1762/QĐ-UBND ngày 01/6/2021 của UBND tỉnh Thái Nguyên phê duyệt Chương trình.",
     dict(issuer="Ủy ban nhân dân tỉnh Thái Nguyên", title="phê duyệt Chương trình")),
    # party numbers
    ("Căn cứ Nghị quyết số 23-NQ/TW ngày 22 tháng 3 năm 2018 của Ban Chấp hành Trung ương Đảng khóa XII về định hướng.",
     dict(doc_type="Nghị quyết", number="23-NQ/TW", issuer="Ban Chấp hành Trung ương Đảng", issued_date="2018-03-22")),
    ("thực hiện Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị về tiếp tục thực hiện.",
     dict(doc_type="Kết luận", number="69-KL/TW", issuer="Bộ Chính trị", relation="implements")),
    ("theo Nghị quyết số 07-NQ/TU ngày 04 tháng 10 năm 2016 của Ban Chấp hành Đảng bộ tỉnh Khoá XVIII về phát triển.",
     dict(number="07-NQ/TU", issuer="Ban Chấp hành Đảng bộ tỉnh")),
    ("Thực hiện Kế hoạch số 278-KH/TU ngày 29/02/2024 của Ban Thường vụ Tỉnh ủy.",
     dict(doc_type="Kế hoạch", number="278-KH/TU", issuer="Ban Thường vụ Tỉnh ủy")),
    ("Thực hiện Văn bản số 983-CV/VPTU ngày 28 tháng 9 năm 2020 của Văn phòng Tỉnh ủy.",
     dict(doc_type="Công văn", number="983-CV/VPTU", issuer="Văn phòng Tỉnh ủy")),
    ("theo Quy định số 08-QĐi/TW ngày 25/10/2021.", dict(doc_type="Quy định", number="08-QĐi/TW", issuer="Ban Chấp hành Trung ương")),
    ("theo Chương trình hành động số 34-CTr/TU ngày 15/02/2023.", dict(doc_type="Chương trình", number="34-CTr/TU")),
    ("theo Chỉ thị số 11-CT/TU ngày 4/2/2026.", dict(doc_type="Chỉ thị", number="11-CT/TU", issuer="Tỉnh ủy")),
    ("theo Nghị quyết 57-NQ/TW.", dict(number="57-NQ/TW", issuer="Ban Chấp hành Trung ương")),
    # named documents
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
     dict(doc_type="Luật", number=None, name="Luật Tổ chức chính quyền địa phương", issued_date="2015-06-19")),
    ("Căn cứ Luật Ngân sách nhà nước;", dict(name="Luật Ngân sách nhà nước", doc_type="Luật")),
    ("theo quy định của Bộ luật Dân sự.", dict(name="Bộ luật Dân sự", doc_type="Bộ luật")),
    ("Căn cứ Hiến pháp năm 2013;", dict(name="Hiến pháp", doc_type="Hiến pháp", issued_date="2013")),
    ("Căn cứ Luật Tổ chức chính quyền địa phương năm 2015;", dict(issued_date="2015")),
    ("Căn cứ Luật Viên chức số 58/2010/QH12;", dict(number="58/2010/QH12", name="Luật Viên chức", doc_type="Luật")),
    ("Căn cứ Luật Cán bộ, công chức số 80/2025/QH15;", dict(number="80/2025/QH15", name="Luật Cán bộ, công chức")),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
     dict(name="Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
          issued_date="2019-11-22")),
    ("phù hợp với Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX.",
     dict(doc_type="Nghị quyết", name="Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX")),
    ("theo Văn kiện Đại hội Đảng toàn quốc lần thứ XIII.",
     dict(doc_type="Văn bản", name="Văn kiện Đại hội Đảng toàn quốc lần thứ XIII")),
    ("phù hợp với Đề án “Phát triển hạ tầng số quốc gia đến năm 2030”.",
     dict(doc_type="Đề án", name="Đề án “Phát triển hạ tầng số quốc gia đến năm 2030”")),
    ("Triển khai Kế hoạch của Tỉnh ủy về chuyển đổi số trong cơ quan đảng.",
     dict(doc_type="Kế hoạch", issuer="Tỉnh ủy", relation="implements")),
    # pinpoints
    ("theo quy định tại khoản 2 Điều 3 Nghị định số 10/2020/NĐ-CP.", dict(pinpoint="khoản 2 Điều 3")),
    ("theo điểm a khoản 1 Điều 5 của Thông tư số 01/2021/TT-BNV.", dict(pinpoint="điểm a khoản 1 Điều 5")),
    ("quy định tại Điều 12 Luật Đất đai.", dict(pinpoint="Điều 12", name="Luật Đất đai")),
    # more types and codes
    ("theo Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng.",
     dict(doc_type="Hướng dẫn", number="36-HD/VPTW", issuer="Văn phòng Trung ương Đảng")),
    ("theo Quy chế số 02-QC/TU ngày 10/5/2021.", dict(doc_type="Quy chế", number="02-QC/TU")),
    ("theo Phương án số 15/PA-UBND ngày 2/6/2022.", dict(doc_type="Phương án", number="15/PA-UBND")),
    ("theo Chương trình số 12/CTr-UBND ngày 2/6/2022.", dict(doc_type="Chương trình", number="12/CTr-UBND")),
    ("theo Báo cáo số 301/BC-UBND ngày 30/11/2023.", dict(doc_type="Báo cáo", number="301/BC-UBND")),
    ("theo Văn bản hợp nhất số 03/VBHN-VPQH ngày 15/7/2020.", dict(doc_type="Văn bản", number="03/VBHN-VPQH")),
    ("theo Pháp lệnh số 02/2022/UBTVQH15 ngày 24/12/2022.", dict(doc_type="Pháp lệnh", number="02/2022/UBTVQH15")),
    ("theo Nghị quyết số 12-NQ/HU ngày 5/5/2021 của Ban Chấp hành Đảng bộ huyện.",
     dict(number="12-NQ/HU", issuer="Ban Chấp hành Đảng bộ huyện")),
    ("theo Kết luận số 05-KL/ĐU ngày 5/5/2021.", dict(number="05-KL/ĐU", issuer="Đảng ủy")),
    ("theo Thông báo số 21-TB/BCSĐ ngày 5/5/2021.", dict(number="21-TB/BCSĐ", issuer="Ban cán sự đảng")),
    ("theo Quyết định số 1234/QĐ-BNNMT ngày 9/9/2025.", dict(issuer="Bộ Nông nghiệp và Môi trường")),
    ("theo Quyết định số 34/QĐ-SCT ngày 9/9/2025 của Sở Công Thương.", dict(issuer="Sở Công Thương")),
    ("theo Nghị quyết số 88/NQ-CP ngày 22 tháng 7 năm 2022 của Chính phủ ban hành Chương trình hành động.",
     dict(title="ban hành Chương trình hành động", issuer="Chính phủ")),
    ("theo Nghị quyết số 202/2025/QH15 ngày 12 tháng 6 năm 2025 của Quốc hội về sắp xếp đơn vị hành chính.",
     dict(doc_type="Nghị quyết", issuer="Quốc hội", title="về sắp xếp đơn vị hành chính")),
    ("Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;", dict(doc_type="Luật", number="63/2025/QH15", issuer="Quốc hội")),
    ("theo quy định của Luật Đầu tư công.", dict(name="Luật Đầu tư công")),
    ("Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng;", dict(doc_type="Pháp lệnh")),
    ("thay thế Thông tư số 04/2019/TT-BTC.", dict(relation="replaces")),
    ("hủy bỏ Chỉ thị số 03/CT-UBND ngày 1/3/2019.", dict(relation="repeals")),
    ("đính chính Quyết định số 9/QĐ-UBND.", dict(relation="amends")),
    # relations
    ("Sửa đổi, bổ sung một số điều của Nghị quyết số 09/2021/NQ-HĐND như sau:", dict(relation="amends")),
    ("Bãi bỏ Quyết định số 12/2019/QĐ-UBND ngày 5/4/2019.", dict(relation="repeals")),
    ("Quyết định số 12/2019/QĐ-UBND ngày 5/4/2019 hết hiệu lực kể từ ngày Quyết định này có hiệu lực.",
     dict(relation="repeals")),
    ("Quyết định này thay thế Quyết định số 7/2018/QĐ-UBND ngày 1/2/2018.", dict(relation="replaces")),
    ("Hướng dẫn thi hành Nghị định số 99/2024/NĐ-CP.", dict(relation="guides")),
    ("Quy định chi tiết Luật Thủy sản.", dict(relation="guides", name="Luật Thủy sản")),
    ("Cụ thể hóa Nghị quyết số 06-NQ/TU ngày 14/12/2016.", dict(relation="implements")),
    ("Các cơ quan báo cáo kết quả theo Quyết định số 5/QĐ-UBND.", dict(relation="references")),
]


@pytest.mark.parametrize("sentence,expected", CASES)
def test_citation_fields(sentence, expected):
    c = first(sentence)
    for field, value in expected.items():
        assert getattr(c, field) == value, (field, getattr(c, field), sentence)


def test_preamble_basis_relation_and_list_inheritance():
    text = ("NGHỊ QUYẾT\nthử nghiệm\n\nCăn cứ các Quyết định của Thủ tướng Chính phủ: số 2457/QĐ-TTg ngày "
            "31 tháng 12 năm 2010 về phê duyệt Chương trình A; số 1556/QĐ-TTg ngày 17 tháng 10 năm 2012 về trợ giúp "
            "doanh nghiệp; số 66/2014/QĐ-TTg ngày 25 tháng 11 năm 2014 về danh mục;\n"
            "Xét Tờ trình số 5/TTr-UBND ngày 1/12/2020 của UBND tỉnh.\n\nĐiều 1. Nội dung.\n")
    found = extract_citations(segment_text(text))
    assert [c.number for c in found] == ["2457/QĐ-TTg", "1556/QĐ-TTg", "66/2014/QĐ-TTg", "5/TTr-UBND"]
    assert all(c.doc_type == "Quyết định" and c.issuer == "Thủ tướng Chính phủ" for c in found[:3])
    assert [c.relation for c in found] == ["basis", "basis", "basis", "references"]
    assert found[1].issued_date == "2012-10-17"
    assert found[0].section == found[1].section and found[0].section is not None


def test_preamble_continuation_line_stays_basis():
    text = ("NGHỊ QUYẾT\nthử\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
            "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ ngày 22 tháng 11 năm 2019;\n\nĐiều 1. Một.\n")
    found = extract_citations(segment_text(text))
    assert [c.relation for c in found] == ["basis", "basis"]
    assert len(found) == 2                         # the law named inside the amending law's name is not separate


def test_two_laws_joined_by_va_are_two_citations():
    names = [c.name for c in cites("Căn cứ Luật Đất đai và Luật Xây dựng;")]
    assert names == ["Luật Đất đai", "Luật Xây dựng"]


@pytest.mark.parametrize("sentence,name", [
    ("Bồi thường theo Luật Đất đai cho người sử dụng đất bị thu hồi.", "Luật Đất đai"),
    ("Bị xử lý theo Bộ luật Dân sự nhưng chưa đến mức truy cứu.", "Bộ luật Dân sự"),
    ("Thuốc đăng ký theo Luật Dược hoặc lưu hành trong tỉnh.", "Luật Dược"),
    ("Doanh nghiệp theo Luật Bảo hiểm xã hội phải đóng cho người lao động.", "Luật Bảo hiểm xã hội"),
    # words that stand inside titles
    ("Thực hiện theo Luật Hàng không dân dụng Việt Nam.", "Luật Hàng không dân dụng Việt Nam"),
    ("Thực hiện theo Luật Tư pháp người chưa thành niên.", "Luật Tư pháp người chưa thành niên"),
    ("Thực hiện theo Luật Đầu tư theo phương thức đối tác công tư.", "Luật Đầu tư theo phương thức đối tác công tư"),
])
def test_a_law_name_ends_where_the_sentence_goes_on(sentence, name):
    assert first(sentence).name == name


def test_names_inside_a_cited_title_are_not_citations():
    found = cites("Thực hiện Quyết định số 68/QĐ-TTg ngày 18/01/2017 về phê duyệt Chương trình “Phát triển "
                  "công nghiệp hỗ trợ” và Đề án “Tái cơ cấu ngành”; báo cáo kết quả.")
    assert [c.number for c in found] == ["68/QĐ-TTg"]


def test_named_law_takes_the_number_cited_earlier():
    found = cites("Căn cứ Luật Lâm nghiệp số 16/2017/QH14; thực hiện khoản 3 Điều 53 của Luật Lâm nghiệp.")
    assert {c.number for c in found} == {"16/2017/QH14"}


def test_own_number_is_not_a_citation():
    text = "Số: 12/2023/NQ-HĐND\nNGHỊ QUYẾT\nthử\n\nĐiều 1. Nghị quyết số 12/2023/NQ-HĐND có hiệu lực.\n"
    assert extract_citations(segment_text(text)) == []


def test_truncated_number_joins_full_one():
    found = cites("Thực hiện Quyết định số 709/QĐ-TTg ngày 23/7/2024; hướng dẫn Quyết định số 709/QĐ-TT.")
    assert {c.number for c in found} == {"709/QĐ-TTg"}


def test_page_and_span():
    seg = segment_text(BODY.format("theo Nghị định số 1/2020/NĐ-CP."))
    c = extract_citations(seg)[0]
    assert seg.text[c.start:c.end].startswith("Nghị định số 1/2020/NĐ-CP")


# types × date spellings, generated: each type word with its code, each date form
TYPES = [("Nghị định", "NĐ-CP", "normative"), ("Quyết định", "QĐ-UBND", "admin"), ("Thông tư", "TT-BYT", "normative"),
         ("Nghị quyết", "NQ-HĐND", "admin"), ("Chỉ thị", "CT-TTg", "admin"), ("Kế hoạch", "KH-UBND", "admin"),
         ("Nghị quyết", "NQ/TW", "party"), ("Kết luận", "KL/TW", "party")]
DATES = [("ngày 05 tháng 3 năm 2021", "2021-03-05"), ("ngày 5/3/2021", "2021-03-05"), ("ngày 05-03-2021", "2021-03-05")]


def _number(code, family):
    return {"normative": f"12/2021/{code}", "admin": f"12/{code}", "party": f"12-{code}"}[family]


@pytest.mark.parametrize("word,code,family", TYPES)
@pytest.mark.parametrize("date_text,iso", DATES)
def test_type_and_date_grid(word, code, family, date_text, iso):
    number = _number(code, family)
    c = first(f"theo {word} số {number} {date_text} về quản lý.")
    assert (c.doc_type, c.number, c.issued_date) == (word, number, iso)


@pytest.mark.parametrize("word,code,family", TYPES)
def test_type_from_code_when_word_missing(word, code, family):
    number = _number(code, family)
    found = cites(f"Thực hiện các văn bản: số {number} ngày 1/2/2022; số 9/QĐ-UBND ngày 2/2/2022.")
    if family == "normative" or family == "party" or code.split("-")[0] in ("QĐ", "NQ", "CT", "KH"):
        assert found and found[0].doc_type == word


NEGATIVES = [
    "Hỗ trợ 1.500.000 đồng/người/tháng cho lao động.",
    "Tổng kinh phí 12.500 triệu đồng, trong đó ngân sách tỉnh 5.000 triệu đồng.",
    "Ngày 15/7/2024 Ủy ban nhân dân tỉnh tổ chức hội nghị.",
    "Liên hệ số điện thoại 0214.3840.123 hoặc 0912-345-678.",
    "Giai đoạn 2021-2025 tăng trưởng bình quân 7%/năm.",
    "Điều 5 của Luật này quy định chi tiết.",
    "Quyết định này có hiệu lực kể từ ngày ký.",
    "Kế hoạch này được triển khai đến các xã.",
    "Nghị quyết này được Hội đồng nhân dân tỉnh thông qua.",
    "Tỷ lệ hộ nghèo giảm 1,5%/năm.",
    "các văn bản quy phạm pháp luật có liên quan.",
    "Thông tư này áp dụng với các cơ quan.",
    "Theo quy định của pháp luật hiện hành.",
    "Khoản 2 Điều 3 của Quy chế này.",
    "diện tích 1.200 ha, đạt 95% kế hoạch.",
    "Đường tỉnh 295B dài 12 km.",
    "Quốc lộ 1A và quốc lộ 14/2 đi qua địa bàn.",
    "Tốc độ 60 km/h được áp dụng.",
    "mã số thuế 0101234567-001.",
    "tài khoản số 3761.0.1234567.",
    "năm học 2023-2024 có 1.250 học sinh.",
    "Căn hộ số 12/3 đường Lê Lợi.",
    "Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì.",
    "Chương trình này thực hiện từ năm 2021 đến năm 2025.",
    "Luật sư và công chứng viên tham gia.",
    "Đề án này gồm 3 phần.",
    "tỷ lệ 1/500 của bản đồ quy hoạch.",
    "Phụ lục số 01 kèm theo.",
    "Hồ sơ gồm 02 bản chính.",
    "Xã An Bình có 12/12 thôn đạt chuẩn.",
    "Mẫu số 01/TK-SDDPNN kèm theo.",
    "Khóa XVI, kỳ họp thứ 15.",
    "trước ngày 20/11 hằng năm.",
    "giá 25.000 đồng/kg.",
    "Biển số xe 29A-123.45 được cấp.",
    "Văn bản này gửi các cơ quan.",
    "Hồ sơ đăng ký theo Mẫu số 02/ĐK ban hành kèm theo.",
]


def test_seed_floors():
    from extractor.evaluate import evaluate_paths
    from tests.conftest import need_shared
    seeds, gold = need_shared("corpus", "seeds"), need_shared("annotations", "seeds")
    result = evaluate_paths(gold, sorted(seeds.glob("*.txt")))
    assert result["total"]["citations"]["f1"] >= 0.95
    assert all(d["citations"]["f1"] >= 0.9 for d in result["docs"].values())
    attrs = result["total"]["citation_attrs"]
    assert attrs["date"] >= 0.97 and attrs["type"] >= 0.97 and attrs["issuer"] >= 0.9 and attrs["relation"] >= 0.9


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_not_citations(sentence):
    found = [c for c in cites(sentence) if c.number or c.name]
    assert found == [], [(c.text, c.number) for c in found]
