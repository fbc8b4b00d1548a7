"""Numeric targets: values, ranges, units, comparators, years, periods, baselines; and
quantities that are not targets."""
import pytest

from extractor.pipeline import segment_text
from extractor.targets import extract_targets

PLAN = "KẾ HOẠCH\nthử nghiệm\n\nI. MỤC TIÊU\n1. {}\n"
DECREE = "Số: 5/2024/NQ-HĐND\nHà Nội, ngày 1 tháng 3 năm 2024\nNGHỊ QUYẾT\nthử nghiệm\n\nĐiều 1. Quy định chung\n1. {}\n"


def targets(sentence, frame=PLAN):
    seg = segment_text(frame.format(sentence))
    found = extract_targets(seg)
    for t in found:
        assert seg.text[t.start:t.end] == t.text
    return found


# (sentence, expected fields of the first target)
CASES = [
    ("Đến năm 2025 sản lượng thép đạt khoảng 150 nghìn tấn.",
     dict(value=150, unit="nghìn tấn", comparator="approx", year="2025", value_normalized=150000, unit_base="tấn")),
    ("Đến năm 2025 sản lượng linh kiện đạt từ 500-600 nghìn sản phẩm các loại.",
     dict(value=None, min=500, max=600, unit="nghìn sản phẩm", comparator="eq", year="2025", min_normalized=500000)),
    ("Đến năm 2030 sản lượng đạt khoảng 1.000-1.200 nghìn sản phẩm.", dict(min=1000, max=1200, comparator="approx")),
    ("Tốc độ tăng trưởng bình quân giai đoạn 2021-2030 đạt khoảng 19%/năm.",
     dict(value=19, unit="%/năm", comparator="approx", year="2030", period="2021-2030")),
    ("Tỷ lệ lao động qua đào tạo đến năm 2030 đạt trên 90%.", dict(value=90, unit="%", comparator="gt", year="2030")),
    ("Tỷ trọng công nghiệp tăng từ 49,7% năm 2020 lên 60% vào năm 2030.",
     dict(value=60, baseline={"value": 49.7, "year": "2020"}, year="2030")),
    ("Số doanh nghiệp tăng gấp 3 lần so với năm 2020, đến năm 2030.",
     dict(value=3, unit="lần", baseline={"value": None, "year": "2020"})),
    ("Đầu tư cho khoa học đạt tối thiểu 2% tổng chi ngân sách đến năm 2030.", dict(value=2, comparator="gte")),
    ("Đến năm 2030 chỉ số đổi mới sáng tạo thuộc top 20 cả nước.", dict(value=20, unit="top", comparator="lte")),
    ("Đến năm 2026 có ít nhất 05 khu công nghiệp đi vào hoạt động.", dict(value=5, unit="khu công nghiệp", comparator="gte")),
    ("Mức tăng trưởng bình quân giai đoạn 2021-2025 đạt 9%/năm trở lên.",
     dict(value=9, comparator="gte", year="2025", period="2021-2025")),
    ("Số lượng doanh nghiệp tăng trên 10%/năm đến năm 2025.", dict(value=10, unit="%/năm", comparator="gt")),
    ("Đến năm 2030 tổng vốn huy động đạt khoảng 855 nghìn tỷ đồng.",
     dict(value=855, unit="nghìn tỷ đồng", value_normalized=855e12, unit_base="đồng")),
    ("Đến năm 2030 giá trị sản xuất đạt khoảng 2.200.000 tỷ đồng.", dict(value=2200000, unit="tỷ đồng")),
    ("Đến năm 2025 diện tích vải dệt đạt khoảng 65-70 triệu m2.", dict(min=65, max=70, unit="triệu m²")),
    ("Đến năm 2025 sản xuất pin đạt 01-1,2 triệu Kwh.", dict(min=1, max=1.2, unit="triệu Kwh")),
    ("Đến năm 2030 có 12 người trên một vạn dân làm nghiên cứu.", dict(value=12, unit="người trên một vạn dân")),
    ("Đến năm 2030 số đối tượng đăng ký bảo hộ đạt 3.000 đối tượng.", dict(value=3000, unit="đối tượng")),
    ("Phấn đấu xây dựng 1 - 2 khu, cụm công nghiệp đến năm 2025.", dict(min=1, max=2, unit="khu, cụm công nghiệp")),
    ("Đến năm 2030 tổng diện tích các khu công nghiệp đạt 6.518 ha.", dict(value=6518, unit="ha")),
    ("Đến năm 2030 diện tích đạt 372,6 ha.", dict(value=372.6)),
    ("Đến năm 2025 sản lượng đế giày đạt khoảng 18,5-20 triệu đôi.", dict(min=18.5, max=20, unit="triệu đôi")),
    ("Tỷ lệ hộ nghèo giảm dưới 2% vào năm 2026.", dict(value=2, comparator="lt", year="2026")),
    ("Tỷ lệ nợ xấu đến năm 2025 không quá 3%.", dict(value=3, comparator="lte")),
    ("Đến năm 2025 tỷ lệ che phủ rừng đạt tối đa 45%.", dict(value=45, comparator="lte")),
    ("Thu hút hơn 500 dự án đầu tư đến năm 2030.", dict(value=500, comparator="gt", unit="dự án")),
    ("Đến năm 2027, đào tạo 2.000 lao động.", dict(value=2000, unit="lao động")),
    ("Mỗi năm tổ chức ít nhất 02 hội nghị xúc tiến.", dict(value=2, unit="hội nghị", comparator="gte", year=None)),
    ("Xây dựng và vận hành 01 Website dữ liệu.", dict(value=1, unit="Website", year=None)),
    ("Đến cuối năm 2025 có thêm ít nhất 05 KCN và 09 CCN.", dict(value=5, unit="KCN", comparator="gte", year="2025")),
    ("Đến năm 2030, tổng số lượt khách đạt 5 triệu lượt.", dict(value=5, unit="triệu lượt", value_normalized=5e6)),
    ("Đến năm 2026 có 300 sản phẩm OCOP đạt chuẩn.", dict(value=300, unit="sản phẩm OCOP")),
    ("Phấn đấu đến năm 2030 có 100% xã đạt chuẩn nông thôn mới.", dict(value=100, unit="%", year="2030")),
    ("Đến năm 2025, tổng công suất điện mặt trời đạt 250 MW.", dict(value=250, unit="MW")),
    ("Đến năm 2030 mạng lưới đường đạt 1.200 km.", dict(value=1200, unit="km")),
    ("Đến năm 2028 có 50 hợp tác xã ứng dụng công nghệ cao.", dict(value=50, unit="hợp tác xã", year="2028")),
    ("Đến năm 2030 số giường bệnh đạt 35 giường bệnh trên một vạn dân.", dict(value=35, unit="giường bệnh")),
    ("Vào năm 2027 tỷ lệ phủ sóng 5G đạt 95%.", dict(value=95, year="2027")),
    ("Tới năm 2029 đạt 200 sáng chế được đăng ký.", dict(value=200, unit="sáng chế", year="2029")),
    ("Đến năm 2030 số doanh nghiệp đạt 6 - 12 doanh nghiệp.", dict(min=6, max=12, unit="doanh nghiệp")),
    ("Đến năm 2030, xuất khẩu đạt khoảng 3 tỷ USD.", dict(value=3, unit="tỷ USD", value_normalized=3e9, unit_base="USD")),
    ("Đến năm 2025 tăng trưởng đạt 8%/năm.", dict(value=8, unit="%/năm")),
    ("Đến năm 2030 năng suất tăng 1,5 lần so với năm 2025.", dict(value=1.5, unit="lần",
                                                                 baseline={"value": None, "year": "2025"})),
    ("Đến năm 2026 có 20 xã đạt chuẩn nông thôn mới nâng cao.", dict(value=20, unit="xã")),
    ("Đến năm 2030, có 1.000 mô hình kinh tế số.", dict(value=1000, unit="mô hình")),
]


@pytest.mark.parametrize("sentence,expected", CASES)
def test_target_fields(sentence, expected):
    found = targets(sentence)
    assert found, sentence
    t = found[0]
    for field, value in expected.items():
        got = getattr(t, field)
        if isinstance(value, float):
            assert got == pytest.approx(value), (field, got)
        else:
            assert got == value, (field, got, sentence)


COUNTS = [
    ("Đến năm 2030 thành lập mới 23 khu công nghiệp, mở rộng 05 KCN, với tổng diện tích 6.518 ha.", [23, 5, 6518]),
    ("Đến năm 2025 thép đạt 150 nghìn tấn; linh kiện đạt 12-15 triệu sản phẩm.", [150, (12, 15)]),
    ("Đến năm 2030 tỷ lệ đô thị hóa đạt 45% và tỷ lệ dân số dùng nước sạch đạt 98%.", [45, 98]),
]


@pytest.mark.parametrize("sentence,numbers", COUNTS)
def test_every_quantity_once(sentence, numbers):
    got = [t.value if t.value is not None else (t.min, t.max) for t in targets(sentence)]
    assert got == numbers


def test_year_inherited_from_item_and_heading():
    text = ("KẾ HOẠCH\nthử\n\nI. MỤC TIÊU\n2. Mục tiêu cụ thể đến năm 2030\n"
            "- Tỷ lệ doanh nghiệp đổi mới sáng tạo đạt 40%.\n"
            "- Đến năm 2025 sản lượng đạt 10 nghìn tấn; phụ tùng đạt 20 nghìn sản phẩm.\n")
    found = extract_targets(segment_text(text))
    assert [(t.value, t.year) for t in found] == [(40, "2030"), (10, "2025"), (20, "2025")]


DATED_PLAN = "KẾ HOẠCH\nthử\nPhú Yên, ngày 5 tháng 3 năm 2026\n\nI. MỤC TIÊU\n1. {}\n"


def test_each_year_of_a_yearly_series_is_its_own():
    # "năm 2027 đạt 90%, …, đến năm 2030 đạt 99%": the closing "đến năm 2030" is the last value's year only
    found = targets("Tỷ lệ hài lòng năm 2027 đạt 90%, năm 2028 đạt 95% và đến năm 2030 đạt 99%.", DATED_PLAN)
    assert [(t.value, t.year) for t in found] == [(90, "2027"), (95, "2028"), (99, "2030")]
    # a baseline year is not the target's
    t = targets("Nâng tỷ lệ che phủ rừng từ 40% năm 2025 lên 45% vào năm 2030.")[0]
    assert (t.value, t.year) == (45, "2030")


def test_a_past_result_before_an_aim_keeps_the_aim():
    # a 2026 plan: 2020's 30% is a result, 2027's 80% an aim
    found = targets("Tỷ lệ hồ sơ trực tuyến năm 2020 đạt 30%, năm 2027 đạt 80%.", DATED_PLAN)
    assert [(t.value, t.year) for t in found] == [(80, "2027")]


def test_comparator_reaches_over_va():
    found = targets("Đến năm 2025 có thêm ít nhất 05 KCN và 09 CCN.")
    assert [(t.value, t.comparator) for t in found] == [(5, "gte"), (9, "gte")]


def test_indicator_drops_verbs_and_hedges():
    t = targets("Tỷ lệ lao động qua đào tạo đến năm 2030 đạt trên 90%.")[0]
    assert t.indicator.startswith("Tỷ lệ lao động qua đào tạo")
    assert "đạt" not in t.indicator and "trên" not in t.indicator


NEGATIVES = [
    # results already achieved
    ("Giai đoạn 2016-2020 tăng trưởng đạt 23,2%/năm.", DECREE),
    ("Năm 2020 giá trị sản xuất đạt 120 nghìn tỷ đồng.", DECREE),
    ("Giai đoạn 2016 - 2020 đã thu hút 150 dự án.", DECREE),
    ("Kết quả đã đạt được 85% kế hoạch đề ra.", DECREE),
    ("Năm 2019 đạt 12 nghìn tấn sản phẩm.", DECREE),
    ("Tổng vốn đầu tư đã huy động được 5.000 tỷ đồng.", DECREE),
    # fees, prices and support levels fixed by the document
    ("Mức hỗ trợ 5 triệu đồng/người/khóa học.", DECREE),
    ("Hỗ trợ 100% chi phí đào tạo cho cán bộ quản lý.", DECREE),
    ("Phí thẩm định là 1.500.000 đồng/hồ sơ.", DECREE),
    ("Mức chi tối đa 20 triệu đồng/hợp tác xã.", DECREE),
    ("Giá dịch vụ 25.000 đồng/kg.", DECREE),
    ("Mức phạt tiền từ 2.000.000 đồng đến 5.000.000 đồng.", DECREE),
    ("Lệ phí cấp giấy phép là 300.000 đồng.", DECREE),
    ("Hỗ trợ 50% kinh phí thuê chuyên gia.", DECREE),
    # document numbers, article numbers, dates
    ("Theo Nghị định số 111/2015/NĐ-CP của Chính phủ.", PLAN),
    ("Theo quy định tại khoản 2 Điều 5 của Luật.", PLAN),
    ("Theo Điều 12 Quyết định số 45/QĐ-UBND.", PLAN),
    ("Ngày 15 tháng 7 năm 2024 tổ chức hội nghị.", PLAN),
    ("Thực hiện từ ngày 01/7/2025.", PLAN),
    ("Trong giai đoạn 2021-2025 triển khai các nhiệm vụ.", PLAN),
    ("Khóa XVI, kỳ họp thứ 15 thông qua.", PLAN),
    ("Thực hiện Kế hoạch số 45/KH-UBND.", PLAN),
    ("Mẫu số 02 ban hành kèm theo.", PLAN),
    ("Phụ lục 3 kèm theo Kế hoạch.", PLAN),
    ("Quốc lộ 18 đi qua địa bàn.", PLAN),
    ("Tổ chức vào quý II năm 2025.", PLAN),
    ("Lần thứ 3 tổ chức lễ hội.", PLAN),
    # thresholds and conditions of rules (no year, no aim)
    ("Doanh nghiệp có trên 50% vốn nhà nước.", DECREE),
    ("Cơ sở sử dụng trên 100 lao động nữ.", DECREE),
    ("Dự án có diện tích dưới 500 ha.", DECREE),
    ("Phiên họp hợp lệ khi có ít nhất 50% thành viên.", DECREE),
    ("Được hưởng 01 lần trợ cấp.", DECREE),
    ("Tốc độ gió nhỏ hơn 35 km.", DECREE),
    ("Chiều cao công trình không quá 12 tầng.", DECREE),
    ("Được trừ tối đa 4 điểm.", DECREE),
    ("Kiểm tra tối thiểu 02 lần mỗi năm.", DECREE),
    ("Xe có sức chở từ 50 người.", DECREE),
    ("Hồ sơ gồm 02 bản chính.", DECREE),
    ("Thời hạn giải quyết 15 ngày làm việc.", DECREE),
    ("Đơn vị có 12 cán bộ.", DECREE),
    ("Giảm tối thiểu 10% thuế.", DECREE),
    ("Quỹ nắm giữ tối thiểu 50% cổ phần.", DECREE),
]


@pytest.mark.parametrize("sentence,frame", NEGATIVES)
def test_not_targets(sentence, frame):
    assert [t.text for t in targets(sentence, frame)] == []


CIRCULAR = ("Số: 5/2024/TT-NHNN\nHà Nội, ngày 1 tháng 3 năm 2024\nTHÔNG TƯ\nthử nghiệm\n\n"
            "Điều 5. Chỉ tiêu xếp loại\n1. {}\n")


@pytest.mark.parametrize("sentence", [
    "Tuân thủ quy định pháp luật về cấp tín dụng được số điểm tối đa là 4 điểm.",
    "Là chủ nhiệm của ít nhất 02 dự án.",
    "Trường hợp mức phạt tiền dưới 25 triệu đồng thì trừ 1 điểm.",
])
def test_criteria_of_a_circular_are_not_targets(sentence):
    # a rule's "chỉ tiêu" are criteria, and its numbers thresholds
    assert targets(sentence, CIRCULAR) == []


def test_an_aim_in_the_clause_of_a_circular_is_a_target():
    found = targets("Phấn đấu giảm tỷ lệ nợ xấu xuống dưới 3%.", CIRCULAR)
    assert [(t.value, t.comparator) for t in found] == [(3, "lt")]


def test_seed_floors():
    from extractor.evaluate import evaluate_paths
    from tests.conftest import need_shared
    seeds, gold = need_shared("corpus", "seeds"), need_shared("annotations", "seeds")
    total = evaluate_paths(gold, sorted(seeds.glob("*.txt")))["total"]
    assert total["targets"]["f1"] >= 0.9 and total["targets+year"]["f1"] >= 0.85
