"""More fast paths of the extractors: each turns away only what the plain pattern refuses."""
import sys

import regex

from conftest import need_shared
from extractor import deadlines
from extractor.normalise import fold


def _texts(n=40):
    paths = sorted(need_shared("corpus", "real", "text").iterdir())[:n]
    return [p.read_text(encoding="utf-8") for p in paths]


_CUES = ["truoc ngay 5/6/2026", "trong  quy iv/2026", "trong quy ii - 2025", "cham nhat la truoc: 15/3",
         "thoi han: thang 6 nam 2026", "trong ٣/٤/٢٠٢٦", "truoc \U0001d7d8", "trong nam", "trong vong 30 ngay",
         "trong.5", "vao 6 thang dau nam 2026", "han hoan thanh:\t5/6", "xong truoc het nam 2025", "trong"]


def test_regex_digits_are_decimal_or_beyond_the_bmp():
    for i in range(0x10000):
        c = chr(i)
        if regex.match(r"\d", c):
            assert c.isdecimal(), hex(i)


def test_cue_without_a_digit_after_is_refused_by_the_pattern():
    samples = list(_CUES)
    for fl in map(fold, _texts()):
        samples += [fl[i:i + 120] for i in range(0, len(fl), 13)]
    for s in samples:
        for hi in (len(s), len(s) // 2):
            for p in range(0, min(hi, 8)):
                if not deadlines._digit_follows(s, p, hi):
                    assert not deadlines._RE_ABS.match(s, p, hi), (s, p, hi)


def test_deadlines_found_as_with_every_cue_tried():
    plain = []
    for fl in map(fold, _texts() + _CUES):
        for lo, hi in ((0, len(fl)), (len(fl) // 3, 2 * len(fl) // 3)):
            last, want = lo, []
            for c in deadlines._CUE_HIT.finditer(fl, lo, hi):
                if c.start() < last:
                    continue
                m = deadlines._RE_ABS.match(fl, c.start(), hi)
                if m:
                    last = m.end()
                    want.append(m.span())
            assert [m.span() for m in deadlines._abs_matches(fl, lo, hi)] == want


def test_clause_relation_as_the_last_trigger():
    from extractor import citations
    for left in ("theo quy định tại ", "Căn cứ ", "hết hiệu lựcụ thể hóa", "", "Thực hiện Kế hoạch số 5 và "):
        last = citations._last_trigger(left)
        assert citations._clause_relation(left) == (last.lastgroup if last else "references")
