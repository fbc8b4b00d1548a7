"""Legacy Vietnamese 8-bit text (TCVN3/ABC ``.VnTime``, VNI-Windows) to Unicode.

Old documents keep the font's byte values, so their text reads as Latin-1 gibberish
(``Céng hoµ`` is TCVN3, ``Coäng hoøa`` is VNI).  ``detect`` is cheap enough to run on
every page; ``to_unicode`` converts with the tables in ``data/legacy_encodings.json``.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources
from itertools import islice

# Letters only real Unicode Vietnamese has (ă đ ĩ ũ ơ ư, the U+1EA0 block, NFD marks):
# a legacy page has none of them, an ordinary page has hundreds.
_UNICODE_VI = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1"
                         "\u01af\u01b0\u0300-\u036f\u1ea0-\u1ef9]")

MIN_SIGNS = 3           # fewer signature characters is too little to tell from a stray µ or ©
MIN_KINDS = 2           # ... and one symbol repeated (5 µm, 10 µm) is a symbol, not an encoding
MIN_RATE = 0.02         # signs per non-space character: legacy Vietnamese gives 10-20 %
MARGIN = 3              # the winning encoding needs 3 times the other's signs
UNICODE_CAP = 25        # this many real Vietnamese letters: Unicode already, stop looking
UNICODE_SHARE = 0.2     # fewer than that, but more than this per sign: also Unicode


@cache
def _tables() -> dict:
    # read directly, as lexicon.load does, so the readers can import this module on its own
    data = resources.files("extractor.data").joinpath("legacy_encodings.json")
    return json.loads(data.read_text(encoding="utf-8"))


@cache
def _tcvn3_table() -> dict[int, str]:
    t = _tables()["tcvn3"]
    legacy = str.maketrans({**t["lower"], **t["upper"], **t["vn1_upper"]})
    return {i: chr(i) for i in range(256)} | legacy   # translate is much slower on a missing key


@cache
def _vni() -> tuple[re.Pattern, dict[str, str]]:
    t = _tables()["vni"]
    table = dict(t["letters"])
    for seq, letter in t["sequences"].items():
        table[seq] = letter
        # the base's case decides; a mark glyph of the other case is a typing slip, not new text
        table.setdefault(seq[0] + seq[1].swapcase(), letter)
    keys = sorted(table, key=len, reverse=True)          # longest match: "oá" (ố) before "o"
    return re.compile("|".join(map(re.escape, keys))), table


@cache
def _signs() -> dict[str, re.Pattern]:
    """Signature patterns: what each encoding writes and ordinary text does not."""
    t = _tables()
    tc = {**t["tcvn3"]["lower"], **t["tcvn3"]["upper"]}
    vni_chars = set(t["vni"]["letters"]) | {c for s in t["vni"]["sequences"] for c in s}
    # µ ¸ ¨ ® … Ç Ð Þ ß × ÷ þ: never in VNI (ç and ý are ordinary letters elsewhere);
    # counted only inside a word, so a © or ® standing alone does not count
    only = "".join(sorted(c for c in tc if c not in vni_chars and c not in "çý"))
    caps = "".join(sorted(c for c in tc if c.isupper()))
    lows = "".join(sorted(c for c in tc if c.islower()))
    one, up, low, any_ = (re.escape(x) for x in (only, caps, lows, "".join(set(only + caps + lows))))
    letter = "A-Za-z\u00a1-\u00ff"
    # one character class first, the context after it in look-behinds: re scans for the class fast
    tcvn3 = (f"[{any_}](?:(?<=[{letter}][{one}])|(?<=[{one}])(?=[{letter}])"
             f"|(?<=[a-z][{up}])"                      # ViÖt, chØnh: a capital inside a lowercase word
             f"|(?<=[A-Z][{low}])(?=[A-Z]))")          # CéNG, HéI: .VnTimeH capitals between capitals
    by_base: dict[str, str] = {}
    for seq in t["vni"]["sequences"]:
        if seq.lower() not in ("oà", "oá", "oã"):     # also Unicode: hoà, hoá, xoã (VNI ồ ố ỗ)
            by_base[seq[0]] = by_base.get(seq[0], "") + seq[1]
    vni = "|".join(f"{re.escape(b)}[{re.escape(m)}]" for b, m in by_base.items())   # Vieät, hoøa
    return {"tcvn3": re.compile(tcvn3), "vni": re.compile(vni)}


def detect(text: str) -> str | None:
    """``"tcvn3"``, ``"vni"`` or None (Unicode, English, too short or ambiguous)."""
    if not text or text.isascii():
        return None
    # the quick exit for ordinary pages (NFC or NFD): their 25th Vietnamese letter comes
    # within a few lines, long before the whole page is read
    uni = sum(1 for _ in islice(_UNICODE_VI.finditer(text), UNICODE_CAP))
    if uni >= UNICODE_CAP:
        return None
    # every sign has a Latin-1 character (counted by two C-speed encodes): English with a
    # stray © or é stops here
    size = len(text) - sum(map(text.count, " \t\r\n"))
    latin1 = len(text.encode("latin-1", "ignore")) - len(text.encode("ascii", "ignore"))
    if latin1 < MIN_SIGNS or latin1 < MIN_RATE * size:
        return None
    found = {enc: p.findall(text) for enc, p in _signs().items()}
    enc = max(found, key=lambda e: len(found[e]))
    best, other = len(found[enc]), min(map(len, found.values()))
    if (best < MIN_SIGNS or len(set(found[enc])) < MIN_KINDS or best < MARGIN * other
            or best < MIN_RATE * size or uni > UNICODE_SHARE * best):
        return None
    return enc


# words of two or more letters without ASCII lowercase: the only ones _recase may change
_CAPS_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_a-z]{2,}(?![^\W\d_])")


def _recase(m: re.Match) -> str:
    """A .VnTimeH capital shares its code with the lowercase letter (see the data file); put
    the case back when the word is plainly upper case: no ASCII lowercase, and a capital after
    the first letter (QUYÕT → QUYẾT, ñY → ỦY).  Hµ stays Hà: HÀ would be written the same."""
    w = m.group()
    return w.upper() if any(c.islower() for c in w) and any(c.isupper() for c in w[1:]) else w


def to_unicode(text: str, encoding: str) -> str:
    """Convert legacy text; anything outside the tables (digits, ASCII, newlines) passes through."""
    if encoding == "tcvn3":
        out = _CAPS_WORD.sub(_recase, text.translate(_tcvn3_table()))
    elif encoding == "vni":
        pattern, table = _vni()
        out = pattern.sub(lambda m: table[m.group()], text)
    else:
        raise ValueError(f"unknown legacy encoding: {encoding!r}")
    return unicodedata.normalize("NFC", out)


def fix(text: str) -> tuple[str, str | None]:
    """(Unicode text, encoding it was in) or (text unchanged, None)."""
    enc = detect(text)
    return (to_unicode(text, enc), enc) if enc else (text, None)
