"""Deadline phrases, table-driven: (sentence, expected (due, recurrence) set); written for these tests."""
import pytest

from extractor.deadlines import extract_deadlines
from extractor.pipeline import segment_text


def keys(text):
    return {(d.due, d.recurrence) for d in extract_deadlines(segment_text(text))}


POSITIVE = [
    ("Sở Y tế hoàn thành báo cáo trước ngày 30/6/2026.", {("2026-06-30", None)}),
    ("Nộp dự thảo trước ngày 05/01/2027.", {("2027-01-05", None)}),
    ("Trình đề án chậm nhất ngày 15/9/2026.", {("2026-09-15", None)}),
    ("Hoàn thành chậm nhất là ngày 31/12/2026.", {("2026-12-31", None)}),
    ("Gửi kết quả trước ngày 20 tháng 10 năm 2026.", {("2026-10-20", None)}),
    ("Xây dựng kế hoạch, xong trong tháng 8/2026.", {("2026-08", None)}),
    ("Ban hành quy chế xong trong tháng 11 năm 2026.", {("2026-11", None)}),
    ("Tổ chức hội nghị trong tháng 3/2027.", {("2027-03", None)}),
    ("Hoàn thành trong quý II/2026.", {("2026-Q2", None)}),
    ("Sơ kết vào quý IV/2027.", {("2027-Q4", None)}),
    ("Đưa vào vận hành trong quý III năm 2026.", {("2026-Q3", None)}),
    ("Quý IV năm 2026: hoàn thiện cơ sở dữ liệu.", {("2026-Q4", None)}),
    ("Hoàn thành trong quý 1/2027.", {("2027-Q1", None)}),
    ("Hoàn thành trong 6 tháng đầu năm 2026.", {("2026-H1", None)}),
    ("Triển khai xong trong 6 tháng cuối năm 2026.", {("2026-H2", None)}),
    ("Hoàn thành trong năm 2026 việc số hóa hồ sơ.", {("2026", None)}),
    ("Hoàn thành trước năm 2027.", {("2027", None)}),
    ("Định kỳ hằng năm báo cáo Ủy ban nhân dân tỉnh trước ngày 20/11.", {("--11-20", "yearly")}),
    ("Báo cáo kết quả trước ngày 15/12 hằng năm.", {("--12-15", "yearly")}),
    ("Gửi báo cáo trước ngày 10/11 hàng năm.", {("--11-10", "yearly")}),
    ("Tổng hợp trước ngày 15/6 và 15/12 hằng năm.", {("--06-15", "yearly"), ("--12-15", "yearly")}),
    ("Báo cáo trước ngày 10 của tháng cuối quý.", {(None, "quarterly")}),
    ("Gửi số liệu trước ngày 10 tháng cuối quý.", {(None, "quarterly")}),
    ("Cập nhật trước ngày 25 hằng tháng.", {(None, "monthly")}),
    ("Định kỳ 6 tháng báo cáo kết quả.", {(None, "half_yearly")}),
    ("Định kỳ hằng năm báo cáo Thường trực Tỉnh ủy.", {(None, "yearly")}),
    ("Định kỳ hằng quý tổng hợp tình hình.", {(None, "quarterly")}),
    ("Định kỳ hằng tháng báo cáo tiến độ.", {(None, "monthly")}),
    ("Hằng tháng báo cáo tiến độ thực hiện.", {(None, "monthly")}),
    ("Hằng năm, Sở Tài chính tổng hợp dự toán.", {(None, "yearly")}),
    ("Định kỳ hằng tuần báo cáo tình hình dịch.", {(None, "weekly")}),
    ("Trong thời hạn 15 ngày kể từ ngày nhận đủ hồ sơ, cơ quan có thẩm quyền trả lời.", {(None, None)}),
    ("Trong thời hạn 07 ngày làm việc kể từ ngày nhận được văn bản, Sở phải trả lời.", {(None, None)}),
    ("Trong vòng 30 ngày kể từ ngày ký, đơn vị gửi báo cáo.", {(None, None)}),
    ("Chậm nhất 10 ngày sau khi kết thúc đợt kiểm tra, đoàn báo cáo.", {(None, None)}),
    ("Hoàn thành trước ngày 1/7/2026 và báo cáo.", {("2026-07-01", None)}),
    ("Hoàn thành trước 31/3/2027.", {("2027-03-31", None)}),
    ("Hạn chót là ngày 30/9/2026.", {("2026-09-30", None)}),
    ("Thời gian hoàn thành: tháng 10/2026.", {("2026-10", None)}),
    ("Sở Nội vụ thẩm định, xong trước ngày 15/8/2026.", {("2026-08-15", None)}),
    ("Hoàn thành chậm nhất đến ngày 01 tháng 7 năm 2028.", {("2028-07-01", None)}),
    ("Báo cáo trước ngày 20 tháng 12 hằng năm.", {("--12-20", "yearly")}),
    ("Lắp đặt camera xong trong quý II năm 2026.", {("2026-Q2", None)}),
    ("Định kỳ hằng quý báo cáo Sở Công Thương.", {(None, "quarterly")}),
    ("Trong thời hạn 05 ngày làm việc kể từ ngày nhận hồ sơ, Sở Tư pháp thẩm định.", {(None, None)}),
    ("Hoàn thành việc sắp xếp trước ngày 31/3/2026.", {("2026-03-31", None)}),
]

NEGATIVE = [
    "Đến năm 2025, tỷ lệ đô thị hóa đạt 40%.",
    "Phấn đấu đến năm 2030 có 5 khu công nghiệp.",
    "Chương trình thực hiện trong giai đoạn 2021-2025.",
    "Căn cứ Nghị định số 111/2015/NĐ-CP ngày 03/11/2015 của Chính phủ.",
    "Nghị quyết này có hiệu lực từ ngày 01/01/2026.",
    "Báo cáo kết quả tại kỳ họp gần nhất của Hội đồng nhân dân tỉnh.",
    "Định kỳ sơ kết, tổng kết việc thực hiện.",
    "Định kỳ báo cáo kết quả.",
    "Tầm nhìn đến năm 2045.",
    "Quy hoạch tỉnh thời kỳ 2021-2030, tầm nhìn đến năm 2050.",
    "Kế hoạch 5 năm và hàng năm đã được phê duyệt.",
    "Đánh giá kết quả công tác hàng tháng, hàng năm của cơ quan.",
    "Theo Quyết định số 12/QĐ-UBND ngày 15/01/2024 của Ủy ban nhân dân tỉnh.",
    "Tính đến ngày 31/12/2024, toàn tỉnh có 20 dự án.",
    "Kinh phí dự toán hằng năm được bố trí theo quy định.",
    "Thường xuyên kiểm tra, giám sát.",
    "Năm 2024 tăng trưởng đạt 7%.",
    "Ngày 20/11 là Ngày Nhà giáo Việt Nam.",
    "Vào năm 2030 có 10 khu công nghiệp.",
    "Từ năm 2021 đến năm 2025 đã đầu tư 10 dự án.",
    "Quy định này áp dụng từ ngày 01/7/2026.",
    "Thông tư số 31/2025/TT-BCT ngày 16/5/2025 của Bộ Công Thương.",
    "Giấy phép khai thác khoáng sản số 199/GP-BNNMT ngày 14/7/2026.",
    "Hà Nội, ngày 20 tháng 10 năm 2026",
    "Định kỳ kiểm tra, giám sát hoạt động khai thác.",
]


@pytest.mark.parametrize("text,expected", POSITIVE)
def test_deadline_found(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_a_deadline(text):
    assert keys(text) == set()


def test_within_days_and_text():
    seg = segment_text("Trong thời hạn 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Xây dựng cấp giấy phép.")
    (d,) = extract_deadlines(seg)
    assert d.within_days == 15 and d.due is None and d.recurrence is None
    assert seg.text[d.start:d.end] == d.text
    assert d.working_days is False          # calendar days


@pytest.mark.parametrize("sentence,days,working", [
    ("Trong thời hạn 05 ngày làm việc kể từ ngày nhận hồ sơ, Sở Tư pháp trả lời.", 5, True),
    ("Chậm nhất 10 ngày làm việc, kể từ ngày nhận được báo cáo, Sở Tài chính thẩm định.", 10, True),
    ("Trong thời hạn 30 ngày kể từ ngày ký, Sở Y tế công bố.", 30, False),
    ("Sở Y tế báo cáo trước ngày 30/6/2026.", None, None),
])
def test_working_days_are_told_from_calendar_days(sentence, days, working):
    (d,) = extract_deadlines(segment_text(sentence))
    assert (d.within_days, d.working_days) == (days, working)


def test_past_date_is_a_report_not_a_limit():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nSố: 12/KH-UBND\nHà Nam, ngày 10 tháng 5 năm 2026\n\nKẾ HOẠCH\n\n"
            "1. Trong tháng 3/2025 đã tổ chức 3 hội nghị.\n2. Sở Tài chính hoàn thành trong tháng 8/2026.\n")
    assert keys(text) == {("2026-08", None)}


def test_time_column_of_a_task_table():
    text = ("1. Nhiệm vụ:\nTT\tNhiệm vụ\tĐơn vị chủ trì\tThời gian thực hiện\n"
            "1\tKiểm kê rừng\tSở Nông nghiệp và Môi trường\tTháng 9/2026\n"
            "2\tTổng hợp số liệu\tCục Thống kê\tThường xuyên\n")
    assert keys(text) == {("2026-09", None)}
