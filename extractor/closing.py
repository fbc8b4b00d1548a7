"""The closing block: Nơi nhận, signature (authority, title, name), and entry into force."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Optional

import regex

from . import lexicon
from .models import Effective, NormText, Signer
from .normalise import tone_normalise
from .patterns import AUTHORITY, CLOSING_START, match_marker, upper_share

_RANK = r"(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)|(?:GS|PGS|TS|ThS|BS)\.(?:\s*TS\.)?)\s+"
_NAME = regex.compile(r"^(?:" + _RANK + r")?(?:\p{Lu}\p{Ll}*)(?:\s+\p{Lu}\p{Ll}*){1,5}$")
_CAPS_NAME = regex.compile(r"^\p{Lu}+(?:\s+\p{Lu}+){1,5}$")
_SKIP = regex.compile(r"^(?:\(?\s*(?:đã ký|Đã ký|ĐÃ KÝ|ký|chữ ký|dấu)[^)]*\)?|\[.*\]|\./\.)$")
_ITEM = regex.compile(r"^[-+•*–]\s*")
# compiled once here rather than looked up in regex's cache at every call
_ITEM_SIGN = regex.compile(r"(?:^|\s)[-+•]\s+")
_ON_BEHALF = regex.compile(r"(?i)^(?:TM|T/M|T\.M)")
_LEADING_RANK = regex.compile("^" + _RANK)


@dataclass
class ClosingResult:
    start_line: int
    end_line: int                      # first line after the block (an appendix may follow)
    signers: list[Signer] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)


def parse(norm: NormText, lines: list[tuple[int, int, str]], body_from: int) -> ClosingResult:
    n = len(lines)
    at = _recipients_line(norm.text, lines, body_from)
    if at is None:
        start = _signature_start(lines, body_from, n)
        block = [lines[i][2].strip() for i in range(start, n)]
        return ClosingResult(start, n, _signers(block), [])
    items_end = _items_end(lines, at)
    sig_start = _signature_start(lines, body_from, at)       # signature printed before Nơi nhận
    if sig_start == at:
        sig_start = items_end
    sig_end = _signature_end(lines, sig_start)
    if sig_end == sig_start and sig_start == items_end:
        # Nơi nhận and signature side by side, split left column first: nothing after
        sig_end = items_end
    start = min(at, sig_start)
    end = max(items_end, sig_end)
    if n - end <= 3 or not _has_body_after(lines, end):
        end = n
    signer_lines = [lines[i][2].strip() for i in range(min(sig_start, end), end)] if sig_start < at \
        else [lines[i][2].strip() for i in range(items_end, end)]
    return ClosingResult(start, end, _signers(signer_lines), _recipients(lines, at))


def _recipients_line(text: str, lines, body_from: int) -> Optional[int]:
    """The first 'Nơi nhận' line that opens a list (text: the one lines are taken from)."""
    if body_from >= len(lines):
        return None
    # The lines tried are those the words occur in, found by str.find: a test of every
    # line of the body cost a quarter of the closing block.
    found, begin = set(), lines[body_from][0]
    for word in ("Nơi nhận", "NƠI NHẬN"):        # the words CLOSING_START opens with
        pos = text.find(word, begin)
        while pos != -1:
            found.add(bisect_right(lines, pos, key=_START) - 1)
            pos = text.find(word, pos + 1)
    for i in sorted(found):
        line = lines[i][2].strip()
        if line[:1] == "N" and CLOSING_START.match(line) and len(line) < 200:
            return i
    return None


_START = itemgetter(0)


def _items_end(lines, at: int) -> int:
    """First line after the recipient items (blank lines between items allowed)."""
    end = at + 1
    for i in range(at + 1, len(lines)):
        text = lines[i][2].strip()
        if not text:
            continue
        if _ITEM.match(text) and len(text) < 200:
            end = i + 1
            continue
        break
    return end


def _signature_end(lines, start: int) -> int:
    """After authority/title lines, the block ends at the signer's name."""
    end = start
    for i in range(start, min(len(lines), start + 20)):
        text = lines[i][2].strip()
        if not text:
            continue
        if not _closing_like(text) or match_marker(text):
            break
        end = i + 1
        if _NAME.match(text) or (_CAPS_NAME.match(text) and not _is_title_word(text)
                                 and end - start > 1):
            break
    return end


def _has_body_after(lines, end: int) -> bool:
    """An appendix (Quy chế, Quy định …) follows when marked sections come after the block."""
    count = 0
    for i in range(end, len(lines)):
        found = match_marker(lines[i][2].strip())
        if found and found[0] != "bullet":
            count += 1
            if count >= 2:
                return True
    return False


def _closing_like(text: str) -> bool:
    if not text or _SKIP.match(text):
        return True
    if len(text) > 90:
        return False
    if AUTHORITY.match(text) and upper_share(text) > 0.6:
        return True
    if upper_share(text) > 0.8:
        return True
    return bool(_NAME.match(text))


def _signature_start(lines, floor: int, ceiling: int) -> int:
    """Walk back from ceiling over short signature-like lines; ceiling when none."""
    i = ceiling - 1
    start = ceiling
    while i >= floor:
        text = lines[i][2].strip()
        if text and (CLOSING_START.match(text) or _ITEM.match(text)):
            break
        if not _closing_like(text):
            break
        if text:
            start = i
        i -= 1
    # a lone name line after body text is not a signature without a title above it
    block = [lines[k][2].strip() for k in range(start, ceiling) if lines[k][2].strip()]
    if block and not any(upper_share(t) > 0.8 for t in block):
        return ceiling
    return start


def _recipients(lines, at: int) -> list[str]:
    out = []
    first = lines[at][2].strip()
    rest = CLOSING_START.sub("", first, count=1).strip(" :")
    candidates = [rest] if rest else []
    for i in range(at + 1, len(lines)):
        text = lines[i][2].strip()
        if not text:
            continue
        if _ITEM.match(text):
            candidates.append(text)
            continue
        break
    for c in candidates:
        for part in _ITEM_SIGN.split(c):
            part = _ITEM.sub("", part).strip().rstrip(";,.").strip()
            if part:
                out.append(part)
    return out


def _signers(block: list[str]) -> list[Signer]:
    signers: list[Signer] = []
    authority: Optional[str] = None
    titles: list[str] = []
    for text in block:
        if not text or _SKIP.match(text) or "\t" in text:
            continue        # a table row after the signature (an appendix's), not a signer
        if AUTHORITY.match(text) and upper_share(text) > 0.6:
            prefix = AUTHORITY.match(text).group(0)
            body, title = _split_title(tone_normalise(text[len(prefix):]))   # 'UỶ BAN' is 'ỦY BAN'
            if title:
                titles.append(title)      # 'T/M TỈNH ỦY BÍ THƯ': the title run into the authority line
            if authority is None and _ON_BEHALF.match(prefix):
                authority = prefix.strip().rstrip(".") + ". " + lexicon.proper_case(body) \
                    if not prefix.strip().startswith("T/M") else "T/M " + lexicon.proper_case(body)
            elif authority is None and not titles:
                titles.append(text)
            continue
        if _NAME.match(text) and titles:
            name = _LEADING_RANK.sub("", text)
            signers.append(Signer(name=name, title=_title(titles), authority=authority))
            authority, titles = None, []
            continue
        if upper_share(text) > 0.8:
            if titles and _CAPS_NAME.match(text) and not _is_title_word(text):
                signers.append(Signer(name=_title_case(text), title=_title(titles), authority=authority))
                authority, titles = None, []
            else:
                titles.append(text)
    return signers


def _split_title(body: str) -> tuple[str, Optional[str]]:
    """An authority body ending in a signer title ('TỈNH ỦY BÍ THƯ') → ('TỈNH ỦY', 'BÍ THƯ')."""
    if lexicon.is_body_name(body):
        return body, None
    for title in lexicon.signer_titles():
        if body.endswith(" " + title) and len(body) > len(title) + 3:
            return body[: -len(title)].rstrip(), title
    return body, None


def _is_title_word(text: str) -> bool:
    return lexicon.proper_case(text) != _title_case(text) or bool(
        regex.search(r"\b(?:CHỦ|TỊCH|BÍ THƯ|TRƯỞNG|GIÁM ĐỐC|ỦY|BAN|BỘ|SỞ|THƯỜNG|PHÓ|TƯỚNG|NHIỆM|VĂN PHÒNG)\b", text))


def _title(titles: list[str]) -> Optional[str]:
    plain = [t for t in titles if not AUTHORITY.match(t)]
    pick = plain[-1] if plain else titles[-1]
    pick = AUTHORITY.sub("", pick) if AUTHORITY.match(pick) else pick
    return lexicon.proper_case(pick)


def _title_case(text: str) -> str:
    return " ".join(w[:1] + w[1:].lower() for w in text.split())


# ----------------------------------------------------------------- effective
_EFFECT = regex.compile(
    r"có hiệu lực(?: thi hành)?(?: (?:kể )?từ| sau)?\s*(?:ngày\s*(?:(?P<d>\d{1,2})\s*(?:tháng\s*|[/\-.])(?P<m>\d{1,2})"
    r"\s*(?:năm\s*|[/\-.])(?P<y>\d{4})|ký(?: ban hành)?|(?:được )?thông qua|ban hành)|(?P<days>\d+|mười|bốn mươi lăm) ngày)?", regex.I)


def effective(text: str, issued: Optional[str]) -> Optional[Effective]:
    best = None
    for m in _EFFECT.finditer(text):
        if m.group(0).strip().lower() in ("có hiệu lực", "có hiệu lực thi hành"):
            continue
        best = m
    if best is None:
        return None
    phrase = best.group(0).strip()
    if best.group("y"):
        date = f"{int(best.group('y')):04d}-{int(best.group('m')):02d}-{int(best.group('d')):02d}"
    elif regex.search(r"(?i)ký|thông qua|ban hành", phrase):
        date = issued
    else:
        date = None
    return Effective(date=date, text=phrase)
