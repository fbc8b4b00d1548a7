"""Segment normalised text: header metadata, preamble, body tree, closing block.

The hierarchy follows the numbering, never the typography: a marker's type (Roman,
1., 2.1., a), (1), bullet …) is placed by the types already open above it.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import accumulate
from operator import add
from typing import Optional

import regex

from . import closing, header, lexicon
from .filename import number_from_name
from .models import Metadata, NormText, RawDocument, Section, Segmented
from .patterns import CLOSING_START, PREAMBLE_START, match_marker

LEGAL_RANK = {"phan": 0, "chuong": 1, "muc_luat": 2, "dieu": 3}
LEGAL_WORD = {"phan": "Phần", "chuong": "Chương", "muc_luat": "Mục", "dieu": "Điều"}
_DECISION_FORMULA = regex.compile(
    r"^(?:QUYẾT NGHỊ|QUYẾT ĐỊNH|ĐÃ QUYẾT ĐỊNH|CHỈ THỊ|BAN HÀNH|QUY ĐỊNH|KẾT LUẬN)\s*:?$")


def segment(raw: RawDocument, norm: NormText) -> Segmented:
    lines = _lines(norm)
    head = header.parse(norm, lines)
    close = closing.parse(norm, lines, head.body_from)
    sections: list[Section] = []
    body_from = head.body_from
    pre_end = _preamble_end(lines, body_from, close.start_line)
    if pre_end > body_from:
        s, e = lines[body_from][0], _trim_end(norm.text, lines[pre_end - 1][1])
        sections.append(Section(f"s{len(sections) + 1}", None, "", "preamble", None, s, e, norm.page_at(s)))
        body_from = pre_end
    sections.extend(_body(norm, lines, body_from, close.start_line, len(sections) + 1))
    if close.start_line < len(lines):
        s = lines[close.start_line][0]
        e = len(norm.text) if close.end_line >= len(lines) else _trim_end(norm.text, lines[close.end_line - 1][1])
        sections.append(Section(f"s{len(sections) + 1}", None, "", "closing", None, s, e, norm.page_at(s)))
    if close.end_line < len(lines):
        # an appendix (the Quy chế a Quyết định issues) follows the signature
        sections.extend(_body(norm, lines, close.end_line, len(lines), len(sections) + 1))
    meta = head.metadata
    _number_source(meta, raw.path, head.printed_number)
    meta.signers = close.signers
    meta.recipients = close.recipients
    meta.effective = closing.effective(norm.text, meta.issued_date)
    body_start = sections[0].start if sections else 0
    closing_start = lines[close.start_line][0] if close.start_line < len(lines) else len(norm.text)
    return Segmented(raw=raw, norm=norm, metadata=meta, sections=sections,
                     body_start=body_start, closing_start=closing_start)


def _number_source(meta, path: str, printed: Optional[str]) -> None:
    """Say where the number comes from; a blank printed number is filled from the file name
    when the name ties a figure to the printed template (``filename.number_from_name``)."""
    if meta.number:
        meta.number_source = "text"
        return
    meta.number = number_from_name(path, printed, (meta.issued_date or "")[:4] or None,
                                   lexicon.doc_type_codes(meta.doc_type))
    meta.number_source = "file name" if meta.number else None


def _lines(norm: NormText) -> list[tuple[int, int, str]]:
    """(start, end, text) of every line: NormText.lines with each line's text, taken from
    the split instead of slicing the text again."""
    texts = norm.text.split("\n")
    lengths = list(map(len, texts))
    # a line starts one past the end of the one before: sums built in C, not a loop
    starts = list(accumulate(map((1).__add__, lengths[:-1]), initial=0))
    return list(zip(starts, map(add, starts, lengths), texts))


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _preamble_end(lines, start: int, stop: int) -> int:
    """The căn cứ block: from a 'Căn cứ/Thực hiện/Xét …' line to the first marker."""
    i = start
    while i < stop and not lines[i][2].strip():
        i += 1
    if i >= stop or not PREAMBLE_START.match(lines[i][2].strip()):
        return start
    last = i
    while i < stop:
        text = lines[i][2].strip()
        if text:
            if match_marker(text) or _DECISION_FORMULA.match(text.rstrip(".")):
                break
            if not PREAMBLE_START.match(text) and len(text) > 0 and _is_enactment(text):
                break
            last = i
        i += 1
    return last + 1


_ENACTS = regex.compile(r"\bban hành (?:Nghị định|Thông tư|Quyết định|Nghị quyết|Luật|Quy định|Chỉ thị)\b")


def _is_enactment(text: str) -> bool:
    """'Chính phủ ban hành Nghị định …', 'Bộ trưởng … ban hành Thông tư …' close the preamble."""
    return "ban hành" in text and bool(_ENACTS.search(text)) and not text.startswith(("Căn cứ", "Thực hiện"))


# ----------------------------------------------------------------- body tree
def _body(norm: NormText, lines, start: int, stop: int, first_id: int) -> list[Section]:
    """The sections of lines[start:stop], given ids s{first_id}, s{first_id + 1} … in reading order."""
    out: list[Section] = []
    # The open sections, their stack types (phan … dieu, roman, num1…num5, letter, paren,
    # bullet-, bullet+) and numbers: three parallel stacks, types a tuple as the key of
    # _kept_by_types.
    stack: list[Section] = []
    types: tuple[str, ...] = ()
    numbers: list[str] = []
    text_all = norm.text
    paged = bool(norm.page_starts)
    quoted = False
    for ls, le, text in lines[start:stop]:
        stripped = text.strip()
        if not stripped:
            continue
        if quoted:
            quoted = not _closes_quote(stripped)
            continue
        if stripped[0] in "“\"" and not _closes_quote(stripped[1:]):
            quoted = True
            continue
        found = match_marker(stripped)
        if not found:
            continue
        kind, m = found
        # normalise leaves its lines stripped: then the marker opens the line
        offset = ls if stripped is text else ls + (len(text) - len(text.lstrip()))
        typ, number, label, prefix = _type_of(kind, m.group("num"))
        keep = _kept(types, numbers, typ, prefix)
        if keep < len(stack):
            end = _trim_end(text_all, offset)
            for sec in stack[keep:]:
                sec.end = max(sec.start, end)
            del stack[keep:], numbers[keep:]
            types = types[:keep]
        parent = stack[-1] if stack else None
        sec_kind = _section_kind(kind, typ, parent)
        title = None
        if typ != "bullet-" and typ != "bullet+" and m.end() < len(stripped):
            title = _title(stripped[m.end():], kind)
        page = norm.page_at(offset) if paged else None
        # Section's fields in order (id, parent, label, kind, title, start, end, page, depth):
        # keywords made the call three times as slow, at every one of many sections
        sec = Section(f"s{first_id + len(out)}", parent.id if parent else None, label, sec_kind, title,
                      offset, le, page, len(stack))
        out.append(sec)
        stack.append(sec)
        types += (typ,)
        numbers.append(number)
    end = _trim_end(text_all, lines[stop - 1][1]) if stop > 0 and stop <= len(lines) else len(text_all)
    for sec in stack:
        sec.end = max(sec.start, end)
    return out


_QUOTE_CLOSED = regex.compile(r"[”\"]\s*[.;,]?\s*(?:\./\.)?$")


def _closes_quote(text: str) -> bool:
    return bool(_QUOTE_CLOSED.search(text))


_ROMAN_LETTERS = regex.compile(r"[IVXL]+")


@lru_cache(maxsize=4096)
def _type_of(kind: str, num: str) -> tuple[str, str, str, Optional[str]]:
    """(stack type, number, label, prefix) of a marker; a few hundred (kind, number) pairs
    recur. prefix: the number a '2.3' goes under ('2'), None for other markers."""
    if kind in LEGAL_RANK:
        word = LEGAL_WORD[kind]
        num = num if not num.isupper() or _ROMAN_LETTERS.fullmatch(num) else num.capitalize()
        if kind == "phan" and num.lower().startswith("thứ"):
            num = num.lower()
        return kind, num, f"{word} {num}", None
    if kind == "num":
        depth = num.count(".") + 1
        return f"num{depth}", num, num, num.rsplit(".", 1)[0] if depth > 1 else None
    if kind == "paren":
        return "paren", num, f"({num})", None
    if kind == "bullet":
        sign = "+" if num == "+" else "-"
        return f"bullet{sign}", sign, sign, None
    return kind, num, num, None


def _kept(types: tuple[str, ...], numbers: list[str], typ: str, prefix: Optional[str]) -> int:
    """How many entries of the stack (its types and numbers) stay open under a new marker
    of type typ; prefix: see _type_of."""
    if prefix is not None:
        # '2.3' goes under the open '2.' wherever it is
        top = len(types)
        while top and types[top - 1].startswith("bullet"):
            top -= 1
        for k in range(top - 1, -1, -1):
            if types[k].startswith("num") and numbers[k].rstrip(".") == prefix:
                return k + 1
    return _kept_by_types(types, typ)


@lru_cache(maxsize=4096)
def _kept_by_types(types: tuple[str, ...], typ: str) -> int:
    """_kept apart from the numbered-prefix rule: a function of the open types alone,
    and the same few stacks recur at every marker of a document, so cached."""
    if typ in LEGAL_RANK:
        rank = LEGAL_RANK[typ]
        k = len(types)
        while k and not (types[k - 1] in LEGAL_RANK and LEGAL_RANK[types[k - 1]] < rank):
            k -= 1
        return k
    top = len(types)
    if typ == "bullet-" or typ == "bullet+":
        # a bullet of a sign already open closes that one and everything above it
        for k in range(top - 1, -1, -1):
            if types[k] == typ:
                return k
    else:
        while top and types[top - 1].startswith("bullet"):
            top -= 1
    level_from = _last_legal(types, top) + 1
    for k in range(top - 1, level_from - 1, -1):
        if types[k] == typ:
            return k
    return top


def _last_legal(types: tuple[str, ...], top: int) -> int:
    for k in range(top - 1, -1, -1):
        if types[k] in LEGAL_RANK:
            return k
    return -1


def _section_kind(kind: str, typ: str, parent: Optional[Section]) -> str:
    if kind in LEGAL_RANK:
        return kind
    if typ.startswith("bullet"):
        return "bullet"
    if typ == "num1" and parent is not None and parent.kind == "dieu":
        return "khoan"
    if typ == "letter" and parent is not None and parent.kind == "khoan":
        return "diem"
    return "muc"


def _title(rest: str, kind: str) -> Optional[str]:
    rest = rest.strip()
    if not rest or len(rest) > 200:
        return None
    if rest.endswith((".", ";", ",")) and kind != "dieu":
        return None
    if kind == "dieu" and len(rest) > 160:
        return None
    return rest.rstrip(":").strip() or None
