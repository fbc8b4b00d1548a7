"""Agency names: recognise them in text, expand abbreviations, split lists (issue 4).

The lexicon (``data/agencies.json``) holds central, provincial, party, district and
commune bodies with their current and former names and codes. Provincial names are
stored without the place; the reader appends what follows as written ("tỉnh Hưng Yên",
"Tỉnh ủy", "các huyện, thị xã, thành phố"). Bodies absent from the lexicon are read
from a capitalised head word (Sở, Ban, Trung tâm …) and the capitalised words after it.
Generic groups ("các sở, ban, ngành liên quan") are kept as written.

All matching runs on the folded view (lowercase, no diacritics, same length as the
text), so one pattern covers every tone-mark convention and capitalisation; the printed
text decides only what case alone can tell (a name starts with a capital).

Public: ``find_agencies(text)``, ``canonical(name)``, ``read_agency_list(text, fold, pos)``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import numpy
import regex

from .lexicon import load, province
from .normalise import fold as _fold
from .patterns import char_test


@dataclass
class Mention:
    name: str        # full name, abbreviations expanded
    start: int
    end: int
    generic: bool = False


# ----------------------------------------------------------------- lexicon
def _alt(words) -> str:
    """Longest first, so 'so ke hoach va dau tu' wins over 'so ke hoach'."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


@lru_cache(maxsize=65536)
def _fold_key(s: str) -> str:
    return " ".join(_fold(s).replace(" - ", " ").replace("-", " ").split())


@lru_cache(maxsize=None)
def _data() -> dict:
    return load("agencies.json")


@lru_cache(maxsize=None)
def _by_fold() -> dict[str, str]:
    """Folded alias (spaces and dashes squeezed) → canonical name."""
    out = {}
    for e in _data()["agencies"]:
        for a in [e["name"]] + e["aliases"]:
            out.setdefault(_fold_key(a), e["name"])
    return out


def _flex(folded: str) -> str:
    """Pattern for a folded name letting ' - ', '-', ',' and spaces vary between words."""
    parts = regex.split(r"[\s\-,]+", folded)
    return r"[\s\-,]*".join(regex.escape(p) for p in parts if p)


@lru_cache(maxsize=None)
def _lex_names() -> list[str]:
    """Folded names and aliases, longest first (ties in alphabetical order)."""
    names = set()
    for e in _data()["agencies"]:
        for a in [e["name"]] + e["aliases"]:
            names.add(_fold(a))
    return sorted(sorted(names), key=len, reverse=True)


_LEAD = regex.compile(r"[\w&]*")


@lru_cache(maxsize=None)
def _lex_by_lead() -> dict[str, list[int]]:
    """Positions in _lex_names of the names, by the word characters they start with."""
    out: dict[str, list[int]] = {}
    for i, name in enumerate(_lex_names()):
        first = next(p for p in regex.split(r"[\s\-,]+", name) if p)
        out.setdefault(_LEAD.match(first).group(), []).append(i)
    return out


@lru_cache(maxsize=None)
def _lex_re(leads: tuple[str, ...]):
    """One alternation of the names starting with these leads, in _lex_names order: what
    _lex_match answers without compiling it (kept as the reference of the tests)."""
    names = _lex_names()
    picked = sorted(i for lead in leads for i in _lex_by_lead()[lead])
    return regex.compile(r"(?:" + "|".join(_flex(names[i]) for i in picked) + r")(?![\w&])")


_Candidate = tuple[int, tuple[str, ...], str]      # (place in _lex_names, parts, squeezed form)


@lru_cache(maxsize=None)
def _lex_candidates(leads: tuple[str, ...]) -> tuple[tuple[_Candidate, ...], dict, tuple[_Candidate, ...]]:
    """The names _lex_re(leads) alternates, in its order, each as (its place in _lex_names,
    its parts, its squeezed form): all of them, those of 4 squeezed characters or more by
    their first 4, and the shorter ones."""
    names = _lex_names()
    table = _squeezed()[0]
    picked = sorted(i for lead in leads for i in _lex_by_lead()[lead])
    every = tuple((i, tuple(p for p in regex.split(r"[\s\-,]+", names[i]) if p), names[i].translate(table)) for i in picked)
    by4: dict[str, tuple[_Candidate, ...]] = {}
    for c in every:
        if len(c[2]) >= 4:
            by4[c[2][:4]] = by4.get(c[2][:4], ()) + (c,)
    return every, by4, tuple(c for c in every if len(c[2]) < 4)


def _parts_end(fl: str, p: int, parts: tuple[str, ...]) -> int:
    r"""Where the pattern _flex made of these parts, then (?![\w&]), ends when matched at p;
    -1 if it does not match. No part holds a [\s\-,] character, so the pattern's greedy
    [\s\-,]* between two parts has one way to go: over every such character there."""
    n = len(fl)
    pos = p
    for k, part in enumerate(parts):
        if k:
            while pos < n and _is_separator(fl[pos]):
                pos += 1
        if not fl.startswith(part, pos):
            return -1
        pos += len(part)
    if pos < n and (fl[pos] == "&" or _is_word_char(fl[pos])):
        return -1
    return pos


def _lex_match(fl: str, p: int, leads: Optional[tuple[str, ...]] = None) -> int:
    r"""The end of the longest-first lexicon name at p, or -1. A name can match only if the
    word at p starts with the name's leading word characters, so only those names are tried:
    the same answer as one alternation of all 300 names, found without trying them all.

    Before the names, the squeezed test: what a name's pattern matches is its parts with
    only [\s\-,] characters between them, so the text from p with those characters
    dropped starts with the name's parts run together. Where no name passes, nothing matches.
    The names are then tried in the alternation's order, the first that matches wins, as in
    _lex_re(leads), read by _parts_end instead of compiling one pattern per set of leads."""
    if leads is None:
        leads = _token_info(_LEAD.match(fl, p).group())[2]
    if not leads:
        return -1
    window = fl[p:p + _SQ_WINDOW]
    sq = None
    if window.isascii() and _squeezed()[4]:        # as bytes, the fast way
        longest, short, by4, ascii_seps = _squeezed()[4]
        sq = window.encode("ascii").translate(None, ascii_seps)
    elif window and max(window) <= "\uffff":      # the table knows the Basic Multilingual Plane
        table, longest, short, by4 = _squeezed()[:4]
        sq = window.translate(table)
    # decided only when the squeezed window is as long as the longest name, or the text ends in it
    if sq is not None and (len(sq) >= longest or p + _SQ_WINDOW >= len(fl)):
        if sq[:2] not in short and sq[:3] not in short and not sq.startswith(by4.get(sq[:4], ())):
            return -1
        if isinstance(sq, bytes):
            sq = sq.decode("ascii")
        # decided: a name that matches leaves its squeezed form at the start of sq
        every, by4, short = _lex_candidates(leads)
        tried = [c for c in by4.get(sq[:4], ()) if sq.startswith(c[2])]
        if short:
            tried = sorted(tried + [c for c in short if sq.startswith(c[2])])
    else:
        tried = _lex_candidates(leads)[0]
    for _, parts, _ in tried:
        end = _parts_end(fl, p, parts)
        if end >= 0:
            return end
    return -1


_SQ_WINDOW = 64


@lru_cache(maxsize=None)
def _squeezed():
    r"""(table deleting the [\s\-,] characters of the Basic Multilingual Plane, length of the
    longest squeezed name, the squeezed names shorter than 4, the others by their first 4 as
    tuples, and the same as bytes when every name is ASCII: (longest, short, by 4, the ASCII
    [\s\-,] bytes), else ())."""
    seps = regex.findall(r"[\s\-,]", _bmp())
    table = {ord(c): None for c in seps}
    names = {n.translate(table) for n in _lex_names()}
    names.discard("")

    def index(names):
        by4: dict = {}
        for n in sorted(names):
            if len(n) >= 4:
                by4.setdefault(n[:4], []).append(n)
        return (max(map(len, names)), frozenset(n for n in names if len(n) < 4),
                {k: tuple(v) for k, v in by4.items()})

    if not all(n.isascii() for n in names):
        return (table, *index(names), ())      # a name could run on past an ASCII window: no bytes index
    ascii_seps = "".join(c for c in seps if c.isascii()).encode("ascii")
    return (table, *index(names), (*index({n.encode("ascii") for n in names}), ascii_seps))


def _bmp() -> str:
    """Every character of the Basic Multilingual Plane, surrogates included, in order: decoded
    from their code points at once (four times faster than joining 65,536 chr())."""
    return numpy.arange(0x10000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=None)
def _abbr() -> list[tuple["regex.Pattern", str]]:
    items = sorted(_data()["abbreviations"].items(), key=lambda kv: len(kv[0]), reverse=True)
    return [(regex.compile(r"(?<![\w&])" + regex.escape(k) + r"(?![\w&])"), v) for k, v in items]


@lru_cache(maxsize=None)
def _any_abbr() -> "regex.Pattern":
    """Matches wherever one of the _abbr patterns would: a name without any is left alone."""
    keys = sorted(_data()["abbreviations"], key=len, reverse=True)
    return regex.compile(r"(?<![\w&])(?:" + "|".join(regex.escape(k) for k in keys) + r")(?![\w&])")


@lru_cache(maxsize=65536)
def expand(name: str) -> str:
    """Spell out abbreviations: 'UBND tỉnh' → 'Ủy ban nhân dân tỉnh'."""
    if _any_abbr().search(name):
        for pat, full in _abbr():
            if pat.search(name):
                name = pat.sub(full, name)
    return " ".join(name.split())


def canonical(name: str) -> str:
    """Full, canonical spelling of an agency name as printed anywhere (table cells too)."""
    name = " ".join(name.strip().strip(".,;:").split())
    if not name:
        return name
    fl = _fold(name)
    found = read_agency(name, fl, 0)
    if found and found.end >= len(name.rstrip()):
        return found.name
    return expand(name)


# ----------------------------------------------------------------- pieces
_READY = False      # _compile has run
_QUAL_RE = None


_HEAD_TOK = _ROLE_TOK = _GEN_TOK = frozenset()
_HEAD_WORDS = _ROLE_WORDS = _GEN_WORDS = None
_QUAL_TOK: tuple = ()


def _compile():
    global _READY, _QUAL_RE, _HEAD_TOK, _ROLE_TOK, _GEN_TOK, _QUAL_TOK
    global _HEAD_WORDS, _ROLE_WORDS, _GEN_WORDS
    d = _data()
    _QUAL_RE = regex.compile(r"[ ]+(?:" + _alt(_fold(q) for q in d["qualifiers"]) + r")(?!\w)")
    _HEAD_TOK = _tokens(_fold(h) for h in d["heads"])
    _ROLE_TOK = _tokens(_fold(r) for r in d["roles"])
    _GEN_TOK = _tokens(_fold(g) for g in d["generic"])
    _HEAD_WORDS = _Words([_fold(h) for h in d["heads"]])
    _ROLE_WORDS = _Words([_fold(r) for r in d["roles"]])
    _GEN_WORDS = _Words([_fold(g) for g in d["generic"]])
    _QUAL_TOK = tuple(sorted(_tokens(_fold(q) for q in d["qualifiers"]) | set(_PLACE_TOK)))
    _READY = True


# ----------------------------------------------------------------- cheap tests before the patterns
# Each test below is a necessary condition for a pattern to match, so a position that
# fails it is answered without running the pattern, with the pattern's answer.
#
# The token at a position is the run of [\w&] characters there. A word of an alternation
# followed by (?!\w) can match at p only if the token at p is the word's own first token
# (the word's first run of [\w&] characters), or holds a "&" (the word ends there and "&",
# not a \w, follows it). So a pattern is tried only when the token is one of its words'
# first tokens or holds a "&".
def _tokens(words) -> frozenset:
    return frozenset(_LEAD.match(w).group() for w in words)


class _Words:
    r"""`(?:w1|w2|…)(?!\w)` of _alt(words), answered with str.startswith: the first word,
    longest first, that is at p and not followed by a \w. Only the words whose first token
    is the token at p can be there; a token holding "&" goes to the pattern, compiled the
    first time one does (rarely: compiling the alternation is most of its cost in a run)."""

    def __init__(self, words):
        self.source = r"(?:" + _alt(words) + r")(?!\w)"
        self._pattern = None
        self.by_token: dict[str, tuple[str, ...]] = {}
        for w in sorted(set(words), key=len, reverse=True):
            if w:
                tok = _LEAD.match(w).group()
                self.by_token[tok] = self.by_token.get(tok, ()) + (w,)

    @property
    def pattern(self) -> "regex.Pattern":
        if self._pattern is None:
            self._pattern = regex.compile(self.source)
        return self._pattern

    def match_end(self, fl: str, p: int) -> int:
        """end_at for a position whose token is not known yet."""
        return self.end_at(fl, p, _LEAD.match(fl, p).group())

    def end_at(self, fl: str, p: int, tok: str) -> int:
        """The end of the match at p, or -1."""
        if "&" in tok:
            m = self.pattern.match(fl, p)
            return m.end() if m else -1
        n = len(fl)
        for w in self.by_token.get(tok, ()):
            if fl.startswith(w, p):
                e = p + len(w)
                if e >= n or not _is_word_char(fl[e]):
                    return e
        return -1


# \w, and [\s\-,] (what _flex lets vary between a name's words)
_is_word_char = char_test(r"\w")
_is_separator = char_test(r"[\s\-,]")


def _after_spaces(fl: str, p: int, firsts: tuple) -> bool:
    """For patterns opening with [ ]+ and then a word whose first token is one of `firsts`
    (no word starting with a space): the word's text starts with its first token."""
    if fl[p:p + 1] != " ":
        return False
    p += 1
    while fl[p:p + 1] == " ":
        p += 1
    return fl.startswith(firsts, p)


_ADMIN = r"(?:tinh|huyen|thi xa|thanh pho|quan|xa|phuong|thi tran|dac khu)"
# place or level written after a body's name: "tỉnh Hưng Yên", "các huyện, thị xã, thành phố"
_PLACE_RE = regex.compile(
    r"[ ]+(?:"
    r"(?:cac[ ]+)?" + _ADMIN + r"(?:(?:,[ ]*|[ ]+va[ ]+|,[ ]+va[ ]+)" + _ADMIN + r")+(?!\w)"   # admin list
    r"|(?:tinh|thanh pho|huyen|thi xa|quan|xa|phuong|thi tran)(?=[ ]+[^\W\d_])"   # name follows
    r"|(?:tinh|cap tinh|cap huyen|cap xa|cac cap|trung uong|viet nam|khu vuc|chi nhanh tinh)(?!\w)"
    r")")
# a party or government owner after a body's name: "Ban Tuyên giáo Tỉnh ủy", "Văn phòng UBND tỉnh"
_OWNER_RE = regex.compile(r"[ ]+(?:cua[ ]+)?(?=(?:tinh uy|thanh uy|huyen uy|thi uy|ubnd|hdnd|uy ban nhan dan|hoi dong nhan dan"
                          r"|mttq|mat tran to quoc|uy ban mat tran)(?!\w))")
# first tokens of the words _PLACE_RE and _OWNER_RE can read after their spaces
_PLACE_TOK = tuple("cac tinh huyen thi thanh quan xa phuong dac cap trung viet khu chi".split())
_OWNER_TOK = tuple("cua tinh thanh huyen thi ubnd hdnd uy hoi mttq mat".split())
_WORD_RE = regex.compile(r"[\w&]+(?:[\-][\w&]+)*")
_PROPER_RE = regex.compile(r"[ ]+(\p{Lu}[\w]*(?:[ ]+-[ ]+\p{Lu}\w*|[ ]+\p{Lu}\w*){0,3})")

# first syllables of verbs that end an unknown name ("Trung tâm Y tế thực hiện …")
_STOP = set("""chủ phối có chịu tham chỉ lãnh hướng xây tổ triển thực tiếp đẩy tăng rà theo đôn kiểm giám ban báo kịp quan
thường đổi nghiên đề tích khẩn cần bố thẩm tổng hỗ phải nâng tập phát tuyên vận sớm làm là được cùng hoàn sửa đảm bảo ưu lập
trình gửi phản chuẩn giao xem quyết thành cấp danh số thống cử huy gương và với của tại trên trong để nhằm về đến từ khi nếu
các một những tạo thu xử điều nhận vào kể do gồm có đã đang sẽ thì mà như không nghiêm khẩn tuân cho hoặc hay nộp ký
căn đăng đánh áp yêu trả lựa đôn dừng ngừng tạm kiên ngay phải nắm huỷ hủy được""".split())


def _span_words(text: str, p: int, end: int) -> str:
    return text[p:end]


def _lex_at(text: str, fl: str, p: int, leads: Optional[tuple[str, ...]] = None) -> Optional[tuple[int, str]]:
    if not text[p:p + 1].isupper():
        return None
    end = _lex_match(fl, p, leads)
    if end < 0:
        return None
    name = _by_fold().get(_fold_key(fl[p:end]))
    if name is None:
        name = expand(text[p:end])
    return end, name


_OLD_STYLE = (("uỷ", "ủy"), ("uý", "úy"), ("uỳ", "ùy"), ("uỹ", "ũy"), ("uỵ", "ụy"),
              ("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"))


@lru_cache(maxsize=None)
def _heads_printed() -> frozenset:
    return frozenset(" ".join(h.lower().split()) for h in _data()["heads"])


@lru_cache(maxsize=4096)
def _printed_head(word: str) -> bool:
    """The head as printed, tone marks included: 'Quỹ' is a head, 'Quy định' is not."""
    w = " ".join(word.lower().split())
    if w in _heads_printed():
        return True
    for old, new in _OLD_STYLE:      # "Uỷ ban" printed in the old tone-mark style
        w = w.replace(old, new)
    return w in _heads_printed()


def _head_at(text: str, fl: str, p: int, tok: Optional[str] = None) -> Optional[tuple[int, str]]:
    """An unknown body: a capitalised head word and the name words after it. `tok`: the
    token at p, when the caller has it."""
    if not text[p:p + 1].isupper():
        return None
    if tok is None:
        tok = _LEAD.match(fl, p).group()
    if tok not in _HEAD_TOK and "&" not in tok:
        return None
    m_end = _HEAD_WORDS.end_at(fl, p, tok)
    if m_end < 0 or not _printed_head(text[p:m_end]):
        return None
    if text[p:m_end + 4].isupper() or (text[p:m_end].isupper() and text[m_end + 1:m_end + 3].isupper()):
        return None      # an all-capitals title line ("QUY ĐỊNH VỀ KỸ THUẬT"), not a name
    pos = m_end
    lower_run = words = 0
    form = _FORM_RE.match(fl, pos) if pos >= 7 and fl.startswith("cong ty", pos - 7) else None
    if form:
        pos = form.end()      # "Công ty cổ phần …", "Công ty TNHH …": the legal form is part of the name
    while True:
        sp = pos
        while sp < len(text) and text[sp] == " ":
            sp += 1
        if sp == pos or sp >= len(text):
            break
        joined = False
        j = _NAME_JOINER.match(fl[sp:sp + 4]) if fl.startswith(("va", "-"), sp) else None
        if j:
            sp2 = sp + j.end()
            # "và" joins words of one name ("Kế hoạch và Đầu tư"), not two bodies
            if not text[sp2:sp2 + 1].isupper() or _HEAD_WORDS.match_end(fl, sp2) >= 0 or _lex_at(text, fl, sp2):
                break
            sp, joined = sp2, True
        w = _WORD_RE.match(text, sp)
        if not w:
            break
        word = w.group()
        if word[:1].isupper():
            lower_run = 0
        elif joined or lower_run >= 4 or words == 0 or word.isdigit() or (
                word.lower() in _STOP and not (word == "không" and fl.startswith("hang ", sp - 5))):
            break
        else:
            lower_run += 1
        words += 1
        pos = w.end()
    if words == 0:
        return None
    return pos, expand(text[p:pos])


_FORM_RE = regex.compile(r"(?<=cong ty)[ ]+(?:co phan|tnhh|trach nhiem huu han(?:[ ]+(?:mot|hai)[ ]+thanh[ ]+vien)?)(?!\w)")


def _generic_at(text: str, fl: str, p: int, tok: Optional[str] = None) -> Optional[tuple[int, str]]:
    """'các sở, ban, ngành liên quan' — nouns of groups joined by commas, then qualifiers.
    `tok`: the token at p, when the caller has it."""
    q = p
    if tok is None:
        tok = _LEAD.match(fl, p).group()
    m = _GROUP_QUANTIFIER.match(fl[q:q + 20]) if tok in _QUANTIFIER_TOK else None
    if m:
        q += m.end()
        tok = _LEAD.match(fl, q).group()
    if tok not in _GEN_TOK and "&" not in tok:
        return None
    end = _GEN_WORDS.end_at(fl, q, tok)
    if end < 0:
        return None
    nouns = 1
    qualified = False
    while True:
        q2 = _qualifiers(text, fl, end)
        qualified = qualified or q2 > end
        end = q2
        s = _GROUP_SEPARATOR.match(fl[end:end + 12]) if _may_separate(fl, end) else None
        if not s:
            break
        if "va" in s.group() and "cac" in s.group():
            break      # "… và các đơn vị" starts a new group
        g2_end = _GEN_WORDS.match_end(fl, end + s.end())
        if g2_end < 0 or text[end + s.end():end + s.end() + 1].isupper():
            break
        end = g2_end
        nouns += 1
    # every break above follows _qualifiers, whose answer is its own fixed point: no qualifier
    # can follow, so the group ends here. One bare noun ("Tổ chức thực hiện …") is a word, not
    # a group of agencies
    if not m and nouns == 1 and not qualified:
        return None
    name = expand(text[p:end])
    return end, name[:1].lower() + name[1:]


def _may_separate(fl: str, end: int) -> bool:
    """False where _GROUP_SEPARATOR cannot match: it starts with ',', or spaces then 'va ' or '/', or '/'."""
    c = fl[end:end + 1]
    if c == "," or c == "/":
        return True
    if c != " ":
        return False
    j = end + 1
    while fl[j:j + 1] == " ":
        j += 1
    return fl.startswith(("va ", "/"), j)


def _qualifiers(text: str, fl: str, end: int) -> int:
    while True:
        if not _after_spaces(fl, end, _QUAL_TOK):
            return end
        q = _QUAL_RE.match(fl, end) or _PLACE_RE.match(fl, end)
        if not q:
            return end
        end = _place_name(text, fl, q.end())


def _place_name(text: str, fl: str, end: int) -> int:
    """After 'tỉnh', 'huyện' …: the capitalised place name, if one is printed."""
    if _ADMIN_WORD_END.search(fl[max(0, end - 10):end]):
        m = _PROPER_RE.match(text, end)
        if m and _HEAD_WORDS.match_end(fl, m.start(1)) < 0:
            return m.end()
    return end


def _suffix(text: str, fl: str, end: int) -> int:
    """Place, level and owner after a name."""
    for _ in range(3):
        if fl[end:end + 1] != " " and text[end:end + 1] != " ":
            break       # every pattern below opens with [ ]+
        o = _OWNER_RE.match(fl, end) if _after_spaces(fl, end, _OWNER_TOK) else None
        if o:
            sub = read_agency(text, fl, o.end(), generic=False)
            if sub:
                end = sub.end
                continue
        m = _PLACE_RE.match(fl, end) if _after_spaces(fl, end, _PLACE_TOK) else None
        if m:
            end = _place_name(text, fl, m.end())
            continue
        pr = _PROPER_RE.match(text, end)
        if pr and province(pr.group(1)):
            end = pr.end()    # "Ban Quản lý các khu công nghiệp Thái Nguyên"
            continue
        break
    return end


@lru_cache(maxsize=None)
def _first_words() -> frozenset:
    """Folded first words of every name, head, role and group: a cheap test before the patterns."""
    d = _data()
    names = [h for h in d["heads"]] + d["roles"] + d["generic"]
    names += [a for e in d["agencies"] for a in [e["name"]] + e["aliases"]]
    words = {_fold(n).split()[0] for n in names if n.strip()}
    return frozenset(words | {"cac", "moi", "toan", "tat", "nhung", "ubnd", "hdnd", "mttq", "ubmttq"})


_FIRST_WORD = regex.compile(r"[\w&]+")


def read_agency(text: str, fl: str, p: int, generic: bool = True) -> Optional[Mention]:
    """One agency name starting exactly at p, or None."""
    if not _READY:
        _compile()
    if p >= len(text) or not text[p].isalpha():
        return None
    w = _FIRST_WORD.match(fl, p)
    if w is None:
        return None
    tok = w.group()
    info = _TOKEN_INFO.get(tok) or _token_info(tok)
    if not info[0]:
        return None     # not the first word of any name, head, role or group
    return _read_agency_at(text, fl, p, generic, tok, info)


def _read_agency_at(text: str, fl: str, p: int, generic: bool, tok: str, info: tuple) -> Optional[Mention]:
    """read_agency past its first tests: tok is the token at p, info its _token_info."""
    r_end = _ROLE_WORDS.end_at(fl, p, tok) if info[1] else -1
    if r_end >= 0:
        both = _ROLE_JOINER.match(fl[r_end:r_end + 6])
        r2_end = _ROLE_WORDS.match_end(fl, r_end + both.end()) if both else -1
        if r2_end >= 0:
            # "các Tổ đại biểu và đại biểu HĐND tỉnh": the body after the second role is shared
            sub = read_agency(text, fl, r2_end + 1, generic=False)
            if sub and text[r2_end:r2_end + 1] == " ":
                first = Mention(text[p:r_end] + " " + sub.name, p, sub.end)
                second = text[r_end + both.end():r2_end] + " " + sub.name
                first.name = _lower_group(first.name, fl, p) + "\n" + _lower_group(second, fl, r_end + both.end())
                return first
        q = r_end
        while q < len(text) and text[q] == " ":
            q += 1
        sub = read_agency(text, fl, q, generic=True)
        if sub and q > r_end:
            role = text[p:r_end]
            if fl.startswith(("cac ", "nguoi ", "dong chi "), p):
                role = role[:1].lower() + role[1:]
            person = fl.startswith(("cac dong chi", "dong chi"), p)
            return Mention(f"{role} {sub.name}", p, sub.end, sub.generic or person)
    found = (_lex_at(text, fl, p, info[2]) or (_head_at(text, fl, p, tok) if info[3] else None)) if text[p].isupper() else None
    if found:
        end = _suffix(text, fl, found[0])
        name = found[1] + (expand(text[found[0]:end]) if end > found[0] else "")
        if end > found[0] and not name[len(found[1]):].startswith(" "):
            name = found[1] + " " + name[len(found[1]):]
        return Mention(" ".join(name.split()), p, end, False)
    if generic and info[4]:
        found = _generic_at(text, fl, p, tok)
        if found:
            return Mention(found[1], p, found[0], True)
    return None


_TOKEN_INFO: dict[str, tuple] = {}


def _token_info(tok: str) -> tuple:
    r"""What can start at a position whose token (its run of [\w&] characters) is tok:
    (first word of a name, head, role or group; role pattern may match; lexicon leads that are prefixes of tok; head pattern may
    match; a group may: its quantifier or generic noun), worked out once per token."""
    if not _READY:
        _compile()
    amp = "&" in tok
    by_lead = _lex_by_lead()
    leads = tuple(tok[:k] for k in range(len(tok) + 1) if tok[:k] in by_lead)
    info = (tok in _first_words(), tok in _ROLE_TOK or amp, leads, tok in _HEAD_TOK or amp,
            tok in _QUANTIFIER_TOK or tok in _GEN_TOK or amp)
    if len(_TOKEN_INFO) > 200_000:
        _TOKEN_INFO.clear()
    _TOKEN_INFO[tok] = info
    return info


def _lower_group(name: str, fl: str, p: int) -> str:
    return name[:1].lower() + name[1:] if fl.startswith(("cac ", "nguoi ", "dong chi ", "dai bieu"), p) else name


def _is_person(m: Mention) -> bool:
    return _by_kind().get(m.name) == "person"


@lru_cache(maxsize=None)
def _by_kind() -> dict[str, str]:
    return {e["name"]: e["kind"] for e in _data()["agencies"]}


_LEVEL_END = regex.compile(r"[ ]+(tỉnh|các cấp|cấp tỉnh|cấp huyện|cấp xã)$")
_SEP_RE = regex.compile(r"(?:[ ]*(?:,|;)[ ]*(?:va[ ]+|cung[ ]+|hoac[ ]+)?|[ ]+(?:va|cung|cung voi|hoac)[ ]+)")
_SEP_FIRST = (",", ";", " ")      # what _SEP_RE can start with



def _lower_scope(name: str) -> bool:
    """'các Sở, ngành liên quan và UBND cấp xã': the first group closes on its own."""
    return bool(regex.search(r"(?:liên quan|trực thuộc|trên địa bàn)$", name))


def read_agency_list(text: str, fl: str, p: int) -> tuple[int, list[str]]:
    """Agencies joined by ',', ';', 'và', 'cùng' from p; the end and the names.

    A level written once after 'X và Y tỉnh' applies to both ('Ủy ban MTTQ và các đoàn
    thể tỉnh' → 'Ủy ban Mặt trận Tổ quốc tỉnh', 'các đoàn thể tỉnh')."""
    # read_agency(text, fl, p), its first tests here: most positions fail them
    if p >= len(text) or not text[p].isalpha():
        return p, []
    w = _FIRST_WORD.match(fl, p)
    if w is None:
        return p, []
    tok = w.group()
    info = _TOKEN_INFO.get(tok) or _token_info(tok)
    if not info[0]:
        return p, []
    if not _READY:
        _compile()
    first = _read_agency_at(text, fl, p, True, tok, info)
    if not first:
        return p, []
    items, seps, end = [first], [], first.end
    while True:
        s = _SEP_RE.match(fl, end) if fl[end:end + 1] in _SEP_FIRST else None
        if not s:
            break
        nxt = read_agency(text, fl, s.end())
        if not nxt:
            break
        seps.append("va" if _AND_WORD.search(s.group()) else ",")
        items.append(nxt)
        end = nxt.end
    names = [m.name for m in items]
    if any("\n" in n for n in names):
        flat_names, flat_items, flat_seps = [], [], []
        for i, (n, it) in enumerate(zip(names, items)):
            parts = n.split("\n")
            for k, part in enumerate(parts):
                flat_names.append(part)
                flat_items.append(Mention(part, it.start, it.end, it.generic))
                if len(flat_names) > 1:
                    flat_seps.append("va" if k else seps[i - 1])
        names, items, seps = flat_names, flat_items, flat_seps
    for i in range(len(items) - 1, 0, -1):
        if seps[i - 1] == "," and items[i - 1].generic and _is_person(items[i]):
            names[i - 1] = names[i - 1] + ", " + names.pop(i)
            seps.pop(i - 1)
    for i in range(len(names) - 1, 0, -1):
        lv = _LEVEL_END.search(names[i])
        if lv and seps[i - 1] == "va" and not _LEVEL_END.search(names[i - 1]) \
                and not _PLACE_OR_LEVEL.search(names[i - 1]) and not _lower_scope(names[i - 1]):
            names[i - 1] = names[i - 1] + " " + lv.group(1)
    return end, names


# ----------------------------------------------------------------- scanning
_START_RE = None


def _start_re():
    global _START_RE
    if _START_RE is None:
        d = _data()
        words = [_fold(h) for h in d["heads"]] + [_fold(r) for r in d["roles"]]
        words += [_fold(a) for e in d["agencies"] for a in [e["name"]] + e["aliases"]]
        _START_RE = regex.compile(r"(?<![\w&])(?:cac[ ]+)?(?:" + _alt(words) + r")(?![\w])")
    return _START_RE


def find_agencies(text: str, fl: Optional[str] = None) -> list[Mention]:
    """Every agency named in text, in order, not overlapping (generic groups only after 'các')."""
    if not _READY:
        _compile()
    fl = fl if fl is not None else _fold(text)
    out, pos = [], 0
    for m in _start_re().finditer(fl):
        if m.start() < pos:
            continue
        found = read_agency(text, fl, m.start(), generic=fl.startswith("cac ", m.start()))
        if found and (found.generic or text[m.start()].isupper() or fl.startswith("cac ", m.start())):
            out.append(found)
            pos = found.end
    return out


# patterns used inside functions, compiled once
_NAME_JOINER = regex.compile(r"(?:va|-)[ ]+")  # a "và" or dash inside one name ("Kế hoạch và Đầu tư")
# "các", "mọi", "toàn thể" … before a group of agencies
_GROUP_QUANTIFIER = regex.compile(r"(?:cac|moi|toan the|tat ca cac|tat ca|nhung)[ ]+")
_QUANTIFIER_TOK = frozenset(("cac", "moi", "toan", "tat", "nhung"))
# between the nouns of a group ("sở, ban, ngành")
_GROUP_SEPARATOR = regex.compile(r"(?:,[ ]*|[ ]+va[ ]+|[ ]*/[ ]*)(?:cac[ ]+)?")
# an administrative level word just before a place name
_ADMIN_WORD_END = regex.compile(r"(?:tinh|thanh pho|huyen|thi xa|quan|xa|phuong|thi tran)$")
_ROLE_JOINER = regex.compile(r"[ ]+(?:va|,)[ ]+")  # between two roles sharing one body ("Tổ đại biểu và đại biểu")
_AND_WORD = regex.compile(r"\b(?:va|cung)\b")  # "và" or "cùng" in a list separator
# a name that already says where or at which level
_PLACE_OR_LEVEL = regex.compile(r"\b(tỉnh|Tỉnh ủy|huyện|thành phố|Trung ương|Việt Nam)\b")
