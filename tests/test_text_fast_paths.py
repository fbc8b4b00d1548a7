"""The shortcuts of reading and normalising agree with the plain steps they skip."""
import random
import sys
import unicodedata

import regex

from extractor import normalise as N
from extractor.patterns import upper_share
from extractor.readers import text as T
from tests.conftest import need_shared


def _clean_chars_step_by_step(text: str) -> str:
    """clean_chars without its shortcuts."""
    text = unicodedata.normalize("NFC", text)
    if N._CYRILLIC.search(text):
        text = text.translate(N._HOMOGLYPHS)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u0110", "Đ")
    text = text.replace("\u00d0", "Đ").replace("\u2028", "\n").replace("\u2029", "\n")
    text = N._DROPPED.sub("", text)
    text = N._SPACES.sub(" ", text)
    text = N._BULLET_GLYPHS.sub("•", text)
    return text.replace("\u2010", "-").replace("\u2011", "-")


def _corpus_texts(n=80):
    paths = sorted(need_shared("corpus", "real", "text").iterdir())[:n]
    return [p.read_text(encoding="utf-8") for p in paths]


def test_clean_chars_shortcuts_change_nothing():
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x3000)] + ["\ufeff", "\uf0b7", "\u3000", "\U0001d458", "\u0301"]
    texts = _corpus_texts() + ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
                               for _ in range(20000)]
    texts.append(unicodedata.normalize("NFD", "Điều 1.\u00a0Quyết định này"))
    for text in texts:
        assert N.clean_chars(text) == _clean_chars_step_by_step(text), repr(text[:80])


def test_nfc_stable_characters_never_compose_with_the_one_before():
    # a character that is the second of a canonical decomposition may compose with what
    # precedes it (NFC_Quick_Check=Maybe): none may be in the set that skips NFC
    seconds = set()
    for cp in range(sys.maxunicode + 1):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<"):
            seconds.update(chr(int(h, 16)) for h in d.split()[1:])
    assert not seconds & N._NFC_STABLE


def test_line_patterns_found_from_the_newline_match_the_anchored_ones():
    rule = regex.compile(r"(?m)^[ \t]*[-=]{3,}[ \t-]*$")
    border = regex.compile(r"(?m)^[ \t]*\+[-=+:]{3,}\+?[ \t]*$")
    rng = random.Random(3)
    alphabet = "-= \t\na+:\n"
    texts = _corpus_texts(20) + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
                                 for _ in range(30000)]
    for text in texts:
        assert T._RULE.sub("\n", "\n" + text)[1:] == rule.sub("", text), repr(text)
        assert T._GRID_BORDER.sub("\n", "\n" + text)[1:] == border.sub("", text), repr(text)


def test_mostly_capitals_is_upper_share_above_seven_tenths():
    lines = [l for t in _corpus_texts(40) for l in t.split("\n") if l.strip()]
    lines += ["UBND TỈNH", "ỦY BAN NHÂN DÂN abc", "Ⅳ. MỤC TIÊU", "abc", "", "123", "ĐẢNG BỘ TỈNHvề"]
    for line in lines:
        assert N._mostly_capitals(N._Line(line, None)) == (upper_share(line) > 0.7), line
