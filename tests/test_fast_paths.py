"""The fast paths of the citation, deadline and target extractors find what the plain patterns find."""
import itertools

import regex

from conftest import need_shared
from extractor import citations, deadlines, patterns, targets
from extractor.normalise import fold

_ODD = ("Luật Đất đai và Luật Xây dựng 111/2015/NĐ-CP, 23-NQ/TW; 184 / TTr - UBND 12/5/2024 "
        "hết hiệu lựcụ thể hóa đính chínhủy bỏ quy định chi tiếthực hiện theo Kế hoạch “Xây dựng nông thôn mới” "
        "xtruoc truoc, thoi han hoan thanh hang nam, dinh ky hang quy bao cao; 15  ngay 1234 ngay ٣ ngay "
        "thuộc top 20 đạt 50 %, 1.000 tỷ đồng, 5\u00a0ha, 7\u001cha, 12 người")


def _texts(n=40):
    paths = sorted(need_shared("corpus", "real", "text").iterdir())[:n]
    return [p.read_text(encoding="utf-8") for p in paths] + [_ODD]


def test_trigger_words_never_overlap_across_a_space():
    words = [w.replace("\\b", "").lower() for _, p in citations.RELATION_TRIGGERS for w in p.split("|")]
    for u, v in itertools.permutations(words, 2):
        assert not v.startswith(u) and u not in v, (u, v)
        for i, c in enumerate(u):
            if c == " ":
                tail = u[i + 1:]
                assert not v.startswith(tail) and not tail.startswith(v), (u, v)


def test_last_trigger_is_the_last_left_to_right():
    for text in _texts():
        for i in range(0, len(text), 37):
            left = text[max(0, i - 100):i]
            ms = list(citations._TRIGGER.finditer(left))
            got = citations._last_trigger(left)
            want = ms[-1] if ms else None
            assert (got.span(), got.lastgroup) == (want.span(), want.lastgroup) if want else got is None


def test_numbers_and_names_found_where_finditer_finds_them():
    for text in _texts():
        for limit in (len(text), len(text) // 2):
            found = patterns.matches_at(citations._NUMBER, citations._number_starts(text, limit), text, limit)
            assert [m.span() for m in found] == [m.span() for m in citations._NUMBER.finditer(text, 0, limit)]
            starts = citations._named_starts(text, limit)
            for pattern in citations._NAMED_STARTS:
                found = patterns.matches_at(pattern, starts[pattern], text, limit)
                assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text, 0, limit)]


def test_deadline_words_found_where_finditer_finds_them():
    for fl in map(fold, _texts()):
        for lo, hi in ((0, len(fl)), (len(fl) // 3, 2 * len(fl) // 3)):
            for pattern, words in ((deadlines._CUE_HIT, deadlines._CUE_WORDS), (deadlines._CUE_HIT, deadlines._CUE_SCAN),
                                   (deadlines._RE_FREQ, deadlines._FREQ_OPENINGS)):
                found = patterns.matches_at(pattern, deadlines._word_starts(fl, words, lo, hi), fl, hi)
                assert [m.span() for m in found] == [m.span() for m in pattern.finditer(fl, lo, hi)]
            assert [m.span() for m in deadlines._days_hits(fl, lo, hi)] == \
                [m.span() for m in deadlines._DAYS_HIT.finditer(fl, lo, hi)]


def test_unit_test_turns_away_only_numbers_without_a_unit():
    _, pattern, _ = targets._unit_tables()
    for text in _texts():
        for m in targets._NUMBER_RANGE.finditer(text):
            if targets._surely_no_unit(text, m.end()):
                assert not pattern.match(text, m.end()) and not targets._PERCENT.match(text[m.end():m.end() + 12])


def test_precompiled_helpers_agree_with_the_patterns():
    for before in ("năm 2020 tỷ lệ đạt 45", "Năm 2019, đạt", "đạt 30", "năm 2024 đã", ""):
        for ref in (None, 2021, 2018):
            old = bool(ref and regex.search(r"(?:năm|Năm)\s+((?:19|20)\d\d)[^;]{0,40}đạt\s*[^;]{0,30}$", before)
                       and int(regex.search(r"((?:19|20)\d\d)", before[-80:] or "0000").group(1)
                               if regex.search(r"((?:19|20)\d\d)", before[-80:]) else 9999) < ref)
            assert targets._is_past(before, ref) == (bool(targets._PAST.search(before)) or old
                                                     or any(ref and int(p.group(2)) < ref
                                                            for p in targets._PERIOD.finditer(before)))


def test_last_trigger_after_a_letter_scans_left_to_right():
    for left in ("hết hiệu lựcụ thể hóa", "đính chínhủy bỏ", "quy định chi tiếthực hiện", "theo xtheo", "Theo"):
        ms = list(citations._TRIGGER.finditer(left))
        got = citations._last_trigger(left)
        assert (got.span(), got.lastgroup) == (ms[-1].span(), ms[-1].lastgroup)
    assert citations._last_trigger("hết hiệu lựcụ thể hóa").lastgroup == "repeals"


def test_word_before_found_at_the_end_only():
    samples = ["Điều  ", "theo số\u001c ", "khoản\t\n", "giai đoạn ", "tờ", "x", ""]
    for text in _texts(10):
        samples += [text[max(0, i - 150):i] for i in range(0, len(text), 11)]
    for before in samples:
        assert targets._not_target_word_before(before) == bool(targets._NOT_TARGET_BEFORE.search(before)), before


def test_section_scans_answer_as_scans_of_the_section_do():
    from extractor.normalise import normalise
    from extractor.readers import read
    from extractor.segment import segment
    paths = sorted(need_shared("corpus", "real", "text").iterdir())[:25]
    for path in paths:
        raw = read(path)
        seg = segment(raw, normalise(raw))
        text, scans = seg.text, targets._SectionScans(seg.text)
        for m in targets._NUMBER_RANGE.finditer(text):
            section = seg.section_at(m.start())
            if section is None:
                continue
            pos = m.start()
            own = list(targets._YEAR_CUE.finditer(text, section.start, pos)) or \
                list(targets._YEAR_CUE.finditer(text, pos, section.end))
            want = own[-1 if own[0].start() < pos else 0].span() if own else None
            cues = scans.year_cues(section)
            got = [c for c in cues if c.end() <= pos] or [c for c in cues if c.start() >= pos][:1]
            assert (got[-1].span() if got else None) == want
            goal_end = scans.goal_end(section)
            assert (goal_end is not None and goal_end <= pos) == bool(targets._GOAL.search(text, section.start, pos))


def test_preamble_keywords_as_a_scan_stopped_at_each_citation():
    from extractor.normalise import normalise
    from extractor.readers import read
    from extractor.segment import segment
    for path in sorted(need_shared("corpus", "real", "text").iterdir())[:60]:
        raw = read(path)
        seg = segment(raw, normalise(raw))
        keywords = citations._PreambleKeywords(seg.text)
        for c in citations.extract_citations(seg):
            section = seg.section_at(c.start)
            if section is not None and section.kind == "preamble":
                found = citations._PREAMBLE_KEYWORD.findall(seg.text, section.start, c.start)
                assert keywords.last_before(section, c.start) == (found[-1] if found else None)


_AFTER_CITATION = ("  , \u001c ngày 5/6/2024", ",ban hành ngày 1 tháng 2 năm 2020", " , năm 2019", "2020", ", của Bộ",
                   "\n quy định", "\t\tvề việc", " " * 40 + "ngày 1/1/2020", " ,", "", "Điều 5 của Luật",
                   "  thành lập", " ,, về", "   giao")


def test_opening_words_turn_away_only_what_the_patterns_refuse():
    samples = list(_AFTER_CITATION)
    for text in _texts(15):
        samples += [text[i:i + 200] for i in range(0, len(text), 7)]
    for pattern, words in ((citations._DATE, citations._DATE_OPENINGS), (citations._YEAR, citations._YEAR_OPENINGS),
                           (citations._OF, ("của",)), (citations._TITLE_START, citations._TITLE_OPENINGS)):
        for s in samples:
            if not citations._may_open(s, 0, words):
                assert not pattern.match(s), (pattern.pattern, s)


def test_pinpoint_ends_turn_away_only_what_the_pattern_refuses():
    samples = ["theo Điều 5 ", "khoản 2 Điều 5a của ", "Điều 5a của\n", "điểm b khoản 3 ", "Điều 5ab ", "Điều 5\u001c",
               "Điều ٣ ", "khoản 1 của", "Điều 5 của  ", "Điều 5 A ", " ", ""]
    for text in _texts(15):
        samples += [text[max(0, i - 80):i] for i in range(0, len(text), 5)]
    for left in samples:
        if not citations._may_end_pinpoint(left):
            assert not citations._PINPOINT.search(left), left


def test_frequency_starts_kept_where_the_pattern_may_match():
    for fl in map(fold, _texts() + ["hang  nam bao cao, dinh  ky hang thang, hang\tnam, dinh ky 6 thang gui"]):
        for lo, hi in ((0, len(fl)), (len(fl) // 3, 2 * len(fl) // 3)):
            assert [m.span() for m in deadlines._freq_matches(fl, lo, hi)] == \
                [m.span() for m in deadlines._RE_FREQ.finditer(fl, lo, hi)]


def test_clause_bounds_as_the_nearest_stops_on_each_side():
    def plain(fl, start, end):
        a = max(fl.rfind(c, 0, start) for c in ".\n;\t") + 1
        found = [i for i in (fl.find(c, end) for c in ".\n;\t") if i != -1]
        return a, min(found) if found else len(fl)
    for fl in map(fold, _texts(10) + ["a.b\tc;d\ne", "", "no stops at all"]):
        for i in range(0, len(fl) + 1, 13):
            for j in (i, min(len(fl), i + 7)):
                assert deadlines._clause_bounds(fl, i, j) == plain(fl, i, j)


def test_char_test_agrees_with_its_pattern_on_every_character_asked_twice():
    import regex
    from extractor.patterns import char_test
    for pattern in (r"\w", r"[\s\-,]", r"[\p{Lu}\-+•]"):
        test, compiled = char_test(pattern), regex.compile(pattern)
        for ch in "aĐđệỆ5_ -,\t\u00a0•+.Ⅳ" * 2:
            assert test(ch) == (compiled.match(ch) is not None), (pattern, ch)
