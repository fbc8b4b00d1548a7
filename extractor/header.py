"""The document header: issuer, number, place and date, type, trích yếu."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from . import lexicon
from .models import Metadata, NormText
from .normalise import fold, tone_normalise
from .patterns import PREAMBLE_START, match_marker, upper_share

MOTTO = regex.compile(r"(?i)^(?:cộng hòa xã hội chủ nghĩa việt nam|cộng hoà xã hội chủ nghĩa việt nam"
                      r"|độc lập\s*[-–]\s*tự do\s*[-–]\s*hạnh phúc|đảng cộng sản việt nam)\b")
NUMBER = regex.compile(
    r"^(?:(?:Nghị quyết|Quyết định|Nghị định|Thông tư|Luật|Chỉ thị|Kế hoạch|Lệnh|Pháp lệnh)\s+)?"
    r"(?:Số|SỐ|số|Số hiệu)\s*:?\s*(?P<num>(?:[\w.]+(?: \d+)*(?=\s*[/\-–])|[\w.]+|(?=/))(?:\s*[/\-–]\s*[\w.]*)*)")
DATE_LINE = regex.compile(
    r"(?:(?:^|\s)(?P<place>[^\s,\d][^,\d]{1,40}?)\s*,\s*|^)[nN]gày\s*(?P<d>\d{1,2})?\s*(?:[-/.]\s*)?tháng\s*(?P<m>\d{1,2})?"
    r"\s*(?:[-/.]\s*)?năm\s*(?P<y>\d{4})")
# The number line as OCR leaves it: 'Số' misread ('ô:', 'Sô:'), after a stamp's marks, or the
# handwritten figures read as noise ('Số: ^ Ổ/2024/TT-BCT', kept as printed so the file name may fill the number).
_SCANNED_NUMBER = regex.compile(r"(?:^|(?<=\s))(?:[Ss][ốôoỐÔ]|[ốô])\s*:\s*(?P<num>(?:\d{1,5}|[^\d/\n]{0,5})\s*/\s*[\w.]+"
                                r"(?:\s*[/\-–]\s*[\w.]+)*)")
_PLACE_DATE = regex.compile(r"^[^\d,]{2,40},\s*ngày\b[^,;]{0,30}năm\s*\d{4}\s*$")
RULE = regex.compile(r"^[-–—_*=.…\s]+$")
ORG_HEAD = regex.compile(
    r"^(?:ỦY BAN|UỶ BAN|UBND|HỘI ĐỒNG|HĐND|SỞ|BAN|BỘ|CỤC|TỔNG CỤC|VĂN PHÒNG|CHÍNH PHỦ|QUỐC HỘI|TỈNH ỦY|TỈNH UỶ"
    r"|THÀNH ỦY|HUYỆN ỦY|ĐẢNG ỦY|ĐẢNG BỘ|BỘ CHÍNH TRỊ|THỦ TƯỚNG|CHỦ TỊCH|BỘ TRƯỞNG|TRUNG ƯƠNG|LIÊN|THANH TRA"
    r"|KIỂM TOÁN|TÒA ÁN|VIỆN KIỂM SÁT|NGÂN HÀNG|ĐOÀN|MẶT TRẬN|THƯỜNG TRỰC|CÔNG AN|BỘ CHỈ HUY)\b")
PLACE_WORDS = regex.compile(r"^(?:TỈNH|THÀNH PHỐ|HUYỆN|XÃ|PHƯỜNG|QUẬN|THỊ XÃ|TP\.?)\b")
# compiled once here rather than looked up in regex's cache at every call
_SPACES = regex.compile(r"\s+")
_DIGIT = regex.compile(r"\d")
_DIGIT_OR_SLASH = regex.compile(r"[\d/]")
_DIEU_HEADING = regex.compile(r"(?:Điều|ĐIỀU)\s+\d+\s*[.:]")
_ADDRESSEE_ITEM = regex.compile(r"^[-+•]\s*")


@dataclass
class HeaderResult:
    metadata: Metadata
    body_from: int                      # first line index after the header
    issuer_line: Optional[str] = None   # "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN" after the title
    printed_number: Optional[str] = None  # as printed, also when left blank ("/2025/QĐ-UBND")
    notes: list[str] = field(default_factory=list)


def parse(norm: NormText, lines: list[tuple[int, int, str]]) -> HeaderResult:
    meta = Metadata()
    issuer_block: list[str] = []
    authority_lines: list[str] = []
    of_phrase: Optional[str] = None
    title_lines: list[str] = []
    state = "top"            # top → title → after
    body_from = 0
    seen_type = False
    printed_number = None
    skip: set[int] = set()
    for i, raw in _header_cells(lines):
        text = raw.strip()
        body_from = i
        if not text:
            if state == "title" and title_lines:
                state = "after"
            continue
        if RULE.match(text) or MOTTO.match(text) or i in skip:
            continue
        if _ADDRESSEE.match(text):
            # "Kính gửi:" and its list of addressees belong to the header, not the body
            skip.update(_addressee_lines(lines, i))
            state = "after" if seen_type else state
            continue
        if i > 80 or (state != "title" and _starts_body(text, seen_type)):
            break
        if state == "title" and title_lines and _starts_body(text, seen_type) and not text[:1].islower():
            break
        m = NUMBER.match(text)
        if meta.number is None and (m is None or not _DIGIT_OR_SLASH.search(m.group("num"))):
            m = _SCANNED_NUMBER.search(text) or m      # also after a stamp's noise on the line
        if m and meta.number is None and not seen_type:
            printed_number = _SPACES.sub("", m.group("num"))
            meta.number = _clean_number(m.group("num"))
            rest = text[m.end():]
            _take_date(meta, rest)
            continue
        if meta.issued_date is None and meta.place is None and not seen_type and _take_date(meta, text):
            continue
        if meta.issued_date is None and meta.place is None and _PLACE_DATE.match(text) and _take_date(meta, text):
            continue        # the right column read after a công văn's V/v block
        if not seen_type:
            dt = _doc_type_line(text)
            if dt:
                meta.doc_type, extra = dt
                seen_type = True
                state = "title"
                if extra:
                    if extra.upper().startswith("CỦA "):
                        of_phrase = extra[4:]
                    else:
                        title_lines.append(extra)
                continue
            if text.startswith(("V/v", "V/V", "v/v")):
                meta.doc_type = meta.doc_type or "Công văn"
                title_lines.append(text[3:].strip(" :"))
                seen_type, state = True, "title"
                continue
            cut = _INLINE_MOTTO.sub("", text).strip(" _|")
            if cut and upper_share(cut) > 0.7 and len(cut) < 90:
                issuer_block.append(cut)
                continue
            if PREAMBLE_START.match(text) or len(text) > 200:
                break
            continue
        # after the type line
        if text.upper().startswith("CỦA ") and upper_share(text) > 0.7 and not title_lines:
            of_phrase = text[4:]
            continue
        if state == "title" and title_lines and upper_share(text) > 0.7 and ORG_HEAD.match(text) \
                and (upper_share(title_lines[-1]) < 0.7 or _before_preamble(lines, i)):
            authority_lines.append(text)
            state = "after"
            continue
        if state == "title" and (not title_lines or _title_continues(title_lines, text)):
            if text.startswith(("V/v", "V/V")):
                text = text[3:].strip(" :")
            title_lines.append(text)
            continue
        if state in ("title", "after") and upper_share(text) > 0.7 and len(text) < 120:
            authority_lines.append(text)
            state = "after"
            continue
        break
    else:
        body_from = len(lines)
    meta.title = " ".join(" ".join(title_lines).split()) or None
    if meta.issued_date is None:
        meta.issued_date = _passed_on(norm.text)
    meta.issuer = _issuer(issuer_block, authority_lines, of_phrase, meta, norm, printed_number)
    if meta.place:
        p = lexicon.province(meta.place)
        if p:
            meta.place = p[0]
    if not meta.doc_type and printed_number:
        meta.doc_type = lexicon.doc_type_from_number(printed_number)
    return HeaderResult(metadata=meta, body_from=body_from, printed_number=printed_number)


_PASSED = regex.compile(r"thông qua (?:ngày|vào ngày)\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})")


def _passed_on(text: str) -> Optional[str]:
    """Laws and resolutions of elected bodies close with '… thông qua ngày …'."""
    m = None
    for m in _PASSED.finditer(text, pos=max(0, len(text) - 3000)):
        pass
    if not m:
        return None
    return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"


def _header_cells(lines):
    """(line index, text) with table cells of a line as separate entries: Word and HTML
    headers put the issuer block and the motto in two cells of one row."""
    for i, (_, _, raw) in enumerate(lines):
        if "\t" in raw and i < 40:
            for cell in raw.split("\t"):
                yield i, cell
        else:
            yield i, raw


def _starts_body(text: str, seen_type: bool) -> bool:
    if not seen_type:
        return bool(_DIEU_HEADING.match(text))
    found = match_marker(text)
    if found and found[0] != "bullet":
        return True
    return bool(PREAMBLE_START.match(text)) or len(text) > 260


_ADDRESSEE = regex.compile(r"^(?:Kính gửi|KÍNH GỬI)\s*:?")


def _addressee_lines(lines, i: int) -> set[int]:
    """Indices of the addressee items after a 'Kính gửi:' line."""
    out = set()
    for k in range(i + 1, min(len(lines), i + 30)):
        text = lines[k][2].strip()
        if not text:
            continue
        if _ADDRESSEE_ITEM.match(text) and len(text) < 200:
            out.add(k)
            continue
        break
    return out


def _before_preamble(lines, i: int) -> bool:
    """The issuing-authority line: followed by a session line or the căn cứ block."""
    for _, _, raw in lines[i + 1:i + 4]:
        text = raw.strip()
        if text:
            return bool(PREAMBLE_START.match(text) or regex.match(r"(?i)^(?:kh[oó]a|kỳ họp)\b", text))
    return False


def _title_continues(title_lines: list[str], text: str) -> bool:
    found = match_marker(text)
    if found and found[0] not in ("bullet",):
        return False
    if regex.match(r"(?i)^kh[oó]a\s+[IVXL]+", text):
        return False
    prev = title_lines[-1]
    if upper_share(prev) > 0.7:
        return upper_share(text) > 0.7 or text[:1].islower()
    return text[:1].islower() or (not prev.endswith((".", ";", ":")) and len(text) < 120
                                  and not PREAMBLE_START.match(text))


def _clean_number(num: str) -> Optional[str]:
    num = _SPACES.sub("", num).replace("–", "-").strip(".,;:")
    if not num or not _DIGIT.search(num.split("/")[0]):
        return None      # blank ('/2025/QĐ-UBND') or written by hand and lost to OCR ('^Ổ/2024/TT-BCT')
    return num


def _take_date(meta: Metadata, text: str) -> bool:
    m = DATE_LINE.search(text)
    if not m:
        return False
    place = (m.group("place") or "").strip(" *_:")
    meta.place = place or None
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    if mo and d:
        meta.issued_date = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    elif mo:
        meta.issued_date = f"{int(y):04d}-{int(mo):02d}"
    else:
        meta.issued_date = y
    return True


@lru_cache(maxsize=1)
def _folded_doc_types() -> list[tuple[str, str]]:
    """(name, folded name) of each document type, longest first; folded once, not per line."""
    return [(name, fold(name)) for name in lexicon.doc_type_names()]


def _doc_type_line(text: str) -> Optional[tuple[str, str]]:
    """'NGHỊ QUYẾT', 'THÔNG TƯ LIÊN TỊCH', 'NGHỊ QUYẾT CỦA BAN …' → (type, rest).
    Compared without diacritics, so OCR slips ('QUYÉT ĐỊNH') still match."""
    if upper_share(text) < 0.7:
        return None
    folded = fold(text)
    for name, up in _folded_doc_types():
        if folded.startswith(up) and (len(text) == len(up) or not text[len(up)].isalpha()):
            rest = text[len(up):].strip(" :")
            canonical = lexicon.doc_type_from_word(name) or name
            if canonical == "Văn bản" and rest:
                return None
            return canonical, rest
    return None


# ----------------------------------------------------------------- issuer
def _issuer(block: list[str], authority: list[str], of_phrase: Optional[str], meta: Metadata,
            norm: NormText, printed_number: Optional[str]) -> Optional[str]:
    name = _issuer_from_block(block)
    if not name and authority:
        name = _strip_session(authority[0])
        name = regex.sub(r"^(?:CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|TỔNG GIÁM ĐỐC|GIÁM ĐỐC)\s+(?=\S)", "", name) \
            if not regex.match(r"^(?:CHỦ TỊCH NƯỚC|THỦ TƯỚNG CHÍNH PHỦ)$", name) else name
    if not name and of_phrase:
        name = of_phrase
    if not name and printed_number:
        name = _issuer_from_code(printed_number)
    if not name:
        return None
    name = expand_abbreviations(lexicon.proper_case(tone_normalise(name)))   # 'UỶ BAN' is 'ỦY BAN'
    name = lexicon.province_case(name)
    if regex.search(r"\b(?:tỉnh|thành phố)$", name):
        province = _province_of(meta, norm)
        if province:
            name = regex.sub(r"\b(?:tỉnh|thành phố)$", f"{province[1]} {province[0]}", name)
    return name


_INLINE_MOTTO = regex.compile(r"[\s_|]*(?:CỘNG H[OÒ]A|CỘNG HOÀ|ĐẢNG CỘNG SẢN|Độc lập\s*[-–]\s*Tự do)\b.*$")


def _issuer_from_block(block: list[str]) -> Optional[str]:
    """The issuing body: the last organisation named in the top-left block."""
    # OCR and flattened layouts run the motto into the issuer line
    block = [_INLINE_MOTTO.sub("", line).strip(" _|") for line in block]
    block = [line for line in block if line]
    if not block:
        return None
    names: list[str] = []
    for line in block:
        if names and (PLACE_WORDS.match(line) or not ORG_HEAD.match(line)
                      or names[-1].endswith(("THƯỜNG VỤ", " VÀ", " CỦA", "TRUNG ƯƠNG"))):
            names[-1] += " " + line
        else:
            names.append(line)
    return names[-1]


def _strip_session(line: str) -> str:
    return regex.split(r"\s*[,\-–]?\s*KH[OÓ]A\s+[IVXL]+", line)[0].strip()


CODE_ISSUERS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "TU": "Tỉnh ủy",
                "CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ", "TW": "Ban Chấp hành Trung ương"}


def _issuer_from_code(number: str) -> Optional[str]:
    code = regex.split(r"[-/]", number)[-1]
    body = CODE_ISSUERS.get(code)
    if body in ("Ủy ban nhân dân", "Hội đồng nhân dân", "Tỉnh ủy") :
        return body + (" tỉnh" if body != "Tỉnh ủy" else "")
    return body


def _province_of(meta: Metadata, norm: NormText):
    if meta.place:
        p = lexicon.province(meta.place)
        if p:
            return p
    found = Counter(lexicon.provinces_in(norm.fold))
    if found:
        return lexicon.province(found.most_common(1)[0][0])
    return None


ABBREVIATIONS = [(regex.compile(pat), rep) for pat, rep in [
    (r"\bUBND\b", "Ủy ban nhân dân"), (r"\bHĐND\b", "Hội đồng nhân dân"), (r"\bBTV\b", "Ban Thường vụ"),
    (r"\bMTTQ\b", "Mặt trận Tổ quốc"), (r"\bTP\.\s*", "thành phố ")]]


def expand_abbreviations(name: str) -> str:
    for pat, rep in ABBREVIATIONS:
        name = pat.sub(rep, name)
    return name
