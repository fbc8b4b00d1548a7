"""Assignment sentences, table-driven: (text, leads, supports); written for these tests."""
import json

import pytest

from extractor.assignments import extract_assignments
from extractor.deadlines import extract_deadlines
from extractor.pipeline import segment_text
from tests.conftest import need_shared


def run(text):
    seg = segment_text(text)
    dls = extract_deadlines(seg)
    return seg, dls, extract_assignments(seg, dls)


def leads_supports(text):
    _, _, asg = run(text)
    leads, sups = [], []
    for a in asg:
        leads += [x for x in a.lead if x not in leads]
        sups += [x for x in a.support if x not in sups]
    return leads, sups


L = [  # sentence, leads, supports
    ("Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính rà soát biên chế.", ["Sở Nội vụ"], ["Sở Tài chính"]),
    ("Công an tỉnh chủ trì bảo đảm an ninh trật tự tại các điểm du lịch.", ["Công an tỉnh"], []),
    ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tuyên truyền, vận động nhân dân tham gia.",
     ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"], []),
    ("Sở Tài chính chủ trì, phối hợp với Sở Y tế rà soát kinh phí.", ["Sở Tài chính"], ["Sở Y tế"]),
    ("Sở Công Thương chủ trì, phối hợp với các sở, ngành liên quan xây dựng kế hoạch.", ["Sở Công Thương"], ["các sở, ngành liên quan"]),
    ("Sở Công thương chủ trì triển khai chương trình khuyến công.", ["Sở Công Thương"], []),
    ("Sở KH&CN chủ trì thẩm định công nghệ.", ["Sở Khoa học và Công nghệ"], []),
    ("Sở KH&ĐT tham mưu bố trí vốn đầu tư công.", ["Sở Kế hoạch và Đầu tư"], []),
    ("Sở TN&MT hướng dẫn thủ tục giao đất.", ["Sở Tài nguyên và Môi trường"], []),
    ("Sở LĐ-TB&XH chủ trì đào tạo nghề cho lao động nông thôn.", ["Sở Lao động - Thương binh và Xã hội"], []),
    ("Sở GD&ĐT chỉ đạo các trường rà soát đội ngũ giáo viên.", ["các trường"], []),   # the directed body does the task
    ("Sở GD&ĐT chỉ đạo rà soát đội ngũ giáo viên.", ["Sở Giáo dục và Đào tạo"], []),
    ("Sở VH,TT&DL tổ chức lễ hội du lịch.", ["Sở Văn hóa, Thể thao và Du lịch"], []),
    ("Sở Văn hóa, Thể thao và Du lịch xây dựng kế hoạch quảng bá.", ["Sở Văn hóa, Thể thao và Du lịch"], []),
    ("Sở Nông nghiệp và Phát triển nông thôn tham mưu chính sách hỗ trợ giống.", ["Sở Nông nghiệp và Phát triển nông thôn"], []),
    ("Sở Nông nghiệp và Môi trường kiểm tra việc khai thác khoáng sản.", ["Sở Nông nghiệp và Môi trường"], []),
    ("Sở Thông tin và Truyền thông hướng dẫn các cơ quan báo chí tuyên truyền.", ["Sở Thông tin và Truyền thông"], []),
    ("Sở Nội vụ có trách nhiệm thẩm định đề án vị trí việc làm.", ["Sở Nội vụ"], []),
    ("Sở Tư pháp chịu trách nhiệm thẩm định dự thảo.", ["Sở Tư pháp"], []),
    ("Sở Xây dựng tham mưu Ủy ban nhân dân tỉnh ban hành đơn giá.", ["Sở Xây dựng"], []),
    ("Sở Giao thông vận tải phối hợp với Công an tỉnh bảo đảm trật tự an toàn giao thông.", ["Sở Giao thông vận tải"], ["Công an tỉnh"]),
    ("Sở Y tế chủ trì, phối hợp với Sở Tài chính và các đơn vị liên quan mua sắm thiết bị.", ["Sở Y tế"], ["Sở Tài chính", "các đơn vị liên quan"]),
    ("Sở Ngoại vụ phối hợp chặt chẽ với Sở Công Thương xúc tiến thương mại.", ["Sở Ngoại vụ"], ["Sở Công Thương"]),
    ("Sở Du lịch chủ trì, phối hợp Sở Công Thương; Sở Tài chính tổ chức hội chợ.", ["Sở Du lịch"], ["Sở Công Thương", "Sở Tài chính"]),
    ("Giao Sở Xây dựng lập quy hoạch chung đô thị.", ["Sở Xây dựng"], []),
    ("Giao Ủy ban nhân dân tỉnh tổ chức triển khai thực hiện Nghị quyết này.", ["Ủy ban nhân dân tỉnh"], []),
    ("Giao UBND tỉnh tổ chức thực hiện Nghị quyết.", ["Ủy ban nhân dân tỉnh"], []),
    ("Giao cho Sở Tài chính hướng dẫn thanh quyết toán.", ["Sở Tài chính"], []),
    ("Đề nghị Ủy ban MTTQ Việt Nam tỉnh tăng cường giám sát.", ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"], []),
    ("Đề nghị các tổ chức chính trị - xã hội tuyên truyền, vận động hội viên.", ["các tổ chức chính trị - xã hội"], []),
    ("Yêu cầu các sở, ban, ngành nghiêm túc thực hiện.", ["các sở, ban, ngành"], []),
    ("Ủy ban nhân dân tỉnh đề nghị các sở, ngành khẩn trương triển khai.", ["các sở, ngành"], []),
    ("Ban cán sự đảng UBND tỉnh chỉ đạo UBND tỉnh ban hành kế hoạch thực hiện.", ["Ủy ban nhân dân tỉnh"], []),
    ("Ban cán sự đảng UBND tỉnh chỉ đạo xây dựng kế hoạch thực hiện.", ["Ban cán sự đảng Ủy ban nhân dân tỉnh"], []),
    ("Đảng đoàn HĐND tỉnh lãnh đạo, chỉ đạo rà soát cơ chế, chính sách.", ["Đảng đoàn Hội đồng nhân dân tỉnh"], []),
    ("Đảng đoàn HĐND tỉnh lãnh đạo, chỉ đạo HĐND tỉnh ban hành nghị quyết.", ["Hội đồng nhân dân tỉnh"], []),
    ("Ban Tuyên giáo Tỉnh ủy hướng dẫn các huyện ủy tổ chức tuyên truyền.", ["Ban Tuyên giáo Tỉnh ủy"], []),
    ("Ban Tổ chức Tỉnh ủy tham mưu quy hoạch cán bộ.", ["Ban Tổ chức Tỉnh ủy"], []),
    ("Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Ủy ban MTTQ tỉnh vận động nhân dân.", ["Ban Dân vận Tỉnh ủy"], ["Ủy ban Mặt trận Tổ quốc tỉnh"]),
    ("Ủy ban Kiểm tra Tỉnh ủy chủ trì, phối hợp các cơ quan liên quan kiểm tra việc thực hiện.", ["Ủy ban Kiểm tra Tỉnh ủy"], ["các cơ quan liên quan"]),
    ("Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện.", ["Văn phòng Tỉnh ủy"], []),
    ("Văn phòng UBND tỉnh theo dõi, tổng hợp tình hình.", ["Văn phòng Ủy ban nhân dân tỉnh"], []),
    ("Thường trực HĐND tỉnh giám sát việc thực hiện Nghị quyết.", ["Thường trực Hội đồng nhân dân tỉnh"], []),
    ("Thường trực HĐND tỉnh, các Ban của HĐND tỉnh giám sát việc thực hiện.",
     ["Thường trực Hội đồng nhân dân tỉnh", "các Ban của Hội đồng nhân dân tỉnh"], []),
    ("Các Tổ đại biểu và đại biểu HĐND tỉnh giám sát việc thực hiện.",
     ["các Tổ đại biểu Hội đồng nhân dân tỉnh", "đại biểu Hội đồng nhân dân tỉnh"], []),
    ("Ủy ban MTTQ và các đoàn thể tỉnh tuyên truyền, vận động nhân dân.", ["Ủy ban Mặt trận Tổ quốc tỉnh", "các đoàn thể tỉnh"], []),
    ("Ủy ban Mặt trận Tổ quốc và đoàn thể các cấp đẩy mạnh tuyên truyền.", ["Ủy ban Mặt trận Tổ quốc các cấp", "đoàn thể các cấp"], []),
    ("Đảng đoàn Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội cấp tỉnh tăng cường giám sát.",
     ["Đảng đoàn Mặt trận Tổ quốc tỉnh", "các tổ chức chính trị - xã hội cấp tỉnh"], []),
    ("Công an tỉnh chủ trì bảo đảm an ninh trật tự.", ["Công an tỉnh"], []),
    ("Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh đẩy mạnh ứng dụng khoa học.", ["Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh"], []),
    ("Bộ CHQS tỉnh phối hợp với Bộ Chỉ huy Bộ đội Biên phòng tỉnh tuần tra.", ["Bộ Chỉ huy Quân sự tỉnh"], ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh"]),
    ("Các sở, ban, ngành, địa phương tổ chức quán triệt kế hoạch.", ["các sở, ban, ngành, địa phương"], []),
    ("Các sở, ban, ngành tỉnh, UBND các huyện, thị xã, thành phố xây dựng kế hoạch.",
     ["các sở, ban, ngành tỉnh", "Ủy ban nhân dân các huyện, thị xã, thành phố"], []),
    ("UBND các huyện, thành phố, thị xã bố trí kinh phí thực hiện.", ["Ủy ban nhân dân các huyện, thành phố, thị xã"], []),
    ("UBND các xã, phường, thị trấn tuyên truyền đến người dân.", ["Ủy ban nhân dân các xã, phường, thị trấn"], []),
    ("UBND cấp huyện chịu trách nhiệm quản lý cụm công nghiệp.", ["Ủy ban nhân dân cấp huyện"], []),
    ("Ủy ban nhân dân tỉnh Hưng Yên chỉ đạo triển khai đồng bộ các giải pháp.", ["Ủy ban nhân dân tỉnh Hưng Yên"], []),
    ("Các huyện ủy, thành ủy xây dựng kế hoạch thực hiện.", ["các huyện ủy, thành ủy"], []),
    ("Cấp ủy, tổ chức đảng, chính quyền các cấp chỉ đạo tổ chức học tập.", ["cấp ủy, tổ chức đảng, chính quyền các cấp"], []),
    ("Các cơ quan, đơn vị kịp thời phản ánh vướng mắc.", ["các cơ quan, đơn vị"], []),
    ("Các cấp công đoàn đổi mới phương thức hoạt động.", ["các cấp công đoàn"], []),
    ("Chánh Văn phòng UBND tỉnh; Giám đốc các sở, ban, ngành; Chủ tịch UBND các huyện, thành phố chịu trách nhiệm thi hành Quyết định này.",
     ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc các sở, ban, ngành", "Chủ tịch Ủy ban nhân dân các huyện, thành phố"], []),
    ("Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành.", ["Thủ trưởng các cơ quan, đơn vị có liên quan"], []),
    ("Ban Quản lý các khu công nghiệp phối hợp với các địa phương chuẩn bị mặt bằng.",
     ["Ban Quản lý các khu công nghiệp"], ["các địa phương"]),
    ("Ban Quản lý Khu kinh tế tham mưu thu hút đầu tư.", ["Ban Quản lý Khu kinh tế"], []),
    ("Trung tâm Xúc tiến đầu tư tỉnh tổ chức hội nghị xúc tiến.", ["Trung tâm Xúc tiến đầu tư tỉnh"], []),
    ("Cục Thuế tỉnh hướng dẫn doanh nghiệp kê khai thuế.", ["Cục Thuế tỉnh"], []),
    ("Kho bạc Nhà nước tỉnh kiểm soát chi theo quy định.", ["Kho bạc Nhà nước tỉnh"], []),
    ("Đài Phát thanh và Truyền hình tỉnh mở chuyên mục tuyên truyền.", ["Đài Phát thanh và Truyền hình tỉnh"], []),
    ("Liên đoàn Lao động tỉnh vận động công nhân thi đua.", ["Liên đoàn Lao động tỉnh"], []),
    ("Tỉnh đoàn chủ trì phong trào thanh niên khởi nghiệp.", ["Tỉnh đoàn"], []),
    ("Hội Liên hiệp Phụ nữ tỉnh tuyên truyền đến hội viên.", ["Hội Liên hiệp Phụ nữ tỉnh"], []),
    ("Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Bộ Tài chính cân đối vốn.", ["Bộ Kế hoạch và Đầu tư"], ["Bộ Tài chính"]),
    ("Bộ Công Thương chủ trì, phối hợp với Bộ Quốc phòng, Bộ Công an xây dựng đề án.",
     ["Bộ Công Thương"], ["Bộ Quốc phòng", "Bộ Công an"]),
    ("Các bộ, cơ quan ngang bộ có trách nhiệm hướng dẫn thực hiện.", ["các bộ, cơ quan ngang bộ"], []),
    ("Hằng năm, Sở Công Thương đề xuất nhiệm vụ với Bộ Công Thương.", ["Sở Công Thương"], []),
    ("Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan, đơn vị báo cáo Ủy ban nhân dân tỉnh.", ["các cơ quan, đơn vị"], []),
    ("Người đứng đầu các cơ quan, đơn vị phải gương mẫu thực hiện.", ["người đứng đầu các cơ quan, đơn vị"], []),
    ("Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy, Tỉnh ủy viên có trách nhiệm quán triệt Nghị quyết.",
     ["các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy, Tỉnh ủy viên"], []),
    # companies named in full, tax offices after the 2025 reform, unknown items inside a list
    ("Sở Công Thương yêu cầu Công ty cổ phần Cơ khí Nam Hà nghiêm túc khắc phục tồn tại.",
     ["Công ty cổ phần Cơ khí Nam Hà"], []),
    ("Công ty TNHH Xây dựng Bình Minh hoàn thiện hồ sơ thiết kế mỏ.", ["Công ty TNHH Xây dựng Bình Minh"], []),
    ("Thuế tỉnh kiểm tra việc kê khai thuế tài nguyên.", ["Thuế tỉnh"], []),
    ("Sở Xây dựng chủ trì, phối hợp với Thuế tỉnh, Sở Tài chính kiểm soát giá vật liệu.",
     ["Sở Xây dựng"], ["Thuế tỉnh", "Sở Tài chính"]),
    ("Sở Công Thương phối hợp với cơ quan Thuế, Sở Xây dựng đối chiếu sản lượng.",
     ["Sở Công Thương"], ["cơ quan Thuế", "Sở Xây dựng"]),
    ("Cục Hàng không Việt Nam thẩm định hồ sơ cấp phép bay.", ["Cục Hàng không Việt Nam"], []),
    ("Cục Hạ tầng và Thiết bị y tế có trách nhiệm hướng dẫn thực hiện Thông tư.", ["Cục Hạ tầng và Thiết bị y tế"], []),
    ("Quỹ Bảo vệ môi trường tỉnh thực hiện cho vay ưu đãi.", ["Quỹ Bảo vệ môi trường tỉnh"], []),
    ("Chủ tịch UBND cấp xã hoặc Chủ tịch UBND cấp tỉnh quyết định thu hồi.",
     ["Chủ tịch Ủy ban nhân dân cấp xã", "Chủ tịch Ủy ban nhân dân cấp tỉnh"], []),
    ("Sở Xây dựng chủ trì, phối hợp với các sở, ngành liên quan và UBND cấp xã kiểm tra các mỏ.",
     ["Sở Xây dựng"], ["các sở, ngành liên quan", "Ủy ban nhân dân cấp xã"]),
    ("Chính phủ thống nhất quản lý nhà nước về đất hiếm.", ["Chính phủ"], []),
    ("Căn cứ nội dung văn bản, Sở Công Thương tổ chức thực hiện.", ["Sở Công Thương"], []),
]

NEG = [
    "Doanh nghiệp công nghiệp hỗ trợ cần chủ động đổi mới công nghệ.",
    "Tổ chức thực hiện các nội dung của Chương trình.",
    "Ban hành kế hoạch triển khai thực hiện.",
    "Chính phủ ban hành Nghị định quy định chi tiết một số điều.",
    "Các doanh nghiệp, nhà đầu tư được hưởng ưu đãi theo quy định.",
    "Tăng cường vai trò của Sở Tài chính trong quản lý ngân sách.",
    "Nâng cao năng lực cạnh tranh cấp tỉnh.",
    "Thực hiện nghiêm các quy định về phòng cháy.",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015.",
    "Người dân cần nâng cao ý thức bảo vệ môi trường.",
    "Ủy ban nhân dân tỉnh nhận được Văn bản số 15/BCT-ATMT của Bộ Công Thương về việc cấp phép.",
    "Hội đồng nhân dân tỉnh thống nhất đánh giá kết quả thực hiện nhiệm vụ 6 tháng đầu năm.",
    "Hội đồng nhân dân tỉnh tán thành Báo cáo của Ủy ban nhân dân tỉnh.",
    "QUY ĐỊNH VỀ KỸ THUẬT ĐỐI VỚI CÔNG TRÌNH THỦY ĐIỆN",
    "Quy định chi tiết thực hiện việc cấp phép.",
    "BÁO CÁO MỘT SỐ NỘI DUNG CỤ THỂ VỀ PHƯƠNG TIỆN",
]


@pytest.mark.parametrize("text,leads,supports", L)
def test_assignment(text, leads, supports):
    got_l, got_s = leads_supports(text)
    assert got_l == leads
    assert got_s == supports


@pytest.mark.parametrize("text", NEG)
def test_not_an_assignment(text):
    assert leads_supports(text) == ([], [])


BLOCK = """Điều 2. Tổ chức thực hiện

1. Sở Tài chính:

- Chủ trì, phối hợp với Sở Y tế thẩm định dự toán.

- Hướng dẫn quyết toán kinh phí, hoàn thành trước ngày 15/12/2026.

2. Sở Nội vụ: Phối hợp với Sở Tư pháp rà soát thủ tục.

3. Sở Xây dựng chủ trì:

- Lập quy hoạch chi tiết.
"""


def test_block_heading_leads_each_task():
    seg, dls, asg = run(BLOCK)
    by = [(a.lead, a.support) for a in asg]
    assert (["Sở Tài chính"], ["Sở Y tế"]) in by
    assert (["Sở Tài chính"], []) in by
    assert (["Sở Nội vụ"], ["Sở Tư pháp"]) in by
    assert (["Sở Xây dựng"], []) in by
    fin = [a for a in asg if a.lead == ["Sở Tài chính"]]
    # a limit in one bullet governs that bullet only, not its siblings
    assert [a.deadline for a in fin] == [None, 0]
    assert dls[0].due == "2026-12-15"


DUTIES = """THÔNG TƯ
Hướng dẫn thử nghiệm

Điều 9. Trách nhiệm thi hành
1. Bộ Tài chính có trách nhiệm:
a) Hướng dẫn quản lý, sử dụng kinh phí chi cho hoạt động bảo tồn;
b) Phối hợp với Bộ Nông nghiệp và Môi trường kiểm tra việc thực hiện.
2. Ủy ban nhân dân cấp tỉnh có trách nhiệm tổ chức thực hiện Thông tư này.
3. Bộ Y tế có trách nhiệm:
"""


def test_items_under_a_duty_heading_are_its_agencys_tasks():
    _, _, asg = run(DUTIES)
    got = [(a.lead, a.support, a.task) for a in asg]
    assert got[:2] == [(["Bộ Tài chính"], [], "Hướng dẫn quản lý, sử dụng kinh phí chi cho hoạt động bảo tồn"),
                       (["Bộ Tài chính"], ["Bộ Nông nghiệp và Môi trường"],
                        "Phối hợp với Bộ Nông nghiệp và Môi trường kiểm tra việc thực hiện")]
    assert got[2][0] == ["Ủy ban nhân dân cấp tỉnh"]
    # a heading with no items under it keeps its own entry, so its lead is not lost
    assert got[3][0] == ["Bộ Y tế"] and len(got) == 4


HEADED = """Điều 3. Tổ chức thực hiện

1. Sở Y tế (hoàn thành trong quý III/2026):

- Rà soát danh mục thuốc thiết yếu.

- Phối hợp với Bảo hiểm xã hội tỉnh thống nhất giá thanh toán.

2. Sở Tài chính bố trí kinh phí.
"""


def test_heading_deadline_governs_the_block():
    seg, dls, asg = run(HEADED)
    assert [d.due for d in dls] == ["2026-Q3"]
    yte = [a for a in asg if a.lead == ["Sở Y tế"]]
    assert len(yte) == 2 and all(a.deadline == 0 for a in yte)
    assert yte[1].support == ["Bảo hiểm xã hội tỉnh"]
    assert [a.deadline for a in asg if a.lead == ["Sở Tài chính"]] == [None]


def test_deadline_index_same_sentence():
    seg, dls, asg = run("Sở Y tế báo cáo kết quả trước ngày 30/6/2026. Sở Tài chính bố trí kinh phí.")
    assert asg[0].deadline == 0 and asg[1].deadline is None
    assert asg[0].start < asg[0].end and asg[0].section is None or isinstance(asg[0].section, str)


def test_seed_floors():
    """The seed scores of this stage stay above the floors (other stages are not run)."""
    import importlib.util
    import pathlib
    seeds = need_shared("corpus", "seeds")
    gold = need_shared("annotations", "seeds")
    spec = importlib.util.spec_from_file_location("score", need_shared("tools", "score.py"))
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    from dataclasses import asdict
    from extractor.pipeline import segment_raw
    from extractor.readers import read
    tot = {"dl": [0, 0, 0], "asg": [0, 0, 0], "sup": [0, 0, 0]}
    for f in sorted(pathlib.Path(seeds).glob("*.txt")):
        seg = segment_raw(read(str(f)))
        dls = extract_deadlines(seg)
        rec = {"deadlines": [asdict(d) for d in dls],
               "assignments": [asdict(a) for a in extract_assignments(seg, dls)]}
        g = json.loads((pathlib.Path(gold) / (f.name + ".gold.json")).read_text(encoding="utf-8"))
        d, a = score.score_deadlines(rec, g), score.score_assignments(rec, g)
        for key, r in (("dl", d), ("asg", a), ("sup", a["support"])):
            tot[key] = [x + r[k] for x, k in zip(tot[key], ("tp", "pred", "gold"))]
    f1 = {k: 2 * tp / max(1, pred + gold) for k, (tp, pred, gold) in tot.items()}
    assert f1["asg"] >= 0.9 and f1["sup"] >= 0.85 and f1["dl"] >= 0.9, f1


LETTER = """ỦY BAN NHÂN DÂN
TỈNH ĐIỆN BIÊN
Số: 120/UBND-KT
Điện Biên, ngày 12 tháng 3 năm 2026
V/v triển khai thực hiện kiểm tra an toàn đập
Kính gửi: Sở Nông nghiệp và Môi trường.
Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Công an tỉnh kiểm tra an toàn các hồ đập và báo cáo Ủy ban nhân dân tỉnh trước ngày 30/4/2026.
Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_letter_without_numbered_sections():
    seg, dls, asg = run(LETTER)
    assert [d.due for d in dls] == ["2026-04-30"]
    assert [(a.lead, a.support, a.deadline) for a in asg] == [(["Sở Nông nghiệp và Môi trường"], ["Công an tỉnh"], 0)]


TABLE = ("Điều 1. Nhiệm vụ\n1. Các nhiệm vụ cụ thể như sau:\n"
         "TT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
         "1\tXây dựng cơ sở dữ liệu đất đai\tSở Nông nghiệp và Môi trường\tSở Tài chính; Công an tỉnh\tQuý III/2026\n"
         "2\tRà soát quy hoạch vùng nguyên liệu\tSở Công Thương, Sở Xây dựng\tUBND các xã, phường\tNăm 2027\n"
         "3\tTập huấn cán bộ cơ sở\tSở Nội vụ\tCác sở, ngành liên quan\tHằng năm\n")


def test_task_table_rows():
    seg, dls, asg = run(TABLE)
    assert {(d.due, d.recurrence) for d in dls} == {("2026-Q3", None), ("2027", None), (None, "yearly")}
    got = [(a.lead, a.support) for a in asg]
    assert got == [(["Sở Nông nghiệp và Môi trường"], ["Sở Tài chính", "Công an tỉnh"]),
                   (["Sở Công Thương", "Sở Xây dựng"], ["Ủy ban nhân dân các xã, phường"]),
                   (["Sở Nội vụ"], ["các sở, ngành liên quan"])]
    assert all(a.deadline is not None for a in asg)
