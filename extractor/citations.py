"""Citations of other documents: numbered (three numbering families) and named.

A citation is found by its number (or, for unnumbered laws and party congress
documents, by its name); the words around it give the type, date, issuer, title,
pinpoint and the relation the citing clause expresses.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import re

import regex

from . import lexicon
from .header import expand_abbreviations
from .normalise import fold
from .models import Citation, Segmented
from .patterns import matches_at

# ----------------------------------------------------------------- numbers
_CODE = r"[A-ZĐ][A-Za-zĐđ]{0,11}\d{0,2}"
_NUM = r"\d{1,5}(?:\.\d{1,3})?[a-zđ]?"
_NUMBER = regex.compile(
    r"(?<![\w/.\-])(?:"
    rf"(?P<norm>{_NUM}\s?/\s?(?:19|20)\d\d\s?/\s?{_CODE}(?:\s?-\s?{_CODE}(?:&{_CODE})?)*)"   # 111/2015/NĐ-CP
    rf"|(?P<party>{_NUM}\s?-\s?{_CODE}\s?/\s?{_CODE}(?:\s?-\s?{_CODE})*)"                      # 23-NQ/TW
    rf"|(?P<admin>{_NUM}\s?/\s?{_CODE}(?:&{_CODE})?(?:\s?-\s?{_CODE}(?:&{_CODE})?)+)"          # 184/TTr-UBND
    r")(?![\w/])")

# Every number has a '/' at most 28 characters after its start ('23-NQ/TW': a _NUM of at most
# 10 characters, a space, '-', a space, a _CODE of at most 14, a space): _NUMBER is tried only at
# the digits that close before a slash which may start it, found with the plain re module.
_SLASH_REACH = 10 + 3 + 14 + 1
# a digit not inside a word. A subset of the places _NUMBER's look-behind lets through, checked
# on ASCII only, since re's and regex's \w differ beyond it; regex knows a few astral digits re does not.
_NUMBER_START = re.compile(r"(?<![A-Za-z0-9_/.\-])[\d\U00010000-\U0010FFFF]")

# Codes printed with D for Đ: the scorer folds Đ anyway, but the record keeps the official form.
_ASSEMBLY_NUMBER = regex.compile(r"/(?:19|20)\d\d/(?:QH|UBTVQH)\d*$")
_D_CODES = {"ND": "NĐ", "QD": "QĐ", "HDND": "HĐND", "QDi": "QĐi", "BKHDT": "BKHĐT", "BGDDT": "BGDĐT",
            "BLDTBXH": "BLĐTBXH", "CD": "CĐ", "SKHDT": "SKHĐT"}

_TYPE_WORDS = ("Nghị quyết liên tịch|Thông tư liên tịch|Văn bản hợp nhất|Nghị quyết|Nghị định|Quyết định|"
               "Thông tư|Chỉ thị|Kết luận|Quy chế|Quy định|Thông báo|Hướng dẫn|"
               "Chương trình|Kế hoạch|Phương án|Đề án|Dự án|Báo cáo|Tờ trình|Công văn|Công điện|Văn bản|"
               "Bộ luật|Luật|Pháp lệnh|Lệnh|Hiến pháp")
_HEAD_BEFORE = regex.compile(
    rf"(?P<type>{_TYPE_WORDS})(?:\s+(?:thẩm tra|liên tịch|hành động))?"
    rf"(?P<name>\s+(?!số\b|{_TYPE_WORDS})[^\s;:,.()]+(?:,?\s+(?!số\b|{_TYPE_WORDS})[^\s;:,.()]+){{0,12}}?)?"
    r"\s*(?:số\s*:?\s*)?$", regex.V1)
_LIST_HEAD = regex.compile(rf"(?:các|những)\s+(?P<type>{_TYPE_WORDS})(?P<rest>[^:;]{{0,120}}):\s*[^:]*$")

_DATE = regex.compile(
    r"\s*,?\s*(?:ban hành\s+)?ngày\s*(?P<d>\d{1,2})\s*(?:tháng\s*|[/\-.]\s*)(?P<m>\d{1,2})\s*(?:năm\s*|[/\-.]\s*)(?P<y>\d{4})")
_YEAR = regex.compile(r"\s*,?\s*(?:năm\s+)?(?P<y>(?:19|20)\d\d)\b")
_OF = regex.compile(r"\s*,?\s*của\s+(?P<who>[^;.\n]{2,160})")
_ISSUER_END = regex.compile(
    r"\s+(?:về|phê duyệt|ban hành|quy định|hướng dẫn|thực hiện|sửa đổi|bổ sung|triển khai|tại|đã|được|"
    r"khóa|khoá|Khóa|Khoá|ngày|nhằm|để|trong|với|cho|như|theo|(?:tháng|năm)\s+\d)\b|[,;:(“\"]|\s+và\s+(?=\p{Ll})")
_TITLE_START = regex.compile(
    r"\s*,?\s*(?P<title>(?:về|quy định|phê duyệt|ban hành|hướng dẫn|sửa đổi|bổ sung|bãi bỏ|thông qua|"
    r"thực hiện|triển khai|tiếp tục|điều chỉnh|giao|thành lập)\b[^;\n]*)")
_TITLE_END = regex.compile(r"\s*(?:;|\.\s|\.$|\(sau đây|\s(?:và|,)\s(?:các\s)?(?:" + _TYPE_WORDS + r")\s+số\b"
                           r"|,\s+(?:số\s+\d)|\s+số\s+\d)")
_PINPOINT = regex.compile(
    r"(?P<pin>(?:(?:điểm|Điểm)\s+[a-zđ](?:,\s*[a-zđ])*\s+)?(?:(?:khoản|Khoản)\s+\d+(?:,\s*\d+)*\s+)?"
    r"(?:Điều|điều)\s+\d+[a-zđ]?|(?:điểm|Điểm)\s+[a-zđ]\s+khoản\s+\d+|(?:khoản|Khoản)\s+\d+(?:\s+Điều\s+\d+)?)"
    r"\s+(?:của\s+)?$")

# ----------------------------------------------------------------- named documents
_LAW_WORDS = r"(?: +(?!(?:số|năm|ngày) *\d)(?!và +(?:Luật|Bộ luật)\b)[\p{L}\-]+|, +(?!các\b|những\b|và\b)(?=\p{Ll}))*"
_LAW = regex.compile(
    r"(?<![\p{L}])(?P<type>Bộ luật|Luật|Pháp lệnh)(?P<rest> +\p{Lu}[\p{L}\-]*" + _LAW_WORDS + ")"
    r"|(?<![\p{L}])(?P<type>Hiến pháp)(?P<rest>)"
    r"|(?<![\p{L}])(?P<type>Luật)(?P<rest> +sửa đổi, *bổ sung(?: +(?!(?:số|năm|ngày) *\d)[\p{L}\-,]+)*)", regex.V1)
# where a law's name ends: words that no law's title holds ("Luật Dược hoặc …", "Bộ luật Dân sự
# nhưng …", "Luật Đất đai cho …"); "theo", "tại", "ở", "và", "không", "chưa" do stand in titles
# ("Luật Đầu tư theo phương thức đối tác công tư", "Luật Hàng không dân dụng Việt Nam", "Luật Tư
# pháp người chưa thành niên")
_LAW_TAIL = regex.compile(
    r"\s+(?:đã được|được|của|thì|để|có|quy định|hiện hành|này|hướng dẫn|nước Cộng|về|và các|và Nghị|và Quyết|"
    r"và Thông|và văn bản|và (?:điểm|khoản|Điều|phù hợp)|hoặc|nhưng|cho|còn|phải|khi|là|mà|nếu|bị|sẽ|đã|nhằm|"
    r"sửa đổi(?!,\s*bổ sung một số điều)|(?:năm|ngày|số)(?=\s*\d))\b")
# Unnumbered documents named by a quoted title or by "của <body> về <subject>"
_QUOTED = regex.compile(r"(?P<type>Đề án|Chương trình|Kế hoạch|Dự án|Phương án)\s+[“\"][^”\"\n]{5,250}[”\"]")
_OF_ABOUT = regex.compile(
    r"(?P<type>Nghị quyết|Kế hoạch|Chương trình|Chỉ thị|Kết luận|Đề án)\s+của\s+"
    r"(?P<who>(?:Tỉnh ủy|Thành ủy|Quốc hội|Chính phủ|Bộ Chính trị|Ban Bí thư|Ban Thường vụ Tỉnh ủy|Ban Chấp hành"
    r"[\p{L} ]{0,40}?|Ủy ban nhân dân tỉnh|UBND tỉnh|Hội đồng nhân dân tỉnh|HĐND tỉnh|Thủ tướng Chính phủ))"
    r"\s+về\s+[^;.\n]{5,250}")
_AMENDING_LAW_TAIL = regex.compile(r"\s+(?:đã được|được|thì|để|có|quy định|hiện hành|này|(?:năm|ngày|số)(?=\s*\d))\b")
_CONGRESS = regex.compile(
    r"(?P<type>Nghị quyết|Văn kiện|Báo cáo chính trị)\s+(?P<who>Đại hội(?:\s+(?:đại biểu|Đảng bộ|Đảng|toàn quốc|tỉnh|"
    r"thành phố|huyện|lần thứ\s+[IVXL]+|[IVXL]+|của Đảng))+)")

# The words the four patterns above start with. Each begins with the one capital it holds, so
# no two occurrences overlap and one scan of the text with the plain re module finds them all;
# a pattern is then tried only where one of its words stands.
_NAMED_STARTS = {
    _LAW: ("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp"),
    _CONGRESS: ("Nghị quyết", "Văn kiện", "Báo cáo chính trị"),
    _QUOTED: ("Đề án", "Chương trình", "Kế hoạch", "Dự án", "Phương án"),
    _OF_ABOUT: ("Nghị quyết", "Kế hoạch", "Chương trình", "Chỉ thị", "Kết luận", "Đề án"),
}
_NAMED_WORD = re.compile("|".join(sorted({w for words in _NAMED_STARTS.values() for w in words})))
_PATTERNS_OF = {w: [p for p, words in _NAMED_STARTS.items() if w in words] for words in _NAMED_STARTS.values()
                for w in words}
# What three of the patterns need after their word and r"\s+": a start where it is missing is
# one where the pattern fails, so leaving it out changes nothing matches_at yields.
_NEXT_WORDS = {_CONGRESS: ("Đại hội",), _QUOTED: ("“", '"'), _OF_ABOUT: ("của",)}

RELATION_TRIGGERS = [
    ("repeals", r"bãi bỏ|hủy bỏ|huỷ bỏ|hết hiệu lực"),
    ("replaces", r"thay thế"),
    ("amends", r"sửa đổi|bổ sung|đính chính"),
    ("guides", r"hướng dẫn|quy định chi tiết"),
    ("implements", r"thực hiện|triển khai|cụ thể hóa|cụ thể hoá"),
    ("references", r"\btheo\b|\btại\b|\bnhư\b|\bcăn cứ\b|\bxét\b|so với"),
]
_TRIGGER = regex.compile("|".join(f"(?P<{name}>{pat})" for name, pat in RELATION_TRIGGERS), regex.I)
_PREAMBLE_KEYWORD = regex.compile(r"(?m)^\s*(Căn cứ|CĂN CỨ|Thực hiện|Xét|Theo|Sau khi)")
_REPEAL_WORDS = ("hết hiệu lực", "bị bãi bỏ", "được thay thế")
_AFTER_REPEAL = regex.compile(r"[^;.\n]{0,200}?\b(?:" + "|".join(_REPEAL_WORDS) + r")\b")
_REPEAL_REACH = 200 + max(map(len, _REPEAL_WORDS))      # where a match of _AFTER_REPEAL must end


@dataclass
class _Found:
    start: int
    end: int
    number: Optional[str]
    doc_type: Optional[str]
    name: Optional[str]
    issuer: Optional[str]


def extract_citations(seg: Segmented) -> list[Citation]:
    text = seg.text
    limit = seg.closing_start or len(text)
    own = _number_key(seg.metadata.number)
    numbered = [f for f in _numbered(text, limit) if _number_key(f.number) != own]
    _repair_truncated_numbers(numbered)
    keywords = _PreambleKeywords(text)
    cites = [_complete(seg, f, keywords) for f in numbered]
    # names inside a numbered citation (its title) are part of it, not citations of their own
    taken = [(c.start, c.end) for c in cites]
    for f in _named(text, limit, seg.metadata.issuer):
        if not _overlaps(f, taken):
            cites.append(_complete(seg, f, keywords))
            taken.append((cites[-1].start, cites[-1].end))
    cites.sort(key=lambda c: c.start)
    _number_named_mentions(cites)
    return cites


def _number_named_mentions(cites: list[Citation]) -> None:
    """'Luật Lâm nghiệp' cited by name after 'Luật Lâm nghiệp số 16/2017/QH14' is that law."""
    by_name = {c.name: c for c in cites if c.name and c.number}
    for c in cites:
        known = by_name.get(c.name) if c.name and not c.number else None
        if known:
            c.number, c.issuer = known.number, c.issuer or known.issuer


def _repair_truncated_numbers(found: list[_Found]) -> None:
    """'709/QĐ-TT' beside '709/QĐ-TTg' in one document is the same number cut short."""
    numbers = sorted({f.number for f in found if f.number})
    for f in found:
        if f.number:
            longer = [n for n in _starting_with(numbers, f.number) if n != f.number and n[len(f.number)].isalpha()]
            if len(longer) == 1:
                f.number = longer[0]


def _starting_with(ordered: list[str], prefix: str):
    """The strings of a sorted list that start with prefix: they stand together from where prefix would go."""
    for i in range(bisect.bisect_left(ordered, prefix), len(ordered)):
        if not ordered[i].startswith(prefix):
            return
        yield ordered[i]


# ----------------------------------------------------------------- finding
def _number_starts(text: str, limit: int) -> list[int]:
    """Every place before limit where a _NUMBER match can start, in order (and some where it cannot)."""
    starts = set()
    slash = text.find("/", 0, limit)
    while slash != -1:
        for d in _NUMBER_START.finditer(text, max(0, slash - _SLASH_REACH), slash):
            starts.add(d.start())
        slash = text.find("/", slash + 1, limit)
    return sorted(starts)


def _numbered(text: str, limit: int):
    for m in matches_at(_NUMBER, _number_starts(text, limit), text, limit):
        number = _normalise_number(m.group())
        code_type = _doc_type_from_number(number)
        left = text[max(0, m.start() - 160):m.start()]
        near = left[-90:]
        head = _HEAD_BEFORE.search(near)
        start, doc_type, name = m.start(), None, None
        assembly = _ASSEMBLY_NUMBER.search(number) is not None
        if head and (head.group("name") is None or head.group("type") in ("Luật", "Bộ luật", "Pháp lệnh")):
            head_type, head_name = head.group("type", "name")
            doc_type = _doc_type_from_word(head_type) or head_type
            start = m.start() - len(near) + head.start()
            if head_name and doc_type in ("Luật", "Bộ luật", "Pháp lệnh"):
                name = f"{head_type}{head_name}".strip()
        elif not _listed(left) and not assembly and not _known_code(number, code_type):
            continue          # a bare number with no type word and an unknown code is not a citation
        if doc_type in (None, "Văn bản") and code_type:
            doc_type = code_type
        if doc_type is None and assembly:
            # Quốc hội numbers carry no type code: a law when "Luật" heads the clause
            doc_type = "Luật" if "Luật" in left[-100:] and "UBTVQH" not in number else "Nghị quyết"
        issuer = _list_issuer(left) if not head else None
        yield _Found(start, m.end(), number, doc_type, name, issuer)


def _known_code(number: str, code_type: Optional[str]) -> bool:
    """A number without its type word counts when its codes are known ones: a type code
    (QĐ, NQ …), or for a công văn ('…/UBND-KT') an issuing body code."""
    if code_type and code_type != "Công văn":
        return True
    body = _NUMBER_PART.split(number)
    return code_type == "Công văn" and len(body) > 1 and body[1] in _issuer_codes()


def _listed(left: str) -> bool:
    """An item of a list that shares a head ('các Quyết định …: số A; số B')."""
    return bool(_LIST_ITEM_END.search(left)) and bool(_LIST_HEAD.search(left))


_LIST_ITEM_END = regex.compile(r"(?:^|[;:,]|\bvà)\s*(?:số\s*:?\s*)?$")


_OF_BODY = regex.compile(r"của\s+(.+)$")


def _list_issuer(left: str) -> Optional[str]:
    m = _LIST_HEAD.search(left)
    if not m:
        return None
    of = _OF_BODY.search(m.group("rest"))
    return _clean_issuer(of.group(1)) if of else None


def _named_starts(text: str, limit: int) -> dict:
    """For each named-document pattern, the places before limit where one of its words starts."""
    starts: dict = {pattern: [] for pattern in _NAMED_STARTS}
    for w in _NAMED_WORD.finditer(text, 0, limit):
        for pattern in _PATTERNS_OF[w.group()]:
            after = _NEXT_WORDS.get(pattern)
            if after is None or _may_follow(text, w.end(), after):
                starts[pattern].append(w.start())
    return starts


def _may_follow(text: str, pos: int, words: tuple) -> bool:
    r"""False when text[pos:] is not spaces and then one of words (as r"\s+(?:words)" needs).
    str.lstrip strips every \s character; long runs of spaces are left to the pattern."""
    head = text[pos:pos + 24]
    rest = head.lstrip()
    if len(rest) < 8:
        return True
    return len(rest) < len(head) and rest.startswith(words)


def _named(text: str, limit: int, own_issuer: Optional[str]):
    starts = _named_starts(text, limit)
    for m in matches_at(_LAW, starts[_LAW], text, limit):
        name = _cut_law_name(m.group("type") + m.group("rest"))
        if not name or name in ("Luật", "Bộ luật", "Pháp lệnh") or _REFERS_BACK.search(name):
            continue
        if _NOT_A_LAW.match(name):
            continue
        yield _Found(m.start(), m.start() + len(name), None,
                     _doc_type_from_word(m.group("type")) or m.group("type"), name, None)
    for m in matches_at(_CONGRESS, starts[_CONGRESS], text, limit):
        doc_type = "Nghị quyết" if m.group("type") == "Nghị quyết" else "Văn bản"
        yield _Found(m.start(), m.end(), None, doc_type, m.group(0), m.group("who"))
    for m in matches_at(_QUOTED, starts[_QUOTED], text, limit):
        yield _Found(m.start(), m.end(), None, _doc_type_from_word(m.group("type")) or "Văn bản",
                     m.group(0), None)
    for m in matches_at(_OF_ABOUT, starts[_OF_ABOUT], text, limit):
        doc_type = _doc_type_from_word(m.group("type"))
        if _same_body(m.group("who"), own_issuer):
            continue          # "Nghị quyết của Ban Chấp hành … về …" in its own text is the document itself
        name = m.group(0)
        end = _TITLE_END.search(name)
        name = name[:end.start()] if end else name
        yield _Found(m.start(), m.start() + len(name), None, doc_type, name.rstrip(" ,"), _clean_issuer(m.group("who")))


_REFERS_BACK = regex.compile(r"\b(?:này|nói trên|trên)$")        # "Luật này", "Luật nói trên"
_NOT_A_LAW = regex.compile(r"^Luật\s+(?:số|sư|gia|pháp)\b")      # "Luật sư", "luật gia"


def _same_body(who: str, own: Optional[str]) -> bool:
    a, b = fold(expand_abbreviations(who)), fold(own or "")
    return bool(a and b and (a in b or b in a))


def _cut_law_name(raw: str) -> str:
    tail = _AMENDING_LAW_TAIL if raw.startswith("Luật sửa đổi") else _LAW_TAIL
    end = tail.search(raw)
    name = raw[:end.start()] if end else raw
    # "Luật A và Luật B": the second law is its own citation, unless this one amends both
    if not name.startswith("Luật sửa đổi"):
        name = _AND_LAW.split(name)[0]
    return _TRAILING_AND.sub("", name.strip(" ,"))


_AND_LAW = regex.compile(r"\s+và\s+(?=Luật|Bộ luật)")
_TRAILING_AND = regex.compile(r"\s+(?:và|hoặc|với)$")


def _overlaps(f: _Found, spans) -> bool:
    return any(f.start < e and s < f.end for s, e in spans)


# ----------------------------------------------------------------- details
def _complete(seg: Segmented, f: _Found, keywords: "_PreambleKeywords") -> Citation:
    text = seg.text
    pos = f.end
    date, pos = _date_after(text, pos, f.number is None)
    issuer = f.issuer
    of = _OF.match(text, pos) if _may_open(text, pos, ("của",)) else None
    if of and not of.group("who").startswith(("Luật", "Nghị", "Quyết", "Thông")):
        who = _clean_issuer(of.group("who"))
        if who:
            issuer = who
            pos = of.start("who") + len(_issuer_raw(of.group("who")))
            if date is None:
                date, pos = _date_after(text, pos, False)
    if issuer is None and f.number:
        issuer = _issuer_from_code(f.number)
    title, end = _title_after(text, pos)
    section = seg.section_at(f.start)
    return Citation(
        text=text[f.start:end], doc_type=f.doc_type, number=f.number, issued_date=date, issuer=issuer,
        title=title, name=f.name, relation=_relation(seg, f, section, keywords), pinpoint=_pinpoint(text, f.start),
        section=section.id if section else None, start=f.start, end=end, page=seg.norm.page_at(f.start))


def _date_after(text: str, pos: int, year_ok: bool) -> tuple[Optional[str], int]:
    m = _DATE.match(text, pos) if _may_open(text, pos, _DATE_OPENINGS) else None
    if m:
        try:
            d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        except ValueError:
            return None, pos
        if 1 <= d <= 31 and 1 <= mo <= 12:
            return f"{y:04d}-{mo:02d}-{d:02d}", m.end()
    if year_ok and _may_open(text, pos, _YEAR_OPENINGS):
        m = _YEAR.match(text, pos)
        if m:
            return m.group("y"), m.end()
    return None, pos


# _DATE, _YEAR, _OF and _TITLE_START all open with r"\s*,?\s*" and then one of a few words:
# most citations are followed by none of them, and a look at the next characters says so
# without running the pattern.
_DATE_OPENINGS = ("ngày", "ban hành")
_YEAR_OPENINGS = ("năm", "19", "20")
_TITLE_OPENINGS = ("về", "quy định", "phê duyệt", "ban hành", "hướng dẫn", "sửa đổi", "bổ sung", "bãi bỏ",
                   "thông qua", "thực hiện", "triển khai", "tiếp tục", "điều chỉnh", "giao", "thành lập")


def _may_open(text: str, pos: int, words: tuple) -> bool:
    r"""False when what follows pos, past spaces and one comma, begins with none of words.

    str.strip strips every character \s matches (and a few more, which the patterns would
    refuse anyway); when spaces fill the whole look-ahead, the pattern decides."""
    head = text[pos:pos + 32].lstrip()
    if head[:1] == ",":
        head = head[1:].lstrip()
    return len(head) < 12 or head.startswith(words)


def _issuer_raw(who: str) -> str:
    end = _ISSUER_END.search(who)
    return who[:end.start()] if end else who


def _clean_issuer(who: str) -> Optional[str]:
    raw = _issuer_raw(who).strip()
    if not raw or not raw[:1].isupper() or len(raw.split()) > 14:
        return None
    return expand_abbreviations(raw)


def _title_after(text: str, pos: int) -> tuple[Optional[str], int]:
    m = _TITLE_START.match(text, pos) if _may_open(text, pos, _TITLE_OPENINGS) else None
    if not m:
        return None, pos
    title = m.group("title")
    end = _TITLE_END.search(title)
    if end:
        title = title[:end.start()]
    title = title.rstrip(" ,.")
    if len(title) > 400:
        title = title[:400].rsplit(" ", 1)[0]
    return title or None, m.start("title") + len(title)


def _pinpoint(text: str, start: int) -> Optional[str]:
    left = text[max(0, start - 80):start]
    if "iều" not in left and "hoản" not in left:
        return None           # every pinpoint holds "Điều"/"điều" or "khoản"/"Khoản"
    if not _may_end_pinpoint(left):
        return None
    m = _PINPOINT.search(left)
    return " ".join(m.group("pin").split()) if m else None


def _may_end_pinpoint(left: str) -> bool:
    """False when left cannot end as _PINPOINT requires: a number or a number and a letter
    ('Điều 5', 'Điều 5a'), then spaces and perhaps 'của' and spaces. No \\d character is a
    letter or a space to str.isalpha / str.isspace, so 'not a letter' stands for 'maybe a digit'."""
    if not left[-1:].isspace():
        return False
    rest = left.rstrip()
    if rest.endswith("của"):
        rest = rest[:-3].rstrip()
    last, before = rest[-1:], rest[-2:-1]
    if not last.isalpha():
        return last != ""
    return last in _PIN_LETTERS and before != "" and not before.isalpha() and not before.isspace()


_PIN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzđ")


class _PreambleKeywords:
    """The last keyword opening a line of the preamble ("Căn cứ …", "Thực hiện …") before a
    citation, with the preamble scanned once per document instead of once per citation.
    A keyword match never runs into a citation (it ends in the keyword, which no citation
    starts inside), so the matches ending before a citation are those of a scan stopped there."""

    def __init__(self, text: str):
        self.text = text
        self._found: dict = {}

    def last_before(self, section, pos: int) -> Optional[str]:
        span = (section.start, section.end)
        if span not in self._found:
            self._found[span] = [(m.end(), m.group(1)) for m in _PREAMBLE_KEYWORD.finditer(self.text, *span)]
        last = None
        for end, keyword in self._found[span]:
            if end > pos:
                break
            last = keyword
        return last


def _relation(seg: Segmented, f: _Found, section, keywords: "_PreambleKeywords") -> str:
    text = seg.text
    if section is not None and section.kind == "preamble":
        keyword = keywords.last_before(section, f.start)
        if keyword and keyword.lower() == "căn cứ":
            return "basis"
        if keyword == "Thực hiện" and not _TRIGGER.search(text, max(section.start, f.start - 60), f.start):
            return "implements"
    after = text[f.end:f.end + _REPEAL_REACH]
    if any(w in after for w in _REPEAL_WORDS) and _AFTER_REPEAL.match(text, f.end):
        return "repeals"
    # the clause before the citation, at most 100 characters of it
    window = text[max(0, f.start - 100):f.start]
    return _clause_relation(window[max(window.rfind(c) for c in ";\n.:") + 1:])


@lru_cache(maxsize=4096)
def _clause_relation(left: str) -> str:
    """The relation named by the last trigger in left, the clause before a citation. Remembered:
    the same words lead up to many citations ('theo quy định tại ', 'Căn cứ … và ')."""
    last = _last_trigger(left)
    return "references" if last is None else last.lastgroup


# Searching from the right finds the last trigger at once. No two trigger words can overlap
# across a space (tests/test_fast_paths.py checks the list), so unless the one found directly
# follows a letter, no earlier match covers its start and a left-to-right scan ends on it too.
_TRIGGER_FROM_RIGHT = regex.compile("(?r)" + _TRIGGER.pattern, regex.I)


def _last_trigger(left: str):
    """The last match of _TRIGGER.finditer(left), or None."""
    m = _TRIGGER_FROM_RIGHT.search(left)
    if m is None or m.start() == 0 or not left[m.start() - 1].isalpha():
        return m
    last = None
    for last in _TRIGGER.finditer(left):
        pass
    return last


_SPACE_RUN = regex.compile(r"\s+")
_NUMBER_SEPARATOR = regex.compile(r"([/\-])")
_NUMBER_PART = regex.compile(r"[/\-]")
_TRAILING_DIGITS = regex.compile(r"\d+$")


@lru_cache(maxsize=4096)
def _normalise_number(raw: str) -> str:
    number = _SPACE_RUN.sub("", raw).replace("Ð", "Đ")
    parts = _NUMBER_SEPARATOR.split(number)
    return "".join(_D_CODES.get(p, p) for p in parts)


def _number_key(number: Optional[str]) -> str:
    return (number or "").upper().replace("Đ", "D")


# Pure look-ups asked again and again with the same few strings (a document cites a number many
# times, and the type words are few), so they are remembered.
_doc_type_from_number = lru_cache(maxsize=4096)(lexicon.doc_type_from_number)
_doc_type_from_word = lru_cache(maxsize=1024)(lexicon.doc_type_from_word)


@lru_cache(maxsize=None)
def _issuer_codes() -> dict[str, str]:
    return lexicon.load("issuer_codes.json")["codes"]


@lru_cache(maxsize=4096)          # a pure look-up, and the same numbers are cited again and again
def _issuer_from_code(number: str) -> Optional[str]:
    """NĐ-CP → Chính phủ, QĐ-TTg → Thủ tướng Chính phủ, 23-NQ/TW → Ban Chấp hành Trung ương."""
    codes = _issuer_codes()
    tail = _NUMBER_PART.split(number)
    for part in reversed(tail[1:]):
        key = _TRAILING_DIGITS.sub("", part)
        if key in codes:
            return codes[key]
    return None
