"""The shortcuts of the assignment stage give the answers of the patterns they stand for.

Each shortcut in extractor/assignments.py and extractor/agencies.py either skips a pattern
where it cannot match, or reads what a pattern would read without running it. These tests
put each one beside its pattern (or beside the code it replaced, kept here as the
reference) on generated text and on the agency words themselves."""
from typing import Optional

import pytest
import regex
from hypothesis import given, settings, strategies as st

from extractor import agencies as G
from extractor import assignments as A
from extractor.models import Section
from extractor.normalise import fold

G._compile()
_D = G._data()

# pieces of agency text, list markers and the characters the patterns care about
_WORDS = sorted({w for k in ("heads", "roles", "generic", "qualifiers") for w in _D[k]}
                | {e["name"] for e in _D["agencies"]} | {a for e in _D["agencies"] for a in e["aliases"]}
                | set(_D["abbreviations"]))
_BITS = _WORDS + ["và", "với", "cùng", "các", "tỉnh", "huyện", "thị xã", "thành phố", "Trường hợp", "Tổ chức thực hiện",
                  "Điều 3.", "Khoản 2", "a)", "b )", "(1)", "(c)", "1.", "1.2.", "II.", "iv)", "- ", "+ ", "• ", "– ", "…",
                  "Hằng năm", "giao cho", "đề nghị", "công ty cổ phần", "Công ty TNHH", "của", "Tỉnh ủy", "UBND",
                  "L. ", "XL.", "lx -", "Mục 2:", "(a )", "2.1 )"]
_CHARS = " \t\n,;.:!?…&-/()+*•–_0123456789aAbBdDđĐiIvVxXlLkKmMsSóỞởỦủ\u00a0\u2003\x1c"

texts = st.lists(st.one_of(st.sampled_from(_BITS), st.text(alphabet=_CHARS, max_size=4)), max_size=12).map("".join)


def _positions(s: str) -> range:
    return range(0, len(s) + 1)


# ----------------------------------------------------------------- agencies
@settings(max_examples=300, deadline=None)
@given(texts)
def test_words_answer_as_their_patterns(t):
    fl = fold(t)
    for words in (G._HEAD_WORDS, G._ROLE_WORDS, G._GEN_WORDS):
        pat = words.pattern
        for p in _positions(fl):
            m = pat.match(fl, p)
            assert words.end_at(fl, p, G._LEAD.match(fl, p).group()) == (m.end() if m else -1), (fl, p)
            assert words.match_end(fl, p) == (m.end() if m else -1), (fl, p)


def test_words_answer_as_their_patterns_on_the_words():
    for k, words in (("heads", G._HEAD_WORDS), ("roles", G._ROLE_WORDS), ("generic", G._GEN_WORDS)):
        pat = words.pattern
        for w in _D[k]:
            for tail in ("", " ", "x", "&", ",", " tỉnh", "-a"):
                fl = fold(w + tail)
                m = pat.match(fl, 0)
                assert words.end_at(fl, 0, G._LEAD.match(fl, 0).group()) == (m.end() if m else -1), fl


def _lex_unfiltered(fl: str, p: int) -> int:
    """The end of the match of the compiled alternation of the names _lex_match tries, or -1."""
    leads = G._token_info(G._LEAD.match(fl, p).group())[2]
    m = G._lex_re(leads).match(fl, p) if leads else None
    return m.end() if m else -1


@settings(max_examples=300, deadline=None)
@given(texts)
def test_lexicon_filter_keeps_every_match(t):
    fl = fold(t)
    for p in _positions(fl):
        assert G._lex_match(fl, p) == _lex_unfiltered(fl, p), (fl, p)


def test_lexicon_filter_on_the_names():
    for e in _D["agencies"]:
        for name in [e["name"]] + e["aliases"]:
            for text in (name, name + " tỉnh", "  " + name, name.replace(" ", "  "), name.replace(" ", "\n"),
                         name.replace(" ", " - "), name + " " * 70 + "x"):
                fl = fold(text)
                for p in range(min(3, len(fl))):
                    assert G._lex_match(fl, p) == _lex_unfiltered(fl, p), (fl, p)


def _check_word_guards(fl, p):
    """A guard that says no word follows the spaces at p may only skip a pattern that fails there."""
    if not G._after_spaces(fl, p, G._QUAL_TOK):
        assert not G._QUAL_RE.match(fl, p) and not G._PLACE_RE.match(fl, p)
    if not G._after_spaces(fl, p, G._PLACE_TOK):
        assert not G._PLACE_RE.match(fl, p)
    if not G._after_spaces(fl, p, G._OWNER_TOK):
        assert not G._OWNER_RE.match(fl, p)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_guards_only_skip_patterns_that_fail(t):
    fl = fold(t)
    for p in _positions(fl):
        _check_word_guards(fl, p)
        if not G._may_separate(fl, p):
            assert not G._GROUP_SEPARATOR.match(fl[p:p + 12])
        if fl[p:p + 1] not in G._SEP_FIRST:
            assert not G._SEP_RE.match(fl, p)
        if G._LEAD.match(fl, p).group() not in G._QUANTIFIER_TOK:
            assert not G._GROUP_QUANTIFIER.match(fl[p:p + 20])
        if not (p >= 7 and fl.startswith("cong ty", p - 7)):
            assert not G._FORM_RE.match(fl, p)
        if not fl.startswith(("va", "-"), p):
            assert not G._NAME_JOINER.match(fl[p:p + 4])


# every word the guarded patterns can read after their spaces
_AFTER = (["cua tinh uy", "tinh uy", "thanh uy", "huyen uy", "thi uy", "ubnd", "hdnd", "uy ban nhan dan", "hoi dong nhan dan",
           "mttq", "mat tran to quoc", "uy ban mat tran", "cac huyen, thi xa", "huyen va xa", "tinh Ha Nam", "thanh pho Hue",
           "thi xa, phuong", "quan Ba", "xa An", "phuong Mot", "thi tran Lac", "dac khu, xa", "cap tinh", "cap huyen",
           "cap xa", "cac cap", "trung uong", "viet nam", "khu vuc", "chi nhanh tinh", "tinh"]
          + [fold(q) for q in _D["qualifiers"]])


@pytest.mark.parametrize("word", _AFTER)
@pytest.mark.parametrize("spaces", [" ", "   "])
@pytest.mark.parametrize("tail", ["", " x", ",", "&b", "x"])
def test_guards_on_the_words(word, spaces, tail):
    fl = spaces + word + tail
    for p in range(len(spaces)):
        _check_word_guards(fl, p)


def test_squeeze_table_is_the_separator_class():
    table = G._squeezed()[0]
    bmp = "".join(map(chr, range(0x10000)))
    assert set(table) == {ord(c) for c in regex.findall(r"[\s\-,]", bmp)}


@pytest.mark.parametrize("text", ["Sở Tài chính chủ trì", "Trường hợp không", "Ủy ban nhân dân tỉnh và các sở, ngành liên quan",
                                  "Chủ tịch UBND các huyện, thành phố", "Công ty cổ phần Cấp nước Hà Nam thực hiện"])
def test_read_agency_list_at_every_position(text):
    # the list reader's own first tests, then the reader: the same answer as read_agency
    fl = fold(text)
    for p in _positions(fl):
        end, names = G.read_agency_list(text, fl, p)
        first = G.read_agency(text, fl, p)
        assert (first is None) == (not names)


# ----------------------------------------------------------------- assignments
def _sentences_reference(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """_sentences as it was, running _SENT_END over the piece."""
    out, pos = [], a
    for m in A._SENT_END.finditer(text, a, b):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < b:
        out.append((pos, b))
    merged: list[tuple[int, int]] = []
    for s, e in out:
        if not text[s:e].strip():
            continue
        if merged and merged[-1][1] - merged[-1][0] <= 10 and A._ONLY_MARKER.fullmatch(text[merged[-1][0]:merged[-1][1]]):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


sentence_texts = st.lists(st.one_of(st.sampled_from(_BITS + [". ", ": \n", ":\n", "!  A", "? -", "…\n\n", "  \n", "1.", "II."]),
                                    st.text(alphabet=_CHARS + "ⅠⒶ", max_size=3)), max_size=16).map("".join)


@settings(max_examples=400, deadline=None)
@given(sentence_texts, st.data())
def test_sentences_as_the_pattern_splits(t, data):
    cuts = A._cut_candidates(t)
    a = data.draw(st.integers(0, len(t)))
    b = data.draw(st.integers(a, len(t)))
    assert A._sentences(t, a, b, cuts) == _sentences_reference(t, a, b)
    assert A._sentences(t, a, b) == _sentences_reference(t, a, b)
    assert A._sentences(t, 0, len(t)) == _sentences_reference(t, 0, len(t))


def _strip_marker_reference(fl: str, s: int, e: int) -> int:
    m = A._MARKER.match(fl, s, e)
    return m.end() if m else s


@settings(max_examples=400, deadline=None)
@given(sentence_texts)
def test_strip_marker_as_the_pattern(t):
    fl = fold(t)
    for s in _positions(fl):
        for e in {s, min(len(fl), s + 3), len(fl)}:
            assert A._strip_marker(fl, s, e) == _strip_marker_reference(fl, s, e), (fl, s, e)


@settings(max_examples=300, deadline=None)
@given(sentence_texts)
def test_sentence_start_guards(t):
    fl = fold(t)
    for p in _positions(fl):
        if not fl.startswith(A._LEADIN_FIRST, p):
            assert not A._LEADIN.match(fl, p)
        if not fl.startswith(A._ADVERBIAL_WORDS, p):
            assert not A._ADVERBIAL.match(fl, p)


_ADVERBIAL_ALTERNATIVES = A._ADVERBIAL.pattern[3:-3].split("|")       # (?:hang|dinh ky|…)\b


@pytest.mark.parametrize("start", ["giao Sở", "giao cho Sở", "đề nghị", "yêu cầu", "ủy quyền", "trách nhiệm của", "trách nhiệm",
                                   "nhiệm vụ của", "nhiệm vụ", "Giao  cho"] + _ADVERBIAL_ALTERNATIVES)
@pytest.mark.parametrize("tail", [" Sở", ",", "", "x"])
def test_sentence_start_guards_on_the_words(start, tail):
    fl = fold(start + tail)
    assert fl.startswith(A._LEADIN_FIRST) or not A._LEADIN.match(fl)
    assert fl.startswith(A._ADVERBIAL_WORDS) or not A._ADVERBIAL.match(fl)


@given(st.text(alphabet=_CHARS, max_size=40) | st.sampled_from(["Phạm vi điều chỉnh", "Đối tượng áp dụng của Quy định này",
                                                              "Giải thích từ ngữ", "Tổ chức thực hiện"]))
def test_scope_title_reads_the_start(title):
    assert A._scope_title(title) == bool(A._SCOPE_TITLE.match(fold(title)))


def _pieces_reference(sections, lo: int, hi: int) -> list[tuple[int, int, Optional[Section]]]:
    """_pieces as it was."""
    secs = [s for s in sections if s.kind not in ("preamble", "closing") and s.end > lo and s.start < hi]
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


class _Seg:
    def __init__(self, sections):
        self.sections = sections


section_lists = st.lists(st.tuples(st.integers(0, 60), st.integers(-5, 60), st.integers(0, 3),
                                   st.sampled_from(["khoan", "diem", "dieu", "preamble", "closing"])), max_size=12)


@settings(max_examples=400, deadline=None)
@given(section_lists, st.integers(0, 30), st.integers(0, 70))
def test_pieces_as_before(specs, lo, hi):
    sections = [Section(id=f"s{i}", parent=None, label="", kind=kind, title=None, start=x, end=x + n, depth=d)
                for i, (x, n, d, kind) in enumerate(specs)]
    got = A._pieces(_Seg(sections), lo, hi)
    want = _pieces_reference(sections, lo, hi)
    assert [(a, b, s.id if s else None) for a, b, s in got] == [(a, b, s.id if s else None) for a, b, s in want]
