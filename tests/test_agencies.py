"""Agency recogniser: names, abbreviations, lists; written for these tests."""
import pytest

from extractor.agencies import canonical, find_agencies, read_agency_list
from extractor.normalise import fold

CANON = [
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
    ("HĐND tỉnh Phú Yên", "Hội đồng nhân dân tỉnh Phú Yên"),
    ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
    ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở Công thương", "Sở Công Thương"),
    ("Bộ KH&CN", "Bộ Khoa học và Công nghệ"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Ban cán sự đảng UBND tỉnh", "Ban cán sự đảng Ủy ban nhân dân tỉnh"),
    ("Thường trực HĐND tỉnh", "Thường trực Hội đồng nhân dân tỉnh"),
    ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
    ("Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
    ("các sở, ban, ngành", "các sở, ban, ngành"),
]


@pytest.mark.parametrize("raw,full", CANON)
def test_canonical(raw, full):
    assert canonical(raw) == full


def names(s):
    return read_agency_list(s, fold(s), 0)[1]


def test_and_split_with_shared_level():
    assert names("Ủy ban MTTQ và các đoàn thể tỉnh") == ["Ủy ban Mặt trận Tổ quốc tỉnh", "các đoàn thể tỉnh"]


def test_name_with_and_inside_stays_whole():
    assert names("Sở Kế hoạch và Đầu tư") == ["Sở Kế hoạch và Đầu tư"]
    assert names("Sở Tài chính và Sở Y tế") == ["Sở Tài chính", "Sở Y tế"]


def test_unknown_body_by_head_word():
    assert names("Trung tâm Phục vụ hành chính công tỉnh thực hiện") == ["Trung tâm Phục vụ hành chính công tỉnh"]
    assert names("Chi cục Kiểm lâm tổ chức") == ["Chi cục Kiểm lâm"]


def test_generic_group_kept_as_written():
    assert names("Các sở, ban, ngành, địa phương liên quan") == ["các sở, ban, ngành, địa phương liên quan"]
    assert names("UBND các huyện, thị xã, thành phố") == ["Ủy ban nhân dân các huyện, thị xã, thành phố"]


def test_find_agencies_in_a_table_cell():
    found = [m.name for m in find_agencies("Sở Tài chính; Sở KH&ĐT; UBND các huyện, thành phố")]
    assert found == ["Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Ủy ban nhân dân các huyện, thành phố"]


def test_no_agency_in_plain_words():
    assert find_agencies("Tổ chức thực hiện và ban hành kế hoạch.") == []
