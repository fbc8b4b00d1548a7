"""Every marker shape the segmenter must recognise, and lines that are not markers."""
import pytest

from extractor.patterns import match_marker
from tests.conftest import need_shared

MARKERS = [
    ("Phần I. QUY ĐỊNH CHUNG", "phan", "I"),
    ("PHẦN THỨ NHẤT", "phan", "THỨ NHẤT"),
    ("Chương II", "chuong", "II"),
    ("CHƯƠNG III. TỔ CHỨC THỰC HIỆN", "chuong", "III"),
    ("Chương 4: Điều khoản thi hành", "chuong", "4"),
    ("Mục 1. QUY ĐỊNH VỀ HỒ SƠ", "muc_luat", "1"),
    ("MỤC 2", "muc_luat", "2"),
    ("Điều 1. Phạm vi điều chỉnh", "dieu", "1"),
    ("Điều 5a. Trách nhiệm bổ sung", "dieu", "5a"),
    ("ĐIỀU 5", "dieu", "5"),
    ("Điều 5: Hiệu lực thi hành", "dieu", "5"),
    ("Điều 12 . Tổ chức thực hiện", "dieu", "12"),
    ("I. MỤC ĐÍCH, YÊU CẦU", "roman", "I"),
    ("I- QUAN ĐIỂM, MỤC TIÊU", "roman", "I"),
    ("II – NHIỆM VỤ", "roman", "II"),
    ("IV. TỔ CHỨC THỰC HIỆN", "roman", "IV"),
    ("XIV. KINH PHÍ", "roman", "XIV"),
    ("1. Mục tiêu chung", "num", "1"),
    ("12. Sở Tài chính", "num", "12"),
    ("2.1. Phát triển ngành cơ khí", "num", "2.1"),
    ("2.1 Phát triển ngành cơ khí", "num", "2.1"),
    ("3.1.1. Về khu công nghiệp", "num", "3.1.1"),
    ("4.2.3.1. Chi tiết", "num", "4.2.3.1"),
    ("1) Hồ sơ gồm", "num", "1"),
    ("a) Tổ chức quán triệt", "letter", "a"),
    ("đ) Các nhiệm vụ khác", "letter", "đ"),
    ("b ) Cách viết thừa khoảng trắng", "letter", "b"),
    ("(1) Tốc độ tăng trưởng", "paren", "1"),
    ("(12) Chỉ tiêu cuối", "paren", "12"),
    ("(a) Điểm trong ngoặc", "paren", "a"),
    ("- Gạch đầu dòng", "bullet", "-"),
    ("+ Dấu cộng", "bullet", "+"),
    ("• Dấu chấm tròn", "bullet", "•"),
    ("-Gạch dính chữ", "bullet", "-"),
    ("* Dấu sao", "bullet", "*"),
]


@pytest.mark.parametrize("line,kind,num", MARKERS)
def test_marker_shapes(line, kind, num):
    found = match_marker(line)
    assert found is not None, line
    assert found[0] == kind
    assert found[1].group("num") == num


NOT_MARKERS = [
    "2020 là năm bản lề của giai đoạn",
    "Điều 5 của Luật này quy định",
    "Điều 1 được sửa đổi, bổ sung như sau:",
    "1.000 tỷ đồng được bố trí",
    "Căn cứ Luật Tổ chức chính quyền địa phương",
    "Ủy ban nhân dân tỉnh giao",
    "Về việc phê duyệt Chương trình",
    "Chương trình phát triển công nghiệp hỗ trợ",
    "Mục tiêu cụ thể đến năm 2030",
    "Phần lớn các doanh nghiệp",
    "15 ngày kể từ ngày nhận hồ sơ",
    "Inox và vật liệu mới",
]


@pytest.mark.parametrize("line", NOT_MARKERS)
def test_not_markers(line):
    assert match_marker(line) is None, line


def _every_pattern_in_turn(line):
    """The reference: each pattern of MARKERS tried in order."""
    from extractor.patterns import MARKERS as PATTERNS
    for kind, pat in PATTERNS:
        m = pat.match(line)
        if m and not (kind == "roman" and not m.group("num")):
            return kind, m.group(0), m.group("num")
    return None


def test_first_character_dispatch_agrees_with_trying_every_pattern():
    # every line of the real corpus, and every line with its first character swapped for another
    lines = set()
    for path in sorted(need_shared("corpus", "real", "text").iterdir())[:60]:
        for line in path.read_text(encoding="utf-8").splitlines():
            lines.add(line.strip())
    starts = "PCMĐIVXLabcxyzđ0123456789٣(-+•–*“\"ÂÊÔÝ.; "
    lines |= {c + line[1:] for line in sorted(lines)[:2000] for c in starts}
    for line in lines:
        found = match_marker(line)
        got = (found[0], found[1].group(0), found[1].group("num")) if found else None
        assert got == _every_pattern_in_turn(line), line


def test_fast_finditer_finds_what_finditer_finds():
    from extractor import deadlines
    from extractor.normalise import fold
    from extractor.patterns import finditer
    texts = [fold(p.read_text(encoding="utf-8")) for p in sorted(need_shared("corpus", "real", "text").iterdir())[:40]]
    texts.append("xtruoc truoc, thoi hanh thoi han hang nam, dinh ky hang quy bao cao; hang")
    for pattern, starts in ((deadlines._CUE_HIT, deadlines._CUE_STARTS), (deadlines._RE_FREQ, deadlines._FREQ_STARTS)):
        for fl in texts:
            for lo, hi in ((0, len(fl)), (len(fl) // 3, 2 * len(fl) // 3)):
                assert [m.span() for m in finditer(pattern, starts, fl, lo, hi)] == \
                    [m.span() for m in pattern.finditer(fl, lo, hi)]
