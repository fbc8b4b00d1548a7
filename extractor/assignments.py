"""Assignments (issue 4): who must do what.

The body is cut into sentences (a list item is a sentence). A sentence gives a task when
it opens with agencies followed by a verb ("Sở Tài chính chủ trì, phối hợp với …"), or
opens with "Giao / Đề nghị / Yêu cầu" and agencies. "X chỉ đạo Y làm …" gives the task
to Y. A heading that names agencies ("2. Sở Kế hoạch và Đầu tư:", "a) Sở Tài chính chủ
trì:") leads every sentence below it until its section ends. Support is read from
"phối hợp (với) …" in the task. All matching runs on the folded view.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Optional

import regex

from .agencies import expand, read_agency_list
from .deadlines import body_ranges, task_rows
from .normalise import fold
from .models import Assignment, Deadline, Section, Segmented
from .patterns import char_test

# list markers and article words at a sentence start
_MARKER = regex.compile(
    r"(?:[ \t]*(?:(?:dieu|khoan|muc)[ ]+\d+\w?[ ]*[.:\-]?[ ]*|(?:[ivxl]+|\d+(?:\.\d+)*)[ ]*[.)\-–:/][ ]*"
    r"|[a-zđ][ ]*\)[ ]*|\([ ]*(?:\d+|[a-z])[ ]*\)[ ]*|[\-+•*–][ ]*))+")
_LEADIN = regex.compile(r"(?:giao(?:[ ]+cho)?|de nghi|yeu cau|uy quyen|trach nhiem(?:[ ]+cua)?|nhiem vu(?:[ ]+cua)?)[ ]+")
# first words of a task: what must follow the agencies for the sentence to give a task
_VERB = regex.compile(
    r"[ ]*,?[ ]*(?:(?:co|chiu)[ ]+trach[ ]+nhiem|chu[ ]+tri|phoi[ ]+hop|tham[ ]+muu|chi[ ]+dao|lanh[ ]+dao|huong[ ]+dan|xay[ ]+dung"
    r"|to[ ]+chuc|trien[ ]+khai|thuc[ ]+hien|tiep[ ]+tuc|day[ ]+manh|tang[ ]+cuong|ra[ ]+soat|theo[ ]+doi|don[ ]+doc|kiem[ ]+tra"
    r"|giam[ ]+sat|ban[ ]+hanh|bao[ ]+cao|kip[ ]+thoi|quan[ ]+tam|thuong[ ]+xuyen|doi[ ]+moi|nghien[ ]+cuu|de[ ]+xuat|chu[ ]+dong"
    r"|tich[ ]+cuc|khan[ ]+truong|can[ ]+cu|bo[ ]+tri|can[ ]+doi|tham[ ]+dinh|tong[ ]+hop|ho[ ]+tro|phai|can|nang[ ]+cao|tap[ ]+trung"
    r"|phat[ ]+huy|quan[ ]+triet|tuyen[ ]+truyen|van[ ]+dong|som|lam|cung[ ]+cap|hoan[ ]+thanh|hoan[ ]+thien"
    r"|sua[ ]+doi|bao[ ]+dam|dam[ ]+bao|uu[ ]+tien|lap|trinh|gui|phan[ ]+anh|chuan[ ]+bi|xem[ ]+xet|quyet[ ]+dinh|thanh[ ]+tra"
    r"|cap[ ]+nhat|cong[ ]+bo|pho[ ]+bien|quan[ ]+ly|danh[ ]+gia|so[ ]+ket|tong[ ]+ket|dinh[ ]+ky|thong[ ]+nhat|cu|huy[ ]+dong"
    r"|guong[ ]+mau|duoc[ ]+giao|tham[ ]+gia|nam[ ]+bat|dieu[ ]+hanh|dieu[ ]+chinh|ap[ ]+dung|ung[ ]+dung|khuyen[ ]+khich"
    r"|xu[ ]+ly|giai[ ]+quyet|tiep[ ]+nhan|thong[ ]+bao|phoi[ ]+hop|thuc[ ]+thi|dau[ ]+tu|mo|tao|nghiem[ ]+tuc|rut[ ]+kinh"
    r"|duy[ ]+tri|cung[ ]+co|kien[ ]+toan|thanh[ ]+lap|chiu|huong[ ]+ung|thi[ ]+hanh|xac[ ]+dinh|dang[ ]+ky|ky|tuan[ ]+thu|kiem[ ]+soat|chu[ ]+dong|cham[ ]+lo|quy[ ]+dinh|phan[ ]+cong|hop[ ]+tac)(?!\w)")
_DIRECT = regex.compile(r"[ ]*,?[ ]*(?:(?:lanh[ ]+dao,?[ ]+)?chi[ ]+dao|giao(?:[ ]+cho)?|de[ ]+nghi|yeu[ ]+cau)[ ]+")
_SUPPORT = regex.compile(r"(?<!\w)(?:phoi[ ]+hop(?:[ ]+chat[ ]+che)?(?:[ ]+voi)?|cung[ ]+voi)[ ]+")
_HEAD_TAIL = regex.compile(r"[ ]*(?:chu[ ]+tri(?:[ ]+thuc[ ]+hien)?)?[ ]*(?:\([^()\n]{0,160}\)[ ]*)?(?=[:\n]|$)")
# what ends a heading that hands its items to the agencies before it: "có trách nhiệm:",
# "chịu trách nhiệm thực hiện các nhiệm vụ sau:", "có nhiệm vụ, quyền hạn:"
_DUTY_HEAD = regex.compile(r"[ ]+(?:(?:co|chiu)[ ]+trach[ ]+nhiem|co[ ]+(?:cac[ ]+)?nhiem[ ]+vu)[^:\n.;]{0,50}:[ ]*$")
# subjects that are not agencies: businesses and people urged, not tasked
_NOT_AGENCY = regex.compile(r"(?:cac[ ]+|moi[ ]+)?(?:doanh nghiep|ca nhan|nha dau tu|nguoi dan|nhan dan|ho gia dinh|to chuc, ca nhan"
                            r"|to chuc va ca nhan|co so|nguoi lao dong|hoc sinh|sinh vien|cong dan|du khach)")
_ADVERBIAL = regex.compile(r"(?:hang|dinh ky|trong|tren co so|can cu|neu|khi|de|dong thoi|sau khi|truoc|theo|ngoai ra|ben canh do"
                           r"|tuy theo|ve|doi voi|tai|tu|nam|qua|truong hop|moi|thuong xuyen|ngay|cuoi)\b")
# how every _LEADIN and _ADVERBIAL match begins: a cheap test before the pattern
_LEADIN_FIRST = ("giao ", "de nghi", "yeu cau", "uy quyen", "trach nhiem", "nhiem vu")
_ADVERBIAL_WORDS = ("hang", "dinh ky", "trong", "tren co so", "can cu", "neu", "khi", "de", "dong thoi", "sau khi", "truoc",
                    "theo", "ngoai ra", "ben canh do", "tuy theo", "ve", "doi voi", "tai", "tu", "nam", "qua", "truong hop",
                    "moi", "thuong xuyen", "ngay", "cuoi")
# where a sentence ends; _sentences finds its matches without running it
_SENT_END = regex.compile(r"\n+|(?<=[.!?…])[ ]+(?=[\p{Lu}\-+•])|(?<=:)[ ]*\n")


def _strip_marker(fl: str, s: int, e: int) -> int:
    """The end of the list marker at s (s if none). _MARKER runs only where it can match:
    not where, after the spaces and tabs, comes a plain letter that starts no article word,
    no Roman numeral and no "a)" item, or other ASCII that starts no marker."""
    t = s
    while t < e and fl[t] in " \t":
        t += 1
    if t >= e:
        return s
    c = fl[t]
    if c.isascii() and not c.isdigit() and c not in "(-+*ivxl":
        if not "a" <= c <= "z":
            return s
        if c not in "dkm" or not fl.startswith(("dieu", "khoan", "muc"), t):
            u = t + 1
            while u < e and fl[u] == " ":
                u += 1
            if u >= e or fl[u] != ")":      # not "a)", "b )"
                return s
    m = _MARKER.match(fl, s, e)
    return m.end() if m else s


def _is_agency_list(names: list[str]) -> bool:
    return any(not _not_agency(n) for n in names)


@lru_cache(maxsize=65536)
def _not_agency(name: str) -> bool:
    return bool(_NOT_AGENCY.fullmatch(fold(name).split(" tren dia ban")[0].split(" lien quan")[0].strip()))


def _agencies_at(text: str, fl: str, p: int, read: dict) -> tuple[int, list[str]]:
    """read_agency_list(text, fl, p), read once per position of a document: a sentence
    start is read as a heading, as a subject and again for its supports. `read` holds
    the document's answers by position."""
    found = read.get(p)
    if found is None:
        found = _read(text, fl, p, read)
    return found[0], list(found[1])


_NOTHING: tuple = ()


def _read(text: str, fl: str, p: int, read: dict) -> tuple[int, tuple[str, ...]]:
    end, names = read_agency_list(text, fl, p)
    found = read[p] = (end, tuple(names) if names else _NOTHING)
    return found


def _subject(text: str, fl: str, p: int, e: int, read: dict) -> Optional[tuple[int, list[str]]]:
    """Agencies starting at p and followed by a task verb; (end of agencies, names)."""
    found = read.get(p)
    if found is None:
        found = _read(text, fl, p, read)
    end, names = found
    if not names or end > e or not _is_agency_list(names):
        return None
    names = list(names)
    d = _DIRECT.match(fl, end)
    if d:
        # "X chỉ đạo Y xây dựng …": the task is Y's
        end2, names2 = _agencies_at(text, fl, d.end(), read)
        if names2 and end2 <= e and _VERB.match(fl, end2) and _is_agency_list(names2):
            return end2, names2
    if _VERB.match(fl, end):
        return end, names
    return None


_DOC_WORD = regex.compile(r"[ ]*ban[ ]+hanh[ ]+(nghi dinh|quyet dinh|nghi quyet|thong tu|ke hoach|chi thi|quy dinh|quy che"
                          r"|chuong trinh|huong dan|de an|phuong an|quy hoach|luat|phap lenh)(?!\w)")
_DIRECTED = regex.compile(r"\b(?:chi dao|giao|de nghi|yeu cau)\b")
_SCOPE_TITLE = regex.compile(r"(?:doi tuong ap dung|pham vi dieu chinh|giai thich tu ngu|doi tuong|pham vi)")


def _promulgation(fl: str, end: int, doc_type: Optional[str]) -> bool:
    """'Chính phủ ban hành Nghị định …' names the issuer, it gives no task."""
    from .normalise import fold
    m = _DOC_WORD.match(fl, end)
    return bool(m and (m.group(1) == fold(doc_type) if doc_type else _QUY_DINH_AFTER.match(fl[m.end():m.end() + 12])))


_DECIDE = regex.compile(r"[ ]*,?[ ]*(?:thong[ ]+nhat(?![ ]+(?:quan[ ]+ly|chi[ ]+dao|thuc[ ]+hien))|tan[ ]+thanh|nhat[ ]+tri|dong[ ]+y|thong[ ]+qua|phe[ ]+chuan|quyet[ ]+nghi"
                        r"|ghi[ ]+nhan|danh[ ]+gia[ ]+cao|bieu[ ]+duong|hoan[ ]+nghenh)(?!\w)")


def _is_issuer(names: list[str], seg: Segmented) -> bool:
    issuer = fold(seg.metadata.issuer or "") if seg.metadata else ""
    for n in names:
        f = fold(n)
        if f.startswith("hoi dong nhan dan") or (issuer and (issuer.startswith(f) or f.startswith(issuer))):
            return True
    return False


# one list item the lexicon does not know ("cơ quan Thuế", "Thuế tỉnh"): at most four words, then a separator
_ITEM = regex.compile(r"(?:[ ]*[,;][ ]*|[ ]+va[ ]+)?(?P<item>[^\W\d][\w]*(?:[ ]+[\w]+){0,3}?)(?:[ ]*[,;][ ]*|[ ]+va[ ]+)")


def _supports(text: str, fl: str, s: int, e: int, leads: list[str], read: dict) -> list[str]:
    out = []
    for m in _SUPPORT.finditer(fl, s, e):
        pos = m.end()
        for _ in range(3):
            end, names = _agencies_at(text, fl, pos, read)
            for n in names:
                if n not in out and n not in leads:
                    out.append(n)
            # step over one unknown item when a known agency follows it in the same list
            skip = _ITEM.match(fl, end if names else pos, e)
            if not skip or not (text[skip.start("item")].isupper() or fl.startswith(("co quan", "luc luong"), skip.start("item"))):
                break
            if not _agencies_at(text, fl, skip.end(), read)[1]:
                break
            item = expand(text[skip.start("item"):skip.end("item")])
            if item not in out and item not in leads:
                out.append(item)      # named between known agencies, so an agency too
            pos = skip.end()
    return out


def _pieces(seg: Segmented, lo: int, hi: int) -> list[tuple[int, int, Optional[Section]]]:
    """The body cut at every section boundary; each piece with its innermost section.

    The innermost section of a piece is the deepest (then latest starting) of the
    sections open at its start, the first of them in (start, -end) order on a tie."""
    secs = [s for s in seg.sections if s.kind not in ("preamble", "closing") and s.end > lo and s.start < hi]
    cut_set = {lo, hi}
    for s in secs:
        x, y = s.start, s.end
        cut_set.add(x if lo <= x <= hi else max(lo, min(hi, x)))
        cut_set.add(y if lo <= y <= hi else max(lo, min(hi, y)))
    cuts = sorted(cut_set)
    out = []
    order = sorted(secs, key=lambda s: (s.start, -s.end))
    # (depth, start, -rank, end, section): max() of these is the innermost, ties to the first in order
    order = [(s.depth, s.start, -i, s.end, s) for i, s in enumerate(order)]
    n = len(order)
    stack: list = []
    top = None              # max(stack)
    first_end = None        # min(end) over the stack
    k = 0
    for a, b in zip(cuts, cuts[1:]):
        if b <= a:
            continue
        while k < n and order[k][1] <= a:
            t = order[k]
            stack.append(t)
            k += 1
            if top is None or t > top:
                top = t
            if first_end is None or t[3] < first_end:
                first_end = t[3]
        if first_end is not None and first_end <= a:
            stack = [t for t in stack if t[3] > a]
            top = max(stack) if stack else None
            first_end = min([t[3] for t in stack]) if stack else None
        out.append((a, b, top[4] if top is not None else None))
    return out


def _sentences(text: str, a: int, b: int, cuts: Optional[list[int]] = None) -> list[tuple[int, int]]:
    """Split on the printed text: a sentence ends before a capital, which the folded view lacks.

    The cuts are the matches of _SENT_END in text[a:b], found from `cuts` (the
    document's _cut_candidates) without running the pattern over the text: a match can
    start only at a newline or at a space after one of . ! ? … :, and the rest of the
    match is read here the way the pattern reads it."""
    if cuts is None:
        cuts = _cut_candidates(text)
    merged: list[tuple[int, int]] = []
    pos = a
    i = bisect_left(cuts, a)
    n = len(cuts)
    while True:
        # the next cut: a match of _SENT_END at c, ending at j
        c = b
        while i < n:
            c = cuts[i]
            if c >= b:
                c = b
                break
            i += 1
            if c < pos:
                continue
            j = c + 1
            if text[c] == "\n":
                while j < b and text[j] == "\n":           # \n+
                    j += 1
                break
            while j < b and text[j] == " ":
                j += 1
            if text[c - 1] == ":":                     # (?<=:)[ ]*\n
                if j < b and text[j] == "\n":
                    j += 1
                    break
            elif j < b and _starts_sentence(text[j]):   # (?<=[.!?…])[ ]+(?=[\p{Lu}\-+•])
                break
            c = b
        else:
            c = b
        if c > pos:
            # the sentence (pos, c), if it holds more than white space
            if not text[pos].isspace() or text[pos:c].strip():
                # a list marker ("1.", "II.", "Điều 3.") is not a sentence of its own
                if merged and merged[-1][1] - merged[-1][0] <= 10 and text[merged[-1][1] - 1] in ".)" \
                        and _ONLY_MARKER.fullmatch(text, merged[-1][0], merged[-1][1]):     # it ends with [.)]
                    merged[-1] = (merged[-1][0], c)
                else:
                    merged.append((pos, c))
        if c >= b:
            return merged
        pos = j


def _cut_candidates(text: str) -> list[int]:
    """Sorted positions where a _SENT_END match can start: every newline, and every space
    right after . ! ? … or :."""
    out = []
    find = text.find
    i = find("\n")
    while i != -1:
        out.append(i)
        i = find("\n", i + 1)
    for pair in (". ", "! ", "? ", "… ", ": "):
        i = find(pair)
        while i != -1:
            out.append(i + 1)
            i = find(pair, i + 1)
    out.sort()
    return out


_starts_sentence = char_test(r"[\p{Lu}\-+•]")      # the lookahead of _SENT_END


_BLANKS = regex.compile(r"…|\.{3}|_{3}")
_ONLY_MARKER = regex.compile(r"\s*(?:(?:Điều|Khoản|Mục)\s+\d+\w?|[IVXL]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]")


@lru_cache(maxsize=4096)
def _scope_title(title: str) -> bool:
    """'Phạm vi điều chỉnh', 'Đối tượng áp dụng': articles that name bodies, not tasks."""
    return bool(_SCOPE_TITLE.match(fold(title[:24])))      # fold is one character for one: the start is enough


def _ancestors(seg_by_id: dict, sec: Optional[Section]) -> list[Section]:
    out = []
    while sec is not None:
        out.append(sec)
        sec = seg_by_id.get(sec.parent)
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " ,:;-–\t":
        s += 1
    while e > s and text[e - 1] in " \t\n":
        e -= 1
    return s, e


def _cell_agencies(text: str, fl: str, a: int, b: int) -> list[str]:
    """Every agency in a table cell; an item the lexicon does not know is kept as written."""
    out: list[str] = []
    pos = a
    while pos < b:
        while pos < b and text[pos] in " ,;-+•\n":
            pos += 1
        if pos >= b:
            break
        end, names = read_agency_list(text, fl, pos)
        if names and end <= b:
            out += [n for n in names if n not in out]
            pos = end
            continue
        stop = min([i for i in (fl.find(",", pos, b), fl.find(";", pos, b)) if i != -1] or [b])
        item = text[pos:stop].strip(" .")
        if item[:1].isupper() and len(item.split()) <= 10:
            item = expand(item)
            if item not in out:
                out.append(item)
        pos = stop + 1
    return out


def _table_task(seg: Segmented, rs: int, re_: int, cols: dict, deadline_in, out: list) -> None:
    text, fl = seg.text, seg.norm.fold
    leads = _cell_agencies(text, fl, *cols["lead"])
    ts, te = _trim(text, *cols["task"])
    if not leads or not _two_words(text, ts, te):
        return
    sup = [x for x in _cell_agencies(text, fl, *cols["support"]) if x not in leads] if "support" in cols else []
    dl = deadline_in(*cols["time"]) if "time" in cols else None
    out.append(Assignment(task=text[ts:te].rstrip(" .;"), lead=leads, support=sup, deadline=dl,
                          section=seg.section_id_at(rs), start=rs, end=re_, page=seg.norm.page_at(rs)))


def _two_words(text: str, s: int, e: int) -> bool:
    """text[s:e] holds two real words: the matches of _WORD_OF_TWO_LETTERS counted up to two only."""
    found = 0
    for _ in _WORD_OF_TWO_LETTERS.finditer(text, s, e):
        found += 1
        if found == 2:
            return True
    return False


def _in_row(rows: list, row_starts: list[int], pos: int) -> bool:
    i = bisect_right(row_starts, pos) - 1
    return i >= 0 and rows[i][0] <= pos < rows[i][1]


def extract_assignments(seg: Segmented, deadlines: list[Deadline]) -> list[Assignment]:
    text, fl = seg.text, seg.norm.fold
    by_id = {s.id: s for s in seg.sections}
    starts = [d.start for d in deadlines]
    blocks: dict[str, tuple[list[str], Section]] = {}     # section id → lead named by its heading
    read: dict[int, tuple[int, tuple[str, ...]]] = {}      # agencies read at a position
    out: list[Assignment] = []

    def deadline_in(s: int, e: int) -> Optional[int]:
        i = bisect_left(starts, s)
        return i if i < len(starts) and starts[i] < e else None

    def emit(leads, task_s, task_e, sent_s, sent_e, block: Optional[Section], support_extra=()):
        task_s, task_e = _trim(text, task_s, task_e)
        if not _two_words(text, task_s, task_e):
            return      # a stray page number or marker, not a task
        sup = _supports(text, fl, task_s, task_e, leads, read)
        for x in support_extra:
            if x not in sup and x not in leads:
                sup.append(x)
        dl = deadline_in(sent_s, sent_e)
        # else a limit printed on the heading line of an enclosing item ("2. Sở Y tế (xong trong quý II/2026):")
        for c in _ancestors(by_id, sec) if dl is None else ():     # sec: the piece's section
            if c.start < sent_s:
                line_end = text.find("\n", c.start, c.end)
                dl = deadline_in(c.start, line_end if line_end != -1 else c.end)
            if dl is not None or c is block:
                break
        out.append(Assignment(task=text[task_s:task_e].rstrip(" .;"), lead=list(dict.fromkeys(leads)), support=sup,
                              deadline=dl, section=seg.section_id_at(sent_s), start=sent_s, end=sent_e,
                              page=seg.norm.page_at(sent_s)))

    ranges = body_ranges(seg)

    rows = [r for lo, hi in ranges if fl.find("\t", lo, hi) != -1 for r in task_rows(seg, lo, hi)]
    row_starts = [r[0] for r in rows]
    for rs, re_, cols in rows:
        _table_task(seg, rs, re_, cols, deadline_in, out)
    cuts = _cut_candidates(text)
    scoped_of: dict[int, bool] = {}     # id(section) → a scope article holds it (or is it)
    leads_of: dict[int, tuple[int, Optional[tuple]]] = {}   # id(section) → (blocks_set then, block lead)
    blocks_set = 0      # how many times blocks was written: a block lead found before a write may be stale
    duty_heads: list = []           # (section, index in out, start) of "… có trách nhiệm:" headings
    inherited: set = set()          # id() of the block sections whose lead an item took

    def scoped(sec: Optional[Section]) -> bool:
        got = scoped_of.get(id(sec))
        if got is None:
            got = scoped_of[id(sec)] = sec is not None and (bool(sec.title and _scope_title(sec.title))
                                                            or scoped(by_id.get(sec.parent)))
        return got

    for k, (lo, hi) in enumerate(ranges):
        appendix = k > 0
        for a, b, sec in _pieces(seg, lo, hi):
            if b - a <= 2 and not text[a:b].strip():
                continue      # the line break between two sections: no sentence
            got = scoped_of.get(id(sec))
            if got if got is not None else scoped(sec):
                continue
            if blocks:
                got = leads_of.get(id(sec))
                if got is None or got[0] != blocks_set:
                    c = sec         # the innermost section on the way up that a heading gave a lead
                    while c is not None and c.id not in blocks:
                        c = by_id.get(c.parent)
                    got = leads_of[id(sec)] = (blocks_set, (blocks[c.id][0], c) if c is not None else None)
                block_lead = got[1]
            else:
                block_lead = None
            for si, (s, e) in enumerate(_sentences(text, a, b, cuts)):
                if row_starts and _in_row(rows, row_starts, s):
                    continue      # read above, cell by cell
                if appendix and _BLANKS.search(text, s, e):
                    continue      # a form to fill in ("Kính gửi: ……"), not a task
                p = _strip_marker(fl, s, e)
                lead_in = _LEADIN.match(fl, p) if fl.startswith(_LEADIN_FIRST, p) else None
                q = lead_in.end() if lead_in else p
                found = read.get(q) or _read(text, fl, q, read)       # the agencies at q: (end, names)
                # a heading naming agencies: "2. Sở Tài chính:", "a) Sở Y tế chủ trì:"
                if found[1] and sec is not None and si == 0 and s <= sec.start + 12:
                    end, names = found[0], list(found[1])
                    if _is_agency_list(names):
                        h = _HEAD_TAIL.match(fl, end, e)
                        colon = fl.find(":", end, end + 30)
                        colon_ok = fl[h.end():h.end() + 1] == ":" if h else False
                        plain_ok = h and h.end() == e and sec.kind not in ("dieu", "chuong", "phan", "muc_luat") and not appendix
                        heading = h and (colon_ok or plain_ok)
                        # "1. Bộ Tài chính có trách nhiệm:" over a) b) …: the items are the
                        # lead's tasks; the heading's own entry stays only if none takes it
                        duty = not heading and _DUTY_HEAD.match(fl, end, e)
                        if heading or duty:
                            blocks[sec.id] = (names, sec)
                            blocks_set += 1
                            block_lead = (names, sec)
                        if duty:
                            duty_heads.append((sec, len(out), s))
                        elif heading:
                            rest = h.end() + 1
                            if rest < e and fl[rest:e].strip():
                                emit(names, rest, e, s, e, sec)
                            continue
                subj = _subject(text, fl, q, e, read) if found[1] else None
                if subj is None and lead_in is None:
                    # "Hằng năm, Sở … đề xuất": agencies after an opening adverbial
                    if fl.startswith(_ADVERBIAL_WORDS, p) and _ADVERBIAL.match(fl, p):
                        for c in _COMMA.finditer(fl[p:min(e, p + 160)]):
                            subj = _subject(text, fl, p + c.end(), e, read)
                            if subj:
                                break
                if subj and not _DIRECTED.search(fl, q, subj[0]) and _promulgation(fl, subj[0], seg.metadata.doc_type if seg.metadata else None):
                    continue
                if subj and _DECIDE.match(fl, subj[0]) and _is_issuer(subj[1], seg):
                    continue      # "Hội đồng nhân dân tỉnh thống nhất …": the decision itself, not a task
                if subj:
                    emit(subj[1], subj[0], e, s, e, block_lead[1] if block_lead else None)
                elif block_lead is not None:
                    emit(block_lead[0], p, e, s, e, block_lead[1])
                    inherited.add(id(block_lead[1]))
    return _without_taken_heads(out, duty_heads, inherited)


def _without_taken_heads(out: list[Assignment], heads: list, inherited: set) -> list[Assignment]:
    """Drop the entry of a duty heading ("… có trách nhiệm:") whose items inherited its lead."""
    drop = {i for sec, i, s in heads if id(sec) in inherited and i < len(out) and out[i].start == s}
    return [a for i, a in enumerate(out) if i not in drop] if drop else out


# patterns used inside functions, compiled once
# the document word followed by "quy định"
_QUY_DINH_AFTER = regex.compile(r"[ ]+quy dinh")
_WORD_OF_TWO_LETTERS = regex.compile(r"\p{L}{2,}")  # a real word, not a stray page number or marker
_COMMA = regex.compile(r",[ ]+")  # a comma after an opening adverbial
