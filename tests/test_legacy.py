"""Legacy encodings (TCVN3/ABC, VNI-Windows) to Unicode: detection, conversion, round trips."""
import json
import shutil
import subprocess
import timeit
import unicodedata
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.legacy import detect, fix, to_unicode

DATA = json.loads(resources.files("extractor.data").joinpath("legacy_encodings.json")
                  .read_text(encoding="utf-8"))


def nfc(s):
    return unicodedata.normalize("NFC", s)


def _inverse(*maps):
    out = {}
    for m in maps:
        for code, letter in m.items():
            out.setdefault(letter, code)
    return out


# Encoders from the inverse of the data file. TCVN3 writes capitals without their own code
# as the .VnTimeH form (the lowercase code), as the ABC keyboard did.
_TCVN3 = _inverse(DATA["tcvn3"]["lower"], DATA["tcvn3"]["upper"], DATA["tcvn3"]["h_font"])
_VNI = _inverse(DATA["vni"]["letters"], DATA["vni"]["sequences"])


def encode(text, encoding):
    table = _TCVN3 if encoding == "tcvn3" else _VNI
    return "".join(table.get(c, c) for c in nfc(text))


TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]   # ngang, huyền, sắc, hỏi, ngã, nặng
VOWELS = "aăâeêioôơuưy"
ALL_LOWER = [nfc(v + t) for v in VOWELS for t in TONES] + ["đ"]
ALL_UPPER = [c.upper() for c in ALL_LOWER]

# every vowel with every tone, lowercase, and in all-caps words (B_NG) so TCVN3 can recover the case
TONE_PARAGRAPH = (" ".join(ALL_LOWER) + ". " + " ".join(f"B{c}NG" for c in ALL_UPPER)
                  + " ĐƯỜNG ĐI Ở ĐÂU? Ông Đặng Văn Ơn, bà Ưng Thị Ấm ở ấp Ăn Ưng.")

HEADER = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM",
    "Số: 123/2024/QĐ-UBND",
    "Quảng Nam, ngày 15 tháng 3 năm 2024",
    "QUYẾT ĐỊNH",
    "Ban hành Quy định về quản lý, sử dụng tài sản công trên địa bàn tỉnh",
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 45/TTr-STC ngày 02 tháng 02 năm 2024.",
    "QUYẾT ĐỊNH:",
    "Điều 1. Phạm vi điều chỉnh",
    "Ủy ban nhân dân tỉnh giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các sở, ngành thực hiện.",
    "Quyết định này có hiệu lực thi hành kể từ ngày ký; những quy định trước đây trái với Quyết định "
    "này đều bị bãi bỏ. Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng các sở, ban, ngành chịu "
    "trách nhiệm thi hành Quyết định này.",
    TONE_PARAGRAPH,
]
DOCUMENT = "\n".join(HEADER)

# What TCVN3 cannot give back: a capital with a tone mark (no code of its own outside .VnTimeH)
# that starts a word with no capital after it (Ủy, Ấm, Ở) or ends a two-letter word (XÃ).
# Ă Â Ê Ô Ơ Ư Đ without a tone have their own codes and always survive (Ông, Ăn, Đặng).
TCVN3_CASE_LOST = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": "CỘNG HÒA Xã HỘI CHỦ NGHĨA VIỆT NAM",
    HEADER[12]: HEADER[12].replace("Ủy", "ủy"),
    HEADER[13]: HEADER[13].replace("Ủy", "ủy"),
    TONE_PARAGRAPH: TONE_PARAGRAPH.replace(" Ở ", " ở ").replace("Ấm", "ấm"),   # Ông, Ăn: own codes
}
SHORT = {"QUYẾT ĐỊNH", "QUYẾT ĐỊNH:", "Số: 123/2024/QĐ-UBND"}    # too few signs to say


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
@pytest.mark.parametrize("sentence", HEADER)
def test_round_trip_and_detect(sentence, enc):
    legacy = encode(sentence, enc)
    assert legacy != sentence
    expected = TCVN3_CASE_LOST.get(sentence, sentence) if enc == "tcvn3" else sentence
    assert to_unicode(legacy, enc) == nfc(expected)
    if sentence in SHORT:
        assert detect(legacy) in (enc, None)
    else:
        assert detect(legacy) == enc


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_document(enc):
    legacy = encode(DOCUMENT, enc)
    text, found = fix(legacy)
    assert found == enc
    assert unicodedata.is_normalized("NFC", text)
    if enc == "vni":
        assert text == DOCUMENT
    assert text.splitlines()[5] == "QUYẾT ĐỊNH"


def test_vni_capitals_in_any_position():
    for s in ("Ấn Độ", "Ủy ban", " ".join(ALL_UPPER), "Ở ĐÂU"):
        assert to_unicode(encode(s, "vni"), "vni") == s


@pytest.mark.parametrize("legacy,unicode", [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("QuyÕt ®Þnh", "Quyết định"),
    ("®", "đ"), ("§", "Đ"),
    ("Th\u00adêng trùc TØnh ñy", "Thường trực Tỉnh ủy"),
    ("Uû ban nh©n d©n", "Uỷ ban nhân dân"),
    ("B¶o Th¾ng", "Bảo Thắng"), ("M\u00adêng Kh\u00ad\u00acng", "Mường Khương"),
    ("QUYÕT §ÞNH", "QUYẾT ĐỊNH"),                      # .VnTimeH: case put back
    ("CéNG HOµ", "CỘNG HOÀ"),
    ("Hµ Néi", "Hà Nội"),                              # title case stays title case
])
def test_known_tcvn3(legacy, unicode):
    assert to_unicode(legacy, "tcvn3") == unicode


@pytest.mark.parametrize("legacy,unicode", [
    ("Vieät Nam", "Việt Nam"), ("ñ", "đ"), ("Ñ", "Đ"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("QUYEÁT ÑÒNH", "QUYẾT ĐỊNH"), ("UÛY BAN NHAÂN DAÂN", "ỦY BAN NHÂN DÂN"),
    ("Xin chaøo caùc baïn", "Xin chào các bạn"), ("ñöôøng", "đường"),
    ("Thuû töôùng Chính phuû", "Thủ tướng Chính phủ"), ("naêm", "năm"), ("thaúng", "thẳng"),
    ("Ñieàu 1. Phaïm vi ñieàu chænh", "Điều 1. Phạm vi điều chỉnh"),
])
def test_known_vni(legacy, unicode):
    assert to_unicode(legacy, "vni") == unicode


@pytest.mark.skipif(not shutil.which("iconv"), reason="iconv not installed")
def test_tcvn3_table_matches_glibc():
    """glibc's TCVN5712-1 is an independent copy of the standard: the shared code points agree."""
    codes = {**DATA["tcvn3"]["lower"], **DATA["tcvn3"]["upper"], **DATA["tcvn3"]["vn1_upper"]}
    raw = "".join(codes).encode("latin-1")
    done = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=raw, capture_output=True)
    if done.returncode:
        pytest.skip("iconv has no TCVN5712-1")
    assert nfc(done.stdout.decode()) == "".join(codes.values())


def test_pass_through():
    assert to_unicode("Ñieàu 1.\tKhoaûn 2;\n3/2024 (a) - b", "vni") == "Điều 1.\tKhoản 2;\n3/2024 (a) - b"
    assert to_unicode("§iÒu 1.\tKho¶n 2;\n3/2024 (a) - b", "tcvn3") == "Điều 1.\tKhoản 2;\n3/2024 (a) - b"
    assert to_unicode("", "vni") == ""
    with pytest.raises(ValueError):
        to_unicode("x", "viscii")


UNICODE_PAGE = "\n".join(HEADER)
ENGLISH = ("The Decision takes effect from the date of signing. The Chairman of the Provincial "
           "People's Committee and the Directors of Departments are responsible for its implementation. ")


@pytest.mark.parametrize("text", [
    "", "   ", "ab", "®", "µ©", "QUYẾT ĐỊNH",
    UNICODE_PAGE, unicodedata.normalize("NFD", UNICODE_PAGE), UNICODE_PAGE.upper(),
    ENGLISH * 10,
    "The filter passes 5 µm particles; the 10 µm grid © 2021 Acme Corp. Registered® and ©. " + ENGLISH,
    "Kết quả đo 5 µm và 10 µm © 2021 Công ty ABC; " + UNICODE_PAGE,
    "Toà án nhân dân tỉnh Hoà Bình xoá án treo cho bị cáo",
    "Toà án Hoà Bình xoá tên và khoá mã hoá",        # Unicode, only Latin-1 letters: oà oá are not VNI signs
    "« Le décret entre en vigueur à la date de sa publication », où l'État a décidé. Crème brûlée, naïve.",
])
def test_not_legacy(text):
    assert detect(text) is None
    assert fix(text) == (text, None)


def test_tcvn3_and_vni_not_confused():
    for s in HEADER:
        if s not in SHORT:
            assert detect(encode(s, "tcvn3")) != "vni"
            assert detect(encode(s, "vni")) != "tcvn3"


def test_detect_is_fast_on_unicode():
    page = (UNICODE_PAGE * 10)[:5000]
    n = 200
    per_call = timeit.timeit(lambda: detect(page), number=n) / n
    assert per_call < 1e-3


VI_LETTERS = sorted(set(ALL_LOWER + ALL_UPPER) | set("bcdghklmnpqrstvxBCDGHKLMNPQRSTVX"))
VI_LOWER = sorted(set(ALL_LOWER) | set("bcdghklmnpqrstvx"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=VI_LETTERS + [" "], max_size=60))
def test_vni_round_trip_property(s):
    assert to_unicode(encode(s, "vni"), "vni") == s


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=VI_LOWER + [" "], max_size=60))
def test_tcvn3_lowercase_round_trip_property(s):
    assert to_unicode(encode(s, "tcvn3"), "tcvn3") == s
