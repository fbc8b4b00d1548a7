"""Vietnamese marker patterns shared by the normaliser and the segmenter.

Patterns are written for NFC text in the one tone-mark convention of ``NormText.match``.
"""
from __future__ import annotations

import re
from typing import Callable

import regex

ROMAN = r"(?:X{0,3}(?:IX|IV|V?I{0,3})|XL|L)"

# Each entry: (kind-of-marker, pattern). Order matters: the first that matches wins.
MARKERS: list[tuple[str, "regex.Pattern"]] = [
    ("phan", regex.compile(r"(?P<word>Phần|PHẦN)\s+(?P<num>thứ\s+\w+|THỨ\s+\w+|[IVXL]+|\d+)\b\s*[.:\-–]?\s*")),
    ("chuong", regex.compile(r"(?P<word>Chương|CHƯƠNG)\s+(?P<num>[IVXL]+|\d+)\b\s*[.:\-–]?\s*")),
    ("muc_luat", regex.compile(r"(?P<word>Mục|MỤC)\s+(?P<num>\d+|[IVXL]+)\b\s*[.:\-–]?\s*")),
    ("dieu", regex.compile(r"(?P<word>Điều|ĐIỀU|Điêu)\s+(?P<num>\d{1,3}[a-zđ]?)(?:\s*[.:]\s*|\s*$|\s+(?=\p{Lu}{2}))")),
    ("roman", regex.compile(r"(?P<num>(?=[IVXL])" + ROMAN + r")\s*[.\-–)]\s*(?=\S)")),
    ("num", regex.compile(r"(?P<num>\d{1,2}(?:\.\d{1,2}){1,4})\.?(?=\s)\s*(?=\S)")),
    ("num", regex.compile(r"(?P<num>\d{1,2})\s*[.)](?=\s|\p{Lu})\s*(?=\S)")),
    ("letter", regex.compile(r"(?P<num>[a-zđ])\s*\)\s*(?=\S)")),
    # 'a. Giao …': Word's lowerLetter numbering with a '%1.' level text
    ("letter", regex.compile(r"(?P<num>[a-zđ])\.\s+(?=\p{Lu})")),
    ("paren", regex.compile(r"\((?P<num>\d{1,2}|[a-zđ])\)\s*(?=\S)")),
    ("bullet", regex.compile(r"(?P<num>[-+•–*])\s*(?=\S)")),
]

PREAMBLE_START = regex.compile(
    r"(?:Căn cứ|CĂN CỨ|Thực hiện|Xét|XÉT|Theo đề nghị|Theo đề xuất|Sau khi xem xét|Sau khi nghe"
    r"|Trên cơ sở|Thi hành)\b")

CLOSING_START = regex.compile(r"(?:Nơi nhận|NƠI NHẬN)\s*:?")
AUTHORITY = regex.compile(r"(?:(?:TM|T\.M|KT|TL|TUQ|Q)\s*[./]\s*|(?:T/M|K/T|T/L)[.\s]\s*)", regex.I)


# The characters a marker of each kind can start with. A line's first character picks the
# one or two patterns worth trying, instead of trying all ten in turn.
_FIRST_CHARS = {"phan": "P", "chuong": "C", "muc_luat": "M", "dieu": "Đ", "roman": "IVXL",
                "num": "0123456789", "letter": "abcdefghijklmnopqrstuvwxyzđ", "paren": "(", "bullet": "-+•–*"}
_BY_FIRST: dict[str, list[tuple[str, "regex.Pattern"]]] = {}
for _kind, _pat in MARKERS:
    for _c in _FIRST_CHARS[_kind]:
        _BY_FIRST.setdefault(_c, []).append((_kind, _pat))
_NUMBERS = _BY_FIRST["0"]          # \d also takes other scripts' decimal digits


def _after_roman(line: str) -> bool:
    """A Roman number is followed by a space or one of .-–) (the roman pattern)."""
    c = line.lstrip("IVXL")[:1]
    return c != "" and (c in ".-–)" or c.isspace())


def _after_letter(line: str) -> bool:
    """A letter marker is followed by ')' after optional spaces, or by '.' (the letter patterns)."""
    c = line[1:2]
    return c != "" and (c in ")." or c.isspace())


# Most lines are prose, and most of those open with a character some marker opens with
# too ('Các …', 'Đối với …', 'a' of 'các'); a cheap test of the line's start, a condition
# of every pattern tried for that character, rules them out before any regex runs.
# (str.isspace holds for every character \s matches.)
_QUICK_TESTS = {"phan": lambda line: line.startswith(("Phần", "PHẦN")),
                "chuong": lambda line: line.startswith(("Chương", "CHƯƠNG")),
                "muc_luat": lambda line: line.startswith(("Mục", "MỤC")),
                "dieu": lambda line: line.startswith(("Điều", "ĐIỀU", "Điêu")),
                "roman": _after_roman, "letter": _after_letter}
# one test per first character: the kinds of _FIRST_CHARS share none
_QUICK_BY_FIRST = {c: _QUICK_TESTS[kind] for kind, chars in _FIRST_CHARS.items() if kind in _QUICK_TESTS
                   for c in chars}


def match_marker(line: str):
    """Return (kind, match) for a line that opens with a section marker, else None.

    The first pattern in MARKERS order that matches wins."""
    first = line[:1]
    candidates = _BY_FIRST.get(first)
    if candidates is None:
        if not first.isdecimal():
            return None
        candidates = _NUMBERS
    quick = _QUICK_BY_FIRST.get(first)
    if quick is not None and not quick(line):
        return None
    for kind, pat in candidates:
        m = pat.match(line)
        if m:
            if kind == "roman" and not m.group("num"):
                continue
            return kind, m
    return None


def is_marker_line(line: str) -> bool:
    return match_marker(line) is not None


def upper_share(s: str) -> float:
    """Share of capitals among the letters of s."""
    letters = sum(map(str.isalpha, s))
    return sum(map(str.isupper, s)) / letters if letters else 0.0


def finditer(pattern: "regex.Pattern", starts: "re.Pattern", text: str, pos: int, endpos: int):
    """pattern.finditer(text, pos, endpos), found faster.

    starts is a plain pattern for the standard re that matches at every position where
    pattern can match (and maybe elsewhere): re scans a document several times faster than
    the regex module, and pattern is tried only where starts matches. Where it fails, the
    scan goes on from the next character, so no match is skipped; where it matches, from
    its end, as finditer does. The patterns given here never match the empty string."""
    while pos < endpos:
        hit = starts.search(text, pos, endpos)
        if hit is None:
            return
        m = pattern.match(text, hit.start(), endpos)
        if m is None:
            pos = hit.start() + 1
            continue
        yield m
        pos = m.end()


def matches_at(pattern, starts: list[int], text: str, endpos: int):
    """pattern.finditer(text, pos, endpos) when starts (in order, all >= pos) holds every place a
    match can start: a match is tried at each start not inside the match before. A scan for the
    few places a pattern can start is much cheaper than regex trying every position."""
    last = 0
    for p in starts:
        if p < last:
            continue
        m = pattern.match(text, p, endpos)
        if m:
            last = m.end()
            yield m


def char_test(pattern: str) -> Callable[[str], bool]:
    """A test of whether one character matches a one-character pattern, each character
    answered once: hot loops over text then cost a dict lookup, not a regex match."""
    compiled = regex.compile(pattern)
    seen: dict[str, bool] = {}

    def test(ch: str) -> bool:
        got = seen.get(ch)
        if got is None:
            got = seen[ch] = compiled.match(ch) is not None
        return got
    return test
