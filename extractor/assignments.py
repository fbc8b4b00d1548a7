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
# subjects that are not agencies: businesses and people urged, not tasked
_NOT_AGENCY = regex.compile(r"(?:cac[ ]+|moi[ ]+)?(?:doanh nghiep|ca nhan|nha dau tu|nguoi dan|nhan dan|ho gia dinh|to chuc, ca nhan"
                            r"|to chuc va ca nhan|co so|nguoi lao dong|hoc sinh|sinh vien|cong dan|du khach)")
_ADVERBIAL = regex.compile(r"(?:hang|dinh ky|trong|tren co so|can cu|neu|khi|de|dong thoi|sau khi|truoc|theo|ngoai ra|ben canh do"
                           r"|tuy theo|ve|doi voi|tai|tu|nam|qua|truong hop|moi|thuong xuyen|ngay|cuoi)\b")
_SENT_END = regex.compile(r"\n+|(?<=[.!?…])[ ]+(?=[\p{Lu}\-+•])|(?<=:)[ ]*\n")


def _strip_marker(fl: str, s: int, e: int) -> int:
    m = _MARKER.match(fl, s, e)
    return m.end() if m else s


def _is_agency_list(names: list[str]) -> bool:
    return any(not _NOT_AGENCY.fullmatch(fold(n).split(" tren dia ban")[0].split(" lien quan")[0].strip()) for n in names)


def _agencies_at(text: str, fl: str, p: int, read: dict) -> tuple[int, list[str]]:
    """read_agency_list(text, fl, p), read once per position of a document: a sentence
    start is read as a heading, as a subject and again for its supports. `read` holds
    the document's answers by position."""
    found = read.get(p)
    if found is None:
        end, names = read_agency_list(text, fl, p)
        found = read[p] = (end, tuple(names))
    return found[0], list(found[1])


def _subject(text: str, fl: str, p: int, e: int, read: dict) -> Optional[tuple[int, list[str]]]:
    """Agencies starting at p and followed by a task verb; (end of agencies, names)."""
    end, names = _agencies_at(text, fl, p, read)
    if not names or end > e or not _is_agency_list(names):
        return None
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
    """The body cut at every section boundary; each piece with its innermost section."""
    secs = [s for s in seg.sections if s.kind not in ("preamble", "closing") and s.end > lo and s.start < hi]
    cuts = sorted({lo, hi} | {max(lo, min(hi, x)) for s in secs for x in (s.start, s.end)})
    out = []
    stack: list[Section] = []
    order = sorted(secs, key=lambda s: (s.start, -s.end))
    k = 0
    for a, b in zip(cuts, cuts[1:]):
        if b <= a:
            continue
        while k < len(order) and order[k].start <= a:
            stack.append(order[k])
            k += 1
        stack = [s for s in stack if s.end > a]
        inner = max(stack, key=lambda s: (s.depth, s.start)) if stack else None
        out.append((a, b, inner))
    return out


def _sentences(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split on the printed text: a sentence ends before a capital, which the folded view lacks."""
    out, pos = [], a
    for m in _SENT_END.finditer(text, a, b):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < b:
        out.append((pos, b))
    merged: list[tuple[int, int]] = []
    for s, e in out:
        if not text[s:e].strip():
            continue
        # a list marker ("1.", "II.", "Điều 3.") is not a sentence of its own
        if merged and merged[-1][1] - merged[-1][0] <= 10 and _ONLY_MARKER.fullmatch(text[merged[-1][0]:merged[-1][1]]):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


_BLANKS = regex.compile(r"…|\.{3}|_{3}")
_ONLY_MARKER = regex.compile(r"\s*(?:(?:Điều|Khoản|Mục)\s+\d+\w?|[IVXL]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]")


@lru_cache(maxsize=4096)
def _scope_title(title: str) -> bool:
    """'Phạm vi điều chỉnh', 'Đối tượng áp dụng': articles that name bodies, not tasks."""
    return bool(_SCOPE_TITLE.match(fold(title)))


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
    if not leads or len(_WORD_OF_TWO_LETTERS.findall(text[ts:te])) < 2:
        return
    sup = [x for x in _cell_agencies(text, fl, *cols["support"]) if x not in leads] if "support" in cols else []
    dl = deadline_in(*cols["time"]) if "time" in cols else None
    out.append(Assignment(task=text[ts:te].rstrip(" .;"), lead=leads, support=sup, deadline=dl,
                          section=seg.section_id_at(rs), start=rs, end=re_, page=seg.norm.page_at(rs)))


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
        if len(_WORD_OF_TWO_LETTERS.findall(text[task_s:task_e])) < 2:
            return      # a stray page number or marker, not a task
        sup = _supports(text, fl, task_s, task_e, leads, read)
        for x in support_extra:
            if x not in sup and x not in leads:
                sup.append(x)
        dl = deadline_in(sent_s, sent_e)
        # else a limit printed on the heading line of an enclosing item ("2. Sở Y tế (xong trong quý II/2026):")
        for c in chain if dl is None else ():
            if c.start < sent_s:
                line_end = text.find("\n", c.start, c.end)
                dl = deadline_in(c.start, line_end if line_end != -1 else c.end)
            if dl is not None or c is block:
                break
        out.append(Assignment(task=text[task_s:task_e].rstrip(" .;"), lead=list(dict.fromkeys(leads)), support=sup,
                              deadline=dl, section=seg.section_id_at(sent_s), start=sent_s, end=sent_e,
                              page=seg.norm.page_at(sent_s)))

    pieces = [(*p, k > 0) for k, (lo, hi) in enumerate(body_ranges(seg)) for p in _pieces(seg, lo, hi)]
    rows = [r for lo, hi in body_ranges(seg) if "\t" in fl[lo:hi] for r in task_rows(seg, lo, hi)]
    row_starts = [r[0] for r in rows]
    for rs, re_, cols in rows:
        _table_task(seg, rs, re_, cols, deadline_in, out)
    chain: list[Section] = []
    for a, b, sec, appendix in pieces:
        chain = _ancestors(by_id, sec)
        if any(c.title and _scope_title(c.title) for c in chain):
            continue
        block_lead = next(((blocks[c.id][0], c) for c in chain if c.id in blocks), None)
        for si, (s, e) in enumerate(_sentences(text, a, b)):
            if row_starts and _in_row(rows, row_starts, s):
                continue      # read above, cell by cell
            if appendix and _BLANKS.search(text, s, e):
                continue      # a form to fill in ("Kính gửi: ……"), not a task
            p = _strip_marker(fl, s, e)
            lead_in = _LEADIN.match(fl, p)
            q = lead_in.end() if lead_in else p
            # a heading naming agencies: "2. Sở Tài chính:", "a) Sở Y tế chủ trì:"
            if sec is not None and si == 0 and s <= sec.start + 12:
                end, names = _agencies_at(text, fl, q, read)
                if names and _is_agency_list(names):
                    h = _HEAD_TAIL.match(fl, end, e)
                    colon = fl.find(":", end, end + 30)
                    colon_ok = fl[h.end():h.end() + 1] == ":" if h else False
                    plain_ok = h and h.end() == e and sec.kind not in ("dieu", "chuong", "phan", "muc_luat") and not appendix
                    if h and (colon_ok or plain_ok):
                        rest = h.end() + 1
                        blocks[sec.id] = (names, sec)
                        block_lead = (names, sec)
                        if rest < e and fl[rest:e].strip():
                            emit(names, rest, e, s, e, sec)
                        continue
            subj = _subject(text, fl, q, e, read)
            if subj is None and lead_in is None:
                # "Hằng năm, Sở … đề xuất": agencies after an opening adverbial
                if _ADVERBIAL.match(fl, p):
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
    return out


# patterns used inside functions, compiled once
# the document word followed by "quy định"
_QUY_DINH_AFTER = regex.compile(r"[ ]+quy dinh")
_WORD_OF_TWO_LETTERS = regex.compile(r"\p{L}{2,}")  # a real word, not a stray page number or marker
_COMMA = regex.compile(r",[ ]+")  # a comma after an opening adverbial
