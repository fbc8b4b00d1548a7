"""Normalisation: NFC, spaces, tone marks, joins, columns; offsets stay aligned."""
import unicodedata

import pytest

from extractor.models import RawDocument, RawPage
from extractor.normalise import fold, normalise, tone_normalise


def norm(text, pages=None):
    raw = RawDocument("x.txt", "txt", pages or [RawPage(text=text)])
    return normalise(raw)


def test_nfc_and_odd_spaces():
    nfd = unicodedata.normalize("NFD", "Điều 1.\u00a0Quyết\u200b định\u2003này")
    n = norm(nfd)
    assert n.text == "Điều 1. Quyết định này"
    assert unicodedata.is_normalized("NFC", n.text)


@pytest.mark.parametrize("old,new", [
    ("hoá", "hóa"), ("hoà", "hòa"), ("toả", "tỏa"), ("khoẻ", "khỏe"), ("thuỷ", "thủy"), ("tuỳ", "tùy"),
    ("Hoà Bình", "Hòa Bình"), ("quý", "quý"), ("hoàng", "hoàng"), ("toán", "toán"), ("khuya", "khuya"),
    ("uỷ ban", "ủy ban"), ("UỶ BAN", "ỦY BAN"),
])
def test_tone_convention_for_matching(old, new):
    assert tone_normalise(old) == new
    assert len(tone_normalise(old)) == len(old)


def test_match_and_fold_keep_offsets_and_text_as_printed():
    n = norm("Ủy ban nhân dân tỉnh Khánh Hoà giao Sở Y tế")
    assert "Hoà" in n.text                       # printed form kept
    assert "Hòa" in n.match
    assert len(n.match) == len(n.text) == len(n.fold)
    assert n.fold.startswith("uy ban nhan dan tinh khanh hoa")
    assert fold("Đắk Lắk") == "dak lak"


@pytest.mark.parametrize("lines,joined", [
    (["Căn cứ Luật Tổ chức chính", "quyền địa phương ngày 19 tháng 6 năm 2015;"],
     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"),
    (["Căn cứ Nghị định số", "111/2015/NĐ-CP ngày 03/11/2015;"], "Căn cứ Nghị định số 111/2015/NĐ-CP ngày 03/11/2015;"),
    (["Căn cứ Nghị quyết số 23-NQ/TW của Ban", "Chấp hành Trung ương;"],
     "Căn cứ Nghị quyết số 23-NQ/TW của Ban Chấp hành Trung ương;"),
    (["Đổi mới mạnh mẽ tư duy phát", "", "triển công nghiệp."], "Đổi mới mạnh mẽ tư duy phát triển công nghiệp."),
])
def test_wrapped_lines_joined(lines, joined):
    assert norm("\n".join(lines)).text == joined


@pytest.mark.parametrize("lines", [
    ["1. Mục tiêu chung", "Đến năm 2025 công nghiệp phát triển."],
    ["Nội dung thứ nhất.", "2. Nội dung thứ hai"],
    ["NGHỊ QUYẾT", "CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH", "về phát triển"],
    ["Căn cứ Luật A;", "Căn cứ Luật B;"],
    ["- gạch một", "- gạch hai"],
])
def test_structure_lines_not_joined(lines):
    assert norm("\n".join(lines)).text.split("\n") == lines


def test_page_numbers_follow_offsets():
    n = norm("", pages=[RawPage("Điều 1. Một.\n", 1), RawPage("Điều 2. Hai.\n", 2), RawPage("Điều 3. Ba.", 3)])
    assert n.page_at(n.text.index("Điều 1")) == 1
    assert n.page_at(n.text.index("Điều 2")) == 2
    assert n.page_at(n.text.index("Điều 3")) == 3


def test_paragraph_broken_by_page_end_is_joined_and_keeps_pages():
    n = norm("", pages=[RawPage("Điều 1. Ủy ban nhân dân tỉnh tổ chức triển khai thực hiện các", 1),
                        RawPage("nhiệm vụ được giao.", 2)])
    assert "thực hiện các nhiệm vụ được giao." in n.text
    assert n.page_at(n.text.index("nhiệm vụ được")) == 2


def test_glued_article_split():
    assert norm("QUYẾT NGHỊ: Điều 1. Thông qua Đề án.").text.split("\n") == ["QUYẾT NGHỊ:", "Điều 1. Thông qua Đề án."]


def test_two_columns_split():
    text = ("HỘI ĐỒNG NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TỈNH ĐỒNG THÁP                 Độc lập - Tự do - Hạnh phúc\n"
            "Số: 118/NQ-HĐND                Đồng Tháp, ngày 14 tháng 7 năm 2017\n")
    assert [l for l in norm(text).text.split("\n") if l] == [
        "HỘI ĐỒNG NHÂN DÂN", "TỈNH ĐỒNG THÁP", "Số: 118/NQ-HĐND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Đồng Tháp, ngày 14 tháng 7 năm 2017"]


def test_homoglyphs_and_bullet_glyphs():
    n = norm("Thông tư số 06/2026/TT-BT\u0421\n\uf0b7 Mục một")
    assert "TT-BTC" in n.text
    assert "• Mục một" in n.text


def test_fold_of_a_long_text_is_the_fold_of_each_character():
    # long texts are folded by an array lookup: it must agree with the per-character table
    from extractor.normalise import _DENSE_FOLD_TABLE
    text = ("Ủy ban nhân dân tỉnh ĐẮK LẮK “ban hành” – Điều 5. Ⅻ 😀 Ωμέγα Привет ǅ " * 60)
    assert len(text) > 2000
    assert fold(text) == text.translate(_DENSE_FOLD_TABLE)
    assert fold(text).startswith("uy ban nhan dan tinh dak lak")
    assert len(fold(text + "\ud800")) == len(text) + 1      # a lone surrogate falls back
