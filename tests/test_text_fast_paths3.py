"""The third round's shortcuts in normalise and closing agree with the plain loops they replace."""
import random

from extractor import closing
from extractor import normalise as N
from extractor.models import NormText
from extractor.patterns import CLOSING_START
from extractor.segment import _lines


def _plain_recipients_line(lines, body_from):
    for i in range(body_from, len(lines)):
        text = lines[i][2].strip()
        if text[:1] == "N" and CLOSING_START.match(text) and len(text) < 200:
            return i
    return None


_PIECES = ["Nơi nhận:", "NƠI NHẬN:", "  Nơi nhận", "\tNơi nhận: - Như trên;", "Gửi Nơi nhận", "- Như Điều 3;",
           "Nơi nhận" + " x" * 120, "NƠI NHẬN" * 3, "", "   ", "1. Sở Tài chính;", "KT. CHỦ TỊCH", "Nơi",
           "nhận", "Nơi nhận:" + "y" * 300, "Nguyễn Văn A", "Nơi nhậnNơi nhận"]


def test_recipients_line_as_a_test_of_every_line():
    rng = random.Random(3)
    for _ in range(3000):
        text = "\n".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 12)))
        lines = _lines(NormText(text=text))
        for body_from in range(0, len(lines) + 2):
            assert closing._recipients_line(text, lines, body_from) == _plain_recipients_line(lines, body_from), \
                (text, body_from)


def _plain_split_columns(lines):
    n = len(lines)
    top_end = N._header_extent(lines)
    zone = N._closing_zone(lines)
    out = []
    i = 0
    while i < n:
        if (i < top_end or i in zone) and N._has_gap(lines[i].text):
            j = i
            left, right = [], []
            while j < n and (j < top_end or j in zone) and N._in_run(lines[j].text, j >= top_end):
                lpart, rpart = N._cut(lines[j].text)
                if j > i and N._NEW_HEADER.match(rpart):
                    break
                if lpart:
                    left.append(N._Line(lpart, lines[j].page))
                if rpart:
                    right.append(N._Line(rpart, lines[j].page))
                j += 1
            out.extend(left)
            out.append(N._Line("", lines[i].page))
            out.extend(right)
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _plain_closing_zone(lines):
    zone = set(range(max(0, len(lines) - 25), len(lines)))
    for i, l in enumerate(lines):
        if ("Nơi nhận" in l.text or "NƠI NHẬN" in l.text) and CLOSING_START.search(l.text) \
                and len(l.text.strip()) < 160:
            zone.update(range(i, min(len(lines), i + 30)))
    return zone


_COLUMN_LINES = ["ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH A       Độc lập - Tự do",
                 "                              Hà Nội, ngày 1 tháng 2 năm 2024", "Số: 12/QĐ-UBND", "",
                 "Căn cứ Luật Tổ chức;", "Điều 1. Phạm vi", "Nơi nhận:          KT. CHỦ TỊCH",
                 "- Như Điều 3;      PHÓ CHỦ TỊCH", "- Lưu: VT.", "                         Nguyễn Văn A",
                 "CỘNG HÒA XÃ HỘI     ĐẢNG CỘNG SẢN", "Nội dung dài " * 8, "a    b", "x"]


def test_split_columns_as_a_loop_over_every_line():
    rng = random.Random(5)
    for _ in range(1500):
        texts = [rng.choice(_COLUMN_LINES) for _ in range(rng.randint(0, 120))]
        lines = [N._Line(t, 1) for t in texts]
        assert N._closing_zone(lines) == _plain_closing_zone(lines)
        got = [(l.text, l.page) for l in N._split_columns([N._Line(t, 1) for t in texts])]
        want = [(l.text, l.page) for l in _plain_split_columns([N._Line(t, 1) for t in texts])]
        assert got == want, texts
