"""Deadlines (issue 4): time limits put on an action.

Matching runs on the folded view (lowercase, no diacritics, same length as the text).
A date counts only after a word that bounds an action ("trước ngày", "xong trong",
"chậm nhất", "hoàn thành …"), so dates of cited documents, periods ("giai đoạn
2021-2025"), target years ("đến năm 2025") and entries into force never match. A
frequency counts only as a reporting duty ("định kỳ hằng năm báo cáo", "Hằng năm, Sở …
đề xuất"); a bare "định kỳ" does not.
"""
from __future__ import annotations

from typing import Optional

import re
import string

import regex

from .models import Deadline, Segmented
from .patterns import matches_at

_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_EVERY = r"hang"          # hằng and hàng fold alike
_FREQ = {"nam": "yearly", "quy": "quarterly", "thang": "monthly", "tuan": "weekly"}

# the cue that makes the time phrase a limit on an action
_CUE = (r"(?:(?:hoan thanh|hoan tat|xong|ket thuc|trinh|bao cao|gui)[ ]+)?"
        r"(?:truoc|cham nhat(?:[ ]+la)?(?:[ ]+(?:vao|den|truoc))?|han chot(?:[ ]+la)?|trong|vao|xong(?:[ ]+trong|[ ]+truoc)?"
        r"|hoan thanh(?:[ ]+trong|[ ]+truoc|[ ]+vao)?|den het|trong thoi gian|thoi gian hoan thanh[: ]*|thoi han[: ]*"
        r"|thoi gian thuc hien[: ]*|han hoan thanh[: ]*)")

_DMY = r"(?:ngay[ ]+)?(\d{1,2})[ ]*[/.\-][ ]*(\d{1,2})[ ]*[/.\-][ ]*(\d{4})"
_DMY_WORDS = r"ngay[ ]+(\d{1,2})[ ]+thang[ ]+(\d{1,2})[ ]+nam[ ]+(\d{4})"
_DM = r"(?:ngay[ ]+)?(\d{1,2})[ ]*/[ ]*(\d{1,2})(?![ ]*[/\d])"
_DM_WORDS = r"ngay[ ]+(\d{1,2})[ ]+thang[ ]+(\d{1,2})(?![ ]*(?:[/\d]|nam[ ]+\d))"
_MY = r"thang[ ]+(\d{1,2})[ ]*(?:/|-|[ ]+nam[ ]+)[ ]*(\d{4})"
_QY = r"quy[ ]+(iv|iii|ii|i|[1-4])(?![\w])[ ]*(?:/|-|[ ]+nam[ ]+|[ ]+)[ ]*(\d{4})"
_HY = r"(?:6|06|sau)[ ]+thang[ ]+(dau|cuoi)[ ]+nam[ ]+(\d{4})"
_Y = r"(?:(?:het|cuoi)[ ]+)?nam[ ]+(\d{4})"
_DAY_OF_QUARTER = r"ngay[ ]+\d{1,2}[ ]+(?:cua[ ]+)?thang[ ]+(?:cuoi|dau)[ ]+(?:cua[ ]+)?quy"
_DAY_EVERY_MONTH = r"ngay[ ]+\d{1,2}[ ]+(?:" + _EVERY + r"|moi)[ ]+thang"

_RE_ABS = regex.compile(
    r"(?<![\w])" + _CUE + r"[ ]+(?:"
    r"(?P<dmy>" + _DMY + r")|(?P<dmyw>" + _DMY_WORDS + r")|(?P<qy>" + _QY + r")|(?P<hy>" + _HY + r")"
    r"|(?P<my>" + _MY + r")|(?P<dq>" + _DAY_OF_QUARTER + r")|(?P<dem>" + _DAY_EVERY_MONTH + r")"
    r"|(?P<dm>" + _DM + r")|(?P<dmw>" + _DM_WORDS + r")|(?P<y>" + _Y + r"))")
# quarters and halves bound a task even without a cue word ("Quý IV năm 2026: …")
_RE_BARE = regex.compile(r"(?<![\w])(?P<qy>" + _QY + r")")
_RE_WITHIN = regex.compile(
    r"(?<![\w])(?:trong[ ]+(?:thoi[ ]+han|vong|thoi[ ]+gian)[ ]+|cham[ ]+nhat[ ]+(?:la[ ]+)?(?:sau[ ]+)?|truoc[ ]+)?"
    r"(\d{1,3})[ ]+ngay(?P<working>[ ]+lam[ ]+viec)?[ ]*,?[ ]*(?:ke[ ]+tu|tu|sau[ ]+khi|sau)(?:[ ]+(?:ngay|khi|thoi diem))?")
_RE_WITHIN_CUE = regex.compile(r"(?:trong|cham nhat|truoc)")
# recurring duties: "định kỳ hằng năm", "định kỳ 6 tháng", "hằng tháng báo cáo"
_RE_FREQ = regex.compile(
    r"(?<![\w])(?:dinh[ ]+ky[ ]+(?:(?P<e1>" + _EVERY + r")[ ]+(?P<u1>nam|quy|thang|tuan)|(?P<h1>(?:6|06|sau)[ ]+thang)"
    r"|(?P<q1>(?:3|03|ba)[ ]+thang))"
    r"|(?P<e2>" + _EVERY + r")[ ]+(?P<u2>nam|quy|thang|tuan)(?=[ ]*,|[ ]*(?:truoc|bao cao|tong hop|danh gia|de xuat|xay dung|so ket|gui|cap nhat|ra soat|kiem tra|thong ke)))")
_REPORT_AFTER = regex.compile(r"[^.;\n]{0,80}?(?:bao[ ]+cao|tong[ ]+hop|so[ ]+ket|danh[ ]+gia|de[ ]+xuat|gui|cap[ ]+nhat)")
_RECUR_NEAR = regex.compile(r"(?:" + _EVERY + r"|moi)[ ]+(nam|quy|thang|tuan)|dinh[ ]+ky[ ]+(?:6|06|sau)[ ]+thang")
# a year closing a target, period or horizon is not a limit on an action
_MORE_DM = regex.compile(r"(?P<extra>(?:[ ]*(?:,|va)[ ]*(?:ngay[ ]+)?\d{1,2}[ ]*/[ ]*\d{1,2}(?![ ]*[/\d]))*)"
                         r"[ ]*(?P<every>(?:hang|moi)[ ]+(?:nam|quy|thang))?")
_TAIL_EVERY = regex.compile(r"[ ]*(?:" + _EVERY + r"|moi)[ ]+(?:nam|quy|thang)")
_NOT_YEAR = regex.compile(r"(?:den|giai doan|tam nhin|dinh huong|thoi ky|nhiem ky|tu|nam)[ ]+$")
_TARGET_WORDS = regex.compile(r"\b(?:dat|phan dau|tang|giam|chiem|toi thieu|it nhat|tren|duoi)\b")


# the cue words alone: a cheap scan finds where the full pattern may start
_CUE_WORDS = ("truoc", "trong", "vao", "xong", "cham nhat", "han chot", "den het", "hoan thanh", "thoi gian", "thoi han",
              "han hoan")
_CUE_HIT = regex.compile(r"(?<![\w])(?:" + "|".join(_CUE_WORDS) + r")(?!\w)")
# what _word_starts looks for: "thoi " stands for "thoi gian" and "thoi han", one scan of the text
# instead of two (a start where _CUE_HIT then fails changes nothing matches_at yields)
_CUE_SCAN = tuple(w for w in _CUE_WORDS if not w.startswith("thoi ")) + ("thoi ",)
_FREQ_OPENINGS = ("dinh ky", "dinh  ", "hang ")      # "định kỳ …", "hằng …" (hàng folds alike)
# the same starts as plain patterns, for patterns.finditer
_CUE_STARTS = re.compile("|".join(_CUE_WORDS))
_FREQ_STARTS = re.compile(r"dinh[ ]+ky|hang")
_ASCII_WORD = frozenset(string.ascii_letters + string.digits + "_")


def _word_starts(fl: str, words, lo: int, hi: int) -> list[int]:
    """Where one of words lies wholly in fl[lo:hi], in order, leaving out those inside a word.

    str.find over a few words is several times faster than any pattern scan of the text.
    Only an ASCII letter, digit or _ before counts as inside a word: those are \\w for
    every pattern this feeds, all of which start with (?<![\\w]) and decide the rest."""
    out = []
    for w in words:
        i = fl.find(w, lo, hi)
        while i != -1:
            if i == 0 or fl[i - 1] not in _ASCII_WORD:
                out.append(i)
            i = fl.find(w, i + 1, hi)
    out.sort()
    return out


def _abs_matches(fl: str, lo: int, hi: int):
    last = lo
    for c in matches_at(_CUE_HIT, _word_starts(fl, _CUE_SCAN, lo, hi), fl, hi):
        if c.start() < last or not _digit_follows(fl, c.start(), hi):
            continue
        m = _RE_ABS.match(fl, c.start(), hi)
        if m:
            last = m.end()
            yield m


# Every time phrase of _RE_ABS holds a digit, and before its first digit a match holds only
# letters a-z, spaces, ':', '/' and '-' (cue words, 'ngay', 'thang', 'quy iv/'). Most cue words
# ('trong' above all) have no digit after such a run, and one plain scan of it spares the pattern.
_BEFORE_DIGIT = re.compile(r"[a-z :/\-]*")


def _digit_follows(fl: str, p: int, hi: int) -> bool:
    """False where _RE_ABS surely fails at p: the first character past the run is no digit.
    Every \\d character regex knows is one str.isdecimal knows, or lies beyond the BMP."""
    q = _BEFORE_DIGIT.match(fl, p, hi).end()
    return q < hi and (fl[q].isdecimal() or fl[q] > "\uffff")


def _freq_matches(fl: str, lo: int, hi: int):
    return matches_at(_RE_FREQ, _freq_starts(fl, lo, hi), fl, hi)


_HANG_NEXT = ("nam", "quy", "thang", "tuan", " ")


def _freq_starts(fl: str, lo: int, hi: int) -> list[int]:
    """Where _RE_FREQ may start: 'dinh ky', or 'hang' and one space and a unit; after two spaces
    the pattern decides. "dinh" (quy định) and "hang" (hàng, hạng …) are common and seldom a
    frequency, so the longer openings are looked for; a start left out is one where the pattern
    fails, which does not change what matches_at yields."""
    return [p for p in _word_starts(fl, _FREQ_OPENINGS, lo, hi) if fl[p] == "d" or fl.startswith(_HANG_NEXT, p + 5)]


# "15 ngày" alone: a cheap scan finds where a relative limit may be
_DAYS_HIT = regex.compile(r"(?<![\w])\d{1,3}[ ]+ngay(?!\w)")


def _days_hits(fl: str, lo: int, hi: int):
    """_DAYS_HIT.finditer(fl, lo, hi): a hit ends in 'ngay' after spaces and at most three digits,
    so it can only start in the three places before the spaces before a 'ngay'."""
    starts = []
    for q in _word_starts(fl, ("ngay",), lo, hi):
        j = q
        while j > lo and fl[j - 1] == " ":
            j -= 1
        if j < q:
            starts.extend(range(max(lo, j - 3), j))     # in order: the next 'ngay' is past this one
    return matches_at(_DAYS_HIT, starts, fl, hi)


def _within_matches(fl: str, lo: int, hi: int):
    last = lo
    for h in _days_hits(fl, lo, hi):
        if h.start() < last:
            continue
        m = _RE_WITHIN.search(fl, max(last, h.start() - 40), min(hi, h.end() + 60))
        if m and m.start(1) == h.start():
            last = m.end()
            yield m


def _clause_bounds(fl: str, start: int, end: int) -> tuple[int, int]:
    """The clause around fl[start:end]: from after the last '.', newline, ';' or tab before it
    to the first one after it. Each search stops at the nearest bound found so far, so a
    character the text lacks (tabs, mostly) is not looked for through the whole text."""
    a = -1
    for c in ".\n;\t":
        a = max(a, fl.rfind(c, a + 1, start))
    b = len(fl)
    for c in ".\n;\t":
        i = fl.find(c, end, b)
        if i != -1:
            b = i
    return a + 1, b


def _quarter(q: str) -> int:
    return _ROMAN_Q[q]


def _issued(seg: Segmented) -> Optional[str]:
    return seg.metadata.issued_date if seg.metadata else None


def _is_past(due: str, issued: Optional[str]) -> bool:
    """A time point before the document was issued reports the past; it limits nothing."""
    if not issued or not due or due.startswith("--"):
        return False
    def key(s: str) -> tuple:
        y = int(s[:4])
        if "-Q" in s:
            return (y, int(s[-1]) * 3)
        if "-H" in s:
            return (y, int(s[-1]) * 6)
        parts = s.split("-")
        return (y, int(parts[1]) if len(parts) > 1 else 12)
    iy = issued.split("-")
    ikey = (int(iy[0]), int(iy[1]) if len(iy) > 1 else 1)
    return key(due) < ikey


def _valid(d: int, m: int) -> bool:
    return 1 <= d <= 31 and 1 <= m <= 12


_KINH_GUI = regex.compile(r"(?m)^[ \t]*kinh[ ]+gui\b")
# the header's "Hà Nội, ngày … tháng … năm …" line (the number may share it)
_DATE_LINE = regex.compile(r"(?m)^[^\n]{0,80},[ ]*ngay[ ]+[\d.…_ ]*thang[ ]+[\d.…_ ]*nam[ ]+\d{4}[ \t]*$")


def body_ranges(seg: Segmented) -> list[tuple[int, int]]:
    """Spans of the text that may hold tasks and limits: the body and an appendix after the signature.

    The body starts at the first numbered section, but a công văn puts its request in a
    paragraph after "Kính gửi" and may have no numbered section at all."""
    text, fl = seg.text, seg.norm.fold
    n = len(text)
    close = seg.closing_start if seg.closing_start and seg.closing_start > 0 else n
    lo = min(seg.body_start or 0, close)
    has_body = any(s.kind not in ("preamble", "closing") and s.start < close for s in seg.sections)
    head_end = min(close, 8000)
    # most documents have no "Kính gửi": a find for the word spares the line pattern's scan
    k = _KINH_GUI.search(fl, 0, head_end) if fl.find("kinh", 0, head_end) != -1 else None
    if k and (k.start() < lo or not has_body):
        e = fl.find("\n", k.end())
        # the addressees: the rest of the line and any "- …" lines under it
        while e != -1 and fl[e + 1:e + 4].lstrip(" \t")[:1] in ("-", "+", "•"):
            e = fl.find("\n", e + 1)
        lo = n if e == -1 else e + 1
    elif not has_body:
        d = _DATE_LINE.search(fl, 0, min(close, 4000))
        lo = d.end() + 1 if d else 0
    out = [(lo, close)] if close > lo else []
    tail = max((s.end for s in seg.sections if s.kind == "closing"), default=n)
    if tail < n - 40:
        out.append((tail, n))      # an appendix (a Quy chế, a task table) after the signature
    return out


# ----------------------------------------------------------------- task tables
# a row of cells joined by tabs (Word tables) whose header names the task and its lead
_COL_SUPPORT = regex.compile(r"phoi[ ]+hop")
_COL_LEAD = regex.compile(r"chu[ ]+tri|(?:co[ ]+quan|don[ ]+vi)(?:,[ ]+(?:co[ ]+quan|don[ ]+vi))?[ ]+(?:thuc[ ]+hien|thuc[ ]+hien|phu[ ]+trach)|trach[ ]+nhiem")
_COL_TIME = regex.compile(r"thoi[ ]+gian|thoi[ ]+han|tien[ ]+do|moc")
_COL_TASK = regex.compile(r"nhiem[ ]+vu|noi[ ]+dung|hoat[ ]+dong|cong[ ]+viec|ten")


def _cells(fl: str, s: int, e: int) -> list[tuple[int, int]]:
    out, pos = [], s
    while True:
        t = fl.find("\t", pos, e)
        if t == -1:
            out.append((pos, e))
            return out
        out.append((pos, t))
        pos = t + 1


def task_columns(fl: str, cells: list[tuple[int, int]]) -> Optional[dict[str, int]]:
    """The columns of a task table's header row (task, lead, support, time), or None."""
    cols: dict[str, int] = {}
    for i, (a, b) in enumerate(cells):
        c = fl[a:b]
        for role, rx in (("support", _COL_SUPPORT), ("lead", _COL_LEAD), ("time", _COL_TIME), ("task", _COL_TASK)):
            if role not in cols and rx.search(c):
                cols[role] = i
                break
    return cols if "lead" in cols and "task" in cols else None


def task_rows(seg: Segmented, lo: int, hi: int):
    """Rows of task tables between lo and hi: (row start, row end, {column: (start, end)})."""
    fl = seg.norm.fold
    pos = fl.find("\t", lo, hi)
    while pos != -1:
        ls = fl.rfind("\n", lo, pos) + 1
        le = fl.find("\n", pos, hi)
        le = hi if le == -1 else le
        cols = task_columns(fl, _cells(fl, ls, le))
        if cols is None:
            pos = fl.find("\t", le, hi)
            continue
        width = len(_cells(fl, ls, le))
        need = max(cols.values()) + 1      # a reader may drop empty cells at a row's end
        r = le + 1
        while r < hi:
            re_ = fl.find("\n", r, hi)
            re_ = hi if re_ == -1 else re_
            if fl.find("\t", r, re_) == -1:
                break
            cells = _cells(fl, r, re_)
            if need <= len(cells) <= width:
                yield r, re_, {k: cells[i] for k, i in cols.items()}
            r = re_ + 1
        pos = fl.find("\t", r, hi) if r < hi else -1


_CELL_CUE = regex.compile(r"^[ ]*(?:(?:hoan[ ]+thanh|xong|thuc[ ]+hien)[ ]+)?(?:truoc|trong|vao|den|cham[ ]+nhat)?[ ]*")
_CELL_YEAR = regex.compile(r"(?:nam[ ]+)?(\d{4})[ ]*[.;]?[ ]*")
_CELL_MONTH = regex.compile(r"thang[ ]+(\d{1,2})[ ]*(?:/|-|[ ]+nam[ ]+)[ ]*(\d{4})[ ]*[.;]?[ ]*")
_CELL_EVERY = regex.compile(r"(?:dinh[ ]+ky[ ]+)?(?:hang|moi)[ ]+(nam|quy|thang|tuan)[ ]*[.;]?[ ]*")


def _time_cell(fl: str, a: int, b: int) -> Optional[tuple[int, int, Optional[str], Optional[str]]]:
    """A bare time in a table's time column: 'Năm 2026', 'Tháng 5/2026', 'Hằng năm'."""
    while a < b and fl[a] in " \t":
        a += 1
    c = _CELL_CUE.match(fl, a, b)
    p = c.end() if c else a
    m = _CELL_MONTH.fullmatch(fl, p, b)
    if m and 1 <= int(m.group(1)) <= 12:
        return a, b, f"{m.group(2)}-{int(m.group(1)):02d}", None
    m = _CELL_YEAR.fullmatch(fl, p, b)
    if m:
        return a, b, m.group(1), None
    m = _CELL_EVERY.fullmatch(fl, a, b)
    if m:
        return a, b, None, _FREQ[m.group(1)]
    return None


def _scan(fl: str, lo: int, hi: int, issued: Optional[str], found: list, add) -> None:
    """Every deadline between lo and hi, handed to add()."""
    for m in _abs_matches(fl, lo, hi):
        s, e = m.start(), m.end()
        ca, cb = _clause_bounds(fl, s, e)
        rest = fl[e:cb]
        before = fl[ca:s]
        recur = _RECUR_NEAR.search(fl[ca:cb])
        rec = _FREQ.get(recur.group(1)) if recur and recur.group(1) else ("half_yearly" if recur else None)
        due = None
        if m.group("dmy") or m.group("dmyw"):
            nums = _DIGITS.findall(m.group("dmy") or m.group("dmyw"))
            d, mo, y = int(nums[0]), int(nums[1]), int(nums[2])
            if not _valid(d, mo):
                continue
            due, rec = f"{y:04d}-{mo:02d}-{d:02d}", None
        elif m.group("qy"):
            q, y = _QUARTER_YEAR.findall(m.group("qy"))[0]
            due, rec = f"{y}-Q{_quarter(q)}", None
        elif m.group("hy"):
            hm = _HALF_YEAR.search(m.group("hy"))
            due, rec = f"{hm.group(2)}-H{1 if hm.group(1) == 'dau' else 2}", None
        elif m.group("my"):
            mo, y = _DIGITS.findall(m.group("my"))[:2]
            if not 1 <= int(mo) <= 12:
                continue
            due, rec = f"{y}-{int(mo):02d}", None
        elif m.group("dq"):
            due, rec = None, "quarterly"
        elif m.group("dem"):
            due, rec = None, "monthly"
        elif m.group("dm") or m.group("dmw"):
            nums = _DIGITS.findall(m.group("dm") or m.group("dmw"))
            d, mo = int(nums[0]), int(nums[1])
            if not _valid(d, mo):
                continue
            more = _MORE_DM.match(fl, e)
            if more and more.group("every"):
                rec = "yearly" if more.group("every").endswith("nam") else rec   # "… 15/6 và 15/12 hằng năm"
            if more and more.group("extra"):
                for x in _DAY_MONTH.finditer(more.group("extra")):
                    xd, xm = int(x.group(1)), int(x.group(2))
                    if _valid(xd, xm) and rec == "yearly":
                        xs = more.start("extra") + x.start()
                        found.append((xs, more.start("extra") + x.end(), f"--{xm:02d}-{xd:02d}", "yearly", None, None))
            if rec == "yearly" or rec is None and issued is None:
                due, rec = f"--{mo:02d}-{d:02d}", "yearly" if rec else None
                if rec is None:
                    continue      # no year and no frequency: nothing to anchor it
            elif rec is None:
                y = int(issued[:4])
                im = int(issued[5:7]) if len(issued) >= 7 else 1
                due = f"{y + (1 if mo < im else 0):04d}-{mo:02d}-{d:02d}"
            else:
                due = f"--{mo:02d}-{d:02d}"
        elif m.group("y"):
            cue = fl[s:m.start("y")]
            if cue.startswith("vao") and not _COMPLETION_WORD.search(cue):
                continue      # "vào năm 2030" dates a state, not a limit
            if not _LIMIT_WORD.search(cue):
                # "trong năm 2026" bounds a task unless the clause sets a target
                if _TARGET_WORDS.search(fl[ca:cb]) or _NOT_YEAR.search(before):
                    continue
            if _BEFORE_YEAR.match(cue.strip()) and _TARGET_WORDS.search(fl[ca:cb]):
                continue
            due, rec = m.group(m.lastindex), None
            due = _YEAR_DIGITS.search(m.group("y")).group()
        if due and _is_past(due, issued):
            continue
        # "trước ngày 20/11 hằng năm": the recurrence closes the phrase
        e2 = e
        tail = _TAIL_EVERY.match(fl[e:e + 16])
        if tail:
            e2 = e + tail.end()
        add(s, e2, due, rec)

    for m in _RE_BARE.finditer(fl, lo, hi):
        ca, _ = _clause_bounds(fl, m.start(), m.end())
        if _NOT_YEAR.search(fl[ca:m.start()]) or _PERIOD_BEFORE.search(fl[max(ca, m.start() - 12):m.start()]):
            continue
        q, y = _QUARTER_YEAR.findall(m.group("qy"))[0]
        due = f"{y}-Q{_quarter(q)}"
        if _is_past(due, issued):
            continue
        add(m.start(), m.end(), due, None)

    for m in _within_matches(fl, lo, hi):
        if not m.group(0).startswith(("trong", "cham", "truoc")) and not _WITHIN_CUE_BEFORE.search(
                fl[max(lo, m.start() - 20):m.start()]):
            continue
        add(m.start(), m.end(), None, None, int(m.group(1)), m.group("working") is not None)

    for m in _freq_matches(fl, lo, hi):
        if m.group("h1"):
            rec = "half_yearly"
        elif m.group("q1"):
            rec = "quarterly"
        else:
            rec = _FREQ[m.group("u1") or m.group("u2")]
        e = m.end()
        if m.group("e1") or m.group("h1") or m.group("q1"):
            # "định kỳ …" counts when a reporting duty follows in the clause
            if not _REPORT_AFTER.match(fl, e) and not _REPORT_BEFORE.search(
                    fl[max(lo, m.start() - 40):m.start()]):
                continue
        elif fl[e:e + 3].lstrip().startswith(","):
            # "Hằng năm, Sở … đề xuất": the frequency opens the clause
            ca, _ = _clause_bounds(fl, m.start(), e)
            if _WORD_OF_TWO.search(fl[ca:m.start()]) and not _MARKER_ONLY.fullmatch(fl[ca:m.start()]):
                continue
        ca, cb = _clause_bounds(fl, m.start(), e)
        if any(f[2] and ca <= f[0] < cb for f in found):
            continue      # the clause's dated limit already carries the duty
        add(m.start(), e, None, rec)



def extract_deadlines(seg: Segmented) -> list[Deadline]:
    text = seg.text
    fl = seg.norm.fold
    issued = _issued(seg)
    # (start, end, due, recurrence, within days, whether those are working days)
    found: list[tuple[int, int, Optional[str], Optional[str], Optional[int], Optional[bool]]] = []

    def add(s, e, due, rec, within=None, working=None):
        for f in found:
            if s < f[1] and f[0] < e:
                return
        found.append((s, e, due, rec, within, working))

    for lo, hi in body_ranges(seg):
        _scan(fl, lo, hi, issued, found, add)
        if fl.find("\t", lo, hi) != -1:
            for _, _, cols in task_rows(seg, lo, hi):
                if "time" in cols:
                    t = _time_cell(fl, *cols["time"])
                    if t and not (t[2] and _is_past(t[2], issued)):
                        add(*t)
    found.sort()
    out = []
    for s, e, due, rec, within, working in found:
        out.append(Deadline(text=text[s:e].strip(), due=due, recurrence=rec, section=seg.section_id_at(s),
                            start=s, end=e, page=seg.norm.page_at(s), within_days=within, working_days=working))
    return out


# patterns used inside functions, compiled once
_DIGITS = regex.compile(r"\d+")
_QUARTER_YEAR = regex.compile(r"(iv|iii|ii|i|[1-4])[^\d]*(\d{4})")  # quarter (Roman or Arabic) and year
_HALF_YEAR = regex.compile(r"(dau|cuoi)[ ]+nam[ ]+(\d{4})")  # first or second half and year
_DAY_MONTH = regex.compile(r"(\d{1,2})[ ]*/[ ]*(\d{1,2})")
_COMPLETION_WORD = regex.compile(r"hoan thanh|xong|ket thuc")  # "vào năm" counts only after these
# a cue that makes a bare year a limit
_LIMIT_WORD = regex.compile(r"hoan thanh|xong|truoc|cham nhat|het|thoi gian|thoi han|han")
_BEFORE_YEAR = regex.compile(r"truoc[ ]+nam")
_YEAR_DIGITS = regex.compile(r"\d{4}")
# "đến", "từ", "giai đoạn" before a quarter: a period, not a limit
_PERIOD_BEFORE = regex.compile(r"(?:den|tu|giai doan)[ ]+$")
_WORD_OF_TWO = regex.compile(r"[\w]{2,}")  # a word before the frequency: something else opens the clause
_MARKER_ONLY = regex.compile(r"[\s\-+*•\w.)]{0,6}")  # nothing but a list marker before the frequency
_WITHIN_CUE_BEFORE = regex.compile(r"(?:trong|cham nhat|truoc|thoi han)[ ]*$")  # "trong thời hạn 15 ngày"
_REPORT_BEFORE = regex.compile(r"(?:bao cao|tong hop|so ket|danh gia)[^.;\n]{0,20}$")  # "báo cáo định kỳ …"
