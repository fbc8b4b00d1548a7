"""Normalise raw page text into one ``NormText``.

NFC, odd spaces, two-column header and signature blocks split, glued markers split,
wrapped lines and page-broken paragraphs joined. The printed text is kept as printed;
``match`` uses one tone-mark convention and ``fold`` drops diacritics, both with the
same length as ``text`` so offsets carry over.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import numpy
import regex

from .models import NormText, RawDocument
from .patterns import CLOSING_START, PREAMBLE_START, is_marker_line

# Plain character classes run through the standard library's re, several times faster
# than the regex module on a whole document.
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\u1680]")
# invisible characters and control characters (tab and newline kept) are dropped
_DROPPED = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BULLET_GLYPHS = re.compile(r"[\uf0b7\uf0a7\uf0d8\uf076\u25cf\u25aa\u25a0\u2022\u2023\u2043\u25e6]")
_TERMINAL = (".", ";", ":", "!", "?", "…", ".”", ".\"", "./.", ")", "”", ":)")
_GAP = regex.compile(r"[^\s]( {4,})[^\s]")   # layout gaps are spaces; tabs separate table cells


@dataclass(slots=True)
class _Line:
    text: str
    page: Optional[int]
    pages: Optional[list] = None      # a joined paragraph: (offset, page) where each line starts
    counts: Optional[tuple[int, int]] = None    # (letters, capitals), see _letter_counts
    lowers: Optional[int] = None      # ASCII lower-case letters, see _mostly_capitals


def normalise(raw: RawDocument) -> NormText:
    lines: list[_Line] = []
    for page in raw.pages:
        text = clean_chars(page.text)
        lines.extend([_Line(l, page.number) for l in text.split("\n")])
    lines = _split_columns(lines)
    lines = _split_glued(lines)
    lines = _join_wrapped(lines)
    return _assemble(lines)


# Cyrillic letters that look Latin turn up in numbers copied from web pages ("TT-BTС").
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HOMOGLYPHS = str.maketrans("АВСЕНКМОРТХаеорсх", "ABCEHKMOPTXaeopcx")
_HOMOGLYPH = re.compile("[АВСЕНКМОРТХаеорсх]")


def clean_chars(text: str) -> str:
    # A scan for the characters some step below changes costs a fraction of the steps:
    # most pages are NFC already and have none of them.
    flags = _char_flags(text)
    if flags is None:           # a lone surrogate: the plain scans
        if not _MAY_CHANGE.search(text):
            return text
        if _MAY_BE_UNNORMALISED.search(text):
            text = unicodedata.normalize("NFC", text)
    else:
        if not flags.any():
            return text
        unstable = numpy.flatnonzero(flags & _UNSTABLE)
        if len(unstable):
            text = _nfc_at(text, unstable)
    # A page has a few of these characters at most; a step whose characters are not among
    # them changes nothing (no step brings in a character of a later one).
    found = "".join(set(_CHANGED_CHARS.findall(text)))
    if not found:
        return text                 # decomposed letters were all there was to do
    if _CYRILLIC.search(found):
        # a substitution of the few look-alikes: str.translate looks every character of
        # the page up in the table, and most are not in it
        text = _HOMOGLYPH.sub(lambda m: chr(_HOMOGLYPHS[ord(m.group())]), text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00d0", "Đ").replace("\u2028", "\n").replace("\u2029", "\n")
    if _DROPPED.search(found):
        text = _DROPPED.sub("", text)
    if _SPACES.search(found):
        text = _SPACES.sub(" ", text)
    if _BULLET_GLYPHS.search(found):
        text = _BULLET_GLYPHS.sub("•", text)
    return text.replace("\u2010", "-").replace("\u2011", "-")


# Blocks with no character that composes with the one before it (NFC_Quick_Check=Maybe):
# there a character NFC keeps on its own (is_normalized, no combining class) is kept
# wherever it stands, so a text of such characters only is NFC already. Vietnamese
# letters, punctuation and symbols are in these blocks; combining marks are not.
_PLAIN_BLOCKS = ((0x0000, 0x0300), (0x0370, 0x0400), (0x1E00, 0x1F00), (0x2000, 0x2C00), (0xE000, 0xF900))


def _nfc_stable() -> set[str]:
    chars = (chr(cp) for lo, hi in _PLAIN_BLOCKS for cp in range(lo, hi))
    return {c for c in chars if unicodedata.is_normalized("NFC", c) and not unicodedata.combining(c)}


def _outside(chars: set[str]) -> "re.Pattern":
    """A plain re pattern that matches any character not in chars."""
    cps = sorted(map(ord, chars))
    ranges, start = [], cps[0]
    for prev, cp in zip(cps, cps[1:] + [None]):
        if cp != prev + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
            start = cp
    return re.compile("[^" + "".join(ranges) + "]")


# The characters clean_chars's steps change (NFC aside), in one class.
_CHANGED_CHARS = re.compile("[" + "".join(p.pattern[1:-1] for p in (_CYRILLIC, _DROPPED, _SPACES, _BULLET_GLYPHS))
                            + "\r\u00d0\u2028\u2029\u2010\u2011]")
_NFC_STABLE = _nfc_stable()
_MAY_BE_UNNORMALISED = _outside(_NFC_STABLE)
_MAY_CHANGE = _outside({c for c in _NFC_STABLE if not _CHANGED_CHARS.match(c)})

# Every character of _NFC_STABLE is a starter that never composes with a character
# before it, so NFC can split a text before any of them: NFC(a + b) = NFC(a) + NFC(b)
# when b opens with one. Only the runs of other characters (a decomposed page has a few
# hundred, each a letter's combining marks) need normalising, each with the character
# before it, which a mark may compose with; the whole page at once took milliseconds.
#
# Which characters may change (_MAY_CHANGE) and which are not NFC-stable
# (_MAY_BE_UNNORMALISED) is one array lookup per page: re scans a class of that many
# ranges slowly, and the scan of a page with nothing to change took as long as the rest
# of clean_chars. The table covers every code point: numpy's take on it is twice as fast
# as clamping to a smaller one.
_CHANGE, _UNSTABLE = 1, 2


def _flag_table() -> "numpy.ndarray":
    table = numpy.full(0x110000, _CHANGE | _UNSTABLE, dtype=numpy.uint8)
    table[[ord(c) for c in _NFC_STABLE]] = 0
    every = "".join(map(chr, range(0x10000)))
    table[[ord(c) for c in _CHANGED_CHARS.findall(every)]] |= _CHANGE
    return table


_FLAGS = _flag_table()


def _code_points(text: str) -> Optional["numpy.ndarray"]:
    """The code points of text as an array; None for a text numpy cannot take."""
    try:
        return numpy.frombuffer(text.encode("utf-32-le"), dtype=numpy.uint32)
    except UnicodeEncodeError:  # a lone surrogate left by a broken decoding
        return None


def _char_flags(text: str) -> Optional["numpy.ndarray"]:
    """_CHANGE and _UNSTABLE of each character of text; None for a text numpy cannot take."""
    points = _code_points(text)
    return None if points is None else _FLAGS.take(points)


def _nfc(text: str) -> str:
    """unicodedata.normalize("NFC", text), run on the parts that may change only."""
    flags = _char_flags(text)
    if flags is None:
        return unicodedata.normalize("NFC", text)
    unstable = numpy.flatnonzero(flags & _UNSTABLE)
    return _nfc_at(text, unstable) if len(unstable) else text


def _nfc_at(text: str, unstable: "numpy.ndarray") -> str:
    """NFC of text, given the (sorted) positions of its characters outside _NFC_STABLE."""
    # runs of consecutive positions: a new run starts where the gap to the last is > 1
    breaks = numpy.flatnonzero(numpy.diff(unstable) > 1)
    starts = numpy.concatenate(([unstable[0]], unstable[breaks + 1])).tolist()
    ends = numpy.concatenate((unstable[breaks] + 1, [unstable[-1] + 1])).tolist()
    parts, done = [], 0
    for start, end in zip(starts, ends):
        start = max(start - 1, 0)
        parts.append(text[done:start])
        parts.append(unicodedata.normalize("NFC", text[start:end]))
        done = end
    parts.append(text[done:])
    return "".join(parts)


_MULTI_SPACE = re.compile(r" {2,}")    # spaces only: the standard library's re does the same


def _tidy(line: str) -> str:
    return _MULTI_SPACE.sub(" ", line).strip(" ") if "  " in line else line.strip(" ")


# ----------------------------------------------------------------- two columns
def _split_columns(lines: list[_Line]) -> list[_Line]:
    """Layout-preserving text prints the header and the signature as two columns.

    Within the top of the document and the closing block, lines with a wide gap are
    split, and the left column is emitted before the right one.
    """
    n = len(lines)
    top_end = _header_extent(lines)
    closing = _closing_zone(lines)
    # A run opens at a line of the zones with a gap, which needs four spaces: those few
    # lines are looked at, and the lines between runs are copied as they are.
    zone = [*range(top_end), *sorted(k for k in closing if k >= top_end)]
    out: list[_Line] = []
    i = 0
    for k in [k for k in zone if "    " in lines[k].text]:
        if k < i or not _has_gap(lines[k].text):
            continue        # within the run before, or no gap
        out.extend(lines[i:k])
        j = k
        left, right = [], []
        while j < n and (j < top_end or j in closing) and _in_run(lines[j].text, j >= top_end):
            lpart, rpart = _cut(lines[j].text)
            if j > k and _NEW_HEADER.match(rpart):
                break       # an appendix starts with its own two-column header
            if lpart:
                left.append(_Line(lpart, lines[j].page))
            if rpart:
                right.append(_Line(rpart, lines[j].page))
            j += 1
        out.extend(left)
        out.append(_Line("", lines[k].page))
        out.extend(right)
        i = j
    out.extend(lines[i:])
    return out


def _has_gap(text: str) -> bool:
    """A gap between two columns inside the line; it needs four spaces in a row."""
    return "    " in text and _GAP.search(text.strip()) is not None


_NEW_HEADER = regex.compile(r"(?i)^(?:cộng hòa|cộng hoà|đảng cộng sản)")


def _in_run(text: str, closing: bool) -> bool:
    """Whether a line belongs to a two-column run. In the closing block short left-only
    lines and blanks stay in the run (the recipients list is longer than the signature)."""
    if _has_gap(text) or _indented_right(text):
        return True
    return closing and len(text.strip()) < 70


_LEGAL_WORD = regex.compile(r"(?:Điều|Chương|Phần)\s+\w+")


def _header_extent(lines: list[_Line]) -> int:
    """Index of the first line after the header zone (first preamble or body line)."""
    seen = 0
    for i, l in enumerate(lines[:60]):
        s = l.text.strip()
        if not s:
            continue
        seen += 1
        if PREAMBLE_START.match(s) or _LEGAL_WORD.match(s):
            return i
        if seen > 25:
            return i
    return min(len(lines), 60)


def _closing_zone(lines: list[_Line]) -> set[int]:
    """Lines that may print Nơi nhận and the signature side by side: each 'Nơi nhận'
    line and the 30 after it (an appendix may follow), and the document's last 25 lines."""
    zone = set(range(max(0, len(lines) - 25), len(lines)))
    # (the words found by a comprehension first: a loop testing every line cost more)
    for i in [i for i, l in enumerate(lines) if "Nơi nhận" in l.text or "NƠI NHẬN" in l.text]:
        text = lines[i].text
        if CLOSING_START.search(text) and len(text.strip()) < 160:
            zone.update(range(i, min(len(lines), i + 30)))
    return zone


def _indented_right(text: str) -> bool:
    """A right-column-only line: deep indentation and short text."""
    lead = len(text) - len(text.lstrip(" "))
    return lead >= 25 and len(text.strip()) < 60


def _cut(text: str) -> tuple[str, str]:
    stripped = text.rstrip()
    lead = len(stripped) - len(stripped.lstrip(" "))
    if lead >= 25 and not _GAP.search(stripped.strip()):
        return "", stripped.strip()
    best = None
    for m in _GAP.finditer(stripped):
        if best is None or len(m.group(1)) > len(best.group(1)):
            best = m
    if best is None:
        return stripped.strip(), ""
    return stripped[:best.start(1)].strip(), stripped[best.end(1):].strip()


# ----------------------------------------------------------------- glued markers
_GLUED_DIEU = regex.compile(r"(?<=[.:;])\s+(?=(?:Điều|ĐIỀU)\s+\d{1,3}[a-z]?\.\s+\p{Lu})")
# Where _GLUED_DIEU splits, this plain pattern matches (the standard library's \s takes
# every space the regex module's does); far cheaper, it rules out 'khoản 1 Điều này'.
_MAY_GLUE_DIEU = re.compile(r"[.:;]\s+(?:Điều|ĐIỀU)")


def _split_glued(lines: list[_Line]) -> list[_Line]:
    """Tidy the spaces of each line, and split it where a marker is glued to it.

    'QUYẾT NGHỊ: Điều 1. …' — a legal marker glued to the previous sentence; and heading
    lines whose breaks were lost with their bold markup ('NGHỊ QUYẾTCỦA BAN … TỈNHvề …')."""
    out = []
    starts = _glued_type_starts()
    for l in lines:
        text = l.text
        text = _MULTI_SPACE.sub(" ", text).strip(" ") if "  " in text else text.strip(" ")   # _tidy
        # a glued Điều follows a sentence's end, a glued heading opens with two capitals;
        # most lines have neither
        if ("Điều" in text or "ĐIỀU" in text) and _MAY_GLUE_DIEU.search(text):
            parts = [piece for p in _GLUED_DIEU.split(text) for piece in _split_caps(p)]
            out.extend(_Line(p.strip(), l.page) for p in parts)
        # (a necessary condition of _may_split_caps first, without a call: the second
        # character of most lines is an ASCII lower-case letter, a digit or a stop)
        elif (text[1:2].isupper() or text[1:2] > "\x7f" or text[:2] in starts) and _may_split_caps(text):
            out.extend(_Line(p.strip(), l.page) for p in _split_caps(text))
        else:
            l.text = text.strip()       # the lines are normalise's own: no copy needed
            out.append(l)
    return out


# An all-capitals heading run glued to lower-case text ('… ĐẢNG BỘ TỈNHvề phát triển').
_CAPS_THEN_LOWER = regex.compile(r"^(\p{Lu}{2,}(?:[ ,.\-–]+\p{Lu}+)*[ ,.\-–]+\p{Lu}{2,})(?=\p{Ll}+[ ,])")


@lru_cache(maxsize=1)
def _glued_type_names() -> list[str]:
    """Document types of two words or more, in capitals, longest first."""
    from .lexicon import doc_type_names     # lexicon imports fold from here
    return sorted((n.upper() for n in doc_type_names() if " " in n), key=len, reverse=True)


@lru_cache(maxsize=1)
def _glued_type():
    """A document type in capitals glued to the next capital word ('NGHỊ QUYẾTCỦA')."""
    return regex.compile(rf"^({'|'.join(map(regex.escape, _glued_type_names()))})(?=\p{{Lu}}{{2}})")


@lru_cache(maxsize=1)
def _glued_type_starts() -> frozenset[str]:
    return frozenset(n[:2] for n in _glued_type_names())


def _may_split_caps(text: str) -> bool:
    """False when _split_caps cannot split text: both its patterns open with two capitals
    (_glued_type with one of its names)."""
    return (_may_be_capital(text[:1]) and _may_be_capital(text[1:2])) or text[:2] in _glued_type_starts()


def _may_be_capital(c: str) -> bool:
    """Whether c may be a \\p{Lu} of the regex module: every one is str.isupper, but the
    module's Unicode tables are newer than Python's, where its newest letters are unassigned."""
    return c.isupper() or (c > "\x7f" and unicodedata.category(c) == "Cn")


_VOWELS = set("aăâeêioôơuưyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


# _CAPS_THEN_LOWER backtracks through every word of an all-capitals line before it fails;
# it needs a lower-case letter, and a search for one is quick.
_LOWER = regex.compile(r"\p{Ll}")


def _split_caps(text: str) -> list[str]:
    m = _CAPS_THEN_LOWER.match(text) if _LOWER.search(text) else None
    if m and " " in m.group(1):
        cut = m.end(1)
        if text[cut] in _VOWELS:
            cut -= 1        # 'VIỆT NAMĐộc lập': the last capital starts the next word
        return _split_caps(text[:cut]) + [text[cut:]]
    m = _glued_type().match(text)
    if m:
        return [m.group(1)] + _split_caps(text[m.end(1):])
    return [text]


# ----------------------------------------------------------------- joining
def _join_wrapped(lines: list[_Line]) -> list[_Line]:
    width = _wrap_width(lines)
    out: list[_Line] = []
    pending_blank: list[_Line] = []
    for l in lines:
        if not l.text:
            pending_blank.append(l)
            continue
        prev = out[-1] if out else None
        if prev is not None and _continues(prev, l, len(pending_blank), width):
            joined = _Line(prev.text + " " + l.text, prev.page)
            joined.pages = (prev.pages or [(0, prev.page)]) + [(len(prev.text) + 1, l.page)]
            # the joining space is no letter: the paragraph's counts are the sum of its lines'
            if prev.counts is not None:
                (a, b), (c, d) = prev.counts, _letter_counts(l)
                joined.counts = (a + c, b + d)
            if prev.lowers is not None:
                joined.lowers = prev.lowers + _ascii_lowers(l)
            out[-1] = joined
        else:
            if pending_blank and out:
                out.append(pending_blank[0])
            out.append(l)
        pending_blank = []
    return out


def _letter_counts(line: _Line) -> tuple[int, int]:
    """(letters, capitals) of a line, counted once: a paragraph being joined is asked
    again at every line, and counting it afresh each time was quadratic."""
    if line.counts is None:
        line.counts = (sum(map(str.isalpha, line.text)), sum(map(str.isupper, line.text)))
    return line.counts


_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))


def _ascii_lowers(line: _Line) -> int:
    """The number of a-z in the line, counted once, like _letter_counts (bytes.translate
    counts them much faster than a test of each character)."""
    if line.lowers is None:
        data = line.text.encode("utf-8", "surrogatepass")
        line.lowers = len(data) - len(data.translate(None, _ASCII_LOWER))
    return line.lowers


def _mostly_capitals(line: _Line) -> bool:
    """patterns.upper_share(line.text) > 0.7."""
    # a-z are letters and no capitals: when they are 30 % of the characters, capitals
    # cannot be 70 % of the letters, and the costly count of both is not needed
    if 10 * _ascii_lowers(line) >= 3 * len(line.text):
        return False
    letters, capitals = _letter_counts(line)
    return (capitals / letters if letters else 0.0) > 0.7


def _wrap_width(lines: list[_Line]) -> Optional[int]:
    """The line width of hard-wrapped text, or None when paragraphs are single lines."""
    lengths = sorted(len(l.text) for l in lines if l.text)
    if len(lengths) < 20:
        return None
    p90 = lengths[int(len(lengths) * 0.9)]
    if p90 > 160 or p90 < 40:
        return None
    near = len(lengths) - bisect_left(lengths, 0.75 * p90)      # lengths >= 0.75 * p90
    return p90 if near >= 0.4 * len(lengths) else None


def _continues(prev_line: _Line, cur_line: _Line, blanks: int, width: Optional[int]) -> bool:
    prev, cur = prev_line.text, cur_line.text
    first = cur[:1]
    prev_open = not prev.endswith(_TERMINAL)
    # Every test below that needs no pattern or count and ends in False comes first: on
    # most lines one of them decides. They are the ones of the branches further down.
    if blanks > 2:
        return False
    if first.islower():
        if not (prev_open or blanks == 0):
            return False
    elif not prev_open or (blanks and not first.isdigit()):
        return False
    if "\t" in prev or "\t" in cur:
        return False
    # the first character rules the preamble and closing words out on most lines
    if is_marker_line(cur) or _opens_preamble(cur) or (first == "N" and CLOSING_START.match(cur)):
        return False
    if first.islower():
        # a lowercase line after an all-caps heading starts the title, not a continuation
        return not (len(prev) > 3 and _mostly_capitals(prev_line))
    if first.isdigit():
        return True
    if _mostly_capitals(prev_line) or _mostly_capitals(cur_line):
        return False
    if _opens_preamble(prev):
        return True   # a căn cứ item runs to its ';'
    if is_marker_line(prev) and len(prev) < 0.8 * (width or 10 ** 6):
        return False
    if width is not None:
        return len(prev) >= 0.6 * width
    return prev.endswith((",", "-", "của", "và", "về", "các", "số", "ngày", "tại", "theo"))


def _opens_preamble(text: str) -> bool:
    """Whether PREAMBLE_START matches; its words start with one of these capitals."""
    return text[:1] in "CTXS" and PREAMBLE_START.match(text) is not None


# ----------------------------------------------------------------- assembly
def _assemble(lines: list[_Line]) -> NormText:
    parts, page_starts, page_numbers, pos = [], [], [], 0
    for l in lines:
        if l.pages is None:         # a line on one page
            if not page_numbers or page_numbers[-1] != l.page:
                page_starts.append(pos)
                page_numbers.append(l.page)
        else:
            for col, page in l.pages:
                if not page_numbers or page_numbers[-1] != page:
                    page_starts.append(pos + col)
                    page_numbers.append(page)
        parts.append(l.text)
        pos += len(l.text) + 1
    whole = "\n".join(parts)
    text = whole.strip("\n")
    lead = len(whole) - len(whole.lstrip("\n"))
    page_starts = [max(0, s - lead) for s in page_starts]
    if all(p is None for p in page_numbers):
        page_starts, page_numbers = [], []
    return NormText(text=text, page_starts=page_starts, page_numbers=page_numbers)


# ----------------------------------------------------------------- tone marks
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_OLD_TONE = regex.compile(r"(?i)(?<!q)(?<=\b\p{L}{0,3})([oòóỏõọ][aàáảãạeèéẻẽẹ]|[uùúủũụ][yỳýỷỹỵ])(?!\p{L})")
# Only a pair whose second vowel carries the tone can change: a fast scan (standard re)
# finds those, and the full pattern above is tried at each. The pairs cannot overlap,
# as first and second vowels come from different letters.
_TONE_ON_SECOND = re.compile("[oòóỏõọOÒÓỎÕỌ][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|[uùúủũụUÙÚỦŨỤ][ỳýỷỹỵỲÝỶỸỴ]")


def tone_normalise(text: str) -> str:
    """One convention: in open syllables oa/oe/uy the tone sits on the first vowel
    (hóa, khỏe, thủy), as most current documents print it. Same length as input."""
    parts, done = [], 0
    for pair in _TONE_ON_SECOND.finditer(text):
        m = _OLD_TONE.match(text, pair.start())
        if m:
            parts.append(text[done:m.start()])
            parts.append(_move_tone(m))
            done = m.end()
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def _move_tone(m: "regex.Match") -> str:
    first, second = m.group(1)[0], m.group(1)[1]
    d2 = unicodedata.normalize("NFD", second)
    tone = next((c for c in d2 if c in _TONES), None)
    if tone is None:
        return m.group(1)
    base2 = unicodedata.normalize("NFC", "".join(c for c in d2 if c != tone))
    d1 = unicodedata.normalize("NFD", first)
    if any(c in _TONES for c in d1):
        return m.group(1)
    new1 = unicodedata.normalize("NFC", d1[0] + tone + d1[1:])
    return new1 + base2 if len(new1) == 1 and len(base2) == 1 else m.group(1)


def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0].lower()
    return base if len(base) == 1 else c


# One translation table for the Basic Multilingual Plane's Latin, Greek, Cyrillic and
# Vietnamese blocks: str.translate is far faster than normalising character by character.
_FOLD_TABLE = {cp: _fold_char(chr(cp)) for cp in list(range(0x41, 0x250)) + list(range(0x370, 0x530))
               + list(range(0x1E00, 0x1F00)) if _fold_char(chr(cp)) != chr(cp)}
# The same table with every other character up to the arrows block mapped to itself: a
# character missing from the table costs str.translate a raised and caught LookupError,
# which made folding twice as slow (quotes, dashes and … are common in the texts).
_DENSE_FOLD_TABLE = {cp: _FOLD_TABLE.get(cp, chr(cp)) for cp in range(0x2200)}
# The table as an array of code points, for whole documents: one vectorised lookup is five
# times faster than str.translate's lookup per character, but costs more to set up, so
# short strings (names, phrases) keep str.translate.
_FOLD_ARRAY = numpy.array([ord(_DENSE_FOLD_TABLE[cp]) for cp in range(0x2200)], dtype=numpy.uint32)
_ARRAY_FROM = 2000


def fold(text: str) -> str:
    """Lowercase, no diacritics, đ→d; same length as the input."""
    points = _code_points(text) if len(text) >= _ARRAY_FROM else None
    if points is None:
        return text.translate(_DENSE_FOLD_TABLE)
    size = len(_FOLD_ARRAY)
    if points.max() < size:
        folded = _FOLD_ARRAY[points]
    else:  # characters past the table are their own fold
        folded = numpy.where(points < size, _FOLD_ARRAY[numpy.minimum(points, size - 1)], points)
    return folded.tobytes().decode("utf-32-le")
