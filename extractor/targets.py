"""Numeric targets: forward-looking quantities a document sets out to reach.

A target is a number (or range) with a unit, in a clause that aims at something (đạt,
phấn đấu, tăng, thành lập, …), outside the past-tense assessment of a document. Its year
comes from the clause ("đến năm 2030", "giai đoạn 2021-2030"), else from the item or the
heading above it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from . import lexicon
from .models import Section, Segmented, Target
from .numbers import NUMBER, as_number, parse_number

_CUE = regex.compile(
    r"\b(?:đạt|phấn đấu|phần đấu|phân đấu|tăng|giảm|chiếm|có thêm|thêm|thành lập|mở rộng|xây dựng|nâng|đưa ra|"
    r"thuộc top|trở lên|tối thiểu|ít nhất|lên|huy động|thu hút|hỗ trợ|đào tạo|sáp nhập|là|có|gấp|"
    r"không quá|không vượt quá|tối đa|dưới|trên|hơn|khoảng)\b", regex.I)
_MONEY_OR_RATE = regex.compile(r"đồng|USD|^%$")
_STRONG_CUES = {"đạt", "phấn đấu", "phần đấu", "phân đấu", "tăng", "giảm", "chiếm", "lên", "huy động", "thu hút",
                "trở lên", "tối thiểu", "ít nhất", "là", "không quá", "không vượt quá", "tối đa", "dưới", "trên"}
_PAST = regex.compile(r"\b(?:đã đạt|đã có|đã được|đạt được|kết quả|so với mục tiêu|vượt)\b", regex.I)
_PAST_TITLE = regex.compile(r"(?i)tình hình|kết quả|đánh giá|thực trạng|bối cảnh")
_YEAR_CUE = regex.compile(r"(?:đến|Đến|vào|tới|Tới|Vào)\s+(?:cuối\s+|hết\s+)?(?:năm\s+)?((?:19|20)\d\d)\b")
# a bare "năm 2027" right before a number, with no digit between; not a baseline ("so với năm
# 2020", "cùng kỳ năm 2025", "từ 30% năm 2020 lên 50%")
_YEAR_AT_NUMBER = regex.compile(r"(?<!(?:so với|từ|kỳ)\s+)\b[Nn]ăm\s+((?:19|20)\d\d)\b"
                                r"(?![^\d;.]*\b(?:lên|xuống|so với)\b)[^\d;.]{0,30}$")
_PERIOD = regex.compile(r"giai đoạn\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)")
_BASELINE_FROM = regex.compile(r"từ\s+(" + NUMBER + r")\s*%?\s*(?:năm|vào năm)\s+((?:19|20)\d\d)\s+lên\s*$")
_BASELINE_CMP = regex.compile(r"[^;.]{0,40}?so với\s+(?:năm\s+)?((?:19|20)\d\d)")
_CLAUSE_END = regex.compile(r"[;.\n]|:\s")
_COMPARATORS = [("approx", r"khoảng|xấp xỉ|gần"), ("gte", r"ít nhất|tối thiểu|không dưới|không thấp hơn"),
                ("lte", r"tối đa|không quá|không vượt quá|top"), ("gt", r"trên|hơn|vượt"), ("lt", r"dưới")]
_COMPARATOR = regex.compile(r"(?:" + "|".join(f"(?P<{n}>\\b(?:{p}))" for n, p in _COMPARATORS) + r")(?:\s+(?:mức|từ|là))?\s*$",
                            regex.I)
_NOT_TARGET_WORDS = ("Điều", "khoản", "điểm", "Khoản", "Mục", "Chương", "số", "Số", "ngày", "tháng", "năm", "lần thứ",
                     "khóa", "khoá", "Khóa", "giai đoạn", "top", "VNR", "Quyết định", "Nghị định", "Nghị quyết", "mẫu",
                     "Mẫu", "phụ lục", "Phụ lục", "Quốc lộ", "quốc lộ", "tỉnh lộ", "đường", "lô", "thửa", "tờ")
_NOT_TARGET_BEFORE = regex.compile(r"(?:" + "|".join(_NOT_TARGET_WORDS) + r")\s*$")
_NOT_TARGET_REACH = max(map(len, _NOT_TARGET_WORDS))


@dataclass
class _Unit:
    printed: str
    base: Optional[str]
    scale: float
    end: int


def extract_targets(seg: Segmented) -> list[Target]:
    text = seg.text
    lo = seg.body_start or 0
    hi = seg.closing_start if seg.closing_start and seg.closing_start > lo else len(text)
    ref_year = _reference_year(seg)
    out: list[Target] = []
    prev_end = -1
    ranks = "top" in text          # most documents have no "thuộc top …" to look for
    scans = _SectionScans(text, seg.sections)
    openings = _unit_tables()[2]
    for m in _NUMBER_RANGE.finditer(text, lo, hi):
        # most numbers have no unit after them: that test comes first (every later test
        # only turns the number away, so their order does not change the answer). It is
        # _surely_no_unit written out, as it runs for every number of the text.
        end = m.end()
        head = text[end:end + 8].lstrip()
        if not ranks and len(head) >= 4 and head[:4] not in openings and head[:3] not in openings \
                and head[:2] not in openings and head[:1] not in openings:
            continue
        unit = _unit_beside(text, m, ranks)
        if unit is None:
            continue
        t = _target_at(seg, m, unit, ref_year, scans)
        if t:
            # "ít nhất 05 KCN và 09 CCN": a comparator reaches over "và" to the next quantity
            if out and t.comparator == "eq" and _AND_BETWEEN.fullmatch(text[prev_end:m.start()]):
                t.comparator = out[-1].comparator
            out.append(t)
            prev_end = t.end
    return out


_AND_BETWEEN = regex.compile(r"\s*(?:và|,)\s*")
_TOP_BEFORE = regex.compile(r"thuộc\s+top\s*$")
_NUMBER_DASH_BEFORE = regex.compile(r"\d\s*[-–/]\s*$")
_OR_MORE = regex.compile(r"\s*trở lên")
_OR_LESS = regex.compile(r"\s*trở xuống")
_YEAR_THEN_UP = regex.compile(r"\s*%?\s*(?:năm|vào năm)\s+(?:19|20)\d\d\s+lên\b")
_PERCENT = regex.compile(r"\s*%(?:\s*/\s*năm)?")
_PER_YEAR = regex.compile(r"\s*/\s*năm")

_NUMBER_RANGE = regex.compile(
    r"(?<![\w./,\-])(?P<a>" + NUMBER + r")(?:\s*[-–]\s*(?P<b>" + NUMBER + r"))?(?![\w/]|[.,]\d)")


def _unit_beside(text: str, m, ranks: bool) -> Optional[_Unit]:
    """The unit after the number m, or 'top' for "thuộc top 20" (a rank to reach or better)
    when ranks says the text has a "top" at all."""
    start, end = m.start(), m.end()
    unit = None if _surely_no_unit(text, end) else _unit_after(text, end)
    if unit is None and ranks and _TOP_BEFORE.search(text[max(0, start - 12):start]):
        unit = _Unit("top", "top", 1.0, end)
    return unit


def _not_target_word_before(before: str) -> bool:
    """_NOT_TARGET_BEFORE.search(before), looking only at the end of a long clause: a match is one
    of the words and the spaces after it (str.rstrip strips every space \\s matches, and more)."""
    spaces = len(before) - len(before.rstrip())
    return bool(_NOT_TARGET_BEFORE.search(before[-(_NOT_TARGET_REACH + spaces):]))


def _surely_no_unit(text: str, pos: int) -> bool:
    """A cheap test that turns away most numbers before the unit pattern is tried: after the
    spaces (str.isspace knows every space \\s does) must come how some unit, scale word or % begins."""
    head = text[pos:pos + 8].lstrip()
    if len(head) < 4:
        return False          # many spaces, or the end of the text: the pattern decides
    openings = _unit_tables()[2]
    return head[:4] not in openings and head[:3] not in openings and head[:2] not in openings \
        and head[:1] not in openings


def _target_at(seg: Segmented, m, unit: _Unit, ref_year: Optional[int], scans) -> Optional[Target]:
    text = seg.text
    section = seg.section_at(m.start())
    if section is None or section.kind in ("preamble", "closing"):
        return None
    chain, past_title = scans.chain(section)
    if past_title:
        return None
    clause_start = _clause_start(text, m.start(), section.start)
    before = text[clause_start:m.start()]
    if (_not_target_word_before(before) and unit.printed != "top") or _NUMBER_DASH_BEFORE.search(before):
        return None
    if not _CUE.search(before) and not _OR_MORE.match(text[unit.end:unit.end + 10]):
        return None
    if _MONEY_OR_RATE.search(unit.printed) and \
            not any(c.group().lower() in _STRONG_CUES for c in _CUE.finditer(before)):
        return None                      # "hỗ trợ 100% chi phí, tối đa 5 triệu đồng": a support level
    if _BASELINE_FROM.search(text[max(clause_start, m.start() - 40):m.start()] + "") is None and \
            _YEAR_THEN_UP.match(text[m.end():m.end() + 25]):
        return None                      # "từ 49,7% năm 2020 lên 60%": the starting point, not a target
    if _is_past(before, ref_year):
        return None
    a, b = parse_number(m.group("a")), parse_number(m.group("b")) if m.group("b") else None
    if a is None:
        return None
    clause_end = _clause_end(text, unit.end)
    year, period, own_year = _year_and_period(seg, text, clause_start, m.start(), clause_end, section, chain, scans)
    if year and ref_year and int(year) < ref_year:
        return None
    if year is None and not _aim_without_year(seg.metadata.doc_type, before, scans, section, chain, m.start()):
        return None                      # a threshold or condition of a rule, not an aim
    year = own_year or year
    comparator = _comparator(before, text[unit.end:unit.end + 12])
    value, lo_v, hi_v = (None, a, b) if b is not None else (a, None, None)
    start = _indicator_start(text, clause_start, m.start())
    return Target(
        text=text[start:unit.end], indicator=_indicator(text[start:m.start()]),
        value=as_number(value), min=as_number(lo_v), max=as_number(hi_v), unit=unit.printed,
        comparator=comparator, year=year, period=period, baseline=_baseline(text, clause_start, m, unit.end),
        section=section.id, start=start, end=unit.end, page=seg.norm.page_at(m.start()),
        value_normalized=_scaled(value, unit), min_normalized=_scaled(lo_v, unit),
        max_normalized=_scaled(hi_v, unit), unit_base=unit.base)


# ----------------------------------------------------------------- units
@lru_cache(maxsize=None)
def _unit_tables():
    data = lexicon.load("units.json")
    scales = sorted(data["scales"].items(), key=lambda kv: -len(kv[0]))
    units = sorted(data["units"], key=len, reverse=True)
    scale_re = "|".join(regex.escape(s) for s, _ in scales)
    unit_re = "|".join(regex.escape(u) for u in units)
    pattern = regex.compile(rf"\s*(?P<scale>(?:{scale_re})\s+)?(?P<unit>{unit_re})(?![\p{{L}}\d])")
    # how a unit, a scale word or a % can begin: its first four characters, or all of a shorter one
    openings = frozenset(w[:4] for w in [s for s, _ in scales] + units + ["%"])
    return dict(scales), pattern, openings


def _unit_after(text: str, pos: int) -> Optional[_Unit]:
    scales, pattern, _ = _unit_tables()
    m = pattern.match(text, pos)
    if not m:
        m2 = _PERCENT.match(text[pos:pos + 12])
        if not m2:
            return None
        printed = "%/năm" if "năm" in m2.group() else "%"
        return _Unit(printed, printed, 1.0, pos + m2.end())
    scale_word = (m.group("scale") or "").strip()
    unit = m.group("unit")
    end = m.end()
    tail = _PER_YEAR.match(text[end:end + 10])
    if tail and unit != "%/năm":
        unit, end = unit + "/năm", end + tail.end()
    unit = {"m2": "m²", "km2": "km²"}.get(unit, unit)
    printed = f"{scale_word} {unit}".strip()
    base = unit
    return _Unit(printed, base, scales.get(scale_word, 1.0), end)


def _scaled(value, unit: _Unit):
    return None if value is None else as_number(value * unit.scale)


# ----------------------------------------------------------------- context
def _chain(section: Section, by_id) -> list[Section]:
    out = []
    while section is not None:
        out.append(section)
        section = by_id.get(section.parent)
    return out


def _clause_start(text: str, pos: int, floor: int) -> int:
    cut = max(text.rfind(";", floor, pos), text.rfind(". ", floor, pos), text.rfind("\n", floor, pos),
              text.rfind(": ", floor, pos))
    return max(floor, cut + 1)


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos)
    return m.start() if m else len(text)


def _is_past(before: str, ref_year: Optional[int]) -> bool:
    if _PAST.search(before):
        return True
    for p in _PERIOD.finditer(before):
        if ref_year and int(p.group(2)) < ref_year:
            return True
    # "năm 2020 … đạt …": a result reached in a year before the document's
    reached = _YEAR_REACHED.search(before) if ref_year and "đạt" in before else None
    if not reached:
        return False
    # the phrase's year is the last one before its "đạt": in "năm 2020 đạt 30%, năm 2027 đạt
    # 80%" the 80% is 2027's aim, not a result of 2020
    years = _ANY_YEAR.findall(before, reached.start(), before.rfind("đạt"))
    return int(years[-1]) < ref_year


_YEAR_REACHED = regex.compile(r"(?:năm|Năm)\s+((?:19|20)\d\d)[^;]{0,40}đạt\s*[^;]{0,30}$")
_ANY_YEAR = regex.compile(r"((?:19|20)\d\d)")


def _reference_year(seg: Segmented) -> Optional[int]:
    """The document's own year; without a date, just before its earliest target year."""
    if seg.metadata.issued_date:
        return int(seg.metadata.issued_date[:4])
    years = [int(y) for y in _YEAR_CUE.findall(seg.text[seg.body_start or 0:])]
    return min(years) - 1 if years else None


_PER_YEAR_WORDS = regex.compile(r"bình quân|/năm|mỗi năm|hằng năm")


def _year_and_period(seg, text, clause_start, pos, clause_end, section, chain, scans):
    """(year, period, own year): the year the cues give (the clause, the section, the headings),
    and the bare year standing just before the number, which wins when there is one."""
    cues = list(_YEAR_CUE.finditer(text, clause_start, pos))
    year, period = _cued_year_and_period(text, clause_start, pos, clause_end, section, chain, scans, cues)
    return year, period, _own_year(text, clause_start, pos, cues)


def _cued_year_and_period(text, clause_start, pos, clause_end, section, chain, scans, before):
    period = None
    clause = text[clause_start:clause_end]
    p = _PERIOD.search(clause)
    if p and _PER_YEAR_WORDS.search(clause):
        period = f"{p.group(1)}-{p.group(2)}"
    if before:
        return before[-1].group(1), period
    after = _YEAR_CUE.search(text, pos, clause_end)
    if after:
        return after.group(1), period
    if p:
        return p.group(2), period
    if section.kind != "dieu":
        # the section's last year before the number, else its first after it
        cues = scans.year_cues(section)
        own = [c for c in cues if c.end() <= pos] or [c for c in cues if c.start() >= pos][:1]
        if own:
            return own[-1].group(1), period
    for s in chain[1:]:
        head = text[s.start:min(s.end, s.start + 200)].split("\n", 1)[0]
        found = _YEAR_CUE.search(head) or (_PERIOD.search(head) if s.title else None)
        if found:
            return found.group(found.re.groups), period
    return None, period


def _own_year(text: str, clause_start: int, pos: int, cues: list) -> Optional[str]:
    """"năm 2027 đạt 95%": a year just before the number is its own, even when a later "đến
    năm 2030" closes the sentence (a year that a cue holds is the cue's; cues: those of the
    clause before pos). Not, alone, a sign of an aim: "năm 2017 ước đạt 8,97%" reports a result."""
    bare = _YEAR_AT_NUMBER.search(text, max(clause_start, pos - 60), pos)
    if bare is None:
        return None
    return None if cues and cues[-1].end() > bare.start() else bare.group(1)


class _SectionScans:
    """What many numbers of one section ask of it, found once per document.

    - year_cues: the _YEAR_CUE matches of the whole section. Those ending by a number are the
      matches of a scan stopped at it, and the first starting at or after it is what a search
      from it finds: a cue cannot end within the number (a year ends in a digit, and a number
      starts after no digit), nor can one start inside a cue before its year.
    - chain: a section's ancestors, which every number of the section climbs.
    - goal_end: where the section's first _GOAL word ends. No aim word holds another, so no
      later word ends sooner: a search stopped at pos finds one if and only if it ends by pos.
    """

    def __init__(self, text: str, sections=()):
        self.text = text
        self.sections = sections
        self._by_id: Optional[dict] = None      # built when a number with a unit first asks
        self._years: dict = {}
        self._goals: dict = {}
        self._chains: dict = {}

    def chain(self, section: Section) -> tuple[list[Section], bool]:
        """The section and its ancestors, and whether one of them is titled as a past assessment."""
        key = id(section)        # the document's sections outlive this object
        if key not in self._chains:
            if self._by_id is None:
                self._by_id = {s.id: s for s in self.sections}
            chain = _chain(section, self._by_id)
            self._chains[key] = chain, any(s.title and _PAST_TITLE.search(s.title) for s in chain)
        return self._chains[key]

    def year_cues(self, section: Section) -> list:
        span = (section.start, section.end)
        if span not in self._years:
            self._years[span] = list(_YEAR_CUE.finditer(self.text, *span))
        return self._years[span]

    def goal_end(self, section: Section) -> Optional[int]:
        span = (section.start, section.end)
        if span not in self._goals:
            m = _GOAL.search(self.text, *span)
            self._goals[span] = m.end() if m else None
        return self._goals[span]


# the words of an aim; in a section, "chỉ tiêu" and "định hướng" too
_AIM_WORDS = r"mục tiêu|phấn đấu|phần đấu|phân đấu"
_AIM_IN_CLAUSE = regex.compile(r"(?i)" + _AIM_WORDS)
_GOAL = regex.compile(r"(?i)" + _AIM_WORDS + r"|chỉ tiêu|định hướng")


def _aim_without_year(doc_type: Optional[str], before: str, scans, section: Section, chain: list[Section],
                      pos: int) -> bool:
    """Whether a quantity with no year is an aim. A plan's quantities are aims throughout.
    In a document of rules (a law, decree, circular) a section's "chỉ tiêu" are its criteria
    and its numbers thresholds ("được tối đa 4 điểm", "ít nhất 02 dự án"): only a clause
    that itself speaks of an aim makes one. Elsewhere the words of an aim in the section or
    a heading do."""
    if doc_type in lexicon.doc_types_with_role("plan"):
        return True
    if doc_type in lexicon.doc_types_with_role("rules"):
        return _AIM_IN_CLAUSE.search(before) is not None
    return _goal_context(scans, section, chain, pos)


def _goal_context(scans, section: Section, chain: list[Section], pos: int) -> bool:
    """Without a year, a quantity is a target only where the text speaks of aims."""
    goal_end = scans.goal_end(section)
    if goal_end is not None and goal_end <= pos:
        return True
    return any(s.title and _GOAL.search(s.title) for s in chain)


def _comparator(before: str, after: str) -> str:
    if _OR_MORE.match(after):
        return "gte"
    if _OR_LESS.match(after):
        return "lte"
    m = _COMPARATOR.search(before[-40:])
    if m:
        return m.lastgroup
    return "eq"


def _baseline(text: str, clause_start: int, m, unit_end: int) -> Optional[dict]:
    left = text[max(clause_start, m.start() - 40):m.start()]
    b = _BASELINE_FROM.search(left)
    if b:
        return {"value": as_number(parse_number(b.group(1))), "year": b.group(2)}
    c = _BASELINE_CMP.match(text, unit_end)
    if c:
        return {"value": None, "year": c.group(1)}
    return None


_INDICATOR_START = regex.compile(r"(?:^|[,;:]\s+|\b(?:Đến|đến)\s+(?:cuối\s+)?năm\s+\d{4},?\s+)")


def _indicator_start(text: str, clause_start: int, pos: int) -> int:
    seg = text[clause_start:pos]
    lead = len(seg) - len(seg.lstrip(" -+•*()0123456789.)"))
    return clause_start + lead


_HEDGES = regex.compile(r"\s*\b(?:phấn đấu|phần đấu|phân đấu|đạt|khoảng|trên|từ|ít nhất|tối thiểu|tối đa|mức|là|lên|"
                        r"tăng|có thêm|thêm|sản lượng)\b\s*$", regex.I)


_BY_YEAR_OPENING = regex.compile(r"^(?:Đến|đến)\s+(?:cuối\s+)?năm\s+\d{4},?\s*")
_AIM_OPENING = regex.compile(r"^(?:phấn đấu|Phấn đấu|Phân đầu|Phần đầu)\s+")
_PERIOD_CLOSING = regex.compile(r"\s*giai đoạn\s+\d{4}\s*[-–]\s*\d{4}\s*$")


def _indicator(phrase: str) -> Optional[str]:
    phrase = _BY_YEAR_OPENING.sub("", phrase.strip())
    phrase = _AIM_OPENING.sub("", phrase)
    for _ in range(4):
        new = _HEDGES.sub("", phrase)
        if new == phrase:
            break
        phrase = new
    phrase = _PERIOD_CLOSING.sub("", phrase).strip(" ,;:")
    return phrase[:1].upper() + phrase[1:] if phrase else None
